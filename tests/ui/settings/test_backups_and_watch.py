"""设置 → 自动备份 (list, 恢复, 打开文件夹, 立即备份), the daily backup after the first paint, a
restore noticed by an open window, an edit that waits for another writer, read-only and
network-share notices."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from gongkai_desk.core import autobackup
from gongkai_desk.core.backup import backup
from gongkai_desk.core.workspace import Workspace
from gongkai_desk.ui.pages import NAV
from tests.conftest import run_cli


@pytest.fixture
def file_window(qtbot, tmp_path, settings, isolated_home):
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    make_app()
    ws = Workspace.open(tmp_path / "data" / "a.db")
    ws.plans.create(year=2026, title="第一个计划")
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    ws.close()


def _backups_tab(window):
    window.nav.setCurrentRow(NAV["settings"])
    page = window.page("settings")
    tab = page.sections["自动备份"]
    page.tabs.setCurrentWidget(tab)
    return tab


def test_daily_backup_is_made_after_the_first_paint_off_the_ui_thread(file_window, qtbot):
    path = file_window.ws.path
    qtbot.waitUntil(lambda: len(autobackup.list_backups(path)) == 1, timeout=10_000)
    assert autobackup.list_backups(path)[0].reason == "daily"
    qtbot.waitUntil(lambda: "已自动备份" in file_window.statusBar().currentMessage(), timeout=5000)


def test_backups_tab_lists_backs_up_now_and_opens_the_folder(file_window, qtbot, monkeypatch):
    qtbot.waitUntil(lambda: len(autobackup.list_backups(file_window.ws.path)) == 1, timeout=10_000)
    tab = _backups_tab(file_window)
    tab.reload()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "每日自动备份"
    tab.now_button.click()
    assert tab.table.rowCount() == 2 and tab.table.item(0, 1).text() == "手动备份"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    tab.open_button.click()
    assert opened == [str(autobackup.folder_for(file_window.ws.path))]
    file_window.grab().save("/tmp/backups_tab.png")


def test_restore_from_the_tab_brings_the_backup_back_and_the_window_reloads(file_window, qtbot, monkeypatch):
    ws = file_window.ws
    tab = _backups_tab(file_window)
    tab.now_button.click()
    ws.plans.create(year=2026, title="备份之后的计划")
    file_window.reload_plans()
    assert file_window.plan_combo.count() == 2
    tab.reload()
    row = next(i for i, b in enumerate(tab.backups) if b.reason == "manual")
    tab.table.selectRow(row)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.restore_button.click()
    assert [p.title for p in ws.plans.list()] == ["第一个计划"]
    assert file_window.plan_combo.count() == 1
    assert ws.undo_status().undo_label is None  # history of the replaced data cannot be undone
    assert any(b.reason == "before-restore" for b in autobackup.list_backups(ws.path))


def test_a_restore_from_the_command_line_is_noticed_by_the_open_window(file_window, qtbot, tmp_path):
    ws = file_window.ws
    copy = backup(ws.conn, tmp_path / "copy.db")
    ws.plans.create(year=2026, title="恢复后会消失")
    file_window.reload_plans()
    assert file_window.plan_combo.count() == 2
    res = run_cli("restore", str(copy), db=ws.path)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    qtbot.waitUntil(lambda: file_window.plan_combo.count() == 1, timeout=5000)
    assert "已被恢复" in file_window.statusBar().currentMessage()
    assert not file_window.act_undo.isEnabled()


def test_an_edit_waits_for_another_writer_and_the_window_says_so(file_window, qtbot):
    ws = file_window.ws
    messages = []
    file_window.statusBar().messageChanged.connect(messages.append)
    taken = threading.Event()

    def hold():
        c = sqlite3.connect(ws.path, isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(1.5)
        c.execute("COMMIT")
        c.close()

    threading.Thread(target=hold, daemon=True).start()
    assert taken.wait(5)
    file_window.plan_actions._run(lambda: ws.plans.create(year=2026, title="等待后保存"), "已新建计划")
    assert any("正在等待" in m for m in messages)
    assert "等待后保存" in [p.title for p in ws.plans.list()]


def test_read_only_database_is_marked_in_the_window_and_edits_are_refused(qtbot, read_only_folder, settings, monkeypatch):
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    def fill(folder):
        w = Workspace.open(folder / "a.db")
        w.plans.create(year=2026, title="只读计划")
        w.close()

    folder = read_only_folder(fill)
    make_app()
    ws = Workspace.open(folder / "a.db")
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    w.show()
    assert "只读" in w.windowTitle() and "只能查看" in w.watch.read_only_label.text()
    assert not w.act_new_task.isEnabled() and not w.act_import.isEnabled() and w.act_export.isEnabled()
    shown = []
    monkeypatch.setattr("gongkai_desk.ui.ops.show_error", lambda parent, text, title="": shown.append(text))
    w.plan_actions._run(lambda: ws.plans.create(year=2026, title="x"))
    assert shown and "只能查看" in shown[0]
    ws.close()


def test_network_share_is_warned_about_once_and_copied_to_the_local_folder(file_window, monkeypatch, isolated_home):
    from gongkai_desk.ui.settings import network

    boxes, reopened = [], []

    def fake_exec(box):
        boxes.append(box.text())
        box_buttons = [b for b in box.buttons() if b.text().startswith("复制")]
        box.clickedButton = lambda: box_buttons[0]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(network, "reopen_on", reopened.append)
    assert network.warn_about_network_share(file_window, kind="网络文件系统（cifs）")
    assert "可能损坏" in boxes[0] and "cifs" in boxes[0]
    assert reopened == [isolated_home / "gongkai-desk.db"]
    copy = Workspace.open(reopened[0])
    assert [p.title for p in copy.plans.list()] == ["第一个计划"]
    copy.close()
    assert not network.warn_about_network_share(file_window, kind="网络文件系统（cifs）")  # once
    assert len(boxes) == 1


def test_a_change_made_by_another_program_shows_in_the_open_window(file_window, qtbot, tmp_path):
    """collect --accept on the command line, or a second window: the open window shows the new data
    within a moment and keeps its own undo history."""
    ws = file_window.ws
    pid = ws.plans.list()[0].id
    ws.tasks.add(pid, text="窗口里新建的任务")
    file_window.reload_plans(select=pid)
    assert file_window.act_undo.isEnabled()
    other = Workspace.open(ws.path)
    other.tasks.add(pid, text="命令行加的任务")
    other.close()
    view = file_window.plan_view
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=5000)
    assert "其他程序" in file_window.statusBar().currentMessage()
    assert file_window.act_undo.isEnabled()
