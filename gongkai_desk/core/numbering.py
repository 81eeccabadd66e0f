"""One numbering for a plan's tasks, the same in the window, the exports and the feedback workbooks.

The rule: a task is shown with the document's own number. Where the document restarts its
numbering in each section (1, 2, 3 under 一、 and again 1, 2 under 二、), the number is shown with
its section's number in front, down to the level where numbering restarts: "一.3", "二.1" (or
"一.二.3" for numbering restarting in second-level sections). A task without a number shows none;
a number used twice is shown twice and listed by ``duplicate_numbers`` (the window warns, and
计划 → 重新编号 fixes it).

    labels = display_numbers(ws.tasks.of_plan(plan_id), ws.plans.sections(plan_id))
    labels[task.id]  # "3" or "一.3"
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # any objects with id, parent_id, number, title will do (the first screen's are plain)
    from gongkai_desk.core.model import Section


class _Numbered(Protocol):
    id: int
    number: str | None
    section_id: int | None


def _chains(by_id: dict[int, Section]):
    """``_chain`` for many tasks: each section's chain is walked once (thousands of tasks share a
    few dozen sections)."""
    memo: dict[int | None, list[Section]] = {}

    def chain(section_id: int | None) -> list[Section]:
        found = memo.get(section_id)
        if found is None:
            found = memo[section_id] = _chain(section_id, by_id)
        return found

    return chain


def _chain(section_id: int | None, by_id: dict[int, Section]) -> list[Section]:
    """The section and its ancestors, outermost first."""
    out: list[Section] = []
    seen: set[int] = set()
    while section_id is not None and section_id in by_id and section_id not in seen:
        seen.add(section_id)
        out.append(by_id[section_id])
        section_id = by_id[section_id].parent_id
    return out[::-1]


def _label(number: str, chain: list[Section], depth: int) -> str:
    prefix = [s.number or s.title[:6] for s in chain[:depth]]
    return ".".join([*prefix, number])


def display_numbers(tasks: Sequence[_Numbered], sections: Iterable[Section], *, depth: int | None = None) -> dict[int, str]:
    """{task id: the number to show}, by the rule in this module's docstring.

    The section prefix goes as deep as the numbering restarts (``restart_depth``), not deeper: a
    number typed twice in a plan numbered straight through stays "5" and "5", reported by
    ``duplicate_numbers`` (prefixing the whole plan to tell the two apart would hide the slip).
    ``depth``: the plan's ``restart_depth`` when ``tasks`` are only some of its tasks.
    """
    sections = list(sections)
    by_id = {s.id: s for s in sections}
    if depth is None:
        depth = restart_depth(tasks, sections)
    out: dict[int, str] = {}
    chain = _chains(by_id)
    for t in tasks:
        number = (t.number or "").strip()
        out[t.id] = _label(number, chain(t.section_id), depth) if number and depth else number
    return out


def duplicate_numbers(tasks: Sequence[_Numbered], sections: Iterable[Section]) -> list[str]:
    """The shown numbers that more than one task has (a pasted draft, a typing slip)."""
    return duplicates_among(display_numbers(tasks, sections))


def duplicates_among(labels: dict[int, str]) -> list[str]:
    """The labels of ``display_numbers``'s answer that more than one task has."""
    counts = Counter(v for v in labels.values() if v)
    return sorted((v for v, c in counts.items() if c > 1), key=_sort_key)


def _sort_key(label: str) -> tuple:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in label.split("."))


def next_number(numbers: Iterable[str | None]) -> str:
    """The number a new task appended after ``numbers`` (its section's, or the plan's) gets."""
    digits = [int(n) for n in (x.strip() for x in numbers if x) if n.isdigit()]
    return str(max(digits) + 1) if digits else "1"


def restart_depth(tasks: Sequence[_Numbered], sections: Iterable[Section]) -> int:
    """How deep in the section tree the plan's numbering restarts (0: it runs on across the plan).

    The shallowest level at which no group of tasks holds more than one task numbered 1: a
    plan numbered 1…50 straight through has one "1" (a typed duplicate elsewhere does not make it
    restart), a plan restarting under 一、二、 has a "1" under each of them.
    """
    chain = _chains({s.id: s for s in sections})
    chains = [(chain(t.section_id), (t.number or "").strip()) for t in tasks]
    deepest = max((len(c) for c, _ in chains), default=0)
    for depth in range(deepest + 1):
        ones = Counter(tuple(s.id for s in chain[:depth]) for chain, n in chains if _is_first(n))
        if all(c <= 1 for c in ones.values()):
            return depth
    return deepest


_FIRST = frozenset({"1", "１", "一", "①", "Ⅰ", "壹", "a", "A"})


def _is_first(number: str) -> bool:
    """The first number of a numbering style: 1, 一, ①… (brackets and stops aside)."""
    return number.strip("（）()[]【】.．、 ") in _FIRST


def renumbered(tasks: Sequence[_Numbered], sections: Iterable[Section]) -> dict[int, str]:
    """{task id: new number} numbering ``tasks`` (in document order) 1, 2, 3… again, restarting
    where the plan's numbering restarts (``restart_depth``): for after tasks were reordered."""
    sections = list(sections)
    by_id = {s.id: s for s in sections}
    depth = restart_depth(tasks, sections)
    counters: Counter = Counter()
    out: dict[int, str] = {}
    for t in tasks:
        group = tuple(s.id for s in _chain(t.section_id, by_id)[:depth])
        counters[group] += 1
        out[t.id] = str(counters[group])
    return out


def next_number_in(tasks: Sequence[_Numbered], sections: Iterable[Section], section_id: int | None) -> str:
    """The number a new task appended to ``section_id`` gets: the next one of the tasks it is
    numbered among (the whole plan, or its section where numbering restarts). Never one in use."""
    sections = list(sections)
    by_id = {s.id: s for s in sections}
    depth = restart_depth(tasks, sections)
    group = tuple(s.id for s in _chain(section_id, by_id)[:depth])
    return next_number(t.number for t in tasks if tuple(s.id for s in _chain(t.section_id, by_id)[:depth]) == group)
