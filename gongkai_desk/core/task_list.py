"""A plan's tasks as a sequence whose TaskRows are built on first access.

The window shows a few dozen of a plan's rows at a time; building all 10,000 TaskRows before the
first paint is most of the start-up cost. ``TaskList`` keeps the raw rows and answers the
whole-plan questions the window asks (counts, units used) without building them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from gongkai_desk.core.model import (
    STATUS_BY_VALUE,
    Deadline,
    DeadlineKind,
    Status,
    TaskRow,
    is_overdue,
    overall_status,
)

from gongkai_desk.core.status import iso_date  # noqa: F401 - used here and imported from here
from gongkai_desk.core.task_filter import Facts, haystack



class Numbered(NamedTuple):
    id: int
    number: str | None
    section_id: int | None


_KIND_BY_VALUE = {k.value: k for k in DeadlineKind}
Brief = tuple  # (task_id, unit_id, role, status, unit_name)


class TaskList(Sequence[TaskRow]):
    """Tasks in document order; ``rows[i]`` builds (once) and returns the i-th TaskRow.

    :param tuples: task rows in ``queries.TASK_LIST_COLUMNS`` order, already in document order
    :param briefs: per task id, its units as (task_id, unit_id, role, status, unit_name)
    """

    def __init__(self, tuples: list[tuple], briefs: dict[int, list[Brief]], today: _dt.date) -> None:
        self._tuples = tuples
        self._briefs = briefs
        self._today = today
        self._length = len(tuples)
        self._rows: list[TaskRow | None] = [None] * len(tuples)
        self._deadlines: dict[tuple, Deadline] = {}  # plans repeat a handful of deadline phrases
        self._facts: Facts | None = None

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += self._length
        row = self._rows[i]
        if row is None:
            t = self._tuples[i]
            row = self._rows[i] = task_from_tuple(t, self._briefs.get(t[0], []), self._today, self._deadlines)
        return row

    def __iter__(self) -> Iterator[TaskRow]:
        return (self[i] for i in range(len(self)))

    def id_at(self, i: int) -> int:
        return self._tuples[i][0]

    def number_at(self, i: int) -> str | None:
        return self._tuples[i][3]

    def numbering_rows(self) -> list[Numbered]:
        """(id, number, section_id) of every task, for ``core.numbering`` (no TaskRows built)."""
        return [Numbered(t[0], t[3], t[2]) for t in self._tuples]

    def counts(self) -> tuple[int, int]:
        """(tasks 已完成, tasks overdue), without building rows."""
        done = overdue = 0
        for t in self._tuples:
            status = overall_status([STATUS_BY_VALUE[b[3]] for b in self._briefs.get(t[0], ())])
            done += status is Status.DONE
            overdue += is_overdue(iso_date(t[8]), status, self._today)
        return done, overdue

    def entry_counts(self) -> tuple[int, int]:
        """(task × unit entries at 已完成, all entries): the plan's completion (``model.completion``)."""
        entries = [b[3] for briefs in self._briefs.values() for b in briefs]
        return sum(1 for s in entries if s == Status.DONE.value), len(entries)

    def flagged_count(self) -> int:
        """Tasks still carrying the import's 待确认 flags."""
        return sum(1 for t in self._tuples if t[10] and t[10] != "[]")

    def facts(self) -> Facts:
        """What the filters look at, per task (gathered once from the raw rows, then kept)."""
        if self._facts is None:
            statuses, overdue, hay, units = [], [], [], []
            today, briefs_of = self._today, self._briefs
            for t in self._tuples:
                briefs = briefs_of.get(t[0], ())
                status = overall_status([STATUS_BY_VALUE[b[3]] for b in briefs])
                statuses.append(status)
                overdue.append(is_overdue(iso_date(t[8]), status, today))
                units.append(frozenset(b[1] for b in briefs))
                hay.append(haystack(t[3], t[4], t[5], (b[4] for b in briefs), t[6]))
            self._facts = Facts([t[2] for t in self._tuples], units, statuses, overdue,
                                [bool(t[10] and t[10] != "[]") for t in self._tuples], hay)
        return self._facts

    def unit_ids(self) -> set[int]:
        """Every unit on any of the tasks."""
        return {b[1] for briefs in self._briefs.values() for b in briefs}


def _flags(text: str) -> tuple[str, ...]:
    from json import loads  # only for flagged tasks: a first screenful without any does not import json

    return tuple(loads(text))


def task_from_tuple(r: tuple, briefs: list[Brief], today: _dt.date, deadlines: dict | None = None) -> TaskRow:
    """Build a TaskRow from a TASK_LIST_COLUMNS tuple and its briefs (tuples, dict lookups: fast)."""
    task_id, plan_id, section_id, number, text, detail, d_text, d_kind, d_date, position, flags = r
    status = overall_status([STATUS_BY_VALUE[b[3]] for b in briefs])
    key = (d_text, d_kind, d_date)
    deadline = deadlines.get(key) if deadlines is not None else None
    if deadline is None:
        deadline = Deadline(d_text, _KIND_BY_VALUE.get(d_kind), iso_date(d_date))
        if deadlines is not None:
            deadlines[key] = deadline
    return TaskRow(
        id=task_id, plan_id=plan_id, section_id=section_id, number=number, text=text, detail=detail,
        lead_units=tuple(b[4] for b in briefs if b[2] == "lead"),
        responsible_units=tuple(b[4] for b in briefs if b[2] == "responsible"),
        deadline=deadline, status=status, overdue=is_overdue(deadline.date, status, today), position=position,
        flags=_flags(flags) if flags and flags != "[]" else (),
        unit_ids=frozenset(b[1] for b in briefs),
    )
