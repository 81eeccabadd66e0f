"""Rebuild tables that a web page, a copy-paste or a PDF text layer flattened into lines of text.

Three shapes of header are found, and with them three shapes of body:

* a header row with separators ("工作任务 | 具体要求 | 责任部门 |", tabs): one row per line; rows
  that a merged cell shifted or shortened are re-aligned by their cell kinds;
* header names one per line (between "|" lines, blank lines or nothing): the body is a stream of
  cells whose row boundaries are recovered by ``align``;
* header names run together inside a line ("序号 工作任务 具体要求 责任科室(单位) 完成时限…"): the
  body is cut into cells by ``runtogether`` (page markers "2、" at line starts taken out, lines
  joined where a page break cut a word) and aligned the same way.

The rebuilt ``Table`` has the header row first and cells that carry their source pieces, so the
column roles are then inferred like for any other table (``columns.infer_layout``).
"""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.align import Column, FlatCell, align, fit_columns, order_groups, rows_of
from gongkai_desk.core.imports.parse.blocks import Block, Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.carried import carried_groups
from gongkai_desk.core.imports.parse.headers import (
    header_row_score, is_header_like, is_repeated_header, normalize,
)
from gongkai_desk.core.imports.parse.kinds import kind
from gongkai_desk.core.imports.parse.ledger import Ledger
from gongkai_desk.core.imports.parse import text_layer
from gongkai_desk.core.imports.parse.parsed import ParseWarning
from gongkai_desk.core.imports.parse.rebuilt import END_RE, columns_for, drop_fragments, to_table

_SPLIT_RE = re.compile(r"[ \u3000]*[|｜\t][ \u3000]*")  # one separator each: "\t\t" holds an empty cell
_SEPARATOR_LINE_RE = re.compile(r"^[\s|｜:：\-—+=]*$")


def _cells_of(text: str) -> list[str]:
    raw = text.strip()
    if raw[:1] in "|｜":
        raw = raw[1:]
    if raw[-1:] in "|｜":
        raw = raw[:-1]
    return _SPLIT_RE.split(raw)


def rebuild_tables(paragraphs: list[Paragraph], ledger: Ledger, warnings: list[ParseWarning]) -> list[Block]:
    """Replace runs of flattened table cells by Table blocks; other paragraphs pass through."""
    out: list[Block] = []
    i, n = 0, len(paragraphs)
    headerless = dict(_headerless_runs(paragraphs))  # start → end of tables whose header was lost
    while i < n:
        p = paragraphs[i]
        if _SPLIT_RE.search(p.text) and header_row_score(_cells_of(p.text)) >= 2:
            table, i = _pipe_table(paragraphs, i, ledger, warnings)
            out.append(table)
            continue
        run, k = _header_lines(paragraphs, i)
        if len(run) >= 3:
            table, i = _line_table(paragraphs, i, run, k, ledger, warnings)
            out.append(table)
            continue
        inline = text_layer.inline_header(p.text)
        if inline:
            blocks, i = text_layer.run_together_table(paragraphs, i, ledger, warnings)
            out += blocks
            continue
        found = _headerless_pipe(paragraphs, i)
        if found is not None:
            table, i = _pipe_table(paragraphs, i, ledger, warnings, headerless=found)
            out.append(table)
            continue
        end = headerless.get(i)
        if end is not None and not any(_starts_table(paragraphs, k, text_layer) for k in range(i, end)):
            out.append(_headerless_table(paragraphs[i:end], warnings, ledger))
            i = end
            continue
        out.append(p)
        i += 1
    return out


_CELLISH = {"num", "h1", "h2", "bare", "short", "long", "dated", "units", "deadline", "status", "fragment"}


def _bare_units(p: Paragraph) -> bool:
    """A line that is only unit names (no label, no bracket): a unit cell, not a note under an item."""
    t = p.text.strip()
    if "。" in t:  # a sentence (the task lines around unit cells): no need to ask ``kind``
        return False
    return kind(t) == "units" and not re.search(r"[:：（(【\[]", t)


