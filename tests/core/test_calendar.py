"""Working-day arithmetic across 春节 and 国庆 with make-up Saturdays, the clerk's own days, and
the no-data year (2027 before its notice is loaded)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.calendar import CLERK, HOLIDAY, NOTICE, WORKDAY, WorkCalendar, no_data_banner
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.holiday_notice import parse_notice
from tests.conftest import DATA

D = dt.date.fromisoformat
NOTICES = DATA / "notices"


@pytest.fixture
def cal():
    return WorkCalendar.build([])


@pytest.mark.parametrize("start, n, expected", [
    ("2026-09-28", 20, "2026-10-30"),  # 国庆 10月1-7日 off, 10月10日 (Saturday) worked
    ("2026-09-28", 1, "2026-09-29"),  # the day after the start is day 1
    ("2026-09-30", 1, "2026-10-08"),
    ("2026-10-08", 2, "2026-10-10"),  # the make-up Saturday counts
    ("2026-09-18", 1, "2026-09-20"),  # 9月20日 (Sunday) worked
    ("2026-02-13", 1, "2026-02-14"),  # 春节: 2月14日 (Saturday) worked
    ("2026-02-14", 1, "2026-02-24"),  # 2月15-23日 off
    ("2026-02-13", 20, "2026-03-19"),  # across 春节: 2月14日 is day 1, 2月24日 day 2, 2月28日 day 6
    ("2026-12-31", 0, "2026-12-31"),
])
def test_add_working_days(cal, start, n, expected):
    assert cal.add_working_days(D(start), n) == D(expected)


def test_working_days_between_counts_the_end_not_the_start(cal):
    assert cal.working_days(D("2026-09-28"), D("2026-10-30")) == 20
    assert cal.working_days(D("2026-10-30"), D("2026-09-28")) == -20
    assert cal.working_days(D("2026-10-01"), D("2026-10-07")) == 0
    assert cal.is_workday(D("2026-10-10")) and not cal.is_workday(D("2026-10-05"))


def test_no_data_year_counts_weekdays_and_says_so(cal):
    assert not cal.known(2027) and cal.known(2026)
    # 2027-01-01 is a Friday; with no notice it is counted as a working day.
    assert cal.is_workday(D("2027-01-01"))
    assert cal.add_working_days(D("2026-12-30"), 5) == D("2027-01-06")
    assert cal.touches_unknown(D("2026-12-30"), D("2027-01-06"))
    assert not cal.touches_unknown(D("2026-01-05"), D("2026-12-31"))
    assert no_data_banner(cal.unknown_years(D("2027-01-01"), D("2027-12-31"))) == \
        "2027年节假日安排尚未载入，工作日按周一至周五计算"
    assert cal.year_info(2027).source is None


def test_loaded_notice_makes_the_year_known_and_replaces_bundled_days():
    notice = parse_notice((NOTICES / "2027_example.txt").read_text(encoding="utf-8"))
    stored = [{"date": d.isoformat(), "source": NOTICE, "kind": k, "name": n, "year": 2027} for d, k, n in notice.days()]
    cal = WorkCalendar.build(stored)
    assert cal.known(2027) and cal.year_info(2027).source == NOTICE
    assert not cal.is_workday(D("2027-01-01")) and cal.is_workday(D("2027-02-20"))
    # 20 working days after 2027-09-24: 9月26日 (Sunday) worked, 10月1-7日 off, 10月9日 (Saturday) worked.
    assert cal.add_working_days(D("2027-09-24"), 20) == D("2027-10-27")


def test_clerk_days_win_over_bundled_and_make_an_incomplete_year():
    stored = [{"date": "2026-10-09", "source": CLERK, "kind": HOLIDAY, "name": "调休", "year": 2026},
              {"date": "2027-01-02", "source": CLERK, "kind": WORKDAY, "name": None, "year": 2027}]
    cal = WorkCalendar.build(stored)
    assert not cal.is_workday(D("2026-10-09"))
    assert cal.is_workday(D("2027-01-02"))  # a Saturday worked
    assert not cal.known(2027) and cal.year_info(2027).source == CLERK
    days = {d.date.isoformat(): d for d in cal.special_days(2026)}
    assert days["2026-10-09"].source == CLERK and days["2026-10-10"].source == "bundled"


def test_special_days_list_only_non_ordinary_days(cal):
    days = cal.special_days(2026)
    assert len([d for d in days if d.kind == HOLIDAY]) == 33
    assert [d.date.isoformat() for d in days if d.kind == WORKDAY] == [
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    assert {d.name for d in days} == {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}


def test_workspace_calendar_edits_are_undoable(ws):
    notice = parse_notice((NOTICES / "2027_example.txt").read_text(encoding="utf-8"))
    ch = ws.calendar.load_notice(notice)
    assert ch.calendar
    info = ws.calendar.year_json(2027)
    assert info["complete"] and info["source"] == NOTICE and len(info["days"]) == 35
    assert set(info) == {"year", "complete", "source", "days"}
    assert ws.calendar.work_calendar().year_info(2027).notice.startswith("国务院办公厅关于2027年部分节假日安排的通知")
    ws.calendar.toggle(D("2027-03-01"))  # a Monday off by hand
    assert not ws.calendar.work_calendar().is_workday(D("2027-03-01"))
    ws.calendar.toggle(D("2027-03-01"))  # and back: the clerk row goes away again
    assert ws.calendar.year_json(2027)["days"] == info["days"]
    ws.undo()
    ws.undo()
    ws.undo()
    assert ws.calendar.year_json(2027) == {"year": 2027, "complete": False, "source": None, "days": []}
    ws.redo()
    assert ws.calendar.year_json(2027)["complete"]


def test_reloading_a_notice_replaces_the_year_and_keeps_clerk_days(ws):
    ws.calendar.toggle(D("2027-03-01"))
    text = (NOTICES / "2027_example.txt").read_text(encoding="utf-8")
    ws.calendar.load_notice(parse_notice(text))
    changed = text.replace("六、中秋节：9月15日（周三）放假1天，不调休。", "六、中秋节：9月15日（周三）至17日（周五）放假调休，共3天。")
    ws.calendar.load_notice(parse_notice(changed))
    cal = ws.calendar.work_calendar()
    assert not cal.is_workday(D("2027-09-16")) and not cal.is_workday(D("2027-03-01"))


def test_set_complete_and_bad_kind(ws):
    ws.calendar.set_complete(2027, True)
    assert ws.calendar.work_calendar().known(2027)
    with pytest.raises(ValidationError):
        ws.calendar.set_day(D("2027-03-01"), "party")
