"""The task table as a clerk who lives in Excel/WPS uses it: select many rows, change them in one
undoable step, edit in the cell, copy as TSV, paste through the import preview, find and replace,
zoom; asserted on the widgets and on the database."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.model import Role, Status
from gongkai_desk.ui.plans.task_table import COL_DEADLINE, COL_FLAGS, COL_NUMBER, COL_STATUS, COL_TEXT, TaskIdRole
from tests.ui.conftest import answer_modal, type_text


def click_row(qtbot, view, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = view.table.visualRect(view.proxy.index(row, COL_TEXT))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def plan_with_tasks(ws, n: int = 6):
    pid = ws.plans.create(year=2026, title="2026年政务公开工作要点").id
    fin, jus = ws.units.add("区财政局").id, ws.units.add("区司法局").id
    tids = []
    for i in range(1, n + 1):
        tid = ws.tasks.add(pid, text=f"做好第{i}项公开工作。", number=str(i), deadline="年底前").id
        ws.progress.assign(tid, fin, Role.LEAD)
        if i % 2:
            ws.progress.assign(tid, jus)
        tids.append(tid)
    ws.undo_stack.clear()
    return pid, tids, fin, jus


def menu_action(menu, *path: str):
    """The action reached by the menu texts ``path`` (submenus by their title's start)."""
    for text in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith(text))
    return next(a for a in menu.actions() if a.text().startswith(path[-1]))


def test_multi_select_batch_status_is_one_undoable_step(window, qtbot, ws):
    pid, tids, fin, jus = plan_with_tasks(ws)
    window.reload_plans(select=pid)
    view = window.plan_view
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 2, Qt.KeyboardModifier.ShiftModifier)  # rows 1–3
    click_row(qtbot, view, 4, Qt.KeyboardModifier.ControlModifier)  # and row 5
    assert view.selected_task_ids() == [tids[0], tids[1], tids[2], tids[4]]
    assert "已选 4项" in window.status_label.text()
    menu = window.grid_actions.build_menu()
    assert menu_action(menu, "设置完成状态").text() == "设置完成状态（所选4项任务）"
    menu_action(menu, "设置完成状态", "已完成").trigger()
    done = [[a.status for a in ws.progress.of_task(t)] for t in tids]
    assert done[0] == done[2] == done[4] == [Status.DONE, Status.DONE] and done[1] == [Status.DONE]
    assert done[3] == [Status.NOT_STARTED]
    assert [view.proxy.index(r, COL_STATUS).data() for r in range(5)] == ["已完成"] * 3 + ["未启动", "已完成"]
    assert window.act_undo.text() == "撤销 批量设置4项任务的完成状态"
    assert view.selected_task_ids() == [tids[0], tids[1], tids[2], tids[4]]  # the selection stays
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(a.status is Status.NOT_STARTED for t in tids for a in ws.progress.of_task(t))
    assert view.proxy.index(0, COL_STATUS).data() == "未启动"

    # 只设置其中一个单位…: the chosen unit only, on the tasks that have it
    view.table.selectAll()
    def fill(d):
        d.unit.setCurrentIndex(d.unit.findData(jus))
        d.status_combo.setCurrentText("推进中")
        assert "6项任务中“区司法局”的完成状态设为“推进中”" in d.sentence.text()
        d.accept()

    answer_modal(qtbot, fill)
    menu_action(window.grid_actions.build_menu(), "设置完成状态", "只设置其中一个单位").trigger()
    assert [a.status.value for a in ws.progress.of_task(tids[0])] == ["未启动", "推进中"]
    assert window.act_undo.text() == "撤销 批量设置3项任务的完成状态"


