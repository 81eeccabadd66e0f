"""Column roles from header and content together, the same for .docx, .xlsx, .html and text tables."""

from __future__ import annotations

import json

import docx
import openpyxl
import pytest

from gongkai_desk.core.imports.parse import parse_blocks, parse_file
from gongkai_desk.core.imports.parse.blocks import Cell, Paragraph, Row, Table
from gongkai_desk.core.imports.parse.columns import header_key, infer_layout
from gongkai_desk.core.imports.parse.headers import header_evidence


def table(rows: list[list[str]], line: int = 2) -> Table:
    """Rows of cell texts; "<" continues the cell on the left, "^" the cell above (merged cells)."""
    grid: list[list[Cell]] = []
    for r in rows:
        cells: list[Cell] = []
        for j, text in enumerate(r):
            if text == "<":
                cells.append(Cell(cells[-1].text, merged_from_left=True))
            elif text == "^":
                cells.append(Cell(grid[-1][j].text, merged_from_above=True))
            else:
                cells.append(Cell(text))
        grid.append(cells)
    return Table([Row(c, line + k) for k, c in enumerate(grid)], line)


def roles(plan) -> list[list[str]]:
    return [t.roles for t in plan.tables]


SPANNED = [
    ["序号", "任务分解", "<", "责任单位", "完成时间"],
    ["1", "（一）推进决策公开", "做好重大行政决策事项目录编制和公开工作，按要求公开决策草案。", "区司法局", "6月底前"],
    ["2", "^", "落实重大决策预公开制度，广泛听取公众意见。", "区政府办", "全年"],
    ["3", "（二）推进执行公开", "公开重点改革任务、重要政策执行情况。", "区发改局、区级各部门", "年底前"],
]


def test_a_header_spanning_two_columns_gives_them_roles_from_content():
    plan = parse_blocks([Paragraph("某区2023年政务公开工作任务分解表", 1), table(SPANNED)])
    assert roles(plan) == [["number", "group", "text", "responsible", "deadline"]]
    assert [t.text[:8] for t in plan.tasks] == ["做好重大行政决策", "落实重大决策预公", "公开重点改革任务"]
    assert [t.section for t in plan.tasks] == [["推进决策公开"], ["推进决策公开"], ["推进执行公开"]]
    assert plan.tasks[2].responsible_units == ["区发改局", "区级各部门"]


def test_a_spanned_group_header_over_a_number_column():
    plan = parse_blocks([table([
        ["工作任务", "<", "具体要求", "责任股室", "时限"],
        ["规范信息发布", "1", "严格执行信息发布审核制度，确保发布内容准确。", "办公室", "全年"],
        ["^", "2", "及时更新政府信息公开专栏内容。", "各股室", "持续推进"],
        ["强化政策解读", "3", "对本单位出台的规范性文件全部进行解读。", "政策法规股", "年底前"]])])
    assert roles(plan) == [["group", "number", "text", "responsible", "deadline"]]
    assert [(t.number, t.section, t.deadline) for t in plan.tasks] == [
        ("1", ["规范信息发布"], "全年"), ("2", ["规范信息发布"], "持续推进"), ("3", ["强化政策解读"], "年底前")]


def test_a_two_row_header():
    plan = parse_blocks([table([
        ["序号", "重点工作", "责任分工", "<", "完成时限"],
        ["^", "^", "牵头单位", "配合单位", "^"],
        ["1", "全面公开财政预决算信息，细化到功能分类项级科目。", "县财政局", "县直各部门", "3月底前"],
        ["2", "做好政府信息公开工作年度报告编制发布。", "县政府办", "各乡镇", "1月31日前"]])])
    assert roles(plan) == [["number", "text", "lead", "responsible", "deadline"]]
    assert [c.header for c in plan.tables[0].columns][2:4] == ["责任分工/牵头单位", "责任分工/配合单位"]
    assert (plan.tasks[0].lead_units, plan.tasks[0].responsible_units) == (["县财政局"], ["县直各部门"])


def test_a_table_without_header_is_read_by_its_content():
    plan = parse_blocks([Paragraph("某县2023年政务公开工作要点", 1), table([
        ["1", "全面公开财政预决算信息，细化到功能分类项级科目。", "县财政局", "3月底前"],
        ["2", "做好政府信息公开工作年度报告编制发布，确保体例规范。", "县政府办", "1月31日前"],
        ["3", "推进政务新媒体规范化建设，加强内容审核。", "县委网信办牵头，县政府办配合", "持续推进"]])])
    assert roles(plan) == [["number", "text", "units", "deadline"]]
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert (plan.tasks[2].lead_units, plan.tasks[2].responsible_units) == (["县委网信办"], ["县政府办"])
    assert plan.tables[0].key == "（无表头，4列）"


