"""What every command module shares: the Chinese argument parser, output helpers, exit codes."""

from __future__ import annotations

import argparse
import errno
import re
import sys

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
    (r"expected (\d+) arguments", "需要 {0} 个值"),
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



def common_options(parser: argparse.ArgumentParser) -> None:
    """-h and --db, which every command takes."""
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="数据库文件（默认：当前用户的数据目录）")


def add_command(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    """Add a sub-parser that has -h and --db like every command."""
    p = commands.add_parser(name, help=help_text, add_help=False)
    common_options(p)
    return p


def check_usage(parser: argparse.ArgumentParser, check) -> None:
    """Have ``check(args)`` (a Chinese phrase, or None when the usage is right) run before the
    command opens anything: a phrase is a usage error, said like argparse's own (exit 2)."""
    parser.set_defaults(usage_check=lambda args: (problem := check(args)) and parser.error(problem))


def out(text: str = "") -> None:
    """Print to stdout as UTF-8, whatever the console's code page.

    A reader that closed the pipe (``… | head -1``, ``… | more`` quit) shows up as EPIPE on Linux
    but as EINVAL on Windows. Either way stdout is pointed at the null device and the command goes
    on to its end: what it prints is only a report, and an edit it is making must still be made
    (or refused) exactly as without the pipe, with its own exit code."""
    try:
        sys.stdout.write(text + "\n")
    except OSError as e:
        if isinstance(e, BrokenPipeError) or e.errno in (errno.EPIPE, errno.EINVAL):
            silence_stdout()
            return
        raise


def silence_stdout() -> None:
    """Point stdout at the null device (its reader has gone), so later prints and the final flush
    at exit stay quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def err(text: str) -> None:
    sys.stderr.write(text + "\n")
