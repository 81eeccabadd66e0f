"""stats, export stats-template (shared/CLI.md)."""

from __future__ import annotations

from pathlib import Path

from gongkai_desk.cli.common import EXIT_DATA, EXIT_OK, add_command, err, out

BLANK = "（未填）"


def register(commands, exports) -> None:
    """Add ``stats`` to ``commands`` and ``stats-template`` to ``exports``."""
    p = add_command(commands, "stats", "查看或载入某年的年报统计数据")
    p.add_argument("--year", type=int, required=True, metavar="N", help="报告年度")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--json", action="store_true", help="以 JSON 输出该年统计数据")
    mode.add_argument("--set", metavar="F", nargs="+",
                      help="从 .json 或统计表 .xlsx 载入统计数据（多个下级单位的统计表逐格相加）")
    p.add_argument("--replace", action="store_true",
                   help="文件中空白的单元格也清空已保存的数字（默认空白表示“此处未填”，保留已有数字）")
    p.set_defaults(func=run)

    p = add_command(exports, "stats-template", "导出供下级单位填报的统计表（.xlsx）")
    p.add_argument("--year", type=int, required=True, metavar="N", help="报告年度")
    p.add_argument("--out", required=True, metavar="F", help="输出文件（.xlsx）")
    p.set_defaults(func=run)


def run(args, ws) -> int:
    """Dispatch on the parser that matched (after checking the year is a real one)."""
    from gongkai_desk.core.values import check_year

    check_year(args.year)
    if getattr(args, "command", None) == "stats":
        if args.replace and not args.set:
            err("--replace 只能与 --set 一起使用。")
            return 2
        return _print_json(args, ws) if args.json else _set(args, ws)
    return _template(args, ws)


def _print_json(args, ws) -> int:
    from gongkai_desk.core import jsontext
    from gongkai_desk.core.reports.annual import load_stats

    # Amounts exactly as stored (1234.5000, not 1234.5), so the output loads back unchanged.
    out(jsontext.dumps(load_stats(ws, args.year).to_json(exact=True), ensure_ascii=False, indent=2))
    return EXIT_OK


def _set(args, ws) -> int:
    from gongkai_desk.core.annual.format import KEY_SET, cell_label
    from gongkai_desk.core.annual.stats import StatsValueError
    from gongkai_desk.core.exchange.stats_file import read_stats_file
    from gongkai_desk.core.reports.annual import load_stats, report_failures

    paths = list(dict.fromkeys(Path(p).resolve() for p in args.set))  # the same file named twice counts once
    returns = None
    try:
        if len(paths) == 1:
            incoming = read_stats_file(paths[0], args.year)
        elif any(p.suffix.lower() != ".xlsx" for p in paths):
            err("只有统计表（.xlsx）可以多个一起逐格相加；JSON 文件请单独载入。统计数据未保存。")
            return EXIT_DATA
        else:
            from gongkai_desk.core.exchange.stats_returns import read_returns

            returns = read_returns(paths, args.year)
            incoming = returns.total
            twice = returns.duplicates()
            if twice:
                files = "、".join(p.file for p in returns.parts if p.unit in twice)
                err(f"{'、'.join(twice)}交了不止一份统计表（{files}），相加会重复计算；请只保留其中一份再载入。统计数据未保存。")
                return EXIT_DATA
    except StatsValueError as e:
        if len(e.problems) == 1 and e.problems[0][0] not in KEY_SET:
            err(f"{e.problems[0][1]}统计数据未保存。")  # one problem with the file: one sentence
            return EXIT_DATA
        for key, msg in e.problems:
            err(f"{msg}[NONNEG-INT]" if key in KEY_SET else msg)
        err(f"共{len(e.problems)}处错误，统计数据未保存。")
        return EXIT_DATA
    current = load_stats(ws, args.year)
    merged = current.merged(incoming, replace=args.replace)
    changes = current.diff(merged)
    if returns is not None:  # who returned, who has not, and each total traced to its parts
        def canonical(name: str) -> str:
            found = ws.units.find(name)
            return found.name if found else name

        expected = [u.name for u in ws.units.all() if not u.is_group]
        out(returns.summary(returns.missing(expected, canonical)))
    kept = [] if args.replace else current.kept_by_blanks(incoming)
    if changes:
        ws.annual.set_stats_cells(args.year, {k: new for k, _, new in changes},
                                  label=f"载入{args.year}年年报统计数据")
        out(f"已保存{args.year}年统计数据，{len(changes)}个单元格有变化：")
        for key, old, new in changes:
            out(f"  {cell_label(key)}：{old if old is not None else BLANK} → "
                f"{new if new is not None else BLANK}"
                + (f"（{returns.trace(key)}）" if returns is not None else ""))
    else:
        out(f"{args.year}年统计数据没有变化，未作修改。")
    if kept:
        out(f"文件中有{len(kept)}个单元格空白，已保留原有数字（空白表示“此处未填”；"
            "要用空白清空原有数字，请加 --replace）。")
    blank = len(merged.blank_keys())
    out(f"现有{len(KEY_SET) - blank}个单元格已填，{blank}个未填。")
    failures = report_failures(ws, args.year, stats=merged, readiness=False)
    if failures:
        err("以下检查未通过（不影响保存，但在改正错误之前不能导出年度报告）：")
        for f in failures:
            err(("错误 " if f.is_error else "提示 ") + f.as_line())
    return EXIT_OK


def _template(args, ws) -> int:
    from gongkai_desk.core.exchange.stats_workbook import write_template

    path = write_template(args.year, Path(args.out), office=ws.settings.office().name)
    out(f"已导出{args.year}年统计表：{path}")
    return EXIT_OK
