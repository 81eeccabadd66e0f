"""How a review sheet prints: landscape A4 one page wide, header repeated, each sheet numbered from 1.

With sections as merged rows, a section row must not be the last line of a printed page: the
pages are laid out here from the rows' heights at the scale "one page wide" will print at, and
every page gets a manual row break, a section row always starting the page it leads. Fitting
to one page wide with no page height set keeps manual row breaks (Excel, WPS, LibreOffice).
"""

from __future__ import annotations

import math
from typing import Sequence

from gongkai_desk.core.exporters.xlsx.page import a4_page

FOOTER = "第 &P 页 共 &N 页"
# A workbook of per-unit sheets: "共 &N 页" would count every unit's pages when the whole
# workbook prints (LibreOffice does), so each ledger's footer names its page only.
LEDGER_FOOTER = "第 &P 页"
PAGE_PT = (842.0, 595.0)  # A4 landscape
MARGINS_IN = {"left": 0.6, "right": 0.6, "top": 0.7, "bottom": 0.8, "header": 0.3, "footer": 0.4}
SAFETY = 0.96  # room for Excel/WPS measuring rows a little taller than estimated


def column_points(width_units: float) -> float:
    """Printed width of a column ``width_units`` wide (Excel: 7 px per unit + 5 px at 96 dpi)."""
    return (math.floor(width_units * 7 + 0.5) + 5) * 0.75


def print_scale(widths: Sequence[float]) -> int:
    """The percentage that makes the columns one page wide (at most 100)."""
    printable = PAGE_PT[0] - 72 * (MARGINS_IN["left"] + MARGINS_IN["right"])
    total = sum(column_points(w) for w in widths) or 1.0
    return max(10, min(100, math.floor(100 * printable / total * 0.99)))


def section_breaks(heights: dict[int, float], widths: Sequence[float], header_row: int, last_row: int,
                   section_rows: Sequence[int]) -> tuple[int, list[int]]:
    """Return (scale %, rows after which a page ends), keeping section rows with the next row."""
    scale = print_scale(widths)
    page = (PAGE_PT[1] - 72 * (MARGINS_IN["top"] + MARGINS_IN["bottom"])) * 100 / scale * SAFETY
    sections = set(section_rows)
    head = heights.get(header_row, 15.0)
    used = sum(heights.get(r, 15.0) for r in range(1, header_row + 1))
    start = header_row + 1
    breaks: list[int] = []
    for r in range(header_row + 1, last_row + 1):
        h = heights.get(r, 15.0)
        if used + h > page and r > start:
            b = r
            while b - 1 in sections and b - 1 > start:
                b -= 1  # the section row(s) above go with their first task
            breaks.append(b - 1)
            used = head + sum(heights.get(x, 15.0) for x in range(b, r))
            start = b
        used += h
    return scale, breaks


def page_setup(ws, header_row: int, last_row: int, last_col: str,
               layout: tuple[int, list[int]] | None = None, *, ledger: bool = False) -> None:
    """Landscape A4, one page wide, header rows repeated, margins, footer numbered from 1.

    ``layout``: (scale, breaks) from ``section_breaks``: its row breaks are set; without it
    the program printing places them.
    """
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.pagebreak import Break

    ws.freeze_panes = f"A{header_row + 1}"
    a4_page(ws, f"A1:{last_col}{max(last_row, header_row)}", orientation="landscape",
            title_rows=f"{header_row}:{header_row}")
    if layout is not None:
        for row in layout[1]:
            ws.row_breaks.append(Break(id=row))
    # Each sheet (each unit's ledger) is numbered from 1, also when the whole workbook prints.
    ws.page_setup.firstPageNumber = 1
    ws.page_setup.useFirstPageNumber = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(**MARGINS_IN)
    footer = LEDGER_FOOTER if ledger else FOOTER
    ws.oddFooter.center.text = footer
    ws.oddFooter.center.size = 10
    ws.evenFooter.center.text = footer
