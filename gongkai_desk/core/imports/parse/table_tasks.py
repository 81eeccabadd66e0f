"""Table rows → sections and tasks (the builder's table half).

Group cells open sections (the same text repeated down a column instead of a merged cell opens
nothing new); the task-text cell makes a task; unit cells give its units (a merged unit cell's
units are inherited and flagged); a row without task text of its own adds to the task above.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gongkai_desk.core.model import Status
from gongkai_desk.core.imports.parse.blocks import Table
from gongkai_desk.core.imports.parse.category_rows import read_categories
from gongkai_desk.core.imports.parse.entries import Entry
from gongkai_desk.core.imports.parse.outline import match_heading
from gongkai_desk.core.imports.parse.parsed import ParsedTask, ParseWarning
from gongkai_desk.core.imports.parse.table_rows import TableItem, read_table
from gongkai_desk.core.imports.parse.unit_notes import UnitNote, parse_unit_text, split_trailing_note
from gongkai_desk.core.imports.units import is_group

if TYPE_CHECKING:
    from gongkai_desk.core.imports.parse.builder import Builder


def _sub_items(text: str, number: str) -> bool:
    """Whether a cell "(1)…(2)…" lists sub-items of one task (its "(1)" is no number of the task)."""
    if not number.isdigit():
        return False
    nxt = str(int(number) + 1)
    bracket = text.lstrip()[:1] in "（("
    pattern = rf"[（(]\s*{nxt}\s*[)）]" if bracket else rf"(?<![\d.．]){nxt}\s*[.、．](?!\d)"
    return re.search(pattern, text[2:]) is not None


def _numbers_of_groups(items: list[TableItem], roles: list[str]) -> None:
    """A 序号 column left of a group column whose numbers stand only on the rows that open a group,
    fewer than the tasks (a merged 序号 beside a merged 工作任务 cell), numbers the groups."""
    if not ("number" in roles and "group" in roles and roles.index("number") < roles.index("group")):
        return
    numbered = [it for it in items if it.number]
    openers, last = set(), None  # the rows where a new group starts
    for it in items:
        key = tuple(map(tuple, it.groups)) if it.groups else None
        if key is not None and key != last:
            openers.add(id(it))
        last = key if key is not None else last
    # Every number on a row that opens a group; a plain 序号 with one cell left empty is no such column.
    if numbered and all(id(it) in openers for it in numbered) and len(numbered) < sum(1 for it in items if it.text):
        for it in numbered:
            it.group_number, it.number = it.number, None


class RowReader:
    def __init__(self, builder: "Builder") -> None:
        self.b = builder
        self.prev: tuple[ParsedTask, tuple[int, ...]] | None = None
        self.layout = None
        self.table_line = 0
        self.group_sections: set[int] = set()
        self.pending: tuple[str, list[int]] | None = None  # a 序号 waiting for its task

    def entries(self, table: Table) -> list[Entry]:
        layout = table.layout
        items, dropped = read_table(table, layout)
        for srcs, code in dropped:
            self.b.ledger.drop(srcs, code)
        self.b.plan.tables.append(layout)
        if layout.is_review:
            self.b.plan.kind = "review"
        _numbers_of_groups(items, layout.roles)
        read_categories(items, layout.roles, self.b.plan.warnings)
        out = [Entry("table", table.line, row=layout)]
        for it in items:
            for srcs, code in it.drops:
                self.b.ledger.drop(srcs, code)
            if it.heading is not None and match_heading(it.heading):
                out.append(self.b.para_entry(it.heading, it.line, list(it.group_srcs)))
            elif it.heading is not None:
                out.append(Entry("row", it.line, row=TableItem(it.line, groups=[(1, it.heading)],
                                                              group_srcs=it.group_srcs)))
            else:
                out.append(Entry("row", it.line, row=it))
        return out

    def start_table(self, e: "Entry") -> None:
        if self.pending:
            self.b.ledger.drop(self.pending[1], "unplaced")
        self.prev, self.pending = None, None
        self.layout = e.row
        self.table_line = e.line
        self.group_sections: set[int] = set()  # id() of sections opened from group cells

    def _base_level(self) -> int:
        """The level of a heading row of this table the group columns stand under ("二、…" across the width)."""
        inside = [o.section.level for o in self.b.stack
                  if (o.section.line or 0) >= self.table_line and id(o.section) not in self.group_sections]
        return max(inside, default=0)

    def _open_groups(self, it: TableItem) -> None:
        b = self.b
        base = self._base_level() if it.groups else 0
        for k, (default_level, text) in enumerate(it.groups):
            h = match_heading(text)
            level, number, title = h if h else (base + default_level, it.group_number if k == 0 else None, text)
            if any(o.section.level == level and o.section.title == title.rstrip("。.;；")
                   and (o.section.number == number or number is None) for o in b.stack):
                b.ledger.use(it.group_srcs, "section")
                continue  # the same text repeated down the column instead of a merged cell
            opened = b.open_section(level, number, title, it.line, list(it.group_srcs))
            self.group_sections.add(id(opened.section))
        b.ledger.use(it.group_srcs, "section")

    def add(self, e: "Entry") -> None:
        it: TableItem = e.row
        b = self.b
        self._open_groups(it)
        if it.continues and not (it.number and not it.text):
            self._continue(it)
            return
        if not it.text:
            if it.number and len(it.task_srcs) == 1:  # a 序号 on a row of group cells only: it numbers the next task
                self.pending = (it.number, list(it.task_srcs))
            else:  # units or dates under a new group with no task of their own
                b.ledger.drop(it.task_srcs, "unplaced")
            return
        text, inline = split_trailing_note(it.text, b.md.places)
        if inline and not inline.units and it.deadline:  # "(3月底前)" inside a row that has its own deadline
            text, inline = it.text, None
        number = it.number
        srcs = list(it.task_srcs)
        if number is None and self.pending:
            number, carried = self.pending
            srcs += carried
        self.pending = None
        h = match_heading(text) if number is None else None
        if h and h[0] >= 3 and h[2] and not _sub_items(text, h[1]):
            number, text = h[1], h[2]  # "1.紧紧围绕…" in a table without a 序号 column: the item's own number
        task = b.add_task(text, it.line, number, note=inline or UnitNote(), detail=it.detail, srcs=srcs)
        task.flags += [f for f in it.flags if f not in task.flags]
        task.deadline = it.deadline or task.deadline
        task.status, task.progress, task.problems = it.status, it.progress, it.problems
        task.next_steps = it.next_steps
        self._status_notes(task, it)
        self._units(task, it)
        here = tuple(task.section_path)
        inherited = bool(it.units_merged and (task.lead_units or task.responsible_units))  # repeated value
        if (it.units_merged and self.prev and self.prev[1] == here and not (task.lead_units or task.responsible_units)
                and (self.prev[0].lead_units or self.prev[0].responsible_units)):
            task.lead_units = list(self.prev[0].lead_units)
            task.responsible_units = list(self.prev[0].responsible_units)
            inherited = True
        if inherited:
            task.flags.append("units_inherited")
            b.plan.warnings.append(ParseWarning(
                it.line, "units_inherited",
                f"第{it.line}行任务没有单独的单位，已沿用上一行（合并单元格）的单位，请确认。"))
        b.heading_units(task)
        self.prev = (task, here)

    def _units(self, task: ParsedTask, it: TableItem) -> None:
        b = self.b
        lead, resp = it.lead, it.responsible
        roles = self.layout.roles if self.layout is not None else []
        if lead and not resp and "responsible" in roles:
            # One unit cell where two columns exist: a group (各有关部门) belongs to 责任单位.
            note = parse_unit_text(lead, b.md.places)
            if note.units and all(is_group(u) for u in note.units):
                lead, resp = None, lead
        for role, cell in (("lead", lead), ("responsible", resp), ("units", it.units)):
            if not cell:
                continue
            note = parse_unit_text(cell, b.md.places)
            if role == "lead" and not (note.lead and note.responsible):
                note = UnitNote(lead=note.units, raw=cell, fragments=note.fragments, all_below=note.all_below)
            b.apply_note(task, note, it.line)

    def _continue(self, it: TableItem) -> None:
        """A row without task text: its units, deadline and words belong to the task above."""
        b = self.b
        if not b.plan.tasks or not it.task_srcs:
            b.ledger.drop(it.task_srcs, "unplaced")
            return
        task = b.plan.tasks[-1]
        self._units(task, it)
        task.deadline = task.deadline or it.deadline
        for attr in ("detail", "progress", "problems", "next_steps"):
            value = getattr(it, attr)
            if value:
                old = getattr(task, attr)
                setattr(task, attr, f"{old}\n{value}" if old else value)
        if it.status and not task.status:
            task.status = it.status
        task.srcs += it.task_srcs
        b.ledger.use(it.task_srcs, "task")

    def _status_notes(self, task: ParsedTask, it: TableItem) -> None:
        """Flag a status that was guessed or not understood, with one warning each."""
        status = task.status or Status.NOT_STARTED.value
        warnings = self.b.plan.warnings
        if it.status_unrecognized:
            task.flags.append("status_unrecognized")
            warnings.append(ParseWarning(
                it.line, "status_unrecognized",
                f"第{it.line}行完成状态“{it.status_unrecognized[:20]}”无法识别，原文已记入落实情况，"
                f"完成状态按“{status}”导入，请核对。"))
        elif it.status_uncertain:
            task.flags.append("status_uncertain")
            warnings.append(ParseWarning(
                it.line, "status_uncertain", f"第{it.line}行完成状态写的是“{it.status_uncertain}”，已按“{status}”导入，请确认。"))
