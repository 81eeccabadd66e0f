"""回收站 (``ws.trash``): what deleting a plan, a section with tasks or a unit with progress took
away, restorable for ``KEEP_DAYS`` days, besides undo.

A deletion deletes its rows through the Recorder as before and then ``put``s them here as one
``trash`` row (the deleted rows, in the order they are put back), in the same undoable command:
undo removes the trash row and brings the rows back exactly. ``restore`` puts the rows back as a
new undoable command, keeping each row's id when it is still free and re-linking what moved
(a unit deleted meanwhile is found by name or added again).
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows

if TYPE_CHECKING:
    from gongkai_desk.core.undo import Recorder, UndoStack

KEEP_DAYS = 30
KINDS = {"plan": "计划", "section": "部分", "unit": "单位"}
TRASH_CHANGES = Changes(trash=True)
RESTORED = {"plan": Changes(plans=True, sections=True, tasks=True, progress=True, trash=True),
            "section": Changes(sections=True, tasks=True, progress=True, trash=True),
            "unit": Changes(units=True, tasks=True, progress=True, trash=True)}


@dataclass(frozen=True)
class TrashItem:
    id: int
    kind: str  # plan | section | unit
    title: str
    plan_id: int | None
    summary: str  # "含 12 项任务、30 条落实情况"
    deleted_at: str
    deleted_by: str

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def expires(self) -> _dt.date:
        return _dt.datetime.fromisoformat(self.deleted_at).date() + _dt.timedelta(days=KEEP_DAYS)


def put(r: Recorder, kind: str, title: str, plan_id: int | None, since: int, user: str) -> None:
    """Put the rows the recorder deleted since op number ``since`` into the trash (same command)."""
    deleted = [op for op in r.ops[since:] if op.kind == "delete"]
    if not deleted:
        return
    payload: list[tuple[str, dict[str, Any]]] = []
    for op in reversed(deleted):  # children were deleted before parents: put back parents first
        row = dict(op.old or {})
        if op.table == "assignments":
            unit = q.get_row(r.conn, "units", {"id": row["unit_id"]})
            row["_unit_name"] = unit["name"] if unit else None
            row["_unit_is_group"] = unit["is_group"] if unit else 0
            if unit is None:  # the unit goes with this deletion: its name is in the payload
                row["_unit_name"] = next((o.old["name"] for o in deleted
                                          if o.table == "units" and o.old["id"] == row["unit_id"]), None)
        payload.append((op.table, row))
    r.insert("trash", rows.trash_item(kind=kind, title=title, plan_id=plan_id, summary=_summary(payload),
                                      deleted_by=user, rows=payload))


def _summary(payload: list[tuple[str, dict]]) -> str:
    counts: dict[str, int] = {}
    for table, _row in payload:
        counts[table] = counts.get(table, 0) + 1
    parts = []
    for table, word in (("sections", "个部分"), ("tasks", "项任务"), ("assignments", "条单位落实情况")):
        if counts.get(table):
            parts.append(f"{counts[table]}{word}")
    return "含" + "、".join(parts) if parts else ""


class Trash:
    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack) -> None:
        self._conn, self._undo = conn, undo_stack

    def list(self) -> list[TrashItem]:
        return [TrashItem(**r) for r in q.trash_rows(self._conn)]

    def count(self) -> int:
        return q.trash_count(self._conn)

    def _row(self, item_id: int) -> dict[str, Any]:
        row = q.get_row(self._conn, "trash", {"id": item_id})
        if row is None:
            raise NotFoundError(f"回收站中找不到编号为 {item_id} 的内容，它可能已被恢复或清除。")
        return row

    def restore(self, item_id: int) -> Changes:
        """Put a deleted plan, section or unit back (one undoable step); it leaves the trash."""
        item = self._row(item_id)
        payload = json.loads(item["rows"])
        if item["kind"] == "section" and q.get_row(self._conn, "plans", {"id": item["plan_id"]}) is None:
            raise ValidationError(f"部分“{item['title']}”所属的计划已被删除，请先从回收站恢复那个计划。")
        if item["kind"] == "unit":
            name = next(r["name"] for t, r in payload if t == "units")
            if q.unit_by_name(self._conn, name):
                raise ValidationError(f"单位名录中已有名为“{name}”的单位（名称或别名），请先把它改名，再恢复。")
        plan_id = item["plan_id"]
        result: dict[str, Any] = {}

        def build(r: Recorder) -> None:
            result["ids"] = put_back(r, payload)
            r.delete("trash", {"id": item_id})

        self._undo.run(f"从回收站恢复{KINDS.get(item['kind'], '')}「{item['title']}」",
                       RESTORED[item["kind"]].about(plan_id), build)
        if item["kind"] == "plan":
            plan_id = result["ids"].get("plans", {}).get(plan_id, plan_id)
        return RESTORED[item["kind"]].about(plan_id)

    def remove(self, item_id: int) -> Changes:
        """Delete one item from the trash for good (undoable in this session)."""
        item = self._row(item_id)
        self._undo.run(f"从回收站彻底删除「{item['title']}」", TRASH_CHANGES, lambda r: r.delete("trash", {"id": item_id}))
        return TRASH_CHANGES

    def empty(self) -> Changes:
        """清空回收站 (undoable in this session)."""
        ids = [t.id for t in self.list()]
        if ids:
            self._undo.run("清空回收站", TRASH_CHANGES, lambda r: [r.delete("trash", {"id": i}) for i in ids])
        return TRASH_CHANGES

    def purge_expired(self, now: _dt.datetime | None = None) -> int:
        """Remove what was deleted more than ``KEEP_DAYS`` days ago (recorded, not undoable)."""
        cutoff = ((now or _dt.datetime.now()) - _dt.timedelta(days=KEEP_DAYS)).isoformat(timespec="seconds")
        ids = q.trash_ids_before(self._conn, cutoff)
        if ids:
            self._undo.run(f"清除回收站中超过{KEEP_DAYS}天的内容", TRASH_CHANGES,
                           lambda r: [r.delete("trash", {"id": i}) for i in ids], undoable=False)
        return len(ids)


def put_back(r: Recorder, payload: list) -> dict[str, dict[Any, int]]:
    """Insert the payload's rows again; return old id → new id per table."""
    conn = r.conn
    ids: dict[str, dict[Any, int]] = {}

    def mapped(table: str, old: Any) -> Any:
        if old is None:
            return None
        new = ids.get(table, {}).get(old, old)
        return new if q.get_row(conn, table, {"id": new}) is not None else None

    for table, original in payload:
        row = dict(original)
        unit_name, is_group = row.pop("_unit_name", None), row.pop("_unit_is_group", 0)
        old_id = row.pop("id", None)
        if table == "sections":
            row["plan_id"] = mapped("plans", row["plan_id"])
            row["parent_id"] = mapped("sections", row["parent_id"])
        elif table == "tasks":
            row["plan_id"] = mapped("plans", row["plan_id"])
            row["section_id"] = mapped("sections", row["section_id"])
        elif table == "assignments":
            row["task_id"] = mapped("tasks", row["task_id"])
            row["unit_id"] = _unit_for(r, ids, row["unit_id"], unit_name, is_group)
            if row["task_id"] is None or row["unit_id"] is None or q.assignment_row(conn, row["task_id"], row["unit_id"]):
                continue
        elif table == "unit_aliases":
            row["unit_id"] = mapped("units", row["unit_id"])
            if row["unit_id"] is None or q.unit_by_name(conn, row["alias"]):
                continue
        elif table == "group_members":
            row["group_id"], row["member_id"] = mapped("units", row["group_id"]), mapped("units", row["member_id"])
            if None in (row["group_id"], row["member_id"]) or q.rows_where(
                    conn, "group_members", group_id=row["group_id"], member_id=row["member_id"]):
                continue
        if table in ("plans", "sections", "tasks") and row.get("plan_id", 0) is None:
            continue  # its plan is gone (a section whose plan was deleted meanwhile)
        if old_id is not None and q.get_row(conn, table, {"id": old_id}) is None:
            row["id"] = old_id
        ids.setdefault(table, {})[old_id] = r.insert(table, row)
    return ids


def _unit_for(r: Recorder, ids: dict, old_id: int, name: str | None, is_group: int) -> int | None:
    """The unit an assignment goes back to: the same one, one of the same name, or added again."""
    if old_id in ids.get("units", {}):
        return ids["units"][old_id]
    unit = q.get_row(r.conn, "units", {"id": old_id})
    if unit is not None and (name is None or unit["name"] == name):
        return old_id
    if not name:
        return None
    found = q.unit_by_name(r.conn, name)
    if found:
        return found["id"]
    new = r.insert("units", rows.unit(name=name, is_group=bool(is_group)))
    ids.setdefault("units", {})[old_id] = new
    return new
