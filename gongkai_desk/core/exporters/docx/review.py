"""Write a ReviewDocument as a GB/T 9704-2012 Word file: landscape table pages (§8).

The type area is the portrait one turned (225 × 156 mm); the page number stays on the bound
sheet's foot, turned (``gbt9704_footer``), unless the clerk asked for the simple footer. A row
is kept on one page unless it is taller than a page; a section row stays with the row after
it. Per-unit files give each unit's ledger its own section numbered from 1.
"""

from __future__ import annotations

from pathlib import Path

from gongkai_desk.core.exporters.gbt9704_geometry import (
    CELL_MARGIN_MM,
    SUBTITLE_LINE_PT,
    SUBTITLE_PT,
    TABLE_LINE_EM,
    TITLE_LINE_PT,
    table_size_pt,
)
from gongkai_desk.core.exporters.properties import DocumentProperties, apply_docx
from gongkai_desk.core.reports.review import (
    WARN_FILL,
    fit_widths,
    header_text,
    printed_columns,
    status_fill,
    status_with_alert,
)
from gongkai_desk.core.reports.review_model import ReviewDocument, ReviewTableData

CM_PER_PT = 2.54 / 72
CENTRED_COLUMNS = {"number", "deadline", "status", "alert"}
# Justify only long prose: in narrow unit columns justification spreads "区 政 府办".
JUSTIFIED_COLUMNS = {"text", "progress", "problems", "next_steps"}
CELL_MARGIN_CM = tuple(m / 10 for m in CELL_MARGIN_MM)


def _align(key: str) -> str:
    if key in CENTRED_COLUMNS:
        return "center"
    return "both" if key in JUSTIFIED_COLUMNS else "left"


def write_review_docx(doc: ReviewDocument, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` (.docx) and return the path."""
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    simple = doc.options.simple_footer
    document = gb.new_document(landscape=True, simple_footer=simple)
    per_unit = doc.options.per_unit
    for i, table in enumerate(doc.tables):
        if i == 0:
            section = document.sections[0]
            if per_unit:
                gb.restart_page_numbers(section)
        else:
            # Each unit's ledger starts on a new page numbered 1. (Not an odd-page break: Word and
            # LibreOffice disagree on odd pages once numbering restarts, and the PDF follows both.)
            section = gb.add_section(document, landscape=True, restart_numbering=per_unit,
                                     simple_footer=simple)
        _write_table(document, section, table, new_page=i > 0 and not per_unit)
    if not doc.tables:
        gb.add_title(document, "无符合条件的任务")
    apply_docx(document, DocumentProperties.now(doc.title, doc.author))
    path = Path(path)
    document.save(str(path))
    return path


def _write_table(document, section, table: ReviewTableData, *, new_page: bool) -> None:
    """Add the title, the 制表单位/日期 line and the table itself."""
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    title = gb.add_title(document, table.title)
    title.paragraph_format.page_break_before = new_page
    title.paragraph_format.line_spacing = gb.Pt(TITLE_LINE_PT)
    title.paragraph_format.keep_with_next = True
    if table.subtitle:
        sub = gb.add_plain_paragraph(document, table.subtitle, size_pt=SUBTITLE_PT, line_exact_pt=SUBTITLE_LINE_PT)
        sub.paragraph_format.keep_with_next = True
    cols = printed_columns(table)
    keys = [k for k, _ in cols]
    size = table_size_pt(table)
    char_cm = size * CM_PER_PT
    chars = fit_widths(table, (gb.text_width_cm(section) - 0.1) / char_cm)
    widths = [c * char_cm for c in chars]
    line = size * TABLE_LINE_EM  # exact: the same rows in Word, LibreOffice, WPS and the PDF
    header = gb.CellStyle(east_asia=gb.HEITI, size_pt=size, align="center", line_pt=line)
    sec_style = gb.CellStyle(east_asia=gb.HEITI, size_pt=size, align="left", keep_next=True, line_pt=line)
    body = {key: gb.CellStyle(size_pt=size, align=_align(key), line_pt=line) for key in keys}
    fills: dict[str, object] = {}
    tb = gb.TableBuilder(document, widths, cell_margin_cm=CELL_MARGIN_CM)
    head_texts = [header_text(h, c) for (_, h), c in zip(cols, chars)]
    tb.add_row(head_texts, header, header=True)
    # A row may break across pages only when it cannot fit on one page under the repeated header.
    pad = 2 * CELL_MARGIN_CM[1]
    room_cm = gb.text_height_cm(section) - gb.estimate_row_height_cm(head_texts, widths, size, line, pad) - 0.3
    merged_status = "status" in keys and "alert" not in keys
    for sec in table.sections:
        if sec.title:
            tb.add_merged_row(sec.title, sec_style)
        for row in sec.rows:
            texts = [row.cells.get(k, "") for k in keys]
            if merged_status and row.overdue:
                # Break before "（逾期）" rather than mid-word in the narrow status column.
                texts[keys.index("status")] = status_with_alert(row).replace("（", "\n（", 1)
            styles = [body[k] for k in keys]
            if "status" in keys:
                fill = status_fill(row.status, row.overdue)
                if fill:
                    if fill not in fills:
                        fills[fill] = gb.CellStyle(size_pt=size, align="center", fill=fill, line_pt=line)
                    styles[keys.index("status")] = fills[fill]
            if "alert" in keys and row.cells.get("alert"):
                # Red for 逾期, amber for a yellow light (due soon, or no recent update).
                hue = status_fill(row.status, True) if row.overdue else WARN_FILL
                fills.setdefault(hue, gb.CellStyle(size_pt=size, align="center", fill=hue, line_pt=line))
                styles[keys.index("alert")] = fills[hue]
            tall = gb.estimate_row_height_cm(texts, widths, size, line, pad) > room_cm
            tb.add_row(texts, styles, cant_split=not tall)
    tb.finish()
