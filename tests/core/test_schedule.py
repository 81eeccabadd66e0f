"""Deadlines evaluated on a date, and the status lights at their thresholds."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.calendar import WorkCalendar
from gongkai_desk.core.deadlines import parse_deadline
from gongkai_desk.core.lights import GREEN, RED, YELLOW, LightRule, entry_light
from gongkai_desk.core.model import Status
from gongkai_desk.core.schedule import Schedule, relative_span

D = dt.date.fromisoformat
CAL = WorkCalendar.build([])


def _due(phrase, today, *, year=2026, start=None, starts=None, task_id=None):
    d = parse_deadline(phrase, year)
    s = Schedule(CAL, D(today), plan_year=year, plan_start=D(start) if start else None, starts=starts)
    return s.evaluate(d.kind.value if d.kind else None, d.date, phrase, task_id)


def test_dated_deadline_left_and_elapsed():
    due = _due("6月底前", "2026-06-23")
    assert due.date == D("2026-06-30") and due.left == 5 and not due.review
    assert due.elapsed == pytest.approx((D("2026-06-23") - D("2026-01-01")).days / 180)
    assert _due("6月底前", "2026-06-30").left == 0
    assert _due("6月底前", "2026-07-02").left == -2
    assert _due("6月底前", "2026-07-02").text() == "2026-06-30（已逾期2个工作日）"
    # The period starts with the plan's own date when it has one.
    assert _due("6月底前", "2026-04-30", start="2026-03-01").elapsed == pytest.approx(60 / 121)


def test_period_ends_and_no_date_kinds():
    assert _due("三季度", "2026-08-01").date == D("2026-09-30")
    assert _due("上半年", "2026-03-01").date == D("2026-06-30")
    assert _due("年底前", "2026-12-01").left == 22  # 12月2日 to 31日: 22 working days
    for phrase in ("持续推进", "长期坚持"):
        due = _due(phrase, "2026-12-01")
        assert due.date is None and due.left is None and due.note == "持续推进"
    assert _due(None, "2026-12-01").date is None


def test_relative_deadlines_count_from_the_start():
    assert relative_span("自方案印发之日起20个工作日内") == (20, "workday")
    assert relative_span("收到后十五日内") == (15, "day")
    due = _due("印发后20个工作日内完成", "2026-10-12", start="2026-09-28")
    assert due.date == D("2026-10-30") and due.left == 14 and 0 < due.elapsed < 1
    # The task's own start date wins over the plan's.
    due = _due("20个工作日内", "2026-10-12", start="2026-01-05", starts={7: D("2026-09-28")}, task_id=7)
    assert due.date == D("2026-10-30")
    # Calendar days ending on a day off end on the next working day (10月3日 → 10月8日).
    assert _due("5日内", "2026-09-28", start="2026-09-28").date == D("2026-10-08")
    assert _due("20个工作日内", "2026-10-12").note == "需要起算日期"


def test_recurring_is_due_at_the_end_of_the_current_period():
    assert _due("每季度更新", "2026-08-15").date == D("2026-09-30")
    assert _due("每月发布", "2026-12-01").date == D("2026-12-31")
    assert _due("每半年报送", "2026-02-01").date == D("2026-06-30")


def test_no_data_year_marks_deadlines_for_review():
    due = _due("3月底前", "2026-12-01", year=2027)
    assert due.date == D("2027-03-31") and due.review and due.text().endswith("（待复核）")
    due = _due("20个工作日内", "2026-12-20", start="2026-12-15")
    assert due.review and due.date == D("2027-01-12")  # 2027-01-01 (Friday) counted as worked
    assert not _due("年底前", "2026-12-01").review


RULE = LightRule(due_soon_days=5, stale_days=30)
TODAY = D("2026-06-23")


@pytest.mark.parametrize("status, due, left, updated, color, reason", [
    (Status.IN_PROGRESS, "2026-06-22", -1, None, RED, "逾期"),
    (Status.DONE, "2026-06-22", -1, None, GREEN, "已完成"),
    (Status.IN_PROGRESS, "2026-06-30", 5, None, YELLOW, "5个工作日内到期"),  # exactly N: yellow
    (Status.IN_PROGRESS, "2026-07-01", 6, None, GREEN, "正常推进"),  # N + 1: green
    (Status.NOT_STARTED, "2026-06-23", 0, None, YELLOW, "今日到期"),
    (Status.DONE, "2026-06-30", 5, None, GREEN, "已完成"),
    (Status.ONGOING, None, None, "2026-05-24", GREEN, "正常推进"),  # 30 days: not yet
    (Status.ONGOING, None, None, "2026-05-23", YELLOW, "31天未更新"),  # 31 days: yellow
    (Status.ONGOING, None, None, None, YELLOW, "持续推进但从未更新"),
    (Status.IN_PROGRESS, None, None, None, GREEN, "正常推进"),  # not ongoing: never stale
])
def test_lights_at_their_thresholds(status, due, left, updated, color, reason):
    light = entry_light(status, D(due) if due else None, left, D(updated) if updated else None, TODAY, RULE)
    assert (light.color, light.reason) == (color, reason)
    assert light.word.startswith({"red": "红", "yellow": "黄", "green": "绿"}[color])


def test_rule_text_and_thresholds_stored(ws):
    assert LightRule().text().startswith("红：已过期限且未完成；黄：5个工作日内到期")
    ws.calendar.set_light_rule(3, 14)
    assert ws.calendar.light_rule() == LightRule(3, 14)
    assert "3个工作日内到期" in ws.calendar.light_rule().text()
    ws.undo()
    assert ws.calendar.light_rule() == LightRule()
    from gongkai_desk.core.errors import ValidationError

    with pytest.raises(ValidationError, match="不是整数"):
        ws.calendar.set_light_rule("五", 30)
