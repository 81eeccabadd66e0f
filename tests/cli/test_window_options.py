"""The window's own options are read without the whole parser (start-up), exactly as it reads them."""

from __future__ import annotations

import pytest

from gongkai_desk.cli import build_parser, window_options

WINDOW = [[], ["--exit-after-start"], ["--db", "x.db"], ["--db=x.db"], ["--db", "我的 数据.db", "--exit-after-start"],
          ["--exit-after-start", "--db", ""], ["--db="], ["--db", "demo"]]
OTHERS = [["demo"], ["--db", "x.db", "demo"], ["-h"], ["--help"], ["--db"], ["--db", "-x"], ["--db", "a", "--db", "b"],
          ["--exit"], ["--exit-after-start", "--exit-after-start"], ["list", "--db", "x.db"], ["--", "x"], ["--db=-x"]]


@pytest.mark.parametrize("argv", WINDOW)
def test_a_window_launch_reads_as_the_parser_reads_it(argv):
    args = build_parser().parse_args(argv)
    assert args.command is None
    assert window_options(argv) == (getattr(args, "db", None), args.exit_after_start)


@pytest.mark.parametrize("argv", OTHERS)
def test_anything_else_is_left_to_the_parser(argv):
    assert window_options(argv) is None
