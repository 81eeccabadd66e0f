"""One test per document shape the importer must read, written in the style of the seeds."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.imports.parse import parse_blocks, parse_text
from gongkai_desk.core.imports.parse.blocks import Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.unit_notes import parse_unit_text, split_trailing_note
from gongkai_desk.core.imports.units import split_units

HEAD = "某某区人民政府办公室关于印发《某某区2023年政务公开工作要点》的通知\n某某区2023年政务公开工作要点\n"
SIGN = "某某区人民政府办公室\n2023年3月1日\n"


def task(plan, prefix: str):
    hits = [t for t in plan.tasks if t.text.startswith(prefix)]
    assert len(hits) == 1, [t.text for t in plan.tasks]
    return hits[0]


def codes(plan) -> set[str]:
    return {w.code for w in plan.warnings}


# --- hierarchy ------------------------------------------------------------------------------

@pytest.mark.parametrize("marks", [
    ("一、", "（一）", "1.", "（1）"),
    ("一.", "(一)", "1、", "(1)"),
    ("一．", "（一）", "1．", "(1)"),
])
def test_four_levels_in_either_width(marks) -> None:
    l1, l2, l3, l4 = marks
    text = (f"{HEAD}{l1}加强重点领域公开\n{l2.replace('一', '一')}推进决策公开\n"
            f"{l3}做好重大决策预公开。{l4.replace('1', '1')}公开决策草案。（牵头单位：区司法局）\n"
            f"{l4.replace('1', '2')}公开意见采纳情况。（牵头单位：区政府办）\n"
            f"{l3.replace('1', '2')}推进会议开放。（责任单位：区政府办）\n")
    # level-4 items must be on their own lines to count as sub-items
    text = text.replace(f"。{l4}", f"。\n{l4}")
    plan = parse_text(text + SIGN)
    assert [s.level for s in plan.sections] == [1]
    sec2 = plan.sections[0].children[0]
    assert sec2.level == 2 and sec2.title == "推进决策公开"
    assert [c.level for c in sec2.children] == [3]
    assert [t.text for t in plan.tasks] == ["公开决策草案。", "公开意见采纳情况。", "推进会议开放。"]
    first = plan.tasks[0]
    assert first.number == "1" and first.section == ["加强重点领域公开", "推进决策公开", "做好重大决策预公开"]
    assert first.lead_units == ["区司法局"]


def test_heading_is_a_task_when_nothing_numbered_lies_below() -> None:
    text = (f"{HEAD}一、强化制度保障\n（一）健全工作机制，区政府办负责统筹协调。（牵头单位：区政府办）\n"
            "（二）加强培训\n二、拓展公开载体\n1.办好政府网站。（牵头单位：区政府办）\n" + SIGN)
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == ["健全工作机制，区政府办负责统筹协调。", "加强培训", "办好政府网站。"]
    assert plan.tasks[0].number == "一" and plan.tasks[0].section == ["强化制度保障"]
    assert [s.title for s in plan.sections] == ["强化制度保障", "拓展公开载体"]
    assert plan.sections[0].children == []


def test_titled_heading_with_paragraphs_holds_them_as_tasks() -> None:
    text = (f"{HEAD}四、加大政务开放力度\n（一）推进政府数据开放\n建立政府统一数据资源开放目录，推动公共数据资源集中开放。"
            "（牵头单位：区政府办；责任单位：各镇人民政府）\n（二）扩大公众参与\n建立公众参与制度。（牵头单位：区政府办）\n")
    plan = parse_text(text)
    assert len(plan.tasks) == 2
    t = task(plan, "建立政府统一数据资源开放目录")
    assert t.number is None and t.section == ["加大政务开放力度", "推进政府数据开放"]
    assert t.responsible_units == ["各镇人民政府"]


def test_attachment_after_notice_is_read() -> None:
    text = ("某某区人民政府办公室关于印发《某某区2023年政务公开工作任务分解》的通知\n各镇人民政府，区各有关部门：\n"
            "现将《某某区2023年政务公开工作任务分解》印发给你们，请认真贯彻落实。\n附件：某某区2023年政务公开工作任务分解\n"
            "某某区人民政府办公室\n2023年3月1日\n附件\n某某区2023年政务公开工作任务分解\n一、重点工作\n"
            "1.推进决策公开。（牵头单位：区政府办）\n2.推进执行公开。（牵头单位：区发改局）\n"
            "抄送：区委办公室。\n某某区人民政府办公室 2023年3月1日印发\n")
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == ["推进决策公开。", "推进执行公开。"]
    assert plan.title == "某某区2023年政务公开工作任务分解" and plan.date == dt.date(2023, 3, 1)


def test_line_break_fragments_are_joined() -> None:
    text = (f"{HEAD}一、重点工作\n（一）推进政府数据开放\n1.做好涉及市场主体政策文件的制定、解读、执行落实情况公开，增强政策\n"
            "文件制定实施的透明度。（牵头单位：区审批局；责任单位：区直各部门）\n2.推进会议开放。（牵头单位：区政府办）\n")
    plan = parse_text(text)
    a, b = plan.tasks
    assert a.text == "做好涉及市场主体政策文件的制定、解读、执行落实情况公开，增强政策文件制定实施的透明度。"
    assert a.detail is None and a.lead_units == ["区审批局"] and a.responsible_units == ["区直各部门"]
    assert plan.sections[0].children[0].title == "推进政府数据开放"


def test_context_sections_hold_no_tasks() -> None:
    text = (f"{HEAD}一、指导思想\n以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央决策部署。\n"
            "二、工作目标\n（一）公开质量明显提高。\n（二）公众满意度明显提升。\n三、重点任务\n"
            "1.推进决策公开。（牵头单位：区政府办）\n")
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == ["推进决策公开。"]


def test_duplicate_and_missing_section_numbers_warn_and_lose_nothing() -> None:
    text = (f"{HEAD}一、第一部分\n（一）任务甲。\n二、第二部分\n（一）任务乙。\n四、第四部分\n（一）任务丙。\n"
            "二、第二部分再次出现\n（一）任务丁。\n")
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == ["任务甲。", "任务乙。", "任务丙。", "任务丁。"]
    dup = [w for w in plan.warnings if w.code == "duplicate_section"]
    miss = [w for w in plan.warnings if w.code == "missing_section"]
    assert [w.line for w in dup] == [9] and [w.line for w in miss] == [7]
    assert "三" in miss[0].message


def test_all_tasks_without_units_warn_once() -> None:
    plan = parse_text(f"{HEAD}一、重点工作\n（一）推进决策公开。\n（二）推进执行公开。\n")
    assert [w.code for w in plan.warnings if w.code == "no_units"] == ["no_units"]
    assert all("no_units" in t.flags for t in plan.tasks)


# --- units ------------------------------------------------------------------------------------

def test_inline_units_full_and_half_width_and_unclosed() -> None:
    text = (f"{HEAD}一、重点工作\n1.推进决策公开。（牵头单位：区政府办；责任单位：各镇人民政府、区各有关部门）\n"
            "2.推进执行公开。(牵头单位:区发改局;责任单位:区财政局)\n"
            "3.推进管理公开。（牵头单位：区司法局；责任单位：区市场监管局\n")
    plan = parse_text(text)
    a, b, c = plan.tasks
    assert (a.lead_units, a.responsible_units) == (["区政府办"], ["各镇人民政府", "区各有关部门"])
    assert (b.lead_units, b.responsible_units) == (["区发改局"], ["区财政局"])
    assert (c.text, c.lead_units, c.responsible_units) == ("推进管理公开。", ["区司法局"], ["区市场监管局"])


def test_units_without_brackets_and_on_their_own_lines() -> None:
    text = (f"{HEAD}一、重点工作\n1.推进决策公开。牵头单位：区政府办；责任单位：各镇人民政府\n"
            "2.推进执行公开。\n牵头单位：区发改局\n责任单位：区财政局、区审计局\n完成时限：6月底前\n"
            "3.推进结果公开。\n")
    plan = parse_text(text)
    a, b, c = plan.tasks
    assert (a.text, a.lead_units, a.responsible_units) == ("推进决策公开。", ["区政府办"], ["各镇人民政府"])
    assert (b.text, b.lead_units, b.responsible_units) == ("推进执行公开。", ["区发改局"], ["区财政局", "区审计局"])
    assert b.deadline == "6月底前" and b.detail is None
    assert c.lead_units == [] and "no_units" in c.flags


def test_bracketed_keys() -> None:
    plan = parse_text(f"{HEAD}一、重点工作\n1.推进决策公开。【牵头单位】区政府办【责任单位】各镇人民政府\n")
    t = plan.tasks[0]
    assert (t.text, t.lead_units, t.responsible_units) == ("推进决策公开。", ["区政府办"], ["各镇人民政府"])


def test_shared_locality_prefix_and_trailing_etc() -> None:
    units, frags = split_units("区发改局、建设局、规划分局", ())
    assert units == ["区发改局", "区建设局", "区规划分局"] and not frags
    units, _ = split_units("区教文局、民政局、市场监管局、钟楼环保局等有关单位", ("钟楼",))
    assert units == ["区教文局", "区民政局", "区市场监管局", "钟楼环保局"]
    units, _ = split_units("市审批局；市发改委 市市场监管局\n市民政局", ())
    assert units == ["市审批局", "市发改委", "市市场监管局", "市民政局"]
    units, _ = split_units("区委宣传部（区网信办、区融媒体中心）、区政府办", ())
    assert units == ["区委宣传部（区网信办、区融媒体中心）", "区政府办"]


@pytest.mark.parametrize("group", ["区各有关部门", "各乡镇人民政府", "市直各部门", "各县市区", "县政府各工作部门"])
def test_groups_stay_whole(group: str) -> None:
    units, _ = split_units(f"区政府办、{group}", ())
    assert units == ["区政府办", group]


@pytest.mark.parametrize(("cell", "lead", "resp"), [
    ("区财政局牵头落实", ["区财政局"], []),
    ("区政府办牵头，区发改局、区财政局配合", ["区政府办"], ["区发改局", "区财政局"]),
    ("区政府办牵头、区行政审批局、有关乡〔镇〕负责具体落实", ["区政府办"], ["区行政审批局", "有关乡〔镇〕"]),
    ("区市场监督管理局、区司法局、区发改委分别牵头落实", ["区市场监督管理局", "区司法局", "区发改委"], []),
    ("（区编办、区政务办分别负责落实）", [], ["区编办", "区政务办"]),
    ("各街道,区政府各部门按职责分别负责落实", [], ["各街道", "区政府各部门"]),
    ("牵头单位:区政府办；配合单位：区财政局", ["区政府办"], ["区财政局"]),
])
def test_unit_cell_phrases(cell: str, lead: list[str], resp: list[str]) -> None:
    note = parse_unit_text(cell)
    assert (note.lead, note.responsible) == (lead, resp)


def test_parenthesis_in_task_text_is_not_a_unit_note() -> None:
    for text in ("深化政府与社会资本合作(PPP)项目信息公开", "提供现场（电话）政策咨询服务",
                 "认真贯彻实施《重大行政决策程序规定》（省政府令第247号）"):
        assert split_trailing_note(text) == (text, None)
    text, note = split_trailing_note("做好统计工作。（区编办、区政务办分别负责落实")
    assert text == "做好统计工作。" and note and note.responsible == ["区编办", "区政务办"]


def test_units_for_all_below_are_added_with_a_warning() -> None:
    text = (f"{HEAD}一、重点工作\n1.任务一。（牵头单位：市审批局；责任单位：市直各部门，各县市区，以下均需各县市区落实，不再逐一列出）\n"
            "2.任务二。（牵头单位：市商务局；责任单位：市直各部门）\n3.任务三。（牵头单位：市财政局）\n")
    plan = parse_text(text)
    assert [t.responsible_units for t in plan.tasks] == [["市直各部门", "各县市区"], ["市直各部门", "各县市区"],
                                                          ["各县市区"]]
    w = [w for w in plan.warnings if w.code == "units_for_all_below"]
    assert len(w) == 1 and w[0].line == 4


def test_inline_deadline_in_note() -> None:
    plan = parse_text(f"{HEAD}一、重点工作\n1.更新公开指南。（牵头单位：区政府办；完成时限：2023年6月底前）\n"
                      "2.发布年度报告。（牵头单位：区政府办；1月31日前完成）\n3.开展政府开放日活动。（年底前完成）\n"
                      "4.县政府办牵头编制目录。（县政府办牵头，各乡镇配合）\n")
    a, b, c, d = plan.tasks
    assert a.deadline == "2023年6月底前" and a.lead_units == ["区政府办"]
    assert b.deadline == "1月31日前完成" and b.lead_units == ["区政府办"]
    assert (c.text, c.deadline) == ("开展政府开放日活动。", "年底前完成")
    assert (d.lead_units, d.responsible_units) == (["县政府办"], ["各乡镇"])
    assert "fragment_dropped" not in codes(plan)


# --- flattened tables -------------------------------------------------------------------------

FLAT = """钟楼区2018年政务公开工作要点实施方案
目标
任务
主要内容
牵头单位
责任单位
一、
推进政务发布解读回应工作
(一)及时发布各项重大政策
以公开为常态、不公开为例外，及时公开政府常务会议讨论决定的重要改革方案。
区政府办
区各有关
部门
结合政府机构改革和职能优化，做好政府部门权责清单调整和公开工作。
区编办
推动全面实施“双随机、一公开”抽查，及时公开抽查结果信息。
(二)贯彻落实重点领域公开任务
重点选取社会关注度高的项目，突出做好中标结果公示等信息公开工作。
区发改局、建设局、规划分局
单位
目标
任务
主要内容
牵头单位
责任单位
贯彻“放管服”改革要求，深化“不见面审批(服务)”改革，再造网上办事流程。
区编办、
政务办
"""


def test_flat_table_one_cell_per_line() -> None:
    plan = parse_text(FLAT)
    assert len(plan.tasks) == 5
    assert [s.title for s in plan.sections] == ["推进政务发布解读回应工作"]
    assert [s.title for s in plan.sections[0].children] == ["及时发布各项重大政策", "贯彻落实重点领域公开任务"]
    first = task(plan, "以公开为常态")
    assert (first.lead_units, first.responsible_units) == (["区政府办"], ["区各有关部门"])
    inherited = task(plan, "推动全面实施")
    assert inherited.lead_units == ["区编办"] and "units_inherited" in inherited.flags
    assert any(w.code == "units_inherited" and w.line == inherited.line for w in plan.warnings)
    spread = task(plan, "重点选取")
    assert spread.lead_units == ["区发改局", "区建设局", "区规划分局"]
    assert any(w.code == "fragment_dropped" and "单位" in w.message for w in plan.warnings)
    last = task(plan, "贯彻“放管服”")  # after a repeated header row; unit cell cut after "、"
    assert set(last.lead_units + last.responsible_units) == {"区编办", "区政务办"}


def test_flat_table_blank_line_separated_review() -> None:
    text = """西湖区2021年政务公开工作要点落实情况“回头看”情况

