"""Undoable edits of plans, sections and tasks (mixed into ``Workspace``)."""

from __future__ import annotations

import datetime as _dt
import json
from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.storage import queries as q

if TYPE_CHECKING:
    from gongkai_desk.core.undo import Recorder

PLAN_CHANGES = Changes(plans=True, sections=True, tasks=True, progress=True)
TASK_CHANGES = Changes(tasks=True, plans=True)
SECTION_CHANGES = Changes(sections=True, tasks=True)
_TASK_LABELS = {"text": "修改任务内容", "number": "修改任务序号", "detail": "修改任务具体要求",
                "deadline": "修改任务完成时限", "deadline_date": "修改任务完成时限", "section_id": "调整任务所属部分"}


def check_year(year: Any) -> int:
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise ValidationError(f"年份“{year}”不是有效的年份，请填写四位数字，例如 2026。") from None
    if not 1990 <= y <= 2100:
        raise ValidationError(f"年份 {y} 超出范围，请填写 1990 到 2100 之间的年份。")
    return y


def _text(value: Any, what: str) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if not text:
        raise ValidationError(f"{what}不能为空。")
    return text


def deadline_columns(phrase: str | None, year: int | None, date: _dt.date | None = None) -> dict[str, Any]:
    """Store a deadline phrase as written plus its typed kind and date."""
    from gongkai_desk.core.deadlines import parse_deadline

    phrase = (phrase or "").strip() or None
    d = parse_deadline(phrase, year)
    kind = d.kind.value if d.kind else None
    when = date or d.date
    if date is not None and kind is None:
        kind = "date"
    return {"deadline_text": phrase, "deadline_kind": kind, "deadline_date": when.isoformat() if when else None}


