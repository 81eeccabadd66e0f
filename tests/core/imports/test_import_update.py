"""Updating a stored plan from a newer version of its document (``import --into``): pairing of
tasks and sections, and progress that must survive the update."""

from __future__ import annotations

import pytest

from gongkai_desk.core.errors import ConflictError
from gongkai_desk.core.imports.store import store_plan
from gongkai_desk.core.imports.apply import apply_update
from gongkai_desk.core.imports.diff import diff_update
from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.model import Status


def doc(*lines: str) -> str:
    return "\n".join(("2024年政务公开工作要点", *lines)) + "\n"


def progress(ws, plan_id: int) -> dict[tuple[str, str], tuple[Status, str]]:
    """{(task text, unit name): (status, done)} of the whole plan."""
    return {(t.text, a.unit_name): (a.status, a.done) for t in ws.tasks.of_plan(plan_id) for a in ws.progress.of_task(t.id)}


def test_identical_task_texts_in_one_section_pair_in_order(ws):
    v5 = doc("一、全面做好重点领域信息公开",
             "1. 做好信息公开工作。（牵头单位：区财政局）",
             "2. 做好信息公开工作。（牵头单位：区教育局）",
             "二、加强平台建设",
             "3. 加强政府网站建设。（牵头单位：区政府办）")
    v6 = v5.replace("加强政府网站建设", "加强政府网站和新媒体建设")
    plan_id = store_plan(ws, parse_text(v5)).id
    first, second, _ = ws.tasks.of_plan(plan_id)
    ws.progress.set(first.id, ws.units.find("区财政局").id, status="已完成", done="财政局已公开")
    ws.progress.set(second.id, ws.units.find("区教育局").id, status="推进中", done="教育局公开了一半")
    diff = diff_update(ws, plan_id, parse_text(v6))
    assert [c.old.number for c in diff.changed] == ["3"] and diff.unchanged == 2
    assert not diff.added and not diff.removed
    apply_update(ws, plan_id, diff)
    assert [a.unit_name for a in ws.progress.of_task(first.id)] == ["区财政局"]
    assert [a.unit_name for a in ws.progress.of_task(second.id)] == ["区教育局"]
    p = progress(ws, plan_id)
    assert p[("做好信息公开工作。", "区财政局")] == (Status.DONE, "财政局已公开")
    assert p[("做好信息公开工作。", "区教育局")] == (Status.IN_PROGRESS, "教育局公开了一半")


V1 = doc("一、全面做好重点领域信息公开",
         "1. 推进财政预决算公开。（牵头单位：区财政局）",
         "2. 做好政策解读工作。（牵头单位：区政府办）",
         "二、加强平台建设",
         "3. 加强政府网站建设。（牵头单位：区政府办）")


def with_progress(ws, text: str) -> int:
    plan_id = store_plan(ws, parse_text(text)).id
    for t in ws.tasks.of_plan(plan_id):
        for a in ws.progress.of_task(t.id):
            ws.progress.set(t.id, a.unit_id, status="已完成", done=f"{a.unit_name}已完成")
    return plan_id


def test_reworded_section_heading_keeps_tasks_and_progress(ws):
    plan_id = with_progress(ws, V1)
    before = progress(ws, plan_id)
    diff = diff_update(ws, plan_id, parse_text(V1.replace("重点领域信息公开", "重点领域政府信息公开")))
    assert not diff.added and not diff.removed and not diff.changed and diff.unchanged == 3
    assert [(c.old_title, c.title) for c in diff.sections] == [("全面做好重点领域信息公开", "全面做好重点领域政府信息公开")]
    assert diff.lines() == ["新增0项任务，删除0项，修改0项，未变3项，修改章节标题1处",
                            "修改章节标题：一、全面做好重点领域信息公开 → 一、全面做好重点领域政府信息公开"]
    apply_update(ws, plan_id, diff)
    assert progress(ws, plan_id) == before
    assert [s.title for s in ws.plans.sections(plan_id)] == ["全面做好重点领域政府信息公开", "加强平台建设"]
    ws.undo()
    assert [s.title for s in ws.plans.sections(plan_id)] == ["全面做好重点领域信息公开", "加强平台建设"]


def test_section_reworded_and_renumbered_is_paired_by_its_tasks(ws):
    plan_id = with_progress(ws, V1)
    before = progress(ws, plan_id)
    v2 = doc("一、深化政策解读",
             "1. 做好政策发布解读。（牵头单位：区政府办）",
             "二、聚焦财政和政策领域公开",
             "2. 推进财政预决算公开。（牵头单位：区财政局）",
             "3. 做好政策解读工作。（牵头单位：区政府办）",
             "4. 推进审计结果公开。（牵头单位：区审计局）",
             "三、加强平台建设",
             "5. 加强政府网站建设。（牵头单位：区政府办）")
    diff = diff_update(ws, plan_id, parse_text(v2))
    assert [a.task.text for a in diff.added] == ["做好政策发布解读。", "推进审计结果公开。"]
    assert not diff.removed
    assert {(c.old_number, c.old_title, c.number, c.title) for c in diff.sections} == {
        ("一", "全面做好重点领域信息公开", "二", "聚焦财政和政策领域公开"), ("二", "加强平台建设", "三", "加强平台建设")}
    apply_update(ws, plan_id, diff)
    after = progress(ws, plan_id)
    assert {k: v for k, v in after.items() if k in before} == before
    titles = {s.id: s.title for s in ws.plans.sections(plan_id)}
    assert sorted(titles.values()) == ["加强平台建设", "深化政策解读", "聚焦财政和政策领域公开"]  # no duplicates
    audit = next(t for t in ws.tasks.of_plan(plan_id) if t.text == "推进审计结果公开。")
    assert titles[audit.section_id] == "聚焦财政和政策领域公开"  # added into the renamed section


