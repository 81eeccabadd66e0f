"""回收站: deleting a plan, a section with tasks or a unit with progress puts it in the trash,
restorable for 30 days (ids kept where free, links mended), besides exact undo."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.workspace import Workspace

DATA_TABLES = ("plans", "sections", "tasks", "units", "unit_aliases", "group_members", "assignments")


def snapshot(ws, tables=DATA_TABLES):
    return {t: ws.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


@pytest.fixture
def demo(ws):
    pid = make_demo(ws, tasks=30, year=2026).id
    ws.undo_stack.clear()
    return pid


def test_deleting_a_plan_puts_it_in_the_trash_and_restoring_brings_back_every_row(ws, demo):
    before = snapshot(ws)
    changes = ws.plans.delete(demo)
    assert changes.trash and changes.plans
    [item] = ws.trash.list()
    assert item.kind == "plan" and item.kind_label == "计划" and "30项任务" in item.summary
    assert item.expires() == dt.date.today() + dt.timedelta(days=30)
    assert ws.plans.list() == []
    restored = ws.trash.restore(item.id)
    assert restored.plan_id == demo and restored.plans
    assert snapshot(ws) == before  # same ids, same rows
    assert ws.trash.list() == []


def test_undo_of_a_delete_is_exact_and_removes_the_trash_item(ws, demo):
    before = snapshot(ws)
    ws.plans.delete(demo)
    ws.undo()
    assert snapshot(ws) == before and ws.trash.list() == []
    ws.redo()
    assert ws.plans.list() == [] and len(ws.trash.list()) == 1
    item = ws.trash.list()[0]
    ws.trash.restore(item.id)
    ws.undo()  # undoing the restore: back in the trash, plan gone
    assert ws.plans.list() == [] and [t.id for t in ws.trash.list()] == [item.id]


def test_section_with_tasks_goes_to_the_trash_an_empty_one_does_not(ws, demo):
    sections = ws.plans.sections(demo)
    top = sections[0]
    empty = ws.plans.add_section(demo, title="空的部分").id
    ws.plans.delete_section(empty)
    assert ws.trash.list() == []
    before = snapshot(ws)
    tasks_before = len(ws.tasks.of_plan(demo))
    ws.plans.delete_section(top.id)
    [item] = ws.trash.list()
    assert item.kind == "section" and item.title == top.title and item.plan_id == demo
    assert len(ws.tasks.of_plan(demo)) < tasks_before
    ws.trash.restore(item.id)
    assert snapshot(ws) == before


def test_section_of_a_deleted_plan_is_not_restored_alone(ws, demo):
    ws.plans.delete_section(ws.plans.sections(demo)[0].id)
    ws.plans.delete(demo)
    section_item = next(t for t in ws.trash.list() if t.kind == "section")
    with pytest.raises(ValidationError, match="先从回收站恢复那个计划"):
        ws.trash.restore(section_item.id)
    plan_item = next(t for t in ws.trash.list() if t.kind == "plan")
    ws.trash.restore(plan_item.id)
    ws.trash.restore(section_item.id)
    assert len(ws.tasks.of_plan(demo)) == 30


def test_unit_with_progress_goes_to_the_trash_with_its_progress(ws, demo):
    before = snapshot(ws)
    unit = next(u for u in ws.units.all() if ws.conn.execute(
        "SELECT COUNT(*) FROM assignments WHERE unit_id = ? AND done != ''", (u.id,)).fetchone()[0])
    changes = ws.units.delete(unit.id)
    assert changes.trash and changes.progress
    assert ws.units.find(unit.name) is None
    [item] = ws.trash.list()
    assert item.kind == "unit" and item.title == unit.name and "条单位落实情况" in item.summary
    ws.trash.restore(item.id)
    assert snapshot(ws) == before


def test_unit_restore_is_refused_while_its_name_is_taken(ws, demo):
    unit = next(u for u in ws.units.all() if ws.conn.execute(
        "SELECT COUNT(*) FROM assignments WHERE unit_id = ?", (u.id,)).fetchone()[0])
    ws.units.delete(unit.id)
    ws.units.add(unit.name)
    item = ws.trash.list()[0]
    with pytest.raises(ValidationError, match="已有名为"):
        ws.trash.restore(item.id)


def test_plan_restored_after_its_unit_was_deleted_gets_the_unit_back(ws, demo):
    pid2 = ws.plans.create(year=2026, title="另一个计划").id
    t = ws.tasks.add(pid2, text="任务").id
    uid = ws.units.add("临时单位").id
    ws.progress.assign(t, uid)
    ws.progress.set(t, uid, done="做了")
    ws.plans.delete(pid2)
    ws.units.delete(uid)  # no progress left: deleted outright
    ws.trash.restore(ws.trash.list()[0].id)
    [a] = ws.progress.of_task(t)
    assert a.unit_name == "临时单位" and a.done == "做了"


def test_restored_plan_whose_id_was_taken_gets_a_new_one(ws):
    pid = ws.plans.create(year=2026, title="旧计划").id
    ws.tasks.add(pid, text="任务")
    ws.plans.delete(pid)
    new = ws.plans.create(year=2026, title="新计划").id
    assert new == pid  # SQLite reuses the highest free id
    changes = ws.trash.restore(ws.trash.list()[0].id)
    assert changes.plan_id != pid
    assert [t.text for t in ws.tasks.of_plan(changes.plan_id)] == ["任务"]
    assert ws.plans.get(pid).title == "新计划"


def test_empty_and_remove_and_expiry(ws, demo, tmp_path):
    ws.plans.delete(demo)
    ws.plans.create(year=2026, title="b")
    ws.plans.delete(ws.plans.list()[0].id)
    assert len(ws.trash.list()) == 2
    ws.trash.remove(ws.trash.list()[0].id)
    assert len(ws.trash.list()) == 1
    ws.undo()
    assert len(ws.trash.list()) == 2
    ws.trash.empty()
    assert ws.trash.list() == []
    ws.undo()
    assert len(ws.trash.list()) == 2
    assert ws.trash.purge_expired(dt.datetime.now() + dt.timedelta(days=29)) == 0
    assert ws.trash.purge_expired(dt.datetime.now() + dt.timedelta(days=31)) == 2
    assert ws.trash.list() == []
    assert ws.undo_status().undo_label != "清除回收站中超过30天的内容"


def test_trash_survives_reopening_and_old_items_expire_on_open(tmp_path):
    path = tmp_path / "a.db"
    ws = Workspace.open(path)
    pid = ws.plans.create(year=2026, title="计划").id
    ws.plans.delete(pid)
    ws.conn.execute("UPDATE trash SET deleted_at = '2000-01-01T00:00:00'")
    ws.plans.delete(ws.plans.create(year=2026, title="新删的").id)
    ws.close()
    ws = Workspace.open(path)
    assert [t.title for t in ws.trash.list()] == ["新删的"]
    ws.close()
