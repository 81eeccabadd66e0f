"""Edits of many tasks at once: each is ONE undoable step, named by what it did."""

from __future__ import annotations

import json

import pytest

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.model import Role


@pytest.fixture
def plan(ws):
    pid = ws.plans.create(year=2026, title="计划").id
    fin, jus = ws.units.add("区财政局").id, ws.units.add("区司法局").id
    tids = []
    for n in range(1, 13):
        tid = ws.tasks.add(pid, text=f"任务{n}", number=str(n)).id
        ws.progress.assign(tid, fin, Role.LEAD)
        if n % 2:
            ws.progress.assign(tid, jus)
        tids.append(tid)
    ws.undo_stack.clear()
    return pid, tids, fin, jus


def statuses(ws, tids):
    return [[a.status.value for a in ws.progress.of_task(t)] for t in tids]


def test_set_many_for_all_units_is_one_step_named_by_what_it_did(ws, plan):
    pid, tids, fin, jus = plan
    before = statuses(ws, tids)
    changes = ws.progress.set_many(ws.progress.entries(tids), status="已完成")
    assert changes.progress and changes.tasks and changes.plan_id == pid
    assert all(s == "已完成" for row in statuses(ws, tids) for s in row)
    assert ws.undo_status().undo_label == "批量设置12项任务的完成状态"
    ws.undo()
    assert statuses(ws, tids) == before
    assert ws.undo_status().undo_label is None
    ws.redo()
    assert ws.progress.of_task(tids[0])[1].updated_by == ws.undo_stack.user


def test_set_many_for_one_chosen_unit_leaves_the_others(ws, plan):
    pid, tids, fin, jus = plan
    entries = ws.progress.entries(tids[:4], unit_id=jus)
    assert entries == [(tids[0], jus), (tids[2], jus)]
    ws.progress.set_many(entries, status="推进中")
    assert statuses(ws, tids[:4]) == [["未启动", "推进中"], ["未启动"], ["未启动", "推进中"], ["未启动"]]
    assert ws.undo_status().undo_label == "批量设置2项任务的完成状态"
    with pytest.raises(ValidationError, match="无效"):
        ws.progress.set_many(entries, status="差不多")
    assert ws.progress.set_many(entries, status="推进中").any() is False  # nothing to change: no step
    assert ws.undo_status().undo_label == "批量设置2项任务的完成状态"


def test_add_and_remove_a_unit_on_many_tasks(ws, plan):
    pid, tids, fin, jus = plan
    ws.progress.assign_many(tids[:3], "区教育局")
    assert ws.undo_status().undo_label == "为3项任务添加责任单位「区教育局」"
    assert [a.unit_name for a in ws.progress.of_task(tids[2])] == ["区财政局", "区司法局", "区教育局"]
    ws.progress.unassign_many(tids[:3], jus)
    assert ws.undo_status().undo_label == "从2项任务中移除「区司法局」"
    assert [a.unit_name for a in ws.progress.of_task(tids[2])] == ["区财政局", "区教育局"]
    ws.undo()
    ws.undo()
    assert [a.unit_name for a in ws.progress.of_task(tids[2])] == ["区财政局", "区司法局"]
    ws.undo()
    assert ws.units.find("区教育局") is None  # the new unit went with its step


def test_delete_many_and_undo(ws, plan):
    pid, tids, fin, jus = plan
    ws.tasks.delete_many(tids[3:8])
    assert [t.number for t in ws.tasks.of_plan(pid)] == ["1", "2", "3", "9", "10", "11", "12"]
    assert ws.undo_status().undo_label == "删除5项任务"
    ws.undo()
    assert len(ws.tasks.of_plan(pid)) == 12 and len(ws.progress.of_task(tids[4])) == 2
    with pytest.raises(ValidationError):
        ws.tasks.delete_many([])


