"""The command line (shared/CLI.md is its contract): a thin layer over ``core.Workspace``.

Each command module exposes ``register(commands, exports)`` adding its parsers, and each parser
sets ``func=run`` with ``run(args, ws) -> int``. Modules import heavy libraries inside ``run``
only, so ``gongkai-desk`` with no command starts the window without paying for them.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

COMMAND_MODULES = [
    "gongkai_desk.cli.base_cmds",
    "gongkai_desk.cli.stats_cmd",
    "gongkai_desk.cli.review_cmd",
    "gongkai_desk.cli.import_cmd",
]
EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


# argparse's own messages (Python 3.11-3.13 wording), in Chinese; the offending token is kept.
_ARGPARSE_MESSAGES = [
    (r"invalid choice: (.+?) \(choose from (.+)\)", "无效的选择 {0}（可选：{1}）"),
    (r"the following arguments are required: (.+)", "缺少必需的参数 {0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数 {0}"),
    (r"invalid int value: (.+)", "{0} 不是有效的整数"),
    (r"invalid float value: (.+)", "{0} 不是有效的数字"),
    (r"invalid \S+ value: (.+)", "{0} 不是有效的值"),
    (r"expected one argument", "需要一个值"),
    (r"expected at least one argument", "至少需要一个值"),
    (r"not allowed with argument (.+)", "不能与参数 {0} 同时使用"),
    (r"one of the arguments (.+) is required", "必须提供以下参数之一：{0}"),
    (r"ambiguous option: (.+?) could match (.+)", "选项 {0} 有歧义，可能是 {1}"),
    (r"ignored explicit argument (.+)", "该选项不接受值 {0}"),
]
_HEADINGS = [("usage: ", "用法："), ("positional arguments:", "位置参数："), ("options:", "选项："),
             ("optional arguments:", "选项：")]


def translate_argparse(message: str) -> str:
    """Return argparse's English ``message`` in Chinese (unchanged when not recognised)."""
    m = re.fullmatch(r"argument (.+?): (.*)", message, re.S)
    if m:
        return f"参数 {m[1]}：{translate_argparse(m[2])}"
    for pattern, template in _ARGPARSE_MESSAGES:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            return template.format(*m.groups())
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D102 - argparse hook
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"命令用法有误：{translate_argparse(message)}。请运行 gongkai-desk --help 查看用法。\n")

    def format_usage(self) -> str:  # noqa: D102
        return _chinese_headings(super().format_usage())

    def format_help(self) -> str:  # noqa: D102
        return _chinese_headings(super().format_help())


def _chinese_headings(text: str) -> str:
    for en, zh in _HEADINGS:
        text = re.sub(rf"(?m)^{re.escape(en)}", zh, text, count=1)
    return text


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
        from gongkai_desk.__main__ import run_gui

        return run_gui(getattr(args, "db", None), exit_after_start=args.exit_after_start)
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    import sqlite3

    from gongkai_desk.core.errors import GongkaiError
    from gongkai_desk.core.workspace import Workspace
    from gongkai_desk.paths import default_db_path

    db_path = getattr(args, "db", None) or default_db_path()
    ws = None
    try:
        if getattr(args, "needs_db", True):
            ws = Workspace.open(db_path)
        return int(args.func(args, ws) or 0)
    except GongkaiError as e:
        err(str(e))
        return EXIT_DATA
    except OSError as e:  # what the core did not foresee: still one sentence, no traceback
        from gongkai_desk.core.files import describe_os_error

        err(describe_os_error(e))
        return EXIT_DATA
    except sqlite3.Error as e:
        from gongkai_desk.core.storage.db import describe

        err(f"无法读写数据库 {db_path}：{describe(e)}。")
        return EXIT_DATA
    except KeyboardInterrupt:
        err("已取消。")
        return EXIT_DATA
    finally:
        if ws is not None:
            ws.close()


def entry() -> None:
    sys.exit(main())
