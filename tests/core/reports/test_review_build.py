"""build_review: rows, section grouping, unit split, per-unit tables and filters (no files)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.model import Role, Status
from gongkai_desk.core.reports.review import (
    build_review,
    fit_widths,
    header_text,
    parse_columns,
    review_title,
    status_with_alert,
    task_text_added,
)
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
    assert table.headers[:3] == ("序号", "任务类别", "具体任务")
    assert [s.title for s in table.sections] == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]
    assert [len(s.rows) for s in table.sections] == [0, 2, 1, 2]
    assert [r.cells["number"] for r in _rows(table)] == ["1", "2", "3", "4", "5"]
    assert _rows(table)[0].cells["section"] == "一、公开平台\n（一）网站"  # for the Excel column
    assert _rows(table)[4].cells["section"] == "二、重点领域"


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
    # The status cell holds only the status word; 逾期 has a cell of its own.
    assert [r.cells["status"] for r in rows] == ["已完成", "推进中", "阶段性完成", "持续推进", "已完成"]
    assert [r.cells["alert"] for r in rows] == ["", "逾期", "", "", ""]
    assert [r.overdue for r in rows] == [False, True, False, False, False]
    assert rows[1].status == "推进中"
    assert status_with_alert(rows[1]) == "推进中（逾期）"  # layouts without the 逾期/提示 column


def test_unfinished_only_keeps_unfinished_or_overdue_and_drops_empty_sections(ws):
    pid = make_review_plan(ws)
    table = build_review(ws, pid, ReviewOptions(unfinished_only=True), today=TODAY).tables[0]
    assert [r.cells["text"] for r in _rows(table)] == ["=1+1", "+x 清理政务新媒体", "-y 财政预算公开"]
    # 序号 is the plan's own number (core.numbering), so a shorter table still says which task.
    assert [r.cells["number"] for r in _rows(table)] == ["2", "3", "4"]
    assert [s.title for s in table.sections] == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]


def test_unfinished_only_keeps_done_late_tasks(ws):
    pid = make_review_plan(ws)
    # After the deadline of task 5 it is still 已完成: not overdue, so still left out.
    later = build_review(ws, pid, ReviewOptions(unfinished_only=True), today=dt.date(2025, 1, 5))
    texts = [r.cells["text"] for r in _rows(later.tables[0])]
    assert "@z 公开决算" not in texts and "+x 清理政务新媒体" in texts
    assert _rows(later.tables[0])[1].cells["status"] == "阶段性完成"
    assert _rows(later.tables[0])[1].cells["alert"] == "逾期"


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
    assert [status_with_alert(r) for r in finance] == ["推进中（逾期）", "持续推进", "已完成"]


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
    assert {"number", "text", "problems", "note"} <= set(_rows(table)[0].cells)


@pytest.mark.parametrize("bad", ["number,nope", "", "，"])
def test_bad_columns_are_refused_in_chinese_listing_the_accepted_names(bad):
    with pytest.raises(ValidationError) as e:
        parse_columns(bad)
    message = str(e.value)
    assert "列" in message
    for name in ("工作任务", "任务内容", "主要内容", "落实情况", "完成情况", "佐证材料"):
        assert name in message


@pytest.mark.parametrize("names, keys", [
    # 工作任务 means the task text in most local templates (not the section).
    ("序号,工作任务,牵头单位,落实情况", ("number", "text", "lead_units", "progress")),
    ("序号、任务内容、责任单位、完成情况、存在问题", ("number", "text", "responsible_units", "progress", "problems")),
    ("主要内容,时限要求,整改措施,佐证材料", ("text", "deadline", "next_steps", "evidence")),
    ("序号,任务类别,具体任务,完成状态,逾期", ("number", "section", "text", "status", "alert")),
    ("number,text,Status", ("number", "text", "status")),
])
def test_columns_accept_the_names_clerks_use(names, keys):
    assert parse_columns(names) == keys


def test_task_text_is_never_dropped():
    assert parse_columns("序号,落实情况,完成状态") == ("number", "text", "progress", "status")
    assert task_text_added("序号,落实情况") and not task_text_added("序号,工作任务")
    assert parse_columns("任务类别,序号") == ("section", "number", "text")


@pytest.mark.parametrize("plan_title, year, title", [
    ("钟楼区2018年政务公开工作要点实施方案", 2018, "钟楼区2018年政务公开工作要点落实情况表"),
    ("2026年示例区政务公开工作要点任务分解", 2026, "2026年示例区政务公开工作要点落实情况表"),
    ("2022年荆门市政务公开重点工作任务分解", 2022, "2022年荆门市政务公开重点工作落实情况表"),
    ("西湖区2021年政务公开工作要点落实情况“回头看”情况", 2021, "西湖区2021年政务公开工作要点落实情况表"),
    ("荣县全面推进政务公开工作实施方案", 2019, "荣县2019年全面推进政务公开工作落实情况表"),
    ("《实施方案》", 2024, "2024年政务公开工作要点落实情况表"),
    (None, 2024, "2024年政务公开工作要点落实情况表"),
])
def test_title_keeps_the_plans_locality(plan_title, year, title):
    assert review_title(plan_title, year) == title


def test_default_title_comes_from_the_plan(ws):
    pid = ws.plans.create(year=2018, title="钟楼区2018年政务公开工作要点实施方案").id
    ws.tasks.add(pid, text="及时发布各项重大政策")
    doc = build_review(ws, pid, ReviewOptions())
    assert doc.title == doc.tables[0].title == "钟楼区2018年政务公开工作要点落实情况表"


def test_numbers_follow_the_plans_numbering_and_restart_per_section(ws):
    pid = ws.plans.create(year=2024, title="2024年政务公开工作要点").id
    one = ws.plans.add_section(pid, number="一", title="甲", level=1).id
    two = ws.plans.add_section(pid, number="二", title="乙", level=1).id
    for section, number in ((one, "1"), (one, "2"), (two, "1")):
        ws.tasks.add(pid, section_id=section, number=number, text=f"任务{number}")
    rows = _rows(build_review(ws, pid, ReviewOptions(), today=TODAY).tables[0])
    assert [r.cells["number"] for r in rows] == ["一.1", "一.2", "二.1"]


def test_unnumbered_plan_is_numbered_in_order(ws):
    pid = ws.plans.create(year=2024, title="2024年政务公开工作要点").id
    for text in ("甲", "乙", "丙"):
        ws.tasks.add(pid, text=text)
    rows = _rows(build_review(ws, pid, ReviewOptions(), today=TODAY).tables[0])
    assert [r.cells["number"] for r in rows] == ["1", "2", "3"]


def test_author_is_the_makers_office_or_the_settings_office(ws):
    pid = make_review_plan(ws)
    assert build_review(ws, pid, ReviewOptions(), today=TODAY).author == ""
    ws.settings.set_office(name="示例区人民政府办公室")
    assert build_review(ws, pid, ReviewOptions(), today=TODAY).author == "示例区人民政府办公室"
    assert build_review(ws, pid, ReviewOptions(maker="区政务公开办"), today=TODAY).author == "区政务公开办"


def test_fit_widths_give_short_columns_what_they_need(ws):
    pid = make_review_plan(ws)
    table = build_review(ws, pid, ReviewOptions(), today=TODAY).tables[0]
    widths = fit_widths(table, 60)
    assert sum(widths) == pytest.approx(60)
    keys = [k for k in table.columns if k != "section"]
    by_key = dict(zip(keys, widths))
    assert by_key["number"] < by_key["status"] < by_key["text"]
    assert by_key["status"] >= 5  # "阶段性完成" on one line


def test_columns_keep_their_minimum_widths_when_squeezed(ws):
    pid = make_review_plan(ws)
    cols = parse_columns("序号,具体任务,牵头单位,责任单位,完成时限,落实情况,完成状态,存在问题,下步计划,佐证材料")
    table = build_review(ws, pid, ReviewOptions(columns=cols), today=TODAY).tables[0]
    _rows(table)[0].cells["text"] = "很长的任务内容" * 40  # one essay must not squeeze the rest
    widths = dict(zip([k for k in cols], fit_widths(table, 90)))
    # Empty 存在问题/下步计划/佐证材料 keep room to write in by hand; all keep their minimum.
    assert widths["problems"] >= 10 + 1 and widths["next_steps"] >= 10 + 1 and widths["evidence"] >= 10 + 1
    assert widths["status"] >= 5 + 1 and widths["number"] >= 2 + 1 and widths["text"] >= 10 + 1
    assert sum(widths.values()) == pytest.approx(90)
    # Ten columns on a landscape page of 小五 (70 characters): the writing room goes first,
    # then all shrink alike from their minimums (8 characters and the margins), never to a few.
    tight = dict(zip([k for k in cols], fit_widths(table, 70)))
    assert all(tight[k] >= 8 for k in ("problems", "next_steps", "evidence", "progress"))
    assert sum(tight.values()) == pytest.approx(70)


def test_empty_progress_column_keeps_room_for_handwriting(ws):
    pid = ws.plans.create(year=2024, title="2024年政务公开工作要点").id
    for i in range(5):
        ws.tasks.add(pid, number=str(i + 1), text="做好政府网站和政务新媒体内容保障工作" * 2)
    table = build_review(ws, pid, ReviewOptions(columns=("number", "text", "progress")), today=TODAY).tables[0]
    number, text, progress = fit_widths(table, 60)
    assert progress >= 14 + 1


@pytest.mark.parametrize("header, width, printed", [
    ("存在问题", 6, "存在问题"), ("存在问题", 4, "存在\n问题"), ("逾期/提示", 3.5, "逾期/\n提示"),
    ("序号", 3, "序号"),
])
def test_headers_break_only_between_words(header, width, printed):
    assert header_text(header, width) == printed


def test_parts_and_chapters_print_as_written(ws):
    """A plan in 第X部分 parts: the section rows and 任务类别 say 第一部分 …, not （一）…."""
    from gongkai_desk.core.imports.parse import parse_text
    from gongkai_desk.core.imports.store import store_plan
    from gongkai_desk.core.labels import numbered_title

    text = ("2026年某县政务公开工作实施方案\n第一部分 重点领域信息公开\n一、财政信息公开\n"
            "1. 推进财政预决算公开。（责任单位：县财政局）\n第二部分 平台建设\n一、政府网站\n"
            "1. 加强政府网站内容保障。（责任单位：县政府办）\n")
    pid = store_plan(ws, parse_text(text)).id
    doc = build_review(ws, pid, ReviewOptions(), today=TODAY)
    titles = [s.title for s in doc.tables[0].sections]
    assert titles[:2] == ["第一部分 重点领域信息公开", "一、财政信息公开"]
    assert "第二部分 平台建设" in titles
    assert numbered_title(-2, "三", "组织保障") == "第三章 组织保障"
    assert numbered_title(0, "五", "") == "第五条"
    assert numbered_title(2, "一", "网站") == "（一）网站"


def test_columns_named_by_key_in_any_case_keep_the_programs_headers():
    from gongkai_desk.core.reports.review import column_headers

    assert column_headers("NUMBER,Text,status,工作任务") == (("text", "工作任务"),)
