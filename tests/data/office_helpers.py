"""Word and Excel building helpers for make_fixtures.py (layout of published government tables)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment, Border, Font, Side


def new_document() -> docx.Document:
    """Return an A4 document laid out as GB/T 9704 asks: 仿宋_GB2312 三号 body, official margins."""
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    doc.core_properties.author = "政务公开办"
    return doc


def add_para(doc, text: str, *, font: str | None = None, size: float | None = None, bold: bool = False,
             align: str | None = None, indent: bool = False):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if font:
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    return p


def landscape_section(doc) -> None:
    sec = doc.add_section()
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.top_margin = sec.bottom_margin = sec.left_margin = sec.right_margin = Mm(20)


def new_table(doc, header: list[str], widths_mm: list[float]):
    """Add a bordered table whose first row repeats on every page (w:tblHeader)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        set_cell(cell, text, bold=True, font="黑体")
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    table.autofit = False
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)  # w:gridCol, which LibreOffice and WPS lay out by
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    return table


def set_cell(cell, text: str | list[str], *, bold: bool = False, font: str = "仿宋_GB2312",
             numbering: tuple[int, int] | None = None) -> None:
    """Write ``text`` (one paragraph per list item) in 小四; optionally as an auto-numbered item."""
    parts = [text] if isinstance(text, str) else text
    cell.paragraphs[0].text = ""
    for i, part in enumerate(parts):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = p.add_run(part)
        run.font.size, run.bold = Pt(12), bold or None
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if numbering:
            num_id, ilvl = numbering
            p._p.get_or_add_pPr().insert(0, parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_list(doc, list_id: int, lvl_text: str) -> int:
    """Define a one-level chineseCounting list ("%1、" or "（%1）") and return its numId.

    目标 and 任务 numbers are two separate lists, so （五） follows （四） across 二、 in Word,
    WPS and LibreOffice alike (LibreOffice ignores w:lvlRestart 0 in a two-level list).
    """
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{list_id}"><w:abstractNumId w:val="{list_id}"/></w:num>'))
    return list_id


def merge_down(table, first: int, last: int, col: int, last_col: int | None = None) -> None:
    if last > first or (last_col is not None and last_col > col):
        table.cell(first, col).merge(table.cell(last, col if last_col is None else last_col))


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def style_table(ws, first_row: int, last_row: int, widths: list[float]) -> None:
    """Give a sheet's table borders, wrapping, column widths and print settings."""
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=len(widths)):
        for cell in row:
            cell.border, cell.alignment = BOX, WRAP
            cell.font = Font(name="仿宋", size=11, bold=cell.row == first_row)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    for r in range(first_row + 1, last_row + 1):  # Excel does not grow wrapped rows by itself
        cells = [c for c in ws[r][: len(widths)] if c.value is not None]
        span = sum(widths) if len(cells) == 1 else None  # a category row merged across the table
        lines = max(-(-len(str(c.value)) * 2 // max(int(span or widths[c.column - 1]) - 2, 1)) for c in cells)
        ws.row_dimensions[r].height = max(1, lines) * 14.5 + 4
    ws.freeze_panes = ws.cell(first_row + 1, 1)
    ws.print_title_rows = f"{first_row}:{first_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def title_row(ws, row: int, text: str, width: int, size: int = 16) -> None:
    ws.cell(row, 1, text).font = Font(name="方正小标宋简体", size=size)
    ws.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 32


FIXED_TIME = (2024, 1, 1, 0, 0, 0)
STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def save(document, path: Path) -> None:
    """Save a python-docx/openpyxl document with fixed timestamps, so rebuilding changes nothing."""
    if isinstance(document, openpyxl.Workbook):
        document.properties.creator = "政务公开办"
    document.save(path)
    with zipfile.ZipFile(path) as zin:
        members = [(info.filename, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            if name == "docProps/core.xml":
                data = STAMP.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            zout.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
