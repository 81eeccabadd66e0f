"""Turn the rows of a plan, review, 整改 or 督查 table into outline items, by the column roles that
``columns.infer_layout`` gave the table (or the clerk chose).

Every cell ends in an item field or is listed as dropped with its reason (a repeated header, an
unfilled template, a column set to 不导入), so the ledger can account for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai_desk.core.model import Status
from gongkai_desk.core.imports.parse.blocks import Cell, Row, Table
from gongkai_desk.core.imports.parse.columns import TableLayout
from gongkai_desk.core.imports.parse.headers import header_texts, is_repeated_header
from gongkai_desk.core.imports.parse.kinds import deadline_prefix, is_template, kind


@dataclass
class TableItem:
    """One table row, read by column role."""

    line: int
    groups: list[tuple[int, str]] = field(default_factory=list)  # (level, text) of group cells with a value
    number: str | None = None
    group_number: str | None = None  # a 序号 that numbers the row's group, not its task
    text: str | None = None
    detail: str | None = None
    lead: str | None = None
    responsible: str | None = None
    units: str | None = None  # a unit cell whose roles its own words decide
    units_merged: bool = False  # the unit cells continue a merged cell above
    deadline: str | None = None
    status: str | None = None
    status_uncertain: str | None = None  # "未完成" as written: read as 推进中, the clerk should confirm
    status_unrecognized: str | None = None  # a status cell no status word was found in, as written
    progress: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    heading: str | None = None  # a full-width row: a section heading inside the table
    continues: bool = False  # no task text of its own: the row adds to the task above
    task_srcs: list[int] = field(default_factory=list)  # source pieces that end in the task's fields
    group_srcs: list[int] = field(default_factory=list)  # source pieces of group cells (section titles)
    drops: list[tuple[tuple[int, ...], str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # flags for the task the row makes (a reading to confirm)


def read_table(table: Table, layout: TableLayout) -> tuple[list[TableItem], list[tuple[tuple[int, ...], str]]]:
    """Return one item per data row, and the header pieces with why they are not imported."""
    rows = table.rows
    width = len(layout.columns)
    headers = header_texts(rows, layout.header_rows[0], len(layout.header_rows), width) if layout.header_rows else []
    dropped = [(c.srcs, "table_header") for k in layout.header_rows for c in rows[k].cells if c.srcs]
    items: list[TableItem] = []
    for row in rows[layout.start:]:
        if headers and is_repeated_header(row.texts, headers):
            dropped += [(c.srcs, "repeated_header") for c in row.cells if c.srcs]
            continue
        note = _note_row(row)
        if note:
            dropped += [(c.srcs, note) for c in row.cells if c.srcs]
            continue
        item = _read_row(row, layout)
        if item:
            items.append(item)
    return items, dropped


_TOTAL_RE = re.compile(r"^(合\s*计|小\s*计|总\s*计|共\s*计)\s*[:：]?")
_NOTE_RE = re.compile(r"^(注|备注|说明|填表说明|附注)\s*[0-9０-９]*\s*[:：]")


def _note_row(row: Row) -> str | None:
    """A row that holds no task: a total ("合计 | 共25项") or a note across the table ("注：1.…").

    Returns the ledger reason, or None for an ordinary row."""
    texts = [c.text.strip() for c in row.cells if c.text.strip() and not c.merged_from_left]
    if not texts or all(c.merged_from_above for c in row.cells if c.text.strip()):
        return None
    if _TOTAL_RE.match(texts[0]) and len(texts[0]) <= 12 and len(texts) <= 3:
        return "total_row"
    if len(set(texts)) == 1 and _NOTE_RE.match(texts[0]):
        return "table_note"
    return None


_ENUM_RE = re.compile(r"^(?:[0-9０-９]{1,2}\s*[.．、]|[（(][0-9０-９一二三四五六七八九十]{1,2}[)）]|[①-⑳])")


def _title_and_body(text: str) -> tuple[str, str | None]:
    """A task cell of several paragraphs (Word paragraphs, Alt+Enter lines): a short title on the first
    line and the requirement below it, or one text broken over lines (joined again)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return text, None
    listed = sum(1 for ln in lines if _ENUM_RE.match(ln)) >= 2  # "1.…\n2.…": one task's points, kept together
    if not listed and kind(lines[0]) == "short" and len(lines[0]) <= 30 and sum(map(len, lines[1:])) > len(lines[0]):
        return lines[0], "\n".join(lines[1:])
    joined = lines[0]
    for ln in lines[1:]:
        joined += (" " if joined[-1].isascii() and joined[-1].isalnum() and ln[0].isascii() else "") + ln
    return joined, None


def _is_heading_row(row: Row) -> bool:
    texts = [c.text.strip() for c in row.cells]
    distinct = {t for t in texts if t}
    return len(texts) > 2 and len(distinct) == 1 and all(c.merged_from_left or c.text.strip() for c in row.cells[1:])


