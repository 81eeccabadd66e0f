"""Layouts from the second blind test on real published documents (short excerpts of the public texts).

Each test is one failure class: the excerpt shows the shape, the assertions what a clerk reads in it.
"""

from __future__ import annotations

import pytest

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import parse_text


# --- a table whose cells a web page lost: only its headings are left -----------------------------
# 集美区2021年政务公开工作主要任务分解表 (jimei.gov.cn), as the page copies: every cell empty but the 一、二、三、.
JIMEI = """2021年政务公开工作主要任务分解表
工作任务 |
工作要求 |
牵头单位 |
责任单位 |
一、紧扣“十四五”开好局起好步,进一步深化政务公开 |
|||
|
|||
|
|
二、紧扣宏观政策落地见效,进一步深化政务公开 |
|||
|
|
三、紧扣强基础抓基层,进一步深化政务公开 |
|||
|
"""


def test_a_table_of_headings_only_has_no_task_and_says_so():
    with pytest.raises(ImportFormatError) as e:
        parse_text(JIMEI)
    assert "表格" in str(e.value) and "没有任务内容" in str(e.value) and "第2行" in str(e.value)


def test_a_heading_alone_in_the_task_column_is_a_section_of_the_table():
    rows = "|\n推进“十四五”规划纲要公开。 |\n区发改局 |\n各有关单位 |\n"
    plan = parse_text(JIMEI.replace("|\n|\n三、", rows + "三、") + rows.replace("“十四五”规划纲要", "基层标准目录"))
    assert [t.text for t in plan.tasks] == ["推进“十四五”规划纲要公开。", "推进基层标准目录公开。"]
    assert plan.tasks[0].lead_units == ["区发改局"]
    assert [t.section[-1][:8] for t in plan.tasks] == ["紧扣宏观政策落地", "紧扣强基础抓基层"]
    assert [s.title[:8] for s in plan.sections] == ["紧扣“十四五”开", "紧扣宏观政策落地", "紧扣强基础抓基层"]


# --- the issuing notice's own requirements are no tasks of the plan --------------------------------
# 梁平区 (cqlp.gov.cn, 梁平府办发〔2021〕37号) and 石泉县 (shiquan.gov.cn, 石政办函〔2021〕12号): the notice that issues
# the 任务清单 adds numbered requirements of its own; the plan is its attachment.
LIANGPING = """重庆市梁平区人民政府办公室
关于印发贯彻落实市政府办公厅2021年政务公开工作要点任务分工的通知
各乡镇人民政府(街道办事处),区政府各部门,有关单位:
为贯彻落实市政府办公厅文件精神,经区政府同意,现将《梁平区2021年政务公开任务清单》(以下简称《任务清单》)印发给你们,并提出如下工作要求,请抓好贯彻落实。
一、提高政治站位
政务公开是保障人民主体地位、强化权力运行监督的重要制度安排。各乡镇(街道)和区政府各部门要进一步强化思想认识,切实加强组织领导。
二、强化工作落实
各乡镇(街道)和区政府各部门要牢固树立“一分部署,九分落实”理念,对照《任务清单》锁定公开内容,逐项抓好落实。
"""
SHIQUAN = """石泉县人民政府办公室关于印发《石泉县2021年政务公开工作任务分解一览表》的通知
各镇人民政府,县政府各工作部门、直属机构:
现将《石泉县2021年政务公开工作任务分解一览表》印发给你们,请认真抓好落实,并就有关事项通知如下:
一、细化任务,夯实责任。各责任单位要对照《任务分解一览表》,进一步细化分解任务,明确牵头股室和责任股室。
二、跟踪督导,严格奖惩。县政府办、考核办要将政务公开工作纳入各镇、各部门年度目标责任考核范畴。
石泉县人民政府办公室
2021年4月23日
石泉县2021年政务公开工作任务分解一览表
一、推进决策公开
1.做好重大决策预公开。(牵头单位:县司法局)
"""
# 邹城市 (邹政办字〔2019〕33号) as a PDF 文库 text layer gives it: the whole notice on one line, words broken by spaces.
ZOUCHENG = ("邹政办字〔2019〕33 号 邹城市人民政府办公室 关于印发邹城市 2019 年政务公开工作 任务分解表的通知 各镇人民政府、"
            "街道办事处,市政府有关部门: 为认真落实国家、省关于全面推进政务公开工作的决策部 署,经市政府同 意,现将《邹城市 2019 "
            "年政务公开工作任务分解表》印发给你 们,并提出如下意见,请认真抓好贯彻落实。 一、加强组织领导。各级各部门要高度重视政务"
            "公开工作, 强化组织领导,落实政务公开工作责任制,主要负责人要亲自过 问、定期听取汇报、协调解决问题。\n")


@pytest.mark.parametrize("text", [LIANGPING, ZOUCHENG], ids=["liangping", "zoucheng_text_layer"])
def test_a_notice_with_its_requirements_only_has_no_task(text):
    with pytest.raises(ImportFormatError) as e:
        parse_text(text)
    assert "印发通知" in str(e.value) and "任务清单" in str(e.value)


def test_the_notice_s_requirements_are_listed_and_the_plan_after_it_is_read():
    plan = parse_text(SHIQUAN)
    assert [t.text for t in plan.tasks] == ["做好重大决策预公开。"]
    assert plan.tasks[0].lead_units == ["县司法局"] and plan.tasks[0].section == ["推进决策公开"]
    left = [n.text[:7] for n in plan.not_imported if n.code == "notice_items"]
    assert left == ["一、细化任务,", "二、跟踪督导,"], plan.not_imported


def test_numbered_items_of_a_notice_that_name_their_units_are_tasks():
    plan = parse_text(LIANGPING.replace("切实加强组织领导。", "切实加强组织领导。(牵头单位:区政府办)"))
    assert [t.lead_units for t in plan.tasks][:1] == [["区政府办"]]


# --- a title broken over two lines inside its 《…》 -------------------------------------------------
# 舟山市贯彻《浙江省政务公开五年行动计划(2021—2025年)》实施方案 (舟山市政府网), as the page breaks it.
ZHOUSHAN = """舟山市人民政府办公室
2022年7月8日
舟山市贯彻《浙江省政务公开
五年行动计划(2021—2025年)》实施方案
二、主要任务
(一)夯实主动公开基础。不断扩大公开范围、细化公开内容,形成“基础+个性”信息公开的基本框架。(市府办〔市大数据局〕牵头,市政府各部门、各县〔区〕政府、各功能区管委会配合)
"""


def test_a_title_broken_inside_its_quotation_marks_is_joined():
    plan = parse_text(ZHOUSHAN)
    assert plan.title == "舟山市贯彻《浙江省政务公开五年行动计划(2021—2025年)》实施方案"
    assert not [n for n in plan.not_imported if "浙江省政务公开" in n.text]
    assert plan.tasks[0].lead_units == ["市府办〔市大数据局〕"]
