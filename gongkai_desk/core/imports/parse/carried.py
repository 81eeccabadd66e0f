"""Rows of a separated flat table whose merged group cells were carried only onto the first row of
their group ("一、… | （一）… | 1.任务 | 全年 | 区财政局 |" then "2.任务 | 全年 | 区财政局 |").

A Word table keeps such a group cell as a vertically merged cell in its own column, and a header
cell over it spans the group columns and the task column. Copied off a web page as text, only the
first row of each group has the cell; the other rows start further right. Read from the right the
rows are regular: every row ends with the same number of cells (the task text and the columns after
it; only the last line may stop short, where a copy was cut off), and what comes before them is zero or more numbered headings (or cells left empty) — one per
group level ("一、", "（一）", or a short title numbered "1." / "（1）"), the outer levels left out
where they go on from the row above. That gives the number
of group levels N (the most headings any row carries) whatever the header says, and each heading's
column: a heading takes the group column whose headings are numbered the same way ("一、" outer,
"（一）" inner, as the rows that carry every level show), else the innermost ones (an outer group
cell goes on from above, so it is the one left out).

The table is then laid out like the Word table: N group columns (the header's group column(s), plus
inserted ones titled like the header cell that spans them) and the header's other columns, with
every row's cells in place. Nothing is aligned by guessing; a table that does not read this way
(rows whose tails differ, a line holding several rows, leading cells that are no headings) is left
to the aligner.
"""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.align import Column, FlatCell, order_groups

_HEADING = ("h1", "h2", "bare")
_ARABIC_RE = re.compile(r"^(?:(\d{1,2})\s*[.、．]|[（(]\s*(\d{1,2})\s*[)）])(?!\d)")


def _style(cell: FlatCell) -> str | None:
    """How a group cell is numbered ("h1" 一、, "h2" （一）, "d1" 1., "d2" （1）), None for no heading.
    An arabic-numbered cell is a heading only when it is a short title, not a sentence."""
    if cell.kind in _HEADING:
        return "h2" if cell.kind == "bare" and cell.text.lstrip()[:1] in "（(" else (
            "h1" if cell.kind == "bare" else cell.kind)
    m = _ARABIC_RE.match(cell.text.strip())
    if m and cell.kind == "short":
        return "d1" if m.group(1) else "d2"
    return None


def _is_head(cell: FlatCell) -> bool:
    return not cell.text or _style(cell) is not None


def _split(cells: list[FlatCell]) -> tuple[list[FlatCell], list[FlatCell]]:
    """(leading heading or empty cells, the rest); at least one cell is left to the rest."""
    k = 0
    while k < len(cells) - 1 and _is_head(cells[k]):
        k += 1
    return cells[:k], cells[k:]


