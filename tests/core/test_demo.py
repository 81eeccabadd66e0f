"""The sample year is realistic: sections, units, every status, some overdue; it scales."""

import datetime as dt

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.model import Status


def test_demo_has_every_status_and_overdue_tasks(ws):
    pid = make_demo(ws, tasks=50, year=2026).id
    tasks = ws.tasks.of_plan(pid, today=dt.date(2026, 11, 23))
    assert len(tasks) == 50
    statuses = {a.status for rows in ws.progress.of_plan(pid).values() for a in rows}
    assert statuses == set(Status)
    assert any(t.overdue for t in tasks) and not all(t.overdue for t in tasks)
    assert len([u for u in ws.units.all() if not u.is_group]) >= 20
    assert any(u.is_group and u.members for u in ws.units.all())
    assert len({t.section_id for t in tasks}) == 12


def test_demo_scales_and_is_one_undoable_step(ws):
    pid = make_demo(ws, tasks=500, year=2026).id
    assert len(ws.tasks.of_plan(pid)) == 500
    assert ws.undo_status().undo_label == "载入示例数据（500项任务）"
    ws.undo()
    assert ws.plans.list() == []


def test_demo_fills_the_years_statistics_but_never_overwrites_them(ws):
    from gongkai_desk.core.annual.rules import check
    from gongkai_desk.core.annual.stats import Stats

    make_demo(ws, tasks=10, year=2026)
    cells = ws.annual.stats_cells(2026)
    assert len(cells) == 200 and all(v is not None for v in cells.values())
    stats = Stats(2026)
    for k, v in cells.items():
        stats.set(k, v)
    assert [f for f in check(stats) if f.severity == "error"] == []
    ws.annual.set_stats_cells(2026, {"table3.granted.natural": "7"})
    make_demo(ws, tasks=10, year=2026)
    assert ws.annual.stats_cells(2026)["table3.granted.natural"] == "7"