class PlanEdits:
    # ---- plans ---------------------------------------------------------------------------

    def create_plan(
        self, *, year: int, title: str, issuer: tuple[str, ...] | list[str] = (), doc_number: str | None = None,
        issue_date: _dt.date | None = None, kind: str = "plan", source: str | None = None,
    ) -> int:
        values = {
            "year": check_year(year), "title": _text(title, "计划标题"), "issuer": json.dumps(list(issuer), ensure_ascii=False),
            "doc_number": (doc_number or "").strip() or None, "issue_date": issue_date.isoformat() if issue_date else None,
            "kind": kind, "source": source, "created_at": _dt.datetime.now().isoformat(timespec="seconds"),
        }
        return self.undo_stack.run(f"新建计划「{values['title']}」", PLAN_CHANGES, lambda r: r.insert("plans", values))

    def update_plan(self, plan_id: int, **fields: Any) -> Changes:
        self.plan(plan_id)
        values: dict[str, Any] = {}
        if "year" in fields:
            values["year"] = check_year(fields["year"])
        if "title" in fields:
            values["title"] = _text(fields["title"], "计划标题")
        if "issuer" in fields:
            values["issuer"] = json.dumps(list(fields["issuer"] or []), ensure_ascii=False)
        if "doc_number" in fields:
            values["doc_number"] = (fields["doc_number"] or "").strip() or None
        if "issue_date" in fields:
            d = fields["issue_date"]
            values["issue_date"] = d.isoformat() if d else None
        old_year = self.plan(plan_id).year

        def build(r: Recorder) -> None:
            r.update("plans", {"id": plan_id}, **values)
            if values.get("year", old_year) != old_year:
                _move_deadlines(self.conn, r, plan_id, old_year, values["year"])

        self.undo_stack.run("修改计划信息", PLAN_CHANGES, build)
        return PLAN_CHANGES

    def delete_plan(self, plan_id: int) -> Changes:
        plan = self.plan(plan_id)

        def build(r: Recorder) -> None:
            task_ids = [t["id"] for t in q.task_rows(self.conn, plan_id)]
            for tid in task_ids:
                _delete_task_rows(self.conn, r, tid)
            sections = self.sections(plan_id)
            for s in reversed(sections):  # children before parents (pre-order reversed)
                r.delete("sections", {"id": s.id})
            r.delete("plans", {"id": plan_id})

        self.undo_stack.run(f"删除计划「{plan.title}」", PLAN_CHANGES, build)
        return PLAN_CHANGES

    # ---- sections ------------------------------------------------------------------------

    def add_section(
        self, plan_id: int, *, title: str, number: str | None = None, parent_id: int | None = None,
        level: int | None = None, position: int | None = None,
    ) -> int:
        self.plan(plan_id)
        if parent_id is not None:
            parent = q.get_row(self.conn, "sections", {"id": parent_id})
            if parent is None or parent["plan_id"] != plan_id:
                raise NotFoundError(f"找不到编号为 {parent_id} 的上级部分。")
            level = level or parent["level"] + 1
        values = {
            "plan_id": plan_id, "parent_id": parent_id, "level": level or 1,
            "number": (number or "").strip() or None, "title": _text(title, "部分标题"),
            "position": position if position is not None
            else q.max_position(self.conn, "sections", plan_id=plan_id, parent_id=parent_id) + 1,
        }
        return self.undo_stack.run(f"新建部分「{values['title']}」", SECTION_CHANGES, lambda r: r.insert("sections", values))

    def update_section(self, section_id: int, *, title: str | None = None, number: str | None = None) -> Changes:
        values: dict[str, Any] = {}
        if title is not None:
            values["title"] = _text(title, "部分标题")
        if number is not None:
            values["number"] = number.strip() or None
        self._section_row(section_id)
        self.undo_stack.run("修改部分标题", SECTION_CHANGES, lambda r: r.update("sections", {"id": section_id}, **values))
        return SECTION_CHANGES

    def delete_section(self, section_id: int) -> Changes:
        """Delete a section, its sub-sections and every task under them."""
        row = self._section_row(section_id)
        sections = self.sections(row["plan_id"])
        subtree = [s.id for s in sections]
        ids = _subtree_ids(sections, section_id)

        def build(r: Recorder) -> None:
            for tid in q.task_ids_of_sections(self.conn, ids):
                _delete_task_rows(self.conn, r, tid)
            for sid in sorted(ids, key=subtree.index, reverse=True):
                r.delete("sections", {"id": sid})

        self.undo_stack.run(f"删除部分「{row['title']}」", SECTION_CHANGES | TASK_CHANGES, build)
        return SECTION_CHANGES

    def move_section(self, section_id: int, delta: int) -> Changes:
        row = self._section_row(section_id)
        sibs = q.siblings(self.conn, "sections", plan_id=row["plan_id"], parent_id=row["parent_id"])
        self.undo_stack.run("调整部分顺序", SECTION_CHANGES, lambda r: _move(r, "sections", sibs, section_id, delta))
        return SECTION_CHANGES

    def _section_row(self, section_id: int) -> dict[str, Any]:
        row = q.get_row(self.conn, "sections", {"id": section_id})
        if row is None:
            raise NotFoundError(f"找不到编号为 {section_id} 的部分。")
        return row

    # ---- tasks ---------------------------------------------------------------------------

    def add_task(
        self, plan_id: int, *, text: str, section_id: int | None = None, number: str | None = None,
        detail: str | None = None, deadline: str | None = None, deadline_date: _dt.date | None = None,
        flags: list[str] | None = None, position: int | None = None, source_line: int | None = None,
    ) -> int:
        plan = self.plan(plan_id)
        if section_id is not None and self._section_row(section_id)["plan_id"] != plan_id:
            raise ValidationError("所选部分不属于这个计划。")
        values = {
            "plan_id": plan_id, "section_id": section_id, "number": (number or "").strip() or None,
            "text": _text(text, "任务内容"), "detail": (detail or "").strip() or None,
            **deadline_columns(deadline, plan.year, deadline_date),
            "position": position if position is not None
            else q.max_position(self.conn, "tasks", plan_id=plan_id, section_id=section_id) + 1,
            "flags": json.dumps(flags or [], ensure_ascii=False), "source_line": source_line,
        }
        return self.undo_stack.run("新建任务", TASK_CHANGES, lambda r: r.insert("tasks", values))

    def update_task(self, task_id: int, **fields: Any) -> Changes:
        """Change a task's text, number, detail, deadline (phrase, optional date) or section."""
        row = self._task_row(task_id)
        values: dict[str, Any] = {}
        if "text" in fields:
            values["text"] = _text(fields["text"], "任务内容")
        if "number" in fields:
            values["number"] = (fields["number"] or "").strip() or None
        if "detail" in fields:
            values["detail"] = (fields["detail"] or "").strip() or None
        if "deadline" in fields or "deadline_date" in fields:
            year = self.plan(row["plan_id"]).year
            values.update(deadline_columns(fields.get("deadline", row["deadline_text"]), year, fields.get("deadline_date")))
        if "section_id" in fields:
            values["section_id"] = fields["section_id"]
            values["position"] = q.max_position(self.conn, "tasks", plan_id=row["plan_id"], section_id=fields["section_id"]) + 1
        if "flags" in fields:
            values["flags"] = json.dumps(list(fields["flags"]), ensure_ascii=False)
        named = {v for k, v in _TASK_LABELS.items() if k in fields}
        label = named.pop() if len(named) == 1 else "修改任务"
        self.undo_stack.run(label, TASK_CHANGES, lambda r: r.update("tasks", {"id": task_id}, **values))
        return TASK_CHANGES

    def delete_task(self, task_id: int) -> Changes:
        row = self._task_row(task_id)
        label = f"删除任务{row['number'] or ''}".rstrip()
        self.undo_stack.run(label, TASK_CHANGES | Changes(progress=True), lambda r: _delete_task_rows(self.conn, r, task_id))
        return TASK_CHANGES

    def move_task(self, task_id: int, delta: int) -> Changes:
        row = self._task_row(task_id)
        sibs = q.siblings(self.conn, "tasks", plan_id=row["plan_id"], section_id=row["section_id"])
        self.undo_stack.run("调整任务顺序", TASK_CHANGES, lambda r: _move(r, "tasks", sibs, task_id, delta))
        return TASK_CHANGES

    def _task_row(self, task_id: int) -> dict[str, Any]:
        row = q.get_row(self.conn, "tasks", {"id": task_id})
        if row is None:
            raise NotFoundError(f"找不到编号为 {task_id} 的任务。")
        return row


