"""The light of each task of a plan, for the task table: computed when a row is first shown.

A task's light is the worst of its units' (``lights.entry_light``). Red and "due soon" follow
from the task's overall status alone (some unit is not 已完成 exactly when the task is not);
only "持续推进 with no update for M days" needs the units' last updates: those of the plan's
持续推进 entries are read once, when the lights are built (the window does that after its first
paint), never while a row is painted.
"""

from __future__ import annotations

import datetime as _dt

from gongkai_desk.core.calendar import no_data_banner
from gongkai_desk.core.lights import DONE_LIGHT, GREEN, Light, LightRule, entry_light
from gongkai_desk.core.model import Status, TaskRow
from gongkai_desk.core.schedule import Due, Schedule
from gongkai_desk.core.task_list import iso_date


class TaskLights:
    def __init__(self, schedule: Schedule, rule: LightRule, ongoing_updates, banner: str | None) -> None:
        """:param ongoing_updates: a function returning {task id: [last update of each 持续推进 unit]}."""
        self.schedule, self.rule = schedule, rule
        self._load_updates = ongoing_updates
        self._updates: dict[int, list[str | None]] | None = None
        self._cache: dict[int, tuple[Light, Due]] = {}
        self.banner = banner  # "2027年节假日安排尚未载入，……" or None

    def of(self, task: TaskRow) -> tuple[Light, Due]:
        found = self._cache.get(task.id)
        if found is None:
            d = task.deadline
            due = self.schedule.evaluate(d.kind.value if d.kind else None, d.date, d.phrase, task.id)
            today, rule = self.schedule.today, self.rule
            # Not 已完成, so red or "due soon" whenever the deadline says so (whatever the status).
            light = entry_light(Status.IN_PROGRESS if task.status is not Status.DONE else Status.DONE,
                                due.date, due.left, None, today, rule)
            if light.color == GREEN and light is not DONE_LIGHT:
                if self._updates is None:
                    self._updates = self._load_updates()
                for stamp in self._updates.get(task.id, ()):
                    stale = entry_light(Status.ONGOING, due.date, due.left, iso_date((stamp or "")[:10]), today, rule)
                    if stale.severity > light.severity:
                        light = stale
                        break
            found = self._cache[task.id] = (light, due)
        return found

    def tooltip(self, task: TaskRow) -> str:
        light, due = self.of(task)
        elapsed = f"\n{due.elapsed_text()}（期限已过去的比例，对照完成进度看是否滞后）" if due.elapsed is not None else ""
        return f"{light.word}\n完成时限：{due.text()}{elapsed}\n\n提醒规则：{self.rule.text()}"


def task_lights(ws, plan_id: int, today: _dt.date | None = None) -> TaskLights:
    today = today or _dt.date.today()
    plan = ws.plans.get(plan_id)
    cal = ws.calendar.work_calendar()
    schedule = Schedule(cal, today, plan_year=plan.year, plan_start=plan.issue_date,
                        starts=ws.calendar.task_starts(plan_id))
    banner = no_data_banner(cal.unknown_years(_dt.date(plan.year, 1, 1), _dt.date(plan.year, 12, 31)))
    # Read now, not when a row is first painted: a paint must never reach the database (it may be
    # closed, or being replaced by a restore, by then).
    updates = ws.timeline.ongoing_updates(plan_id)
    return TaskLights(schedule, ws.calendar.light_rule(), lambda: updates, banner)