一级指标

二级指标

存在问题及建议

责任单位

完成期限

落实情况

深化重点领域公开

落实财政资金领域信息公开

进一步扩大预决算公开范围，推进部门所属单位预算、决算及相关报表公开。加大预算绩效信息公开力度。

区财政局牵头落实

持续推进

阶段性完成

提升政务公开专区建设。

确定在区政务服务大厅建设本级政务公开专区，选择1个乡（镇）建立政务公开专区示范点。

区政府办牵头、区行政审批局负责具体落实

年底完成

已完成
"""
    plan = parse_text(text)
    assert plan.kind == "review" and plan.year == 2021
    assert [s.title for s in plan.sections] == ["深化重点领域公开"]
    a, b = plan.tasks
    assert a.text == "落实财政资金领域信息公开" and a.detail.startswith("进一步扩大预决算")
    assert (a.deadline, a.status, a.lead_units) == ("持续推进", "阶段性完成", ["区财政局"])
    assert b.text == "提升政务公开专区建设。" and b.section == ["深化重点领域公开"]
    assert (b.deadline, b.status) == ("年底完成", "已完成")


def test_pipe_separated_rows_with_deadline_column() -> None:
    text = """某某县2023年政务公开重点任务分解表
| 序号 | 工作任务 | 具体任务 | 牵头单位 | 责任单位 | 完成时限 |
|---|---|---|---|---|---|
| 1 | 推进决策公开 | 做好重大决策预公开。 | 县政府办 | 各乡镇人民政府 | 6月底前 |
| 2 |  | 推进会议开放。 |  |  | 年底前 |
| 3 | 推进执行公开 | 公开重点工作落实情况。 | 县发改局 | 县级各部门 | 持续推进 |
"""
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == ["做好重大决策预公开。", "推进会议开放。", "公开重点工作落实情况。"]
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert [t.deadline for t in plan.tasks] == ["6月底前", "年底前", "持续推进"]
    second = plan.tasks[1]
    assert second.section == ["推进决策公开"] and second.lead_units == ["县政府办"]
    assert "units_inherited" in second.flags
    assert plan.tasks[2].section == ["推进执行公开"]


def test_flat_table_with_number_column() -> None:
    text = """某某县2023年政务公开重点工作任务分解
