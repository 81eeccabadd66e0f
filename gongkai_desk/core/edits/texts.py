"""查找和替换 over a plan's task texts and its units' progress texts (``ws.texts``).

``find`` lists every place a text occurs, in document order; ``replace`` changes them all as
ONE undoable step, named by what it did ("替换“区政府办”为“区政府办公室”（12处）").
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.values import now_text

if TYPE_CHECKING:
    from gongkai_desk.core.edits.tasks import Tasks
    from gongkai_desk.core.undo import Recorder, UndoStack

TASK_FIELDS = {"text": "任务内容", "detail": "具体要求"}
PROGRESS_FIELDS = {"done": "落实情况", "problems": "存在问题", "next_steps": "下步计划"}


@dataclass(frozen=True)
class TextMatch:
    """One field holding the text: a task's (``unit_id`` None) or a unit's progress on a task."""

    task_id: int
    unit_id: int | None
    unit_name: str | None
    field: str  # a key of TASK_FIELDS or PROGRESS_FIELDS
    text: str  # the field's whole text
    count: int  # how often the text occurs in it

    @property
    def where(self) -> str:
        """"任务内容" or "区财政局的落实情况"."""
        if self.unit_id is None:
            return TASK_FIELDS[self.field]
        return f"{self.unit_name}的{PROGRESS_FIELDS[self.field]}"


class Texts:
    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack, tasks: Tasks) -> None:
        self._conn, self._undo, self._tasks = conn, undo_stack, tasks

    def find(self, plan_id: int, needle: str, *, in_tasks: bool = True, in_progress: bool = True,
             task_ids=None) -> list[TextMatch]:
        """Every field of the plan (or of ``task_ids``) containing ``needle``, in document order."""
        if not needle:
            return []
        table = self._tasks.table(plan_id)
        order = [table.id_at(i) for i in range(len(table))]
        wanted = set(task_ids) if task_ids is not None else None
        by_task: dict[int, list[TextMatch]] = {}
        if in_tasks:
            for t in q.task_rows(self._conn, plan_id):
                for f in TASK_FIELDS:
                    value = t[f] or ""
                    if needle in value:
                        by_task.setdefault(t["id"], []).append(
                            TextMatch(t["id"], None, None, f, value, value.count(needle)))
        if in_progress:
            for a in q.assignment_rows_for_plan(self._conn, plan_id):
                for f in PROGRESS_FIELDS:
                    value = a[f] or ""
                    if needle in value:
                        by_task.setdefault(a["task_id"], []).append(
                            TextMatch(a["task_id"], a["unit_id"], a["unit_name"], f, value, value.count(needle)))
        return [m for tid in order if wanted is None or tid in wanted for m in by_task.get(tid, ())]

    def replace(self, plan_id: int, needle: str, replacement: str, *, in_tasks: bool = True,
                in_progress: bool = True, task_ids=None) -> Changes:
        """Replace every ``needle`` found by ``find`` with ``replacement``: one undoable step."""
        if not needle:
            raise ValidationError("请填写要查找的文字。")
        replacement = replacement or ""
        if needle == replacement:
            return Changes()
        matches = self.find(plan_id, needle, in_tasks=in_tasks, in_progress=in_progress, task_ids=task_ids)
        if not matches:
            return Changes()
        for m in matches:
            if m.unit_id is None and m.field == "text" and not m.text.replace(needle, replacement).strip():
                number = self._tasks.row(m.task_id)["number"]
                raise ValidationError(f"替换后任务{number or ''}的任务内容会变成空的，没有替换。请换一个替换内容。")
        total = sum(m.count for m in matches)
        label = (f"替换“{_short(needle)}”为“{_short(replacement)}”（{total}处）" if replacement
                 else f"删除“{_short(needle)}”（{total}处）")
        stamp, user = now_text(), self._undo.user
        changes = Changes(tasks=True, progress=any(m.unit_id is not None for m in matches)).about(plan_id)

        def build(r: Recorder) -> None:
            for m in matches:
                value = m.text.replace(needle, replacement).strip()
                new: dict[str, Any] = {m.field: value or None if m.field == "detail" else value}
                if m.unit_id is None:
                    r.update("tasks", {"id": m.task_id}, **new)
                else:
                    aid = q.assignment_row(r.conn, m.task_id, m.unit_id)["id"]
                    r.update("assignments", {"id": aid}, **new, updated_at=stamp, updated_by=user)

        self._undo.run(label, changes, build)
        return changes


def _short(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
