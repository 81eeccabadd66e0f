"""The 总览 page with real widgets: figures, lists that open the task, 催办 recorded and undone,
the date chooser, the banner of a year without holiday data, and the Excel export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.reports.overview import build_overview
from gongkai_desk.ui.pages import NAV
from tests.ui.conftest import answer_modal


def _open(window, ws, tasks=30, year=2026):
    pid = make_demo(ws, tasks=tasks, year=year).id
    window.reload_plans(select=pid)
    window.nav.setCurrentRow(NAV["overview"])
    return pid, window.page("overview")


def test_figures_lists_and_opening_a_task(window, ws, qtbot):
    from gongkai_desk.ui.overview.overview_page import OverviewPage

    pid, page = _open(window, ws)
    assert isinstance(window.stack.currentWidget(), OverviewPage)
    ov = build_overview(ws, pid)
    assert f"任务 <b>{ov.tasks}</b> 项" in page.summary.text()
    model = page.overdue.model()
    assert page.tabs.tabText(0) == f"逾期（{ov.overdue}）" and model.rowCount() == ov.overdue
    assert [b.label for b in page.unit_chart.bars] == [u.unit for u in ov.units]
    assert page.legend.text().endswith(ov.rule.text())
    first = model.index(0, 6)
    assert first.data() == "红 · 逾期"
    assert "提醒规则：红：已过期限且未完成" in first.data(Qt.ItemDataRole.ToolTipRole)
    # 序时进度 beside the due date (a dated task past its date: 100%)
    assert ov.overdue_list[0].due.elapsed == 1.0
    assert "\n序时进度100%（期限已过去的比例）" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert "序时进度100%" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    task_id = first.data(Qt.ItemDataRole.UserRole)
    page.overdue.doubleClicked.emit(first)
    assert window.stack.currentWidget() is window.plan_page
    assert window.plan_view.selected_task_id() == task_id
    assert window.detail.task.id == task_id


def test_date_chooser_gives_the_figures_of_that_day(window, ws):
    pid, page = _open(window, ws)
    page.date_edit.setDate(QDate(2026, 6, 1))
    ov = build_overview(ws, pid, dt.date(2026, 6, 1))
    assert page.overview.date == dt.date(2026, 6, 1)
    assert page.tabs.tabText(0) == f"逾期（{ov.overdue}）"
    assert ov.overdue < build_overview(ws, pid).overdue  # fewer deadlines had passed by June
    assert "截至 <b>2026年6月1日</b>" in page.summary.text()


def test_chase_is_recorded_counted_and_undone(window, ws, qtbot):
    pid, page = _open(window, ws)
    page.tabs.setCurrentIndex(0)
    groups = {u.name for u in ws.units.all() if u.is_group}  # groups are not ranked: chase a unit
    model = page.overdue.model()
    item = next(model.index(r, 2) for r in range(model.rowCount()) if model.index(r, 2).data() not in groups)
    page.overdue.setCurrentIndex(item)
    unit, task_id = item.data(), item.data(Qt.ItemDataRole.UserRole)
    assert page.chase_button.isEnabled()

    def fill(dialog):
        dialog.way.setCurrentText("电话")
        dialog.person.setText("办公室王科长")
        dialog.answer.setPlainText("本周五前报送")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer_modal(qtbot, fill)
    page.chase_button.click()
    [record] = ws.chasing.records(plan_id=pid)
    assert (record.unit_name, record.way, record.person, record.answer) == (unit, "电话", "办公室王科长", "本周五前报送")
    assert task_id in record.task_ids
    row = next(page.ranking.topLevelItem(i) for i in range(page.ranking.topLevelItemCount())
               if page.ranking.topLevelItem(i).text(1) == unit)
    assert row.text(6) == "1"
    assert window.act_undo.text() == f"撤销 电话催办{unit}"
    window.act_undo.trigger()
    assert ws.chasing.records(plan_id=pid) == []
    row = next(page.ranking.topLevelItem(i) for i in range(page.ranking.topLevelItemCount())
               if page.ranking.topLevelItem(i).text(1) == unit)
    assert row.text(6) == "0"
    # The record (and its undo) are in the task's history on the 计划 page.
    window.act_redo.trigger()
    window.nav.setCurrentRow(NAV["plans"])
    window.plan_view.select_task(task_id)
    history = window.detail.history
    labels = [history.topLevelItem(i).text(1).split("\n")[0] for i in range(history.topLevelItemCount())]
    assert labels[:3] == [f"重做 电话催办{unit}", f"撤销 电话催办{unit}", f"电话催办{unit}"]


def test_no_data_year_banner(window, ws):
    _pid, page = _open(window, ws, tasks=10, year=2027)
    assert not page.banner.isHidden()
    assert page.banner.text().startswith("2027年节假日安排尚未载入，工作日按周一至周五计算")
    window.nav.setCurrentRow(NAV["plans"])
    assert not window.plan_view.banner.isHidden()


def test_export_overview_workbook_has_native_charts(window, ws, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _pid, page = _open(window, ws)
    out = tmp_path / "总览.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.export_xlsx.click()
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["总览", "逾期与临近期限", "通报排名", "完成进度"]
    assert "已导出落实情况总览" in window.statusBar().currentMessage()
    _offered(out)


def _offered(path):
    """The non-blocking 导出完成 box offering 打开文件 / 打开所在文件夹 for ``path``."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
             and str(path) in w.text()]
    assert boxes and {b.text() for b in boxes[-1].buttons()} >= {"打开文件", "打开所在文件夹"}
    for b in boxes:
        b.close()


def test_all_notices_go_to_the_remembered_folder_and_offer_to_open(window, ws, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _pid, page = _open(window, ws)
    asked = []

    def choose(parent, title, start=""):
        asked.append(start)
        return str(tmp_path / "催办")

    (tmp_path / "催办").mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    page.notices_button.click()
    written = sorted((tmp_path / "催办").glob("*.docx"))
    assert written and "份催办通知" in window.statusBar().currentMessage()
    _offered(written[0].parent)
    page.notices_button.click()
    assert asked == ["", str(tmp_path / "催办")]  # the second time it starts where the first went


def test_task_table_lights_follow_the_first_paint(qtbot, ws, settings, tmp_path):
    """At start-up the first screenful is painted without the 提醒 column; the lights fill it once
    the window has its workspace (right after the first paint)."""

    from gongkai_desk.core.first_screen import read_first_screen
    from gongkai_desk.core.workspace import Workspace
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow
    from gongkai_desk.ui.plans.task_table import COL_LIGHT

    path = tmp_path / "lights.db"
    disk = Workspace.open(path)
    make_demo(disk, tasks=20, year=2026)
    disk.close()
    make_app()
    from gongkai_desk.core.storage.opening import open_file

    opened = open_file(path)  # as app.run opens it
    conn = opened.conn
    first = read_first_screen(conn, None)
    w = MainWindow(settings=settings, start=(opened, str(path), first))
    qtbot.addWidget(w)
    assert w.plan_view.model is None  # the first screenful is the first frame's: no lights
    assert {w.plan_view.proxy.index(r, COL_LIGHT).data() or "" for r in range(10)} == {""}
    w.show()
    qtbot.waitUntil(lambda: w.plan_view.model is not None and w.plan_view.model.lights is not None, timeout=5000)
    model = w.plan_view.model
    assert {model.data(model.index(r, COL_LIGHT)) for r in range(model.rowCount())} >= {"红 · 逾期"}
    w.close()
    w.ws.close()