"""Plans and their sections: reads and undoable edits (``ws.plans``)."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.edits import trash
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.model import Plan, PlanSummary, Section, completion, sections_in_preorder
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows
from gongkai_desk.core.task_list import iso_date
from gongkai_desk.core.values import check_year, deadline_columns, json_list, optional_text, required_text

if TYPE_CHECKING:
    from gongkai_desk.core.undo import Recorder, UndoStack

PLAN_CHANGES = Changes(plans=True, sections=True, tasks=True, progress=True)
PLAN_DELETED = Changes(plans=True, sections=True, tasks=True, progress=True, trash=True)
SECTION_CHANGES = Changes(sections=True, tasks=True)


class Plans:
    """The plans of the database and their section trees."""

    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack) -> None:
        self._conn, self._undo = conn, undo_stack

    # ---- reads ---------------------------------------------------------------------------

    def list(self) -> list[PlanSummary]:
        """Every plan with its counts; completion is the share of task × unit entries at 已完成."""
        out = []
        for r in q.plan_summaries(self._conn):
            out.append(PlanSummary(r["id"], r["year"], r["title"], r["tasks"], r["units"],
                                   completion(r["done"], r["entries"])))
        return out

    def titles(self) -> list[tuple[int, int, str]]:
        """(id, year, title) of every plan, newest first (cheap: no counting)."""
        return [tuple(r) for r in q.plan_titles(self._conn)]

    def get(self, plan_id: int) -> Plan:
        r = q.get_row(self._conn, "plans", {"id": plan_id})
        if r is None:
            raise NotFoundError(f"找不到编号为 {plan_id} 的计划。")
        return Plan(
            id=r["id"], year=r["year"], title=r["title"], issuer=tuple(json.loads(r["issuer"] or "[]")),
            doc_number=r["doc_number"], issue_date=iso_date(r["issue_date"]), kind=r["kind"],
        )

    def sections(self, plan_id: int) -> list[Section]:
        """The plan's sections in tree pre-order (parents before children, by position)."""
        return sections_in_preorder(q.section_rows(self._conn, plan_id))

    def section_row(self, section_id: int) -> dict[str, Any]:
        row = q.get_row(self._conn, "sections", {"id": section_id})
        if row is None:
            raise NotFoundError(f"找不到编号为 {section_id} 的部分。")
        return row

    def check_section(self, section_id: int | None, plan_id: int) -> None:
        """Refuse a section that is not one of the plan's (None, the plan's top level, is fine)."""
        if section_id is not None and self.section_row(section_id)["plan_id"] != plan_id:
            raise ValidationError("所选部分不属于这个计划。")

    # ---- plans ---------------------------------------------------------------------------

    def create(self, *, year: int, title: str, issuer: tuple[str, ...] | list[str] = (),
               doc_number: str | None = None, issue_date: _dt.date | None = None, kind: str = "plan",
               source: str | None = None) -> ChangesWithId:
        values = rows.plan(year=check_year(year), title=required_text(title, "计划标题"), issuer=issuer,
                           doc_number=doc_number, issue_date=issue_date, kind=kind, source=source)
        plan_id = self._undo.run(f"新建计划「{values['title']}」", lambda pid: Changes(plans=True, plan_id=pid),
                                          lambda r: r.insert("plans", values))
        return Changes(plans=True, plan_id=plan_id).with_id(plan_id)

    def update(self, plan_id: int, **fields: Any) -> Changes:
        old_year = self.get(plan_id).year
        values: dict[str, Any] = {}
        if "year" in fields:
            values["year"] = check_year(fields["year"])
        if "title" in fields:
            values["title"] = required_text(fields["title"], "计划标题")
        if "issuer" in fields:
            values["issuer"] = json_list(fields["issuer"])
        if "doc_number" in fields:
            values["doc_number"] = optional_text(fields["doc_number"])
        if "issue_date" in fields:
            d = fields["issue_date"]
            values["issue_date"] = d.isoformat() if d else None
        changes = PLAN_CHANGES.about(plan_id)

        def build(r: Recorder) -> None:
            r.update("plans", {"id": plan_id}, **values)
            if values.get("year", old_year) != old_year:
                _move_deadlines(r, plan_id, old_year, values["year"])

        self._undo.run("修改计划信息", changes, build)
        return changes

    def delete(self, plan_id: int) -> Changes:
        plan = self.get(plan_id)
        sections = self.sections(plan_id)
        changes = PLAN_DELETED.about(plan_id)

        user = self._undo.user

        def build(r: Recorder) -> None:
            since = len(r.ops)
            for t in q.task_rows(r.conn, plan_id):
                delete_task_rows(r, t["id"])
            for s in reversed(sections):  # children before parents (pre-order reversed)
                r.delete("sections", {"id": s.id})
            r.delete("plans", {"id": plan_id})
            trash.put(r, "plan", plan.title, plan_id, since, user)

        self._undo.run(f"删除计划「{plan.title}」", changes, build)
        return changes

    # ---- sections ------------------------------------------------------------------------

    def add_section(self, plan_id: int, *, title: str, number: str | None = None, parent_id: int | None = None,
                    level: int | None = None, position: int | None = None) -> ChangesWithId:
        self.get(plan_id)
        if parent_id is not None:
            parent = q.get_row(self._conn, "sections", {"id": parent_id})
            if parent is None or parent["plan_id"] != plan_id:
                raise NotFoundError(f"找不到编号为 {parent_id} 的上级部分。")
            level = level or parent["level"] + 1
        if position is None:
            position = q.max_position(self._conn, "sections", plan_id=plan_id, parent_id=parent_id) + 1
        values = rows.section(plan_id=plan_id, parent_id=parent_id, level=level or 1, number=number,
                              title=required_text(title, "部分标题"), position=position)
        changes = SECTION_CHANGES.about(plan_id)
        sid = self._undo.run(f"新建部分「{values['title']}」", changes, lambda r: r.insert("sections", values))
        return changes.with_id(sid)

    def update_section(self, section_id: int, *, title: str | None = None, number: str | None = None) -> Changes:
        values: dict[str, Any] = {}
        if title is not None:
            values["title"] = required_text(title, "部分标题")
        if number is not None:
            values["number"] = number.strip() or None
        changes = SECTION_CHANGES.about(self.section_row(section_id)["plan_id"])
        self._undo.run("修改部分标题", changes, lambda r: r.update("sections", {"id": section_id}, **values))
        return changes

    def delete_section(self, section_id: int) -> Changes:
        """Delete a section, its sub-sections and every task under them (with tasks: to the trash)."""
        row = self.section_row(section_id)
        sections = self.sections(row["plan_id"])
        order = [s.id for s in sections]
        ids = subtree_ids(sections, section_id)
        has_tasks = bool(q.task_ids_of_sections(self._conn, ids))
        changes = (SECTION_CHANGES | Changes(progress=True, trash=has_tasks)).about(row["plan_id"])
        user = self._undo.user

        def build(r: Recorder) -> None:
            since = len(r.ops)
            for tid in q.task_ids_of_sections(r.conn, ids):
                delete_task_rows(r, tid)
            for sid in sorted(ids, key=order.index, reverse=True):
                r.delete("sections", {"id": sid})
            if has_tasks:
                trash.put(r, "section", row["title"], row["plan_id"], since, user)

        self._undo.run(f"删除部分「{row['title']}」", changes, build)
        return changes

    def move_section(self, section_id: int, delta: int) -> Changes:
        row = self.section_row(section_id)
        sibs = q.siblings(self._conn, "sections", plan_id=row["plan_id"], parent_id=row["parent_id"])
        changes = SECTION_CHANGES.about(row["plan_id"])
        self._undo.run("调整部分顺序", changes, lambda r: move_among(r, "sections", sibs, section_id, delta))
        return changes