def test_add_and_remove_a_unit_and_delete_many_from_the_menu(window, qtbot, ws):
    pid, tids, fin, jus = plan_with_tasks(ws)
    window.reload_plans(select=pid)
    view = window.plan_view
    view.select_tasks(tids[:3], current=tids[0])

    def pick(d):
        d.unit.setEditText("区教育局")
        d.accept()

    answer_modal(qtbot, pick)
    menu_action(window.grid_actions.build_menu(), "添加单位").trigger()
    assert all("区教育局" in [a.unit_name for a in ws.progress.of_task(t)] for t in tids[:3])
    assert window.act_undo.text() == "撤销 为3项任务添加责任单位「区教育局」"
    assert "区教育局" in view.proxy.index(0, 3).data()
    menu_action(window.grid_actions.build_menu(), "移除单位", "区司法局（2项）").trigger()
    assert [a.unit_name for a in ws.progress.of_task(tids[0])] == ["区财政局", "区教育局"]

    answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.activateWindow()  # the unit dialog had the focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert [t.text for t in ws.tasks.of_plan(pid)] == [f"做好第{i}项公开工作。" for i in (4, 5, 6)]
    assert window.act_undo.text() == "撤销 删除3项任务"
    window.act_undo.trigger()
    assert len(ws.tasks.of_plan(pid)) == 6 and view.model.rowCount() == 6


def test_in_cell_editing_of_status_deadline_and_text_with_f2(window, qtbot, ws):
    pid, tids, fin, jus = plan_with_tasks(ws, 3)
    window.reload_plans(select=pid)
    view, table = window.plan_view, window.plan_view.table
    view.select_task(tids[0])

    index = view.proxy.index(0, COL_STATUS)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.indexWidget(index)
    assert isinstance(combo, QComboBox) and combo.currentText() == "未启动"
    combo.setCurrentText("已完成")
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)
    assert [a.status for a in ws.progress.of_task(tids[0])] == [Status.DONE, Status.DONE]  # every unit of the task
    assert view.proxy.index(0, COL_STATUS).data() == "已完成"
    assert window.detail.heading.text().endswith("已完成")  # the detail pane follows
    assert window.act_undo.text() == "撤销 设置任务1的完成状态为已完成"

    index = view.proxy.index(0, COL_DEADLINE)
    table.setCurrentIndex(index)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.indexWidget(index)
    assert isinstance(editor, QLineEdit) and editor.text() == "年底前"
    editor.selectAll()
    type_text(editor, "9月底前")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)
    assert ws.tasks.get(tids[0]).deadline.date.isoformat() == "2026-09-30"
    assert window.detail.deadline_edit.text() == "9月底前"

    table.setFocus()
    table.setCurrentIndex(view.proxy.index(0, 2))  # 牵头单位: not edited in the cell
    window.act_edit.trigger()  # F2 from the menu: then the task text, in its cell
    index = view.proxy.index(0, COL_TEXT)
    editor = table.indexWidget(index)
    assert isinstance(editor, QPlainTextEdit) and editor.toPlainText() == "做好第1项公开工作。"
    editor.selectAll()
    type_text(editor, "做好财政预决算公开。")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)
    assert ws.tasks.get(tids[0]).text == "做好财政预决算公开。"
    assert view.proxy.index(0, COL_TEXT).data() == "做好财政预决算公开。"
    assert window.detail.text_edit.toPlainText() == "做好财政预决算公开。"
    assert window.act_undo.text() == "撤销 修改任务内容"


def test_ctrl_c_copies_the_selected_rows_as_tsv_with_a_header(window, qtbot, ws):
    pid, tids, fin, jus = plan_with_tasks(ws, 4)
    ws.tasks.update(tids[2], text='推进"放管服"改革\n信息公开')
    ws.tasks.update(tids[0], flags=["no_units"])
    window.reload_plans(select=pid)
    view = window.plan_view
    view.select_tasks([tids[0], tids[2]], current=tids[0])
    view.table.setFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    from gongkai_desk.ui.plans.task_table import COL_LIGHT

    light = {tid: view.model.data(view.model.index(view.model.row_of(tid), COL_LIGHT)) for tid in tids}
    assert light[tids[0]].startswith(("绿", "黄", "红"))  # the light with its word, as the table shows it
    assert QApplication.clipboard().text() == (
        "序号\t任务内容\t牵头单位\t责任单位\t完成时限\t完成状态\t提醒\t待确认\r\n"
        f"1\t做好第1项公开工作。\t区财政局\t区司法局\t年底前\t未启动\t{light[tids[0]]}\t待确认\r\n"
        f'3\t"推进""放管服""改革\n信息公开"\t区财政局\t区司法局\t年底前\t未启动\t{light[tids[2]]}\t\r\n')
    assert window.statusBar().currentMessage().startswith("已复制2项任务")


