"""Rows that hold a category, not a task: a heading or a short label standing alone in the task column.

A numbered heading ("三、紧扣强基础抓基层…") in the task column of a row that has nothing else is a
heading of the table (a page that lost a table's cells leaves only its headings): it opens a
section by its number and is never a task.

A table whose 工作任务 header spans several levels of merged category cells ("主动公开" over
"基础信息公开" over "行政规范"), flattened to one cell per line or to pipe rows, comes back with
fewer group columns than levels: the extra category lands in the task column of a row that has
nothing of its own — no unit, no deadline, no 序号, no other field — right before rows that do.
A clerk reads it as a category, not as a task: it becomes a group cell one level below the row's
other group cells, and the group cells of the next row, printed right after it with no task in
between, nest below it (consecutive category cells are levels of one merged column, not siblings).
The reading is a guess from the shape: a warning names the row, and the first task under the
category is flagged (``category_inferred``) so the preview asks the clerk to confirm.
"""

from __future__ import annotations

from gongkai_desk.core.imports.parse.kinds import kind
from gongkai_desk.core.imports.parse.outline import match_heading
from gongkai_desk.core.imports.parse.parsed import ParseWarning
from gongkai_desk.core.imports.parse.runtogether import TASK_OPENERS
from gongkai_desk.core.imports.parse.table_rows import TableItem

_UNIT_ROLES = ("lead", "responsible", "units")
_OWN_FIELDS = ("number", "group_number", "detail", "lead", "responsible", "units", "deadline", "status",
               "progress", "problems", "next_steps", "heading")


def _has_own_fields(it: TableItem) -> bool:
    # An empty unit cell "merged from above" is no unit of the row's own: a rebuilt table presumes every
    # empty unit cell merged, and a Word table's merged cell names the units of the row it starts on.
    return any(getattr(it, f) for f in _OWN_FIELDS) or it.continues


def _is_label(text: str) -> bool:
    """A category name: a short phrase, no sentence, no heading number, not opening with a task's verb."""
    t = text.strip()
    return kind(t) == "short" and not match_heading(t) and not t.startswith(TASK_OPENERS)


def _is_task_row(it: TableItem) -> bool:
    return bool(it.text) and not it.units_merged and bool(it.lead or it.responsible or it.units or it.deadline)


def read_categories(items: list[TableItem], roles: list[str], warnings: list[ParseWarning]) -> None:
    """Turn label-only rows into category rows and nest the group cells printed right after them."""
    seen_units = False  # a task row with units of its own came before (a merged unit cell can go on from it)
    for it in items:
        if it.text and kind(it.text.strip()) in ("h1", "h2") and not _has_own_fields(it) and not (
                it.units_merged and seen_units):
            # "三、紧扣…" alone in the task column: a heading of the table, whatever follows (its level is its number's)
            it.groups.append((max((lv for lv, _t in it.groups), default=0) + 1, it.text.strip()))
            it.group_srcs += it.task_srcs
            it.task_srcs, it.text = [], None
        seen_units = seen_units or bool(it.text and (it.lead or it.responsible or it.units))
    if not any(r in _UNIT_ROLES for r in roles):
        return  # without unit columns a row's having no unit says nothing
    for k, it in enumerate(items[:-1]):
        nxt = items[k + 1]
        if not it.text or _has_own_fields(it) or not _is_label(it.text) or not _is_task_row(nxt):
            continue
        level = max((lv for lv, _t in it.groups), default=0) + 1
        it.groups.append((level, it.text.strip()))
        it.group_srcs += it.task_srcs
        it.task_srcs = []
        warnings.append(ParseWarning(
            it.line, "category_row",
            f"第{it.line}行“{it.text.strip()[:20]}”所在行没有任务内容、单位或时限，已作为其下任务的分类导入，请确认。"))
        it.text = None
        nxt.flags.append("category_inferred")  # the preview shows the first task under it as one to confirm
        plain = [lv for lv, t in nxt.groups if not match_heading(t)]
        if plain and len(plain) == len(nxt.groups) and min(plain) <= level:
            shift = level + 1 - min(plain)
            nxt.groups = [(lv + shift, t) for lv, t in nxt.groups]
