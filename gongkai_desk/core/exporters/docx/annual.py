"""The annual report as a GB/T 9704 Word document: sections 一–六, the three tables, signature.

Page, fonts and page numbers come from ``gbt9704``; the tables are walked from
``annual.grid`` grids, with vertical merges added to the builder's rows as w:vMerge. The title's
line breaks and the signature's place come from ``annual_layout``. A draft carries 草稿 in the
header of every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.exporters.docx import gbt9704 as g
from gongkai_desk.core.exporters.properties import DocumentProperties, apply_docx, report_properties
from gongkai_desk.core.annual.grid import GRID_COLUMNS, Row, grid
from gongkai_desk.core.exporters.docx.annual_layout import signature_indents, title_lines

if TYPE_CHECKING:
    from gongkai_desk.core.reports.annual import AnnualReport

TABLE_FONT = g.FANGSONG
# 五号 fits table 二's four columns; table 三 and 四 need 小五 to stay on a portrait page.
TABLE_SIZE = {"table2": g.SIZE_PT["五号"], "table3": g.SIZE_PT["小五"], "table4": g.SIZE_PT["小五"]}
_HEADING2 = re.compile(r"^（[一二三四五六七八九十]+）")
DRAFT_HEADER = "草稿　仅供审阅，不得公开发布"


def _widths(table: str, total_cm: float) -> list[float]:
    if table == "table2":
        return g.proportional_widths([1.3, 1, 1, 1], total_cm)
    if table == "table3":
        labels = [0.9, 1.3, 4.2]
        rest = (total_cm - sum(labels)) / 7
        return labels + [rest] * 7
    return [total_cm / 15] * 15


def _styles(table: str) -> dict[str, g.CellStyle]:
    size = TABLE_SIZE[table]
    return {
        "caption": g.CellStyle(east_asia=g.HEITI, size_pt=size, align="center"),
        "header": g.CellStyle(east_asia=TABLE_FONT, size_pt=size, align="center"),
        "note": g.CellStyle(east_asia=TABLE_FONT, size_pt=size, align="left"),
        "label": g.CellStyle(east_asia=TABLE_FONT, size_pt=size, align="left"),
        "value": g.CellStyle(east_asia=TABLE_FONT, size_pt=size, align="center"),
    }


def add_stats_table(document, table: str, rows: list[Row]):
    """Append one statistics table (merges as the form draws them) and return it."""
    section = document.sections[-1]
    widths = _widths(table, g.text_width_cm(section) - 0.1)
    styles = _styles(table)
    tb = g.TableBuilder(document, widths, cell_margin_cm=(0.03, 0.08))
    header_rows = {"table2": 0, "table3": 3, "table4": 3}[table]
    for i, row in enumerate(rows):
        tb.add_row(
            [c.text for c in row],
            [styles[c.kind] for c in row],
            spans=[c.span for c in row],
            header=i < header_rows,
            min_height_cm=0.62,
        )
    docx_table = tb.finish()
    _add_vertical_merges(docx_table._tbl, rows)
    _keep_together(docx_table._tbl)
    return docx_table


def _keep_together(tbl) -> None:
    """Keep each table on one page with its heading (these tables fit on a page)."""
    for tr in tbl.findall(qn("w:tr"))[:-1]:
        for ppr in tr.iter(qn("w:pPr")):
            ppr.insert(0, parse_xml(f'<w:keepNext {nsdecls("w")}/>'))


def _add_vertical_merges(tbl, rows: list[Row]) -> None:
    """Mark cells spanning several rows with w:vMerge (restart on top, continue below)."""
    for tr, row in zip(tbl.findall(qn("w:tr")), rows):
        for tc, cell in zip(tr.findall(qn("w:tc")), row):
            if cell.rowspan <= 1 and not cell.cont:
                continue
            tcpr = tc.find(qn("w:tcPr"))
            vm = parse_xml(f'<w:vMerge {nsdecls("w")} w:val="restart"/>') if not cell.cont else \
                parse_xml(f'<w:vMerge {nsdecls("w")}/>')
            # Schema order: tcW, gridSpan, (hMerge), vMerge, … vAlign.
            anchor = tcpr.find(qn("w:gridSpan"))
            if anchor is None:
                anchor = tcpr.find(qn("w:tcW"))
            anchor.addnext(vm)


def _add_text(document, text: str) -> None:
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if _HEADING2.match(line) and len(line) <= 30 and "。" not in line:
            g.add_heading(document, line, 2).paragraph_format.keep_with_next = True
        else:
            g.add_body_paragraph(document, line)


def _no_auto_space(paragraph) -> None:
    """Switch off the extra space Word and LibreOffice put between Chinese and digits, so the
    line is exactly as wide as its characters (what the title breaks and the signature measure)."""
    ppr = paragraph._p.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = parse_xml(f'<{tag} {nsdecls("w")} w:val="0"/>')
        # Schema order: … spacing, ind, … jc: autoSpace* come before w:ind and w:jc.
        anchor = next((c for c in ppr if c.tag in (qn("w:spacing"), qn("w:ind"), qn("w:jc"),
                                                   qn("w:outlineLvl"))), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            ppr.append(el)


def _add_title(document, report: "AnnualReport") -> None:
    """The title in lines broken between words, in a trapezoid or diamond (7.3.1)."""
    section = document.sections[-1]
    size = g.SIZE_PT["二号"]
    max_em = g.text_width_cm(section) / 2.54 * 72 / size - 0.2  # a little slack for rounding
    lines = title_lines(report.issuer, report.title_tail, max_em)
    p = g.add_title(document, lines[0], size_pt=size)
    run = p.runs[0]
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)
    p.paragraph_format.keep_with_next = True
    _no_auto_space(p)


def _add_signature(document, issuer: str, date: str) -> None:
    """The office centred on the date below it; the date two characters in from the right."""
    char = g.SIZE_PT["三号"]
    indents = signature_indents(issuer, date)
    # The signature never stands alone on a page: it stays with the last body paragraph.
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.keep_with_next = True
    for text, indent in ((issuer, indents.office_indent), (date, indents.date_indent)):
        if not text:
            continue
        p = g.add_plain_paragraph(document, text, align="right")
        p.paragraph_format.right_indent = Pt(round(indent * char, 2))
        p.paragraph_format.keep_with_next = text == issuer
        _no_auto_space(p)


def _mark_draft(document) -> None:
    """Put 草稿 in the header of every page (odd and even pages have their own headers)."""
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        p.text = ""
        p.alignment = 1  # centre
        g.set_run_font(p.add_run(DRAFT_HEADER), east_asia=g.HEITI, size_pt=g.SIZE_PT["三号"])


def write_docx(report: "AnnualReport", path: Path, properties: "DocumentProperties | None" = None) -> Path:
    """Write the report to ``path`` (.docx); ``properties``: author/company (default: the issuer)."""
    document = g.new_document()
    if report.draft:
        _mark_draft(document)
    _add_title(document, report)
    document.add_paragraph()
    _add_text(document, report.texts.get(fmt.OPENING, ""))
    after_table = False
    for sec in fmt.SECTIONS:
        heading = g.add_heading(document, sec.label, 1)
        heading.paragraph_format.keep_with_next = True
        if after_table:  # a little air between a table's bottom rule and the next heading
            heading.paragraph_format.space_before = Pt(8)
        after_table = sec.kind != "text"
        _add_text(document, report.texts.get(sec.no, ""))
        if sec.kind != "text":
            if (report.texts.get(sec.no) or "").strip():
                document.paragraphs[-1].paragraph_format.keep_with_next = True
            rows = grid(sec.kind, report.stats)
            assert all(sum(c.span for c in r) == GRID_COLUMNS[sec.kind] for r in rows)
            add_stats_table(document, sec.kind, rows)
    _add_signature(document, report.issuer, report.report_date)
    apply_docx(document, properties or report_properties(report))
    document.save(str(path))
    return path