def test_ctrl_v_adds_rows_copied_from_excel_through_the_import_preview(window, qtbot, ws):
    from gongkai_desk.ui.imports.import_dialog import ImportDialog

    pid, tids, fin, jus = plan_with_tasks(ws, 3)
    window.reload_plans(select=pid)
    view = window.plan_view
    view.select_task(tids[2])
    QApplication.clipboard().setText(
        "序号\t任务内容\t牵头单位\t责任单位\t完成时限\r\n"
        "1\t做好政府信息公开年报发布。\t区政府办\t区各部门\t1月底前\r\n"
        "2\t做好政策解读。\t区司法局\t\t年底前\r\n")
    seen = {}

    def fill(d):
        assert isinstance(d, ImportDialog) and d.pages.currentIndex() == 1
        assert d.as_append.isVisible() and d.as_append.isChecked() and d.import_button.text() == "添加"
        assert d.summary.text().startswith("识别任务2项")
        seen["ok"] = True
        d.import_button.click()

    answer_modal(qtbot, fill)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert seen.get("ok")
    tasks = ws.tasks.of_plan(pid)
    assert [(t.number, t.text) for t in tasks[3:]] == [("4", "做好政府信息公开年报发布。"), ("5", "做好政策解读。")]
    assert tasks[3].lead_units == ("区政府办",) and tasks[4].lead_units == ("区司法局",)
    assert len(ws.plans.list()) == 1 and view.model.rowCount() == 5
    assert window.act_undo.text() == "撤销 粘贴2项任务"
    window.act_undo.trigger()
    assert len(ws.tasks.of_plan(pid)) == 3 and ws.units.find("区政府办") is None


def test_find_and_replace_over_task_and_progress_texts_then_undo(window, qtbot, ws):
    pid, tids, fin, jus = plan_with_tasks(ws, 3)
    ws.progress.set(tids[1], fin, done="第2项公开工作已完成，见政府网站。")
    window.reload_plans(select=pid)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.grid_actions._find_dialog
    assert dialog.isVisible()
    type_text(dialog.find_edit, "公开工作")
    assert dialog.result.text() == "找到4处，在3项任务中。"
    dialog.find_button.click()
    dialog.find_button.click()
    assert window.plan_view.selected_task_id() == tids[1]
    type_text(dialog.replace_edit, "政务公开工作")
    dialog.replace_button.click()
    assert [t.text for t in ws.tasks.of_plan(pid)] == [f"做好第{i}项政务公开工作。" for i in (1, 2, 3)]
    assert ws.progress.of_task(tids[1])[0].done == "第2项政务公开工作已完成，见政府网站。"
    assert window.plan_view.proxy.index(0, COL_TEXT).data() == "做好第1项政务公开工作。"
    assert window.act_undo.text() == "撤销 替换“公开工作”为“政务公开工作”（4处）"
    dialog.close()
    window.act_undo.trigger()
    assert [t.text for t in ws.tasks.of_plan(pid)] == [f"做好第{i}项公开工作。" for i in (1, 2, 3)]
    assert ws.progress.of_task(tids[1])[0].done == "第2项公开工作已完成，见政府网站。"


