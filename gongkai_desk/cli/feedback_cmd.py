"""export feedback, collect: feedback workbooks out to units and back (shared/CLI.md)."""

from __future__ import annotations

import json
import re

from gongkai_desk.cli.common import EXIT_DATA, EXIT_OK, add_command, err, out

STATE_CODES = {"已返回": "returned", "未返回": "not_returned", "有问题": "problems"}


def register(commands, exports) -> None:
    """Add ``feedback`` to the ``export`` sub-commands and ``collect`` to the commands."""
    p = add_command(exports, "feedback", "为每个单位导出一份落实情况反馈表（.xlsx）")
    p.add_argument("--plan", type=int, required=True, metavar="ID", help="计划编号（见 plans --json）")
    p.add_argument("--out", required=True, metavar="DIR", help="保存反馈表的文件夹")
    p.add_argument("--units", metavar="A,B", help="只为这些单位导出（单位名称或别名，逗号分隔；默认：计划中的全部单位）")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="反馈截止日期")
    p.set_defaults(func=run_export)

    p = add_command(commands, "collect", "收集各单位交回的反馈表：列出每处修改和问题，加 --accept 才保存")
    p.add_argument("files", nargs="+", metavar="FILE", help="反馈表文件或文件夹（文件夹中的 .xlsx 全部收集）")
    p.add_argument("--accept", action="store_true", help="接受可以收集的修改（一步，记入修改记录）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出修改、问题和发放情况")
    p.set_defaults(func=run_collect)


def _due(text: str | None):
    import datetime as dt

    from gongkai_desk.core.errors import ValidationError

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"截止日期“{text}”无效，请写成 YYYY-MM-DD，例如 2026-06-30。") from None


def _unit_ids(ws, text: str | None) -> list[int] | None:
    from gongkai_desk.core.errors import ValidationError

    if text is None:
        return None
    names = [n.strip() for n in re.split(r"[,，、]", text) if n.strip()]
    if not names:
        raise ValidationError("--units 没有写单位名称。")
    ids = []
    for name in names:
        unit = ws.units.find(name)
        if unit is None:
            raise ValidationError(f"单位名录中找不到单位“{name}”。")
        ids.append(unit.id)
    return ids


def run_export(args, ws) -> int:
    """Write one workbook per unit into the folder, record the round, print the files written."""
    from pathlib import Path

    from gongkai_desk.core.files import ensure_folder

    folder = Path(args.out).expanduser().resolve()
    due, unit_ids = _due(args.due), _unit_ids(ws, args.units)
    ws.plans.get(args.plan)  # a missing plan is said before any folder is made
    ensure_folder(folder)
    paths, draft = ws.feedback.export(args.plan, folder, unit_ids, due)
    for path in paths:
        out(str(path))
    if draft.skipped_groups and unit_ids is None:
        err(f"以下单位组没有单独的反馈表（请先在任务中展开为成员单位）：{'、'.join(draft.skipped_groups)}。")
    err(f"已导出第{draft.number}轮反馈表，共{len(paths)}份。")
    return EXIT_OK


def run_collect(args, ws) -> int:
    """Review the files; print every change and problem and each round's status; accept on request."""
    from gongkai_desk.core.exchange.feedback_read import expand, read_files

    paths = expand(args.files)
    if not paths:
        err("没有找到要收集的反馈表：所给的文件夹中没有 .xlsx 文件。")
        return EXIT_DATA
    reviews = ws.feedback.review(read_files(paths))
    accepted = None
    takeable = [r for r in reviews if r.refused is None and r.default_accept]
    if args.accept and takeable:
        ws.feedback.accept(reviews)
        accepted = {"files": len(takeable), "changes": sum(len(r.changes) for r in takeable)}
    rounds = _rounds(ws, reviews, pending=accepted is None)
    if args.json:
        out(json.dumps({"files": [_file_json(r) for r in reviews], "rounds": rounds, "accepted": accepted},
                       ensure_ascii=False, indent=2))
    if not any(r.refused is None for r in reviews):
        for r in reviews if not args.json else ():
            err(r.refused)
        err("没有一份反馈表能够收集，数据库未改动。" if len(reviews) > 1 else "这份反馈表不能收集，数据库未改动。")
        return EXIT_DATA
    if not args.json:
        _print_text(reviews, rounds, accepted, args.accept)
    return EXIT_OK


