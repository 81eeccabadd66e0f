"""The three statistics tables of the annual report as grids of cells with merges.

One layout for every output: the Word and Excel exporters both walk these grids, so the merges
are decided once, exactly as the 2021 form draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.stats import Stats


@dataclass(frozen=True)
class GridCell:
    """One cell of a grid row: ``span`` grid columns wide, ``rowspan`` rows tall.

    ``cont`` marks the placeholder cells below a cell with ``rowspan`` > 1 (Word's vMerge
    continue); ``key`` is the statistics cell key for value cells.
    """

    text: str
    span: int = 1
    rowspan: int = 1
    cont: bool = False
    kind: str = "label"  # label | header | caption | note | value
    key: str | None = None


Row = list[GridCell]


def _value(stats: Stats | None, key: str, span: int = 1) -> GridCell:
    text = ""
    if stats is not None:
        v = stats.get(key)
        text = "" if v is None else v
    return GridCell(text, span=span, kind="value", key=key)


def table2_grid(stats: Stats | None) -> list[Row]:
    """Return table 二: per block a caption row, a header row and its data rows (4 columns)."""
    rows: list[Row] = []
    for block in fmt.T2_BLOCKS:
        rows.append([GridCell(block.caption, span=fmt.T2_GRID_COLUMNS, kind="caption")])
        span = (fmt.T2_GRID_COLUMNS - 1) // len(block.columns)
        rows.append([GridCell(fmt.T2_FIRST_HEADER, kind="header")]
                    + [GridCell(c.label, span=span, kind="header") for c in block.columns])
        for r in block.rows:
            rows.append([GridCell(r.label)]
                        + [_value(stats, f"table2.{r.key}.{c.key}", span) for c in block.columns])
    return rows


def table3_grid(stats: Stats | None) -> list[Row]:
    """Return table 三: 3 header rows under the corner note, then the 25 data rows (10 columns)."""
    cols = fmt.T3_COLUMNS
    org = len(fmt.T3_ORG_KEYS)
    note = fmt.T3_CORNER_NOTE
    rows: list[Row] = [
        [GridCell(note, span=3, rowspan=3, kind="note"),
         GridCell(fmt.T3_COLUMN_GROUP, span=7, kind="header")],
        [GridCell("", span=3, cont=True, kind="note"),
         GridCell(cols[0].label, rowspan=2, kind="header"),
         GridCell(fmt.T3_ORG_GROUP, span=org, kind="header"),
         GridCell(cols[-1].label, rowspan=2, kind="header")],
        [GridCell("", span=3, cont=True, kind="note"), GridCell("", cont=True, kind="header")]
        + [GridCell(c.label, kind="header") for c in cols[1:-1]]
        + [GridCell("", cont=True, kind="header")],
    ]
    g1_count = {g: sum(1 for r in fmt.T3_ROWS if r.group1 == g) for g in {r.group1 for r in fmt.T3_ROWS}}
    g2_count = {g: sum(1 for r in fmt.T3_ROWS if r.group2 == g) for g in {r.group2 for r in fmt.T3_ROWS}}
    prev1 = prev2 = None
    for r in fmt.T3_ROWS:
        cells: Row = []
        if r.group1 is None:
            cells.append(GridCell(r.label, span=3))
        else:
            first1 = r.group1 != prev1
            cells.append(GridCell(r.group1 if first1 else "", rowspan=g1_count[r.group1] if first1 else 1,
                                  cont=not first1))
            if r.group2 is None:
                cells.append(GridCell(r.label, span=2))
            else:
                first2 = r.group2 != prev2
                cells.append(GridCell(r.group2 if first2 else "",
                                      rowspan=g2_count[r.group2] if first2 else 1, cont=not first2))
                cells.append(GridCell(r.label))
        prev1, prev2 = r.group1, r.group2
        cells += [_value(stats, f"table3.{r.key}.{c.key}") for c in cols]
        rows.append(cells)
    return rows


def table4_grid(stats: Stats | None) -> list[Row]:
    """Return table 四: 3 header rows (行政复议 / 行政诉讼 groups) and one value row (15 columns)."""
    n = len(fmt.T4_COLUMNS)
    review, direct, after = fmt.T4_GROUPS
    row1 = [GridCell(fmt.T4_REVIEW, span=n, kind="header"), GridCell(fmt.T4_SUIT, span=2 * n, kind="header")]
    row2 = [GridCell(c.label, rowspan=2, kind="header") for c in fmt.T4_COLUMNS]
    row2 += [GridCell(direct.label, span=n, kind="header"), GridCell(after.label, span=n, kind="header")]
    row3 = [GridCell("", cont=True, kind="header") for _ in fmt.T4_COLUMNS]
    row3 += [GridCell(c.label, kind="header") for _ in (direct, after) for c in fmt.T4_COLUMNS]
    values = [_value(stats, f"table4.{g.key}.{c.key}") for g in fmt.T4_GROUPS for c in fmt.T4_COLUMNS]
    return [row1, row2, row3, values]


GRID_COLUMNS = {"table2": fmt.T2_GRID_COLUMNS, "table3": 10, "table4": 3 * len(fmt.T4_COLUMNS)}


def grid(table: str, stats: Stats | None) -> list[Row]:
    """Return the grid of ``table`` ("table2", "table3", "table4")."""
    return {"table2": table2_grid, "table3": table3_grid, "table4": table4_grid}[table](stats)


def positions(rows: list[Row]) -> list[list[tuple[int, GridCell]]]:
    """Return each row's cells with their starting grid column."""
    out = []
    for row in rows:
        col, placed = 0, []
        for cell in row:
            placed.append((col, cell))
            col += cell.span
        out.append(placed)
    return out
