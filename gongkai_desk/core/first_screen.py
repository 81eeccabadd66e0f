"""The window's first screenful, read with a few small queries before anything else is built.

Start-up paints the task table from this (the plan chooser's titles, the chosen plan's first rows
with their units, numbers and statuses, and how many tasks there are), then builds the rest of the
window and reads the whole plan after the first paint. Rows show exactly as the whole plan will show
them (the same numbering rule, the same statuses), so nothing moves when the rest arrives.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass

from gongkai_desk.core.model import Section, sections_in_preorder
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.task_list import Numbered, TaskList

ROWS = 60  # more than a 4K screen shows at two lines a row


@dataclass
class FirstScreen:
    titles: list[tuple[int, int, str]]  # (id, year, title) of every plan, newest first
    plan_id: int | None  # the plan shown (None: no plan yet, the start page)
    sections: list[Section]
    rows: TaskList  # the first ROWS tasks of a list as long as the plan
    numbers: dict[int, str]  # task id -> the number shown, for those rows
    restart_depth: int
    total: int


def read_first_screen(conn: sqlite3.Connection, last_plan: int | None, rows: int = ROWS,
                      today: _dt.date | None = None) -> FirstScreen:
    from gongkai_desk.core.numbering import display_numbers, restart_depth

    titles = [tuple(t) for t in q.plan_titles(conn)]
    ids = [t[0] for t in titles]
    plan_id = last_plan if last_plan in ids else (ids[0] if ids else None)
    if plan_id is None:
        return FirstScreen(titles, None, [], TaskList([], {}, today or _dt.date.today()), {}, 0, 0)
    sections = sections_in_preorder(q.section_rows(conn, plan_id))
    tuples = q.first_task_tuples(conn, plan_id, [s.id for s in sections], rows)
    briefs: dict[int, list[tuple]] = {}
    for b in q.assignment_briefs_of(conn, [t[0] for t in tuples]):
        briefs.setdefault(b[0], []).append(b)
    total = q.task_count(conn, plan_id)
    # Only the tasks numbered 1 tell where numbering restarts (core.numbering.restart_depth).
    depth = restart_depth([Numbered(*r) for r in q.tasks_numbered_one(conn, plan_id)], sections)
    shown = TaskList(tuples, briefs, today or _dt.date.today(), length=total)
    numbers = display_numbers([Numbered(t[0], t[3], t[2]) for t in tuples], sections, depth=depth)
    return FirstScreen(titles, plan_id, sections, shown, numbers, depth, total)
