"""Layouts met in real published plans the parser had not seen (short excerpts of the public texts).

Each test is one failure class, not one document: the excerpt shows the shape, the assertions
what a clerk reads in it.
"""

from __future__ import annotations

import pytest

from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.parse.cleanup import clean_line
from gongkai_desk.core.imports.parse.unit_notes import parse_unit_text
from gongkai_desk.core.imports.units import split_units


def _task(plan, prefix):
    return next(t for t in plan.tasks if t.text.startswith(prefix))


# --- a table flattened one cell per line, each cell closed by its bar ------------------------------
# 淮南市残疾人联合会2024年政务公开重点工作任务分工 (huainan.gov.cn), as a web page copies it.
HUAINAN = """淮南市残疾人联合会2024年政务公开重点工作任务分工
工作任务 |
具体要求 |
责任科室 |
时限要求 |
||
一、围绕服务经济和保障民生抓好主动公开 |
(一)聚焦中心工作 |
1 |
及时公开加快构建现代化产业体系、扩大有效投资、促进民营经济发展等方面政策举措和进展成效。 |
办公室 |
持续推进 |
|
|
2 |
深化惠农、教育、就业、卫生健康、社会救助、社会保障等民生领域信息公开。 |
市民生办 |
持续推进 |
|
(二)聚焦公众参与 |
4 |
涉及重大公共利益的政策文件,应通过征求意见、听证座谈等方式扩大公众参与。 |
相关业务科室、办公室
|
年底前 |
"""


def test_cells_closed_by_their_bar_are_read_as_a_table():
    plan = parse_text(HUAINAN)
    assert [t.number for t in plan.tasks] == ["1", "2", "4"]
    first = _task(plan, "及时公开加快构建")
    assert first.responsible_units == ["办公室"] and first.deadline == "持续推进"
    assert first.section == ["围绕服务经济和保障民生抓好主动公开", "聚焦中心工作"]
    four = _task(plan, "涉及重大公共利益")
    assert four.responsible_units == ["相关业务科室", "办公室"] and four.deadline == "年底前"
    assert four.section[-1] == "聚焦公众参与"
    assert not any("|" in s for t in plan.tasks for s in t.section)


# --- indentation lost in a code-page round trip ("? ?二、重点任务") ---------------------------------
# 松原市机关事务管理局2020年政务公开工作重点任务实施方案: the page's full-width spaces came back as "?".
SONGYUAN = """松原市机关事务管理局2020年政务公开工作重点任务实施方案
一、总体要求
以习近平新时代中国特色社会主义思想为指导,持续提升政务公开的质量和效益。
? ?二、重点任务
(一)围绕建设法治政府推进公开。推进政策执行阳光透明,做好信息公开工作,推动依法全面规范履职。(责任科室:各科室、所属事业单位)
(二)推进政策执行和落实情况公开。进一步加大对督查发现问题及时整改落实、奖惩情况的公开力度。(责任科室:公车管理科、机关服务科)
"""


def test_question_marks_standing_for_lost_indentation_are_no_text():
    plan = parse_text(SONGYUAN)
    assert len(plan.tasks) == 2
    assert plan.tasks[0].section == ["重点任务"]
    assert plan.tasks[1].responsible_units == ["公车管理科", "机关服务科"]


@pytest.mark.parametrize(("raw", "clean"), [
    ("? ?二、重点任务", "二、重点任务"),
    ("??（一）做好公开", "（一）做好公开"),
    ("?1.做好公开", "1.做好公开"),
    ("?。ㄒ唬┘", "?。ㄒ唬┘"),  # a misaligned GBK line is left to its own repair
    ("问题? 是否", "问题? 是否"),  # only at the start of a line
])
def test_lost_indentation(raw, clean):
    assert clean_line(raw) == clean


# --- a note that says itself which of its units lead ----------------------------------------------
# 船山区2020年政务公开工作任务分工方案: "（责任单位：…，…。逗号前的为牵头单位。）"
CHUANSHAN = """船山区2020年政务公开工作任务分工方案
一、健全政务公开制度
不断健全政府公开信息审查发布、公众参与等工作制度,推动政务公开工作规范开展。(责任单位:区政府办、区委网信办、区司法局、区公开办,各乡镇、街道、园区管委会、区直各部门。逗号前的为牵头单位。)
"""


def test_comma_rule_in_a_note_names_the_lead():
    task = parse_text(CHUANSHAN).tasks[0]
    assert task.lead_units == ["区政府办", "区委网信办", "区司法局", "区公开办"]
    assert "区直各部门" in task.responsible_units and "园区管委会" in task.responsible_units
    assert not any("牵头" in u for u in task.responsible_units)


