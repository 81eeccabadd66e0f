"""The task table model follows Qt's model rules (qtmodeltester) and shows what the core says."""

from PySide6.QtCore import Qt

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.model import Status
from gongkai_desk.ui.plans.filter_proxy import TaskFilterProxy
from gongkai_desk.ui.plans.task_table import COL_STATUS, TaskIdRole, TaskTableModel


def test_model_passes_qtmodeltester(qtmodeltester, ws):
    pid = make_demo(ws, tasks=60, year=2026).id
    model = TaskTableModel()
    model.set_rows(ws.tasks.of_plan(pid))
    qtmodeltester.check(model)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(text="公开")
    qtmodeltester.check(proxy)


def test_model_shows_status_word_and_colour(ws):
    pid = make_demo(ws, tasks=20, year=2026).id
    model = TaskTableModel()
    rows = ws.tasks.of_plan(pid)
    model.set_rows(rows)
    for r, t in enumerate(rows):
        text = model.index(r, COL_STATUS).data()
        assert t.status.value in text
        assert ("逾期" in text) == t.overdue
        assert model.index(r, COL_STATUS).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_model_over_a_lazy_task_list_passes_qtmodeltester_and_sorts(qtmodeltester, ws):
    pid = make_demo(ws, tasks=60, year=2026).id
    model = TaskTableModel()
    model.set_rows(ws.tasks.table(pid))
    qtmodeltester.check(model)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "60"
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert model.counts() == (sum(t.status.value == "已完成" for t in ws.tasks.of_plan(pid)),
                              sum(t.overdue for t in ws.tasks.of_plan(pid)))


def test_header_sort_survives_an_edit_and_keeps_the_selection(qtbot, ws, settings):
    from gongkai_desk.ui.main_window import MainWindow
    from gongkai_desk.ui.plans.task_table import COL_STATUS

    pid = make_demo(ws, tasks=30, year=2026).id
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    w.reload_plans(select=pid)
    view = w.plan_view
    view.table.sortByColumn(COL_STATUS, Qt.SortOrder.AscendingOrder)

    def shown_statuses():
        return [view.proxy.index(r, COL_STATUS).data() for r in range(view.proxy.rowCount())]

    def ranks():
        return [-1 if "逾期" in s else next(st.rank for st in Status if s.startswith(st.value)) for s in shown_statuses()]

    assert ranks() == sorted(ranks())
    target = view.proxy.index(5, 0).data(TaskIdRole)
    view.select_task(target)
    d = w.detail
    d.status_combo.setCurrentText("已完成")
    d.status_combo.activated.emit(d.status_combo.currentIndex())
    assert ranks() == sorted(ranks())  # still sorted after the model reloaded
    assert view.selected_task_id() == target  # and the clerk's task is still selected
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, 0).data() == "30"
    assert view.selected_task_id() == target


def test_the_model_filters_itself_keeping_the_selection_on_its_tasks(qtmodeltester, window, ws):
    pid = make_demo(ws, tasks=60, year=2026).id
    window.reload_plans(select=pid)
    view = window.plan_view
    view.table.sortByColumn(COL_STATUS, Qt.SortOrder.DescendingOrder)
    unfinished = [t.id for t in ws.tasks.of_plan(pid) if t.status is not Status.DONE]
    keep = unfinished[3]
    view.select_tasks(unfinished[:5], current=keep)
    view.show_status(view.proxy.UNFINISHED)
    qtmodeltester.check(view.model)
    assert view.proxy.rowCount() == len(unfinished) and view.selected_task_id() == keep
    assert sorted(view.selected_task_ids()) == sorted(unfinished[:5])
    # an edit that makes the current task 已完成 takes it out of the 未完成 view, in place
    for a in ws.progress.of_task(keep):
        ws.progress.set(keep, a.unit_id, status="已完成")
    view.reload()
    assert view.proxy.rowCount() == len(unfinished) - 1 and view.model.row_of(keep) == -1
    assert sorted(view.selected_task_ids()) == sorted(unfinished[:3] + unfinished[4:5])
    view.show_status(None)
    assert view.proxy.rowCount() == 60 and view.model.row_of(keep) >= 0