def test_a_table_without_unit_or_number_column():
    plan = parse_blocks([table([
        ["重点工作", "具体措施", "完成时间"],
        ["政策解读", "对本局起草的政策文件进行全面解读，做到同步起草、同步审签、同步发布。", "全年"],
        ["^", "创新解读形式，运用图表、视频等方式解读政策。", "持续推进"],
        ["网站建设", "加强网站栏目内容保障，确保信息及时更新。", "年底前"]])])
    assert roles(plan) == [["group", "text", "deadline"]]
    assert len(plan.tasks) == 3 and all("no_units" in t.flags for t in plan.tasks)


def test_a_rectification_list_takes_the_problem_as_task_and_the_measure_as_detail():
    plan = parse_blocks([Paragraph("某区政务公开第三方评估问题整改清单", 1), table([
        ["序号", "问题类型", "存在问题", "整改措施", "整改时限", "责任单位", "整改情况"],
        ["1", "政策解读", "部分政策文件未同步发布解读材料。", "建立解读材料与政策文件同步审签机制。", "2023年6月30日前",
         "区政府办", "已完成"],
        ["2", "^", "解读形式单一，以文字解读为主。", "增加图解、视频解读。", "持续整改", "区各部门", "整改中"]])])
    assert roles(plan) == [["number", "group", "text", "detail", "deadline", "responsible", "progress"]]
    a, b = plan.tasks
    assert (a.text, a.detail, a.status, a.section) == ("部分政策文件未同步发布解读材料。", "建立解读材料与政策文件同步审签机制。",
                                                       "已完成", ["政策解读"])
    assert (b.status, b.deadline) == ("推进中", "持续整改") and plan.kind == "review"


def test_an_inspection_table_keeps_problems_and_next_steps_apart():
    plan = parse_blocks([table([
        ["序号", "督查事项", "完成情况", "存在问题", "下步措施", "责任单位"],
        ["1", "按要求编制并公开本年度政务公开工作要点任务分解。", "已完成", "无", "持续抓好落实", "县政府办"],
        ["2", "开展政府开放日活动，邀请群众代表参加。", "未完成", "活动组织不及时", "三季度开展一次活动", "县直各部门"]])])
    a, b = plan.tasks
    assert (a.status, a.problems, a.next_steps) == ("已完成", "无", "持续抓好落实")
    assert (b.status, b.problems, "status_uncertain" in b.flags) == ("推进中", "活动组织不及时", True)


def test_template_placeholders_are_not_imported_but_listed():
    plan = parse_blocks([table([
        ["序号", "工作任务", "完成情况", "存在问题", "整改措施", "整改责任主体"],
        ["1", "推进决策公开，健全重大决策程序。", "已完成/未完成", "1. 2. 3.", "1. 2. 3.", "1.（单位名称） 2. 3."],
        ["2", "推进执行公开，公开重点工作进展。", "", "", "", "县政府办"]])])
    a, b = plan.tasks
    assert (a.status, a.problems, a.next_steps, a.responsible_units) == (None, None, None, [])
    assert b.responsible_units == ["县政府办"]
    assert [n.code for n in plan.not_imported if n.line == 3] == ["template"] * 4


def test_a_metadata_box_is_no_plan_table():
    plan = parse_blocks([table([["索引号: 11370-2023-00012", "发布机构: 某县人民政府办公室"],
                                ["生成日期: 2023-03-01", "文号: 某政办发〔2023〕3号"]], 1),
                         Paragraph("某县2023年政务公开工作任务分解", 3),
                         table([["序号", "工作任务", "责任单位"], ["1", "推进决策公开，做好决策预公开。", "县政府办"]], 4)])
    assert len(plan.tables) == 1 and plan.issuer == ["某县人民政府办公室"] and plan.doc_number == "某政办发〔2023〕3号"


def test_the_clerk_can_override_roles_for_tables_with_that_header():
    t = table(SPANNED)
    layout = infer_layout(t.rows)
    key = layout.key
    plan = parse_blocks([table(SPANNED)], columns={key: ["number", "ignore", "text", "lead", "deadline"]})
    assert roles(plan) == [["number", "ignore", "text", "lead", "deadline"]]
    assert all(c.chosen and c.confidence == 1.0 for c in plan.tables[0].columns)
    assert [t.section for t in plan.tasks] == [[], [], []] and plan.tasks[0].lead_units == ["区司法局"]
    assert [n.code for n in plan.not_imported if n.text.startswith("（")] == ["ignored_column"] * 2
    assert header_key(["序号 ", "工作任务"]) == "序号|工作任务"


