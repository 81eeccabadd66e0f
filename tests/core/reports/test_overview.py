"""The overview's figures against a plan computed by hand, on a date and week by week."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.model import Role
from gongkai_desk.core.reports.overview import NO_SECTION, build_overview, to_json

D = dt.date.fromisoformat


class Clock:
    """The time every edit stamps (history, updated_at, created_at), set by the test."""

    def __init__(self, monkeypatch):
        self.now = "2026-07-01T09:00:00"
        for module in ("gongkai_desk.core.undo", "gongkai_desk.core.edits.progress", "gongkai_desk.core.storage.rows"):
            monkeypatch.setattr(f"{module}.now_text", lambda: self.now)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def plan(ws, clock):
    """Six tasks, three units; statuses set on 2026-07-10, one 持续推进 last updated on 2026-06-01.

    On 2026-07-15 (Wednesday), by hand:
      T1 6月底前   A 已完成, B 推进中   → B overdue
      T2 7月20日前 A 推进中, C 未启动   → both due in 3 working days (16, 17, 20 July)
      T3 持续推进  C 持续推进 (updated 5 days ago) → green
      T4 年底前    B 已完成
      T5 持续推进  B 持续推进 (updated 44 days ago) → yellow, stale (not "due soon")
      T6 7月1日前  no unit, no section  → overdue
    """
    pid = ws.plans.create(year=2026, title="2026年政务公开工作要点").id
    one = ws.plans.add_section(pid, title="公开平台", number="一").id
    sub = ws.plans.add_section(pid, title="政府网站", number="一", parent_id=one).id
    two = ws.plans.add_section(pid, title="政策解读", number="二").id
    a, b, c = (ws.units.add(n).id for n in ("区财政局", "区教育局", "区民政局"))
    t = {}
    for n, sec, deadline in ((1, sub, "6月底前"), (2, one, "7月20日前"), (3, two, "持续推进"), (4, two, "年底前"),
                             (5, two, "持续推进"), (6, None, "7月1日前")):
        t[n] = ws.tasks.add(pid, text=f"任务{n}", number=str(n), section_id=sec, deadline=deadline).id
    for task, unit, role in ((1, a, Role.LEAD), (1, b, Role.RESPONSIBLE), (2, a, Role.LEAD), (2, c, Role.RESPONSIBLE),
                             (3, c, Role.LEAD), (4, b, Role.LEAD), (5, b, Role.LEAD)):
        ws.progress.assign(t[task], unit, role)
    clock.now = "2026-06-01T10:00:00"
    ws.progress.set(t[5], b, status="持续推进")
    clock.now = "2026-07-10T15:30:00"
    ws.progress.set(t[1], a, status="已完成")
    ws.progress.set(t[1], b, status="推进中")
    ws.progress.set(t[2], a, status="推进中")
    ws.progress.set(t[3], c, status="持续推进")
    ws.progress.set(t[4], b, status="已完成")
    return pid, t, (a, b, c)


def test_figures_on_a_date_match_the_hand_count(ws, plan):
    pid, t, (a, b, c) = plan
    ws.chasing.record(c, [t[2]], way="电话", date=D("2026-07-14"), person="王科长", answer="本周内完成")
    ws.chasing.record(c, [t[2]], way="书面", date=D("2026-07-16"))  # after the date: not counted yet
    ov = build_overview(ws, pid, D("2026-07-15"))
    assert (ov.tasks, ov.entries, ov.done, ov.overdue, ov.due_soon) == (6, 7, 2, 2, 2)
    assert (ov.tasks_done, ov.tasks_overdue) == (1, 2)
    units = {u.unit: (u.tasks, u.done, u.overdue, u.due_soon, u.light.color, u.chased) for u in ov.units}
    assert units == {"区财政局": (2, 1, 0, 1, "yellow", 0), "区教育局": (3, 1, 1, 0, "red", 0),
                     "区民政局": (2, 0, 0, 1, "yellow", 1)}
    sections = {s.section: (s.tasks, s.done, s.overdue, s.due_soon, s.entries, s.entries_done) for s in ov.sections}
    assert sections == {"一、公开平台": (2, 0, 1, 1, 4, 1), "二、政策解读": (3, 1, 0, 0, 3, 1), NO_SECTION: (1, 0, 1, 0, 0, 0)}
    assert [(i.number, i.unit) for i in ov.overdue_list] == [("1", "区教育局"), ("6", "（未指定单位）")]
    assert [(i.number, i.unit, i.due.left) for i in ov.due_soon_list] == [("2", "区财政局", 3), ("2", "区民政局", 3)]
    assert [u.unit for u in ov.ranking()] == ["区财政局", "区教育局", "区民政局"]
    assert ov.banner is None


def test_json_keeps_the_contract_keys(ws, plan):
    pid, _t, _u = plan
    j = to_json(build_overview(ws, pid, D("2026-07-15")))
    for key in ("plan", "date", "tasks", "entries", "done", "overdue", "due_soon", "rule", "units", "sections",
                "overdue_list"):
        assert key in j
    assert j["date"] == "2026-07-15" and j["rule"].startswith("红：已过期限且未完成；黄：5个工作日内到期")
    assert set(j["units"][0]) >= {"unit", "tasks", "done", "overdue", "due_soon", "light"}
    assert set(j["sections"][0]) >= {"section", "tasks", "done", "overdue"}
    assert j["overdue_list"][0] == {**j["overdue_list"][0], "task": plan[1][1], "number": "1", "unit": "区教育局",
                                    "deadline": "6月底前", "due": "2026-06-30"}


def test_an_earlier_date_rolls_later_changes_back(ws, plan):
    pid, t, _u = plan
    ov = build_overview(ws, pid, D("2026-07-05"))  # before the statuses of 10 July
    assert ov.done == 0 and ov.tasks_done == 0
    # On 5 July T1 (6月底前) was late for both its units, and T6 (7月1日前) too.
    assert sorted((i.number, i.unit) for i in ov.overdue_list) == [("1", "区教育局"), ("1", "区财政局"), ("6", "（未指定单位）")]


def test_completion_week_by_week(ws, plan):
    pid, _t, _u = plan
    weekly = build_overview(ws, pid, D("2026-07-15")).weekly
    assert [(p.date.isoformat(), p.done, p.entries) for p in weekly] == [
        ("2026-07-05", 0, 7), ("2026-07-12", 2, 7), ("2026-07-15", 2, 7)]


def test_thresholds_change_the_figures(ws, plan):
    pid, _t, _u = plan
    ws.calendar.set_light_rule(2, 60)
    ov = build_overview(ws, pid, D("2026-07-15"))
    assert ov.due_soon == 0  # 3 working days left is no longer "soon"
    assert {u.unit: u.light.color for u in ov.units}["区民政局"] == "green"


def test_a_plan_in_a_year_without_holiday_data_has_a_banner(ws):
    pid = ws.plans.create(year=2027, title="2027年政务公开工作要点").id
    ws.tasks.add(pid, text="做好政策解读", deadline="3月底前")
    ov = build_overview(ws, pid, D("2026-12-01"))
    assert ov.banner == "2027年节假日安排尚未载入，工作日按周一至周五计算"
    assert ov.review == 1