def test_renumber_after_reordering_and_duplicates_are_warned(window, qtbot, ws):
    pid, tids, fin, jus = plan_with_tasks(ws, 4)
    ws.tasks.update(tids[3], number="2")  # a number typed twice
    window.reload_plans(select=pid)
    view = window.plan_view
    assert view.notice.isVisible() and "序号重复：2" in view.notice.text()
    assert view.proxy.index(1, COL_NUMBER).data(Qt.ItemDataRole.ForegroundRole) is not None
    view.select_task(tids[2])
    window.act_up.trigger()
    assert [view.proxy.index(r, COL_NUMBER).data() for r in range(4)] == ["1", "3", "2", "2"]
    answer_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.act_renumber.trigger()
    assert [(t.number, t.text) for t in ws.tasks.of_plan(pid)] == [
        ("1", "做好第1项公开工作。"), ("2", "做好第3项公开工作。"), ("3", "做好第2项公开工作。"), ("4", "做好第4项公开工作。")]
    assert [view.proxy.index(r, COL_NUMBER).data() for r in range(4)] == ["1", "2", "3", "4"]
    assert view.notice.isHidden()
    assert window.act_undo.text() == "撤销 重新编号"
    window.act_undo.trigger()
    assert [view.proxy.index(r, COL_NUMBER).data() for r in range(4)] == ["1", "3", "2", "2"]


def test_numbers_restarting_per_section_show_their_section(window, ws):
    pid = ws.plans.create(year=2026, title="计划").id
    one = ws.plans.add_section(pid, title="推进决策公开", number="一").id
    two = ws.plans.add_section(pid, title="推进政策解读", number="二").id
    for section in (one, two):
        for n in ("1", "2"):
            ws.tasks.add(pid, section_id=section, text=f"任务{section}-{n}", number=n)
    window.reload_plans(select=pid)
    view = window.plan_view
    assert [view.proxy.index(r, COL_NUMBER).data() for r in range(4)] == ["一.1", "一.2", "二.1", "二.2"]
    assert view.notice.isHidden()