def _move_deadlines(conn, r: "Recorder", plan_id: int, old_year: int, new_year: int) -> None:
    """Re-date deadlines read from phrases ("6月底前") for the plan's new year; dates the clerk
    set by hand (not what the phrase gives for the old year) stay as they are."""
    for t in q.task_rows(conn, plan_id):
        if not t["deadline_text"]:
            continue
        derived = deadline_columns(t["deadline_text"], old_year)
        if derived["deadline_date"] == t["deadline_date"]:
            r.update("tasks", {"id": t["id"]}, **deadline_columns(t["deadline_text"], new_year))


def _delete_task_rows(conn, r: "Recorder", task_id: int) -> None:
    for a in q.rows_where(conn, "assignments", task_id=task_id):
        r.delete("assignments", {"id": a["id"]})
    r.delete("tasks", {"id": task_id})


def _subtree_ids(sections: list, root: int) -> list[int]:
    ids, frontier = [root], {root}
    for s in sections:  # pre-order: a child always comes after its parent
        if s.parent_id in frontier:
            ids.append(s.id)
            frontier.add(s.id)
    return ids


def _move(r: "Recorder", table: str, sibs: list[dict], row_id: int, delta: int) -> None:
    """Move one row ``delta`` places among its siblings and renumber positions 0..n-1."""
    ids = [s["id"] for s in sibs]
    i = ids.index(row_id)
    j = max(0, min(len(ids) - 1, i + delta))
    ids.insert(j, ids.pop(i))
    for pos, sid in enumerate(ids):
        r.update(table, {"id": sid}, position=pos)
