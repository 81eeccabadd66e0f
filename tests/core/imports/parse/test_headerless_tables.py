"""A task table whose header row is missing (on the previous page, cut off by the copy, never written):
the columns are judged from their content alone, and the clerk is asked to confirm them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai_desk.core.imports.parse import parse_file, parse_text
from tests.core.imports.parse.office_tables import docx_table, xlsx_table

# A county plan, page 6 of its task table as copied from the web page (/tmp/realdocs3 doc 11): the header
# 序号|工作任务|具体要求|工作标准|责任单位 was on page 1; the second row lost its merged 序号 and 工作任务 cells.
_DOC11 = (
    "4 | 深化政策落实公开,促进基层政府执行能力提升 | 12.以贯彻上级机关和同级党委重大决策和工作部署为重点,通过政府网站、"
    "政务新媒体、报纸、电视等载体全面公开政策措施及其落地落实情况。 | 除涉及秘密或安全稳定外,在县政府网站公开率达100%。 | "
    "县级各相关部门、各镇(园区、街道) |\n"
    "13.全面落实政策解读方案、解读材料与政策文件同步组织、同步审签、同步部署工作机制。按照“谁起草、谁解读、谁负责”原则,"
    "县政府组成部门提请以县政府或县政府办公室名义印发的文件,要一并报送解读材料。 | 政策解读工作纳入政务公开目标绩效管理。"
    "重要政策文件解读率达100%。 | 县级各相关部门、各镇(园区、街道) | ||\n"
)
_HEADER = "序号 | 工作任务 | 具体要求 | 工作标准 | 责任单位 |\n"


def _tasks(plan):
    return [(t.number, t.section, t.text[:10], (t.detail or "")[:8], t.lead_units, t.responsible_units, t.deadline)
            for t in plan.tasks]


def _uncertain(plan):
    return [w for w in plan.warnings if w.code == "columns_uncertain"]


def test_a_pasted_table_without_its_header_gets_its_units_from_the_unit_column():
    plan = parse_text(_DOC11)
    group = ["深化政策落实公开,促进基层政府执行能力提升"]
    units = ["县级各相关部门", "各镇(园区、街道)"]
    assert _tasks(plan) == [
        ("12", group, "以贯彻上级机关和同级", "除涉及秘密或安全", [], units, None),  # 工作标准 is no deadline
        ("13", group, "全面落实政策解读方案", "政策解读工作纳入", [], units, None)]
    layout = plan.tables[0]
    assert layout.roles == ["number", "group", "text", "detail", "units"] and layout.headerless
    assert all(c.confidence < 0.5 for c in layout.columns)
    [w] = _uncertain(plan)
    assert "没有表头" in w.message and "第5列按单位" in w.message
    assert not any("no_units" in t.flags for t in plan.tasks)


def test_the_same_table_with_its_header_is_read_as_before():
    plan = parse_text(_HEADER + _DOC11)
    headerless = parse_text(_DOC11)
    assert _tasks(plan) == _tasks(headerless)
    layout = plan.tables[0]
    assert layout.roles == ["number", "group", "text", "detail", "responsible"] and not layout.headerless
    assert [round(c.confidence, 2) for c in layout.columns] == [0.98, 0.55, 0.57, 0.6, 0.98]  # (as before this change)
    assert _uncertain(plan) == []


def test_separated_lines_of_prose_are_no_table():
    plan = parse_text("一、工作任务\n1.做好政府信息公开工作年度报告编制发布。(县政府办)\n"
                      "说明 | 本方案自印发之日起施行,由县政府办负责解释。\n注 | 各单位要高度重视,认真组织实施。\n")
    assert plan.tables == [] and _uncertain(plan) == []
    assert [(t.text[:6], t.responsible_units) for t in plan.tasks] == [("做好政府信息", ["县政府办"])]


# Columns in an unusual order, without 序号: deadline first, then the units, then the task text.
_GRID = [
    ["3月底前", "县财政局", "全面公开财政预决算信息，细化到功能分类项级科目。"],
    ["持续推进", "县委网信办牵头，县政府办配合", "推进政务新媒体规范化建设，加强内容审核。"],
    ["2024年12月31日前", "县政府办、县司法局", "做好政府信息公开工作年度报告编制发布，确保体例规范。"],
]
_EXPECT = [
    ("全面公开财政预决算", [], ["县财政局"], "3月底前"),
    ("推进政务新媒体规范", ["县委网信办"], ["县政府办"], "持续推进"),
    ("做好政府信息公开工", [], ["县政府办", "县司法局"], "2024年12月31日前")]


@pytest.mark.parametrize("build,suffix", [(docx_table, ".docx"), (xlsx_table, ".xlsx")])
def test_an_office_table_without_header_in_any_order(tmp_path: Path, build, suffix):
    path = tmp_path / f"plan{suffix}"
    build(path, _GRID)
    plan = parse_file(path)
    assert [(t.text[:9], t.lead_units, t.responsible_units, t.deadline) for t in plan.tasks] == _EXPECT
    layout = plan.tables[0]
    assert layout.roles == ["deadline", "units", "text"] and layout.headerless
    [w] = _uncertain(plan)
    assert "第1列按完成时限" in w.message and "第3列按任务内容" in w.message


@pytest.mark.parametrize("build,suffix", [(docx_table, ".docx"), (xlsx_table, ".xlsx")])
def test_an_office_table_with_a_header_is_not_asked_about(tmp_path: Path, build, suffix):
    path = tmp_path / f"plan{suffix}"
    build(path, [["完成时限", "责任单位", "工作任务"]] + _GRID)
    plan = parse_file(path)
    assert [(t.text[:9], t.lead_units, t.responsible_units, t.deadline) for t in plan.tasks] == _EXPECT
    layout = plan.tables[0]
    assert layout.roles == ["deadline", "responsible", "text"] and not layout.headerless
    assert _uncertain(plan) == []


def test_a_box_of_labelled_facts_is_no_headerless_table():
    """The page's facts box above a notice ("标题: | … | 发文日期: | 2023-08-21 | 发布机构: | …"), seen on a
    real page: labels and values, no task table without its header (it gave two false tasks)."""
    from gongkai_desk.core.imports.parse import parse_text

    text = ("标题: | 张店区人民政府办公室关于印发《张店区2023年政务公开常态化工作任务清单》的通知 | ||\n"
            "---|---|---|---|\n"
            "索引号: | 113703030042170202/2023-5383128 | 文号: | |\n"
            "发文日期: | 2023-08-21 | 发布机构: | 张店区人民政府办公室 |\n"
            "一、推进决策公开\n1.做好重大行政决策事项目录公开。（责任单位：区司法局）\n")
    plan = parse_text(text)
    assert [t.text for t in plan.tasks] == ["做好重大行政决策事项目录公开。"]


def test_content_only_roles_without_a_task_text_column():
    """A headerless table whose cells gave no task text column: the roles are still settled (it
    raised ValueError looking for the text column)."""
    from gongkai_desk.core.imports.parse.columns import _content_only

    class Stats:
        avg_len = 12

    roles, conf = ["number", "progress", "units"], [0.9, 0.9, 0.9]
    _content_only(roles, conf, [Stats(), Stats(), Stats()])
    assert roles == ["number", "detail", "units"] and max(conf) < 0.5