序号
工作任务
具体任务
牵头单位
责任单位
完成时限
1
推进决策公开
做好重大决策预公开，公开决策草案及说明。
县政府办
各乡镇人民政府
6月底前
2
推进会议开放，邀请公众代表列席政府常务会议。
年底前
3
推进执行公开
公开重点工作落实情况。
县发改局
县级各部门
持续推进
"""
    plan = parse_text(text)
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert [t.deadline for t in plan.tasks] == ["6月底前", "年底前", "持续推进"]
    assert [t.section for t in plan.tasks] == [["推进决策公开"], ["推进决策公开"], ["推进执行公开"]]
    assert plan.tasks[1].responsible_units == ["各乡镇人民政府"] and "units_inherited" in plan.tasks[1].flags
    assert (plan.tasks[2].lead_units, plan.tasks[2].text) == (["县发改局"], "公开重点工作落实情况。")


def test_flat_table_with_full_date_deadlines_and_signature_after() -> None:
    text = """某某区2023年政务公开工作任务分解
主要内容
牵头单位
完成时限
更新政府信息公开指南和主动公开目录。
区政府办
2023年6月30日
发布政府信息公开工作年度报告。
区政府办
2023年1月31日
某某区人民政府办公室
2023年1月5日
"""
    plan = parse_text(text)
    assert [t.deadline for t in plan.tasks] == ["2023年6月30日", "2023年1月31日"]
    assert [t.lead_units for t in plan.tasks] == [["区政府办"], ["区政府办"]]
    assert plan.issuer == ["某某区人民政府办公室"] and plan.date == dt.date(2023, 1, 5)


def test_progress_text_with_leading_status() -> None:
    text = ("一级指标|二级指标|责任单位|完成期限|落实情况\n"
            "公开平台|办好政府网站|区政数局|年底完成|已完成。全年发布信息1200条。\n"
            "公开平台|办好政务新媒体|区委宣传部|持续推进|正在整合账号\n")
    plan = parse_text(text)
    a, b = plan.tasks
    assert [s.title for s in plan.sections] == ["公开平台"]  # repeated text, not a new section
    assert (a.status, a.progress) == ("已完成", "已完成。全年发布信息1200条。")
    assert (b.status, b.progress) == (None, "正在整合账号")


def test_review_table_with_task_column_keeps_problems_apart() -> None:
    text = ("序号|具体任务|责任单位|完成时限|落实情况|存在问题\n"
            "1|更新政府信息公开指南。|区政府办|6月底前|已完成。已于5月更新。|无\n"
            "2|推进政务新媒体整合。|区委宣传部|年底前|推进中|账号较多，整合进度慢\n")
    plan = parse_text(text)
    a, b = plan.tasks
    assert plan.kind == "review"
    assert (a.text, a.status, a.progress, a.problems, a.detail) == (
        "更新政府信息公开指南。", "已完成", "已完成。已于5月更新。", "无", None)
    assert (b.status, b.progress, b.problems) == ("推进中", None, "账号较多，整合进度慢")


def test_tab_separated_rows() -> None:
    text = "一级指标\t二级指标\t责任单位\t完成期限\t落实情况\n公开平台\t办好政府网站\t区政数局\t年底完成\t已完成\n"
    plan = parse_text(text)
    t = plan.tasks[0]
    assert (t.text, t.responsible_units, t.deadline, t.status) == ("办好政府网站", ["区政数局"], "年底完成", "已完成")


def test_real_table_blocks_with_merged_cells() -> None:
    header = Row([Cell(h) for h in ("序号", "工作任务", "具体任务", "牵头单位", "责任单位", "完成时限", "落实情况")], 2)
    rows = [
        Row([Cell("1"), Cell("一、推进决策公开"), Cell("做好重大决策预公开。"), Cell("区政府办"),
             Cell("各镇人民政府"), Cell("6月底前"), Cell("已完成")], 3),
        Row([Cell("2"), Cell("一、推进决策公开", merged_from_above=True), Cell("推进会议开放。"),
             Cell("区政府办", merged_from_above=True), Cell("各镇人民政府", merged_from_above=True),
             Cell("年底前"), Cell("正在推进，已召开两次会议")], 4),
        header,  # repeated on the next printed page
        Row([Cell("二、深化政务公开"), Cell("二、深化政务公开", merged_from_left=True)] +
            [Cell("二、深化政务公开", merged_from_left=True)] * 5, 6),
        Row([Cell("3"), Cell("公开工作"), Cell("更新公开指南。"), Cell("区司法局"), Cell(""), Cell(""), Cell("")], 7),
    ]
    blocks = [Paragraph("某某区2023年政务公开工作任务分解", 1), Table([header, *rows], 2)]
    plan = parse_blocks(blocks)
    assert [t.text for t in plan.tasks] == ["做好重大决策预公开。", "推进会议开放。", "更新公开指南。"]
    a, b, c = plan.tasks
    assert a.status == "已完成" and a.deadline == "6月底前"
    assert b.progress == "正在推进，已召开两次会议"
    assert "units_inherited" in b.flags and b.lead_units == ["区政府办"]
    assert c.section == ["深化政务公开", "公开工作"] and c.lead_units == ["区司法局"]
    assert plan.kind == "review"


def test_metadata_box_table_and_rowspan_review_table() -> None:
    """A web page: a metadata box laid out as a table, then the review table with rowspans."""
    meta = Table([Row([Cell("索引号: A25010--2023-0096"), Cell("主题分类: 综合政务")], 2),
                  Row([Cell("发布机构: 西湖区政府办公室"), Cell("生成日期: 2022-12-26")], 3)], 2)
    header = Row([Cell(h) for h in ("一级指标", "二级指标", "存在问题及建议", "责任单位", "完成期限", "落实情况")], 5)
    review = Table([header,
                    Row([Cell("深化重点领域公开"), Cell("落实财政资金领域信息公开"), Cell("扩大预决算公开范围。"),
                         Cell("区财政局牵头落实"), Cell("持续推进"), Cell("阶段性完成")], 6),
                    Row([Cell("深化重点领域公开", merged_from_above=True), Cell("落实疫情防控信息公开"),
                         Cell("完善疫情信息发布机制。"), Cell("区卫健委牵头落实"), Cell("年底完成"), Cell("已完成")], 7)],
                   5)
    blocks = [Paragraph("您现在所在的位置: 首页>政务公开", 1), meta,
              Paragraph("西湖区2021年政务公开工作要点落实情况“回头看”情况", 4), review, Paragraph("手机扫码浏览", 8)]
    plan = parse_blocks(blocks)
    assert plan.title == "西湖区2021年政务公开工作要点落实情况“回头看”情况"
    assert plan.issuer == ["西湖区政府办公室"] and plan.date == dt.date(2022, 12, 26) and plan.year == 2021
    assert plan.kind == "review" and [s.title for s in plan.sections] == ["深化重点领域公开"]
    assert [(t.text, t.detail, t.status) for t in plan.tasks] == [
        ("落实财政资金领域信息公开", "扩大预决算公开范围。", "阶段性完成"),
        ("落实疫情防控信息公开", "完善疫情信息发布机制。", "已完成")]
