"""The light of each task of a plan, for the task table: computed when a row is first shown.

One read of the plan's entries (status and last update) and one calendar per reload; each
task's light is the worst of its units' (``lights.entry_light``), cached by task id.
"""

from __future__ import annotations

import datetime as _dt

from gongkai_desk.core.calendar import no_data_banner
from gongkai_desk.core.lights import Light, LightRule, entry_light, worst
from gongkai_desk.core.model import STATUS_BY_VALUE, TaskRow
from gongkai_desk.core.schedule import Due, Schedule
from gongkai_desk.core.task_list import iso_date


class TaskLights:
    def __init__(self, schedule: Schedule, rule: LightRule, entries: dict[int, list[tuple[str, str | None]]],
                 banner: str | None) -> None:
        self.schedule, self.rule = schedule, rule
        self._entries = entries
        self._cache: dict[int, tuple[Light, Due]] = {}
        self.banner = banner  # "2027年节假日安排尚未载入，……" or None

    def of(self, task: TaskRow) -> tuple[Light, Due]:
        found = self._cache.get(task.id)
        if found is None:
            d = task.deadline
            due = self.schedule.evaluate(d.kind.value if d.kind else None, d.date, d.phrase, task.id)
            today = self.schedule.today
            lights = [entry_light(STATUS_BY_VALUE[s], due.date, due.left, iso_date(u[:10]) if u else None, today, self.rule)
                      for s, u in self._entries.get(task.id, ())]
            if not lights:
                lights = [entry_light(task.status, due.date, due.left, None, today, self.rule)]
            found = self._cache[task.id] = (worst(lights), due)
        return found

    def tooltip(self, task: TaskRow) -> str:
        light, due = self.of(task)
        return f"{light.word}\n完成时限：{due.text()}\n\n提醒规则：{self.rule.text()}"


def task_lights(ws, plan_id: int, today: _dt.date | None = None) -> TaskLights:
    today = today or _dt.date.today()
    plan = ws.plans.get(plan_id)
    cal = ws.calendar.work_calendar()
    schedule = Schedule(cal, today, plan_year=plan.year, plan_start=plan.issue_date,
                        starts=ws.calendar.task_starts(plan_id))
    entries: dict[int, list[tuple[str, str | None]]] = {}
    for e in ws.timeline.entries(plan_id):
        entries.setdefault(e[1], []).append((e[4], e[5]))
    banner = no_data_banner(cal.unknown_years(_dt.date(plan.year, 1, 1), _dt.date(plan.year, 12, 31)))
    return TaskLights(schedule, ws.calendar.light_rule(), entries, banner)
