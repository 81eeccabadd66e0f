"""How every workbook the program writes prints: A4, one page wide (or one page), its print area."""

from __future__ import annotations


def a4_page(ws, area: str, *, orientation: str | None = None, title_rows: str | None = None,
            one_page: bool = False) -> None:
    """A4, scaled to one page wide (``one_page``: to a single page), printing ``area`` ("A1:H40"),
    ``title_rows`` ("3:3") repeated on every page; ``orientation`` "landscape"/"portrait", or the
    printer's default when None."""
    ws.print_area = area
    if title_rows:
        ws.print_title_rows = title_rows
    if orientation:
        ws.page_setup.orientation = orientation
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
