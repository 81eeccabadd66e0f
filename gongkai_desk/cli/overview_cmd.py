"""overview: a plan's figures on a date (shared/CLI.md); export overview / chasing notices."""

from __future__ import annotations

import json

from gongkai_desk.cli.common import EXIT_OK, add_command, err, out


def register(commands, exports) -> None:
    p = add_command(commands, "overview", "计划总览：按单位、按部分的完成情况，逾期和临近期限的任务")
    p.add_argument("--plan", type=int, required=True, metavar="ID", help="计划编号（见 plans --json）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="统计日期（默认今天）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run)

    p = add_command(exports, "overview", "导出计划总览（.xlsx 含图表）或落实情况通报（.docx）")
    p.add_argument("--plan", type=int, required=True, metavar="ID", help="计划编号")
    p.add_argument("--out", required=True, metavar="F", help="输出文件，以 .xlsx 或 .docx 结尾")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="统计日期（默认今天）")
    p.set_defaults(func=run_export)

    p = add_command(exports, "chasing", "为逾期和临近期限的单位各生成一份催办通知（.docx）")
    p.add_argument("--plan", type=int, required=True, metavar="ID", help="计划编号")
    p.add_argument("--out", required=True, metavar="DIR", help="输出文件夹")
    p.add_argument("--units", metavar="A,B", help="只为这些单位生成（默认：所有有逾期或临近期限任务的单位）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="统计日期（默认今天）")
    p.set_defaults(func=run_chasing)


def _on(args):
    from gongkai_desk.cli.calendar_cmd import _date

    return _date(args.date) if args.date else None


def run(args, ws) -> int:
    from gongkai_desk.core.reports.overview import build_overview, to_json

    ov = build_overview(ws, args.plan, _on(args))
    if args.json:
        out(json.dumps(to_json(ov), ensure_ascii=False, indent=2))
        return EXIT_OK
    out(f"{ov.title}（{ov.date.isoformat()}）")
    if ov.banner:
        out(f"注意：{ov.banner}。")
    out(f"任务{ov.tasks}项，单位任务{ov.entries}项，已完成{ov.done}项（{ov.completion:.0%}），"
        f"逾期{ov.overdue}项，{ov.rule.due_soon_days}个工作日内到期{ov.due_soon}项。")
    out(ov.rule.text())
    for u in ov.units:
        out(f"{u.unit}\t任务{u.tasks}\t完成{u.done}\t逾期{u.overdue}\t临近{u.due_soon}\t{u.light.word}\t催办{u.chased}次")
    return EXIT_OK


def _chart_renderer():
    """Charts for the Word report are painted by Qt (the same painter as the 总览 page)."""
    from gongkai_desk.ui.overview.charts import render_chart_png

    return render_chart_png


def run_export(args, ws) -> int:
    from pathlib import Path

    from gongkai_desk.core.exporters.overview import export_overview

    from gongkai_desk.cli.check_cmd import warn_overview

    path = export_overview(ws, args.plan, Path(args.out).expanduser().resolve(), _on(args),
                           chart_png=_chart_renderer(), prepare=warn_overview)
    out(str(path))
    return EXIT_OK


def run_chasing(args, ws) -> int:
    from pathlib import Path

    from gongkai_desk.core.exporters.overview import export_chasing_notices, skipped_groups
    from gongkai_desk.core.reports.overview import build_overview

    units = [u.strip() for u in args.units.replace("，", ",").split(",") if u.strip()] if args.units else None
    ov = build_overview(ws, args.plan, _on(args), weekly=False)
    for path in export_chasing_notices(ws, args.plan, Path(args.out).expanduser().resolve(), units=units, overview=ov):
        out(str(path))
    if units is None and (groups := skipped_groups(ov)):
        err(f"以下单位组没有单独的催办通知（请先在任务中展开为成员单位）：{'、'.join(groups)}。")
    return EXIT_OK
