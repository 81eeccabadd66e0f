"""Units on tasks and their progress (落实情况), read and edited undoably (``ws.progress``)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.edits.units import unit_name
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.model import Assignment, Role, Status
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows
from gongkai_desk.core.values import now_text

if TYPE_CHECKING:
    from gongkai_desk.core.edits.tasks import Tasks
    from gongkai_desk.core.edits.units import Units
    from gongkai_desk.core.undo import Recorder, UndoStack

ASSIGN_CHANGES = Changes(tasks=True, progress=True)
PROGRESS_FIELDS = {"status": "完成状态", "done": "落实情况", "problems": "存在问题", "next_steps": "下步计划",
                   "evidence": "佐证材料"}


class Progress:
    """Which units carry out each task, in which role, and how far they got."""

    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack, tasks: Tasks, units: Units) -> None:
        self._conn, self._undo = conn, undo_stack
        self._tasks, self._units = tasks, units

    # ---- reads ---------------------------------------------------------------------------

    def of_task(self, task_id: int) -> list[Assignment]:
        return [_assignment(a) for a in q.assignment_rows_for_task(self._conn, task_id)]

    def of_plan(self, plan_id: int) -> dict[int, list[Assignment]]:
        out: dict[int, list[Assignment]] = {}
        for a in q.assignment_rows_for_plan(self._conn, plan_id):
            out.setdefault(a["task_id"], []).append(_assignment(a))
        return out

    def row(self, task_id: int, unit_id: int) -> dict[str, Any]:
        row = q.assignment_row(self._conn, task_id, unit_id)
        if row is None:
            raise NotFoundError("该单位不在这项任务中。")
        return row

    # ---- units on tasks ------------------------------------------------------------------

    def assign(self, task_id: int, unit_id: int, role: Role = Role.RESPONSIBLE) -> ChangesWithId:
        """Put a unit on a task (or change its role there); the id is the assignment's."""
        task = self._tasks.row(task_id)
        unit = self._units.get(unit_id)
        role = Role(role)
        changes = ASSIGN_CHANGES.about(task["plan_id"])
        existing = q.assignment_row(self._conn, task_id, unit_id)
        if existing:
            if existing["role"] != role.value:
                self._undo.run(f"将「{unit.name}」设为{role.label}", changes,
                                        lambda r: r.update("assignments", {"id": existing["id"]}, role=role.value))
            return changes.with_id(existing["id"])
        values = rows.assignment(task_id=task_id, unit_id=unit_id, role=role.value,
                                 position=q.max_position(self._conn, "assignments", task_id=task_id) + 1)
        label = f"为任务{task['number'] or ''}添加{role.label}「{unit.name}」"
        aid = self._undo.run(label, changes, lambda r: r.insert("assignments", values))
        return changes.with_id(aid)

    def assign_by_name(self, task_id: int, name: str, role: Role = Role.RESPONSIBLE) -> ChangesWithId:
        """Put the unit called ``name`` on a task, adding it to the directory first when unknown:
        one undoable step either way. The name is looked up inside the write transaction, so
        another program adding the same unit meanwhile is found, not added twice."""
        name = unit_name(name)
        task = self._tasks.row(task_id)
        role = Role(role)
        changes = (ASSIGN_CHANGES | Changes(units=True)).about(task["plan_id"])

        def build(r: Recorder) -> int:
            found = q.unit_by_name(r.conn, name)
            uid = found["id"] if found else r.insert("units", rows.unit(name=name))
            existing = q.assignment_row(r.conn, task_id, uid)
            if existing:
                r.update("assignments", {"id": existing["id"]}, role=role.value)
                return existing["id"]
            return r.insert("assignments", rows.assignment(
                task_id=task_id, unit_id=uid, role=role.value,
                position=q.max_position(r.conn, "assignments", task_id=task_id) + 1))

        aid = self._undo.run(f"为任务{task['number'] or ''}添加{role.label}「{name}」", changes, build)
        return changes.with_id(aid)

    def unassign(self, task_id: int, unit_id: int) -> Changes:
        row = self.row(task_id, unit_id)
        changes = ASSIGN_CHANGES.about(self._tasks.row(task_id)["plan_id"])
        self._undo.run(f"从任务中移除「{row['unit_name']}」", changes,
                                lambda r: r.delete("assignments", {"id": row["id"]}))
        return changes

    def expand_group(self, task_id: int, group_id: int) -> Changes:
        """Replace a group on a task by its member units, each getting the group's progress."""
        row = self.row(task_id, group_id)
        group = self._units.get(group_id)
        if not group.is_group or not group.members:
            raise ValidationError(f"“{group.name}”没有成员单位，请先在单位名录中设置它的成员。")
        copied = {k: row[k] for k in rows.PROGRESS_COLUMNS}
        changes = ASSIGN_CHANGES.about(self._tasks.row(task_id)["plan_id"])

        def build(r: Recorder) -> None:
            r.delete("assignments", {"id": row["id"]})
            pos = row["position"]
            for mid in group.members:
                if q.assignment_row(r.conn, task_id, mid):
                    continue
                r.insert("assignments", rows.assignment(task_id=task_id, unit_id=mid, role=row["role"],
                                                        position=pos, progress=copied))
                pos += 1

        self._undo.run(f"展开「{group.name}」为成员单位", changes, build)
        return changes

    # ---- progress ------------------------------------------------------------------------

    def set(self, task_id: int, unit_id: int, **fields: Any) -> Changes:
        """Record a unit's status / 落实情况 / 存在问题 / 下步计划 / 佐证材料 on a task."""
        row = self.row(task_id, unit_id)
        changed = progress_changes(row, fields)
        if not changed:
            return Changes()
        changed.update(updated_at=now_text(), updated_by=self._undo.user)
        named = [PROGRESS_FIELDS[k] for k in PROGRESS_FIELDS if k in changed]
        what = named[0] if len(named) == 1 else "落实情况"
        changes = ASSIGN_CHANGES.about(self._tasks.row(task_id)["plan_id"])
        self._undo.run(f"修改{row['unit_name']}{what}", changes,
                                lambda r: r.update("assignments", {"id": row["id"]}, **changed))
        return changes


    # ---- several tasks at once (one undoable step each) ----------------------------------

    def entries(self, task_ids, unit_id: int | None = None) -> list[tuple[int, int]]:
        """(task id, unit id) of the tasks' units — all of them, or only ``unit_id``'s."""
        out: list[tuple[int, int]] = []
        for tid in dict.fromkeys(task_ids):
            out.extend((tid, a["unit_id"]) for a in q.assignment_rows_for_task(self._conn, tid)
                       if unit_id is None or a["unit_id"] == unit_id)
        return out

    def set_many(self, entries, *, label: str | None = None, **fields: Any) -> Changes:
        """Record the same status / texts for many (task, unit) entries as ONE undoable step,
        named by what it did ("批量设置12项任务的完成状态")."""
        entries = list(dict.fromkeys(entries))
        if not entries:
            raise ValidationError("所选任务中没有可以设置的单位，请先为任务添加单位。")
        found = [self.row(tid, uid) for tid, uid in entries]
        plans = {self._tasks.row(tid)["plan_id"] for tid in {tid for tid, _ in entries}}
        if len(plans) != 1:
            raise ValidationError("所选任务不属于同一个计划，请在一个计划中选择。")
        stamp = now_text()
        todo = []
        for row in found:
            changed = progress_changes(row, fields)
            if changed:
                changed.update(updated_at=stamp, updated_by=self._undo.user)
                todo.append((row, changed))
        if not todo:
            return Changes()
        if label is None:
            named = [PROGRESS_FIELDS[k] for k in PROGRESS_FIELDS if k in fields]
            what = named[0] if len(named) == 1 else "落实情况"
            label = f"批量设置{len({tid for tid, _ in entries})}项任务的{what}"
        changes = ASSIGN_CHANGES.about(plans.pop())

        def build(r: Recorder) -> None:
            for row, changed in todo:
                r.update("assignments", {"id": row["id"]}, **changed)

        self._undo.run(label, changes, build)
        return changes

    def assign_many(self, task_ids, name: str, role: Role = Role.RESPONSIBLE) -> Changes:
        """Put the unit called ``name`` on every task (a new name joins the directory): one step.
        Tasks that already have the unit keep it, in its present role."""
        name = unit_name(name)
        role = Role(role)
        task_rows = [self._tasks.row(tid) for tid in dict.fromkeys(task_ids)]
        if not task_rows:
            raise ValidationError("请先选择至少一项任务。")
        if len({t["plan_id"] for t in task_rows}) != 1:
            raise ValidationError("所选任务不属于同一个计划，请在一个计划中选择。")
        known = q.unit_by_name(self._conn, name)
        todo = [t for t in task_rows if not (known and q.assignment_row(self._conn, t["id"], known["id"]))]
        if not todo:
            return Changes()
        changes = (ASSIGN_CHANGES | Changes(units=known is None)).about(task_rows[0]["plan_id"])

        def build(r: Recorder) -> None:
            uid = known["id"] if known else r.insert("units", rows.unit(name=name))
            for t in todo:
                r.insert("assignments", rows.assignment(
                    task_id=t["id"], unit_id=uid, role=role.value,
                    position=q.max_position(r.conn, "assignments", task_id=t["id"]) + 1))

        self._undo.run(f"为{len(todo)}项任务添加{role.label}「{name}」", changes, build)
        return changes

    def unassign_many(self, task_ids, unit_id: int) -> Changes:
        """Take a unit (and its progress) off every task that has it: one undoable step."""
        unit = self._units.get(unit_id)
        found = [row for tid in dict.fromkeys(task_ids) if (row := q.assignment_row(self._conn, tid, unit_id))]
        if not found:
            raise ValidationError(f"所选任务中没有“{unit.name}”。")
        plans = {self._tasks.row(row["task_id"])["plan_id"] for row in found}
        if len(plans) != 1:
            raise ValidationError("所选任务不属于同一个计划，请在一个计划中选择。")
        changes = ASSIGN_CHANGES.about(plans.pop())

        def build(r: Recorder) -> None:
            for row in found:
                r.delete("assignments", {"id": row["id"]})

        self._undo.run(f"从{len(found)}项任务中移除「{unit.name}」", changes, build)
        return changes


def progress_changes(row: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The progress columns of ``fields`` that differ from ``row``, checked (the status word)."""
    unknown = set(fields) - set(PROGRESS_FIELDS)
    if unknown:
        raise ValidationError(f"不认识的落实情况字段：{', '.join(sorted(unknown))}。")
    values: dict[str, Any] = {}
    for k, v in fields.items():
        if k == "status":
            status = v if isinstance(v, Status) else Status.parse(v)
            if status is None:
                names = "、".join(s.value for s in Status)
                raise ValidationError(f"完成状态“{v}”无效，只能是：{names}。")
            values[k] = status.value
        else:
            values[k] = (v or "").strip()
    return {k: v for k, v in values.items() if row[k] != v}


def _assignment(a: dict[str, Any]) -> Assignment:
    return Assignment(
        id=a["id"], task_id=a["task_id"], unit_id=a["unit_id"], unit_name=a["unit_name"],
        is_group=bool(a["is_group"]), role=Role(a["role"]), status=Status(a["status"]),
        done=a["done"], problems=a["problems"], next_steps=a["next_steps"], evidence=a["evidence"],
        updated_at=a["updated_at"], updated_by=a["updated_by"],
    )
