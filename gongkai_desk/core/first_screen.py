"""The window's first screenful, read with a few small queries before anything else is built.

Start-up paints the task table from this (the plan chooser's titles, the chosen plan's first rows
with their units, numbers and statuses, and how many tasks there are), then builds the rest of the
window and reads the whole plan after the first paint. Rows say exactly what the whole plan will
show for them (the same numbering rule, the same statuses), so nothing moves when the rest arrives.

Only the standard library, ``numbering``, ``section_order``, ``status`` and the queries are
imported here: the rest of the core (``model``'s dataclasses, the task list, the filters) is
imported after the first paint.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3

from gongkai_desk.core.numbering import display_numbers, restart_depth
from gongkai_desk.core.section_order import preorder
from gongkai_desk.core.status import STATUS_BY_VALUE, Status, is_overdue, iso_date, overall_status
from gongkai_desk.core.storage import queries as q

ROWS = 90  # more rows than a 4K screen shows at two lines a row, even at the smallest zoom (70 %)


class FirstSection:
    """What numbering needs of a section (``core.numbering`` reads these attributes)."""

    __slots__ = ("id", "parent_id", "level", "number", "title")

    def __init__(self, row) -> None:
        self.id, self.parent_id, self.level = row["id"], row["parent_id"], row["level"]
        self.number, self.title = row["number"], row["title"]


class _Numbered:
    __slots__ = ("id", "number", "section_id")

    def __init__(self, task_id: int, number: str | None, section_id: int | None) -> None:
        self.id, self.number, self.section_id = task_id, number, section_id


class FirstRow:
    """One task as the task table shows it: its number as shown, text, units (joined with 、),
    deadline as shown, overall status, whether it is overdue and whether it is still 待确认."""

    __slots__ = ("id", "number", "text", "lead", "responsible", "deadline", "status", "overdue", "flagged")

    def __init__(self, task_id: int, number: str, text: str, lead: str, responsible: str, deadline: str,
                 status: Status, overdue: bool, flagged: bool) -> None:
        self.id, self.number, self.text, self.lead, self.responsible = task_id, number, text, lead, responsible
        self.deadline, self.status, self.overdue, self.flagged = deadline, status, overdue, flagged


class FirstScreen:
    __slots__ = ("titles", "plan_id", "sections", "rows", "restart_depth", "total")

    def __init__(self, titles: list[tuple[int, int, str]], plan_id: int | None, sections: list[FirstSection],
                 rows: list[FirstRow], restart_depth: int, total: int) -> None:
        self.titles = titles  # (id, year, title) of every plan, newest first
        self.plan_id = plan_id  # the plan shown (None: no plan yet, the start page)
        self.sections = sections
        self.rows = rows  # the plan's first ``ROWS`` tasks in document order
        self.restart_depth = restart_depth
        self.total = total  # the plan's tasks, read or not


def read_first_screen(conn: sqlite3.Connection, last_plan: int | None, rows: int = ROWS,
                      today: _dt.date | None = None) -> FirstScreen:
    """The first screenful of ``last_plan`` (else of the newest plan), as ``ws.tasks.table`` and
    the task table will show those rows once the whole plan is read."""
    titles = [tuple(t) for t in q.plan_titles(conn)]
    ids = [t[0] for t in titles]
    plan_id = last_plan if last_plan in ids else (ids[0] if ids else None)
    if plan_id is None:
        return FirstScreen(titles, None, [], [], 0, 0)
    today = today or _dt.date.today()
    sections = [FirstSection(r) for r in preorder(q.section_rows(conn, plan_id))]
    tuples = q.first_task_tuples(conn, plan_id, [s.id for s in sections], rows)
    briefs: dict[int, list[tuple]] = {}
    for b in q.assignment_briefs_of(conn, [t[0] for t in tuples]):
        briefs.setdefault(b[0], []).append(b)
    total = q.task_count(conn, plan_id)
    # Only the tasks numbered 1 tell where numbering restarts (core.numbering.restart_depth).
    depth = restart_depth([_Numbered(*r) for r in q.tasks_numbered_one(conn, plan_id)], sections)
    numbers = display_numbers([_Numbered(t[0], t[3], t[2]) for t in tuples], sections, depth=depth)
    shown = []
    for t in tuples:  # q.TASK_LIST_COLUMNS, as core.task_list.task_from_tuple reads them
        task_id, _plan, _section, _number, text, _detail, d_text, _kind, d_date, _position, flags = t
        units = briefs.get(task_id, [])
        status = overall_status([STATUS_BY_VALUE[b[3]] for b in units])
        date = iso_date(d_date)
        shown.append(FirstRow(
            task_id, numbers[task_id], text, "、".join(b[4] for b in units if b[2] == "lead"),
            "、".join(b[4] for b in units if b[2] == "responsible"), d_text or (date.isoformat() if date else ""),
            status, is_overdue(date, status, today), bool(flags and flags != "[]")))
    return FirstScreen(titles, plan_id, sections, shown, depth, total)


def digest(first: FirstScreen, rows: int | None = None) -> str:
    """A fingerprint of everything ``first`` shows (the plans' titles, the plan shown, its
    sections, its first ``rows`` rows (all read, when None) as the table paints them, the count):
    two first screens with the same digest paint the same first frame, when that frame shows
    ``rows`` rows. ``ui/first_picture.py`` keeps a picture of that frame."""
    import hashlib

    shown = (first.titles, first.plan_id, [(s.id, s.parent_id, s.level, s.number, s.title) for s in first.sections],
             [(r.id, r.number, r.text, r.lead, r.responsible, r.deadline, r.status.value, r.overdue, r.flagged)
              for r in first.rows[:rows]], first.restart_depth, first.total)
    return hashlib.blake2b(repr(shown).encode("utf-8"), digest_size=16).hexdigest()
