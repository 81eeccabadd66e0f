"""What every exported text goes through before a writer lays it out: no control characters,
and no cell longer than the program that opens the file can bear.

* Control characters (\\x01, \\x07 — Word's end-of-cell mark arrives by copy and paste — …) are
  not allowed in XML: python-docx refuses them (``ValueError``) and openpyxl writes a file Excel
  repairs. They are dropped; Unicode line and paragraph separators become line breaks.
* Excel's limit is 32,767 characters a cell; LibreOffice needs minutes to lay out a Word table
  cell of 100,000 characters. A longer text is shortened with a note saying so, in the cell
  itself, never silently (``bound``); the full text stays in the database.

Writers are handed a document already cleaned here (``review_document``, ``annual_report``), so
the layout code stays as it is.
"""

from __future__ import annotations

import dataclasses
import re

XLSX_CELL_MAX = 32_767  # Excel's hard limit per cell
# A Word table cell this long still opens in a few seconds in LibreOffice and Word (100,000
# characters took LibreOffice over 150 s); about twelve printed pages of one cell.
DOCX_CELL_MAX = 12_000
TEXT_MAX = 200_000  # a paragraph of prose (annual-report sections)

_BREAKS = re.compile("[\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
NOTE = "……【此格原文共{total}字，超出{what}单元格的容量，这里只导出了前{kept}字；全文请在政务公开工作台中查看。】"


def clean(text: str | None) -> str:
    """``text`` without characters XML forbids; Word's line/page breaks become line breaks."""
    if not text:
        return text or ""
    if _BREAKS.search(text):
        text = _BREAKS.sub("\n", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def bound(text: str | None, limit: int, what: str = "") -> str:
    """``clean(text)``, shortened to at most ``limit`` characters with a visible note when longer."""
    text = clean(text)
    if len(text) <= limit:
        return text
    note = NOTE.format(total=len(text), what=what, kept="{kept}")
    kept = limit - len(note.format(kept=limit))
    return text[:kept] + note.format(kept=kept)


def cell_limit(suffix: str) -> tuple[int, str]:
    """(characters a cell may hold, the program's name for the note) for an export's suffix."""
    if suffix.lower() == ".xlsx":
        return XLSX_CELL_MAX, "Excel "
    return DOCX_CELL_MAX, "表格"


def review_document(doc, suffix: str):
    """A copy of a ReviewDocument with every text cleaned and every cell bounded for ``suffix``."""
    limit, what = cell_limit(suffix)

    def cells(row):
        return dataclasses.replace(row, cells={k: bound(v, limit, what) for k, v in row.cells.items()})

    tables = []
    for t in doc.tables:
        sections = [dataclasses.replace(s, title=bound(s.title, limit, what), rows=[cells(r) for r in s.rows])
                    for s in t.sections]
        tables.append(dataclasses.replace(
            t, title=bound(t.title, limit, what), subtitle=None if t.subtitle is None else bound(t.subtitle, limit, what),
            headers=tuple(clean(h) for h in t.headers), sections=sections,
            unit=None if t.unit is None else clean(t.unit)))
    return dataclasses.replace(doc, tables=tables)


def annual_report(report):
    """A copy of an AnnualReport with its office and section texts cleaned (and bounded)."""
    return dataclasses.replace(
        report, issuer=clean(report.issuer), report_date=clean(report.report_date),
        texts={k: bound(v, TEXT_MAX, "") for k, v in report.texts.items()})


def xlsx_value(value):
    """A value for an Excel cell: text cleaned and bounded (numbers as they are)."""
    return bound(value, XLSX_CELL_MAX, "Excel ") if isinstance(value, str) else value


FORMULA_START = ("=", "+", "-", "@")


def guard_text_cell(cell) -> None:
    """Keep an openpyxl cell's text as text: never a formula, and with Excel's leading ' (quotePrefix)
    when it starts like one (= + - @), so re-editing the cell in Excel or WPS keeps the clerk's words."""
    value = cell.value
    if isinstance(value, str):
        if cell.data_type == "f":
            cell.data_type = "s"
        if value.startswith(FORMULA_START) and not cell.quotePrefix:
            cell.quotePrefix = True