def carried_groups(lines: list[list[FlatCell]], cols: list[Column]
                   ) -> tuple[list[Column], list[dict[int, FlatCell]]] | None:
    """The columns and rows of a table with carried-down group cells, or None when it is not one.

    ``lines`` holds each body line's cells as split at the separators (empty ones included)."""
    width = len(cols)
    heads: list[list[FlatCell]] = []
    tails: list[list[FlatCell] | None] = []
    for cells in lines:
        if all(_is_head(c) for c in cells):  # a heading row across the table
            heads.append([c for c in cells if c.text])
            tails.append(None)
            continue
        lead, rest = _split(cells)
        heads.append(lead)
        tails.append(rest)
    # The last line may be cut short (an excerpt, a copy that stopped): its tail is only shorter.
    last = next((k for k in range(len(tails) - 1, -1, -1) if tails[k] is not None), None)
    widths = {len(t) for k, t in enumerate(tails) if t is not None and k != last}
    if len(widths) > 1 or last is None:
        return None
    tail = widths.pop() if widths else len(tails[last])
    if len(tails[last]) > tail:
        return None
    outer = width - tail  # the header's columns before the task text: its group columns
    if outer < 0 or any(c.role != "group" for c in cols[:outer]):
        return None
    levels = max((len(h) for h in heads), default=0)
    # Group cells beside task cells (heading rows across the table alone are the aligner's business).
    named = [c for h, t in zip(heads, tails) if t is not None for c in h if c.text]
    if not named or levels < max(outer, 1):
        return None
    if levels == outer and all(len(h) == levels for h, t in zip(heads, tails) if t is not None):
        return None  # every row complete: nothing is carried, positions are already right
    # A row that carries every level tells which numbering each group column has.
    style: list[set[str]] = [set() for _ in range(levels)]
    for h in heads:
        if len(h) == levels:
            for k, c in enumerate(h):
                if c.text:
                    style[k].add(_style(c))
    rows: list[dict[int, FlatCell]] = []
    for h, t in zip(heads, tails):
        row: dict[int, FlatCell] = {}
        for col, cell in zip(_place(h, style, levels, across=t is None), h):
            if cell.text:
                row[col] = cell
        for k, cell in enumerate(t or []):
            if cell.text:
                row[levels + k] = cell
        if row:
            rows.append(row)
    spanning = cols[outer].header if outer < width else ""
    inserted = [Column({"group": 1.0}, spanning, inserted=True) for _ in range(levels - outer)]
    out = [Column(c.weights, c.header) for c in cols[:outer]] + inserted + cols[outer:]
    order_groups(out)
    return out, rows


def _place(heads: list[FlatCell], style: list[set[str]], levels: int, *, across: bool) -> list[int]:
    """The group column of each leading cell: by its numbering where the columns' numberings tell,
    else the innermost columns (the left-out outer cells go on from above); a heading row across
    the table is the outermost level."""
    k, cols = 0, []
    for n, cell in enumerate(heads):
        left = len(heads) - n - 1  # cells still to place after this one
        fit = next((j for j in range(k, levels - left) if _style(cell) in style[j]), None) if cell.text else None
        if fit is None:
            return list(range(len(heads))) if across else list(range(levels - len(heads), levels))
        cols.append(fit)
        k = fit + 1
    return cols


_TITLE_KINDS = ("short", "h1", "h2")


def split_subgroups(cols: list[Column], rows: list[dict[int, FlatCell]]
                    ) -> tuple[list[Column], list[dict[int, FlatCell]]]:
    """Give the sub-groups a group column holds their own columns.

    A group cell that is two whole titles one under the other ("三大攻坚战信息公开" / "污染防治信息公开",
    a category and its sub-category in one column of a flattened table) is two levels, never one
    title. The deeper titles get group columns of their own; a row with a single title in that
    column has it at the outer level when the row opens a numbered item (a 序号 left of the group),
    else at the inner level (the outer title goes on from the row above, as a merged cell does)."""
    for c in range(len(cols) - 1, -1, -1):
        if cols[c].role != "group":
            continue
        depth = max((len(r[c].parts) for r in rows if c in r and _titles(r[c])), default=0)
        if depth < 2:
            continue
        numbered = [k for k in range(c) if cols[k].role == "number"]
        extra = depth - 1
        cols = cols[:c + 1] + [Column({"group": 1.0}, cols[c].header, inserted=True) for _ in range(extra)] + cols[c + 1:]
        out: list[dict[int, FlatCell]] = []
        for r in rows:
            new = {(k if k < c else k + extra): cell for k, cell in r.items() if k != c}
            cell = r.get(c)
            if cell is not None and _titles(cell):
                for j, part in enumerate(cell.parts):
                    new[c + j] = part
            elif cell is not None:
                opens = any(k in r for k in numbered)
                new[c if opens else c + extra] = cell
            out.append(new)
        rows = out
    order_groups(cols)
    return cols, rows


def _titles(cell: FlatCell) -> bool:
    """A cell joined from whole titles (not a heading's number and its title cut apart, not a sentence)."""
    return len(cell.parts) >= 2 and all(p.kind in _TITLE_KINDS for p in cell.parts)
