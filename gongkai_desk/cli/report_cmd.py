"""report --json / --set, export annual-report [--draft] (shared/CLI.md)."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai_desk.cli.common import EXIT_OK, add_command, err, out

META_KEYS = {"issuer", "date"}


def register(commands, exports) -> None:
    """Add ``report`` to ``commands`` and ``annual-report`` to ``exports``."""
    p = add_command(commands, "report", "查看或修改某年年度报告的发布机关、成文日期和正文，并列出检查结果")
    p.add_argument("--year", type=int, required=True, metavar="N", help="报告年度")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--json", action="store_true", help="以 JSON 输出发布机关、成文日期、各部分正文和全部检查结果")
    mode.add_argument("--set", metavar="F", help="从 JSON 文件载入发布机关、成文日期和各部分正文（未列出的键保持不变）")
    p.set_defaults(func=run)

    p = add_command(exports, "annual-report", "导出政府信息公开工作年度报告（.docx 或 .xlsx）")
    p.add_argument("--year", type=int, required=True, metavar="N", help="报告年度")
    p.add_argument("--out", required=True, metavar="F", help="输出文件（.docx 或 .xlsx）")
    p.add_argument("--draft", action="store_true",
                   help="即使还有问题也导出，每页和文件名都标明“草稿”，供审阅")
    p.set_defaults(func=run)


def run(args, ws) -> int:
    from gongkai_desk.core.values import check_year

    check_year(args.year)
    if getattr(args, "command", None) == "report":
        return _print_json(args, ws) if args.json else _set(args, ws)
    return _export(args, ws)


def report_json(ws, year: int) -> dict:
    """Return the ``report --json`` object (also what tests compare the window with)."""
    from gongkai_desk.core.annual import format as fmt
    from gongkai_desk.core.reports.annual import issuer_of, iso_date, report_failures

    issuer = issuer_of(ws, year)
    texts = ws.annual.texts(year)
    return {
        "year": year,
        "issuer": issuer.name or None,
        "issuer_source": issuer.source,
        "date": iso_date(ws.annual.meta(year).get("report_date")),
        "sections": {k: texts.get(k, "") for k in fmt.TEXT_KEYS},
        "checks": [f.as_json() for f in report_failures(ws, year)],
    }


def _print_json(args, ws) -> int:
    out(json.dumps(report_json(ws, args.year), ensure_ascii=False, indent=2))
    return EXIT_OK


def _set(args, ws) -> int:
    from gongkai_desk.core.annual import format as fmt
    from gongkai_desk.core.annual.text_rules import section_name
    from gongkai_desk.core.reports.annual import report_failures

    meta, texts = read_report_file(Path(args.set), args.year)
    before_meta, before_texts = ws.annual.meta(args.year), ws.annual.texts(args.year)
    changed_meta = {k: v for k, v in meta.items() if (before_meta.get(k) or None) != v}
    changed_texts = {k: v for k, v in texts.items() if before_texts.get(k, "") != v}
    if not changed_meta and not changed_texts:
        out(f"{args.year}年度报告没有变化，未作修改。")
    else:
        ws.annual.set_report(args.year, meta=changed_meta, texts=changed_texts,
                             label=f"载入{args.year}年度报告正文")
        out(f"已保存{args.year}年度报告：")
        names = {"issuer": "发布机关", "report_date": "成文日期"}
        for k, v in changed_meta.items():
            out(f"  {names[k]}：{before_meta.get(k) or '（未填）'} → {v or '（未填）'}")
        for k in fmt.TEXT_KEYS:
            if k in changed_texts:
                what = f"已更新（{len(changed_texts[k])}字）" if changed_texts[k].strip() else "已清空"
                out(f"  {section_name(k)}：{what}")
    failures = report_failures(ws, args.year)
    bad = [f for f in failures if f.is_error]
    if failures:
        err(f"检查结果：{len(bad)}个问题须改正后才能导出，{len(failures) - len(bad)}项提示：")
        for f in failures:
            err(("错误 " if f.is_error else "提示 ") + f.as_line())
    return EXIT_OK


def read_report_file(path: Path, year: int) -> tuple[dict, dict]:
    """Return (meta, texts) from a ``report --set`` file; ValidationError names what is wrong."""
    from gongkai_desk.core.annual import format as fmt
    from gongkai_desk.core.errors import ValidationError
    from gongkai_desk.core.reports.annual import iso_date

    if not path.is_file():
        raise ValidationError(f"找不到文件“{path}”。")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(f"“{path.name}”不是 UTF-8 编码的 JSON 文件，请用 UTF-8 编码另存后再载入。") from None
    except json.JSONDecodeError as e:
        raise ValidationError(
            f"“{path.name}”不是有效的 JSON 文件：第{e.lineno}行第{e.colno}列附近的 JSON 格式有误。") from None
    if not isinstance(data, dict):
        raise ValidationError(f"“{path.name}”必须是一个 JSON 对象（含 issuer、date、sections 等键）。")
    unknown = sorted(set(data) - META_KEYS - {"sections", "year", "issuer_source", "checks"})
    if unknown:
        raise ValidationError(f"“{path.name}”中有不认识的键“{unknown[0]}”，可用的键为 issuer、date、sections。")
    if data.get("year") not in (None, year):
        raise ValidationError(f"“{path.name}”中的年份（{data['year']}）与 {year} 年不一致，未保存。")
    meta: dict = {}
    if "issuer" in data:
        if data["issuer"] is not None and not isinstance(data["issuer"], str):
            raise ValidationError("issuer（发布机关）必须是文字或 null。")
        issuer = (data["issuer"] or "").strip()
        if len(issuer) > 100:
            raise ValidationError("issuer（发布机关）不能超过100字。")
        meta["issuer"] = issuer or None
    if "date" in data:
        raw = data["date"]
        if raw not in (None, "") and (not isinstance(raw, str) or iso_date(raw) != raw.strip()):
            raise ValidationError(f"date（成文日期）“{raw}”不是 YYYY-MM-DD 格式的有效日期，如 {year + 1}-01-20。")
        meta["report_date"] = raw.strip() if raw else None
    texts: dict = {}
    sections = data.get("sections", {})
    if not isinstance(sections, dict):
        raise ValidationError("sections 必须是一个对象，键为“一”至“六”。")
    for key, text in sections.items():
        if key not in fmt.TEXT_KEYS:
            raise ValidationError(f"sections 中有不认识的键“{key}”，可用的键为“一”至“六”和“{fmt.OPENING}”。")
        if text is not None and not isinstance(text, str):
            raise ValidationError(f"sections 中“{key}”的正文必须是文字。")
        texts[key] = (text or "").replace("\r\n", "\n")
    return meta, texts


def _export(args, ws) -> int:
    from gongkai_desk.core.exporters.annual import export_annual_report
    from gongkai_desk.core.reports.annual import report_failures

    from gongkai_desk.cli.check_cmd import warn_report

    path = export_annual_report(ws, args.year, Path(args.out), draft=args.draft, prepare=warn_report)
    failures = report_failures(ws, args.year)
    bad = [f for f in failures if f.is_error]
    for f in failures:
        err(("问题 " if f.is_error else "提示 ") + f.as_line())
    if args.draft:
        more = f"；还有{len(bad)}个问题，改正后才能正式导出" if bad else ""
        out(f"已导出{args.year}年政府信息公开工作年度报告草稿（每页标有“草稿”{more}）：{path}")
    else:
        out(f"已导出{args.year}年政府信息公开工作年度报告：{path}")
    return EXIT_OK
