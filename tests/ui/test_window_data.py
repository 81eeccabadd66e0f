"""The window's data and help: 恢复数据库… reopens the restored database, settings live beside the
data (GONGKAI_DESK_HOME), 关于 names the folders, old .doc/.xls files are explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gongkai_desk.core.backup import backup
from gongkai_desk.core.workspace import Workspace
from tests.ui.conftest import answer_modal


def yes(box):
    box.button(QMessageBox.StandardButton.Yes).click()


def test_restore_from_the_window_reopens_the_database(qtbot, tmp_path, settings, monkeypatch):
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    make_app()
    db = tmp_path / "gongkai-desk.db"
    ws = Workspace.open(db)
    pid = ws.plans.create(year=2026, title="备份时的计划").id
    ws.tasks.add(pid, text="备份前的任务")
    backup(ws.conn, tmp_path / "备份.db")
    ws.plans.update(pid, title="备份后改过的计划")
    ws.tasks.add(pid, text="备份后才加的任务")
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    w.show()
    assert w.plan_view.model.rowCount() == 2 and w.act_undo.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "备份.db"), ""))
    answer_modal(qtbot, yes)
    w.act_restore.trigger()
    assert w.ws is ws and ws.plans.get(pid).title == "备份时的计划"  # the same workspace, reopened
    assert [t.text for t in ws.tasks.of_plan(pid)] == ["备份前的任务"]
    assert w.plan_combo.currentText() == "2026年 · 备份时的计划"
    assert [w.plan_view.proxy.index(r, 1).data() for r in range(w.plan_view.proxy.rowCount())] == ["备份前的任务"]
    assert not w.act_undo.isEnabled()  # the undo history belonged to the database replaced
    kept = list(tmp_path.glob("gongkai-desk.restore-*.db"))
    assert len(kept) == 1 and "已恢复备份" in w.statusBar().currentMessage()
    old = Workspace.open(kept[0])
    assert old.plans.get(pid).title == "备份后改过的计划"
    old.close()
    ws.tasks.add(pid, text="恢复后可以继续修改")  # the reopened connection works
    ws.close()


def test_restore_refuses_a_file_that_is_no_backup_and_keeps_working(qtbot, tmp_path, settings, monkeypatch):
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    make_app()
    ws = Workspace.open(tmp_path / "gongkai-desk.db")
    pid = ws.plans.create(year=2026, title="计划").id
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    bad = tmp_path / "不是备份.db"
    bad.write_text("这不是数据库", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    shown = []

    def answer(box):
        if box.windowTitle() == "恢复数据库":
            yes(box)
            answer_modal(qtbot, lambda err: (shown.append(err.text()), err.accept()))

    answer_modal(qtbot, answer)
    w.act_restore.trigger()
    assert shown and "不是本程序的数据库" in shown[0]
    assert ws.plans.get(pid).title == "计划"
    ws.close()


def test_settings_and_qt_file_dialog_state_live_under_gongkai_desk_home(qtbot, ws, isolated_home):
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    make_app()
    w = MainWindow(ws)  # no settings given: the user's own
    qtbot.addWidget(w)
    assert Path(w.settings.fileName()) == isolated_home / "settings.ini"
    qt_own = QSettings(QSettings.Scope.UserScope, "QtProject")  # where QFileDialog keeps its state
    assert Path(qt_own.fileName()).is_relative_to(isolated_home)
    w.plan_view.set_zoom(125)
    w.close()
    stored = QSettings(str(isolated_home / "settings.ini"), QSettings.Format.IniFormat)
    assert stored.value("geometry") is not None and int(stored.value("table/zoom")) == 125
    from gongkai_desk.ui.imports.import_dialog import ImportDialog

    dialog = ImportDialog(None, ws, w.bus)
    assert Path(dialog.settings.fileName()) == isolated_home / "settings.ini"
    dialog.deleteLater()


def test_the_test_suite_never_uses_the_real_users_folder():
    from gongkai_desk.paths import data_dir, settings_path
    from gongkai_desk.ui.user_settings import user_settings

    home = Path.home()
    for p in (data_dir(), settings_path(), Path(user_settings().fileName())):
        assert not p.is_relative_to(home / ".config") and not p.is_relative_to(home / ".local")


def test_about_names_the_version_and_the_folders(window, ws):
    from gongkai_desk import __version__
    from gongkai_desk.paths import log_dir
    from gongkai_desk.ui.help.about import AboutDialog

    dialog = AboutDialog(window, ws.path)
    text = dialog.info.text()
    assert dialog.title.text() == f"<h3>政务公开工作台 {__version__}</h3>"
    assert str(log_dir()) in text and "数据文件夹" in text
    assert dialog.open_data.text() == "打开数据文件夹"
    assert [a.text() for a in window.menuBar().actions()[-1].menu().actions() if a.text()] == [
        "打开数据文件夹", "关于政务公开工作台…"]


def test_an_old_doc_file_is_explained_in_chinese(window, qtbot, tmp_path, monkeypatch):
    from gongkai_desk.core import office_convert

    monkeypatch.setattr(office_convert, "soffice", lambda: None)
    old = tmp_path / "2024年工作要点.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    seen = []
    answer_modal(qtbot, lambda box: (seen.append(box.text()), box.accept()))
    window.plan_actions.import_file(str(old))
    assert seen and "旧版的Word 97-2003 文档" in seen[0] and "另存为" in seen[0] and "Word 文档(*.docx)" in seen[0]
    from gongkai_desk.ui.plans.actions import dropped_file
    from PySide6.QtCore import QMimeData, QUrl

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "统计.et"))])
    assert dropped_file(mime)  # accepted when dropped, then explained


@pytest.mark.libreoffice
def test_an_old_doc_file_is_converted_with_libreoffice_and_imported(window, qtbot, tmp_path):
    import subprocess

    from gongkai_desk.core.office_convert import soffice
    from gongkai_desk.ui.imports.import_dialog import ImportDialog
    from tests.conftest import DATA

    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    source = next((DATA / "seeds").glob("003_*.txt"))
    docx = tmp_path / "plan.docx"
    from docx import Document

    d = Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    d.save(docx)
    subprocess.run([soffice(), "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    doc = tmp_path / "plan.doc"
    assert doc.is_file()
    seen = {}

    def answer(box):
        if isinstance(box, ImportDialog):
            seen["tasks"] = len(box.parsed.tasks)
            box.reject()
            return
        convert = next(b for b in box.buttons() if b.text() == "自动转换并导入")
        convert.click()
        answer_modal(qtbot, answer)

    answer_modal(qtbot, answer)
    window.plan_actions.import_file(str(doc))
    assert seen.get("tasks", 0) > 5
    assert QApplication.activeModalWidget() is None