def _read_row(row: Row, layout: TableLayout) -> TableItem | None:
    cells = row.cells
    if not any(c.text.strip() for c in cells):
        return None
    if _is_heading_row(row):
        srcs = [s for c in cells for s in c.srcs]
        return TableItem(row.line, heading=cells[0].text.strip(), group_srcs=srcs)
    item = TableItem(row.line)
    unit_cells: list[Cell] = []
    details: list[str] = []
    last_group: Cell | None = None
    for k, col in enumerate(layout.columns):
        cell = cells[k] if k < len(cells) else Cell("")
        text, role = cell.text.strip(), col.role
        if cell.merged_from_left or not (text or role in ("lead", "responsible", "units")):
            continue
        if text and is_template(text) and role not in ("number", "group"):
            item.drops.append((cell.srcs, "template"))
            continue
        if role == "ignore":
            item.drops.append((cell.srcs, "ignored_column"))
            continue
        if role == "group":
            if not cell.merged_from_above:
                item.groups.append((col.level, text))
                item.group_srcs += cell.srcs
                last_group = cell
            continue
        if role == "text":
            if cell.merged_from_above:
                item.continues = True  # one task over several rows (units or deadlines per row)
            else:
                item.text, body = _title_and_body(text)
                if body:
                    details.insert(0, body)
                item.task_srcs += cell.srcs
            continue
        if cell.merged_from_above and role not in ("lead", "responsible", "units"):
            continue  # the value of the row above goes on: it is already in that task
        item.task_srcs += cell.srcs
        if role in ("lead", "responsible", "units"):
            unit_cells.append(cell)
            setattr(item, role, _join(getattr(item, role), text) if text else getattr(item, role))
        elif role == "number":
            item.number = text.strip("（()）").rstrip(".、．") or None
        elif role == "deadline":
            _deadline(item, text, details)
        elif role == "status":
            item.status, item.status_uncertain = _YES_NO.get(text.strip(), (None, None)) if text.strip() in _YES_NO \
                else _status(text)
            if item.status is None:
                item.status_unrecognized = text
        elif role == "progress":
            st, uncertain = _status(text)
            if st and not item.status:
                item.status, item.status_uncertain = st, uncertain
            if not (Status.parse(text) or _MORE_STATUS.get(text.strip())):  # the words beyond a bare status word
                item.progress = _join(item.progress, text, "\n")
        elif role == "problems":
            item.problems = _join(item.problems, text, "\n")
        elif role in ("measures", "next_steps"):
            item.next_steps = _join(item.next_steps, text, "\n")
        elif role == "detail":
            details.append(text)
        elif role == "remarks":
            details.append(f"{col.header or '备注'}：{text}")
    if item.text is None and not item.continues and last_group is not None:
        _group_as_text(item, last_group, unit_cells)
    item.detail = "\n".join(details) or None
    item.units_merged = bool(unit_cells) and all(c.merged_from_above for c in unit_cells)
    if item.status_unrecognized:  # nothing is lost: the words go to 落实情况, where the clerk sees them
        raw = item.status_unrecognized
        item.progress = raw if not item.progress or raw in item.progress else f"{raw}\n{item.progress}"
    if item.text is None and not item.groups and not item.continues:
        item.continues = True
    return item


def _group_as_text(item: TableItem, cell: Cell, unit_cells: list[Cell]) -> None:
    """A row whose task cell is empty but which names its own units or deadline: its innermost group
    cell is the task ("2 | 扎实做好疫苗接种信息公开… | 疾控处 | 长期推进": a 工作任务 cell spanning the
    empty 细化分工 cell, or that cell lost in a copy). A numbered heading stays a section."""
    own = any(c.text.strip() and not c.merged_from_above for c in unit_cells) or item.deadline
    text = cell.text.strip()
    if not own or kind(text) not in ("long", "short", "dated"):
        return
    item.groups.pop()
    item.group_srcs = [s for s in item.group_srcs if s not in cell.srcs]
    item.text, body = _title_and_body(text)
    item.task_srcs = list(cell.srcs) + item.task_srcs
    item.flags.append("text_from_group")


def _join(old: str | None, new: str, sep: str = "、") -> str:
    return f"{old}{sep}{new}" if old else new


def _deadline(item: TableItem, text: str, details: list[str]) -> None:
    """A deadline cell; a long one ("2020年6月30日前，完成自查整改…") gives its date phrase and its words to the detail."""
    if len(text) <= 30 and "。" not in text:
        item.deadline = text
        return
    item.deadline = deadline_prefix(text)
    details.append(text)


_LEADING_STATUS_RE = re.compile(r"^\s*[【\[]?(" + "|".join(s.value for s in Status) + r")[】\]]?\s*[。，,：:；;\s]")
# Words that say the task is not finished without saying how far it got: read as 推进中, to be confirmed.
_UNFINISHED = ("未完成", "尚未完成", "没有完成", "未全部完成")
_TRAILING_PUNCT = "。.，,；;！!"


# How 整改 and 督查 tables word a status.
_MORE_STATUS = {"整改中": Status.IN_PROGRESS, "正在整改": Status.IN_PROGRESS, "推进中": Status.IN_PROGRESS,
                "已整改": Status.DONE, "整改完成": Status.DONE, "已整改完成": Status.DONE, "已完成整改": Status.DONE,
                "持续整改": Status.ONGOING, "长期坚持": Status.ONGOING, "未整改": Status.NOT_STARTED}


# A 是否完成 column: 是 is done; 否 says only that it is not, read as 推进中 for the clerk to confirm.
_YES_NO = {"是": (Status.DONE.value, None), "√": (Status.DONE.value, None), "✓": (Status.DONE.value, None),
           "否": (Status.IN_PROGRESS.value, "否"), "×": (Status.IN_PROGRESS.value, "×"), "✗": (Status.IN_PROGRESS.value, "✗")}


def _status(text: str) -> tuple[str | None, str | None]:
    """Return (the status a cell names, the word when the status is a guess), also when the status word opens
    a longer text ("已完成。…")."""
    bare = text.strip().strip("【】[]").rstrip(_TRAILING_PUNCT).strip()
    s = Status.parse(bare) or _MORE_STATUS.get(bare)
    if s:
        return s.value, None
    if bare in _UNFINISHED:
        return Status.IN_PROGRESS.value, bare
    m = _LEADING_STATUS_RE.match(text)
    return (m.group(1) if m else None), None
