"""The annual report's three tables as an Excel workbook: one sheet each, laid out as the form.

Also used by the statistics template (``stats_workbook``), which writes the same grids with
value cells left open for sub-units to fill.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.stats import Stats
from gongkai_desk.core.annual.grid import GRID_COLUMNS, GridCell, grid, positions
from gongkai_desk.core.exporters.properties import DocumentProperties, report_properties, save_xlsx

if TYPE_CHECKING:
    from gongkai_desk.core.reports.annual import AnnualReport

SHEET_NAMES = {"table2": "二、主动公开", "table3": "三、依申请公开", "table4": "四、复议诉讼"}
TITLES = {s.kind: s.label for s in fmt.SECTIONS if s.kind != "text"}
HEADER_ROWS = {"table2": 0, "table3": 3, "table4": 3}
COLUMN_WIDTHS = {
    "table2": [20, 17, 17, 17],
    "table3": [5, 9, 30] + [8] * 7,
    "table4": [7.5] * 15,
}
FONT_NAME = "仿宋_GB2312"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TITLE_ROW = 1  # the sheet title; the grid starts on row 3
FIRST_GRID_ROW = 3


def cell_value(key: str, text: str) -> object:
    """Return a stored value as a number for Excel (text when it is not a valid number)."""
    if text == "":
        return None
    try:
        return float(text) if fmt.is_decimal(key) else int(text)
    except ValueError:
        return text


def write_sheet(ws: Worksheet, table: str, stats: Stats | None, *,
                on_value: Callable[[object, GridCell], None] | None = None) -> dict[str, str]:
    """Lay out one table on ``ws``; return cell key → Excel coordinate of its value cell."""
    rows = grid(table, stats)
    ncols = GRID_COLUMNS[table]
    for i, w in enumerate(COLUMN_WIDTHS[table], 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=ncols)
    title = ws.cell(TITLE_ROW, 1, TITLES[table])
    title.font = Font(name="黑体", size=14)
    title.alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[TITLE_ROW].height = 24
    coords: dict[str, str] = {}
    for r, placed in enumerate(positions(rows), FIRST_GRID_ROW):
        lines = 1
        for col0, cell in placed:
            col = col0 + 1
            if cell.cont:
                continue
            xl = ws.cell(r, col)
            if cell.kind == "value":
                xl.value = cell_value(cell.key or "", cell.text)
                if cell.key and fmt.is_decimal(cell.key):
                    xl.number_format = "0.00"
                coords[cell.key or ""] = xl.coordinate
                if on_value:
                    on_value(xl, cell)
            else:
                xl.value = cell.text
            bold = cell.kind in ("caption",)
            xl.font = Font(name=FONT_NAME, size=10, bold=bold)
            horiz = "left" if cell.kind in ("label", "note") else "center"
            xl.alignment = Alignment(horizontal=horiz, vertical="center", wrap_text=True)
            if cell.span > 1 or cell.rowspan > 1:
                ws.merge_cells(start_row=r, start_column=col, end_row=r + cell.rowspan - 1,
                               end_column=col + cell.span - 1)
            if cell.rowspan == 1 and cell.kind != "value":
                width = sum(COLUMN_WIDTHS[table][col0:col0 + cell.span])
                lines = max(lines, math.ceil(len(cell.text) * 2.1 / max(width, 1)))
        ws.row_dimensions[r].height = max(18, 14 * lines + 4)
    last_row = FIRST_GRID_ROW + len(rows) - 1
    for row in ws.iter_rows(min_row=FIRST_GRID_ROW, max_row=last_row, min_col=1, max_col=ncols):
        for c in row:
            c.border = BORDER  # merged areas need the border on every covered cell
    _print_setup(ws, table, last_row, ncols)
    return coords


def _print_setup(ws: Worksheet, table: str, last_row: int, ncols: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table == "table4" else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_area = f"A1:{get_column_letter(ncols)}{last_row}"
    header = HEADER_ROWS[table]
    if header:
        ws.print_title_rows = f"{FIRST_GRID_ROW}:{FIRST_GRID_ROW + header - 1}"
        ws.freeze_panes = ws.cell(FIRST_GRID_ROW + header, 1)


def write_xlsx(report: "AnnualReport", path: Path, properties: "DocumentProperties | None" = None) -> Path:
    """Write the report's three tables to ``path`` (.xlsx), one sheet each."""
    wb = Workbook()
    wb.remove(wb.active)
    for table in ("table2", "table3", "table4"):
        ws = wb.create_sheet(SHEET_NAMES[table])
        write_sheet(ws, table, report.stats)
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return save_xlsx(wb, path, properties or report_properties(report))
