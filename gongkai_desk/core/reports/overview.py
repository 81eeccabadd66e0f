"""The 总览 of a plan on a date: totals, per unit and per section, the overdue and due-soon lists,
units ranked for a 通报, completion week by week, and the light rule used.

Figures "on a date" use the statuses as recorded by the end of that day: status changes made
later are rolled back from the history (entries and tasks added later still count, with the
status they were first given). A future date keeps today's statuses and asks what will be late
by then. Built from reads only; the window, the CLI and the exports share it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from gongkai_desk.core.calendar import no_data_banner
from gongkai_desk.core.labels import numbered_title
from gongkai_desk.core.lights import GREEN, RED, YELLOW, Light, LightRule, entry_light, worst
from gongkai_desk.core.model import STATUS_BY_VALUE, Status, overall_status
from gongkai_desk.core.schedule import Due, Schedule
from gongkai_desk.core.task_list import iso_date

NO_SECTION = "（未分部分）"
NO_UNIT = "（未指定单位）"


@dataclass(frozen=True)
class UnitFigures:
    unit_id: int
    unit: str
    tasks: int  # entries of the unit (tasks it is on)
    done: int
    overdue: int
    due_soon: int
    light: Light
    chased: int  # 催办 so far
    is_group: bool = False

    @property
    def completion(self) -> float:
        return self.done / self.tasks if self.tasks else 0.0


@dataclass(frozen=True)
class SectionFigures:
    section_id: int | None
    section: str  # "一、以公开助力……"
    tasks: int
    done: int  # tasks 已完成 (every unit done)
    overdue: int  # tasks overdue
    due_soon: int
    entries: int
    entries_done: int

    @property
    def completion(self) -> float:
        return self.done / self.tasks if self.tasks else 0.0


@dataclass(frozen=True)
class ListItem:
    """One unit's entry on a task in the overdue or due-soon list (unit None: no unit yet)."""

    task_id: int
    number: str | None
    text: str
    unit_id: int | None
    unit: str
    deadline: str | None
    due: Due
    status: Status
    light: Light


@dataclass(frozen=True)
class TaskFigures:
    """One task as the 通报's section tables list it."""

    task_id: int
    section_id: int | None  # its top-level section
    number: str | None
    text: str
    units: str  # "区财政局、区教育局"
    deadline: str | None
    due: Due
    status: Status  # overall
    light: Light


@dataclass(frozen=True)
class WeekPoint:
    date: _dt.date  # the week's last day (Sunday), or the overview's date for the last point
    done: int
    entries: int

    @property
    def completion(self) -> float:
        return self.done / self.entries if self.entries else 0.0


@dataclass
class Overview:
    plan_id: int
    title: str
    year: int
    date: _dt.date
    rule: LightRule
    tasks: int = 0
    entries: int = 0
    done: int = 0
    tasks_done: int = 0
    tasks_overdue: int = 0
    review: int = 0  # tasks whose due date is 待复核
    units: list[UnitFigures] = field(default_factory=list)
    sections: list[SectionFigures] = field(default_factory=list)
    overdue_list: list[ListItem] = field(default_factory=list)
    due_soon_list: list[ListItem] = field(default_factory=list)
    weekly: list[WeekPoint] = field(default_factory=list)
    task_rows: list[TaskFigures] = field(default_factory=list)
    banner: str | None = None  # years without holiday data

    @property
    def overdue(self) -> int:
        return len(self.overdue_list)

    @property
    def due_soon(self) -> int:
        return len(self.due_soon_list)

    @property
    def completion(self) -> float:
        return self.done / self.entries if self.entries else 0.0

    def ranking(self) -> list[UnitFigures]:
        """Units for a 通报, best first: completion, then fewer overdue, then more tasks, then name."""
        return sorted(self.units, key=lambda u: (-u.completion, u.overdue, -u.tasks, u.unit))


def _state_on(ws, plan_id: int, on: _dt.date, entries: list[tuple]) -> tuple[dict, dict]:
    """Status and last update of each entry at the end of ``on`` (rolled back from the history)."""
    status = {e[0]: e[6] for e in entries}
    updated = {e[0]: e[7] for e in entries}
    if on < _dt.date.today():
        for _hid, _at, aid, fld, old, _new in reversed(ws.timeline.events(plan_id, after=f"{on.isoformat()}T23:59:59")):
            try:
                key = int(aid)
            except (TypeError, ValueError):
                continue
            if key in status:
                if fld == "status" and old in STATUS_BY_VALUE:
                    status[key] = old
                elif fld == "updated_at":
                    updated[key] = old
    return status, updated


