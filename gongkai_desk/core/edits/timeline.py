"""A plan's entries (units on tasks) and how their status changed over time (``ws.timeline``).

Read-only: what the overview needs to give figures on any date and completion week by week,
taken from the history every edit writes.
"""

from __future__ import annotations

import sqlite3

from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import queries_calendar as qx


class Timeline:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def entries(self, plan_id: int) -> list[tuple]:
        """(assignment id, task_id, unit_id, role, status, updated_at), in task order."""
        return qx.entry_tuples(self._conn, plan_id)

    def unit_names(self) -> dict[int, tuple[str, bool]]:
        """unit id → (name, is_group)."""
        return qx.unit_names(self._conn)

    def events(self, plan_id: int, after: str | None = None) -> list[tuple]:
        """(history id, at, assignment id as text, field, old, new) of status and update-time
        changes of the plan's entries (after the time ``after``, ISO text), oldest first."""
        return qx.progress_events(self._conn, plan_id, after)

    def created_at(self, plan_id: int) -> str | None:
        return qx.plan_created_at(self._conn, plan_id)

    def tasks(self, plan_id: int) -> list[tuple]:
        """The plan's tasks as ``queries.TASK_LIST_COLUMNS`` tuples (position order)."""
        return q.task_list_tuples(self._conn, plan_id)

    def ongoing_updates(self, plan_id: int) -> dict[int, list[str | None]]:
        """task id → the last update of each of its 持续推进 entries (for the lights)."""
        out: dict[int, list[str | None]] = {}
        for task_id, updated in qx.ongoing_update_tuples(self._conn, plan_id):
            out.setdefault(task_id, []).append(updated)
        return out
