"""The task text keeps room to be read on a 1366×768 laptop: the other columns narrow first."""

from __future__ import annotations

from gongkai_desk.core.demo import make_demo
from gongkai_desk.ui.plans.table_zoom import TEXT_LEAST, WANT
from gongkai_desk.ui.plans.task_table import COL_LEAD, COL_TEXT


def _em(window):
    return window.plan_view.table.fontMetrics().horizontalAdvance("国")


def test_task_text_keeps_its_width_on_a_small_screen(window, ws, qtbot):
    pid = make_demo(ws, tasks=20, year=2026).id
    window.reload_plans(select=pid)
    table = window.plan_view.table
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: table.columnWidth(COL_TEXT) >= TEXT_LEAST * _em(window) - 2, timeout=3000)
    assert table.columnWidth(COL_LEAD) < WANT[COL_LEAD] * _em(window)  # the unit columns gave way first
    # On a wide screen every column gets its full width back, and the text takes the rest.
    window.resize(1920, 1040)
    qtbot.waitUntil(lambda: table.columnWidth(COL_LEAD) == int(WANT[COL_LEAD] * _em(window)), timeout=3000)
    assert table.columnWidth(COL_TEXT) > TEXT_LEAST * _em(window)


def test_a_column_the_clerk_dragged_keeps_its_width(window, ws, qtbot):
    from gongkai_desk.ui.plans.task_table import COL_RESP

    pid = make_demo(ws, tasks=5, year=2026).id
    window.reload_plans(select=pid)
    table = window.plan_view.table
    dragged = table.columnWidth(COL_RESP) + 150
    table.horizontalHeader().resizeSection(COL_RESP, dragged)  # what a drag on the header does
    window.resize(1420, 860)
    qtbot.wait(50)
    window.resize(1366, 768)
    qtbot.wait(50)
    assert table.columnWidth(COL_RESP) == dragged
