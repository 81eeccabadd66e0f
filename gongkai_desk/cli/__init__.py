"""The command line (shared/CLI.md is its contract): a thin layer over ``core.Workspace``.

Each command module exposes ``register(commands, exports)`` adding its parsers, and each parser
sets ``func=run`` with ``run(args, ws) -> int``. Modules import heavy libraries inside ``run``
only, so ``gongkai-desk`` with no command starts the window without paying for them. What the
command modules share (the Chinese parser, ``out``/``err``, exit codes) is in ``common.py``.
"""

from __future__ import annotations

import errno
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

# A plain window launch (``gongkai-desk``, ``--db PATH``) reads its options without argparse and
# without importing the nine command modules (``window_options``): those load with the parser.
_COMMAND_NAMES = ("base_cmds", "stats_cmd", "report_cmd", "review_cmd", "import_cmd", "feedback_cmd", "calendar_cmd",
                  "overview_cmd", "check_cmd")
__all__ = ["main", "entry", "build_parser", "run_command", "translate_argparse"]


def __getattr__(name: str):
    if name == "COMMAND_MODULES":
        return command_modules()
    if name == "translate_argparse":
        from gongkai_desk.cli.common import translate_argparse

        return translate_argparse
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def command_modules() -> tuple:
    """The command modules, in the order their commands are listed (``register(commands, exports)``)."""
    from importlib import import_module

    return tuple(import_module(f"gongkai_desk.cli.{name}") for name in _COMMAND_NAMES)


def build_parser() -> argparse.ArgumentParser:
    from gongkai_desk.cli.common import ChineseArgumentParser, common_options

    parser = ChineseArgumentParser(
        prog="gongkai-desk",
        description="政务公开工作台：不带子命令时打开主窗口。",
        add_help=False,
    )
    common_options(parser)
    parser.add_argument("--exit-after-start", action="store_true", help="窗口首次绘制完成后立即退出（用于冒烟测试和启动测速）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    export = commands.add_parser("export", help="导出回头看表、年报、统计表等", add_help=False)
    common_options(export)
    exports = export.add_subparsers(dest="what", metavar="导出内容", parser_class=ChineseArgumentParser, required=True)
    for module in command_modules():
        module.register(commands, exports)
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
    except BrokenPipeError:
        return _reader_gone()
    try:
        sys.stdout.flush()  # a reader that went away is found here, not at interpreter exit
    except BrokenPipeError:
        _reader_gone()
    except OSError as e:  # EINVAL: Windows' word for the same
        if e.errno != errno.EINVAL:
            raise
        _reader_gone()
    return code


def _reader_gone() -> int:
    """stdout's reader closed it while something wrote past ``common.out`` (the final flush):
    the command itself has finished, so end quietly, with no message."""
    from gongkai_desk.cli.common import EXIT_OK, silence_stdout

    silence_stdout()
    return EXIT_OK


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    window = window_options(argv)
    if window is None:
        parser = build_parser()
        args = parser.parse_args(argv)
        if check := getattr(args, "usage_check", None):
            check(args)  # a usage error exits 2 here, before any database is opened
        if args.command is not None:
            return run_command(args)
        window = getattr(args, "db", None), args.exit_after_start
    db, exit_after_start = window
    if db is not None and not str(db).strip():
        from gongkai_desk.cli.common import EXIT_USAGE, err

        err("数据库路径为空：请在 --db 后写出数据库文件的路径，或去掉 --db 使用默认数据库。")
        return EXIT_USAGE
    from gongkai_desk import paths
    from gongkai_desk.ui.first_picture import looks_sealed

    # The ordinary first frame's modules, unless the first paint is the kept picture, which needs
    # none of them (they are imported after it then).
    if not looks_sealed(str(db) if db is not None else str(paths.default_db_path()), str(paths.settings_path())):
        _import_before_qt()
    from gongkai_desk.ui.app import run

    return run(db, exit_after_start=exit_after_start)


def _import_before_qt() -> None:
    """Import the Qt-free modules of the window's first screen before PySide6: PySide reads the
    source of each module imported after it (looking for ``from __feature__``), which costs
    start-up ≈ 2–3 ms for these and the standard modules only they import."""
    import gongkai_desk.core.errors  # noqa: F401
    import gongkai_desk.core.first_screen  # noqa: F401
    import gongkai_desk.core.imports.formats  # noqa: F401
    import gongkai_desk.core.labels  # noqa: F401
    import gongkai_desk.core.storage.db  # noqa: F401
    import gongkai_desk.paths  # noqa: F401


def window_options(argv: list[str]) -> tuple[str | None, bool] | None:
    """(db, exit_after_start) of a plain window launch (no arguments, ``--db PATH``,
    ``--exit-after-start``, each at most once), read without building the whole parser (≈ 4 ms of
    start-up); None for anything else, which the parser reads (and answers as before)."""
    db, exit_after_start, rest = None, False, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--exit-after-start" and not exit_after_start:
            exit_after_start = True
        elif arg == "--db" and db is None and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif arg.startswith("--db=") and db is None and not arg[5:].startswith("-"):
            db = arg[5:]
        else:
            return None
    return db, exit_after_start


def run_command(args: argparse.Namespace) -> int:
    import sqlite3

    from gongkai_desk.cli.common import EXIT_DATA, EXIT_USAGE, err

    from gongkai_desk.core.errors import GongkaiError
    from gongkai_desk.core.workspace import Workspace
    from gongkai_desk.paths import default_db_path

    db_path = getattr(args, "db", None)
    ws = None
    try:
        if db_path is not None and not str(db_path).strip():
            err("数据库路径为空：请在 --db 后写出数据库文件的路径，或去掉 --db 使用默认数据库。")
            return EXIT_USAGE
        db_path = db_path or default_db_path()
        if getattr(args, "needs_db", True):
            ws = Workspace.open(db_path)
        return int(args.func(args, ws) or 0)
    except GongkaiError as e:
        err(str(e))
        return EXIT_DATA
    except BrokenPipeError:  # stdout closed by its reader: not the data's fault (main ends quietly)
        raise
    except OSError as e:  # what the core did not foresee: still one sentence, no traceback
        from gongkai_desk.core.files import describe_os_error

        err(describe_os_error(e))
        return EXIT_DATA
    except sqlite3.Error as e:
        from gongkai_desk.core.storage.db import describe

        err(f"无法读写数据库 {db_path}：{describe(e, db_path)}。")
        return EXIT_DATA
    except KeyboardInterrupt:
        err("已取消。")
        return EXIT_DATA
    finally:
        if ws is not None:
            ws.close()


def entry() -> None:
    sys.exit(main())
