"""催办: the clerk chasing a unit about its late or nearly late tasks (``ws.chasing``).

One 催办 (a call, a letter, an OA message, a visit) is about one unit and one or more of its
tasks; it is stored as one row per task sharing a ``batch`` number, so it shows in each task's
history, and is listed on the unit's page and counted per unit in the overview. Undoable.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import queries_calendar as qx
from gongkai_desk.core.storage import rows

if TYPE_CHECKING:
    from gongkai_desk.core.edits.tasks import Tasks
    from gongkai_desk.core.edits.units import Units
    from gongkai_desk.core.undo import Recorder, UndoStack

WAYS = ("电话", "书面", "OA", "当面")
CHASING_CHANGES = Changes(chasing=True)


@dataclass(frozen=True)
class ChaseRecord:
    """One 催办 of one unit, with the tasks it was about."""

    batch: int
    plan_id: int | None
    unit_id: int | None
    unit_name: str
    date: _dt.date
    way: str
    person: str
    answer: str
    task_ids: tuple[int, ...]
    task_numbers: tuple[str, ...]
    created_by: str | None

    @property
    def summary(self) -> str:
        tasks = "、".join(n for n in self.task_numbers if n) or f"{len(self.task_ids)}项"
        said = f"，联系人{self.person}" if self.person else ""
        answer = f"，答复：{self.answer}" if self.answer else ""
        return f"{self.date.isoformat()} {self.way}催办{self.unit_name}（任务{tasks}{said}{answer}）"


class Chasing:
    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack, tasks: Tasks, units: Units,
                 sections=None) -> None:
        """:param sections: plan id → its sections (to store each task's number as the window shows it)."""
        self._conn, self._undo = conn, undo_stack
        self._tasks, self._units = tasks, units
        self._sections = sections

    # ---- reads ---------------------------------------------------------------------------

    def records(self, *, plan_id: int | None = None, unit_id: int | None = None,
                task_id: int | None = None) -> list[ChaseRecord]:
        """催办 records (newest first) of a plan, a unit and/or a task."""
        found = qx.chasing_rows(self._conn, plan_id=plan_id, unit_id=unit_id, task_id=task_id)
        if task_id is not None:  # the whole 催办 of each batch, not only this task's row
            batches = {r["batch"] for r in found}
            found = [r for r in qx.chasing_rows(self._conn, plan_id=plan_id, unit_id=unit_id) if r["batch"] in batches]
        by_batch: dict[int, list[dict]] = {}
        for r in found:
            by_batch.setdefault(r["batch"], []).append(r)
        out = []
        for batch, rs in by_batch.items():
            r = rs[0]
            out.append(ChaseRecord(batch, r["plan_id"], r["unit_id"], r["unit_name"], _dt.date.fromisoformat(r["date"]),
                                   r["way"], r["person"], r["answer"], tuple(x["task_id"] for x in rs),
                                   tuple(x["task_number"] or "" for x in rs), r["created_by"]))
        return sorted(out, key=lambda c: (c.date, c.batch), reverse=True)

    def counts(self, plan_id: int, until: _dt.date | None = None) -> dict[int, int]:
        """unit id → number of 催办 on the plan (dated up to ``until``)."""
        return {uid: n for uid, n in qx.chasing_counts(self._conn, plan_id, until.isoformat() if until else None)
                if uid is not None}

    # ---- edits ---------------------------------------------------------------------------

    def record(self, unit_id: int, task_ids: list[int], *, way: str, date: _dt.date | None = None,
               person: str = "", answer: str = "") -> ChangesWithId:
        """Record one 催办 of ``unit_id`` about ``task_ids``; the id is the batch number."""
        if way not in WAYS:
            raise ValidationError(f"催办方式“{way}”无效，只能是：{'、'.join(WAYS)}。")
        if not task_ids:
            raise ValidationError("请至少选择一项要催办的任务。")
        unit = self._units.get(unit_id)
        date = date or _dt.date.today()
        person, answer = (person or "").strip(), (answer or "").strip()
        if len(person) > 100 or len(answer) > 2000:
            raise ValidationError("联系人不能超过100字，答复情况不能超过2000字。")
        tasks = []
        for tid in dict.fromkeys(task_ids):
            task = self._tasks.row(tid)
            if q.assignment_row(self._conn, tid, unit_id) is None:
                raise NotFoundError(f"“{unit.name}”不承担任务{task['number'] or tid}，不能就这项任务催办。")
            tasks.append(task)
        plans = {t["plan_id"] for t in tasks}
        if len(plans) > 1:
            raise ValidationError("一次催办只能针对同一个计划中的任务。")
        plan_id = plans.pop()
        shown = {}
        if self._sections is not None:  # "一.3" where the plan restarts its numbers per section
            from gongkai_desk.core.numbering import display_numbers

            shown = display_numbers(self._tasks.of_plan(plan_id), self._sections(plan_id))
        batch = qx.max_chasing_batch(self._conn) + 1
        user = self._undo.user

        def build(r: Recorder) -> int:
            for t in tasks:
                r.insert("chasings", rows.chasing(batch=batch, plan_id=plan_id, task_id=t["id"], unit_id=unit_id,
                                                  unit_name=unit.name, task_number=shown.get(t["id"]) or t["number"], date=date, way=way,
                                                  person=person, answer=answer, created_by=user))
            return batch

        changes = CHASING_CHANGES.about(plan_id)
        self._undo.run(f"{way}催办{unit.name}", changes, build)
        return changes.with_id(batch)

    def update(self, batch: int, *, person: str | None = None, answer: str | None = None) -> Changes:
        """Change who was reached or what they answered (the answer often comes later)."""
        found = [r for r in q.rows_where(self._conn, "chasings", batch=batch)]
        if not found:
            raise NotFoundError(f"找不到第{batch}次催办的记录。")
        values = {}
        if person is not None:
            values["person"] = person.strip()
        if answer is not None:
            values["answer"] = answer.strip()
        changes = CHASING_CHANGES.about(found[0]["plan_id"])
        self._undo.run(f"修改催办{found[0]['unit_name']}的记录", changes,
                       lambda r: [r.update("chasings", {"id": x["id"]}, **values) for x in found])
        return changes

    def delete(self, batch: int) -> Changes:
        found = q.rows_where(self._conn, "chasings", batch=batch)
        if not found:
            raise NotFoundError(f"找不到第{batch}次催办的记录。")
        changes = CHASING_CHANGES.about(found[0]["plan_id"])
        self._undo.run(f"删除催办{found[0]['unit_name']}的记录", changes,
                       lambda r: [r.delete("chasings", {"id": x["id"]}) for x in found])
        return changes
