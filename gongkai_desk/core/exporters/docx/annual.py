"""The annual report as a GB/T 9704 Word document: sections 一–六, the three tables, signature.

Page, fonts and page numbers come from ``gbt9704``; the tables are walked from
``annual_tables`` grids, with vertical merges added to the builder's rows as w:vMerge.
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
from gongkai_desk.core.text_width import display_width

if TYPE_CHECKING:
    from gongkai_desk.core.reports.annual import AnnualReport

TABLE_FONT = g.FANGSONG
# 五号 fits table 二's four columns; table 三 and 四 need 小五 to stay on a portrait page.
TABLE_SIZE = {"table2": g.SIZE_PT["五号"], "table3": g.SIZE_PT["小五"], "table4": g.SIZE_PT["小五"]}
_HEADING2 = re.compile(r"^（[一二三四五六七八九十]+）")


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


def _add_signature(document, issuer: str, date: str) -> None:
    """Issuer right-indented two characters; the date below it, shifted two characters right."""
    char = g.SIZE_PT["三号"]
    issuer_indent = 2.0
    date_indent = display_width(issuer) - display_width(date)
    if date_indent < 0:
        issuer_indent -= date_indent
        date_indent = 0.0
    # The signature never stands alone on a page: it stays with the last body paragraph.
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.keep_with_next = True
    for text, indent in ((issuer, issuer_indent), (date, date_indent)):
        if not text:
            continue
        p = g.add_plain_paragraph(document, text, align="right")
        p.paragraph_format.right_indent = Pt(indent * char)
        p.paragraph_format.keep_with_next = text == issuer


def write_docx(report: "AnnualReport", path: Path, properties: "DocumentProperties | None" = None) -> Path:
    """Write the report to ``path`` (.docx); ``properties``: author/company (default: the issuer)."""
    document = g.new_document()
    g.add_title(document, report.title)
    document.add_paragraph()
    after_table = False
    for sec in fmt.SECTIONS:
        heading = g.add_heading(document, sec.label, 1)
        heading.paragraph_format.keep_with_next = True
        if after_table:  # a little air between a table's bottom rule and the next heading
            heading.paragraph_format.space_before = Pt(8)
        after_table = sec.kind != "text"
        if sec.kind == "text":
            _add_text(document, report.texts.get(sec.no, ""))
        else:
            rows = grid(sec.kind, report.stats)
            assert all(sum(c.span for c in r) == GRID_COLUMNS[sec.kind] for r in rows)
            add_stats_table(document, sec.kind, rows)
    _add_signature(document, report.issuer, report.report_date)
    apply_docx(document, properties or report_properties(report))
    document.save(str(path))
    return path