def _starts_table(paras: list[Paragraph], k: int, text_layer) -> bool:
    """Whether a table with a header starts at line ``k`` (a headerless run must not swallow it)."""
    t = paras[k].text
    return bool((_SPLIT_RE.search(t) and header_row_score(_cells_of(t)) >= 2) or len(_header_lines(paras, k)[0]) >= 3
                or text_layer.inline_header(t))


def _headerless_runs(paras: list[Paragraph]):
    """(start, end) of flattened tables that lost their header: unit lines standing alone after task
    lines, again and again ("做好…。" / "县政府办" / "做好…。" / "县财政局" …)."""
    units = [k for k, p in enumerate(paras) if _bare_units(p) and k and kind(paras[k - 1].text) in _CELLISH]
    clusters: list[list[int]] = []
    for k in units:
        if clusters and k - clusters[-1][-1] <= 6:
            clusters[-1].append(k)
        else:
            clusters.append([k])
    taken = -1
    for c in clusters:
        if len(c) < 3:
            continue
        start = c[0] - 1
        while start > taken + 1 and kind(paras[start - 1].text) in ("h1", "h2", "bare", "num", "short"):
            start -= 1
        end = c[-1] + 1
        while end < len(paras) and kind(paras[end].text) in ("deadline", "status", "fragment", "units"):
            end += 1
        if start > taken:
            yield start, end
            taken = end - 1


def _headerless_table(paras: list[Paragraph], warnings: list[ParseWarning], ledger: Ledger) -> Table:
    from gongkai_desk.core.imports.parse.columns import infer_layout

    stream = [FlatCell(p.text.strip(), kind(p.text.strip()), p.srcs, p.line) for p in paras]
    cols = [Column({"group": 1.0}), Column({"group": 1.0}), Column({"number": 1.0}), Column({"text": 1.0}),
            Column({"units": 1.0}), Column({"deadline": 1.0})]
    order_groups(cols)
    _cost, path = align(stream, cols)
    rows = rows_of(stream, path)
    drop_fragments(rows, ledger, warnings)
    used = sorted({c for r in rows for c in r})
    cols = [cols[c] for c in used]
    rows = [{used.index(c): cell for c, cell in r.items()} for r in rows]
    table = to_table([], cols, rows, paras[0].line)
    table.rows = table.rows[1:]  # no header row: the roles come from the content alone
    table.layout = infer_layout(table.rows)
    return table


def _is_bar(text: str) -> bool:
    return bool(text.strip()) and not text.strip("|｜ ")


def _lone_cell(text: str) -> str:
    """The one cell of a line that holds a single cell closed by its separator ("工作任务 |",
    "办公室 |"): some pages flatten a table one cell per line with the bar kept at the end.
    Any other line is returned stripped, as it is."""
    t = text.strip()
    if t[-1:] in "|｜" and t.strip("|｜ ") and not _SPLIT_RE.search(t[:-1]):
        return t[:-1].strip()
    return t


def _header_lines(paras: list[Paragraph], i: int) -> tuple[list[int], int]:
    """Indexes of consecutive header-name lines from ``i`` ("|" lines between them skipped), and the index after."""
    run: list[int] = []
    k = i
    while k < len(paras):
        t = _lone_cell(paras[k].text)
        if _is_bar(t):
            k += 1
            continue
        if is_header_like(t) and len(normalize(t)) <= 12:
            run.append(k)
            k += 1
            continue
        break
    while k > i and run and k - 1 > run[-1]:
        k -= 1  # leave trailing "|" lines to the body
    return run, k


_LABEL_CELL_RE = re.compile(r"[\u4e00-\u9fff]{1,6}\s*[:：]")


