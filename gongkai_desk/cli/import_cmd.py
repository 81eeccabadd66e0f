"""parse and import: read a plan document; print it as JSON, or store it (shared/CLI.md)."""

from __future__ import annotations

from gongkai_desk.cli.common import EXIT_OK, add_command, err, out


def register(commands, exports) -> None:
    """Add ``parse`` and ``import``."""
    p = add_command(commands, "parse", "读取计划文件（.txt/.docx/.xlsx/.html/.htm），以 JSON 输出识别结果，不保存")
    p.add_argument("file", metavar="FILE", help="计划或回头看表文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（目前唯一的输出格式）")
    p.add_argument("--keep-traditional", action="store_true", help="保留繁体字，不转换为简体")
    p.set_defaults(func=run_parse, needs_db=False)

    p = add_command(commands, "import", "导入计划文件并保存为计划；最后一行输出计划编号")
    p.add_argument("file", metavar="FILE", help="计划或回头看表文件")
    p.add_argument("--year", type=int, metavar="N", help="计划年份（文件中没有年份时必须指定）")
    p.add_argument("--title", metavar="T", help="计划标题（默认用文件中的标题）")
    p.add_argument("--into", type=int, metavar="PLAN_ID", help="更新已有的计划（列出改动后应用）")
    p.add_argument("--keep-traditional", action="store_true", help="保留繁体字，不转换为简体")
    p.set_defaults(func=run_import)


def run_parse(args, ws) -> int:
    """Print the parsed plan exactly as ``ParsedPlan.to_json()``."""
    import json

    from gongkai_desk.core.imports.parse import parse_file

    parsed = parse_file(args.file, keep_traditional=args.keep_traditional)
    out(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def run_import(args, ws) -> int:
    """Parse and store (or update) a plan; print a summary, then the plan id alone."""
    from gongkai_desk.core.imports.store import match_parsed_units, store_plan
    from gongkai_desk.core.imports.parse import parse_file

    parsed = parse_file(args.file, keep_traditional=args.keep_traditional)
    if args.into is not None:
        return _update(args, ws, parsed)
    matches = match_parsed_units(ws, parsed)
    plan_id = store_plan(ws, parsed, year=args.year, title=args.title).id
    _print_summary(parsed)
    new = sum(1 for m in matches.values() if not m.known)
    out(f"涉及单位{len(matches)}个：匹配单位名录中已有单位{len(matches) - new}个，新增{new}个。")
    plan = ws.plans.get(plan_id)
    out(f"已导入计划「{plan.title}」（{plan.year}年，{len(parsed.tasks)}项任务）。")
    out(str(plan_id))
    return EXIT_OK


def _update(args, ws, parsed) -> int:
    from gongkai_desk.core.imports.apply import apply_update
    from gongkai_desk.core.imports.diff import diff_update

    plan = ws.plans.get(args.into)
    if args.year is not None and args.year != plan.year:
        err(f"提示：--year 在更新已有计划时不起作用（计划「{plan.title}」是{plan.year}年的）。")
    _print_summary(parsed)
    diff = diff_update(ws, plan.id, parsed)
    out(f"与计划「{plan.title}」比较：")
    for line in diff.lines():
        out(line)
    if not diff.is_empty():
        apply_update(ws, plan.id, diff)
        out("已按上述改动更新计划。")
    out(str(plan.id))
    return EXIT_OK


def _print_summary(parsed) -> None:
    out(parsed.summary() + "。")
    for w in parsed.warnings:
        where = f"第{w.line}行" if w.line else ""
        message = w.message if not where or where in w.message else f"{where}：{w.message}"
        out(f"  提示：{message}")
    if parsed.not_imported:  # nothing is left out without a word (parse --json lists each item)
        from collections import Counter

        reasons = Counter(n.reason for n in parsed.not_imported)
        out(f"  未导入的内容{len(parsed.not_imported)}处：" + "；".join(f"{r}{c}处" for r, c in reasons.most_common()) + "。")
