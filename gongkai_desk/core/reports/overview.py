"""The 总览 of a plan on a date: totals, per unit and per section, the overdue and due-soon lists,
units ranked for a 通报, completion week by week, and the light rule used.

Figures "on a date" use the statuses as recorded by the end of that day: status changes made
later are rolled back from the history (entries and tasks added later still count, with the
status they were first given). A future date keeps today's statuses and asks what will be late
by then. Built from reads only; the window, the CLI and the exports share it.
"""

from __future__ import annotations

import datetime as _dt
import gc
from dataclasses import dataclass, field
from collections import Counter, namedtuple
from itertools import groupby
from operator import itemgetter

from gongkai_desk.core.calendar import no_data_banner
from gongkai_desk.core.labels import numbered_title
from gongkai_desk.core.numbering import display_numbers
from gongkai_desk.core.lights import DONE_LIGHT, GREEN, RED, YELLOW, Light, LightRule, entry_light
from gongkai_desk.core.model import STATUS_BY_VALUE, Status, overall_status
from gongkai_desk.core.schedule import Due, Schedule
from gongkai_desk.core.task_list import iso_date

_Row = namedtuple("_Row", "id number section_id")  # what ``display_numbers`` reads of a task

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

    @property
    def color(self) -> str:
        """The section's light for charts: red with an overdue task, yellow with one due soon."""
        return RED if self.overdue else (YELLOW if self.due_soon else GREEN)


@dataclass(slots=True)
class ListItem:  # not frozen: thousands are built per overview, and frozen ones construct ~2× slower
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


@dataclass(slots=True)
class TaskFigures:  # read-only by convention (built 10,000 at a time)
    """One task as the 通报's section tables list it."""

    task_id: int
    section_id: int | None  # its top-level section
    number: str | None
    text: str
    entries: tuple | list  # the task's entry rows (timeline.entries tuples)
    deadline: str | None
    due: Due
    status: Status  # overall
    light: Light
    names: dict  # unit id → (name, is_group)

    @property
    def units(self) -> str:
        """"区财政局、区教育局"."""
        return "、".join(self.names[e[2]][0] for e in self.entries)


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
    _raw_rows: list[tuple] = field(default_factory=list, repr=False)
    _names: dict = field(default_factory=dict, repr=False)
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

    @property
    def task_rows(self) -> list["TaskFigures"]:
        """Every task with its overall status and light (built when a document asks)."""
        return [TaskFigures(tid, sec, number, text, es, deadline, due,
                            overall_status([STATUS_BY_VALUE[e[4]] for e in es]), light, self._names)
                for tid, sec, number, text, es, deadline, due, light in self._raw_rows]

    def ranking(self) -> list[UnitFigures]:
        """Units for a 通报, best first: completion, then fewer overdue, then more tasks, then name.
        Groups (区各有关部门…) are not units that can be ranked: left out."""
        return sorted((u for u in self.units if not u.is_group), key=lambda u: (-u.completion, u.overdue, -u.tasks, u.unit))


def _state_on(ws, plan_id: int, on: _dt.date, entries: list[tuple]) -> list[tuple]:
    """The entries with the status and last update they had at the end of ``on`` (later changes
    rolled back from the history); the same list when nothing changed since."""
    if on >= _dt.date.today():
        return entries
    changed: dict[int, list] = {}
    for _hid, _at, aid, fld, old, _new in reversed(ws.timeline.events(plan_id, after=f"{on.isoformat()}T23:59:59")):
        if aid is None or not aid.isdigit():
            continue
        slot = changed.setdefault(int(aid), [None, None, False, False])
        if fld == "status" and old in STATUS_BY_VALUE:
            slot[0], slot[2] = old, True
        elif fld == "updated_at":
            slot[1], slot[3] = old, True
    if not changed:
        return entries
    out = []
    for e in entries:
        c = changed.get(e[0])
        if c is not None:
            e = (*e[:4], c[0] if c[2] else e[4], c[1] if c[3] else e[5])
        out.append(e)
    return out


