"""export review: the 回头看 / 落实情况 table as .docx, .xlsx or .pdf (shared/CLI.md)."""

from __future__ import annotations

from gongkai_desk.cli.common import EXIT_OK, add_command, err, out


def register(commands, exports) -> None:
    """Add ``review`` to the ``export`` sub-commands."""
    p = add_command(exports, "review", "导出回头看/落实情况表（.docx、.xlsx 或 .pdf）")
    p.add_argument("--plan", type=int, required=True, metavar="ID", help="计划编号（见 plans --json）")
    p.add_argument("--out", required=True, metavar="F", help="输出文件，以 .docx、.xlsx 或 .pdf 结尾")
    p.add_argument(
        "--columns", metavar="a,b,…",
        help="列（逗号分隔）：number, section, text, lead_units, responsible_units, deadline, progress, "
             "status, alert, problems, next_steps, evidence, note；也可写中文列名或各地表格的常用叫法"
             "（如 序号、工作任务/任务内容/主要内容、牵头单位、落实情况/完成情况、存在问题、佐证材料）",
    )
    p.add_argument("--per-unit", action="store_true", help="每个单位单独成表（单位台账）")
    p.add_argument("--unfinished-only", action="store_true", help="只列未完成或逾期的任务")
    p.add_argument("--title", metavar="T", help="表格标题（默认：<年度>年政务公开工作要点落实情况表）")
    p.set_defaults(func=run)


def run(args, ws) -> int:
    """Export the review table and print the written path."""
    from pathlib import Path

    from gongkai_desk.core.exporters.review import export_review
    from gongkai_desk.core.reports.review import column_headers, parse_columns, task_text_added
    from gongkai_desk.core.reports.review_model import ReviewOptions

    columns = parse_columns(args.columns)
    if task_text_added(args.columns):
        err("提示：--columns 中没有任务内容列，已自动加上“具体任务”（回头看表不能没有任务内容）。")
    options = ReviewOptions(
        columns=columns,
        headers=column_headers(args.columns),
        per_unit=args.per_unit,
        unfinished_only=args.unfinished_only,
        title=args.title,
    )
    out_path = Path(args.out).expanduser().resolve()
    pdf_writer = None
    if out_path.suffix.lower() == ".pdf":
        # The PDF is painted by Qt's print layout, the same as the window's print preview.
        from gongkai_desk.ui.printing.print_review import write_pdf as pdf_writer
    from gongkai_desk.cli.check_cmd import warn_review

    path = export_review(ws, args.plan, out_path, options, pdf_writer=pdf_writer, prepare=warn_review)
    out(str(path))
    return EXIT_OK