def _headerless_pipe(paras: list[Paragraph], i: int) -> tuple[list[str], int] | None:
    """(column roles, end) of separated lines from ``i`` that lost their header row (it was on the
    previous page, or cut off by the copy), or None.

    At least two lines, each holding a sentence, most of them a unit list or a deadline as well; the
    lines whose cells are all filled give the roles, judged from their content alone
    (``columns.infer_layout`` without a header)."""
    from gongkai_desk.core.imports.parse.columns import infer_layout

    k = i
    while k < len(paras) and _SPLIT_RE.search(paras[k].text) and not (k > i and _starts_table(paras, k, text_layer)):
        k += 1
    lines = [[t.strip() for t in _cells_of(paras[j].text)] for j in range(i, k)
             if not _SEPARATOR_LINE_RE.match(paras[j].text)]
    full = [cells for cells in lines if len(cells) >= 3 and all(cells)]
    if len(lines) < 2 or not full or header_row_score(lines[0]) >= 2:
        return None
    # "标题: | … | 发文日期: | 2023-08-21 |": a page's box of labelled facts, no task table.
    if 2 * sum(any(_LABEL_CELL_RE.fullmatch(t) for t in cells) for cells in lines) >= len(lines):
        return None
    kinds = [[kind(t) for t in cells if t] for cells in lines]
    if not all("long" in ks or "dated" in ks for ks in kinds) or 2 * sum(
            any(x in ("units", "deadline", "dated") for x in ks) for ks in kinds) < len(lines):
        return None
    width = max(len(cells) for cells in full)
    rows = [Row([Cell(t) for t in cells], paras[i].line) for cells in full if len(cells) == width]
    layout = infer_layout(rows, sure=True)
    if layout is None or "text" not in layout.roles or not {"units", "lead", "responsible", "deadline"} & set(
            layout.roles):
        return None
    return layout.roles, k


def _pipe_table(paras: list[Paragraph], i: int, ledger: Ledger, warnings: list[ParseWarning],
                headerless: tuple[list[str], int] | None = None) -> tuple[Table, int]:
    if headerless is None:
        head = paras[i]
        names = _cells_of(head.text)
        srcs = ledger.split(head.srcs[0], names) if head.srcs else [-1] * len(names)
        header = [(t.strip(), (s,)) for t, s in zip(names, srcs)]
        cols = columns_for([t for t, _ in header])
        end = len(paras)
        i += 1
    else:  # no header row: the columns the cells' content gave, one role each
        roles, end = headerless
        header = [("", ())] * len(roles)
        cols = [Column({r: 1.0}) for r in roles]
        order_groups(cols)
        head = paras[i]
    width = len(cols)
    stream: list[FlatCell] = []
    breaks: list[bool | None] = []
    positional: dict[int, list[FlatCell]] = {}  # line → its cells, for lines with exactly one cell per column
    lines: list[list[FlatCell]] = []  # every body line's cells, empty ones included
    while i < end and (_SPLIT_RE.search(paras[i].text) or _heading_row(paras, i)):
        p = paras[i]
        i += 1
        if _SEPARATOR_LINE_RE.match(p.text):  # a markdown rule line "|---|---|"
            ledger.drop(p.srcs, "separator")
            continue
        parts = _cells_of(p.text)
        if is_repeated_header(parts, [t for t, _ in header]):
            ledger.drop(p.srcs, "repeated_header")
            continue
        pieces = ledger.split(p.srcs[0], parts) if p.srcs else [-1] * len(parts)
        cells = [FlatCell(t.strip(), kind(t.strip()), (s,), p.line) for t, s in zip(parts, pieces)]
        ledger.drop([c.srcs[0] for c in cells if not c.text], "empty")
        filled = [c for c in cells if c.text]
        if not filled:
            continue
        lines.append(cells)
        # A row with every cell in place keeps its positions; a shorter one is aligned by kinds.
        if len(cells) == width:
            positional[p.line] = cells
        stream += filled
        # A line with more cells than the header holds more than one row ("| 1 | … | 2 | … |").
        breaks += [True] + [None if len(filled) > width else False] * (len(filled) - 1)
    carried = carried_groups(lines, cols)
    if carried is not None:  # group cells only on the first row of their group: laid out as Word has them
        cols, rows = carried
        drop_fragments(rows, ledger, warnings)
        return _finish(to_table(header, cols, rows, head.line), headerless), i
    if len({c.line for c in stream}) > len(positional):  # some rows lack cells: maybe a column the header does not name
        cols = fit_columns(stream, cols, breaks)
    _cost, path = align(stream, cols, breaks)
    rows = rows_of(stream, path)
    if len(cols) == width:
        # A row with every cell keeps its positions, unless its cells plainly sit one column off
        # ("3.及时反馈… | 各科室 | |": the merged first cell left out, the rest shifted left).
        rows = [_positional_or_aligned(positional.get(_line_of(row)), row, cols) for row in rows]
    drop_fragments(rows, ledger, warnings)
    return _finish(to_table(header, cols, rows, head.line), headerless), i