def _rounds(ws, reviews, *, pending: bool) -> list[dict]:
    """The status of every round the files belong to (the files count as returned until accepted)."""
    touched = {(r.plan_id, r.round_id) for r in reviews if r.refused is None}
    result = []
    for plan_id in sorted({p for p, _ in touched}):
        for status in ws.feedback.status(plan_id, reviews if pending else ()):
            rnd = status.round
            if (plan_id, rnd.id) not in touched:
                continue
            result.append({
                "plan": plan_id, "round": rnd.number, "sent_at": rnd.sent_at, "due": rnd.due,
                "returned": status.count("已返回"), "problems": status.count("有问题"),
                "not_returned": status.count("未返回"),
                "units": [{"unit": u.unit_name, "state": STATE_CODES[u.state], "state_label": u.state,
                           "file": u.file_name, "filled_by": u.filled_by or None} for u in status.units],
            })
    return result


def _file_json(r) -> dict:
    return {
        "file": r.name, "path": r.path, "collectable": r.refused is None, "reason": r.refused,
        "plan": r.plan_id, "unit": r.unit_name or None, "round": r.round_number,
        "filled_by": r.signers.get("filled_by") or None, "phone": r.signers.get("phone") or None,
        "reviewer": r.signers.get("reviewer") or None, "default_accept": r.default_accept,
        "changes": [{"task": c.task_id, "number": c.number, "field": c.field, "field_name": c.field_name,
                     "old": c.old, "new": c.new, "conflict": c.conflict, "note": c.note} for c in r.changes],
        "problems": [{"kind": p.kind, "message": p.message, "task": p.task_id, "number": p.number,
                      "row": p.row, "cell": p.cell} for p in r.problems],
        "added_rows": [{"row": a.row, "text": a.text} for a in r.added],
    }


def _one_line(text: str) -> str:
    return (text or "（空）").replace("\n", " / ")


def _print_text(reviews, rounds, accepted, asked: bool) -> None:
    for r in reviews:
        if r.refused is not None:
            out(f"{r.name}：未收集。{r.refused}")
            continue
        who = f"，填报人 {r.filled_by}" if r.filled_by else ""
        phone = f"（{r.signers['phone']}）" if r.signers.get("phone") else ""
        out(f"{r.name}：{r.unit_name}，第{r.round_number}轮{who}{phone}，{len(r.changes)}处修改")
        for c in r.changes:
            note = f"（{c.note}）" if c.note else ""
            out(f"  任务{c.number} {c.field_name}：{_one_line(c.old)} → {_one_line(c.new)}{note}")
        for p in r.problems:
            out(f"  {'问题' if p.for_unit else '提示'}：{p.message}")
    for s in rounds:
        due = f"，{s['due']}截止" if s["due"] else ""
        out(f"第{s['round']}轮（{s['sent_at'][:10]}发放{due}）：已返回 {s['returned']}，有问题 {s['problems']}，"
            f"未返回 {s['not_returned']}")
        for u in s["units"]:
            by = f"（{u['filled_by']}）" if u["filled_by"] else ""
            out(f"  {u['unit']}：{u['state_label']}{by}")
    if accepted is not None:
        out(f"已接受{accepted['files']}份反馈表的{accepted['changes']}处修改（已记入修改记录）。")
    elif asked:
        out("没有可以接受的反馈表，数据库未改动。")
    elif any(r.refused is None for r in reviews):
        out("以上内容尚未保存；确认无误后加 --accept 再运行一次即可接受。")
