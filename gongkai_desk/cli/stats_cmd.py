"""stats, export stats-template, export annual-report (shared/CLI.md)."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai_desk.cli.common import EXIT_DATA, EXIT_OK, add_command, err, out


def register(commands, exports) -> None:
    """Add ``stats`` to ``commands`` and ``stats-template``/``annual-report`` to ``exports``."""
    p = add_command(commands, "stats", "查看或载入某年的年报统计数据")
    p.add_argument("--year", type=int, required=True, metavar="N", help="报告年度")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--json", action="store_true", help="以 JSON 输出该年统计数据")
    mode.add_argument("--set", metavar="F", help="从 .json 或统计表 .xlsx 载入统计数据")
    p.set_defaults(func=run)

    p = add_command(exports, "stats-template", "导出供下级单位填报的统计表（.xlsx）")
    p.add_argument("--year", type=int, required=True, metavar="N", help="报告年度")
    p.add_argument("--out", required=True, metavar="F", help="输出文件（.xlsx）")
    p.set_defaults(func=run)

    p = add_command(exports, "annual-report", "导出政府信息公开工作年度报告（.docx 或 .xlsx）")
    p.add_argument("--year", type=int, required=True, metavar="N", help="报告年度")
    p.add_argument("--out", required=True, metavar="F", help="输出文件（.docx 或 .xlsx）")
    p.set_defaults(func=run)


def run(args, ws) -> int:
    """Dispatch on the parser that matched (after checking the year is a real one)."""
    from gongkai_desk.core.values import check_year

    check_year(args.year)
    if getattr(args, "command", None) == "stats":
        return _print_json(args, ws) if args.json else _set(args, ws)
    if args.what == "stats-template":
        return _template(args, ws)
    return _annual_report(args, ws)


def _print_json(args, ws) -> int:
    from gongkai_desk.core.reports.annual import load_stats

    out(json.dumps(load_stats(ws, args.year).to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _set(args, ws) -> int:
    from gongkai_desk.core.reports.annual import report_failures
    from gongkai_desk.core.annual.format import KEY_SET
    from gongkai_desk.core.annual.stats import StatsValueError
    from gongkai_desk.core.exchange.stats_file import read_stats_file

    try:
        stats = read_stats_file(Path(args.set), args.year)
    except StatsValueError as e:
        if len(e.problems) == 1 and e.problems[0][0] not in KEY_SET:
            err(f"{e.problems[0][1]}统计数据未保存。")  # one problem with the file: one sentence
            return EXIT_DATA
        for key, msg in e.problems:
            err(f"[NONNEG-INT] {msg}（单元格：{key}）" if key in KEY_SET else msg)
        err(f"共{len(e.problems)}处错误，统计数据未保存。")
        return EXIT_DATA
    ws.annual.set_stats_cells(args.year, stats.cells(), label=f"载入{args.year}年年报统计数据")
    blank = len(stats.blank_keys())
    out(f"已保存{args.year}年统计数据（{200 - blank}个单元格已填，{blank}个未填）。")
    failures = report_failures(ws, args.year, stats=stats)
    if failures:
        err("以下规则未通过（不影响保存，但在改正错误之前不能导出年度报告）：")
        for f in failures:
            err(("错误 " if f.is_error else "提示 ") + f.as_line())
    return EXIT_OK


def _template(args, ws) -> int:
    from gongkai_desk.core.exchange.stats_workbook import write_template

    path = write_template(args.year, Path(args.out), office=ws.settings.office().name)
    out(f"已导出{args.year}年统计表：{path}")
    return EXIT_OK


def _annual_report(args, ws) -> int:
    from gongkai_desk.core.exporters.annual import export_annual_report
    from gongkai_desk.core.reports.annual import report_failures

    path = export_annual_report(ws, args.year, Path(args.out))
    warnings = [f for f in report_failures(ws, args.year) if not f.is_error]
    for f in warnings:
        err("提示 " + f.as_line())
    out(f"已导出{args.year}年政府信息公开工作年度报告：{path}")
    return EXIT_OK