V3 = doc("一、全面做好重点领域信息公开",
         "1. 推进财政预决算公开。（牵头单位：区财政局；责任单位：各街道）",
         "2. 做好政策解读工作。（牵头单位：区政府办）")


def test_group_expanded_into_members_is_kept_by_an_update(ws):
    plan_id = store_plan(ws, parse_text(V3)).id
    group = ws.units.find("各街道")
    east, west = ws.units.add("东街道").id, ws.units.add("西街道").id
    ws.units.set_members(group.id, [east, west])
    task = ws.tasks.of_plan(plan_id)[0]
    ws.progress.expand_group(task.id, group.id)
    ws.progress.set(task.id, east, status="已完成", done="东街道已全部公开")
    ws.progress.set(task.id, west, status="推进中", done="西街道公开了一半")
    before = [(a.unit_name, a.role, a.status, a.done) for a in ws.progress.of_task(task.id)]
    diff = diff_update(ws, plan_id, parse_text(V3.replace("做好政策解读工作", "做好政策解读和回应工作")))
    assert [c.old.number for c in diff.changed] == ["2"] and diff.unchanged == 1
    apply_update(ws, plan_id, diff)
    assert [(a.unit_name, a.role, a.status, a.done) for a in ws.progress.of_task(task.id)] == before
    assert ws.tasks.of_plan(plan_id)[0].responsible_units == ("东街道", "西街道")


def test_a_unit_leaving_a_task_loses_its_progress_only_when_the_diff_says_so(ws):
    plan_id = store_plan(ws, parse_text(V3)).id
    task = ws.tasks.of_plan(plan_id)[0]
    finance = ws.units.find("区财政局").id
    ws.progress.set(task.id, finance, status="已完成", done="预决算已公开")
    diff = diff_update(ws, plan_id, parse_text(V3.replace("牵头单位：区财政局", "牵头单位：区审计局")))
    (change,) = diff.changed
    assert [(f.field, f.old) for f in change.fields] == [("lead_units", "区财政局"),
                                                         ("dropped_progress", "区财政局（已完成）")]
    assert "    将删除的落实情况：区财政局（已完成）（这些单位移出本任务，其落实情况一并删除）" in diff.lines()
    apply_update(ws, plan_id, diff)
    assert {a.unit_name for a in ws.progress.of_task(task.id)} == {"区审计局", "各街道"}


def test_progress_entered_after_the_diff_is_not_deleted_by_applying_it(ws):
    plan_id = store_plan(ws, parse_text(V3)).id
    task = ws.tasks.of_plan(plan_id)[0]
    diff = diff_update(ws, plan_id, parse_text(V3.replace("牵头单位：区财政局", "牵头单位：区审计局")))
    assert [f.field for f in diff.changed[0].fields] == ["lead_units"]
    ws.progress.set(task.id, ws.units.find("区财政局").id, done="比较之后填写的落实情况")
    with pytest.raises(ConflictError):
        apply_update(ws, plan_id, diff)
    assert [(a.unit_name, a.done) for a in ws.progress.of_task(task.id)] == [("区财政局", "比较之后填写的落实情况"),
                                                                        ("各街道", "")]
    assert ws.units.find("区审计局") is None  # the whole update was rolled back


def test_a_member_unit_added_beside_its_group_is_kept_by_an_update(ws):
    plan_id = store_plan(ws, parse_text(V3)).id
    group = ws.units.find("各街道")
    east = ws.units.add("东街道").id
    ws.units.set_members(group.id, [east])
    task = ws.tasks.of_plan(plan_id)[0]
    ws.progress.assign(task.id, east)
    ws.progress.set(task.id, east, status="已完成", done="东街道已全部公开")
    diff = diff_update(ws, plan_id, parse_text(V3.replace("做好政策解读工作", "做好政策解读和回应工作")))
    assert [c.old.number for c in diff.changed] == ["2"]
    apply_update(ws, plan_id, diff)
    assert [(a.unit_name, a.done) for a in ws.progress.of_task(task.id)] == [
        ("区财政局", ""), ("各街道", ""), ("东街道", "东街道已全部公开")]


def test_a_reworded_part_heading_is_described_as_written(ws):
    v1 = doc("第一部分 推进决策公开", "1. 做好重大决策预公开。（牵头单位：区政府办）",
             "第二部分 推进执行公开", "2. 公开重点任务进展。（牵头单位：区发改局）")
    plan_id = with_progress(ws, v1)
    assert [(s.level, s.number) for s in ws.plans.sections(plan_id)] == [(-3, "一"), (-3, "二")]
    diff = diff_update(ws, plan_id, parse_text(v1.replace("推进执行公开", "深化执行公开")))
    assert diff.lines()[1:] == ["修改章节标题：第二部分 推进执行公开 → 第二部分 深化执行公开"]
