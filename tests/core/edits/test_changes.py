"""Every edit says what it changed and which plan it is about; creations carry the new id."""

from __future__ import annotations

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.store import store_plan
from gongkai_desk.core.model import Role

TEXT = """2026年示例区政务公开工作要点
一、推进决策公开
1.做好重大决策预公开。（牵头单位：区司法局；责任单位：区各有关部门）
2.做好政策解读。（牵头单位：区政府办）
"""


def test_creations_return_the_new_id_and_their_plan(ws):
    plan = ws.plans.create(year=2026, title="计划")
    assert isinstance(plan, ChangesWithId) and plan.plans and plan.plan_id == plan.id
    assert ws.plans.get(plan.id).title == "计划"
    section = ws.plans.add_section(plan.id, title="一部分")
    task = ws.tasks.add(plan.id, section_id=section.id, text="任务")
    assert (section.plan_id, task.plan_id) == (plan.id, plan.id)
    assert ws.tasks.get(task.id).section_id == section.id
    unit = ws.units.add("区财政局")
    assert unit.units and unit.plan_id is None  # the directory is shared by every plan
    assigned = ws.progress.assign(task.id, unit.id, Role.LEAD)
    assert assigned.progress and assigned.plan_id == plan.id
    assert ws.progress.of_task(task.id)[0].id == assigned.id


def test_edits_name_only_what_they_touch(ws):
    pid = ws.plans.create(year=2026, title="计划").id
    tid = ws.tasks.add(pid, text="任务").id
    uid = ws.units.add("区财政局").id
    ws.progress.assign(tid, uid)
    progress = ws.progress.set(tid, uid, status="推进中")
    assert progress.progress and progress.tasks and not progress.plans and not progress.sections
    assert ws.tasks.update(tid, text="新任务") == Changes(tasks=True, plan_id=pid)
    assert ws.progress.set(tid, uid, status="推进中") == Changes()  # nothing changed: nothing to reload
    assert ws.annual.set_text(2026, "一", "总体情况").report


def test_import_and_demo_return_their_plan(ws):
    imported = store_plan(ws, parse_text(TEXT))
    assert isinstance(imported, ChangesWithId) and imported.plan_id == imported.id
    assert imported.plans and imported.tasks and imported.units
    assert [t.text for t in ws.tasks.of_plan(imported.id)] == ["做好重大决策预公开。", "做好政策解读。"]
    demo = make_demo(ws, tasks=5)
    assert demo.plan_id == demo.id != imported.id and demo.stats


def test_undo_and_redo_return_the_changes_of_the_command(ws):
    plan = ws.plans.create(year=2026, title="计划")
    undone = ws.undo()
    assert undone.plans and undone.plan_id == plan.id and ws.plans.list() == []
    redone = ws.redo()
    assert redone.plan_id == plan.id and [p.id for p in ws.plans.list()] == [plan.id]


def test_changes_combine_and_say_whom_they_concern():
    a = Changes(tasks=True, plan_id=1)
    assert (a | Changes(progress=True, plan_id=1)) == Changes(tasks=True, progress=True, plan_id=1)
    assert (a | Changes(units=True)).plan_id == 1
    assert (a | Changes(tasks=True, plan_id=2)).plan_id is None  # about two plans: about no one plan
    assert a.concerns(1) and not a.concerns(2) and Changes(units=True).concerns(2)


def test_the_office_is_stored_undoably(ws):
    assert ws.settings.office().name == ""
    changes = ws.settings.set_office(name="示例区人民政府办公室", phone="0519-12345678")
    assert changes.settings and ws.settings.office().phone == "0519-12345678"
    ws.settings.set_office(phone="")
    assert ws.settings.office().phone == "" and ws.settings.office().name == "示例区人民政府办公室"
    ws.undo()
    assert ws.settings.office().phone == "0519-12345678"
