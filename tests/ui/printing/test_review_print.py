"""Review table PDF, print preview and the export options dialog (offscreen Qt)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QPdfWriter  # noqa: E402
from PySide6.QtWidgets import QDialog, QMessageBox  # noqa: E402

from gongkai_desk.core.demo import make_demo  # noqa: E402
from gongkai_desk.core.reports.review import build_review  # noqa: E402
from gongkai_desk.core.reports.review_model import ReviewOptions  # noqa: E402
from gongkai_desk.ui.printing import print_review  # noqa: E402
from gongkai_desk.ui.printing import export_review_dialog as erd  # noqa: E402
from tests.core.reports.test_review_build import TODAY, make_review_plan  # noqa: E402
from tests.ui.conftest import type_text  # noqa: E402  (QTest.keyClicks is ASCII-only)


def _pdf_pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


def _expected_pages(doc, tmp_path) -> int:
    writer = QPdfWriter(str(tmp_path / "probe.pdf"))
    writer.setResolution(300)
    writer.setPageLayout(print_review.page_layout())
    td, _ = print_review.build_text_document(doc, writer)
    return td.pageCount()


def test_pdf_has_every_page_and_a4_landscape(qtbot, ws, tmp_path):
    pid = make_demo(ws, tasks=50).id
    doc = build_review(ws, pid, ReviewOptions())
    path = print_review.write_pdf(doc, tmp_path / "review.pdf")
    pages = _pdf_pages(path)
    assert pages == _expected_pages(doc, tmp_path) >= 2
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", path.read_bytes())
    width, height = float(box.group(1)), float(box.group(2))
    assert width == pytest.approx(842, abs=2) and height == pytest.approx(595, abs=2)  # A4 landscape


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_repeats_header_and_numbers_pages(qtbot, ws, tmp_path):
    pid = make_demo(ws, tasks=50).id
    path = print_review.write_pdf(build_review(ws, pid, ReviewOptions()), tmp_path / "review.pdf")
    page2 = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(path), "-"],
                           capture_output=True, text=True, timeout=60).stdout
    assert "具体任务" in page2 and "落实情况" in page2  # the header row again
    assert re.search(r"—\s*2\s*—", page2)


def test_status_word_always_printed_with_its_colour():
    html = print_review.review_html(_small_doc())
    assert "推进中<br/>（逾期）" in html and 'bgcolor="#FFC7CE"' in html
    assert "<thead>" in html and 'colspan="7"' in html


def _small_doc(**opts):
    from gongkai_desk.core.workspace import Workspace

    w = Workspace.open(":memory:")
    try:
        return build_review(w, make_review_plan(w), ReviewOptions(**opts), today=TODAY)
    finally:
        w.close()


def test_print_preview_paints_the_same_pages_as_the_pdf(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    doc = _small_doc(per_unit=True)
    dialog = print_review.make_print_preview(None, doc)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    pdf = print_review.write_pdf(doc, tmp_path / "units.pdf")
    assert widget.pageCount() == _pdf_pages(pdf) >= 3  # one table per unit, each on new pages


def test_dialog_returns_the_chosen_options(qtbot, tmp_path):
    dialog = erd.ExportReviewDialog(None, year=2024, folder=str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.title.text() == "2024年政务公开工作要点落实情况表"
    dialog.column_boxes["deadline"].setChecked(False)
    dialog.column_boxes["problems"].setChecked(True)
    qtbot.mouseClick(dialog.per_unit, Qt.MouseButton.LeftButton)
    dialog.repeat_unit.setChecked(False)
    dialog.unfinished.setChecked(True)
    dialog.title.clear()
    type_text(dialog.title, "区落实情况")
    type_text(dialog.maker, "区政府办公室")
    dialog.format.setCurrentIndex(1)
    assert dialog.out_path().suffix == ".xlsx"
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    opts = dialog.options()
    assert opts.columns == ("number", "section", "text", "lead_units", "responsible_units", "progress",
                            "status", "problems")
    assert opts.per_unit and not opts.repeat_unit and opts.unfinished_only
    assert opts.title == "区落实情况" and opts.maker == "区政府办公室"
    assert dialog.out_path() == tmp_path / "2024年政务公开工作要点落实情况表.xlsx"


def test_dialog_refuses_no_columns(qtbot, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    dialog = erd.ExportReviewDialog(None, year=2024, folder=str(tmp_path))
    qtbot.addWidget(dialog)
    for key, box in dialog.column_boxes.items():
        box.setChecked(key == "section")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert warnings and "至少" in warnings[0]


def test_export_interactive_writes_the_file(qtbot, ws, tmp_path, monkeypatch):
    pid = make_review_plan(ws)
    monkeypatch.setattr(erd, "_settings", lambda: _MemorySettings())

    def fake_exec(self):
        self.path.setText(str(tmp_path / "out.docx"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(erd.ExportReviewDialog, "exec", fake_exec)
    written = erd.export_review_interactive(None, ws, pid)
    assert written == tmp_path / "out.docx" and written.stat().st_size > 0


def test_export_interactive_shows_errors_in_chinese(qtbot, ws, tmp_path, monkeypatch):
    pid = make_review_plan(ws)
    shown = []
    monkeypatch.setattr(erd, "_settings", lambda: _MemorySettings())
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))

    def fake_exec(self):
        self.path.setText(str(tmp_path / "out.docx"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(erd.ExportReviewDialog, "exec", fake_exec)
    assert erd.export_review_interactive(None, ws, pid + 99) is None
    assert shown and "计划" in shown[0]


class _MemorySettings:
    def __init__(self):
        self.values = {}

    def value(self, key, default=None):
        return self.values.get(key, default)

    def setValue(self, key, value):  # noqa: N802 - QSettings API
        self.values[key] = value
