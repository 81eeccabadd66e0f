"""A plan's tasks: reads and undoable edits (``ws.tasks``)."""

from __future__ import annotations

import datetime as _dt
import sqlite3
from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.edits.plans import delete_task_rows, move_among
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.model import TaskRow
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows
from gongkai_desk.core.task_list import TaskList, task_from_tuple
from gongkai_desk.core.values import deadline_columns, json_list, optional_text, required_text

if TYPE_CHECKING:
    from gongkai_desk.core.edits.plans import Plans
    from gongkai_desk.core.undo import UndoStack

TASK_CHANGES = Changes(tasks=True)
_LABELS = {"text": "修改任务内容", "number": "修改任务序号", "detail": "修改任务具体要求",
           "deadline": "修改任务完成时限", "deadline_date": "修改任务完成时限", "section_id": "调整任务所属部分"}


class Tasks:
    """The tasks of every plan."""

    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack, plans: Plans) -> None:
        self._conn, self._undo = conn, undo_stack
        self._plans = plans

    # ---- reads ---------------------------------------------------------------------------

    def of_plan(self, plan_id: int, today: _dt.date | None = None) -> list[TaskRow]:
        """The plan's tasks in document order: sections in pre-order, tasks by position."""
        return list(self.table(plan_id, today))

    def table(self, plan_id: int, today: _dt.date | None = None) -> TaskList:
        """The same tasks as a sequence that builds each TaskRow on first access (the window)."""
        conn = self._conn
        order = {s.id: i for i, s in enumerate(self._plans.sections(plan_id))}
        by_task: dict[int, list[tuple]] = {}
        for a in q.assignment_brief_tuples(conn, plan_id):
            by_task.setdefault(a[0], []).append(a)
        tuples = q.task_list_tuples(conn, plan_id)
        tuples.sort(key=lambda r: (order.get(r[2], -1), r[9], r[0]))
        return TaskList(tuples, by_task, today or _dt.date.today())

    def get(self, task_id: int, today: _dt.date | None = None) -> TaskRow:
        r = self.row(task_id)
        briefs = [(a["task_id"], a["unit_id"], a["role"], a["status"], a["unit_name"])
                  for a in q.assignment_rows_for_task(self._conn, task_id)]
        return task_from_tuple(tuple(r[c] for c in q.TASK_LIST_COLUMNS), briefs, today or _dt.date.today())

    def row(self, task_id: int) -> dict[str, Any]:
        row = q.get_row(self._conn, "tasks", {"id": task_id})
        if row is None:
            raise NotFoundError(f"找不到编号为 {task_id} 的任务。")
        return row

    # ---- edits ---------------------------------------------------------------------------

    def add(self, plan_id: int, *, text: str, section_id: int | None = None, number: str | None = None,
            detail: str | None = None, deadline: str | None = None, deadline_date: _dt.date | None = None,
            flags: list[str] | None = None, position: int | None = None,
            source_line: int | None = None) -> ChangesWithId:
        plan = self._plans.get(plan_id)
        self._plans.check_section(section_id, plan_id)
        if position is None:
            position = q.max_position(self._conn, "tasks", plan_id=plan_id, section_id=section_id) + 1
        values = rows.task(plan_id=plan_id, section_id=section_id, text=required_text(text, "任务内容"),
                           year=plan.year, position=position, number=number, detail=detail, deadline=deadline,
                           deadline_date=deadline_date, flags=flags or (), source_line=source_line)
        changes = TASK_CHANGES.about(plan_id)
        task_id = self._undo.run("新建任务", changes, lambda r: r.insert("tasks", values))
        return changes.with_id(task_id)

    def update(self, task_id: int, **fields: Any) -> Changes:
        """Change a task's text, number, detail, deadline (phrase, optional date), section or flags."""
        row = self.row(task_id)
        values: dict[str, Any] = {}
        if "text" in fields:
            values["text"] = required_text(fields["text"], "任务内容")
        if "number" in fields:
            values["number"] = optional_text(fields["number"])
        if "detail" in fields:
            values["detail"] = optional_text(fields["detail"])
        if "deadline" in fields or "deadline_date" in fields:
            year = self._plans.get(row["plan_id"]).year
            values.update(deadline_columns(fields.get("deadline", row["deadline_text"]), year, fields.get("deadline_date")))
        if "section_id" in fields:
            self._plans.check_section(fields["section_id"], row["plan_id"])
            values["section_id"] = fields["section_id"]
            values["position"] = q.max_position(self._conn, "tasks", plan_id=row["plan_id"],
                                                section_id=fields["section_id"]) + 1
        if "flags" in fields:
            values["flags"] = json_list(fields["flags"])
        named = {v for k, v in _LABELS.items() if k in fields}
        label = named.pop() if len(named) == 1 else "修改任务"
        changes = TASK_CHANGES.about(row["plan_id"])
        self._undo.run(label, changes, lambda r: r.update("tasks", {"id": task_id}, **values))
        return changes

    def delete(self, task_id: int) -> Changes:
        row = self.row(task_id)
        label = f"删除任务{row['number'] or ''}".rstrip()
        changes = (TASK_CHANGES | Changes(progress=True)).about(row["plan_id"])
        self._undo.run(label, changes, lambda r: delete_task_rows(r, task_id))
        return changes

    def move(self, task_id: int, delta: int) -> Changes:
        row = self.row(task_id)
        sibs = q.siblings(self._conn, "tasks", plan_id=row["plan_id"], section_id=row["section_id"])
        changes = TASK_CHANGES.about(row["plan_id"])
        self._undo.run("调整任务顺序", changes, lambda r: move_among(r, "tasks", sibs, task_id, delta))
        return changes

    # ---- several tasks at once (one undoable step each) ----------------------------------

    def _rows_of(self, task_ids) -> tuple[list[dict[str, Any]], int]:
        """The tasks' rows (each once, in the order given) and the plan they share."""
        task_rows = [self.row(tid) for tid in dict.fromkeys(task_ids)]
        if not task_rows:
            raise ValidationError("请先选择至少一项任务。")
        plans = {r["plan_id"] for r in task_rows}
        if len(plans) != 1:
            raise ValidationError("所选任务不属于同一个计划，请在一个计划中选择。")
        return task_rows, plans.pop()

    def delete_many(self, task_ids) -> Changes:
        """Delete several tasks and their units' progress as one step."""
        task_rows, plan_id = self._rows_of(task_ids)
        if len(task_rows) == 1:
            return self.delete(task_rows[0]["id"])
        changes = (TASK_CHANGES | Changes(progress=True)).about(plan_id)

        def build(r) -> None:
            for t in task_rows:
                delete_task_rows(r, t["id"])

        self._undo.run(f"删除{len(task_rows)}项任务", changes, build)
        return changes

    def confirm(self, task_ids) -> Changes:
        """Clear the import's 待确认 flags of the tasks: the clerk has looked at them."""
        task_rows, plan_id = self._rows_of(task_ids)
        flagged = [t for t in task_rows if t["flags"] and t["flags"] != "[]"]
        if not flagged:
            return Changes()
        changes = TASK_CHANGES.about(plan_id)
        label = (f"确认任务{flagged[0]['number'] or ''}".rstrip() if len(flagged) == 1
                 else f"确认{len(flagged)}项待确认任务")

        def build(r) -> None:
            for t in flagged:
                r.update("tasks", {"id": t["id"]}, flags="[]")

        self._undo.run(label, changes, build)
        return changes

    def confirm_all(self, plan_id: int) -> Changes:
        """Clear every 待确认 flag of the plan."""
        self._plans.get(plan_id)
        ids = [t[0] for t in q.task_list_tuples(self._conn, plan_id) if t[10] and t[10] != "[]"]
        return self.confirm(ids) if ids else Changes()

    def renumber(self, plan_id: int) -> Changes:
        """Number the plan's tasks 1, 2, 3… again in their present order (restarting in each
        section where the plan's numbering restarts): one undoable step."""
        from gongkai_desk.core.numbering import renumbered

        tasks = self.of_plan(plan_id)
        numbers = renumbered(tasks, self._plans.sections(plan_id))
        changes = TASK_CHANGES.about(plan_id)
        if all(numbers[t.id] == t.number for t in tasks):
            return Changes()

        def build(r) -> None:
            for t in tasks:
                r.update("tasks", {"id": t.id}, number=numbers[t.id])

        self._undo.run("重新编号", changes, build)
        return changes
