"""Narrative drafts: figures equal the tables, last year's problems, the plans' completion."""

from __future__ import annotations

import datetime as dt

from gongkai_desk.core.annual import narrative
from gongkai_desk.core.reports.annual import draft_texts
from gongkai_desk.core.annual.figures import FIGURES, mismatches
from gongkai_desk.core.annual.rules import check
from gongkai_desk.core.annual.samples import kiro_example, shanghai_example
from gongkai_desk.core.demo import make_demo


def test_overview_quotes_every_figure_with_the_table_value():
    for stats in (kiro_example(2023), shanghai_example(2023)):
        text = narrative.draft_overview(stats, "某区政府办公室")
        for fig in FIGURES:
            assert fig.alias or fig.phrase(stats) in text, fig.id
        assert mismatches(stats, {"一": text}) == []
    text = narrative.draft_overview(kiro_example(2023), "某区政府办公室")
    for theme in ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设",
                  "（五）监督保障"):
        assert theme in text.splitlines()
    assert "新收政府信息公开申请14069件" in text and "不予公开730件" in text
    assert "被提起行政诉讼212件" in text and "收取行政事业性收费1.50万元" in text


def test_changed_table_makes_old_text_diverge():
    stats = kiro_example(2023)
    text = narrative.draft_overview(stats, "")
    stats.set("table3.new_received.natural", 14070)
    stats.set("table3.new_received.total", 14070)
    found = mismatches(stats, {"一": text})
    assert [q.figure.id for q in found] == ["new_received"]
    assert [f.rule_id for f in check(stats, texts={"一": text}) if f.rule_id == "TXT-TABLE"] == ["TXT-TABLE"]


def test_problems_draft_carries_last_years_problems():
    last = "（一）存在的主要问题\n政策解读形式单一。\n（二）改进措施\n丰富图解、视频解读。"
    text = narrative.draft_problems(2023, last)
    assert "2022年度报告提出的问题" in text
    assert "1.政策解读形式单一。" in text and "2.丰富图解、视频解读。" in text
    assert "2022年度" not in narrative.draft_problems(2023, None)


def test_other_draft_summarises_the_years_plan(ws):
    make_demo(ws, tasks=40, year=2023)
    plans = narrative.plan_progress(ws, 2023, today=dt.date(2024, 1, 10))
    assert len(plans) == 1
    p = plans[0]
    assert p.tasks == 40 and sum(p.by_status.values()) == 40
    tasks = ws.tasks.of_plan(ws.plans.list()[0].id, today=dt.date(2023, 12, 31))
    assert len(p.overdue) == sum(t.overdue for t in tasks)
    assert sum(s.tasks for s in p.sections) == 40
    text = narrative.draft_other(2023, plans)
    assert "（一）信息处理费收取情况" in text and "（二）落实政务公开工作要点情况" in text
    assert f"共承担任务40项，其中已完成{p.by_status['已完成']}项" in text
    for s in p.sections:
        assert f"在“{s.title}”方面，共{s.tasks}项任务" in text
    if p.overdue:
        assert "逾期未完成的任务有" in text and "。；" not in text


def test_other_year_plans_are_not_counted(ws):
    make_demo(ws, tasks=10, year=2022)
    assert narrative.plan_progress(ws, 2023) == []
    assert "【请补充】2023年政务公开工作要点的落实情况" in narrative.draft_other(2023, [])


def test_draft_texts_from_workspace(ws):
    ws.annual.set_stats_cells(2023, kiro_example(2023).cells(), label="t")
    ws.annual.set_meta(2023, issuer="示例区人民政府办公室")
    ws.annual.set_text(2022, "五", "专栏栏目设置不够规范。")
    drafts = draft_texts(ws, 2023)
    assert set(drafts) == {"引言", "一", "五", "六"}
    assert "示例区人民政府办公室" in drafts["一"] and "统计期限为2023年1月1日至2023年12月31日" in drafts["引言"]
    assert drafts["一"].startswith("2023年，示例区人民政府办公室")
    assert "1.专栏栏目设置不够规范。" in drafts["五"]


def test_the_opening_names_the_offices_website_and_the_sections_as_headed(ws):
    """With the office's details in 设置 (网址 included) the opening has nothing left to fill in;
    its list of parts uses the headings' own words."""
    from gongkai_desk.core.annual.format import SECTIONS

    ws.settings.set_office(name="示例区人民政府办公室", department="政务公开办", phone="0519-88881234",
                           address="示例区人民路1号", website="https://www.example.gov.cn/zfxxgk/")
    opening = draft_texts(ws, 2023)["引言"]
    assert "政府信息公开专栏（https://www.example.gov.cn/zfxxgk/）" in opening
    assert "【请补充】" not in opening
    four = next(s.label for s in SECTIONS if s.no == "四")
    assert four.split("、", 1)[1] in opening  # 政府信息公开行政复议、行政诉讼情况
    ws.settings.set_office(website="")
    assert "【请补充】网址" in draft_texts(ws, 2023)["引言"]
