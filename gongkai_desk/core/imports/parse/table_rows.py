"""Turn the rows of a plan or review table into outline items, column by column.

Columns are mapped by their header names (see ``flat_table.HEADER_ROLES``). A review table
(seed 003) has no task-text column: its 二级指标 cell is the task's text and the paragraph in the
next column is the task's detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai_desk.core.model import Status
from gongkai_desk.core.imports.parse.blocks import Row, Table
from gongkai_desk.core.imports.parse.flat_table import header_role, is_header_row


@dataclass
class TableItem:
    """One table row, read by column role."""

    line: int
    level1: str | None = None
    level2: str | None = None
    number: str | None = None
    text: str | None = None
    detail: str | None = None
    lead: str | None = None
    responsible: str | None = None
    units_merged: bool = False  # the unit cells continue a merged cell above
    deadline: str | None = None
    status: str | None = None
    status_uncertain: str | None = None  # "未完成" as written: read as 推进中, the clerk should confirm
    status_unrecognized: str | None = None  # a status cell no status word was found in, as written
    progress: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    heading: str | None = None  # a full-width row: a section heading inside the table
    flags: list[str] = field(default_factory=list)


_STATUS_HEADERS = ("完成情况", "进度")


@dataclass
class TableShape:
    roles: list[str | None]
    text_col: int | None
    detail_col: int | None
    is_review: bool


def table_shape(header: list[str]) -> TableShape:
    """Map header cells to roles; decide which column is the task text."""
    roles = [header_role(h) for h in header]
    if "status" not in roles and roles.count("progress") > 1:
        # 完成情况 beside 落实情况 holds the status word (基本完成, 未完成...), not a second text
        for k, h in enumerate(header):
            if roles[k] == "progress" and re.sub(r"\s+", "", h) in _STATUS_HEADERS:
                roles[k] = "status"
                break
    text_col = roles.index("text") if "text" in roles else None
    detail_col = None
    if text_col is None:
        for fallback in ("level2", "level1"):
            if fallback in roles:
                text_col = roles.index(fallback)
                break
        if text_col is not None and "指标" in header[text_col]:
            # Indicator tables (一级指标/二级指标, seed 003): the long paragraph beside the 二级指标
            # title is the requirement, whatever its header says ("存在问题及建议").
            detail_col = next((i for i, r in enumerate(roles) if r == "problems"), None)
    is_review = any(r in ("progress", "status") for r in roles)
    return TableShape(roles, text_col, detail_col, is_review)


def read_table(table: Table) -> tuple[TableShape | None, list[TableItem]]:
    """Return the table's shape and one item per data row (None shape: not a plan table)."""
    rows = table.rows
    start = next((k for k, r in enumerate(rows[:5]) if is_header_row(r.texts)), None)
    if start is None:
        return None, [TableItem(r.line, heading=" ".join(t for t in r.texts if t.strip())) for r in rows]
    shape = table_shape(rows[start].texts)
    items: list[TableItem] = []
    for row in rows[start + 1 :]:
        if is_header_row(row.texts):
            continue  # header repeated on every printed page
        item = _read_row(row, shape)
        if item:
            items.append(item)
    return shape, items


def _read_row(row: Row, shape: TableShape) -> TableItem | None:
    texts = [c.text.strip() for c in row.cells]
    if not any(texts):
        return None
    distinct = {t for t in texts if t}
    if len(texts) > 2 and len(distinct) == 1 and all(c.merged_from_left or c.text.strip() for c in row.cells[1:]):
        return TableItem(row.line, heading=texts[0])
    item = TableItem(row.line)
    unit_cells = []
    for k, cell in enumerate(row.cells[: len(shape.roles)]):
        role, text = shape.roles[k], cell.text.strip()
        if cell.merged_from_left:
            continue
        if k == shape.text_col:
            item.text = text or None
            continue
        if k == shape.detail_col:
            item.detail = text or None
            continue
        if role in ("lead", "responsible"):
            unit_cells.append(cell)
            setattr(item, role, text or None)
            continue
        if cell.merged_from_above and role in ("level1", "level2"):
            continue  # the section goes on
        if role == "level1":
            item.level1 = text or None
        elif role == "level2":
            item.level2 = text or None
        elif role == "number":
            item.number = text.rstrip(".、．") or None
        elif role == "deadline":
            item.deadline = text or None
        elif role == "status":
            item.status, item.status_uncertain = _status(text)
            if text and item.status is None:
                item.status_unrecognized = text
        elif role == "progress":
            st, uncertain = _status(text)
            if st and not item.status:
                item.status, item.status_uncertain = st, uncertain
            if text and not Status.parse(text):  # the words beyond a bare status word
                item.progress = f"{item.progress}\n{text}" if item.progress else text
        elif role == "problems":
            item.problems = text or None
        elif role == "next_steps":
            item.next_steps = text or None
    item.units_merged = bool(unit_cells) and all(c.merged_from_above for c in unit_cells)
    if item.status_unrecognized:  # nothing is lost: the words go to 落实情况, where the clerk sees them
        raw = item.status_unrecognized
        item.progress = raw if not item.progress or raw in item.progress else f"{raw}\n{item.progress}"
    return item


_LEADING_STATUS_RE = re.compile(r"^\s*[【\[]?(" + "|".join(s.value for s in Status) + r")[】\]]?\s*[。，,：:；;\s]")
# Words that say the task is not finished without saying how far it got: read as 推进中, to be confirmed.
_UNFINISHED = ("未完成", "尚未完成", "没有完成", "未全部完成")
_TRAILING_PUNCT = "。.，,；;！!"


def _status(text: str) -> tuple[str | None, str | None]:
    """Return (the status a cell names, the word when the status is a guess), also when the status word opens
    a longer text ("已完成。…")."""
    bare = text.strip().strip("【】[]").rstrip(_TRAILING_PUNCT).strip()
    s = Status.parse(bare)
    if s:
        return s.value, None
    if bare in _UNFINISHED:
        return Status.IN_PROGRESS.value, bare
    m = _LEADING_STATUS_RE.match(text)
    return (m.group(1) if m else None), None
