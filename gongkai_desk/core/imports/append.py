"""Rows pasted into a plan (copied from Excel/WPS, or from another plan): the parsed tasks added
at the end of one section as ONE undoable step, numbered on from the tasks already there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.imports.store import UnitResolver, insert_assignments, match_parsed_units, task_values
from gongkai_desk.core.numbering import next_number_in
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.values import now_text

if TYPE_CHECKING:
    from gongkai_desk.core.imports.parse.parsed import ParsedPlan
    from gongkai_desk.core.undo import Recorder


def append_tasks(ws, plan_id: int, parsed: ParsedPlan, *, section_id: int | None = None,
                 unit_choices=None) -> Changes:
    """Add ``parsed``'s tasks (not its sections) to the end of ``section_id`` of the plan."""
    plan = ws.plans.get(plan_id)
    ws.plans.check_section(section_id, plan_id)
    if not parsed.tasks:
        raise ValidationError("没有识别到任何任务，没有添加。")
    resolver = UnitResolver(ws, match_parsed_units(ws, parsed), unit_choices)
    stamp, user = now_text(), ws.undo_stack.user
    existing = ws.tasks.table(plan_id).numbering_rows()
    sections = ws.plans.sections(plan_id)
    first = int(next_number_in(existing, sections, section_id))
    start = q.max_position(ws.conn, "tasks", plan_id=plan_id, section_id=section_id) + 1

    def build(r: Recorder) -> None:
        for n, t in enumerate(parsed.tasks):
            values = task_values(plan_id, section_id, t, plan.year, start + n)
            values["number"] = str(first + n)
            task_id = r.insert("tasks", values)
            insert_assignments(r, resolver, task_id, t, review=parsed.kind == "review", stamp=stamp, user=user)

    changes = Changes(tasks=True, units=True, progress=True, plan_id=plan_id)
    ws.run(f"粘贴{len(parsed.tasks)}项任务", changes, build)
    return changes
