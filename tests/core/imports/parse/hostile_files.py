"""Small files that claim huge sizes, built from a real document by rewriting its XML parts.

Each builder writes one file into a folder and returns its path. They are the cases the fault and
fuzz campaigns of issue 15 found (a few KB each, gigabytes and minutes before the bounds).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.conftest import DATA

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_TC = '<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>'


def rewrite(source: Path, target: Path, parts: dict[str, str | bytes], drop: tuple[str, ...] = ()) -> Path:
    """Copy the package ``source`` to ``target`` with some members replaced or added."""
    parts = dict(parts)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, parts.pop(info.filename) if info.filename in parts else zin.read(info))
        for name, data in parts.items():
            zout.writestr(name, data)
    return target


def document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>'


def docx_with_body(folder: Path, name: str, body: str) -> Path:
    return rewrite(DATA / "seed004.docx", folder / name, {"word/document.xml": document(body)})


def cell(text: str = "推进决策公开", span: int | None = None) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return _TC.format(props=props, text=text)


def docx_grid_span(folder: Path) -> Path:
    return docx_with_body(folder, "gridSpan.docx", f"<w:tbl><w:tr>{cell(span=10**9)}</w:tr></w:tbl>")


def docx_grid_before(folder: Path) -> Path:
    row = f'<w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr>{cell()}</w:tr>'
    return docx_with_body(folder, "gridBefore.docx", f"<w:tbl>{row * 3}</w:tbl>")


def docx_nested_tables(folder: Path, depth: int = 200) -> Path:
    body = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth
    return docx_with_body(folder, "nested.docx", body)


def docx_list_starting_at(folder: Path, start: int = 2_000_000_000) -> Path:
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="90">'
                 f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="lowerLetter"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num></w:numbering>')
    para = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr>'
            '<w:r><w:t>推进决策公开。（牵头单位：区政府办）</w:t></w:r></w:p>')
    with zipfile.ZipFile(DATA / "seed004.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    if "numbering.xml" not in rels:
        rels = rels.replace("</Relationships>", '<Relationship Id="rIdNum90" Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
    if "numbering+xml" not in types:
        types = types.replace("</Types>", '<Override PartName="/word/numbering.xml" ContentType="application/'
                              'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
    return rewrite(DATA / "seed004.docx", folder / "numbering.docx", {
        "word/document.xml": document(para * 50), "word/numbering.xml": numbering,
        "word/_rels/document.xml.rels": rels, "[Content_Types].xml": types})


def docx_damaged_deflate(folder: Path) -> Path:
    """A package whose document.xml deflate stream is damaged in the middle (CRC and sizes intact)."""
    target = folder / "deflate.docx"
    data = bytearray((DATA / "seed004.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 40, start + 80):
        data[k] = 0xFF
    target.write_bytes(bytes(data))
    return target


def docx_unknown_encoding(folder: Path) -> Path:
    xml = document("<w:p><w:r><w:t>x</w:t></w:r></w:p>").replace('encoding="UTF-8"', 'encoding="x-no-such-codec"')
    return rewrite(DATA / "seed004.docx", folder / "encoding.docx", {"word/document.xml": xml})


def docx_doctype_in_part_not_named_xml(folder: Path) -> Path:
    """The main document moved to word/main.bin (rels and content types follow it) with a DTD inside."""
    with zipfile.ZipFile(DATA / "seed004.docx") as z:
        rels = z.read("_rels/.rels").decode().replace("word/document.xml", "word/main.bin")
        types = z.read("[Content_Types].xml").decode().replace("/word/document.xml", "/word/main.bin")
    xml = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'
           + document("<w:p><w:r><w:t>&a;</w:t></w:r></w:p>").split("?>", 1)[1])
    return rewrite(DATA / "seed004.docx", folder / "doctype.docx",
                   {"word/main.bin": xml, "_rels/.rels": rels, "[Content_Types].xml": types},
                   drop=("word/document.xml",))


def xlsx_with_sheet_xml(folder: Path, name: str, edit) -> Path:
    source = DATA / "seed003.xlsx"
    with zipfile.ZipFile(source) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    return rewrite(source, folder / name, {"xl/worksheets/sheet1.xml": edit(sheet)})


def xlsx_merged_whole_sheet(folder: Path) -> Path:
    def edit(sheet: str) -> str:
        if '<mergeCell ref="' in sheet:  # the sheet has merges already: add one more in front
            return sheet.replace('<mergeCell ref="', '<mergeCell ref="A1:XFD1048576"/><mergeCell ref="', 1)
        return sheet.replace("</sheetData>",
                             '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    return xlsx_with_sheet_xml(folder, "merged.xlsx", edit)


def xlsx_layout(folder: Path, name: str, cells: list[tuple[int, int]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row, col in cells:
        ws.cell(row=row, column=col, value="政务公开")
    path = folder / name
    wb.save(path)
    return path


def xlsx_diagonal(folder: Path) -> Path:
    return xlsx_layout(folder, "diagonal.xlsx", [(i, i) for i in range(1, 3000)])


def xlsx_diagonal_with_gaps(folder: Path) -> Path:
    return xlsx_layout(folder, "gaps.xlsx", [(i, 12 * i) for i in range(1, 1300)])


def xlsx_chained(folder: Path) -> Path:
    cells = [(1 + i % 2, i) for i in range(1, 3000)] + [(r, 1) for r in range(3, 1500)]
    return xlsx_layout(folder, "chained.xlsx", cells)


def html_spans(folder: Path) -> Path:
    path = folder / "spans.html"
    path.write_text("<table><tr>" + "<td colspan=1000 rowspan=1000>x</td>" * 50 + "</tr>"
                    + "<tr><td>y</td></tr>" * 999 + "</table>", encoding="utf-8")
    return path


def html_nested_tables(folder: Path, depth: int = 20000) -> Path:
    path = folder / "nested.html"
    path.write_text("<table><tr><td>" * depth + "x" + "</td></tr></table>" * depth, encoding="utf-8")
    return path


OFFICE_AND_HTML = [docx_grid_span, docx_grid_before, docx_nested_tables, docx_list_starting_at, docx_damaged_deflate,
                   docx_unknown_encoding, docx_doctype_in_part_not_named_xml, xlsx_merged_whole_sheet, xlsx_diagonal,
                   xlsx_diagonal_with_gaps, xlsx_chained, html_spans, html_nested_tables]