def build_overview(ws, plan_id: int, on: _dt.date | None = None, *, weekly: bool = True) -> Overview:
    """The overview of plan ``plan_id`` on ``on`` (default today)."""
    # Tens of thousands of small tuples and no cycles: the cyclic collector would only rescan
    # every object of the program a few times over (a third of the time in the window).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(ws, plan_id, on or _dt.date.today(), weekly)
    finally:
        if enabled:
            gc.enable()


def _build(ws, plan_id: int, on: _dt.date, weekly: bool) -> Overview:
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
    tasks = ws.timeline.tasks(plan_id)  # position order; the lists sort themselves, the 通报 groups by section
    entries = ws.timeline.entries(plan_id)
    entries = _state_on(ws, plan_id, on, entries)
    by_task = {task_id: list(group) for task_id, group in groupby(entries, key=itemgetter(1))}
    chased = ws.chasing.counts(plan_id, until=on)

    # One pass over tasks and entries that only notes what each is; the counting is done at the
    # end by Counter over a few distinct combinations (10,000 tasks in well under 100 ms).
    unknown_years: set[int] = set(cal.unknown_years(_dt.date(plan.year, 1, 1), _dt.date(plan.year, 12, 31)))
    lights_seen: dict[tuple, tuple[Light, int]] = {}  # (status, due, day of last update) → light
    light_list: list[Light] = []
    dates: dict[str | None, _dt.date | None] = {}
    ongoing = Status.ONGOING
    overdue_list, due_soon_list = ov.overdue_list, ov.due_soon_list
    entry_marks: list[tuple] = []  # (unit_id, light number, top section) per entry
    task_marks: list[tuple] = []  # (top section, task light number, due soon) per task
    raw_rows = ov._raw_rows
    names = ws.timeline.unit_names()
    no_due = schedule.evaluate(None, None, None)
    shown = display_numbers([_Row(t[0], t[3], t[2]) for t in tasks], sections)  # "一.3", as the window shows it
    for t in tasks:
        task_id, _pid, section_id, number, text, _detail, d_text, d_kind, d_date, _pos, _flags = t
        number = shown.get(task_id) or number
        if d_kind is None:
            due = no_due
        else:
            day = dates.get(d_date, False)
            if day is False:
                day = dates[d_date] = iso_date(d_date)
            due = schedule.evaluate(d_kind, day, d_text, task_id)
            if due.review:
                ov.review += 1
                if due.date:
                    unknown_years.update(cal.unknown_years(on, due.date))
        soon_due = due.left is not None and due.date is not None and 0 <= due.left <= rule.due_soon_days
        sec = top.get(section_id) if section_id is not None else None
        es = by_task.get(task_id, ())
        worst = None
        due_id = id(due)
        for e in es:
            st = STATUS_BY_VALUE[e[4]]
            # Only 持续推进 looks at the last update (its day); other lights depend on status and due.
            key = (st, due_id, (e[5] or "")[:10] if st is ongoing else None)
            found = lights_seen.get(key)
            if found is None:
                light = entry_light(st, due.date, due.left, iso_date(key[2]), on, rule)
                found = lights_seen[key] = (light, len(light_list))
                light_list.append(light)
            light, n = found
            entry_marks.append((e[2], n, sec))
            if worst is None or light.severity > worst[0].severity or (worst[0] is DONE_LIGHT and light.color == GREEN):
                worst = found
            if light.severity:
                if light.color == RED:
                    overdue_list.append(ListItem(task_id, number, text, e[2], names[e[2]][0], d_text, due, st, light))
                elif light.soon:
                    due_soon_list.append(ListItem(task_id, number, text, e[2], names[e[2]][0], d_text, due, st, light))
        if worst is None:  # a task nobody carries yet still has its deadline
            light = entry_light(Status.NOT_STARTED, due.date, due.left, None, on, rule)
            worst = (light, len(light_list))
            light_list.append(light)
            if light.color == RED or light.soon:
                item = ListItem(task_id, number, text, None, NO_UNIT, d_text, due, Status.NOT_STARTED, light)
                (overdue_list if light.color == RED else due_soon_list).append(item)
        task_marks.append((sec, worst[1], soon_due))
        raw_rows.append((task_id, sec, number, text, es, d_text, due, worst[0]))
    ov._names = names

    unit_acc: dict[int, list] = {}  # unit_id -> [tasks, done, overdue, due_soon, worst light]
    sec_acc: dict[int | None, list[int]] = {}  # top section -> [tasks, done, overdue, due_soon, entries, e_done]
    for (uid, n, sec), count in Counter(entry_marks).items():
        light = light_list[n]
        acc = unit_acc.get(uid)
        if acc is None:
            acc = unit_acc[uid] = [0, 0, 0, 0, light]
        elif light.severity > acc[4].severity or (acc[4] is DONE_LIGHT and light.color == GREEN):
            acc[4] = light
        acc[0] += count
        sa = sec_acc.setdefault(sec, [0, 0, 0, 0, 0, 0])
        sa[4] += count
        ov.entries += count
        if light is DONE_LIGHT:  # entry_light gives DONE_LIGHT exactly for 已完成
            acc[1] += count
            sa[5] += count
            ov.done += count
        elif light.color == RED:
            acc[2] += count
        elif light.soon:
            acc[3] += count
    for (sec, n, soon_due), count in Counter(task_marks).items():
        light = light_list[n]
        sa = sec_acc.setdefault(sec, [0, 0, 0, 0, 0, 0])
        sa[0] += count
        ov.tasks += count
        if light is DONE_LIGHT:
            sa[1] += count
            ov.tasks_done += count
        elif light.color == RED:
            sa[2] += count
            ov.tasks_overdue += count
        elif light.color == YELLOW and soon_due:
            sa[3] += count
    ov.units = [UnitFigures(uid, names[uid][0], a[0], a[1], a[2], a[3], a[4], chased.get(uid, 0), names[uid][1])
                for uid, a in unit_acc.items()]
    ov.units.sort(key=lambda u: (-u.tasks, u.unit))
    for s in sections:
        if s.parent_id is None and s.id in sec_acc:
            a = sec_acc[s.id]
            ov.sections.append(SectionFigures(s.id, section_titles[s.id], *a))
    if None in sec_acc:
        ov.sections.append(SectionFigures(None, NO_SECTION, *sec_acc[None]))
    # By date, then as the document lists the tasks (sections in pre-order); stable: lead unit first.
    rank = {s.id: n for n, s in enumerate(sections)}
    seq = {t[0]: (rank.get(t[2], -1), t[9]) for t in tasks}
    ov.overdue_list.sort(key=lambda i: (i.due.date or on, seq[i.task_id]))
    ov.due_soon_list.sort(key=lambda i: (i.due.left if i.due.left is not None else 99, seq[i.task_id]))
    ov.banner = no_data_banner(unknown_years)
    if weekly:
        ov.weekly = completion_by_week(ws, plan_id, on, entries)
    return ov


def completion_by_week(ws, plan_id: int, until: _dt.date, entries: list[tuple] | None = None) -> list[WeekPoint]:
    """Entries 已完成 at the end of each week (Sunday) from the plan's creation to ``until``."""
    entries = entries if entries is not None else ws.timeline.entries(plan_id)
    created = iso_date((ws.timeline.created_at(plan_id) or until.isoformat())[:10]) or until
    first = min(created, until)
    events = ws.timeline.events(plan_id)
    status = {e[0]: e[4] for e in entries}
    for _hid, _at, aid, fld, old, _new in reversed(events):  # back to the statuses first given
        if fld == "status" and aid is not None and aid.isdigit() and int(aid) in status and old in STATUS_BY_VALUE:
            status[int(aid)] = old
    done_word = Status.DONE.value
    done = sum(1 for s in status.values() if s == done_word)
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
                "reason": i.light.reason, "review": i.due.review,
                "elapsed": None if i.due.elapsed is None else round(i.due.elapsed, 4)}  # 序时进度 (0–1)

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
