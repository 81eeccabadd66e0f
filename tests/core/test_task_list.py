"""TaskList answers whole-plan questions without building rows, and agrees with the built rows."""

import datetime as dt

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.model import Status

TODAY = dt.date(2026, 11, 23)


def test_task_list_matches_tasks_and_builds_rows_only_when_asked(ws):
    pid = make_demo(ws, tasks=120, year=2026).id
    lazy = ws.tasks.table(pid, today=TODAY)
    assert lazy._rows.count(None) == 120  # nothing built yet
    assert lazy[5] == ws.tasks.of_plan(pid, today=TODAY)[5]
    assert lazy._rows.count(None) == 119
    rows = ws.tasks.of_plan(pid, today=TODAY)
    assert list(lazy) == rows
    assert lazy.counts() == (sum(t.status is Status.DONE for t in rows), sum(t.overdue for t in rows))
    assert lazy.unit_ids() == set().union(*(t.unit_ids for t in rows))
    assert [lazy.id_at(i) for i in range(len(lazy))] == [t.id for t in rows]
    assert lazy[-2:] == rows[-2:]


def test_counts_without_building_rows(ws):
    pid = make_demo(ws, tasks=40, year=2026).id
    lazy = ws.tasks.table(pid, today=TODAY)
    done, overdue = lazy.counts()
    assert 0 < done < 40 and 0 < overdue < 40
    assert lazy._rows.count(None) == 40