def test_parse_json_reports_the_roles_per_table():
    data = parse_blocks([table(SPANNED)]).to_json()
    assert {"title", "tasks", "warnings", "sections", "tables", "not_imported"} <= set(data)
    [t] = data["tables"]
    assert t["line"] == 2 and [c["role"] for c in t["columns"]] == ["number", "group", "text", "responsible", "deadline"]
    assert all(0 < c["confidence"] <= 1 for c in t["columns"]) and t["columns"][1]["level"] == 1
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("header", "role"), [
    ("序号", "number"), ("责任科室（单位）", "responsible"), ("牵头部门", "lead"), ("配合股室", "responsible"),
    ("完成时限及要求", "deadline"), ("整改措施", "measures"), ("存在问题及建议", "problems"), ("推进情况", "progress"),
    ("下一步打算", "next_steps"), ("具体内容", "text"), ("重点领域", "group"), ("佐证材料", "remarks"),
])
def test_header_words(header, role):
    weights = header_evidence(header)
    assert max(weights, key=weights.get) == role


# --- the same roles from real files ------------------------------------------------------------------

def _docx(path):
    d = docx.Document()
    d.add_paragraph("某区2023年政务公开工作任务分解表")
    t = d.add_table(rows=len(SPANNED), cols=5)
    for i, row in enumerate(SPANNED):
        for j, text in enumerate(row):
            if text not in ("<", "^"):
                t.cell(i, j).text = text
    t.cell(0, 1).merge(t.cell(0, 2)).text = "任务分解"
    t.cell(1, 1).merge(t.cell(2, 1)).text = "（一）推进决策公开"
    d.save(path)


def _xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某区2023年政务公开工作任务分解表"])
    for row in SPANNED:
        ws.append([None if t in ("<", "^") else t for t in row])
    ws.merge_cells("B2:C2")
    ws.merge_cells("B3:B4")
    wb.save(path)


def _html(path):
    """A saved page; its first body row lacks the <tr> that a browser supplies (pages often do)."""
    cells = "".join(f"<td>{t}</td>" for t in SPANNED[1])
    path.write_text("<html><body><h1>某区2023年政务公开工作任务分解表</h1><table><tr><th>序号</th>"
                    "<th colspan=2>任务分解</th><th>责任单位</th><th>完成时间</th></tr>"
                    + cells.replace("<td>（一）推进决策公开</td>", "<td rowspan=2>（一）推进决策公开</td>")
                    + "</tr><tr>" + "".join(f"<td>{t}</td>" for t in SPANNED[2] if t != "^") + "</tr><tr>"
                    + "".join(f"<td>{t}</td>" for t in SPANNED[3]) + "</tr></table></body></html>", encoding="utf-8")


@pytest.mark.parametrize("build, suffix", [(_docx, ".docx"), (_xlsx, ".xlsx"), (_html, ".html")])
def test_the_same_table_in_word_excel_and_a_web_page(tmp_path, build, suffix):
    path = tmp_path / f"任务分解{suffix}"
    build(path)
    plan = parse_file(path)
    assert roles(plan) == [["number", "group", "text", "responsible", "deadline"]]
    assert [t.section for t in plan.tasks] == [["推进决策公开"], ["推进决策公开"], ["推进执行公开"]]
    assert plan.title == "某区2023年政务公开工作任务分解表"


def test_a_yes_no_status_column():
    plan = parse_blocks([table([
        ["序号", "任务内容", "责任单位", "完成时限", "进展情况", "是否完成"],
        ["1", "更新政府信息公开指南", "区政府办", "6月底前", "已于5月完成更新。", "是"],
        ["2", "开展政府开放日活动", "区直各部门", "年底前", "已制定方案。", "否"]])])
    a, b = plan.tasks
    assert (a.status, a.progress) == ("已完成", "已于5月完成更新。")
    assert (b.status, "status_uncertain" in b.flags) == ("推进中", True)


def test_a_page_laid_out_in_a_one_cell_table_is_read_as_its_paragraphs(tmp_path):
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "某区2023年政务公开工作要点"
    for line in ("一、重点任务", "1.推进决策公开。（牵头单位：区政府办）", "2.推进执行公开。（牵头单位：区发改局）"):
        cell.add_paragraph(line)
    path = tmp_path / "layout.docx"
    d.save(path)
    plan = parse_file(path)
    assert [(t.number, t.section, t.lead_units) for t in plan.tasks] == [("1", ["重点任务"], ["区政府办"]),
                                                                        ("2", ["重点任务"], ["区发改局"])]
    assert plan.tables == [] and not plan.ledger.unaccounted()
