"""The collect review screen, driven through its widgets and checked on the widget and the database."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from gongkai_desk.ui.exchange.collect_dialog import CollectDialog
from gongkai_desk.ui.ops import Bus
from tests.core.exchange.feedback_fixture import export, make_plan
from tests.core.exchange.feedback_helpers import fill


@pytest.fixture
def returned(ws, tmp_path):
    plan = make_plan(ws)
    files = export(ws, plan, tmp_path / "收回")
    fill(files["区财政局"], {plan.tasks[0]: {"status": "已完成", "done": "已公开政策20条。"}})
    fill(files["区教育局"], {plan.tasks[2]: {"status": "差不多了", "next_steps": "年底前完成。"}},
         signers={"filled_by": "赵六"})
    (tmp_path / "收回" / "坏了.xlsx").write_bytes(b"PK\x03\x04broken")
    return plan, files


@pytest.fixture
def dialog(qtbot, ws, settings, returned):
    plan, _ = returned
    bus = Bus()
    d = CollectDialog(None, ws, bus, plan.plan_id, settings)
    qtbot.addWidget(d)
    d.resize(1366, 768)
    d.show()
    return d


def _rows(d):
    return {d.file_list.topLevelItem(i).text(0): d.file_list.topLevelItem(i).text(1)
            for i in range(d.file_list.topLevelItemCount())}


def _select(d, unit: str) -> None:
    for i in range(d.file_list.topLevelItemCount()):
        if d.file_list.topLevelItem(i).text(0) == unit:
            d.file_list.setCurrentItem(d.file_list.topLevelItem(i))


def test_review_screen_lists_files_changes_and_problems_then_accepts_what_is_ticked(dialog, ws, returned):
    plan, files = returned
    dialog.add_paths([str(files["区财政局"].parent)])
    assert _rows(dialog) == {"区财政局": "2处修改", "区教育局": "1处修改，有问题", "（无法识别）": "未收集"}
    _select(dialog, "区教育局")
    table = dialog.changes
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(1, 5)] == ["3", "下步计划", "（空）", "年底前完成。"]
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("差不多了" in p for p in problems)
    assert dialog.fixes_button.isEnabled()

    _select(dialog, "区财政局")
    assert dialog.changes.rowCount() == 2
    done_row = next(r for r in range(2) if dialog.changes.item(r, 2).text() == "落实情况")
    dialog.changes.item(done_row, 0).setCheckState(Qt.CheckState.Unchecked)  # not this one
    assert "已勾选2份文件的2处修改" in dialog.summary.text()
    dialog.accept_button.click()

    fin = ws.progress.row(plan.tasks[0], plan.finance)
    assert (fin["status"], fin["done"]) == ("已完成", "已公开政策12条。")
    assert ws.progress.row(plan.tasks[2], plan.education)["next_steps"] == "年底前完成。"
    assert ws.undo_status().undo_label == "接受2份反馈表"
    # after accepting, the screen shows who has answered
    assert dialog.tabs.currentWidget() is dialog.status_view
    view = dialog.status_view.table
    states = {view.item(r, 0).text(): view.item(r, 1).text() for r in range(view.rowCount())}
    assert states == {"区财政局": "已返回", "区教育局": "有问题"}
    assert "已返回 1 · 有问题 1 · 未返回 0" == dialog.status_view.summary.text()
    # and the files now read as collected
    assert _rows(dialog)["区财政局"] == "默认不收集"

    ws.undo()
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "推进中"


def test_unticking_a_file_leaves_it_out_and_picking_a_units_other_file_swaps(dialog, ws, returned, tmp_path):
    plan, files = returned
    again = export(ws, plan, tmp_path / "第二轮", unit_ids=[plan.finance])["区财政局"]
    fill(again, {plan.tasks[0]: {"status": "阶段性完成"}})
    dialog.add_paths([str(files["区财政局"]), str(again)])
    items = [dialog.file_list.topLevelItem(i) for i in range(dialog.file_list.topLevelItemCount())]
    first, second = sorted(items, key=lambda it: it.toolTip(2) != str(files["区财政局"]))
    assert first.checkState(0) == Qt.CheckState.Unchecked and second.checkState(0) == Qt.CheckState.Checked
    first.setCheckState(0, Qt.CheckState.Checked)  # the clerk picks the first round's file
    assert second.checkState(0) == Qt.CheckState.Unchecked
    dialog.accept_button.click()
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "已完成"


def test_dropping_files_adds_them(dialog, returned, qtbot):
    plan, files = returned
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files["区教育局"])), QUrl.fromLocalFile("/tmp/不是表格.txt")])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    assert _rows(dialog) == {"区教育局": "1处修改，有问题"}


def test_send_back_workbook_from_the_screen(dialog, returned, monkeypatch, tmp_path):
    plan, files = returned
    dialog.add_paths([str(files["区教育局"])])
    target = tmp_path / "退回" / "区教育局-退回修改.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.fixes_button.click()
    assert target.is_file()
    from openpyxl import load_workbook

    assert load_workbook(target)["反馈表"]["A4"].value.startswith("【退回修改】")


def test_no_round_yet_says_what_to_do(qtbot, ws, settings):
    pid = ws.plans.create(year=2026, title="空计划").id
    d = CollectDialog(None, ws, Bus(), pid, settings)
    qtbot.addWidget(d)
    assert not d.accept_button.isEnabled()
    assert "还没有发放过反馈表" in d.status_view.empty.text() and not d.status_view.table.isVisibleTo(d)
