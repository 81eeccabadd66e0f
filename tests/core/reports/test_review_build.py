"""build_review: rows, section grouping, unit split, per-unit tables and filters (no files)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.model import Role, Status
from gongkai_desk.core.reports.review import build_review, fit_widths, parse_columns
from gongkai_desk.core.reports.review_model import DEFAULT_COLUMNS, ReviewOptions

TODAY = dt.date(2024, 9, 1)


def make_review_plan(ws) -> int:
    """Build a small 2024 plan: two levels of sections, three units, every kind of status.

    Task texts start with =, +, - and @ so the exporters' formula guard is exercised too.
    """
    pid = ws.plans.create(year=2024, title="2024年政务公开工作要点").id
    s1 = ws.plans.add_section(pid, number="一", title="公开平台", level=1).id
    s11 = ws.plans.add_section(pid, parent_id=s1, number="一", title="网站", level=2).id
    s12 = ws.plans.add_section(pid, parent_id=s1, number="二", title="新媒体", level=2).id
    s2 = ws.plans.add_section(pid, number="二", title="重点领域", level=1).id
    office = ws.units.add("区政府办").id
    finance = ws.units.add("区财政局").id
    data = ws.units.add("区大数据中心").id

    def task(section, number, text, deadline, date, units):
        tid = ws.tasks.add(pid, section_id=section, number=number, text=text, deadline=deadline,
                          deadline_date=date).id
        for unit, role, status, done in units:
            ws.progress.assign(tid, unit, role)
            ws.progress.set(tid, unit, status=status, done=done, problems="", next_steps="")
        return tid

    L, R = Role.LEAD, Role.RESPONSIBLE
    task(s11, "1", "加强网站建设", "6月底前", dt.date(2024, 6, 30),
         [(office, L, Status.DONE, "已改版上线"), (data, R, Status.DONE, "完成集约化迁移")])
    task(s11, "2", "=1+1", "8月底前", dt.date(2024, 8, 31), [(finance, L, Status.IN_PROGRESS, "正在梳理")])
    task(s12, "3", "+x 清理政务新媒体", "年底前", dt.date(2024, 12, 31), [(data, L, Status.STAGED, "已关停3个")])
    task(s2, "4", "-y 财政预算公开", "持续推进", None,
         [(finance, L, Status.ONGOING, "按月公开"), (office, R, Status.ONGOING, "")])
    task(s2, "5", "@z 公开决算", "9月底前", dt.date(2024, 9, 30), [(finance, L, Status.DONE, "已公开")])
    return pid


def _rows(table):
    return [row for sec in table.sections for row in sec.rows]


def test_default_table_has_title_headers_and_section_rows(ws):
    pid = make_review_plan(ws)
    doc = build_review(ws, pid, ReviewOptions(maker="区政府办公室", date="2024年9月1日"), today=TODAY)
    assert doc.year == 2024 and len(doc.tables) == 1
    table = doc.tables[0]
    assert table.title == "2024年政务公开工作要点落实情况表"
    assert table.subtitle == "制表单位：区政府办公室　　　　日期：2024年9月1日"
    assert table.columns == DEFAULT_COLUMNS
    assert table.headers[:3] == ("序号", "工作任务", "具体任务")
    assert [s.title for s in table.sections] == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]
    assert [len(s.rows) for s in table.sections] == [0, 2, 1, 2]
    assert [r.cells["number"] for r in _rows(table)] == ["1", "2", "3", "4", "5"]
    assert "section" not in _rows(table)[0].cells


def test_units_split_and_progress_prefixed_only_when_several_report(ws):
    pid = make_review_plan(ws)
    rows = _rows(build_review(ws, pid, ReviewOptions(), today=TODAY).tables[0])
    assert rows[0].cells["lead_units"] == "区政府办"
    assert rows[0].cells["responsible_units"] == "区大数据中心"
    assert rows[0].cells["progress"] == "区政府办：已改版上线\n区大数据中心：完成集约化迁移"
    # 区政府办 wrote nothing on task 4: one report, so no unit prefix.
    assert rows[3].cells["progress"] == "按月公开"
    assert rows[3].cells["deadline"] == "持续推进"


def test_status_word_and_overdue(ws):
    pid = make_review_plan(ws)
    rows = _rows(build_review(ws, pid, ReviewOptions(), today=TODAY).tables[0])
    assert [r.cells["status"] for r in rows] == ["已完成", "推进中（逾期）", "阶段性完成", "持续推进", "已完成"]
    assert [r.overdue for r in rows] == [False, True, False, False, False]
    assert rows[1].status == "推进中"


def test_unfinished_only_keeps_unfinished_or_overdue_and_drops_empty_sections(ws):
    pid = make_review_plan(ws)
    table = build_review(ws, pid, ReviewOptions(unfinished_only=True), today=TODAY).tables[0]
    assert [r.cells["text"] for r in _rows(table)] == ["=1+1", "+x 清理政务新媒体", "-y 财政预算公开"]
    assert [r.cells["number"] for r in _rows(table)] == ["1", "2", "3"]
    assert [s.title for s in table.sections] == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]


def test_unfinished_only_keeps_done_late_tasks(ws):
    pid = make_review_plan(ws)
    # After the deadline of task 5 it is still 已完成: not overdue, so still left out.
    later = build_review(ws, pid, ReviewOptions(unfinished_only=True), today=dt.date(2025, 1, 5))
    texts = [r.cells["text"] for r in _rows(later.tables[0])]
    assert "@z 公开决算" not in texts and "+x 清理政务新媒体" in texts
    assert _rows(later.tables[0])[1].cells["status"] == "阶段性完成（逾期）"


def test_per_unit_tables_hold_only_that_units_tasks_and_its_own_status(ws):
    pid = make_review_plan(ws)
    doc = build_review(ws, pid, ReviewOptions(per_unit=True), today=TODAY)
    assert [t.unit for t in doc.tables] == ["区政府办", "区大数据中心", "区财政局"]
    office = doc.tables[0]
    assert office.title == "2024年政务公开工作要点落实情况表（区政府办）"
    assert office.subtitle.startswith("责任单位：区政府办")
    rows = _rows(office)
    assert [r.cells["text"] for r in rows] == ["加强网站建设", "-y 财政预算公开"]
    assert rows[0].cells["progress"] == "已改版上线"  # its own text, no unit prefix
    assert rows[1].cells["progress"] == ""
    assert rows[0].cells["lead_units"] == "区政府办"  # repeat_unit defaults to True
    finance = _rows(doc.tables[2])
    assert [r.cells["status"] for r in finance] == ["推进中（逾期）", "持续推进", "已完成"]


def test_per_unit_without_repeating_the_unit(ws):
    pid = make_review_plan(ws)
    doc = build_review(ws, pid, ReviewOptions(per_unit=True, repeat_unit=False), today=TODAY)
    rows = _rows(doc.tables[0])
    assert rows[0].cells["lead_units"] == ""
    assert rows[0].cells["responsible_units"] == "区大数据中心"


def test_columns_choice_order_and_no_section_rows(ws):
    pid = make_review_plan(ws)
    opts = ReviewOptions(columns=parse_columns("序号,text,problems,note"), title="自定义标题")
    table = build_review(ws, pid, opts, today=TODAY).tables[0]
    assert table.title == "自定义标题"
    assert table.headers == ("序号", "具体任务", "存在问题", "备注")
    assert [s.title for s in table.sections] == [""]
    assert set(_rows(table)[0].cells) == {"number", "text", "problems", "note"}


@pytest.mark.parametrize("bad", ["number,nope", "section", ""])
def test_bad_columns_are_refused_in_chinese(bad):
    with pytest.raises(ValidationError) as e:
        parse_columns(bad)
    assert "列" in str(e.value)


def test_fit_widths_give_short_columns_what_they_need(ws):
    pid = make_review_plan(ws)
    table = build_review(ws, pid, ReviewOptions(), today=TODAY).tables[0]
    widths = fit_widths(table, 60)
    assert sum(widths) == pytest.approx(60)
    keys = [k for k in table.columns if k != "section"]
    by_key = dict(zip(keys, widths))
    assert by_key["number"] < by_key["status"] < by_key["text"]
    assert by_key["status"] >= 5  # "阶段性完成" on one line