@pytest.mark.parametrize(("note", "lead", "resp"), [
    ("县发改局、县财政局、县统计局（排在第一位的为牵头单位）", ["县发改局"], ["县财政局", "县统计局"]),
    ("责任单位：县政府办、县财政局，各乡镇。逗号前的为牵头单位", ["县政府办", "县财政局"], ["各乡镇"]),
    ("责任单位：县政府办；县直各部门。分号前为牵头单位", ["县政府办"], ["县直各部门"]),
    ("县审批局、县司法局。列首位的是牵头部门", ["县审批局"], ["县司法局"]),
])
def test_role_rules(note, lead, resp):
    n = parse_unit_text(note)
    assert (n.lead, n.responsible, n.fragments) == (lead, resp, [])


# --- sentence-tasks counted in words ("一是…二是…") -----------------------------------------------
# A county's 政务公开工作要点实施方案 (traditional, with pinyin): "一是…。(縣編辦牽頭落實)二是…"
COUNTY = """某县政务公开工作要点实施方案
一、推进政务公开
(一)推进财政信息公开。对公开的重大政策,要分专题进行梳理、汇总。 一是加强公開(kāi)支持小微企業(yè)、促进就业创业等方面的稅收優(yōu)惠政策的公开力度。( 縣編辦牽頭落實)二是及时全面公开与转移落户人员相关的户口迁移政策。(縣民政局牽頭落實)
"""


def test_ordinal_sentence_tasks_lose_their_ordinal_and_lead_in():
    plan = parse_text(COUNTY)
    texts = [t.text for t in plan.tasks]
    assert texts[0].startswith("加强公开支持小微企业"), texts
    assert texts[1] == "及时全面公开与转移落户人员相关的户口迁移政策。"
    assert plan.tasks[0].lead_units == ["县编办"] and plan.tasks[1].lead_units == ["县民政局"]
    assert plan.tasks[0].section == ["推进政务公开", "推进财政信息公开"]


def test_the_lead_in_left_out_of_a_section_s_tasks_is_listed():
    plan = parse_text(COUNTY)
    lead_ins = [n.text for n in plan.not_imported if n.code == "lead_in"]
    assert lead_ins == ["对公开的重大政策,要分专题进行梳理、汇总。"], plan.not_imported


# A heading pasted into the middle of the paragraph ("…（县编办牵头落实） （二）推进…") cuts it in two:
# the first piece then holds one sentence-task only, and its lead-in must still not become the task.
# (A county's 政务公开工作要点实施方案 as a content farm copies it, traditional characters and all.)
PASTED = """運行步伐,依法公開交易公告、資格審查信息、成交信息、履約信息以及有關(guān)變更信息等。對公開的重大政策,要分專題進行梳理、匯總,增強政策公開的系統性、針對性、可讀性。 一是加強公開支持小微企業(yè)、促進就業(yè)創(chuàng)業(yè)等利民利企方面的稅收優(yōu)惠和減免政策的公開力度,擴大政策知曉度。( 縣編辦牽頭落實) (二)推進市場監管公開透明。(縣行政服務中心、監察局牽頭落實)二是及時全面公開與轉移落戶人員相關的戶口遷移政策。(縣民政局牽頭落實)
"""


def test_a_heading_pasted_mid_paragraph_leaves_the_first_task_without_its_lead_in():
    plan = parse_text(PASTED)
    assert [t.text[:8] for t in plan.tasks] == ["加强公开支持小微", "推进市场监管公开", "及时全面公开与转"]
    assert [t.lead_units for t in plan.tasks] == [["县编办"], ["县行政服务中心", "县监察局"], ["县民政局"]]
    lead_in = [n for n in plan.not_imported if n.code == "lead_in"]
    assert len(lead_in) == 1 and lead_in[0].text.startswith("运行步伐") and lead_in[0].text.endswith("可读性。")
    assert lead_in[0].reason.startswith("“一是”")


def test_one_note_after_ordinals_keeps_them_as_points_of_one_task():
    plan = parse_text(COUNTY.split("(一)")[0] + "(一)推进财政信息公开。一是公开税收优惠政策;二是公开户口迁移政策。(县民政局牵头落实)\n")
    assert len(plan.tasks) == 1 and "一是公开税收优惠政策" in plan.tasks[0].text


# --- a unit cell written as sentences: the unit, its role word, the work it takes -----------------
# 张店区2023年政务公开常态化工作任务清单 (zhangdian.gov.cn), copied one cell per line.
ZHANGDIAN = """张店区2023年政务公开常态化工作任务清单
工作任务 |
具体要求 |
责任单位 |
行政规范 |
做好行政规范性文件的集中、规范公开工作。确保在区政府网站行政规范性文件公开数量和内容与省政府门户网站文件库一致。 |
区司法局牵头区级规范性文件集中公开工作,区各行政规范性文件制定主体具体落实;各成员单位负责做好本单位行政规范性文件集中公开工作 |
及时公开行政规范性文件的备案目录。 |
各成员单位 |
"""