def build_overview(ws, plan_id: int, on: _dt.date | None = None, *, weekly: bool = True) -> Overview:
    """The overview of plan ``plan_id`` on ``on`` (default today)."""
    on = on or _dt.date.today()
    plan = ws.plans.get(plan_id)
    rule = ws.calendar.light_rule()
    cal = ws.calendar.work_calendar()
    schedule = Schedule(cal, on, plan_year=plan.year, plan_start=plan.issue_date, starts=ws.calendar.task_starts(plan_id))
    ov = Overview(plan_id, plan.title, plan.year, on, rule)
    sections = ws.plans.sections(plan_id)
    top: dict[int, int] = {}
    for s in sections:  # pre-order: parents first
        top[s.id] = top.get(s.parent_id, s.id) if s.parent_id is not None else s.id
    section_titles = {s.id: numbered_title(s.level, s.number, s.title) for s in sections if s.parent_id is None}
    order = {s.id: i for i, s in enumerate(sections)}
    tasks = sorted(ws.timeline.tasks(plan_id), key=lambda t: (order.get(t[2], -1), t[9], t[0]))
    entries = ws.timeline.entries(plan_id)
    status, updated = _state_on(ws, plan_id, on, entries)
    by_task: dict[int, list[tuple]] = {}
    for e in entries:
        by_task.setdefault(e[1], []).append(e)
    chased = ws.chasing.counts(plan_id, until=on)

    unit_acc: dict[int, list] = {}  # unit_id -> [name, is_group, tasks, done, overdue, due_soon, lights]
    sec_acc: dict[int | None, list[int]] = {}  # top section -> [tasks, done, overdue, due_soon, entries, e_done]
    unknown_years: set[int] = set(cal.unknown_years(_dt.date(plan.year, 1, 1), _dt.date(plan.year, 12, 31)))
    updated_dates: dict[str | None, _dt.date | None] = {}
    for t in tasks:
        task_id, _pid, section_id, number, text, _detail, d_text, d_kind, d_date, _pos, _flags = t
        due = schedule.evaluate(d_kind, iso_date(d_date), d_text, task_id)
        if due.review:
            ov.review += 1
            if due.date:
                unknown_years.update(cal.unknown_years(on, due.date))
        es = by_task.get(task_id, ())
        statuses = [STATUS_BY_VALUE[status[e[0]]] for e in es]
        overall = overall_status(statuses)
        lights = []
        for e, st in zip(es, statuses):
            stamp = updated[e[0]]
            if stamp not in updated_dates:
                updated_dates[stamp] = iso_date(stamp[:10]) if stamp else None
            light = entry_light(st, due.date, due.left, updated_dates[stamp], on, rule)
            lights.append(light)
            acc = unit_acc.get(e[2])
            if acc is None:
                acc = unit_acc[e[2]] = [e[3], bool(e[4]), 0, 0, 0, 0, []]
            acc[2] += 1
            acc[3] += st is Status.DONE
            overdue_e = light.color == RED
            soon_e = light.color == YELLOW and due.date is not None and due.left is not None and due.left >= 0 \
                and st is not Status.DONE and due.left <= rule.due_soon_days
            acc[4] += overdue_e
            acc[5] += soon_e
            acc[6].append(light)
            if overdue_e or soon_e:
                item = ListItem(task_id, number, text, e[2], e[3], d_text, due, st, light)
                (ov.overdue_list if overdue_e else ov.due_soon_list).append(item)
        if not es:  # a task nobody carries yet still has its deadline
            light = entry_light(overall, due.date, due.left, None, on, rule)
            if light.color == RED or (light.color == YELLOW and due.date is not None):
                item = ListItem(task_id, number, text, None, NO_UNIT, d_text, due, overall, light)
                (ov.overdue_list if light.color == RED else ov.due_soon_list).append(item)
        task_light = worst(lights) if lights else entry_light(overall, due.date, due.left, None, on, rule)
        key = top.get(section_id) if section_id is not None else None
        ov.task_rows.append(TaskFigures(task_id, key, number, text, "、".join(e[3] for e in es), d_text, due,
                                        overall, task_light))
        sa = sec_acc.setdefault(key, [0, 0, 0, 0, 0, 0])
        sa[0] += 1
        sa[1] += overall is Status.DONE
        sa[2] += task_light.color == RED
        sa[3] += task_light.color == YELLOW and due.date is not None and (due.left or 0) >= 0 and overall is not Status.DONE
        sa[4] += len(es)
        sa[5] += sum(s is Status.DONE for s in statuses)
        ov.tasks += 1
        ov.entries += len(es)
        ov.done += sum(s is Status.DONE for s in statuses)
        ov.tasks_done += overall is Status.DONE
        ov.tasks_overdue += task_light.color == RED
    ov.units = [UnitFigures(uid, a[0], a[2], a[3], a[4], a[5], worst(a[6], Light(GREEN, "正常推进")), chased.get(uid, 0), a[1])
                for uid, a in unit_acc.items()]
    ov.units.sort(key=lambda u: (-u.tasks, u.unit))
    for s in sections:
        if s.parent_id is None and s.id in sec_acc:
            a = sec_acc[s.id]
            ov.sections.append(SectionFigures(s.id, section_titles[s.id], *a))
    if None in sec_acc:
        ov.sections.append(SectionFigures(None, NO_SECTION, *sec_acc[None]))
    ov.overdue_list.sort(key=lambda i: (i.due.date or on, _num(i.number)))  # stable: lead unit first
    ov.due_soon_list.sort(key=lambda i: (i.due.left if i.due.left is not None else 99, _num(i.number)))
    ov.banner = no_data_banner(unknown_years)
    if weekly:
        ov.weekly = completion_by_week(ws, plan_id, on, entries)
    return ov


