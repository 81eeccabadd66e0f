"""Apply an update diff (``diff.UpdateDiff``) to a stored plan in one undoable command.

The progress of every unit that stays on a task is left untouched; a unit leaving a task loses
its progress only when the diff listed it, so nothing the clerk entered is dropped unseen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.edits.plans import delete_task_rows
from gongkai_desk.core.errors import ConflictError
from gongkai_desk.core.imports.diff import TaskChange, UpdateDiff, _has_progress, _title
from gongkai_desk.core.imports.store import UnitResolver, insert_assignments, task_values, unit_roles
from gongkai_desk.core.model import Role
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows
from gongkai_desk.core.values import deadline_columns, json_list, now_text

if TYPE_CHECKING:
    from gongkai_desk.core.imports.parse.parsed import ParsedTask
    from gongkai_desk.core.undo import Recorder

UPDATE_CHANGES = Changes(plans=True, sections=True, tasks=True, units=True, progress=True)


def apply_update(ws, plan_id: int, diff: UpdateDiff) -> Changes:
    """Apply ``diff`` to the plan in one undoable command."""
    if diff.is_empty():
        return Changes()
    plan = ws.plans.get(plan_id)
    ws.auto_backup("before-import")  # an update replaces data: a verified copy first
    resolver = UnitResolver(ws, diff.matches, diff.unit_choices)
    units = {u.id: u for u in ws.units.all()}
    stamp, user = now_text(), ws.undo_stack.user
    for c in diff.changed:
        if q.get_row(ws.conn, "tasks", {"id": c.task_id}) is None:
            raise ConflictError("计划在比较之后又被修改过（有任务已被删除），请重新导入比较。")
    section_ids = {c.section_id for c in diff.sections} | {a.section_id for a in diff.added if a.section_id is not None}
    for sid in section_ids:
        if q.get_row(ws.conn, "sections", {"id": sid}) is None:
            raise ConflictError("计划在比较之后又被修改过（有章节已被删除），请重新导入比较。")

    def build(r: Recorder) -> None:
        for sc in diff.sections:
            r.update("sections", {"id": sc.section_id}, title=sc.title, number=sc.number)
        for t in diff.removed:
            delete_task_rows(r, t.id)
        for c in diff.changed:
            _apply_change(ws, r, resolver, c, plan.year, units)
        sections = _SectionFinder(ws, r, plan_id)
        for a in diff.added:
            section_id = sections.find(a.section_chain[a.known_depth:], a.section_id)
            pos = q.max_position(ws.conn, "tasks", plan_id=plan_id, section_id=section_id) + 1
            task_id = r.insert("tasks", task_values(plan_id, section_id, a.task, plan.year, pos))
            insert_assignments(r, resolver, task_id, a.task, review=diff.review, stamp=stamp, user=user)

    changes = UPDATE_CHANGES.about(plan_id)
    ws.run(f"更新计划「{plan.title}」（{diff.summary()}）", changes, build)
    return changes


def _apply_change(ws, r: Recorder, resolver: UnitResolver, c: TaskChange, year: int, units: dict) -> None:
    n, values = c.new, {}
    keys = {f.field for f in c.fields}
    if "number" in keys:
        values["number"] = (n.number or "").strip() or None
    if "text" in keys:
        values["text"] = (n.text or "").strip() or c.old.text
    if "detail" in keys:
        values["detail"] = (n.detail or "").strip() or None
    if "deadline" in keys:
        values.update(deadline_columns(n.deadline, year))
    if values:
        values["flags"] = json_list(n.flags)
        r.update("tasks", {"id": c.task_id}, **values)
    if keys & {"lead_units", "responsible_units"}:
        may_drop = {uid for f in c.fields if f.field == "dropped_progress" for uid in f.unit_ids}
        _apply_units(ws, r, resolver, c.task_id, n, units, may_drop)


def _apply_units(ws, r: Recorder, resolver: UnitResolver, task_id: int, n: ParsedTask, units: dict,
                 may_drop: set[int]) -> None:
    """Make the task's units those of ``n``; a unit that stays keeps its progress.

    A group the task does not have is satisfied by its member units the task has (see ``_with_members``).
    A unit that leaves the task loses its progress only when the diff listed it (``may_drop``).
    """
    current = {a["unit_id"]: a for a in sorted(q.rows_where(ws.conn, "assignments", task_id=task_id),
                                               key=lambda a: (a["position"], a["id"]))}
    wanted: dict[int, Role] = {}
    for name, role in unit_roles(n):
        uid = resolver.unit_id(r, name)
        group = units.get(uid)
        present = [m for m in current if m in group.members] if group is not None and group.is_group else []
        for m in ([uid] if uid in current or not present else []) + present:
            wanted.setdefault(m, role)
    for uid, a in current.items():
        if uid not in wanted:
            if _has_progress(a) and uid not in may_drop:
                name = units[uid].name if uid in units else str(uid)
                raise ConflictError(f"“{name}”在比较之后填写了落实情况，更新会删除它，请重新导入比较。")
            r.delete("assignments", {"id": a["id"]})
        elif a["role"] != wanted[uid].value:
            r.update("assignments", {"id": a["id"]}, role=wanted[uid].value)
    pos = max((a["position"] for a in current.values()), default=-1) + 1
    for uid, role in wanted.items():
        if uid not in current:
            r.insert("assignments", rows.assignment(task_id=task_id, unit_id=uid, role=role.value, position=pos))
            pos += 1


class _SectionFinder:
    """Find a stored section by its chain of titles below a section, creating the missing ones."""

    def __init__(self, ws, r: Recorder, plan_id: int) -> None:
        self.ws, self.r, self.plan_id = ws, r, plan_id
        self.children: dict[int | None, list[dict]] = {}
        for s in q.section_rows(ws.conn, plan_id):
            self.children.setdefault(s["parent_id"], []).append(s)

    def find(self, chain: list[tuple[str | None, str, int]], parent: int | None = None) -> int | None:
        for number, title, level in chain:
            kids = self.children.setdefault(parent, [])
            title = _title(title)
            hit = next((s for s in kids if s["title"] == title), None)
            if hit is None:
                values = rows.section(plan_id=self.plan_id, parent_id=parent, level=level, number=number, title=title,
                                      position=max((s["position"] for s in kids), default=-1) + 1)
                hit = {**values, "id": self.r.insert("sections", values)}
                kids.append(hit)
            parent = hit["id"]
        return parent
