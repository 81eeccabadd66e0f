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
from gongkai_desk.core.exporters import limits
from gongkai_desk.core.annual.grid import GRID_COLUMNS, GridCell, grid, positions
from gongkai_desk.core.exporters.docx.annual_layout import title_lines
from gongkai_desk.core.exporters.properties import DocumentProperties, report_properties, save_xlsx
from gongkai_desk.core.exporters.xlsx.page import a4_page

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
        if fmt.is_decimal(key):
            return int(text) if "." not in text else float(text)
        return int(text)
    except ValueError:
        return limits.xlsx_value(text)


def amount_format(text: str) -> str:
    """Return the Excel number format that shows an amount with the decimals it was written with."""
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return "0." + "0" * decimals if decimals else "0"


def write_sheet(ws: Worksheet, table: str, stats: Stats | None, *,
                on_value: Callable[[object, GridCell], None] | None = None,
                heading: str | None = None,
                report_title: Callable[[float], list[str]] | None = None) -> dict[str, str]:
    """Lay out one table on ``ws``; return cell key → Excel coordinate of its value cell.

    ``heading`` (the report's title: office and year) goes on row 1 above the table's own title
    on row 2; without it (the statistics template) the table's title is on row 1.
    ``report_title(max_em)`` returns the heading's lines for a width (in characters).
    """
    rows = grid(table, stats)
    ncols = GRID_COLUMNS[table]
    for i, w in enumerate(COLUMN_WIDTHS[table], 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    titles = [(TITLE_ROW, TITLES[table])] if heading is None else [
        (TITLE_ROW, heading), (TITLE_ROW + 1, TITLES[table])]
    for i, (r, text) in enumerate(titles):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        title = ws.cell(r, 1, text)
        main = heading is not None and i == 0
        title.font = Font(name="方正小标宋简体" if main else "黑体", size=16 if main else 14)
        title.alignment = Alignment(horizontal="center" if main else "left", vertical="center",
                                    wrap_text=True)
        if main and report_title is not None:
            # A 16 pt Chinese character is about three column-width units wide; a title too long
            # for the sheet breaks between words, the office on its own line, as in the Word file.
            text = "\n".join(report_title(sum(COLUMN_WIDTHS[table]) / 3 - 0.5))
            title.value = text
        lines = text.count("\n") + 1 if main else 1
        ws.row_dimensions[r].height = (24 * lines + 6) if main else 24
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
                if cell.key and fmt.is_decimal(cell.key) and cell.text:
                    xl.number_format = amount_format(cell.text)
                coords[cell.key or ""] = xl.coordinate
                if on_value:
                    on_value(xl, cell)
            else:
                xl.value = limits.xlsx_value(cell.text)
            limits.guard_text_cell(xl)  # text that starts with "=" stays text, never a formula
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
    a4_page(ws, f"A1:{get_column_letter(ncols)}{last_row}",
            orientation="landscape" if table == "table4" else "portrait")
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    header = HEADER_ROWS[table]
    if header:
        ws.print_title_rows = f"{FIRST_GRID_ROW}:{FIRST_GRID_ROW + header - 1}"
        ws.freeze_panes = ws.cell(FIRST_GRID_ROW + header, 1)


def _header_text(text: str) -> str:
    return text.replace("&", "&&")  # & starts a code in Excel's header language


def write_xlsx(report: "AnnualReport", path: Path, properties: "DocumentProperties | None" = None) -> Path:
    """Write the report's three tables to ``path`` (.xlsx), one sheet each.

    Every sheet names the office and the year in a title row and in its print header; a draft
    says 草稿 in the title and the header of every page.
    """
    wb = Workbook()
    wb.remove(wb.active)
    heading = report.title + ("（草稿）" if report.draft else "")
    for table in ("table2", "table3", "table4"):
        ws = wb.create_sheet(SHEET_NAMES[table])
        write_sheet(ws, table, report.stats, heading=heading, report_title=lambda em: title_lines(
            report.issuer, report.title_tail + ("（草稿）" if report.draft else ""), em))
        ws.oddHeader.center.text = _header_text(report.title)
        ws.oddHeader.center.size = 10
        if report.draft:
            ws.oddHeader.right.text = "草稿"
            ws.oddHeader.right.size = 14
            ws.oddHeader.right.font = "黑体,Bold"
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        header = HEADER_ROWS[table]
        first = FIRST_GRID_ROW
        # The office and year title repeats on every printed page, with the table's header rows.
        ws.print_title_rows = f"{TITLE_ROW}:{first + header - 1}" if header else f"{TITLE_ROW}:{TITLE_ROW + 1}"
    return save_xlsx(wb, path, properties or report_properties(report))
