"""Layouts from the third blind test on real published documents (short excerpts of the public texts).

Each test is one failure class: the excerpt shows the shape, the assertions what a clerk reads in it.
"""

from __future__ import annotations

from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.units import split_units


def _accounted(plan) -> None:
    ledger = plan.ledger
    missing = [ledger.sources[k].text for k in ledger.unaccounted() if ledger.sources[k].text.strip()]
    assert missing == [], missing


# --- a row whose task cell is empty: its 工作任务 cell is the task ------------------------------------
# 广东省卫生健康委2021年政务公开工作重点任务台账: a row without 细化分工 (the 工作任务 cell spans it) has four
# cells; before, the text opened a section and the row's units and deadline were listed as unplaced.
GUANGDONG = """2021 年政务公开工作重点任务台账 |
序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 | 备注 |
1 | 做好常态化疫情防控信息发布 | 重点围绕散发疫情、隔离管控、流调溯源、精准防控等发布权威信息 | 应急处、监督处、医政医管处、疾控处、基层处等按职责分工落实 | 长期推进 |
|
2 | 扎实做好疫苗接种信息公开和舆论引导工作 | 疾控处 | 长期推进 |
|
3 | 提高新冠肺炎疫情信息发布规范化水平,强化政府内部信息整合 | 宣传处会办公室 | 2021年8月前 |
|
"""


def test_a_row_without_its_task_cell_takes_its_group_cell_as_the_task():
    plan = parse_text(GUANGDONG)
    got = [(t.number, t.text[:8], t.responsible_units, t.deadline) for t in plan.tasks]
    assert got == [("1", "重点围绕散发疫情", ["应急处", "监督处", "医政医管处", "疾控处", "基层处"], "长期推进"),
                   ("2", "扎实做好疫苗接种", ["疾控处"], "长期推进"),
                   ("3", "提高新冠肺炎疫情", ["宣传处会办公室"], "2021年8月前")], got
    assert "text_from_group" in plan.tasks[1].flags
    assert not [n for n in plan.not_imported if n.code == "unplaced"]
    _accounted(plan)


def test_a_numbered_heading_in_the_group_column_stays_a_section():
    plan = parse_text("""工作任务 | 具体要求 | 责任单位 | 时限要求 |
一、推进决策公开 | | 区政府办 | 全年 |
| 1.做好重大决策预公开。 | 区司法局 | 6月底前 |
""")
    assert [s.title for s in plan.sections] == ["推进决策公开"]
    assert [t.text for t in plan.tasks] == ["做好重大决策预公开。"]


# --- a trailing empty header cell does not draw the deadlines away ----------------------------------
# 荆州市2022年政务公开任务分解责任清单: "时限要求 | ||" — two empty header cells after the last name.
JINGZHOU = """工作任务 | 具体要求 | 责任单位 | 时限要求 | ||
一、以公开助力经济平稳健康发展。 | (一)加强涉及市场主体的信息公开。 | 1 | 进一步增强政策文件制定实施的透明度与可预期性,更好地提振市场主体信心、持续打造更优营商环境,切实公开涉及市场主体政策文件的决策、解读、执行落实情况。 | 市政府各有关部门,各县市区人民政府、功能区管委会负责落实 | 持续推进 |
2 | 开设行业帮扶政策公开专题,加大受疫情影响重的餐饮、住宿、零售、文化、旅游、客运等行业帮扶政策与解读的公开力度,切实促进行业发展和消费恢复。 | 市政府各有关部门,各县市区人民政府、功能区管委会负责落实 | 持续推进 | ||
3 | 用好营商环境问题投诉、处置、回应机制,畅通政务服务热线等市场主体反映投资、工程建设、项目审批等问题的受理和反馈机制,及时回应和解决“堵点”问题,推动优化投资和建设环境。 | 市发展改革委牵头,市住建局等政府各有关
"""


def test_deadlines_stay_under_the_deadline_header_beside_empty_header_cells():
    plan = parse_text(JINGZHOU)
    assert [(t.number, t.deadline) for t in plan.tasks[:2]] == [("1", "持续推进"), ("2", "持续推进")]
    assert plan.tasks[0].responsible_units == ["市政府各有关部门", "各县市区人民政府", "功能区管委会"]
    _accounted(plan)


# --- unit lists: levels sharing one name, 等 before a group, 各高校 ----------------------------------
# 安徽省教育厅2024年政务公开重点工作任务分解; 相山区 (hbxs.gov.cn) 2025.
def test_a_bare_level_word_shares_the_name_after_it():
    units, fragments = split_units("办公室、基教处、职成处;各市、县(市、区)教育局;各高校")
    assert units == ["办公室", "基教处", "职成处", "各市、县(市、区)教育局", "各高校"] and fragments == []
    # Not a group of its own after it: "各区" and "市直各部门" are two groups.
    assert split_units("各区、市直各部门")[0] == ["各区", "市直各部门"]
    assert split_units("各县、区直有关单位、各部门")[0] == ["各县", "区直有关单位", "各部门"]


def test_etc_before_a_group_of_the_rest_ends_the_name():
    units, _ = split_units("区数据资源局、区投资促进局、区发改委等相关区直部门、各镇(办)")
    assert units == ["区数据资源局", "区投资促进局", "区发改委", "各镇(办)"]
    units, _ = split_units("评估中心、就业指导中心等有关处室(单位);各高校")
    assert units == ["评估中心", "就业指导中心", "各高校"]
    # A named group after 等 is still kept ("等…成员单位").
    units, _ = split_units("区商务局等数字经济工作领导小组成员单位")
    assert units == ["区商务局", "数字经济工作领导小组成员单位"]


def test_a_department_table_keeps_every_unit_of_its_lists():
    plan = parse_text("""安徽省教育厅2024年政务公开重点工作任务分解
工作任务 | 具体要求 | 责任单位 | 时限要求 |
一、围绕中心工作抓好主动公开。 | 1.紧扣民生领域,持续加大实施安心托幼、老有所学等民生实事信息公开和宣传推广力度。 | 办公室、基教处、职成处;各市、县(市、区)教育局;各高校 | 持续推进 |
2.助力优化政务服务,完善“教育入学一件事”。 | 基教处、电教馆;各市、县(市、区)教育局 | 6月底前 | |
""")
    assert [t.responsible_units for t in plan.tasks] == [
        ["办公室", "基教处", "职成处", "各市、县(市、区)教育局", "各高校"], ["基教处", "电教馆", "各市、县(市、区)教育局"]]
    assert not [w for w in plan.warnings if w.code == "fragment_dropped"]


def test_a_count_of_the_rest_after_etc_is_no_unit():
    """"区委宣传部等十个部门": the count stands for the units not named; it used to become a unit
    "区十个部门" (with the list's locality put in front)."""
    assert split_units("区委宣传部等十个部门")[0] == ["区委宣传部"]
    assert split_units("区财政局、区审计局等12家单位")[0] == ["区财政局", "区审计局"]
    assert split_units("区商务局等数字经济工作领导小组成员单位")[0] == ["区商务局", "数字经济工作领导小组成员单位"]
