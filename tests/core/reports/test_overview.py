"""The overview's figures against a plan computed by hand, on a date and week by week."""

from __future__ import annotations

import datetime as dt

from gongkai_desk.core.reports.overview import NO_SECTION, build_overview, to_json

D = dt.date.fromisoformat


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
    # 序时进度 as an extra key: 1 January to 15 July is 195 of the 200 days to 20 July; past the due date: 1
    assert [i["elapsed"] for i in j["due_soon_list"]] == [0.975, 0.975]
    assert j["overdue_list"][0]["elapsed"] == 1.0


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


def test_relative_deadline_counts_from_the_task_start(ws, clock):
    pid = ws.plans.create(year=2026, title="计划").id
    tid = ws.tasks.add(pid, text="制定实施方案", number="1", deadline="自方案印发之日起20个工作日内").id
    ws.progress.assign(tid, ws.units.add("区财政局").id)
    ov = build_overview(ws, pid, D("2026-10-27"))
    assert ov.task_rows[0].due.note == "需要起算日期" and ov.due_soon == 0
    ws.calendar.set_task_start(tid, D("2026-09-28"))
    ov = build_overview(ws, pid, D("2026-10-27"))
    assert ov.task_rows[0].due.date == D("2026-10-30") and ov.due_soon_list[0].due.left == 3
    ws.undo()
    assert build_overview(ws, pid, D("2026-10-27")).task_rows[0].due.date is None


def test_groups_are_counted_but_never_ranked(ws, plan):
    """A 汇总 unit (区各有关部门) is shown with its figures, but a 通报 ranks units, not groups."""
    from gongkai_desk.core.model import Role

    pid, t, _u = plan
    group = ws.units.add("区各有关部门", is_group=True).id
    ws.progress.assign(t[4], group, Role.RESPONSIBLE)
    ov = build_overview(ws, pid, D("2026-07-15"))
    assert "区各有关部门" in [u.unit for u in ov.units]
    assert [u.unit for u in ov.ranking()] == ["区财政局", "区教育局", "区民政局"]
    assert "区各有关部门" not in [r["unit"] for r in to_json(ov)["ranking"]]


def test_numbers_restarting_per_section_are_shown_as_the_window_shows_them(ws, tmp_path):
    """一.1 and 二.1, not 1 and 1: the overview lists, the 催办通知 and the 催办 record use the one
    numbering rule (core.numbering) the task table uses."""
    import docx

    from gongkai_desk.core.exporters.overview import export_chasing_notices
    from gongkai_desk.core.model import Role

    pid = ws.plans.create(year=2026, title="2026年政务公开工作要点").id
    one = ws.plans.add_section(pid, title="公开平台", number="一").id
    two = ws.plans.add_section(pid, title="政策解读", number="二").id
    unit = ws.units.add("区财政局").id
    tids = [ws.tasks.add(pid, text=f"任务{n}", number=num, section_id=sec, deadline="6月底前").id
            for n, (num, sec) in enumerate((("1", one), ("2", one), ("1", two)), start=1)]
    for t in tids:
        ws.progress.assign(t, unit, Role.LEAD)
    ov = build_overview(ws, pid, D("2026-07-15"))
    assert [i.number for i in ov.overdue_list] == ["一.1", "一.2", "二.1"]
    [path] = export_chasing_notices(ws, pid, tmp_path, D("2026-07-15"))
    cells = {c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells}
    assert {"一.1", "一.2", "二.1"} <= cells
    ws.chasing.record(unit, [tids[2]], way="电话")
    [record] = ws.chasing.records(unit_id=unit)
    assert record.task_numbers == ("二.1",)
