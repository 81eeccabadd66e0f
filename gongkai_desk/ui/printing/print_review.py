"""Print, preview and PDF of the review table through one Qt layout, so preview = print = PDF.

``ReviewPages`` (``review_pages``) lays the document out once on GB/T 9704 landscape table pages,
the Word export's geometry; ``render`` paints those pages on any paged device: a QPdfWriter for
the PDF, the QPrinter of the print preview and of real printing. A device set to portrait paper
gets each landscape page turned onto the sheet, its head on the binding side, as §8 prints it.

The PDF embeds subsets of its fonts only (Qt writes just the glyphs used) and names them as
subsets (``ABCDEF+Name``, which Qt leaves out of the font dictionaries); it carries the
document's title, the office as author and company, and the real creation time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter

from gongkai_desk.core.exporters.properties import APPLICATION, DocumentProperties, pdf_info
from gongkai_desk.core.reports.review_model import ReviewDocument
from gongkai_desk.ui.printing.pdf_text import fix_to_unicode, radical_map
from gongkai_desk.ui.printing.review_pages import (
    BODY_FAMILIES, HEAD_FAMILIES, NUMBER_FAMILIES, TITLE_FAMILIES, U_PER_INCH, ReviewPages,
)

PDF_RESOLUTION = 1200
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
    """Return the print layout: A4 landscape, no margins (the pages place the type area)."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def render(doc: ReviewDocument, device: QPagedPaintDevice, pages: ReviewPages | None = None) -> int:
    """Paint every page of ``doc`` on ``device``; return the page count.

    The device should print the full page (QPrinter.setFullPage(True)); a portrait page gets
    the landscape page turned 90° onto it.
    """
    ensure_app()
    pages = pages or ReviewPages(doc)
    dpi = device.logicalDpiX()
    full = device.pageLayout().fullRectPixels(dpi)
    paint = device.pageLayout().paintRectPixels(dpi)
    scale = dpi / U_PER_INCH
    portrait = full.width() < full.height()
    painter = QPainter(device)
    try:
        for i in range(len(pages.pages)):
            if i:
                device.newPage()
            painter.save()
            painter.translate(full.left() - paint.left(), full.top() - paint.top())
            if portrait:
                # The landscape page turned: its top on the sheet's left (binding) edge.
                painter.translate(0, full.height())
                painter.rotate(-90)
            painter.scale(scale, scale)
            pages.paint(painter, i)
            painter.restore()
    finally:
        painter.end()
    return len(pages.pages)


def write_pdf(doc: ReviewDocument, path: str | Path) -> Path:
    """Write ``doc`` as an A4 landscape PDF laid out exactly as it prints; return the path."""
    ensure_app()
    path = Path(path)
    props = DocumentProperties.now(doc.title or (doc.tables[0].title if doc.tables else "落实情况表"), doc.author)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator(APPLICATION)
    writer.setTitle(props.title)
    if hasattr(writer, "setAuthor"):  # Qt 6.8+
        writer.setAuthor(props.author)
    writer.setPageLayout(page_layout())
    render(doc, writer)
    del writer  # closes the file
    finish_pdf(path, props)
    return path


def finish_pdf(path: Path, props: DocumentProperties) -> None:
    """Name the embedded font subsets as subsets and set the document information."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(str(path))
    writer = PdfWriter(clone_from=reader)
    mapping = radical_map([BODY_FAMILIES, TITLE_FAMILIES, HEAD_FAMILIES, NUMBER_FAMILIES])
    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(id(font))
            _fix_text(font, mapping)
            cid = font["/DescendantFonts"][0].get_object()
            descriptor = cid.get("/FontDescriptor")
            name = str(descriptor.get_object().get("/FontName", "")) if descriptor is not None else ""
            if "+" in name:  # Qt tags the descriptor only; the font dictionaries must match it
                tagged = NameObject(name if name.startswith("/") else f"/{name}")
                font[NameObject("/BaseFont")] = tagged
                cid[NameObject("/BaseFont")] = tagged
    writer.add_metadata({k: TextStringObject(v) if not v.startswith("D:") else v
                         for k, v in pdf_info(props).items()})
    with open(path, "wb") as fh:
        writer.write(fh)


def _fix_text(font, mapping: dict[int, int]) -> None:
    """Map the font's radicals back to the ideographs drawn (see ``pdf_text``)."""
    ref = font.get("/ToUnicode")
    if ref is None:
        return
    stream = ref.get_object()
    data = stream.get_data()
    fixed = fix_to_unicode(data, mapping)
    if fixed != data:
        stream.set_data(fixed)


def make_print_preview(parent, doc: ReviewDocument):
    """Return a QPrintPreviewDialog that paints (and prints) ``doc`` through ``render``."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout())
    printer.setDocName(doc.title or (doc.tables[0].title if doc.tables else "落实情况表"))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览 — 落实情况表")
    pages = ReviewPages(doc)  # laid out once; every repaint of the preview reuses it
    dialog.paintRequested.connect(lambda p: render(doc, p, pages))
    room = (parent.screen() if parent is not None else dialog.screen()).availableGeometry()
    dialog.resize(min(1100, room.width() - 40), min(760, room.height() - 60))  # a 1366×768 laptop, 150 %
    dialog._printer = printer  # the dialog does not own the printer: keep it alive with it
    dialog._pages = pages
    return dialog


def show_print_preview(parent, doc: ReviewDocument) -> int:
    """Show the print preview of ``doc`` modally; the clerk prints from it. Return exec()'s code."""
    dialog = make_print_preview(parent, doc)
    return dialog.exec()