# ---- row operations shared by edits, imports and the demo ---------------------------------


def delete_task_rows(r: Recorder, task_id: int) -> None:
    """Delete a task and its units' progress."""
    for a in q.rows_where(r.conn, "assignments", task_id=task_id):
        r.delete("assignments", {"id": a["id"]})
    r.delete("tasks", {"id": task_id})


def subtree_ids(sections: list[Section], root: int) -> list[int]:
    """``root`` and every section below it (``sections`` in pre-order)."""
    ids, frontier = [root], {root}
    for s in sections:  # pre-order: a child always comes after its parent
        if s.parent_id in frontier:
            ids.append(s.id)
            frontier.add(s.id)
    return ids


def move_among(r: Recorder, table: str, sibs: list[dict], row_id: int, delta: int) -> None:
    """Move one row ``delta`` places among its siblings and renumber positions 0..n-1."""
    ids = [s["id"] for s in sibs]
    i = ids.index(row_id)
    j = max(0, min(len(ids) - 1, i + delta))
    ids.insert(j, ids.pop(i))
    for pos, sid in enumerate(ids):
        r.update(table, {"id": sid}, position=pos)


def _move_deadlines(r: Recorder, plan_id: int, old_year: int, new_year: int) -> None:
    """Re-date deadlines read from phrases ("6月底前") for the plan's new year; dates the clerk
    set by hand (not what the phrase gives for the old year) stay as they are."""
    for t in q.task_rows(r.conn, plan_id):
        if not t["deadline_text"]:
            continue
        derived = deadline_columns(t["deadline_text"], old_year)
        if derived["deadline_date"] == t["deadline_date"]:
            r.update("tasks", {"id": t["id"]}, **deadline_columns(t["deadline_text"], new_year))
