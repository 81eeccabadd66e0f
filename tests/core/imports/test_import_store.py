"""Storing parsed plans: seeds, unit matching, the clerk's alias choices, undo/redo and updates."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.imports.store import match_parsed_units, store_plan
from gongkai_desk.core.imports.apply import apply_update
from gongkai_desk.core.imports.diff import diff_update
from gongkai_desk.core.imports.parse import parse_file, parse_text
from gongkai_desk.core.model import DeadlineKind, Role, Status, Unit
from gongkai_desk.core.imports.matching import UnitMatcher, plan_localities
from tests.conftest import DATA

SEEDS = DATA / "seeds"
TABLES = ("plans", "sections", "tasks", "units", "unit_aliases", "group_members", "assignments")


def seed(n: str):
    return next(SEEDS.glob(f"{n}_*.txt"))


def snapshot(ws) -> dict[str, list[tuple]]:
    return {t: ws.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}


def by_prefix(tasks, prefix: str):
    return next(t for t in tasks if t.text.startswith(prefix))


@pytest.mark.parametrize("n, tasks, sections", [("000", 34, 15), ("001", 25, None), ("002", 38, None),
                                                  ("003", 13, 4), ("004", 50, 22)])
def test_each_seed_stores_and_reads_back(ws, n, tasks, sections):
    parsed = parse_file(seed(n))
    plan_id = store_plan(ws, parsed).id
    stored = ws.tasks.of_plan(plan_id)
    assert len(stored) == tasks
    if sections is not None:
        assert len(ws.plans.sections(plan_id)) == sections
    plan = ws.plans.get(plan_id)
    assert plan.year == parsed.year and plan.kind == parsed.kind
    for p, s in zip(parsed.tasks, stored):
        assert s.text == p.text and s.number == p.number and s.detail == p.detail
        assert list(s.lead_units) == p.lead_units
        assert list(s.responsible_units) == [u for u in p.responsible_units if u not in p.lead_units]
        assert list(s.flags) == p.flags
    assert ws.undo_status().undo_label == f"导入计划「{plan.title}」（{tasks}项任务）"


def test_seed000_units_roles_and_groups(ws):
    plan_id = store_plan(ws, parse_file(seed("000"))).id
    tasks = ws.tasks.of_plan(plan_id)
    first = by_prefix(tasks, "以公开为常态")
    assert first.lead_units == ("区政府办",) and first.responsible_units == ("区各有关部门",)
    assert set(by_prefix(tasks, "推进精准扶贫脱贫").lead_units + by_prefix(tasks, "推进精准扶贫脱贫").responsible_units) \
        == {"区委农工办", "区民政局", "区市场监管局", "钟楼环保局"}
    assert ws.units.find("区各有关部门").is_group
    assert not ws.units.find("区政府办").is_group
    inherited = [t for t in tasks if "units_inherited" in t.flags]
    assert inherited and all(t.lead_units or t.responsible_units for t in inherited)


def test_seed004_roles_and_all_below_units(ws):
    plan_id = store_plan(ws, parse_file(seed("004"))).id
    tasks = ws.tasks.of_plan(plan_id)
    assert [t.number for t in tasks] == [str(i) for i in range(1, 51)]
    assert tasks[0].lead_units == ("市审批局", "市发改委", "市市场监管局")
    assert tasks[0].responsible_units == ("市直各部门", "各县市区")
    assert all("各县市区" in t.responsible_units for t in tasks[1:])
    a = ws.progress.of_task(tasks[0].id)
    assert [(x.unit_name, x.role) for x in a][:2] == [("市审批局", Role.LEAD), ("市发改委", Role.LEAD)]
    assert all(x.status is Status.NOT_STARTED and x.done == "" for x in a)
    assert ws.units.find("各县市区").is_group and ws.units.find("市直各部门").is_group
    assert ws.plans.get(plan_id).issue_date == dt.date(2022, 7, 15)
    assert ws.plans.get(plan_id).issuer == ("荆门市人民政府办公室",)


def test_seed003_review_stores_progress_and_deadlines(ws):
    plan_id = store_plan(ws, parse_file(seed("003"))).id
    assert ws.plans.get(plan_id).kind == "review" and ws.plans.get(plan_id).year == 2021
    tasks = ws.tasks.of_plan(plan_id)
    assert Counter(t.status for t in tasks) == {Status.DONE: 6, Status.STAGED: 7}
    market = by_prefix(tasks, "落实市场监管领域信息公开")
    entries = ws.progress.of_task(market.id)
    assert {e.unit_name for e in entries} == {"区市场监督管理局", "区司法局", "区发改委"}
    assert all(e.status is Status.STAGED and e.updated_at for e in entries)
    assert market.deadline.kind is DeadlineKind.CONTINUOUS and market.deadline.date is None
    decision = by_prefix(tasks, "切实做好重大行政决策公开")
    assert decision.deadline.phrase == "年底完成" and decision.deadline.date == dt.date(2021, 12, 31)
    assert decision.status is Status.DONE
    assert market.detail and market.detail.startswith("以持续优化营商环境建设为目标")


def test_inline_deadlines_are_typed_with_the_plan_year(ws):
    text = ("2026年示例区政务公开工作要点\n一、推进财政信息公开\n"
            "1.做好财政预决算公开。（牵头单位：区财政局；责任单位：区各有关部门；完成时限：6月底前）\n"
            "2.加强政府网站建设。（牵头单位：区政府办；完成时限：持续推进）\n")
    plan_id = store_plan(ws, parse_text(text)).id
    first, second = ws.tasks.of_plan(plan_id)
    assert (first.deadline.phrase, first.deadline.date) == ("6月底前", dt.date(2026, 6, 30))
    assert second.deadline.kind is DeadlineKind.CONTINUOUS


def test_year_and_title_override_and_missing_year(ws):
    parsed = parse_file(seed("001"))
    parsed.year = None
    with pytest.raises(ValidationError, match="--year"):
        store_plan(ws, parsed)
    assert ws.plans.list() == []
    plan_id = store_plan(ws, parsed, year=2021, title="临沂商城2021年政务公开工作").id
    assert (ws.plans.get(plan_id).year, ws.plans.get(plan_id).title) == (2021, "临沂商城2021年政务公开工作")


def test_untitled_document_gets_a_chinese_title(ws):
    plan_id = store_plan(ws, parse_file(seed("001"))).id
    assert ws.plans.get(plan_id).title == "2020年政务公开工作计划"


# ---- unit matching ----------------------------------------------------------------------------

def directory() -> list[Unit]:
    return [Unit(1, "区财政局"), Unit(2, "区环保局"), Unit(3, "市行政审批局", aliases=("审批局",)),
            Unit(4, "区政府办"), Unit(5, "县政府办"), Unit(6, "区各有关部门", is_group=True)]


def test_match_exact_alias_and_without_locality_prefix():
    m = UnitMatcher(directory(), plan_localities("钟楼区2018年政务公开工作要点实施方案", ["常州市钟楼区人民政府办公室"]))
    assert (m.match("区财政局").unit_id, m.match("区财政局").how) == (1, "exact")
    assert (m.match("审批局").unit_id, m.match("审批局").how) == (3, "alias")
    assert (m.match("财政局").unit_id, m.match("财政局").how) == (1, "prefix")
    assert m.match("钟楼环保局").unit_id == 2  # the plan's own place name is a prefix too
    assert m.match("钟楼区财政局").unit_id == 1
    assert m.match("市审批局").unit_id == 3


def test_unknown_names_get_close_suggestions():
    m = UnitMatcher(directory(), ())
    ambiguous = m.match("政府办")  # 区政府办 or 县政府办: the clerk decides
    assert not ambiguous.known and [s[0] for s in ambiguous.suggestions] == [4, 5]
    assert [s[0] for s in m.match("区财务局").suggestions][:1] == [1]
    assert m.match("区财政").suggestions[0] == (1, "区财政局")  # containment
    assert m.match("区发改局").suggestions == ()
    assert not m.match("市财政局").known  # another level's prefix is not the same unit
    assert m.match("市财政局").suggestions[0][0] == 1 and not m.match("市财政局").likely
    assert m.match("区财政").likely and m.match("政府办").likely
    assert not m.match("区财务局").likely  # only similar: suggested, not taken for a variant


def test_group_names_are_groups_and_never_prefix_matched():
    m = UnitMatcher(directory(), ())
    assert m.match("各有关部门").unit_id is None and m.match("各有关部门").is_group
    for name in ("市直各部门", "各县市区", "县政府各工作部门", "区各有关部门x各单位"):
        assert m.match(name).is_group, name
    assert not m.match("区发改局").is_group


def test_store_matches_existing_units_without_duplicates(ws):
    uid = ws.units.add("市审批局").id
    before = len(ws.units.all())
    plan_id = store_plan(ws, parse_file(seed("004"))).id
    assert ws.units.find("市审批局").id == uid
    again = store_plan(ws, parse_file(seed("004"))).id
    assert len(ws.units.all()) == before + len(match_parsed_units(ws, parse_file(seed("004")))) - 1
    assert ws.tasks.of_plan(plan_id)[0].unit_ids == ws.tasks.of_plan(again)[0].unit_ids


def test_clerks_alias_choice_is_remembered_for_the_next_import(ws):
    uid = ws.units.add("荆门市行政审批局").id
    parsed = parse_file(seed("004"))
    match = match_parsed_units(ws, parsed)["市审批局"]
    assert not match.known and match.suggestions[0] == (uid, "荆门市行政审批局")
    plan_id = store_plan(ws, parsed, unit_choices={"市审批局": uid}).id
    assert ws.tasks.of_plan(plan_id)[0].lead_units[0] == "荆门市行政审批局"
    assert "市审批局" in ws.units.get(uid).aliases
    assert ws.units.find("市审批局").id == uid
    again = match_parsed_units(ws, parse_file(seed("004")))["市审批局"]
    assert (again.unit_id, again.how) == (uid, "alias")
    ws.undo()  # the alias belongs to the import command
    assert ws.units.get(uid).aliases == ()


# ---- undo / redo ------------------------------------------------------------------------------

def test_undo_removes_the_whole_import_and_redo_restores_identical_rows(ws):
    ws.units.add("区财政局")
    before = snapshot(ws)
    store_plan(ws, parse_file(seed("003")))
    after = snapshot(ws)
    assert len(after["assignments"]) > 13
    ws.undo()
    assert snapshot(ws) == before
    ws.redo()
    assert snapshot(ws) == after


# ---- update -----------------------------------------------------------------------------------

CHANGED_TEXT = "2.围绕环保、交通、城市基础设施、农业、林业、水利、土地整治等涉及公共利益和民生领域的政府重大投资项目"
NEW_TASK = "  4.公开县级重大项目建设进展和资金使用情况。(牵头单位:县发改和科技知识产权局;责任单位:县财政局)"


def modified_002() -> str:
    lines = seed("002").read_text(encoding="utf-8").split("\n")
    assert lines[21].strip().startswith(CHANGED_TEXT) and lines[23].strip().startswith("4.推进审计发现问题")
    lines[21] = lines[21].replace("及时公开项目基本情况", "及时全面公开项目基本情况")
    lines[23] = NEW_TASK  # task (二)4 replaced by another task
    lines[28] = lines[28].replace("牵头单位:县扶贫移民局", "牵头单位:县乡村振兴局")
    return "\n".join(lines)


def test_update_diff_lists_changed_added_and_removed_tasks(ws):
    plan_id = store_plan(ws, parse_file(seed("002"))).id
    diff = diff_update(ws, plan_id, parse_text(modified_002()))
    assert [a.task.text[:8] for a in diff.added] == ["公开县级重大项目"]
    assert [t.text[:8] for t in diff.removed] == ["推进审计发现问题"]
    assert len(diff.changed) == 2 and diff.unchanged == 38 - 3
    text_change, unit_change = diff.changed
    assert [f.field for f in text_change.fields] == ["text"]
    assert "及时全面公开项目基本情况" in text_change.fields[0].new
    assert [(f.field, f.old, f.new) for f in unit_change.fields] == [("lead_units", "县扶贫移民局", "县乡村振兴局")]
    lines = diff.lines()
    assert lines[0] == "新增1项任务，删除1项，修改2项，未变35项"
    assert any(line.startswith("删除任务4：推进审计发现问题") for line in lines)
    assert len(ws.tasks.of_plan(plan_id)) == 38  # diff_update stores nothing


def test_apply_update_keeps_progress_of_untouched_units(ws):
    plan_id = store_plan(ws, parse_file(seed("002"))).id
    tasks = ws.tasks.of_plan(plan_id)
    poverty = by_prefix(tasks, "加强扶贫工作信息公开")
    untouched = tasks[0]
    township = ws.units.find("各乡镇人民政府").id
    ws.progress.set(poverty.id, township, status="推进中", done="已公开扶贫资金项目")
    ws.progress.set(untouched.id, township, status="已完成", done="已落实")
    diff = diff_update(ws, plan_id, parse_text(modified_002()))
    before = snapshot(ws)
    apply_update(ws, plan_id, diff)
    after_tasks = ws.tasks.of_plan(plan_id)
    assert len(after_tasks) == 38
    assert any(t.text.startswith("公开县级重大项目") for t in after_tasks)
    assert not any(t.text.startswith("推进审计发现问题") for t in after_tasks)
    assert by_prefix(after_tasks, "围绕环保、交通").text.count("及时全面公开") == 1
    p = {a.unit_name: a for a in ws.progress.of_task(poverty.id)}
    assert set(p) == {"县乡村振兴局", "各乡镇人民政府", "县政府相关部门"}
    assert (p["各乡镇人民政府"].status, p["各乡镇人民政府"].done) == (Status.IN_PROGRESS, "已公开扶贫资金项目")
    kept = ws.progress.of_task(untouched.id)
    assert [(a.status, a.done) for a in kept if a.unit_id == township] == [(Status.DONE, "已落实")]
    assert ws.undo_status().undo_label.startswith("更新计划「荣县全面推进政务公开工作实施方案」")
    ws.undo()
    assert snapshot(ws) == before


def test_prefix_match_is_used_unless_the_clerk_asks_for_a_new_unit(ws):
    uid = ws.units.add("区财政局").id
    text = "2026年示例区政务公开工作要点\n一、推进财政信息公开\n1.做好财政预决算公开。（牵头单位：财政局）\n"
    parsed = parse_text(text)
    assert match_parsed_units(ws, parsed)["财政局"].how == "prefix"
    first = store_plan(ws, parsed).id
    assert ws.tasks.of_plan(first)[0].lead_units == ("区财政局",)
    assert ws.units.find("财政局") is None  # an automatic match adds no alias
    second = store_plan(ws, parse_text(text), unit_choices={"财政局": None}).id
    assert ws.tasks.of_plan(second)[0].lead_units == ("财政局",)
    assert ws.units.find("财政局").id != uid
