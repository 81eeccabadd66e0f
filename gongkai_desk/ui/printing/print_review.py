"""Print, preview and PDF of the review table through one Qt layout, so preview = print = PDF.

The ReviewDocument becomes HTML in a QTextDocument (``<thead>`` makes Qt repeat the header
row on every page); ``render`` paints its pages and the "— n —" page numbers onto any paged
device: a QPdfWriter for PDF, the QPrinter of the print preview and of real printing.
"""

from __future__ import annotations

import os
import sys
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from gongkai_desk.core.reports.review import fit_widths, printed_columns, status_fill
from gongkai_desk.core.reports.review_model import ReviewDocument, ReviewTableData

BODY_FAMILIES = ["仿宋_GB2312", "仿宋", "FangSong", "SimSun", "Noto Serif CJK SC", "WenQuanYi Micro Hei"]
TITLE_FAMILIES = ["方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", "WenQuanYi Micro Hei"]
HEAD_FAMILIES = ["黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
BODY_PT = 10.5  # 五号, as the Word export's default table
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
MARGINS_MM = QMarginsF(20, 15, 20, 8)  # left, top, right, bottom; the page number sits above the bottom
FOOTER_MM = 12
# Characters of BODY_PT that fit across the body width (297 mm less margins and cell padding).
LINE_CHARS = (297 - 40) / (BODY_PT * 25.4 / 72) - 3
CENTRED = {"number", "deadline", "status"}
_APP = None  # keeps a QGuiApplication made for CLI use alive


def ensure_app() -> None:
    """Create a QGuiApplication when none exists (CLI export); headless Linux goes offscreen."""
    global _APP
    if QGuiApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless and not os.environ.get("QT_QPA_PLATFORM"):
        # Only paper is painted here: without a display Qt would abort looking for one.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _APP = QGuiApplication(sys.argv[:1] or ["gongkai-desk"])


def page_layout() -> QPageLayout:
    """Return the print layout: A4 landscape with the margins above."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def _css_families(families: list[str]) -> str:
    return ", ".join(f"'{f}'" for f in families)


def _cell(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _table_html(table: ReviewTableData, first: bool) -> str:
    cols = printed_columns(table)
    keys = [k for k, _ in cols]
    # Size columns in characters of the real line width, then hand Qt percentages.
    chars = fit_widths(table, LINE_CHARS)
    widths = [100.0 * c / sum(chars) for c in chars]
    brk = "" if first else "page-break-before: always; "
    out = [
        f'<p align="center" style="{brk}font-family: {_css_families(TITLE_FAMILIES)}; '
        f'font-size: {TITLE_PT}pt; margin-bottom: 6px;">{_cell(table.title)}</p>'
    ]
    if table.subtitle:
        out.append(f'<p style="font-size: 12pt; margin-bottom: 4px; white-space: pre-wrap;">'
                   f"{_cell(table.subtitle)}</p>")
    out.append(
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
        'style="border-collapse: collapse; border-color: #000000; border-style: solid;">'
    )
    head = _css_families(HEAD_FAMILIES)
    out.append("<thead><tr>")
    for (_, header), w in zip(cols, widths):
        out.append(f'<th width="{w:.1f}%" bgcolor="#d9d9d9" style="font-family: {head};">{escape(header)}</th>')
    out.append("</tr></thead><tbody>")
    for sec in table.sections:
        if sec.title:
            out.append(f'<tr><td colspan="{len(cols)}" bgcolor="#f2f2f2" style="font-family: {head};">'
                       f"{_cell(sec.title)}</td></tr>")
        for row in sec.rows:
            out.append("<tr>")
            for key in keys:
                text = row.cells.get(key, "")
                attrs = ' align="center"' if key in CENTRED else ""
                if key == "status":
                    fill = status_fill(row.status, row.overdue)
                    attrs += f' bgcolor="#{fill}"' if fill else ""
                    text = text.replace("（", "\n（", 1) if row.overdue else text
                out.append(f"<td{attrs}>{_cell(text)}</td>")
            out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def review_html(doc: ReviewDocument) -> str:
    """Return the whole review document as Qt rich-text HTML."""
    body = "".join(_table_html(t, i == 0) for i, t in enumerate(doc.tables))
    if not doc.tables:
        body = '<p align="center">无符合条件的任务</p>'
    return (
        f'<html><body style="font-family: {_css_families(BODY_FAMILIES)}; font-size: {BODY_PT}pt;">'
        f"{body}</body></html>"
    )


def build_text_document(doc: ReviewDocument, device: QPagedPaintDevice) -> tuple[QTextDocument, QRectF]:
    """Lay ``doc`` out for ``device``; return the text document and the body rectangle (pixels)."""
    ensure_app()
    paint = device.pageLayout().paintRectPixels(device.resolution())
    footer_px = FOOTER_MM / 25.4 * device.resolution()
    body = QRectF(0, 0, paint.width(), paint.height() - footer_px)
    td = QTextDocument()
    # Lay text out with the device's own metrics, so points are points on paper.
    td.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setFamilies(BODY_FAMILIES)
    font.setPointSizeF(BODY_PT)
    td.setDefaultFont(font)
    td.setDocumentMargin(0)
    td.setPageSize(QSizeF(body.width(), body.height()))
    td.setHtml(review_html(doc))
    return td, body


def render(doc: ReviewDocument, device: QPagedPaintDevice) -> int:
    """Paint every page of ``doc`` on ``device`` with page numbers; return the page count.

    Page numbers follow the Word export: "— n —", odd pages right, even pages left. The
    device's own page layout is used, so a paper or orientation the clerk picks in the
    preview is honoured; ``write_pdf`` and ``make_print_preview`` start from A4 landscape.
    """
    td, body = build_text_document(doc, device)
    pages = td.pageCount()
    painter = QPainter(device)
    try:
        number_font = QFont()
        number_font.setFamilies(["宋体", "SimSun", "Noto Serif CJK SC", "WenQuanYi Micro Hei"])
        number_font.setPointSizeF(PAGE_NUMBER_PT)
        one_char = PAGE_NUMBER_PT / 72 * device.resolution()
        for i in range(pages):
            if i:
                device.newPage()
            painter.save()
            painter.translate(0, -i * body.height())
            td.drawContents(painter, QRectF(0, i * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(number_font)
            odd = (i + 1) % 2 == 1
            box = QRectF(one_char, body.bottom(), body.width() - 2 * one_char,
                         device.pageLayout().paintRectPixels(device.resolution()).height() - body.height())
            align = (Qt.AlignmentFlag.AlignRight if odd else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, align, f"— {i + 1} —")
    finally:
        painter.end()
    return pages


def write_pdf(doc: ReviewDocument, path: str | Path) -> Path:
    """Write ``doc`` as an A4 landscape PDF laid out exactly as it prints; return the path."""
    ensure_app()
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setCreator("政务公开工作台")
    writer.setTitle(doc.tables[0].title if doc.tables else "落实情况表")
    writer.setPageLayout(page_layout())
    render(doc, writer)
    return path


def make_print_preview(parent, doc: ReviewDocument):
    """Return a QPrintPreviewDialog that paints (and prints) ``doc`` through ``render``."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(doc.tables[0].title if doc.tables else "落实情况表")
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览 — 落实情况表")
    dialog.paintRequested.connect(lambda p: render(doc, p))
    room = (parent.screen() if parent is not None else dialog.screen()).availableGeometry()
    dialog.resize(min(1100, room.width() - 40), min(760, room.height() - 60))  # a 1366×768 laptop, 150 %
    dialog._printer = printer  # the dialog does not own the printer: keep it alive with it
    return dialog


def show_print_preview(parent, doc: ReviewDocument) -> int:
    """Show the print preview of ``doc`` modally; the clerk prints from it. Return exec()'s code."""
    dialog = make_print_preview(parent, doc)
    return dialog.exec()
