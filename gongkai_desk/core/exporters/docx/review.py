"""Write a ReviewDocument as a GB/T 9704-2012 Word file: landscape A4, one table per page group."""

from __future__ import annotations

from pathlib import Path

from gongkai_desk.core.reports.review import fit_widths, printed_columns, status_fill
from gongkai_desk.core.reports.review_model import ReviewDocument, ReviewTableData

# Table type sizes by printed column count: 小四 (12 pt) up to six columns, 五号 (10.5 pt) up to
# nine (the default table), 小五 (9 pt) beyond. GB/T 9704 leaves table type size open (§7).
SIZES = ((6, 12.0), (9, 10.5), (99, 9.0))
CM_PER_PT = 2.54 / 72
SUBTITLE_PT = 14.0  # 四号
CENTRED_COLUMNS = {"number", "deadline", "status"}
# Justify only long prose: in narrow unit columns justification spreads "区 政 府办".
JUSTIFIED_COLUMNS = {"text", "progress", "problems", "next_steps"}


def _align(key: str) -> str:
    if key in CENTRED_COLUMNS:
        return "center"
    return "both" if key in JUSTIFIED_COLUMNS else "left"


def write_review_docx(doc: ReviewDocument, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` (.docx) and return the path."""
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    document = gb.new_document()
    section = document.sections[0]
    gb.setup_section(section, landscape=True)
    for i, table in enumerate(doc.tables):
        _write_table(document, section, table, new_page=i > 0)
    if not doc.tables:
        gb.add_title(document, "无符合条件的任务")
    path = Path(path)
    document.save(str(path))
    return path


def _write_table(document, section, table: ReviewTableData, *, new_page: bool) -> None:
    """Add the title, the 制表单位/日期 line and the table itself."""
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    title = gb.add_title(document, table.title)
    title.paragraph_format.page_break_before = new_page
    # The exact 28.95 pt body pitch would clip a 二号 title; let it breathe.
    title.paragraph_format.line_spacing = gb.Pt(36)
    if table.subtitle:
        gb.add_plain_paragraph(document, table.subtitle, size_pt=SUBTITLE_PT, line_exact_pt=28)
    cols = printed_columns(table)
    size = next(pt for most, pt in SIZES if len(cols) <= most)
    char_cm = size * CM_PER_PT
    widths = [c * char_cm for c in fit_widths(table, (gb.text_width_cm(section) - 0.1) / char_cm)]
    header = gb.CellStyle(east_asia=gb.HEITI, size_pt=size, align="center")
    sec_style = gb.CellStyle(east_asia=gb.HEITI, size_pt=size, align="left", keep_next=True)
    body = {key: gb.CellStyle(size_pt=size, align=_align(key)) for key, _ in cols}
    fills = {}
    tb = gb.TableBuilder(document, widths)
    tb.add_row([h for _, h in cols], header, header=True)
    page_cm = gb.text_height_cm(section)
    keys = [k for k, _ in cols]
    for sec in table.sections:
        if sec.title:
            tb.add_merged_row(sec.title, sec_style)
        for row in sec.rows:
            texts = [row.cells.get(k, "") for k in keys]
            if row.overdue and "status" in row.cells:
                # Break before "（逾期）" rather than mid-word in the narrow status column.
                i = keys.index("status")
                texts[i] = texts[i].replace("（", "\n（", 1)
            styles = [body[k] for k in keys]
            if "status" in row.cells:
                fill = status_fill(row.status, row.overdue)
                if fill:
                    if fill not in fills:
                        fills[fill] = gb.CellStyle(size_pt=size, align="center", fill=fill)
                    styles[keys.index("status")] = fills[fill]
            # A row taller than a page must be allowed to break, or Word cuts it off.
            tall = gb.estimate_row_height_cm(texts, widths, size) > page_cm - 2
            tb.add_row(texts, styles, cant_split=not tall)
    tb.finish()
