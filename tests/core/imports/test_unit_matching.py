"""Unit matching across levels of government: a 市 unit is never a 区 plan's unit without the clerk."""

from __future__ import annotations

from gongkai_desk.core.imports.store import match_parsed_units, store_plan
from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.model import Unit
from gongkai_desk.core.imports.matching import UnitMatcher, plan_localities

XIHU = plan_localities("西湖区2024年政务公开工作要点", ["西湖区人民政府办公室"])


def test_city_units_are_not_merged_into_a_district_directory():
    m = UnitMatcher([Unit(1, "财政局"), Unit(2, "西湖区教育局")], XIHU)
    finance, education = m.match("市财政局"), m.match("市教育局")
    assert not finance.known and finance.how == "unknown"
    assert finance.suggestions[0] == (1, "财政局") and not finance.likely  # offered, never taken
    assert not education.known and education.suggestions[0] == (2, "西湖区教育局")
    assert not UnitMatcher([Unit(1, "区财政局")], XIHU).match("市财政局").known


def test_the_plans_own_level_still_matches_with_or_without_prefix():
    m = UnitMatcher([Unit(1, "财政局"), Unit(2, "西湖区教育局"), Unit(3, "区审计局")], XIHU)
    assert (m.match("区财政局").unit_id, m.match("区财政局").how) == (1, "prefix")
    assert m.match("西湖财政局").unit_id == 1
    assert m.match("教育局").unit_id == 2 and m.match("区教育局").unit_id == 2
    assert m.match("审计局").unit_id == 3 and m.match("西湖区审计局").unit_id == 3


def test_another_level_matches_a_bare_name_only_in_a_directory_of_that_level():
    city_directory = [Unit(1, "财政局"), Unit(2, "市教育局")]  # nothing of another level than 市
    assert UnitMatcher(city_directory, XIHU).match("市财政局").unit_id == 1
    mixed = [Unit(1, "财政局"), Unit(2, "市教育局"), Unit(3, "区审计局")]
    assert not UnitMatcher(mixed, XIHU).match("市财政局").known


def test_a_district_plan_naming_a_city_unit_stores_a_new_unit(ws):
    finance = ws.units.add("财政局").id
    ws.units.add("西湖区教育局")
    parsed = parse_text("西湖区2024年政务公开工作要点\n一、推进财政信息公开\n"
                        "1.做好财政预决算公开。（牵头单位：市财政局；责任单位：区财政局）\n")
    matches = match_parsed_units(ws, parsed)
    assert not matches["市财政局"].known and matches["区财政局"].unit_id == finance
    plan_id = store_plan(ws, parsed).id
    task = ws.tasks.of_plan(plan_id)[0]
    assert task.lead_units == ("市财政局",) and task.responsible_units == ("财政局",)
    assert ws.units.find("市财政局").id != finance