def test_units_with_their_work_are_a_unit_cell():
    plan = parse_text(ZHANGDIAN)
    assert len(plan.tasks) == 2
    first = _task(plan, "做好行政规范性文件的集中")
    assert first.lead_units == ["区司法局"]
    assert first.responsible_units == ["区各行政规范性文件制定主体", "各成员单位"]
    assert _task(plan, "及时公开行政规范性文件的备案目录").responsible_units == ["各成员单位"]


@pytest.mark.parametrize(("note", "lead", "resp"), [
    ("区司法局牵头区级规范性文件集中公开工作,区各制定主体具体落实", ["区司法局"], ["区各制定主体"]),
    ("各成员单位负责做好本单位信息公开工作", [], ["各成员单位"]),
    ("区财政局,区审计局牵头", ["区财政局", "区审计局"], []),  # a list before one role word: all of it
])
def test_work_clauses(note, lead, resp):
    n = parse_unit_text(note)
    assert (n.lead, n.responsible) == (lead, resp)


# --- a place named inside the list keeps the first unit's prefix off a later name ------------------
# 潍坊市2017年政务公开工作要点实施方案, as 冰豆网 shows it (its title line without 潍坊市).
def test_a_place_the_list_names_is_no_name_to_prefix():
    plan = parse_text("潍坊政务公开工作要点实施方案\n一、以政务公开助力稳增长\n(一)加强预期引导\n"
                      "围绕我市经济社会发展形势,通过市政府例行新闻发布会等形式及时宣传解读。\n市发改委牵头落实\n"
                      "围绕出台促进就业规划、就业创业政策,加强就业创业政策信息公开。\n市人社局牵头落实\n"
                      "加强金融政策信息公开,以政策解读的“透”赢得市场预期的“稳”。\n"
                      "市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实\n"
                      "加强财政政策信息公开,按月公开全市财政收支情况。\n市财政局牵头落实\n")
    assert _task(plan, "加强金融政策").lead_units == ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"]
    assert split_units("区发改局、建设局")[0] == ["区发改局", "区建设局"]


# --- a category cell with nothing of its own in its row -------------------------------------------
# 张店区2023年政务公开常态化工作任务清单: 工作任务 spans three levels of merged cells (主动公开 / 基础信息公开 /
# 行政规范); copied one cell per line, the middle one lands in the 具体要求 column of a row of its own.
ZHANGDIAN_LEVELS = """张店区2023年政务公开常态化工作任务清单
工作任务 |
具体要求 |
责任单位 |
||
主动公开 |
基础信息公开
|
行政规范 |
做好行政规范性文件的集中、规范公开工作。确保在区政府网站行政规范性文件公开数量和内容与省政府门户网站文件库一致。 |
区司法局牵头区级规范性文件集中公开工作,区各行政规范性文件制定主体具体落实;各成员单位负责做好本单位行政规范性文件集中公开工作 |
公开页面详细列明标题、正文、文号、成文日期、发布日期、有效性等。 |
||||
及时公开行政规范性文件的备案目录。 |
各成员单位 |
"""
# The same cells as pipe rows, the category row with its empty cells.
ZHANGDIAN_PIPES = """张店区2023年政务公开常态化工作任务清单
工作任务 | 具体要求 | 责任单位 |
主动公开 | 基础信息公开 | |
行政规范 | 做好行政规范性文件的集中、规范公开工作。 | 区司法局牵头区级规范性文件集中公开工作 |
| 及时公开行政规范性文件的备案目录。 | 各成员单位 |
"""


@pytest.mark.parametrize("text", [ZHANGDIAN_LEVELS, ZHANGDIAN_PIPES], ids=["one_cell_per_line", "pipe_rows"])
def test_a_category_alone_in_its_row_is_a_category_not_a_task(text):
    plan = parse_text(text)
    assert not any(t.text.startswith("基础信息公开") for t in plan.tasks)
    assert plan.tasks[0].text.startswith("做好行政规范性文件的集中") and plan.tasks[0].lead_units == ["区司法局"]
    assert all(t.section == ["主动公开", "基础信息公开", "行政规范"] for t in plan.tasks)
    assert _task(plan, "及时公开行政规范性文件的备案目录").responsible_units == ["各成员单位"]
    # a guess from the shape: the clerk is asked to confirm it, and nothing of the row is lost
    assert "category_inferred" in plan.tasks[0].flags
    assert [w.code for w in plan.warnings].count("category_row") == 1
    assert not [n for n in plan.not_imported if "基础信息公开" in n.text]


def test_a_short_task_with_its_own_unit_stays_a_task():
    plan = parse_text("某区政务公开任务清单\n工作任务 | 具体要求 | 责任单位 |\n主动公开 | 政策解读 | 区政府办 |\n"
                      "| 及时公开行政规范性文件的备案目录。 | 各成员单位 |\n")
    assert [t.text for t in plan.tasks][:1] == ["政策解读"]
