"""The task table model follows Qt's model rules (qtmodeltester) and shows what the core says."""

from PySide6.QtCore import Qt

from gongkai_desk.core.demo import make_demo
from gongkai_desk.ui.models.task_table import COL_STATUS, TaskFilterProxy, TaskTableModel


def test_model_passes_qtmodeltester(qtmodeltester, ws):
    pid = make_demo(ws, tasks=60, year=2026)
    model = TaskTableModel()
    model.set_rows(ws.tasks(pid))
    qtmodeltester.check(model)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(text="公开")
    qtmodeltester.check(proxy)


def test_model_shows_status_word_and_colour(ws):
    pid = make_demo(ws, tasks=20, year=2026)
    model = TaskTableModel()
    rows = ws.tasks(pid)
    model.set_rows(rows)
    for r, t in enumerate(rows):
        text = model.index(r, COL_STATUS).data()
        assert t.status.value in text
        assert ("逾期" in text) == t.overdue
        assert model.index(r, COL_STATUS).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_model_over_a_lazy_task_list_passes_qtmodeltester_and_sorts(qtmodeltester, ws):
    pid = make_demo(ws, tasks=60, year=2026)
    model = TaskTableModel()
    model.set_rows(ws.task_list(pid))
    qtmodeltester.check(model)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "60"
    assert model.counts() == (sum(t.status.value == "已完成" for t in ws.tasks(pid)),
                              sum(t.overdue for t in ws.tasks(pid)))