def test_flagged_tasks_keep_their_mark_filter_and_confirm(window, qtbot, ws):
    pid, tids, fin, jus = plan_with_tasks(ws, 4)
    ws.tasks.update(tids[1], flags=["units_inherited"])
    ws.tasks.update(tids[3], flags=["text_repaired", "no_units"])
    ws.undo_stack.clear()
    window.reload_plans(select=pid)
    view = window.plan_view
    assert [view.proxy.index(r, COL_FLAGS).data() for r in range(4)] == ["", "待确认", "", "待确认"]
    tip = view.proxy.index(1, COL_FLAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert "单位沿用上一行（合并单元格）" in tip
    assert "待确认 2项" in window.status_label.text()
    view.show_status(view.proxy.FLAGGED)
    assert view.status_filter.currentText() == "待确认（2项）"
    assert [view.proxy.index(r, 0).data(TaskIdRole) for r in range(view.proxy.rowCount())] == [tids[1], tids[3]]
    view.select_task(tids[3])
    detail = window.detail
    assert detail.flags_box.isVisible()
    assert detail.flags_label.text().startswith("待确认：文字因编码错位已自动修复；没有找到牵头单位或责任单位")
    detail.confirm_button.click()
    assert ws.tasks.get(tids[3]).flags == ()
    assert window.act_undo.text() == "撤销 确认任务4"
    assert [view.proxy.index(r, 0).data(TaskIdRole) for r in range(view.proxy.rowCount())] == [tids[1]]
    window.act_confirm_all.trigger()
    assert ws.tasks.get(tids[1]).flags == ()
    assert view.proxy.rowCount() == 0 and view.empty.isVisible()  # a message, not a blank table
    assert "没有符合筛选条件" in view.empty.label.text()
    view.empty.button.click()
    assert view.proxy.rowCount() == 4 and view.empty.isHidden()
    window.act_undo.trigger()
    assert ws.tasks.get(tids[1]).flags == ("units_inherited",)


def test_unfinished_filter_and_a_message_for_a_filter_matching_nothing(window, qtbot, ws):
    pid = make_demo(ws, tasks=50, year=2026).id
    window.reload_plans(select=pid)
    view = window.plan_view
    window.act_show_unfinished.trigger()
    assert view.status_filter.currentText() == "未完成"
    shown = [view.proxy.index(r, COL_STATUS).data() for r in range(view.proxy.rowCount())]
    assert shown and not any(s == "已完成" for s in shown)
    assert len(shown) == sum(t.status is not Status.DONE for t in ws.tasks.of_plan(pid))
    type_text(view.search, "没有这样的任务")
    assert view.proxy.rowCount() == 0 and view.empty.isVisible()
    assert "“没有这样的任务”" in view.empty.label.text() and "未完成" in view.empty.label.text()
    window.act_show_all.trigger()
    assert view.proxy.rowCount() == 50 and view.empty.isHidden() and view.search.text() == ""


def test_zoom_with_ctrl_wheel_and_keys_is_remembered(window, qtbot, ws, settings):
    from gongkai_desk.ui.main_window import MainWindow

    pid = make_demo(ws, tasks=5, year=2026).id
    window.reload_plans(select=pid)
    view = window.plan_view
    size = view.table.font().pointSizeF()
    wheel = QWheelEvent(QPointF(20, 20), QPointF(20, 20), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.table.viewport(), wheel)
    assert view.zoom == 110 and view.table.font().pointSizeF() > size
    window.act_zoom_in.trigger()
    assert view.zoom == 125 and int(settings.value("table/zoom")) == 125
    again = MainWindow(ws, settings=settings)
    qtbot.addWidget(again)
    assert again.plan_view.zoom == 125  # remembered
    window.act_zoom_reset.trigger()
    assert view.zoom == 100 and view.table.font().pointSizeF() == size


def test_status_bar_completion_is_the_plans_json_definition(window, ws):
    pid = make_demo(ws, tasks=50, year=2026).id
    window.reload_plans(select=pid)
    [summary] = ws.plans.list()
    entries = [a for t in ws.tasks.of_plan(pid) for a in ws.progress.of_task(t.id)]
    done = sum(a.status is Status.DONE for a in entries)
    assert abs(summary.completion - done / len(entries)) < 1e-9
    assert window.status_label.text().startswith(f"完成 {summary.completion:.0%}（{done}/{len(entries)}个单位任务已完成）")


def test_right_click_opens_the_menu_and_its_history_entry_shows_the_changes(window, qtbot, ws):
    """A right click on a row opens the task menu (not only build_menu called by hand); its
    查看修改记录 shows the 修改记录 tab of that task; Ctrl+A selects every row."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent

    pid, tids, fin, jus = plan_with_tasks(ws)
    ws.tasks.update(tids[2], text="改过的第3项任务。")
    window.reload_plans(select=pid)
    view = window.plan_view
    click_row(qtbot, view, 2)
    seen = {}

    def pick():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, pick)
            return
        seen["texts"] = [a.text() for a in menu.actions() if a.text()]
        next(a for a in menu.actions() if a.text() == "查看修改记录").trigger()
        menu.close()

    QTimer.singleShot(0, pick)
    pos = view.table.visualRect(view.proxy.index(2, COL_TEXT)).center()
    QApplication.sendEvent(view.table.viewport(),
                           QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.table.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(lambda: "texts" in seen, timeout=3000)
    assert seen["texts"][0] == "设置完成状态（这项任务）" and "查看修改记录" in seen["texts"]
    detail = window.detail
    qtbot.waitUntil(lambda: detail.tabs.currentWidget() is detail.history, timeout=3000)
    shown = [detail.history.topLevelItem(i).text(c) for i in range(detail.history.topLevelItemCount())
             for c in range(detail.history.columnCount())]
    assert any("改过的第3项任务。" in t for t in shown)

    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_task_ids() == tids
