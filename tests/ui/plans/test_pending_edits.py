"""Text still being typed is saved exactly once before any action, and actions never crash the
window by reloading the task table inside its own selection handling (review findings 1, 5, 14, 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from gongkai_desk.core.model import Role, Status
from tests.ui.conftest import type_text


def _plan(ws, window, n=3):
    pid = ws.plans.create(year=2026, title="计划").id
    unit = ws.units.add("区财政局").id
    ids = []
    for i in range(n):
        t = ws.tasks.add(pid, text=f"任务{i}", number=str(i + 1), deadline="年底前").id
        ws.progress.assign(t, unit, Role.LEAD)
        ids.append(t)
    ws.undo_stack.clear()
    window.reload_plans(select=pid)
    window.plan_view.select_task(ids[0])
    return ids


def _toolbar_button(window, action) -> QToolButton:
    return window.toolbar.widgetForAction(action)


def test_typing_then_move_down_saves_text_and_moves(window, qtbot, ws):
    ids = _plan(ws, window)
    type_text(window.detail.done_edit, "已公开预决算")
    window.act_down.trigger()  # Ctrl+Down: used to reload the table inside setCurrentIndex and crash
    QApplication.processEvents()
    assert ws.progress.of_task(ids[0])[0].done == "已公开预决算"
    assert [t.id for t in ws.tasks.of_plan(ws.plans.list()[0].id)][:2] == [ids[1], ids[0]]
    assert window.plan_view.selected_task_id() == ids[0]


def test_typing_then_redo_button_saves_text(window, qtbot, ws):
    ids = _plan(ws, window)
    d = window.detail
    d.status_combo.setCurrentText("推进中")
    d.status_combo.activated.emit(d.status_combo.currentIndex())
    window.act_undo.trigger()
    type_text(d.done_edit, "落实情况文字")
    qtbot.mouseClick(_toolbar_button(window, window.act_redo), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert ws.progress.of_task(ids[0])[0].done == "落实情况文字"  # typing is a new edit: it wins over redo


def test_typed_deadline_then_undo_button_undoes_the_typing_only(window, qtbot, ws):
    ids = _plan(ws, window)
    d = window.detail
    d.status_combo.setCurrentText("推进中")
    d.status_combo.activated.emit(d.status_combo.currentIndex())
    d.deadline_edit.setFocus()
    d.deadline_edit.selectAll()
    type_text(d.deadline_edit, "6月底前")
    qtbot.mouseClick(_toolbar_button(window, window.act_undo), Qt.MouseButton.LeftButton)
    assert ws.tasks.get(ids[0]).deadline.phrase == "年底前"
    assert ws.progress.of_task(ids[0])[0].status is Status.IN_PROGRESS  # the earlier edit is kept
    assert window.act_redo.text() == "重做 修改任务完成时限"
    labels = [e.label for e in ws.history(task_id=ids[0])]
    assert "修改任务完成时限" in labels and "撤销 修改任务完成时限" in labels


def test_emptied_task_text_is_refused_and_the_field_shows_the_stored_text(window, monkeypatch, ws):
    ids = _plan(ws, window)
    shown = []
    monkeypatch.setattr("gongkai_desk.ui.ops.show_error", lambda parent, text, title="": shown.append(text))
    edit = window.detail.text_edit
    edit.setFocus()
    edit.selectAll()
    edit.clear()
    edit.commit()
    assert shown and "不能为空" in shown[0]
    assert ws.tasks.get(ids[0]).text == "任务0"
    assert edit.toPlainText() == "任务0"


def test_narrative_typed_just_before_closing_is_saved(window, ws):
    from gongkai_desk.ui.pages import NAV

    window.nav.setCurrentRow(NAV["annual"])
    view = window.page("annual")
    type_text(view.narrative.editors["一"], "本年度共主动公开政府信息1200条。")
    window.close()
    assert ws.annual.texts(view.year)["一"] == "本年度共主动公开政府信息1200条。"


def test_toolbar_undo_button_stays_short_while_the_menu_names_the_action(window, ws):
    _plan(ws, window)
    window.detail.status_combo.setCurrentText("已完成")
    window.detail.status_combo.activated.emit(window.detail.status_combo.currentIndex())
    assert window.act_undo.text() == "撤销 修改区财政局完成状态"
    assert _toolbar_button(window, window.act_undo).text() == "撤销"
    assert window.act_undo.toolTip() == "撤销 修改区财政局完成状态"


def test_typing_then_switching_plan_saves_to_the_task_being_left(window, ws):
    ids = _plan(ws, window)
    first = window.plan_id
    other = ws.plans.create(year=2025, title="另一个计划").id
    window.reload_plans(select=first)
    window.plan_view.select_task(ids[0])
    type_text(window.detail.done_edit, "切换前输入的落实情况")
    index = window.plan_combo.findData(other)
    window.plan_combo.setCurrentIndex(index)
    window.plan_combo.activated.emit(index)
    QApplication.processEvents()
    assert ws.progress.of_task(ids[0])[0].done == "切换前输入的落实情况"
    assert window.plan_id == other and window.plan_view.model.rowCount() == 0


def test_section_filter_survives_an_edit(window, ws):
    pid = ws.plans.create(year=2026, title="计划").id
    a = ws.plans.add_section(pid, number="一", title="甲部分").id
    b = ws.plans.add_section(pid, number="二", title="乙部分").id
    unit = ws.units.add("区财政局").id
    for sec, n in ((a, 2), (b, 3)):
        for i in range(n):
            ws.progress.assign(ws.tasks.add(pid, section_id=sec, text=f"任务{sec}-{i}").id, unit, Role.LEAD)
    window.reload_plans(select=pid)
    window.sections.setCurrentIndex(window.sections.model_.item(0).child(1).index())
    assert window.plan_view.proxy.rowCount() == 3
    window.plan_view.table.selectRow(0)
    d = window.detail
    d.status_combo.setCurrentText("已完成")
    d.status_combo.activated.emit(d.status_combo.currentIndex())
    QApplication.processEvents()
    assert window.plan_view.proxy.rowCount() == 3
    assert window.plan_view.count_label.text() == "显示 3 / 5 项"
    ws_section = window.sections.current_section_id()
    window.act_undo.trigger()
    QApplication.processEvents()
    assert window.sections.current_section_id() == ws_section == b
    assert window.plan_view.proxy.rowCount() == 3


def test_deleting_the_filtered_section_shows_the_whole_plan(window, ws, monkeypatch):
    pid = ws.plans.create(year=2026, title="计划").id
    a = ws.plans.add_section(pid, number="一", title="甲部分").id
    b = ws.plans.add_section(pid, number="二", title="乙部分").id
    ws.tasks.add(pid, section_id=a, text="甲任务")
    ws.tasks.add(pid, section_id=b, text="乙任务")
    window.reload_plans(select=pid)
    window.sections.setCurrentIndex(window.sections.model_.item(0).child(1).index())
    monkeypatch.setattr("gongkai_desk.ui.plans.actions.confirm", lambda *a, **k: True)

    window.plan_actions.section_action("delete", b)
    QApplication.processEvents()
    assert window.sections.current_section_id() is None
    assert window.plan_view.proxy.rowCount() == 1


def test_annual_cell_being_typed_is_saved_before_toolbar_undo(window, qtbot, ws):
    from gongkai_desk.ui.pages import NAV
    from gongkai_desk.ui.ops import run_op
    from tests.ui.annual.test_annual_view import REVIEW, open_editor

    window.nav.setCurrentRow(NAV["annual"])
    view = window.page("annual")
    k1, k2 = REVIEW[0], REVIEW[1]
    run_op(window, window.bus, lambda: ws.annual.set_stats_cells(view.year, {k1: "3"}, label="改k1"))
    editor = open_editor(qtbot, view, k2)
    type_text(editor, "7")
    qtbot.mouseClick(_toolbar_button(window, window.act_undo), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    cells = ws.annual.stats_cells(view.year)
    assert cells[k1] == "3"  # the earlier edit is kept; the typing was saved, then undone
    assert cells.get(k2) is None
    assert window.act_redo.text().startswith("重做 ")
    assert "改k1" not in window.act_redo.text()


def test_annual_issuer_being_typed_is_saved_before_toolbar_undo(window, qtbot, ws):
    from gongkai_desk.ui.pages import NAV

    window.nav.setCurrentRow(NAV["annual"])
    view = window.page("annual")
    ws.annual.set_text(view.year, "一", "总体情况")
    window.update_undo_actions()
    type_text(view.narrative.issuer, "示例区政府办")
    qtbot.mouseClick(_toolbar_button(window, window.act_undo), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert ws.annual.texts(view.year)["一"] == "总体情况"  # not the earlier edit
    assert window.act_redo.text() == "重做 修改年报信息"
