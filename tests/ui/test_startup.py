"""Start-up: the task table's first screenful is painted from a few small queries, the rest of the
window is built after that first paint, and nothing on screen moves when it arrives."""

from __future__ import annotations

import os

from PySide6.QtCore import QPoint

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.first_screen import read_first_screen
from gongkai_desk.core.storage import db as _db
from gongkai_desk.core.workspace import Workspace
from gongkai_desk.ui.plans.task_table import COL_FLAGS, COL_LIGHT, COLUMNS
from tests.conftest import run_cli


def snapshot(w):
    view = w.plan_view
    # The 提醒 column fills in once the workspace is open (the lights need the calendar): it is the
    # one thing that changes, and only its text.
    rows = [[view.proxy.index(r, c).data() for c in range(len(COLUMNS)) if c != COL_LIGHT] for r in range(25)]
    widths = [view.table.columnWidth(c) for c in range(len(COLUMNS))]
    where = lambda widget: (widget.mapTo(w, QPoint(0, 0)), widget.size())  # noqa: E731
    return {"rows": rows, "widths": widths, "table": where(view.table), "search": where(view.search),
            "detail": where(w.plan_page.detail_scroll), "count": view.count_label.text(),
            "combo": w.plan_combo.currentText(), "scroll": view.table.verticalScrollBar().maximum()}


def test_first_paint_from_the_first_screenful_then_the_rest_without_a_jump(qtbot, tmp_path, settings):
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    make_app()
    path = tmp_path / "gongkai-desk.db"
    ws = Workspace.open(path)
    pid = make_demo(ws, tasks=400, year=2026).id
    t = ws.tasks.of_plan(pid)
    ws.tasks.update(t[3].id, flags=["units_inherited"])
    ws.close()
    conn = _db.connect(path)
    first = read_first_screen(conn, None)
    assert first.plan_id == pid and first.total == 400 and first.rows.partial
    w = MainWindow(settings=settings, start=(conn, str(path), first))
    qtbot.addWidget(w)
    seen = {}
    attach = w._attach_after_first_paint

    def at_first_paint():
        assert w.ws is None and w.detail is None  # painted before the workspace was even opened
        seen["before"] = snapshot(w)
        attach()

    w._attach_after_first_paint = at_first_paint
    with qtbot.waitSignal(w.first_paint, timeout=10000):
        w.resize(1366, 700)
        w.show()
    qtbot.waitUntil(lambda: w.ws is not None)
    after = snapshot(w)
    assert seen["before"] == after  # the same rows, widths, places: nothing moved
    assert after["rows"][0][0] == "1" and after["rows"][3][COL_FLAGS - 1] == "待确认" and after["count"] == "共 400 项"
    assert w.detail is not None and w.detail.isVisible() and w.sections.model_.rowCount() == 1
    assert w.status_label.text().startswith("完成 ") and w.act_new_task.isEnabled()
    assert w.plan_view.model.rowCount() == 400 and not getattr(w.plan_view.model.rows, "partial", False)
    assert w.plan_view.model.lights is not None  # and the 提醒 column is there
    w.plan_view.select_task(t[10].id)
    assert w.detail.text_edit.toPlainText() == t[10].text
    w.ws.close()


def test_the_window_starts_and_exits_from_the_command_line(tmp_path):
    db = tmp_path / "start.db"
    assert run_cli("demo", "--tasks", "120", db=db).returncode == 0
    env = {"QT_QPA_PLATFORM": "offscreen", "GONGKAI_DESK_HOME": str(tmp_path / "home")}
    res = run_cli("--exit-after-start", db=db, env=env)
    assert res.returncode == 0, res.stderr.decode("utf-8", "replace")
    empty = run_cli("--exit-after-start", db=tmp_path / "empty.db", env=env)  # the start page
    assert empty.returncode == 0, empty.stderr.decode("utf-8", "replace")
    assert os.path.exists(tmp_path / "home" / "settings.ini")


def test_the_task_tables_viewport_is_the_one_qt_would_have_made(qtbot, settings):
    """The table's viewport is made in Python (start-up: PySide's first lookup of a viewport Qt
    made costs ≈ 6 ms); it must look and behave as Qt's own."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.plans.plan_view import PlanView

    make_app()
    ours, plain = PlanView(None, settings=settings), QTableView()
    qtbot.addWidget(ours)
    qtbot.addWidget(plain)
    a, b = ours.table.viewport(), plain.viewport()
    assert a.objectName() == b.objectName() == "qt_scrollarea_viewport"
    assert (a.backgroundRole(), a.autoFillBackground()) == (b.backgroundRole(), b.autoFillBackground())
    assert a.focusProxy() is ours.table and a.parent() is ours.table
    assert [x for x in Qt.WidgetAttribute if a.testAttribute(x) != b.testAttribute(x)] == []
    # Lowest in the stacking order, as Qt's own: layouts then run in the same order.
    assert ours.table.children()[0] is a and plain.children()[0] is b
