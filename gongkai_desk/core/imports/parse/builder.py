"""Blocks → ParsedPlan: sections, tasks, units, deadlines, review columns, warnings.

The builder sees one stream of entries whatever the file type: numbered headings, plain
paragraphs, and table rows. A heading with numbered items below it is a section; a heading
with nothing numbered below is itself a task; paragraphs under a titled heading are tasks;
context sections (总体要求, 指导思想, 保障措施 …) hold no tasks. A paragraph holding several
sentence-tasks each closed by its unit note is cut into those tasks; a heading sharing its line
with them becomes their section. Every entry's source pieces are accounted in the ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai_desk.core.imports.parse.blocks import Block, Table
from gongkai_desk.core.imports.parse.cover_notice import notice_items
from gongkai_desk.core.imports.parse.entries import Entry
from gongkai_desk.core.imports.parse.inline_items import inline_items
from gongkai_desk.core.imports.parse.lead_in import cut_lead_in, drop_ordinal
from gongkai_desk.core.imports.parse.ledger import Ledger
from gongkai_desk.core.imports.parse.metadata import Metadata
from gongkai_desk.core.imports.parse.outline import (
    CONTAINER_LEVELS, NumberTracker, heading_mark, match_heading, rank_styles, resolve_lost_numerals,
)
from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedSection, ParsedTask, ParseWarning
from gongkai_desk.core.imports.parse.table_tasks import RowReader
from gongkai_desk.core.imports.parse.sentence_tasks import split_tasks
from gongkai_desk.core.imports.parse.unit_notes import UnitNote, is_unit_line, parse_unit_text, split_trailing_note

_PART_NAMES = (r"总体要求|指导思想|基本原则|工作目标|总体目标|主要目标|工作原则|目标要求|基本要求|"
               r"总体思路|工作思路|指导原则|编制依据|背景|保障措施|工作要求|组织保障|工作保障|有关要求|"
               r"相关要求|实施步骤|工作步骤|进度安排|组织实施|工作机制|职责分工")
CONTEXT_RE = re.compile(rf"^({_PART_NAMES})"
                        # "四、强化保障措施", "加强组织保障": a verb before the part's name, the whole title only
                        # ("健全工作机制" is a task).
                        r"|^(?:进一步)?(?:强化|加强|完善|健全|落实|抓好|做好)(?:保障措施|组织保障|工作保障|工作要求)[。.]?$")
_PART_GLUED_RE = re.compile(rf"^(?:{_PART_NAMES})(?=[\u4e00-\u9fff])")  # "工作目标紧紧围绕…"
# A title over notes ("填表说明", a 说明 sheet): what follows it up to the next table or top heading is no task.
NOTES_RE = re.compile(r"^(填表说明|编制说明|有关说明|相关说明|说明|注意事项|备注|附注|注)\s*[:：]?$")
# Lines of the notice around the plan, never tasks: attachment labels, distribution, print data.
_SKIP_RE = re.compile(r"^(附件\s*\d*\s*[:：]?|抄送[:：]|主送[:：]|主题词|[^，。]{2,30}\d{4}年\d{1,2}月\d{1,2}日印发$)")
_CUT_END_RE = re.compile(r"[。；;！!？?）)」”》：:]$")
# A deeper enumerator right after a heading's sentence end: "一、标题。1.任务…", "（一）标题：1.任务…".
_EMBEDDED_RE = re.compile(r"[。；;：:](?=\s*(?:[（(][一二三四五六七八九十]+[)）]|\d{1,3}\s*[.、．](?!\d)|[（(]\d{1,3}[)）]))")
# Or glued to the heading's words, in a copy that lost its line breaks and full stops: only the
# first child's number ("二、工作任务(一)围绕…", "一、工作任务1.把公开透明…"), between Chinese words.
_GLUED_FIRST_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?=(?:[（(][一1][)）]|1[.、．])[\u4e00-\u9fff])")


def _is_cut(text: str) -> bool:
    """Tell whether a line stops mid-sentence: long, with commas, no closing punctuation."""
    return len(text) >= 20 and bool(re.search(r"[，,、]", text)) and not _CUT_END_RE.search(text)


@dataclass
class _Open:
    section: ParsedSection
    context: bool
    path: list[int]
    note: UnitNote | None = None  # a unit note on the heading: it applies to the tasks below
    srcs: list[int] = field(default_factory=list)


@dataclass
class Builder:
    """Assemble sections and tasks from entries; collect warnings; account for every source piece."""

    md: Metadata
    repaired: dict[int, bool] = field(default_factory=dict)  # line → still uncertain
    ledger: Ledger = field(default_factory=Ledger)
    plan: ParsedPlan = field(default_factory=ParsedPlan)
    stack: list[_Open] = field(default_factory=list)
    all_below: list[tuple[int, list[str]]] = field(default_factory=list)  # (task index, units)
    ranks: dict[int, float] = field(default_factory=dict)  # how deep each 第X style nests here
    cover_notice: bool = False  # the issuing notice's own requirements were set apart

    def __post_init__(self) -> None:
        self.tracker = NumberTracker(self.plan.warnings)
        self.rows = RowReader(self)

    # -- entries ---------------------------------------------------------------------------
    def entries(self, blocks: list[Block]) -> list[Entry]:
        """Flatten blocks into headings, paragraphs and table rows."""
        out: list[Entry] = []
        for b in blocks:
            if isinstance(b, Table):
                out += self.rows.entries(b)
                continue
            text = ((b.numbering or "") + b.text).strip()
            pieces = inline_items(text)
            # Items cut out of one line are accounted each on its own (the words before a heading
            # that shares their line are left out as themselves, not hidden by the heading's use).
            srcs = ([[s] for s in self.ledger.split(b.srcs[0], pieces)] if len(pieces) > 1 and len(b.srcs) == 1
                    else [list(b.srcs) for _ in pieces])  # (a list each: joining lines extends one in place)
            for piece, piece_srcs in zip(pieces, srcs):
                out += self._split_heading(self.para_entry(piece, b.line, piece_srcs))
        resolve_lost_numerals(out, _is_cut)
        # "一、" alone on a line takes the next line as its title; a sentence cut by a line break
        # ("…，增强政策" / "文件制定实施的透明度。") is joined again.
        merged: list[Entry] = []
        tail = ""  # the last line joined to merged[-1] (whether it is cut decides the next join)
        parts: list[str] = []
        for e in out:
            if merged and merged[-1].kind in ("heading", "para") and e.kind == "para" and (
                    (merged[-1].kind == "heading" and not merged[-1].text and not parts) or _is_cut(tail)):
                parts.append(e.text)  # joined once at the end: a long hard-wrapped text stays linear
                merged[-1].srcs += e.srcs
                tail = e.text if len(e.text) >= 20 else tail[-40:] + e.text
                continue
            if parts:
                merged[-1].text += "".join(parts)
                parts = []
            merged.append(e)
            tail = e.text
        if parts:
            merged[-1].text += "".join(parts)
        self.ranks = rank_styles(merged, lambda e: e.kind == "para" and bool(_SKIP_RE.match(e.text)))
        return merged

    def rank(self, level: int) -> float:
        """How deep a heading of ``level`` nests: its level, or where its 第X style first appeared."""
        return self.ranks.get(level, level)

    def _split_heading(self, e: Entry) -> list[Entry]:
        """"一、加强政策解读。1.做好重要政策解读…": a heading and the first item below it share a line."""
        if e.kind != "heading":
            return [e]
        h = match_heading(e.text)
        if h and h[0] > e.level and h[2]:  # "二、（一）推进数据开放": a number-only heading, its first child
            return [Entry("heading", e.line, e.level, e.number, "", srcs=e.srcs, mark=e.mark),
                    Entry("heading", e.line, h[0], h[1], h[2], srcs=e.srcs, mark=heading_mark(e.text))]
        glued = _GLUED_FIRST_RE.finditer(e.text) if e.level <= 2 else ()  # (a part's, not an item's)
        for m in [*_EMBEDDED_RE.finditer(e.text), *glued]:
            rest = e.text[m.end():]
            h = match_heading(rest)
            if h and h[0] > e.level and h[2]:
                head = Entry("heading", e.line, e.level, e.number, e.text[: m.end()].strip(), srcs=e.srcs, mark=e.mark)
                child = Entry("heading", e.line, h[0], h[1], h[2], srcs=e.srcs, mark=heading_mark(rest))
                return [head, *self._split_heading(child)]  # its own first child may share the line too
        # "一、工作目标紧紧围绕…": a part's name with its text glued on (no line break, no stop).
        m = _PART_GLUED_RE.match(e.text) if e.level <= 2 else None
        if m and len(e.text) - m.end() >= 10:
            title, rest = e.text[: m.end()], e.text[m.end():]
            srcs = ([[s] for s in self.ledger.split(e.srcs[0], [title, rest])] if len(e.srcs) == 1
                    else [list(e.srcs), list(e.srcs)])
            return [Entry("heading", e.line, e.level, e.number, title, srcs=srcs[0], mark=e.mark),
                    Entry("para", e.line, text=rest, srcs=srcs[1])]
        return [e]

    @staticmethod
    def para_entry(text: str, line: int, srcs: list[int]) -> Entry:
        h = match_heading(text)
        if h:
            return Entry("heading", line, h[0], h[1], h[2], srcs=srcs, mark=heading_mark(text))
        return Entry("para", line, text=text, srcs=srcs)

    # -- sections --------------------------------------------------------------------------
    def open_section(self, level: int, number: str | None, title: str, line: int, srcs: list[int],
                     note: UnitNote | None = None) -> _Open:
        while self.stack and self.rank(self.stack[-1].section.level) >= self.rank(level):
            self.stack.pop()
        parent = tuple(id(o.section) for o in self.stack)
        if number is not None:
            number = self.tracker.check(level, number, parent, line, damaged=line in self.repaired, title=title)
        sec = ParsedSection(number, title.rstrip("。.;；"), level, line)
        siblings = self.stack[-1].section.children if self.stack else self.plan.sections
        siblings.append(sec)
        path = (self.stack[-1].path if self.stack else []) + [len(siblings) - 1]
        sec.context = bool(CONTEXT_RE.match(sec.title)) or any(o.context for o in self.stack)
        opened = _Open(sec, sec.context, path, note if note and note.units else None, list(srcs))
        self.stack.append(opened)
        self.ledger.use(srcs, "section")
        return opened

    def in_context(self) -> bool:
        return bool(self.stack and self.stack[-1].context)

    def _leave(self, e: Entry) -> None:
        """An entry that is no task: say why it is left out."""
        if _SKIP_RE.match(e.text):
            self.ledger.drop(e.srcs, "notice")
        elif self.in_context():
            self.ledger.drop(e.srcs, "context_section")
        elif self.stack and not self._under_item():
            self.ledger.drop(e.srcs, "part_text")
        else:
            self.ledger.drop(e.srcs, "preamble")

    # -- tasks -----------------------------------------------------------------------------
    def add_task(self, text: str, line: int, number: str | None = None, *, note: UnitNote | None = None,
                 detail: str | None = None, srcs: list[int] | None = None) -> ParsedTask:
        if note is None:
            text, note = split_trailing_note(text, self.md.places)
        task = ParsedTask(number=number, section=[o.section.title for o in self.stack],
                          text=text.strip(), detail=detail, line=line,
                          section_path=list(self.stack[-1].path) if self.stack else [], srcs=list(srcs or []))
        if note:
            self.apply_note(task, note, line)
        if line in self.repaired:
            task.flags.append("text_repaired")
        self.plan.tasks.append(task)
        self.ledger.use(task.srcs, "task")
        return task

    def apply_note(self, task: ParsedTask, note: UnitNote, line: int) -> None:
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

    def heading_units(self, task: ParsedTask) -> None:
        """A task without units of its own takes those its section's heading names, flagged."""
        if task.lead_units or task.responsible_units:
            return
        for o in reversed(self.stack):
            if o.note:
                task.lead_units, task.responsible_units = list(o.note.lead), list(o.note.responsible)
                task.flags.append("units_inherited")
                self.plan.warnings.append(ParseWarning(
                    task.line, "units_inherited",
                    f"第{task.line}行任务没有单独注明单位，已按所在标题（第{o.section.line}行）注明的单位导入，请确认。"))
                return

    # -- walking ---------------------------------------------------------------------------
    def run(self, entries: list[Entry]) -> ParsedPlan:
        """Walk the entries and build the plan."""
        notice = notice_items(entries, self.md.used, self.md.places)
        self.cover_notice = bool(notice)
        k = 0
        while k < len(entries):
            e = entries[k]
            if k in notice:  # what the issuing notice itself asks of the units
                self.ledger.drop(e.srcs, "notice_items")
                k += 1
                continue
            if e.kind == "para" and _SKIP_RE.match(e.text):
                self._leave(e)
                k += 1
                continue
            if e.kind == "heading":
                k = self._heading(entries, k)
                continue
            if e.kind == "row":
                self.rows.add(e)
            elif e.kind == "table":
                while any(NOTES_RE.match(o.section.title) for o in self.stack):
                    self.stack.pop()  # the notes (and the items under them) end where a table starts
                self.rows.start_table(e)
            elif NOTES_RE.match(e.text) and not self.in_context():
                self.open_section(1, None, e.text, e.line, list(e.srcs)).context = True
                self.stack[-1].section.context = True
            elif is_unit_line(e.text) and not self.in_context() and (self.plan.tasks or self.stack):
                self._unit_line(entries, k)
            elif not self.in_context() and not e.text.endswith((":", "：")) and not self._is_caption(entries, k) and (
                    self._under_item() or self._has_units(e)):
                # Under a heading every paragraph is a task; before any heading, or right under a 第X部分/章/节
                # (a novel's 第一章 too), only one that names its units.
                self._paragraph_tasks(e)
            elif self._is_caption(entries, k):
                self.ledger.drop(e.srcs, "table_caption")
            else:
                self._leave(e)
            k += 1
        return self.plan

    def _under_item(self) -> bool:
        return bool(self.stack) and self.stack[-1].section.level not in CONTAINER_LEVELS

    def _has_units(self, e: Entry) -> bool:
        return any(note is not None and note.units for _t, note in split_tasks(e.text, self.md.places)) or bool(
            (note := split_trailing_note(e.text, self.md.places)[1]) and note.units)

    def _unit_line(self, entries: list[Entry], k: int) -> None:
        """Units on their own line: for the task just above, or, right under a heading, for its tasks."""
        e = entries[k]
        note = parse_unit_text(e.text, self.md.places)
        prev = entries[k - 1] if k else None
        if self.stack and prev is not None and prev.kind == "heading" and prev.line == self.stack[-1].section.line:
            self.stack[-1].note = note if note.units else None
            self.ledger.use(e.srcs, "section")
            return
        if self.plan.tasks:
            task = self.plan.tasks[-1]
            self.apply_note(task, note, e.line)
            task.srcs += e.srcs
            self.ledger.use(e.srcs, "task")
        else:
            self._leave(e)

    def _paragraph_tasks(self, e: Entry) -> None:
        """One task per paragraph, or one per sentence-task when the paragraph closes several with unit notes."""
        text = e.text
        cut = cut_lead_in(text, self.md.places)
        if cut:  # "…要求如下。一是…（单位）": the sentences before "一是" are no part of its task
            self.ledger.leave_part(e.srcs, cut[0], "lead_in")
            text = cut[1]
        parts = split_tasks(text, self.md.places)
        if len(parts) <= 1:
            task = self.add_task(drop_ordinal(text) if cut else text, e.line, srcs=e.srcs)
            self.heading_units(task)
            return
        for text, note in parts:
            task = self.add_task(text, e.line, note=note or UnitNote(), srcs=e.srcs)
            self.heading_units(task)

    @staticmethod
    def _is_caption(entries: list[Entry], k: int) -> bool:
        """Tell whether a short paragraph next to a table is its caption ("任务分解（续）")."""
        e = entries[k]
        near_table = k + 1 < len(entries) and entries[k + 1].kind in ("row", "table")
        return near_table and len(e.text) < 40 and not re.search(r"[，,；;。]", e.text)

    def _heading(self, entries: list[Entry], k: int) -> int:
        e = entries[k]
        end = k + 1
        has_sub = has_body = False
        while end < len(entries):
            n = entries[end]
            if n.kind == "heading" and self.rank(n.level) <= self.rank(e.level):
                break
            if n.kind in ("heading", "row", "table"):
                has_sub = True
            elif not has_sub and not is_unit_line(n.text):
                has_body = True
            end += 1
        parts = split_tasks(e.text, self.md.places)
        if len(parts) > 1:
            return self._heading_with_tasks(e, parts, k)
        text, note = split_trailing_note(e.text, self.md.places)
        titled = len(text) < 30 and not re.search(r"[，,；;:：]|。.", text)
        if has_sub or CONTEXT_RE.match(text) or (has_body and titled and not note) or (self.in_context() and titled):
            self.open_section(e.level, e.number, text, e.line, e.srcs, note)
            return k + 1
        # A heading with nothing numbered below is itself a task; its paragraphs are its detail.
        while self.stack and self.rank(self.stack[-1].section.level) >= self.rank(e.level):
            self.stack.pop()
        if self.in_context():
            for x in entries[k:end]:
                self.ledger.drop(x.srcs, "context_section")
            return end
        parent = tuple(id(o.section) for o in self.stack)
        number = self.tracker.check(e.level, e.number, parent, e.line, damaged=e.line in self.repaired,
                                    title=text) if e.number is not None else None
        body = [x for x in entries[k + 1 : end] if x.kind == "para"]
        task = self.add_task(text, e.line, number, note=note,
                             detail="\n".join(x.text for x in body if not is_unit_line(x.text)) or None,
                             srcs=e.srcs + [s for x in body for s in x.srcs])
        for x in body:
            if is_unit_line(x.text):
                self.apply_note(task, parse_unit_text(x.text, self.md.places), x.line)
        self.heading_units(task)
        return end

    def _heading_with_tasks(self, e: Entry, parts: list[tuple[str, UnitNote | None]], k: int) -> int:
        """"（一）标题。任务甲。（单位甲负责落实）任务乙。（单位乙负责落实）": a section with its tasks on one line."""
        first = parts[0][0]
        m = re.match(r"^([^。；;]{2,40}[。；;])(.+)$", first)
        own = re.match(r"^([^。；;]{2,40}[。；;])", e.text.strip())
        number = None
        if own and not first.startswith(own.group(1)):  # the title went with the lead-in before "一是"
            self.open_section(e.level, e.number, own.group(1), e.line, e.srcs)
            cut = cut_lead_in(e.text, self.md.places)
            if cut and cut[0].startswith(own.group(1)):
                self.ledger.leave_part(e.srcs, cut[0][len(own.group(1)):], "lead_in")
        elif m and len(parts[0][0]) > len(m.group(1)) + 4:
            title, parts[0] = m.group(1), (m.group(2), parts[0][1])
            self.open_section(e.level, e.number, title, e.line, e.srcs)
        else:  # no title of its own: the heading's number goes to its first task
            while self.stack and self.rank(self.stack[-1].section.level) >= self.rank(e.level):
                self.stack.pop()
            parent = tuple(id(o.section) for o in self.stack)
            number = self.tracker.check(e.level, e.number, parent, e.line, damaged=e.line in self.repaired,
                                        title=first) if e.number is not None else None
        for text, note in parts:
            task = self.add_task(text, e.line, number, note=note or UnitNote(), srcs=e.srcs)
            number = None
            self.heading_units(task)
        return k + 1
