"""Updating a stored plan from a newer version of its document (``import --into``): pairing of
tasks and sections, and progress that must survive the update."""

from __future__ import annotations

from gongkai_desk.core.import_store import store_plan
from gongkai_desk.core.import_update import apply_update, diff_update
from gongkai_desk.core.importers import parse_text
from gongkai_desk.core.model import Status


def doc(*lines: str) -> str:
    return "\n".join(("2024年政务公开工作要点", *lines)) + "\n"


def progress(ws, plan_id: int) -> dict[tuple[str, str], tuple[Status, str]]:
    """{(task text, unit name): (status, done)} of the whole plan."""
    return {(t.text, a.unit_name): (a.status, a.done) for t in ws.tasks(plan_id) for a in ws.assignments(t.id)}


def test_identical_task_texts_in_one_section_pair_in_order(ws):
    v5 = doc("一、全面做好重点领域信息公开",
             "1. 做好信息公开工作。（牵头单位：区财政局）",
             "2. 做好信息公开工作。（牵头单位：区教育局）",
             "二、加强平台建设",
             "3. 加强政府网站建设。（牵头单位：区政府办）")
    v6 = v5.replace("加强政府网站建设", "加强政府网站和新媒体建设")
    plan_id = store_plan(ws, parse_text(v5))
    first, second, _ = ws.tasks(plan_id)
    ws.set_progress(first.id, ws.find_unit("区财政局").id, status="已完成", done="财政局已公开")
    ws.set_progress(second.id, ws.find_unit("区教育局").id, status="推进中", done="教育局公开了一半")
    diff = diff_update(ws, plan_id, parse_text(v6))
    assert [c.old.number for c in diff.changed] == ["3"] and diff.unchanged == 2
    assert not diff.added and not diff.removed
    apply_update(ws, plan_id, diff)
    assert [a.unit_name for a in ws.assignments(first.id)] == ["区财政局"]
    assert [a.unit_name for a in ws.assignments(second.id)] == ["区教育局"]
    p = progress(ws, plan_id)
    assert p[("做好信息公开工作。", "区财政局")] == (Status.DONE, "财政局已公开")
    assert p[("做好信息公开工作。", "区教育局")] == (Status.IN_PROGRESS, "教育局公开了一半")
