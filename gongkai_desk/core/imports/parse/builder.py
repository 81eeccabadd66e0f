"""Blocks → ParsedPlan: sections, tasks, units, deadlines, review columns, warnings.

The builder sees one stream of entries whatever the file type: numbered headings, plain
paragraphs, and table rows. A heading with numbered items below it is a section; a heading
with nothing numbered below is itself a task; paragraphs under a titled heading are tasks;
context sections (总体要求, 指导思想 …) hold no tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai_desk.core.model import Status
from gongkai_desk.core.imports.parse.blocks import Block, Table
from gongkai_desk.core.imports.parse.metadata import Metadata
from gongkai_desk.core.imports.parse.outline import NumberTracker, match_heading
from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedSection, ParsedTask, ParseWarning
from gongkai_desk.core.imports.parse.table_rows import TableItem, read_table
from gongkai_desk.core.imports.parse.unit_notes import UnitNote, is_unit_line, parse_unit_text, split_trailing_note

_CONTEXT_RE = re.compile(r"^(总体要求|指导思想|基本原则|工作目标|总体目标|主要目标|工作原则|目标要求|基本要求|"
                         r"总体思路|工作思路|指导原则|编制依据|背景)")
# Lines of the notice around the plan, never tasks: attachment labels, distribution, print data.
_SKIP_RE = re.compile(r"^(附件\s*\d*\s*[:：]?|抄送[:：]|主送[:：]|主题词|[^，。]{2,30}\d{4}年\d{1,2}月\d{1,2}日印发$)")


_CUT_END_RE = re.compile(r"[。；;！!？?）)」”》：:]$")


def _is_cut(text: str) -> bool:
    """Tell whether a line stops mid-sentence: long, with commas, no closing punctuation."""
    return len(text) >= 20 and bool(re.search(r"[，,、]", text)) and not _CUT_END_RE.search(text)


@dataclass
class _Entry:
    kind: str  # "heading" | "para" | "row"
    line: int
    level: int = 0
    number: str | None = None
    text: str = ""
    row: TableItem | None = None


@dataclass
class _Open:
    section: ParsedSection
    context: bool
    path: list[int]


@dataclass
class Builder:
    """Assemble sections and tasks from entries; collect warnings."""

    md: Metadata
    repaired: dict[int, bool] = field(default_factory=dict)  # line → still uncertain
    plan: ParsedPlan = field(default_factory=ParsedPlan)
    stack: list[_Open] = field(default_factory=list)
    all_below: list[tuple[int, list[str]]] = field(default_factory=list)  # (task index, units)

    def __post_init__(self) -> None:
        self.tracker = NumberTracker(self.plan.warnings)

    # -- entries ---------------------------------------------------------------------------
    def entries(self, blocks: list[Block]) -> list[_Entry]:
        """Flatten blocks into headings, paragraphs and table rows."""
        out: list[_Entry] = []
        for b in blocks:
            if isinstance(b, Table):
                shape, items = read_table(b)
                if shape and shape.is_review:
                    self.plan.kind = "review"
                for it in items:
                    if it.heading is not None:
                        out.append(self._para_entry(it.heading, it.line))
                    else:
                        out.append(_Entry("row", it.line, row=it))
                continue
            text = ((b.numbering or "") + b.text).strip()
            if text:
                out.append(self._para_entry(text, b.line))
        # "一、" alone on a line takes the next line as its title; a sentence cut by a line break
        # ("…，增强政策" / "文件制定实施的透明度。") is joined again.
        merged: list[_Entry] = []
        for e in out:
            if merged and merged[-1].kind in ("heading", "para") and e.kind == "para" and (
                    (merged[-1].kind == "heading" and not merged[-1].text) or _is_cut(merged[-1].text)):
                merged[-1].text += e.text
                continue
            merged.append(e)
        return merged

    @staticmethod
    def _para_entry(text: str, line: int) -> _Entry:
        h = match_heading(text)
        if h:
            return _Entry("heading", line, h[0], h[1], h[2])
        return _Entry("para", line, text=text)

    # -- sections --------------------------------------------------------------------------
    def _open_section(self, level: int, number: str | None, title: str, line: int) -> _Open:
        while self.stack and self.stack[-1].section.level >= level:
            self.stack.pop()
        parent = tuple(o.section.line for o in self.stack)
        if number is not None:
            number = self.tracker.check(level, number, parent, line, damaged=line in self.repaired, title=title)
        sec = ParsedSection(number, title.rstrip("。.;；"), level, line)
        siblings = self.stack[-1].section.children if self.stack else self.plan.sections
        siblings.append(sec)
        path = (self.stack[-1].path if self.stack else []) + [len(siblings) - 1]
        context = bool(_CONTEXT_RE.match(sec.title)) or any(o.context for o in self.stack)
        opened = _Open(sec, context, path)
        self.stack.append(opened)
        return opened

    def _in_context(self) -> bool:
        return bool(self.stack and self.stack[-1].context)

    # -- tasks -----------------------------------------------------------------------------
    def _add_task(self, text: str, line: int, number: str | None = None, *, note: UnitNote | None = None,
                  detail: str | None = None) -> ParsedTask:
        if note is None:
            text, note = split_trailing_note(text, self.md.places)
        task = ParsedTask(number=number, section=[o.section.title for o in self.stack],
                          text=text.strip(), detail=detail, line=line,
                          section_path=list(self.stack[-1].path) if self.stack else [])
        if note:
            self._apply_note(task, note, line)
        if line in self.repaired:
            task.flags.append("text_repaired")
        self.plan.tasks.append(task)
        return task

    def _apply_note(self, task: ParsedTask, note: UnitNote, line: int) -> None:
        task.units_raw = ((task.units_raw + "；") if task.units_raw else "") + note.raw
        task.lead_units += [u for u in note.lead if u not in task.lead_units]
        task.responsible_units += [u for u in note.responsible if u not in task.responsible_units]
        if note.deadline and not task.deadline:
            task.deadline = note.deadline
        if note.all_below:
            self.all_below.append((len(self.plan.tasks), note.all_below))
            names = "、".join(note.all_below)
            self.plan.warnings.append(ParseWarning(
                line, "units_for_all_below",
                f"第{line}行注明以下任务均需{names}落实，已将其加入之后每项任务的责任单位。"))
        if note.fragments and "fragment_dropped" not in task.flags:
            task.flags.append("fragment_dropped")  # the clerk should check this task's units
        for frag in note.fragments:
            self.plan.warnings.append(ParseWarning(
                line, "fragment_dropped", f"第{line}行单位栏中的“{frag}”不是完整的单位名称，已忽略，请核对。"))

    # -- walking ---------------------------------------------------------------------------
    def run(self, entries: list[_Entry]) -> ParsedPlan:
        """Walk the entries and build the plan."""
        k = 0
        prev_row: tuple[ParsedTask, tuple[int, ...]] | None = None
        while k < len(entries):
            e = entries[k]
            if e.kind == "para" and _SKIP_RE.match(e.text):
                k += 1
                continue
            if e.kind == "heading":
                k = self._heading(entries, k)
                continue
            if e.kind == "row":
                prev_row = self._row(e.row, prev_row)
            elif is_unit_line(e.text) and self.plan.tasks and not self._in_context():
                # Units on their own line belong to the task just above.
                self._apply_note(self.plan.tasks[-1], parse_unit_text(e.text, self.md.places), e.line)
            elif self.stack and not self._in_context() and not e.text.endswith((":", "：")) and not (
                    self._is_caption(entries, k)):
                self._add_task(e.text, e.line)
            k += 1
        return self.plan

    @staticmethod
    def _is_caption(entries: list[_Entry], k: int) -> bool:
        """Tell whether a short paragraph next to a table is its caption ("任务分解（续）")."""
        e = entries[k]
        near_table = k + 1 < len(entries) and entries[k + 1].kind == "row"
        return near_table and len(e.text) < 40 and not re.search(r"[，,；;。]", e.text)

    def _heading(self, entries: list[_Entry], k: int) -> int:
        e = entries[k]
        end = k + 1
        has_sub = has_body = False
        while end < len(entries):
            n = entries[end]
            if n.kind == "heading" and n.level <= e.level:
                break
            if n.kind == "heading" or n.kind == "row":
                has_sub = True
            elif not has_sub and not is_unit_line(n.text):
                has_body = True
            end += 1
        text, note = split_trailing_note(e.text, self.md.places)
        titled = len(text) < 30 and not note and not re.search(r"[，,；;:：]|。.", text)
        if has_sub or _CONTEXT_RE.match(text) or (has_body and titled) or self._in_context() and titled:
            self._open_section(e.level, e.number, text, e.line)
            return k + 1
        # A heading with nothing numbered below is itself a task; its paragraphs are its detail.
        while self.stack and self.stack[-1].section.level >= e.level:
            self.stack.pop()
        if self._in_context():
            return end
        parent = tuple(o.section.line for o in self.stack)
        number = self.tracker.check(e.level, e.number, parent, e.line, damaged=e.line in self.repaired,
                                    title=text) if e.number else None
        body = [x for x in entries[k + 1 : end] if x.kind == "para"]
        task = self._add_task(text, e.line, number, note=note,
                              detail="\n".join(x.text for x in body if not is_unit_line(x.text)) or None)
        for x in body:
            if is_unit_line(x.text):
                self._apply_note(task, parse_unit_text(x.text, self.md.places), x.line)
        return end

    def _status_notes(self, task: ParsedTask, it: TableItem) -> None:
        """Flag a status that was guessed or not understood, with one warning each."""
        status = task.status or Status.NOT_STARTED.value
        if it.status_unrecognized:
            task.flags.append("status_unrecognized")
            self.plan.warnings.append(ParseWarning(
                it.line, "status_unrecognized",
                f"第{it.line}行完成状态“{it.status_unrecognized[:20]}”无法识别，原文已记入落实情况，"
                f"完成状态按“{status}”导入，请核对。"))
        elif it.status_uncertain:
            task.flags.append("status_uncertain")
            self.plan.warnings.append(ParseWarning(
                it.line, "status_uncertain", f"第{it.line}行完成状态写的是“{it.status_uncertain}”，已按“{status}”导入，请确认。"))

    def _row(self, it: TableItem, prev: tuple[ParsedTask, tuple[int, ...]] | None):
        for level_text, default_level in ((it.level1, 1), (it.level2, 2)):
            if level_text:
                h = match_heading(level_text)
                level, number, title = h if h else (default_level, None, level_text)
                if any(o.section.level == level and o.section.title == title.rstrip("。.;；")
                       and (o.section.number == number or number is None) for o in self.stack):
                    continue  # the same text repeated down the column instead of a merged cell
                self._open_section(level, number, title, it.line)
        if not it.text:
            return prev
        text, inline = split_trailing_note(it.text, self.md.places)
        task = self._add_task(text, it.line, it.number, note=inline or UnitNote(), detail=it.detail)
        task.deadline = it.deadline or task.deadline
        task.status, task.progress, task.problems = it.status, it.progress, it.problems
        task.next_steps = it.next_steps
        self._status_notes(task, it)
        for role, cell in (("lead", it.lead), ("responsible", it.responsible)):
            if cell:
                note = parse_unit_text(cell, self.md.places)
                if role == "lead" and not (note.lead and note.responsible):
                    note = UnitNote(lead=note.units, raw=cell, fragments=note.fragments, all_below=note.all_below)
                self._apply_note(task, note, it.line)
        here = tuple(task.section_path)
        inherited = bool(it.units_merged and (task.lead_units or task.responsible_units))  # repeated value
        if (it.units_merged and prev and prev[1] == here and not (task.lead_units or task.responsible_units)
                and (prev[0].lead_units or prev[0].responsible_units)):
            task.lead_units, task.responsible_units = list(prev[0].lead_units), list(prev[0].responsible_units)
            inherited = True
        if inherited:
            task.flags.append("units_inherited")
            self.plan.warnings.append(ParseWarning(
                it.line, "units_inherited",
                f"第{it.line}行任务没有单独的单位，已沿用上一行（合并单元格）的单位，请确认。"))
        return task, here
