"""The one entry point to the data, like Anki's Collection: reads return dataclasses, edits are
undoable commands (see ``undo.py``). Both the CLI and the window use only this.

Example::

    ws = Workspace.open(":memory:")
    plan_id = ws.create_plan(year=2026, title="2026年政务公开工作要点")
    ws.undo()
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from gongkai_desk.core.changes import Changes, UndoStatus
from gongkai_desk.core.edits.annual import AnnualEdits
from gongkai_desk.core.edits.plans import PlanEdits
from gongkai_desk.core.edits.units import UnitEdits
from gongkai_desk.core.errors import NotFoundError
from gongkai_desk.core.model import (
    Assignment,
    HistoryEntry,
    Plan,
    PlanSummary,
    Role,
    Section,
    Status,
    TaskRow,
    Unit,
)
from gongkai_desk.core.storage import db as _db
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.task_list import TaskList, iso_date, task_from_tuple
from gongkai_desk.core.undo import UndoStack


class Workspace(PlanEdits, UnitEdits, AnnualEdits):
    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._sqlite_utils_db = None
        self.undo_stack = UndoStack(conn, self._atomic)

    @classmethod
    def open(cls, path: str | Path) -> "Workspace":
        """Open (creating and migrating if needed) the database at ``path`` or ":memory:"."""
        return cls(_db.connect(path), str(path))

    def close(self) -> None:
        self.conn.close()

    @property
    def db(self):
        """The sqlite-utils Database over the same connection (imported on first write)."""
        if self._sqlite_utils_db is None:
            from sqlite_utils import Database

            self._sqlite_utils_db = Database(self.conn)
        return self._sqlite_utils_db

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        with self.db.atomic():
            yield

    # ---- undo ----------------------------------------------------------------------------

    def undo(self) -> Changes:
        return self.undo_stack.undo()

    def redo(self) -> Changes:
        return self.undo_stack.redo()

    def undo_status(self) -> UndoStatus:
        return self.undo_stack.status()

    # ---- plans ---------------------------------------------------------------------------

    def plans(self) -> list[PlanSummary]:
        out = []
        for r in q.plan_summaries(self.conn):
            completion = r["done"] / r["entries"] if r["entries"] else 0.0
            out.append(PlanSummary(r["id"], r["year"], r["title"], r["tasks"], r["units"], completion))
        return out

    def plan_titles(self) -> list[tuple[int, int, str]]:
        """(id, year, title) of every plan, newest first (cheap: no counting)."""
        return [tuple(r) for r in q.plan_titles(self.conn)]

    def plan(self, plan_id: int) -> Plan:
        r = q.get_row(self.conn, "plans", {"id": plan_id})
        if r is None:
            raise NotFoundError(f"找不到编号为 {plan_id} 的计划。")
        return Plan(
            id=r["id"], year=r["year"], title=r["title"], issuer=tuple(json.loads(r["issuer"] or "[]")),
            doc_number=r["doc_number"], issue_date=iso_date(r["issue_date"]), kind=r["kind"],
        )

    def sections(self, plan_id: int) -> list[Section]:
        """The plan's sections in tree pre-order (parents before children, by position)."""
        rows = q.section_rows(self.conn, plan_id)
        by_parent: dict[int | None, list[dict]] = {}
        for r in rows:
            by_parent.setdefault(r["parent_id"], []).append(r)
        out: list[Section] = []

        def walk(parent: int | None) -> None:
            for r in by_parent.get(parent, []):
                out.append(Section(r["id"], r["plan_id"], r["parent_id"], r["level"], r["number"], r["title"], r["position"]))
                walk(r["id"])

        walk(None)
        return out

    def tasks(self, plan_id: int, today: _dt.date | None = None) -> list[TaskRow]:
        """The plan's tasks in document order: sections in pre-order, tasks by position."""
        return list(self.task_list(plan_id, today))

    def task_list(self, plan_id: int, today: _dt.date | None = None) -> TaskList:
        """The same tasks as a sequence that builds each TaskRow on first access (the window)."""
        order = {s.id: i for i, s in enumerate(self.sections(plan_id))}
        by_task: dict[int, list[tuple]] = {}
        for a in q.assignment_brief_tuples(self.conn, plan_id):
            by_task.setdefault(a[0], []).append(a)
        rows = q.task_list_tuples(self.conn, plan_id)
        rows.sort(key=lambda r: (order.get(r[2], -1), r[9], r[0]))
        return TaskList(rows, by_task, today or _dt.date.today())

    def task(self, task_id: int, today: _dt.date | None = None) -> TaskRow:
        r = q.get_row(self.conn, "tasks", {"id": task_id})
        if r is None:
            raise NotFoundError(f"找不到编号为 {task_id} 的任务。")
        briefs = [(a["task_id"], a["unit_id"], a["role"], a["status"], a["unit_name"])
                  for a in q.assignment_rows_for_task(self.conn, task_id)]
        return task_from_tuple(tuple(r[c] for c in q.TASK_LIST_COLUMNS), briefs, today or _dt.date.today())

    def assignments(self, task_id: int) -> list[Assignment]:
        return [_assignment(a) for a in q.assignment_rows_for_task(self.conn, task_id)]

    def plan_assignments(self, plan_id: int) -> dict[int, list[Assignment]]:
        out: dict[int, list[Assignment]] = {}
        for a in q.assignment_rows_for_plan(self.conn, plan_id):
            out.setdefault(a["task_id"], []).append(_assignment(a))
        return out

    def history(self, *, task_id: int | None = None, plan_id: int | None = None, limit: int = 500) -> list[HistoryEntry]:
        return [
            HistoryEntry(r["id"], r["at"], r["user"], r["label"], r["entity"],
                         _int_or_none(r["entity_id"]), r["field"], r["old"], r["new"])
            for r in q.history_rows(self.conn, task_id=task_id, plan_id=plan_id, limit=limit)
        ]

    # ---- units ---------------------------------------------------------------------------

    def units(self) -> list[Unit]:
        aliases: dict[int, list[str]] = {}
        for a in q.alias_rows(self.conn):
            aliases.setdefault(a["unit_id"], []).append(a["alias"])
        members: dict[int, list[int]] = {}
        for m in q.member_rows(self.conn):
            members.setdefault(m["group_id"], []).append(m["member_id"])
        return [
            Unit(r["id"], r["name"], bool(r["is_group"]), tuple(aliases.get(r["id"], ())), tuple(members.get(r["id"], ())))
            for r in q.unit_rows(self.conn)
        ]

    def unit(self, unit_id: int) -> Unit:
        for u in self.units():
            if u.id == unit_id:
                return u
        raise NotFoundError(f"找不到编号为 {unit_id} 的单位。")

    def find_unit(self, name: str) -> Unit | None:
        """Find a unit by exact name or alias (no fuzzy matching)."""
        r = q.unit_by_name(self.conn, name.strip())
        return None if r is None else self.unit(r["id"])

    # ---- settings --------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        value = q.setting(self.conn, key)
        return default if value is None else value


def _int_or_none(text: Any) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _assignment(a: dict[str, Any]) -> Assignment:
    return Assignment(
        id=a["id"], task_id=a["task_id"], unit_id=a["unit_id"], unit_name=a["unit_name"],
        is_group=bool(a["is_group"]), role=Role(a["role"]), status=Status(a["status"]),
        done=a["done"], problems=a["problems"], next_steps=a["next_steps"], evidence=a["evidence"],
        updated_at=a["updated_at"], updated_by=a["updated_by"],
    )