def test_confirm_clears_the_import_flags(ws, plan):
    pid, tids, *_ = plan
    ws.tasks.update(tids[0], flags=["units_inherited"])
    ws.tasks.update(tids[1], flags=["no_units", "text_repaired"])
    ws.undo_stack.clear()
    ws.tasks.confirm([tids[0]])
    assert ws.tasks.get(tids[0]).flags == () and ws.undo_status().undo_label == "确认任务1"
    ws.tasks.confirm_all(pid)
    assert ws.tasks.get(tids[1]).flags == () and ws.undo_status().undo_label == "确认任务2"
    ws.undo()
    assert ws.tasks.get(tids[1]).flags == ("no_units", "text_repaired")
    assert json.loads(ws.tasks.row(tids[1])["flags"]) == ["no_units", "text_repaired"]
    assert ws.tasks.confirm([tids[5]]).any() is False


def test_renumber_after_reordering_is_undoable(ws):
    pid = ws.plans.create(year=2026, title="计划").id
    s1 = ws.plans.add_section(pid, title="一部分", number="一").id
    s2 = ws.plans.add_section(pid, title="二部分", number="二").id
    a = [ws.tasks.add(pid, section_id=s1, text=f"甲{n}", number=str(n)).id for n in (1, 2, 3)]
    b = [ws.tasks.add(pid, section_id=s2, text=f"乙{n}", number=str(n)).id for n in (1, 2)]
    ws.tasks.move(a[2], -2)  # 3 1 2 under 一
    ws.tasks.renumber(pid)
    assert [(t.text, t.number) for t in ws.tasks.of_plan(pid)] == [
        ("甲3", "1"), ("甲1", "2"), ("甲2", "3"), ("乙1", "1"), ("乙2", "2")]
    assert ws.undo_status().undo_label == "重新编号"
    ws.undo()
    assert [t.number for t in ws.tasks.of_plan(pid)] == ["3", "1", "2", "1", "2"]
    ws.redo()
    assert ws.tasks.renumber(pid).any() is False  # already in order: no step
    assert b


def test_renumber_runs_on_across_sections_when_the_plan_does(ws):
    pid = ws.plans.create(year=2026, title="计划").id
    s1 = ws.plans.add_section(pid, title="一部分", number="一").id
    s2 = ws.plans.add_section(pid, title="二部分", number="二").id
    ws.tasks.add(pid, section_id=s1, text="甲", number="1")
    ws.tasks.add(pid, section_id=s1, text="乙", number="3")  # a duplicate typed by hand
    ws.tasks.add(pid, section_id=s2, text="丙", number="3")
    ws.tasks.add(pid, section_id=s2, text="丁")
    ws.tasks.renumber(pid)
    assert [t.number for t in ws.tasks.of_plan(pid)] == ["1", "2", "3", "4"]


def test_find_and_replace_over_task_and_progress_texts_is_one_step(ws, plan):
    pid, tids, fin, jus = plan
    ws.tasks.update(tids[0], text="做好区政府办网站公开。", detail="区政府办牵头。")
    ws.progress.set(tids[1], fin, done="已报区政府办审核", problems="区政府办未反馈")
    ws.undo_stack.clear()
    found = ws.texts.find(pid, "区政府办")
    assert [(m.task_id, m.where) for m in found] == [
        (tids[0], "任务内容"), (tids[0], "具体要求"), (tids[1], "区财政局的落实情况"), (tids[1], "区财政局的存在问题")]
    assert ws.texts.find(pid, "区政府办", in_progress=False, task_ids=[tids[1]]) == []
    changes = ws.texts.replace(pid, "区政府办", "区政府办公室")
    assert changes.tasks and changes.progress
    assert ws.tasks.get(tids[0]).text == "做好区政府办公室网站公开。"
    assert ws.progress.of_task(tids[1])[0].problems == "区政府办公室未反馈"
    assert ws.undo_status().undo_label == "替换“区政府办”为“区政府办公室”（4处）"
    ws.undo()
    assert ws.tasks.get(tids[0]).detail == "区政府办牵头。"
    assert ws.progress.of_task(tids[1])[0].done == "已报区政府办审核"


def test_replace_refuses_to_empty_a_task_text(ws, plan):
    pid, tids, *_ = plan
    with pytest.raises(ValidationError, match="任务1的任务内容会变成空的"):
        ws.texts.replace(pid, "任务1", "", task_ids=[tids[0]])
    assert ws.tasks.get(tids[0]).text == "任务1" and ws.undo_status().undo_label is None
