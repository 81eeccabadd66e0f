"""The 导出回头看表 dialog and actions: options, every field remembered in the window's settings,
errors in Chinese, the file written in the background, 打开文件 / 打开所在文件夹 afterwards."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import datetime as dt  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QMessageBox  # noqa: E402

from gongkai_desk.ui import exported, ops  # noqa: E402
from gongkai_desk.ui.ops import Bus  # noqa: E402
from gongkai_desk.ui.printing import export_review_dialog as erd  # noqa: E402
from tests.core.reports.test_review_build import make_review_plan  # noqa: E402
from tests.ui.conftest import type_text  # noqa: E402  (QTest.keyClicks is ASCII-only)


def test_dialog_returns_the_chosen_options(qtbot, tmp_path, settings):
    dialog = erd.ExportReviewDialog(None, year=2024, folder=str(tmp_path), settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.title.text() == "2024年政务公开工作要点落实情况表"
    assert dialog.column_boxes["text"].isChecked() and not dialog.column_boxes["text"].isEnabled()
    dialog.column_boxes["deadline"].setChecked(False)
    dialog.column_boxes["problems"].setChecked(True)
    qtbot.mouseClick(dialog.per_unit, Qt.MouseButton.LeftButton)
    dialog.repeat_unit.setChecked(False)
    dialog.unfinished.setChecked(True)
    dialog.simple_footer.setChecked(True)
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
    assert opts.per_unit and not opts.repeat_unit and opts.unfinished_only and opts.simple_footer
    assert opts.title == "区落实情况" and opts.maker == "区政府办公室"
    assert dialog.out_path() == tmp_path / "2024年政务公开工作要点落实情况表.xlsx"


def test_every_field_is_remembered_in_the_windows_settings(qtbot, ws, tmp_path, settings):
    pid = make_review_plan(ws)
    ws.settings.set_office(name="示例区人民政府办公室")
    first = erd._dialog(None, ws, pid, settings, for_print=False)
    qtbot.addWidget(first)
    assert first.maker.text() == "示例区人民政府办公室"  # the office, until the clerk types another
    assert first.date.text() == erd.chinese_date(dt.date.today())
    first.column_boxes["evidence"].setChecked(True)
    first.per_unit.setChecked(True)
    first.unfinished.setChecked(True)
    first.section_rows.setChecked(True)
    first.maker.setText("区政务公开办")
    first.title.setText("区回头看")
    first.date.setText("2024年9月1日")
    first.format.setCurrentIndex(2)
    first.path.setText(str(tmp_path / "x.pdf"))
    first.accept()
    again = erd._dialog(None, ws, pid, settings, for_print=False)
    qtbot.addWidget(again)
    assert again.column_boxes["evidence"].isChecked() and again.per_unit.isChecked()
    assert again.unfinished.isChecked() and again.section_rows.isChecked()
    assert (again.maker.text(), again.title.text(), again.date.text()) == ("区政务公开办", "区回头看", "2024年9月1日")
    assert again.format.currentData() == ".pdf" and again.out_path().parent == tmp_path
    assert settings.value("export/review/dir") == str(tmp_path)  # the window's own settings file
    other = erd.ExportReviewDialog(None, year=2025, settings=settings, plan_key="999", title="另一个计划的表")
    qtbot.addWidget(other)
    assert other.title.text() == "另一个计划的表"  # titles are remembered per plan


def test_todays_date_stays_today(qtbot, settings):
    d = erd.ExportReviewDialog(None, year=2024, settings=settings, today=dt.date(2024, 9, 1), for_print=True)
    qtbot.addWidget(d)
    assert d.date.text() == "2024年9月1日"
    d.accept()
    later = erd.ExportReviewDialog(None, year=2024, settings=settings, today=dt.date(2024, 9, 2), for_print=True)
    qtbot.addWidget(later)
    assert later.date.text() == "2024年9月2日"


def answer_box(qtbot, button_text: str, seen: list | None = None) -> None:
    """Click ``button_text`` on the 导出完成 box once it shows (other modal windows are left alone)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def check():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.windowTitle() != "导出完成":
            QTimer.singleShot(20, check)
            return
        if seen is not None:
            seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, check)


def _choose(path):
    def fake_exec(self):
        self.path.setText(str(path))
        self.format.setCurrentIndex([s for _, s in erd.FORMATS].index(path.suffix))
        self.accept()
        return QDialog.DialogCode.Accepted
    return fake_exec


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_export_writes_the_file_and_offers_to_open_it(qtbot, ws, tmp_path, monkeypatch, settings, suffix):
    pid = make_review_plan(ws)
    opened = []
    monkeypatch.setattr(erd.ExportReviewDialog, "exec", _choose(tmp_path / f"out{suffix}"))
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True)

    texts = []
    answer_box(qtbot, "打开所在文件夹", texts)
    written = erd.export_review_interactive(None, ws, pid, settings, Bus())
    assert written == tmp_path / f"out{suffix}" and written.stat().st_size > 0
    qtbot.waitUntil(lambda: opened == [str(tmp_path)], timeout=5000)
    assert texts == [f"已导出：{written}"]


def test_open_file_button_opens_the_file(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "a.docx"
    path.write_bytes(b"x")
    opened = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    seen = []
    answer_box(qtbot, "打开文件")
    box = exported.offer_open(None, path, on_open=seen.append)
    assert box.isVisible()  # the window stays usable meanwhile
    qtbot.waitUntil(lambda: seen == ["file"], timeout=5000)
    assert opened == [str(path)]


def test_export_errors_are_shown_in_chinese(qtbot, ws, tmp_path, monkeypatch, settings):
    pid = make_review_plan(ws)
    shown = []
    monkeypatch.setattr(ops, "show_error", lambda parent, text, title="": shown.append(text))
    assert erd.export_review_interactive(None, ws, pid + 99, settings, Bus()) is None
    assert shown and "计划" in shown[0]
    # A file another program holds open (or a folder in the way) is refused in Chinese too.
    (tmp_path / "busy.docx").mkdir()
    monkeypatch.setattr(erd.ExportReviewDialog, "exec", _choose(tmp_path / "busy.docx"))
    monkeypatch.setattr(erd, "confirm", lambda *a: True)
    assert erd.export_review_interactive(None, ws, pid, settings, Bus()) is None
    assert "文件夹" in shown[-1]


def test_print_preview_uses_the_settings_too(qtbot, ws, monkeypatch, settings):
    pid = make_review_plan(ws)
    shown = []

    def fake_exec(self):
        self.unfinished.setChecked(True)
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(erd.ExportReviewDialog, "exec", fake_exec)
    monkeypatch.setattr("gongkai_desk.ui.printing.print_review.show_print_preview",
                        lambda parent, doc: shown.append(doc))
    assert erd.print_preview_interactive(None, ws, pid, settings, Bus())
    assert shown and shown[0].options.unfinished_only
    assert settings.value("export/review/unfinished") in (True, "true")
