"""Read a .xlsx workbook into blocks: title rows as paragraphs, the rest as tables.

Every visible worksheet is read in order. Lines are sheet row numbers; with several sheets they
continue from one sheet to the next (sheet 2's row 1 follows sheet 1's last row) and each sheet's
blocks start with a paragraph holding the sheet name. Merged ranges are expanded: every cell of a
range repeats the top-left value and says where it was merged from. ``office_zip.check_office_zip`` guards
both Office readers (.docx and .xlsx) against damaged, encrypted and malicious packages.

Example::

    for block in read_blocks("任务分解.xlsx"):
        print(block)
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import limits
from gongkai_desk.core.imports.parse.blocks import Block, Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.office_zip import OLE_SIGNATURE, check_office_zip  # noqa: F401 (re-exported)

Grid = list[list[Cell]]

# ---------------------------------------------------------------------------- sheets


def cell_text(value: object, number_format: str = "General") -> str:
    """Return a cell value as the clerk reads it: 1.0 → "1", a date → "2022年7月15日"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, _dt.datetime):
        text = f"{value.year}年{value.month}月{value.day}日"
        return text if value.time() == _dt.time() else f"{text} {value.hour}:{value.minute:02d}"
    if isinstance(value, _dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, _dt.time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            return f"{value * 100:.10g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.12g}" if isinstance(value, float) else str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# Columns empty across a whole row region that split it into separate blocks: a value typed far to
# the right (XFD1) is not laid out as part of the table, cell by empty cell.
MAX_COLUMN_GAP = 10

Cells = dict[tuple[int, int], Cell]  # (row, column), 0-based → cell; only cells with a value


def _hidden(ws) -> tuple[set[int], set[int]]:
    """The sheet's hidden rows and columns (0-based), as the clerk's Excel does not show them."""
    rows = {r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden}
    cols: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            cols.update(range(dim.min - 1, min(dim.max, 16384)))  # a sheet has 16384 columns at most
    return rows, cols


def _sheet_cells(ws) -> tuple[Cells, int]:
    """Return the sheet's cells holding text (merged ranges expanded with their flags) and its row count.

    Sparse: a single value at A1048576 or XFD1 costs one entry, not a million empty cells.
    """
    # ws._cells holds only the cells stored in the file; iterating ws.max_row x ws.max_column
    # would create a million empty cells for a sheet formatted down to row 1048576.
    filled = [c for c in getattr(ws, "_cells", {}).values() if c.value is not None]
    cells: Cells = {}
    for cell in filled:
        text = cell_text(cell.value, cell.number_format)
        if text:
            cells[(cell.row - 1, cell.column - 1)] = Cell(text)
    last_row = max((r for r, _ in cells), default=-1)
    last_col = max((c for _, c in cells), default=-1)
    for rng in ws.merged_cells.ranges:
        top = cells.get((rng.min_row - 1, rng.min_col - 1))
        if top is None:
            continue
        # a range formatted far beyond the data (A1:A1048576) adds nothing past the last value
        max_row = min(rng.max_row, max(last_row + 1, rng.min_row))
        max_col = min(rng.max_col, max(last_col + 1, rng.min_col))
        for r in range(rng.min_row, max_row + 1):
            for c in range(rng.min_col, max_col + 1):
                cells[(r - 1, c - 1)] = Cell(top.text, merged_from_above=r > rng.min_row,
                                             merged_from_left=c > rng.min_col)
    rows = max((r for r, _ in cells), default=-1) + 1
    return cells, rows


def _runs(indexes: list[int], gap: int) -> list[list[int]]:
    """Split sorted indexes into runs where neighbours are at most ``gap`` apart."""
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i - runs[-1][-1] <= gap:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _grids(cells: Cells, name: str = "工作簿", hidden: tuple[set[int], set[int]] = (set(), set())
           ) -> list[tuple[int, Grid]]:
    """Dense grids over the filled parts only: (first row, grid) per block of rows and columns.

    Rows split at every empty row; within a run of rows, columns split where more than
    ``MAX_COLUMN_GAP`` columns are empty.
    """
    by_row: dict[int, list[int]] = {}
    for r, c in cells:
        by_row.setdefault(r, []).append(c)
    out: list[tuple[int, Grid]] = []
    laid_out = 0
    for rows in _runs(sorted(by_row), 1):
        columns = sorted({c for r in rows for c in by_row[r]})
        for cols in _runs(columns, MAX_COLUMN_GAP + 1):
            lo, hi = cols[0], cols[-1] + 1
            # Bound the dense grid before building it: a diagonal or a chain of values can span
            # thousands of columns without ever leaving a gap wide enough to split at.
            limits.check_width(name, hi - lo)
            laid_out += (hi - lo) * (rows[-1] - rows[0] + 1)
            limits.check_cells(name, laid_out)
            grid = [[_cell(cells, r, c, hidden) for c in range(lo, hi)] for r in range(rows[0], rows[-1] + 1)]
            out.append((rows[0], grid))
    return out


def _cell(cells: Cells, r: int, c: int, hidden: tuple[set[int], set[int]]) -> Cell:
    cell = cells.get((r, c)) or Cell("")
    if r in hidden[0] or c in hidden[1]:
        return Cell(cell.text, cell.merged_from_above, cell.merged_from_left, hidden=True)
    return cell


def _is_title_row(cells: list[Cell]) -> bool:
    """A title row holds one value: a single filled cell, or one cell merged across the width."""
    return sum(1 for c in cells if c.text and not c.merged_from_left) == 1 and not any(c.hidden for c in cells)


def _regions(grid: Grid) -> list[list[int]]:
    """Split row indexes into runs of non-empty rows separated by empty rows."""
    regions: list[list[int]] = []
    current: list[int] = []
    for i, cells in enumerate(grid):
        if any(c.text for c in cells):
            current.append(i)
        elif current:
            regions.append(current)
            current = []
    if current:
        regions.append(current)
    return regions


def _sheet_blocks(cells: Cells, offset: int, name: str = "工作簿",
                  hidden: tuple[set[int], set[int]] = (set(), set())) -> list[Block]:
    """Turn one sheet's cells into paragraphs (leading title rows) and one table per region."""
    blocks: list[Block] = []
    for first, grid in _grids(cells, name, hidden):
        for region in _regions(grid):
            used = [j for j in range(len(grid[0])) if any(grid[i][j].text for i in region)]
            lo, hi = used[0], used[-1] + 1
            rows = list(region)
            while rows and _is_title_row(grid[rows[0]][lo:hi]):
                i = rows.pop(0)
                text = next(c.text for c in grid[i][lo:hi] if c.text)
                blocks.append(Paragraph(text=text, line=offset + first + i + 1))
            if rows:
                table = Table(line=offset + first + rows[0] + 1)
                for i in rows:
                    table.rows.append(Row(cells=[Cell(c.text, c.merged_from_above, c.merged_from_left, hidden=c.hidden)
                                                 for c in grid[i][lo:hi]], line=offset + first + i + 1))
                blocks.append(table)
    return blocks


def _load(path: Path):
    import openpyxl  # imported lazily: openpyxl costs ~180 ms at start-up

    import warnings

    try:
        # read_only=False: merged ranges are only available on normal worksheets.
        with warnings.catch_warnings():
            # Drop-downs and conditional formats that WPS/Excel write as extensions: openpyxl
            # warns it cannot keep them, which is irrelevant when only reading the text.
            warnings.filterwarnings("ignore", message=".*extension is not supported.*", category=UserWarning)
            return openpyxl.load_workbook(str(path), read_only=False, data_only=True)
    except Exception:  # noqa: BLE001 - any loader failure means the workbook is damaged
        raise ImportFormatError(f"文件“{path.name}”的内容已损坏或不是 Excel 工作簿，无法读取。") from None


def read_blocks(path: str | Path) -> list[Block]:
    """Read a .xlsx workbook into paragraphs and tables; raise ImportFormatError when unsafe."""
    path = Path(path)
    check_office_zip(path, kind="Excel 工作簿", main_part="xl/workbook.xml")
    wb = _load(path)
    try:
        sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
        sheet_cells = [(ws.title, *_sheet_cells(ws), _hidden(ws)) for ws in sheets]
    except Exception:  # noqa: BLE001
        raise ImportFormatError(f"文件“{path.name}”的工作表已损坏，无法读取。") from None
    finally:
        wb.close()
    filled = [(title, cells, rows, hidden) for title, cells, rows, hidden in sheet_cells if cells]
    blocks: list[Block] = []
    offset = 0
    for title, cells, rows, hidden in filled:
        sheet_blocks = _sheet_blocks(cells, offset, path.name, hidden)
        if len(filled) > 1 and sheet_blocks:
            first_line = sheet_blocks[0].line
            blocks.append(Paragraph(text=title, line=first_line))
        blocks.extend(sheet_blocks)
        offset += rows
    return blocks