def _num(number: str | None) -> tuple:
    digits = "".join(c for c in (number or "") if c.isdigit())
    return (int(digits) if digits else 10**9, number or "")


def completion_by_week(ws, plan_id: int, until: _dt.date, entries: list[tuple] | None = None) -> list[WeekPoint]:
    """Entries 已完成 at the end of each week (Sunday) from the plan's creation to ``until``."""
    entries = entries if entries is not None else ws.timeline.entries(plan_id)
    created = iso_date((ws.timeline.created_at(plan_id) or until.isoformat())[:10]) or until
    first = min(created, until)
    events = ws.timeline.events(plan_id)
    status = {e[0]: e[6] for e in entries}
    for _hid, _at, aid, fld, old, _new in reversed(events):  # back to the statuses first given
        if fld == "status" and aid is not None and aid.isdigit() and int(aid) in status and old in STATUS_BY_VALUE:
            status[int(aid)] = old
    done = sum(s == Status.DONE.value for s in status.values())
    points: list[_dt.date] = []
    day = first + _dt.timedelta(days=6 - first.weekday())
    while day < until:
        points.append(day)
        day += _dt.timedelta(days=7)
    points.append(until)
    out, i, n = [], 0, len(events)
    for point in points:
        limit = f"{point.isoformat()}T23:59:59"
        while i < n and events[i][1] <= limit:
            _hid, _at, aid, fld, old, new = events[i]
            if fld == "status" and aid is not None and aid.isdigit() and int(aid) in status and new in STATUS_BY_VALUE:
                key = int(aid)
                done += (new == Status.DONE.value) - (status[key] == Status.DONE.value)
                status[key] = new
            i += 1
        out.append(WeekPoint(point, done, len(entries)))
    return out


def _light_json(light: Light) -> str:
    return light.color


def to_json(ov: Overview) -> dict:
    """The ``overview --json`` object (shared/CLI.md, with more keys)."""
    def item(i: ListItem) -> dict:
        return {"task": i.task_id, "number": i.number, "text": i.text, "unit": i.unit if i.unit_id else None,
                "deadline": i.deadline, "due": i.due.date.isoformat() if i.due.date else None,
                "working_days_left": i.due.left, "status": i.status.value, "light": i.light.color,
                "reason": i.light.reason, "review": i.due.review}

    return {
        "plan": ov.plan_id, "title": ov.title, "date": ov.date.isoformat(), "tasks": ov.tasks, "entries": ov.entries,
        "done": ov.done, "overdue": ov.overdue, "due_soon": ov.due_soon, "tasks_done": ov.tasks_done,
        "tasks_overdue": ov.tasks_overdue, "completion": round(ov.completion, 4), "rule": ov.rule.text(),
        "thresholds": {"due_soon_working_days": ov.rule.due_soon_days, "stale_days": ov.rule.stale_days},
        "review": ov.review, "banner": ov.banner,
        "units": [{"unit": u.unit, "tasks": u.tasks, "done": u.done, "overdue": u.overdue, "due_soon": u.due_soon,
                   "light": u.light.color, "reason": u.light.reason, "chased": u.chased,
                   "completion": round(u.completion, 4)} for u in ov.units],
        "sections": [{"section": s.section, "tasks": s.tasks, "done": s.done, "overdue": s.overdue,
                      "due_soon": s.due_soon, "entries": s.entries, "entries_done": s.entries_done,
                      "completion": round(s.completion, 4)} for s in ov.sections],
        "overdue_list": [item(i) for i in ov.overdue_list],
        "due_soon_list": [item(i) for i in ov.due_soon_list],
        "ranking": [{"rank": n, "unit": u.unit, "completion": round(u.completion, 4), "done": u.done,
                     "tasks": u.tasks, "overdue": u.overdue} for n, u in enumerate(ov.ranking(), start=1)],
        "weekly": [{"date": p.date.isoformat(), "done": p.done, "entries": p.entries,
                    "completion": round(p.completion, 4)} for p in ov.weekly],
    }
