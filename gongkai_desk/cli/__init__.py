"""The command line (shared/CLI.md is its contract): a thin layer over ``core.Workspace``.

Each command module exposes ``register(commands, exports)`` adding its parsers, and each parser
sets ``func=run`` with ``run(args, ws) -> int``. Modules import heavy libraries inside ``run``
only, so ``gongkai-desk`` with no command starts the window without paying for them.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = [
    "gongkai_desk.cli.base_cmds",
    "gongkai_desk.cli.stats_cmd",
    "gongkai_desk.cli.review_cmd",
    "gongkai_desk.cli.import_cmd",
]
EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D102 - argparse hook
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"命令用法有误：{message}。请运行 gongkai-desk --help 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="gongkai-desk",
        description="政务公开工作台：不带子命令时打开主窗口。",
        add_help=False,
    )
    _common(parser)
    parser.add_argument("--exit-after-start", action="store_true", help="窗口首次绘制完成后立即退出（用于冒烟测试和启动测速）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    export = commands.add_parser("export", help="导出回头看表、年报、统计表等", add_help=False)
    _common(export)
    exports = export.add_subparsers(dest="what", metavar="导出内容", parser_class=ChineseArgumentParser, required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands, exports)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="数据库文件（默认：当前用户的数据目录）")


def add_command(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    """Add a sub-parser that has -h and --db like every command."""
    p = commands.add_parser(name, help=help_text, add_help=False)
    _common(p)
    return p


def out(text: str = "") -> None:
    """Print to stdout as UTF-8, whatever the console's code page."""
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ..__main__ import run_gui

        return run_gui(getattr(args, "db", None), exit_after_start=args.exit_after_start)
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    from ..core.errors import GongkaiError
    from ..core.workspace import Workspace
    from ..paths import default_db_path

    db_path = getattr(args, "db", None) or default_db_path()
    try:
        ws = Workspace.open(db_path) if getattr(args, "needs_db", True) else None
    except GongkaiError as e:
        err(str(e))
        return EXIT_DATA
    try:
        return int(args.func(args, ws) or 0)
    except GongkaiError as e:
        err(str(e))
        return EXIT_DATA
    except KeyboardInterrupt:
        err("已取消。")
        return EXIT_DATA
    finally:
        if ws is not None:
            ws.close()


def entry() -> None:
    sys.exit(main())