def _finish(table: Table, headerless) -> Table:
    """A table rebuilt without header loses the blank header row; its roles come from its content alone."""
    if headerless is not None:
        from gongkai_desk.core.imports.parse.columns import infer_layout

        table.rows = table.rows[1:]
        table.layout = infer_layout(table.rows, sure=True)
    return table


def _heading_row(paras: list[Paragraph], i: int) -> bool:
    """Tell whether a line without separators inside a separated table is a full-width row: a
    group heading ("一、推进决策公开") whose empty cells the copy dropped, with the table going on
    right after it."""
    text = paras[i].text.strip()
    if not text or len(text) > 40 or i + 1 >= len(paras) or not _SPLIT_RE.search(paras[i + 1].text):
        return False
    if len([c for c in _cells_of(paras[i + 1].text) if c.strip()]) < 2:
        return False
    return kind(text) in ("h1", "h2", "bare", "short")


def _line_of(row: dict[int, FlatCell]) -> int | None:
    lines = {c.line for c in row.values()}
    return lines.pop() if len(lines) == 1 else None


def _positional_or_aligned(pos: list[FlatCell] | None, aligned: dict[int, FlatCell], cols: list[Column]
                           ) -> dict[int, FlatCell]:
    if pos is None:
        return aligned
    by_position = {c: cell for c, cell in enumerate(pos) if cell.text}
    # Only a row whose empty cells are all at its end can be a shifted one (the merged first
    # cell left out, everything moved left). An empty cell inside the row ("2\t\t内容…") is a
    # merged cell left empty in place: the positions are right whatever the header suggests.
    empties = [c for c, cell in enumerate(pos) if not cell.text]
    if not empties or empties != list(range(len(pos) - len(empties), len(pos))):
        return by_position

    def cost(row: dict[int, FlatCell]) -> float:
        return sum(cols[c].emission(cell) for c, cell in row.items()) + sum(
            cols[c].skip for c in range(len(cols)) if c not in row)

    return aligned if cost(aligned) + 1.0 < cost(by_position) else by_position


def _line_table(paras: list[Paragraph], i: int, run: list[int], k: int, ledger: Ledger,
                warnings: list[ParseWarning]) -> tuple[Table, int]:
    header = [(_lone_cell(paras[j].text), paras[j].srcs) for j in run]
    for j in range(i, k):
        if j not in run:
            ledger.drop(paras[j].srcs, "separator")  # the "|" separators between header names
    cols = columns_for([t for t, _ in header])
    names = [t for t, _ in header]
    normalized = [normalize(n) for n in names]
    first_name = normalized[0]
    stream: list[FlatCell] = []
    j = k
    while j < len(paras):
        t = _lone_cell(paras[j].text)
        if END_RE.match(t):
            break
        if _is_bar(t):
            ledger.drop(paras[j].srcs, "separator")
            j += 1
            continue
        # The header again (one per printed page) is skipped as a whole.
        again = [x for x in range(j, min(len(paras), j + 2 * len(names))) if not _is_bar(paras[x].text)][
            :len(names)] if normalize(t) == first_name else []
        if len(again) == len(names) and [normalize(_lone_cell(paras[x].text)) for x in again] == normalized:
            for x in range(j, again[-1] + 1):
                ledger.drop(paras[x].srcs, "repeated_header")
            j = again[-1] + 1
            continue
        stream.append(FlatCell(t, kind(t), paras[j].srcs, paras[j].line))
        j += 1
    cols = fit_columns(stream, cols)
    _cost, path = align(stream, cols)
    rows = rows_of(stream, path)
    drop_fragments(rows, ledger, warnings)
    return to_table(header, cols, rows, paras[run[0]].line), j
