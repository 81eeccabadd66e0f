"""The first frame (ui/plans/first_frame.py) paints every cell as the task model does once the
whole plan is read: for awkward data too (overdue, flags, no units, a deadline with only a date,
numbering restarting per section), for a plan that is not the newest, at a remembered zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from gongkai_desk.core.first_screen import read_first_screen
from gongkai_desk.core.model import Role
from gongkai_desk.core.workspace import Workspace
from gongkai_desk.ui.plans.columns import COL_LIGHT, COL_NUMBER, COLUMNS

ROLES = (0, 6, 7, 8, 9)  # Display, Font, TextAlignment, Background, Foreground: what a cell looks like


def cells(view):
    def cell(index):
        text, font, align, background, foreground = (index.data(role) or None for role in ROLES)
        return text, font, align if text else None, background, foreground if text else None  # no text: nothing to place or colour

    rows = min(view.proxy.rowCount(), 40)
    return [[cell(view.proxy.index(r, c)) for c in range(len(COLUMNS)) if c != COL_LIGHT] for r in range(rows)]


def looks(w):
    view = w.plan_view
    return {"cells": cells(view), "row": view.table.rowHeight(0), "font": view.table.font().pointSizeF(),
            "widths": [view.table.columnWidth(c) for c in range(len(COLUMNS))],
            "table_at": view.table.mapTo(w, QPoint(0, 0)), "rows_at": [view.table.rowViewportPosition(r) for r in range(5)]}


def start(qtbot, path, settings):
    """The window as ``app.run`` makes it; returns (window, what it looked like at the first paint)."""
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow
    from gongkai_desk.ui.window_state import last_plan

    make_app()
    from gongkai_desk.core.storage.opening import open_file

    opened = open_file(path)  # as app.run opens it
    conn = opened.conn
    w = MainWindow(settings=settings, start=(opened, str(path), read_first_screen(conn, last_plan(settings))))
    qtbot.addWidget(w)
    seen = {}
    attach = w._attach_after_first_paint

    def at_first_paint():
        assert w.plan_view.model is None  # the first frame's plain model
        seen.update(looks(w))
        attach()

    w._attach_after_first_paint = at_first_paint
    w.resize(1400, 860)
    w.show()
    qtbot.waitUntil(lambda: w.ws is not None, timeout=5000)
    return w, seen


def awkward_plan(path, numbers=("1", "2", "3", "4")) -> tuple[int, list[int]]:
    ws = Workspace.open(path)
    pid = ws.plans.create(year=2025, title="去年的计划").id
    one = ws.plans.add_section(pid, title="推进决策公开", number="一", position=0).id
    two = ws.plans.add_section(pid, title="推进政策解读", number="二", position=1).id
    fin, edu = ws.units.add("区财政局").id, ws.units.add("区教育局").id
    ids = [ws.tasks.add(pid, section_id=s, text=f"任务{s}-{n}", number=n).id
           for s in (one, two) for n in numbers]  # numbering restarts per section
    ws.progress.assign(ids[0], fin, Role.LEAD)
    ws.progress.assign(ids[0], edu, Role.RESPONSIBLE)
    ws.progress.assign(ids[1], edu, Role.LEAD)
    ws.tasks.update(ids[2], deadline="2020年6月30日前")  # long past: 逾期
    ws.tasks.update(ids[3], flags=["no_units"])  # 待确认, and no units
    ws.conn.execute("UPDATE tasks SET deadline_text = NULL, deadline_date = '2020-01-31' WHERE id = ?", (ids[4],))
    ws.conn.commit()
    ws.plans.create(year=2026, title="今年的计划")  # newer and empty: the one shown without last_plan
    ws.close()
    return pid, ids


def test_awkward_rows_look_the_same_in_the_first_frame_and_after(qtbot, tmp_path, settings):
    path = tmp_path / "gongkai-desk.db"
    pid, _ids = awkward_plan(path)
    settings.setValue("last_plan", pid)  # not the newest plan
    settings.setValue("table/zoom", 150)
    w, before = start(qtbot, path, settings)
    assert w.plan_id == pid and w.plan_combo.currentData() == pid and w.plan_view.zoom == 150
    after = looks(w)
    assert len(after["cells"]) == 8
    assert [r[0][0] for r in after["cells"]] == ["一.1", "一.2", "一.3", "一.4", "二.1", "二.2", "二.3", "二.4"]
    assert after["cells"][2][5][0] == "未启动（逾期）" and after["cells"][3][6][0] == "待确认"
    assert after["cells"][3][2][0] is None and after["cells"][4][4][0] == "2020-01-31"
    assert before == after
    w.ws.close()


def test_a_notice_known_after_the_first_paint_moves_no_row(qtbot, tmp_path, settings):
    """The 序号重复 notice needs the whole plan's numbers (read after the first paint): it shows under
    the table, so the rows painted first stay where they are (above, it pushed them down 27 px)."""
    path = tmp_path / "gongkai-desk.db"
    pid, _ids = awkward_plan(path, numbers=("1", "2", "2", "3"))
    settings.setValue("last_plan", pid)
    w, before = start(qtbot, path, settings)
    after = looks(w)
    assert w.plan_view.notice.isVisible() and "序号重复" in w.plan_view.notice.text()
    assert (before["table_at"], before["rows_at"]) == (after["table_at"], after["rows_at"])
    w.ws.close()


@pytest.mark.xfail(strict=True, reason="the first frame knows no duplicates (core.first_screen reads only the "
                                       "first rows' numbers; all of them cost ≈ 5 ms per 5,000 tasks): their "
                                       "red 序号 appears after the first paint, in place")
def test_numbers_used_twice_are_red_in_the_first_frame_too(qtbot, tmp_path, settings):
    path = tmp_path / "gongkai-desk.db"
    pid, _ids = awkward_plan(path, numbers=("1", "2", "2", "3"))
    settings.setValue("last_plan", pid)
    w, before = start(qtbot, path, settings)
    after = looks(w)
    assert after["cells"][1][COL_NUMBER][4] is not None  # 一.2 twice: red
    assert before["cells"] == after["cells"]
    w.ws.close()
