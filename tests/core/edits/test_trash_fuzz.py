"""Random sequences of deletions, restores from the trash, undo and redo: the database stays sound,
its history true, and undoing everything gives back exactly the rows we started with."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.workspace import Workspace
from tests.core.edits.test_trash import snapshot

OPS = st.lists(st.tuples(st.sampled_from(["plan", "section", "unit", "restore", "remove", "undo", "redo"]),
                         st.integers(0, 50)), min_size=1, max_size=14)


@settings(deadline=5000, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_trash_sequences_keep_the_data_exact(ops):
    ws = Workspace.open(":memory:")
    make_demo(ws, tasks=12, year=2026)
    ws.plans.create(year=2025, title="另一个计划")
    ws.undo_stack.clear()
    start = snapshot(ws, ("plans", "sections", "tasks", "units", "unit_aliases", "group_members", "assignments",
                          "trash"))
    done = 0
    for kind, n in ops:
        try:
            if kind == "plan" and ws.plans.list():
                plans = ws.plans.list()
                ws.plans.delete(plans[n % len(plans)].id)
            elif kind == "section":
                secs = [s for p in ws.plans.list() for s in ws.plans.sections(p.id)]
                if secs:
                    ws.plans.delete_section(secs[n % len(secs)].id)
            elif kind == "unit" and ws.units.all():
                units = ws.units.all()
                ws.units.delete(units[n % len(units)].id)
            elif kind in ("restore", "remove") and ws.trash.list():
                items = ws.trash.list()
                item = items[n % len(items)]
                ws.trash.restore(item.id) if kind == "restore" else ws.trash.remove(item.id)
            elif kind == "undo":
                ws.undo()
            elif kind == "redo":
                ws.redo()
            done += 1
        except GongkaiError as e:  # a refused restore (name taken, plan gone) changes nothing
            assert "恢复" in str(e) or "已有" in str(e)
        assert ws.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    while ws.undo_status().undo_label:
        ws.undo()
    assert snapshot(ws, ("plans", "sections", "tasks", "units", "unit_aliases", "group_members", "assignments",
                         "trash")) == start
    ws.close()
