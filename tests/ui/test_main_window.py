"""The clerk's daily path through the window, asserted on widgets and on the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.model import Role, Status
from tests.ui.conftest import answer_modal, type_text


def ok(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_empty_database_shows_the_three_choices(window):
    assert window.stack.currentWidget() is window.plan_page and window.plan_page.currentWidget() is window.start_page
    texts = [b.text().split("\n")[0] for b in (window.start_page.new_button, window.start_page.import_button,
                                                 window.start_page.demo_button)]
    assert texts == ["新建计划", "导入计划文件", "载入示例数据"]
    assert not window.act_new_task.isEnabled()


def test_create_plan_and_task_by_typing_and_clicking(window, qtbot, ws):
    def fill_plan(d):
        d.year.setValue(2026)
        d.title.clear()
        type_text(d.title, "2026年区政务公开工作要点")
        type_text(d.issuer, "示例区人民政府办公室")
        ok(d)

    answer_modal(qtbot, fill_plan)
    qtbot.mouseClick(window.start_page.new_button, Qt.MouseButton.LeftButton)
    plans = ws.plans.list()
    assert [(p.year, p.title) for p in plans] == [(2026, "2026年区政务公开工作要点")]
    assert window.stack.currentWidget() is window.plan_page and window.plan_page.currentWidget() is window.plan_split
    assert window.plan_combo.currentText() == "2026年 · 2026年区政务公开工作要点"

    def fill_task(d):
        type_text(d.text, "做好财政预决算公开。")
        type_text(d.deadline, "6月底前")
        ok(d)

    answer_modal(qtbot, fill_task)
    window.act_new_task.trigger()
    tasks = ws.tasks.of_plan(plans[0].id)
    assert [(t.number, t.text, t.deadline.phrase) for t in tasks] == [("1", "做好财政预决算公开。", "6月底前")]
    assert tasks[0].deadline.date.isoformat() == "2026-06-30"
    assert window.plan_view.model.rowCount() == 1
    assert window.plan_view.selected_task_id() == tasks[0].id
    assert window.detail.text_edit.toPlainText() == "做好财政预决算公开。"


def test_set_status_then_undo_and_redo(window, qtbot, ws):
    pid = ws.plans.create(year=2026, title="计划").id
    tid = ws.tasks.add(pid, text="做好财政预决算公开。", deadline="年底前").id
    ws.progress.assign(tid, ws.units.add("区财政局").id, Role.LEAD)
    window.reload_plans(select=pid)
    window.plan_view.select_task(tid)
    detail = window.detail
    assert detail.units.topLevelItemCount() == 1

    detail.status_combo.setCurrentText("已完成")
    detail.status_combo.activated.emit(detail.status_combo.currentIndex())
    assert ws.progress.of_task(tid)[0].status is Status.DONE
    assert window.plan_view.model.task_at(0).status is Status.DONE
    assert window.act_undo.text() == "撤销 修改区财政局完成状态"
    assert window.status_label.text().startswith("完成 100%（1/1个单位任务已完成）")

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ws.progress.of_task(tid)[0].status is Status.NOT_STARTED
    assert detail.status_combo.currentText() == "未启动"
    assert window.act_redo.text() == "重做 修改区财政局完成状态"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ws.progress.of_task(tid)[0].status is Status.DONE


def test_progress_text_saves_on_leaving_the_field_and_is_undone_by_name(window, qtbot, ws):
    pid = ws.plans.create(year=2026, title="计划").id
    tid = ws.tasks.add(pid, text="做好财政预决算公开。").id
    ws.progress.assign(tid, ws.units.add("区财政局").id, Role.LEAD)
    window.reload_plans(select=pid)
    window.plan_view.select_task(tid)
    edit = window.detail.done_edit
    edit.setFocus()
    type_text(edit, "已在门户网站公开预决算")
    edit.commit()
    assert ws.progress.of_task(tid)[0].done == "已在门户网站公开预决算"
    assert window.act_undo.text() == "撤销 修改区财政局落实情况"
    changes = [window.detail.history.topLevelItem(i).text(2) for i in range(window.detail.history.topLevelItemCount())]
    assert "落实情况：（空） → 已在门户网站公开预决算" in changes
    window.act_undo.trigger()
    assert ws.progress.of_task(tid)[0].done == ""
    assert window.detail.done_edit.toPlainText() == ""


def test_filter_task_table_by_text_status_and_unit(window, qtbot, ws):
    pid = make_demo(ws, tasks=50, year=2026).id
    window.reload_plans(select=pid)
    view = window.plan_view
    assert view.proxy.rowCount() == 50
    type_text(view.search, "预决算")
    shown = [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())]
    assert shown and all("预决算" in t for t in shown)
    assert len(shown) == sum("预决算" in t.text for t in ws.tasks.of_plan(pid))
    view.search.clear()
    view.status_filter.setCurrentIndex(view.status_filter.findData("逾期"))
    overdue = [t for t in view.model.rows if t.overdue]
    assert view.proxy.rowCount() == len(overdue) > 0
    view.status_filter.setCurrentIndex(0)
    unit = ws.units.find("区财政局")
    view.unit_filter.setCurrentIndex(view.unit_filter.findData(unit.id))
    assert view.proxy.rowCount() == sum(unit.id in t.unit_ids for t in ws.tasks.of_plan(pid)) > 0
    assert "显示" in view.count_label.text()


def test_ctrl_f_focuses_the_filter(window, qtbot, ws):
    window.reload_plans(select=make_demo(ws, tasks=5, year=2026).id)
    window.act_find.trigger()
    assert window.plan_view.search.hasFocus() or window.focusWidget() is window.plan_view.search


def test_section_tree_filters_to_a_section(window, ws):
    pid = make_demo(ws, tasks=50, year=2026).id
    window.reload_plans(select=pid)
    first = ws.plans.sections(pid)[0]
    index = window.sections.model_.item(0).child(0).index()
    window.sections.setCurrentIndex(index)
    subtree = window.sections.subtree(first.id)
    assert window.plan_view.proxy.rowCount() == sum(t.section_id in subtree for t in ws.tasks.of_plan(pid)) > 0


def test_load_demo_from_start_page_then_switch_plans(window, qtbot, ws):
    qtbot.mouseClick(window.start_page.demo_button, Qt.MouseButton.LeftButton)
    assert len(ws.plans.list()) == 1 and window.plan_view.model.rowCount() == 50
    other = ws.plans.create(year=2025, title="2025年计划").id
    window.reload_plans(select=other)
    assert window.plan_view.model.rowCount() == 0
    window.plan_combo.setCurrentIndex(window.plan_combo.findData(ws.plans.list()[0].id))
    window.plan_combo.activated.emit(window.plan_combo.currentIndex())
    assert window.plan_view.model.rowCount() == 50
    # The start page, out of sight now, no longer counts in the page's least width: its three wide
    # buttons squeezed the navigation on a 1920×1080 screen at 150 % (1276 px wide).
    assert window.plan_page.minimumSizeHint().width() == window.plan_split.minimumSizeHint().width() < 700
    window.resize(1276, 676)
    window.show()
    qtbot.waitExposed(window)
    assert window.split.sizes()[0] > window.split.widget(0).minimumSizeHint().width() + 50


def test_window_remembers_last_plan(qtbot, ws, settings):
    from gongkai_desk.ui.main_window import MainWindow

    a = ws.plans.create(year=2025, title="甲").id
    b = ws.plans.create(year=2026, title="乙").id
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    w.set_plan(a)
    w.close()
    w2 = MainWindow(ws, settings=settings)
    qtbot.addWidget(w2)
    assert w2.plan_id == a != b


def test_standard_buttons_are_chinese(window):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text().startswith("确定")
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().startswith("取消")


def test_menus_and_toolbar_are_chinese_with_shortcuts(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "计划(&P)", "帮助(&H)"]
    assert [a.text() for a in window.toolbar.actions()] == ["导入", "新建任务", "导出回头看表", "打印预览", "撤销", "重做"]
    assert window.act_undo.shortcut().toString() == "Ctrl+Z"
    assert window.act_redo.shortcut().toString() == "Ctrl+Y"
    assert window.act_find.shortcut().toString() == "Ctrl+F"
    assert window.act_replace.shortcut().toString() == "Ctrl+H"
    # Arrow keys as arrows, as Office and WPS show them (Qt's Chinese says "Ctrl+上方向").
    from PySide6.QtGui import QKeySequence

    shown = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for a in (window.act_up, window.act_down)]
    assert shown == ["Ctrl+↑", "Ctrl+↓"]
    texts = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for m in window.menuBar().actions()
             for a in m.menu().actions()]
    assert not any("方向" in t for t in texts)


def test_the_first_window_fits_a_small_screen():
    from gongkai_desk.ui.window_state import first_window_size

    assert first_window_size(1366, 728) == ((1366, 688), True)  # 1366×768 laptop with a taskbar: maximized
    assert first_window_size(1280, 680) == ((1280, 640), True)  # 1920×1080 at 150 %
    assert first_window_size(2560, 1400) == ((1400, 860), False)


def test_the_window_fits_1366x768_with_its_status_bar_and_detail_pane(window, ws):
    from gongkai_desk.core.demo import make_demo

    window.reload_plans(select=make_demo(ws, tasks=50, year=2026).id)
    assert window.minimumSizeHint().height() <= 688 and window.minimumSizeHint().width() <= 1280
    window.resize(1366, 688)
    assert window.height() == 688
    status = window.statusBar()
    assert status.isVisible() and status.geometry().bottom() <= window.height()
    assert window.detail.isVisible() and window.plan_page.detail_scroll.width() > 300


def test_the_splitters_come_back_as_the_clerk_left_them(qtbot, ws, settings):
    """The detail pane's width is remembered: the pane replacing its placeholder keeps the sizes
    restored (it once put back the sizes of a splitter not yet laid out)."""
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    make_app()
    make_demo(ws, tasks=30, year=2026)
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    w.resize(1366, 700)
    w.show()
    qtbot.waitExposed(w)
    w.plan_split.setSizes([389, 703])
    w.split.setSizes([200, 1162])
    asked = (w.split.sizes(), w.plan_split.sizes())
    w.close()
    again = MainWindow(ws, settings=settings)
    qtbot.addWidget(again)
    again.resize(1366, 700)  # (this screen is 800 px wide: the saved size is put back on it)
    again.show()
    qtbot.waitExposed(again)
    qtbot.wait(50)
    assert (again.split.sizes(), again.plan_split.sizes()) == asked
