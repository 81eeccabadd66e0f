"""Rebuild tables that a web page or a copy-paste flattened to one cell per line.

The header row (目标/任务/主要内容/牵头单位/责任单位, 一级指标/二级指标/…/落实情况, 序号/工作任务/…)
names the columns; every following line is given to the first column, left to right, whose
content it fits (a heading, a paragraph, a unit list, a deadline, a status). A line that fits no
column after the current one starts a new row. Cells left out by merged cells come back empty
and flagged ``merged_from_above`` so the builder can inherit and flag them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai_desk.core.deadlines import looks_like_deadline
from gongkai_desk.core.model import Status
from gongkai_desk.core.imports.parse.blocks import Block, Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.parsed import ParseWarning
from gongkai_desk.core.imports.parse.unit_notes import parse_unit_text
from gongkai_desk.core.imports.units import BARE_WORDS, is_unit_name

# Column roles by header text. Order matters only for display.
HEADER_ROLES: dict[str, str] = {}
for _role, _names in {
    "number": "序号 编号",
    "level1": "目标 一级指标 工作目标 类别 工作类别 重点领域 领域 板块 项目",
    "level2": "任务 二级指标 重点任务 工作任务 任务名称",
    "text": "主要内容 具体任务 任务内容 工作内容 具体措施 工作措施 主要任务 具体内容 任务要求 工作要求 "
            "重点工作 工作要点 具体工作 三级指标 工作事项 任务事项 内容",
    "lead": "牵头单位 牵头部门 主责单位 牵头责任单位",
    "responsible": "责任单位 责任部门 配合单位 协办单位 参与单位 责任主体 落实单位 配合部门 责任科室",
    "deadline": "完成期限 完成时限 完成时间 时间节点 时限要求 时间安排 时限 完成时间节点",
    "progress": "落实情况 完成情况 进展情况 工作进展 推进情况 进度 落实进展",
    "status": "完成状态 状态 是否完成",
    "problems": "存在问题 存在问题及建议 问题及建议 存在的问题",
    "next_steps": "下步计划 下一步计划 下步打算 下一步工作",
    "remarks": "备注 佐证材料",
}.items():
    for _n in _names.split():
        HEADER_ROLES[_n] = _role

_H1_RE = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_H2_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_BARE_NUMBER_RE = re.compile(r"^([一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])$")
_NUM_RE = re.compile(r"^\d{1,3}[.、．]?$")
_SPLIT_RE = re.compile(r"\s*[|｜\t]\s*")


def header_role(text: str) -> str | None:
    """Return the column role a header cell names, or None."""
    t = re.sub(r"\s+", "", text).strip("|｜:：")
    return HEADER_ROLES.get(t)


def is_header_row(cells: list[str]) -> bool:
    """Tell whether cells are a table header (at least three known column names)."""
    roles = [header_role(c) for c in cells if c.strip()]
    return len(roles) >= 3 and sum(r is not None for r in roles) >= max(3, len(roles) - 1)


@dataclass
class _Line:
    no: int
    text: str


def _kind(text: str) -> str:
    """Classify one flattened cell: h1, h2, bare, num, units, deadline, status, short, long, fragment."""
    t = text.strip()
    if _BARE_NUMBER_RE.match(t):
        return "bare"
    if _H2_RE.match(t):
        return "h2"
    if _H1_RE.match(t):
        return "h1"
    if _NUM_RE.match(t):
        return "num"
    if t in BARE_WORDS:
        return "fragment"
    if Status.parse(t) and not looks_like_deadline(t):
        return "status"
    if looks_like_deadline(t):
        return "deadline"
    if len(t) <= 80 and "。" not in t:
        note = parse_unit_text(t)
        # A remnant such as "各有关" may ride along; anything longer means this is prose.
        if note.units and all(len(u) <= 16 for u in note.units) and all(len(f) <= 4 for f in note.fragments):
            return "units"
    short = len(t) < 25 and not re.search(r"[，,；;。：:]", t.rstrip("。"))
    return "short" if short else "long"


_ACCEPT = {
    "number": {"num"},
    "level1": {"h1", "bare", "short"},
    "level2": {"h2", "bare", "short"},
    "text": {"long"},
    "lead": {"units"},
    "responsible": {"units"},
    "deadline": {"deadline"},
    "status": {"status"},
    "progress": {"status", "long"},
    "problems": {"long"},
    "next_steps": {"long"},
    "remarks": set(),
}


def _join_split_units(lines: list[_Line]) -> list[_Line]:
    """Join a unit cell cut over two lines ("区各有关" / "部门", "区编办、" / "政务办")."""
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        cur = lines[i]
        if i + 1 < len(lines):
            nxt = lines[i + 1].text
            last = re.split(r"[、,，;；\s]", cur.text.rstrip())[-1]
            cut = cur.text.rstrip().endswith(("、", ",", "，")) or (
                last and not is_unit_name(last) and is_unit_name(last + nxt.strip())
            )
            if cut and len(nxt) <= 12 and _kind(nxt) in ("units", "short", "fragment") and (
                len(cur.text) <= 60 and "。" not in cur.text
            ):
                out.append(_Line(cur.no, cur.text.rstrip() + nxt.strip()))
                i += 2
                continue
        out.append(cur)
        i += 1
    return out


def _assemble(roles: list[str], lines: list[_Line], warnings: list[ParseWarning]) -> list[Row]:
    """Give each line to a column; return the data rows."""
    rows: list[list] = []  # [line, {col: text}]
    cur: dict[int, str] | None = None
    last_col = -1
    text_col = next((i for i, r in enumerate(roles) if r == "text"), None)
    if text_col is None:
        text_col = next((i for i, r in enumerate(roles) if r == "problems"), None)
    for k, line in enumerate(lines):
        nxt = lines[k + 1].text if k + 1 < len(lines) else None
        kind = _kind(line.text)
        if kind == "fragment":
            warnings.append(ParseWarning(line.no, "fragment_dropped",
                                         f"第{line.no}行“{line.text}”是表格拆行留下的残片，已忽略。"))
            continue
        if cur is not None and last_col >= 0 and _BARE_NUMBER_RE.match(cur.get(last_col, "")) and kind in (
            "short", "long"
        ):
            cur[last_col] += line.text  # "一、" on one line, its title on the next
            continue
        cols = [i for i, r in enumerate(roles) if kind in _ACCEPT.get(r, set())]
        if kind == "short" and nxt is not None and text_col is not None:
            nk = _kind(nxt)
            if nk == "long" and text_col - 1 in cols:
                cols = [text_col - 1]  # a title directly above its paragraph
            elif nk == "units" and "text" in roles:
                cols = [roles.index("text")]  # a one-sentence task followed by its units
        if not cols:
            if text_col is None:
                warnings.append(ParseWarning(line.no, "cell_unplaced",
                                             f"第{line.no}行“{line.text[:20]}”无法对应到表格的任何一列，已忽略，请核对。"))
                continue
            cols = [text_col]
        after = [c for c in cols if c > last_col]
        if cur is None or not after:
            cur = {}
            rows.append([line.no, cur])
            col = cols[0]
        else:
            col = after[0]
        cur[col] = line.text
        if col == text_col:
            rows[-1][0] = line.no  # warnings point at the task's own line
        last_col = col
    return [_to_row(roles, no, cells) for no, cells in rows]


def _to_row(roles: list[str], no: int, cells: dict[int, str]) -> Row:
    unit_cols = [i for i, r in enumerate(roles) if r in ("lead", "responsible")]
    has_units = any(cells.get(i) for i in unit_cols)
    if len(unit_cols) == 2 and sum(bool(cells.get(i)) for i in unit_cols) == 1 and cells.get(unit_cols[0]):
        # One unit cell where two columns exist: a group (各有关部门) belongs to 责任单位.
        note = parse_unit_text(cells[unit_cols[0]])
        if note.units and all(u.startswith(("各", "区各", "县各", "市各", "有关", "相关")) or "各" in u
                              for u in note.units):
            cells[unit_cols[1]] = cells.pop(unit_cols[0])
    out: list[Cell] = []
    for i, role in enumerate(roles):
        text = cells.get(i, "")
        merged = not text and (role in ("level1", "level2") or (role in ("lead", "responsible") and not has_units))
        out.append(Cell(text, merged_from_above=merged))
    return Row(out, no)


def rebuild_tables(paragraphs: list[Paragraph], warnings: list[ParseWarning]) -> list[Block]:
    """Replace runs of flattened table cells by Table blocks; other paragraphs pass through."""
    out: list[Block] = []
    i, n = 0, len(paragraphs)
    while i < n:
        p = paragraphs[i]
        cells = [c for c in _SPLIT_RE.split(p.text.strip().strip("|｜")) if c != ""]
        if len(cells) >= 3 and is_header_row(cells):
            table, i = _pipe_table(paragraphs, i, cells, warnings)
            out.append(table)
            continue
        run = 0
        while i + run < n and header_role(paragraphs[i + run].text):
            run += 1
        if run >= 3:
            table, i = _flat_table(paragraphs, i, run, warnings)
            out.append(table)
            continue
        out.append(p)
        i += 1
    return out


def _pipe_table(paras: list[Paragraph], i: int, header: list[str], warnings: list[ParseWarning]) -> tuple[Table, int]:
    roles = [header_role(c) or "remarks" for c in header]
    table = Table([Row([Cell(c) for c in header], paras[i].line)], paras[i].line)
    i += 1
    while i < len(paras) and re.search(r"[|｜\t]", paras[i].text):
        raw = paras[i].text.strip()
        if raw.startswith(("|", "｜")):
            raw = raw[1:]
        if raw.endswith(("|", "｜")):
            raw = raw[:-1]
        cells = _SPLIT_RE.split(raw)
        if re.fullmatch(r"[\s|:：\-｜]*", paras[i].text):  # markdown separator row
            i += 1
            continue
        if is_header_row(cells):
            i += 1  # header repeated on every printed page
            continue
        cells = (cells + [""] * len(roles))[: len(roles)]
        has_units = any(c.strip() for c, r in zip(cells, roles) if r in ("lead", "responsible"))
        row = [Cell(c.strip(), merged_from_above=not c.strip() and (
            r in ("level1", "level2") or (r in ("lead", "responsible") and not has_units)))
            for c, r in zip(cells, roles)]
        table.rows.append(Row(row, paras[i].line))
        i += 1
    return table, i


def _flat_table(paras: list[Paragraph], i: int, run: int, warnings: list[ParseWarning]) -> tuple[Table, int]:
    header = [paras[i + k].text.strip() for k in range(run)]
    roles = [header_role(h) or "remarks" for h in header]
    table = Table([Row([Cell(h) for h in header], paras[i].line)], paras[i].line)
    j = i + run
    body: list[_Line] = []
    while j < len(paras):
        # A repeated header (one per printed page) is skipped as a whole.
        if all(j + k < len(paras) and header_role(paras[j + k].text) == roles[k] for k in range(run)):
            j += run
            continue
        if _ends_table(paras[j].text):
            break
        body.append(_Line(paras[j].line, paras[j].text.strip()))
        j += 1
    table.rows += _assemble(roles, _join_split_units(body), warnings)
    return table, j


def _ends_table(text: str) -> bool:
    """Tell whether a line closes a flattened table (an attachment note, the distribution list).

    A date alone is no end: it may be a 完成时限 cell (the signature block was already taken out).
    """
    return bool(re.match(r"^(附件[:：\d]|抄送[:：]|主题词)", text.strip()))
