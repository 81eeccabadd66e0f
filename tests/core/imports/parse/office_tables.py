"""Small Word and Excel task tables in the layouts offices publish, each with what a clerk reads in it.

Each layout is built with python-docx or openpyxl from a grid: ``"^"`` continues the cell above (w:vMerge,
an Excel merged range), ``"<"`` the cell on the left (gridSpan, a merged range), ``None`` is an empty cell.
``expect`` lists the tasks as the clerk reads them (written from the layout, before the importer ran):
``text`` exactly, the words ``has`` that must be in the task's text or detail, its units, deadline and
section titles; ``absent`` lists source words that must be no task's text (notes, totals, headers).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import docx
import openpyxl


@dataclass
class T:
    text: str
    has: tuple[str, ...] = ()
    lead: tuple[str, ...] | None = None
    resp: tuple[str, ...] | None = None
    deadline: str | None = None
    section: tuple[str, ...] | None = None
    number: str | None = None


@dataclass
class Layout:
    name: str
    build: Callable[[Path], None]
    expect: list[T]
    absent: tuple[str, ...] = ()
    suffix: str = ".docx"
    todo: str | None = None  # a known failure, not fixed yet


# ---------------------------------------------------------------------------- builders


def docx_table(path: Path, grid: list[list], *, title: str | None = "某区2024年政务公开工作任务分解表",
               after: list[str] = (), doc=None) -> None:
    d = doc or docx.Document()
    if title:
        d.add_paragraph(title)
    fill_docx_table(d.add_table(rows=len(grid), cols=len(grid[0])), grid)
    for line in after:
        d.add_paragraph(line)
    d.save(path)


def fill_docx_table(t, grid: list[list]) -> None:
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v in ("^", "<") or v is None:
                continue
            lines = str(v).split("\n\n")  # a blank line between: separate paragraphs of the cell
            cell = t.cell(i, j)
            cell.text = lines[0]
            for extra in lines[1:]:
                cell.add_paragraph(extra)
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v == "^" and (i == 0 or grid[i - 1][j] != "^"):
                k = i
                while k + 1 < len(grid) and grid[k + 1][j] == "^":
                    k += 1
                top = t.cell(i - 1, j)
                text = top.text
                merged = top.merge(t.cell(k, j))
                _set_text(merged, text)
            elif v == "<" and (j == 0 or row[j - 1] != "<"):
                k = j
                while k + 1 < len(row) and row[k + 1] == "<":
                    k += 1
                left = t.cell(i, j - 1)
                text = left.text
                _set_text(left.merge(t.cell(i, k)), text)


def _set_text(cell, text: str) -> None:
    """A merge joins the cells' paragraphs; keep only the top cell's text."""
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    cell.paragraphs[0].text = ""
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for extra in lines[1:]:
        cell.add_paragraph(extra)


def xlsx_sheet(ws, grid: list[list], *, top: int = 1, left: int = 1) -> None:
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v not in ("^", "<") and v is not None:
                ws.cell(top + i, left + j, v)
    done = set()
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v not in ("^", "<") or (i, j) in done:
                continue
            # find the range's top-left: walk up/left to the value cell
            r0, c0 = i, j
            while grid[r0][c0] == "^":
                r0 -= 1
            while grid[r0][c0] == "<":
                c0 -= 1
            r1, c1 = r0, c0
            while r1 + 1 < len(grid) and grid[r1 + 1][c0] == "^":
                r1 += 1
            while c1 + 1 < len(grid[r0]) and grid[r0][c1 + 1] == "<":
                c1 += 1
            for a in range(r0, r1 + 1):
                for b in range(c0, c1 + 1):
                    done.add((a, b))
            ws.merge_cells(start_row=top + r0, start_column=left + c0, end_row=top + r1, end_column=left + c1)


def xlsx_table(path: Path, grid: list[list], *, title: str | None = "某区2024年政务公开工作任务分解表",
               left: int = 1, after: list[str] = (), prepare=None) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    top = 1
    if title:
        ws.cell(1, left, title)
        top = 2
    xlsx_sheet(ws, grid, top=top, left=left)
    for k, line in enumerate(after):
        ws.cell(top + len(grid) + 1 + k, left, line)
    if prepare:
        prepare(wb, ws)
    wb.save(path)


def with_cached_formulas(path: Path, formulas: dict[str, tuple[str, str]]) -> None:
    """Write formulas with the values Excel cached for them (openpyxl cannot): cell → (formula, value)."""
    tmp = path.with_suffix(".tmp")
    shutil.move(path, tmp)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                for ref, (formula, value) in formulas.items():
                    xml = re.sub(rf'<c r="{ref}"([^>]*?)(/>|>.*?</c>)',
                                 f'<c r="{ref}"><f>{formula}</f><v>{value}</v></c>', xml, count=1)
                data = xml.encode()
            zout.writestr(item, data)
    tmp.unlink()


# ---------------------------------------------------------------------------- the layouts

A = "推进重大决策预公开"
A_M = "对涉及群众切身利益的重大决策事项，通过政府网站公开征求意见，征求意见期限不少于30日。"
B = "加强政策解读"
B_M = "坚持政策文件与解读材料同步组织、同步审签、同步部署，解读材料于文件公开后3个工作日内发布。"
C = "规范依申请公开办理"
C_M = "严格按照法定时限答复，规范答复文书格式，做好行政复议和行政诉讼应诉工作。"

TWO_TEXT = [["序号", "工作任务", "具体措施", "责任单位", "完成时限"],
            ["1", A, A_M, "区司法局", "持续推进"],
            ["2", B, B_M, "区政府办", "年底前"],
            ["3", C, C_M, "区政府办、区司法局", "6月底前"]]
# The labelled corpus (held-out h03 "重点工作 | 具体内容") reads such a table with the sentences as the
# task and the title above them as its section: a title column never merged is still a heading.
TWO_TEXT_T = [T(A_M, resp=("区司法局",), deadline="持续推进", number="1", section=(A,)),
              T(B_M, resp=("区政府办",), deadline="年底前", number="2", section=(B,)),
              T(C_M, resp=("区政府办", "区司法局"), deadline="6月底前", number="3", section=(C,))]

# 工作任务 and 工作要求 both sentences (a 任务分解表 as 集美区 published it)
L1 = "全面公开“十四五”规划纲要实施情况，及时发布年度计划执行情况。"
L1_R = "在政府门户网站设立专栏，集中发布规划纲要、专项规划及中期评估报告，做好解读工作。"
L2 = "加大财政预决算信息公开力度，细化公开内容。"
L2_R = "部门预决算公开到基本支出和项目支出，三公经费说明出国团组数、车辆购置数等情况。"
LONG_TWO = [["工作任务", "工作要求", "牵头单位", "责任单位", "完成时限"],
            [L1, L1_R, "区发改局", "区直各部门", "全年"],
            [L2, L2_R, "区财政局", "各预算单位", "预决算批复后20日内"]]
LONG_TWO_T = [T(L1_R, lead=("区发改局",), resp=("区直各部门",), deadline="全年", section=(L1.rstrip("。"),)),
              T(L2_R, lead=("区财政局",), resp=("各预算单位",), deadline="预决算批复后20日内",
                section=(L2.rstrip("。"),))]

G1, G2 = "主动公开", "依申请公开"
ONE_LEVEL = [["类别", "序号", "工作任务", "责任单位", "完成时限"],
             [G1, "1", "及时公开政府常务会议议定事项", "区政府办", "持续推进"],
             ["^", "2", "做好重大建设项目批准和实施信息公开", "区发改局", "年底前"],
             ["^", "3", "公开公共资源交易结果信息", "区公共资源交易中心", "持续推进"],
             [G2, "4", "完善依申请公开受理、审查、答复流程", "区政府办", "6月底前"],
             ["^", "5", "开展依申请公开答复文书规范化检查", "区司法局", "10月底前"]]
ONE_LEVEL_T = [T("及时公开政府常务会议议定事项", resp=("区政府办",), deadline="持续推进", section=(G1,), number="1"),
               T("做好重大建设项目批准和实施信息公开", resp=("区发改局",), deadline="年底前", section=(G1,), number="2"),
               T("公开公共资源交易结果信息", resp=("区公共资源交易中心",), deadline="持续推进", section=(G1,), number="3"),
               T("完善依申请公开受理、审查、答复流程", resp=("区政府办",), deadline="6月底前", section=(G2,), number="4"),
               T("开展依申请公开答复文书规范化检查", resp=("区司法局",), deadline="10月底前", section=(G2,), number="5")]

TWO_LEVEL = [["一级任务", "二级任务", "具体任务", "责任单位", "完成时限"],
             ["一、围绕优化营商环境加强公开", "（一）公开涉企政策", "1.集中公开惠企政策清单", "区发改局", "6月底前"],
             ["^", "^", "2.做好涉企收费目录清单公开", "区财政局", "持续推进"],
             ["^", "（二）公开监管执法信息", "3.公开“双随机、一公开”抽查结果", "区市场监管局", "持续推进"],
             ["二、围绕民生关切加强公开", "（一）公开社会救助信息", "4.公开低保、特困人员救助供养政策", "区民政局", "年底前"]]
S1, S11, S12 = "围绕优化营商环境加强公开", "公开涉企政策", "公开监管执法信息"
S2, S21 = "围绕民生关切加强公开", "公开社会救助信息"
TWO_LEVEL_T = [T("集中公开惠企政策清单", resp=("区发改局",), deadline="6月底前", section=(S1, S11), number="1"),
               T("做好涉企收费目录清单公开", resp=("区财政局",), deadline="持续推进", section=(S1, S11), number="2"),
               T("公开“双随机、一公开”抽查结果", resp=("区市场监管局",), deadline="持续推进", section=(S1, S12), number="3"),
               T("公开低保、特困人员救助供养政策", resp=("区民政局",), deadline="年底前", section=(S2, S21), number="4")]

TWO_ROW_HEADER = [["序号", "工作任务", "责任单位", "<", "完成时限"],
                  ["^", "^", "牵头单位", "配合单位", "^"],
                  ["1", "推进行政规范性文件统一公开", "区司法局", "区直各部门", "6月底前"],
                  ["2", "更新政府信息公开指南", "区政府办", "各镇街", "3月底前"],
                  ["3", "做好政策性文件解读", "区政府办", None, "持续推进"]]
TWO_ROW_HEADER_T = [T("推进行政规范性文件统一公开", lead=("区司法局",), resp=("区直各部门",), deadline="6月底前"),
                    T("更新政府信息公开指南", lead=("区政府办",), resp=("各镇街",), deadline="3月底前"),
                    T("做好政策性文件解读", lead=("区政府办",), resp=(), deadline="持续推进")]

REPEATED = [["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "及时公开政府常务会议议定事项", "区政府办", "持续推进"],
            ["2", "做好重大建设项目批准和实施信息公开", "区发改局", "年底前"],
            ["序号", "工作任务", "责任单位", "完成时限"],
            ["3", "公开公共资源交易结果信息", "区公共资源交易中心", "持续推进"]]
REPEATED_T = [T("及时公开政府常务会议议定事项", resp=("区政府办",), deadline="持续推进"),
              T("做好重大建设项目批准和实施信息公开", resp=("区发改局",), deadline="年底前"),
              T("公开公共资源交易结果信息", resp=("区公共资源交易中心",), deadline="持续推进")]

# 序号 merged over a group, 重点任务 merged beside it, one 具体措施 per row
NUMBER_PER_GROUP = [["序号", "重点任务", "具体措施", "责任单位", "完成时限"],
                    ["1", "深化决策公开", "制定年度重大行政决策事项目录并向社会公布。", "区司法局", "3月底前"],
                    ["^", "^", "重大决策草案通过政府网站公开征求意见。", "区直各部门", "持续推进"],
                    ["2", "加强政策解读", "政策文件与解读材料同步起草、同步审签、同步发布。", "区政府办", "持续推进"],
                    ["^", "^", "每季度至少开展一次政策解读在线访谈。", "区政府办", "每季度"]]
NUMBER_PER_GROUP_T = [T("制定年度重大行政决策事项目录并向社会公布", resp=("区司法局",), deadline="3月底前", section=("深化决策公开",)),
                      T("重大决策草案通过政府网站公开征求意见", resp=("区直各部门",), deadline="持续推进", section=("深化决策公开",)),
                      T("政策文件与解读材料同步起草、同步审签、同步发布", resp=("区政府办",), deadline="持续推进", section=("加强政策解读",)),
                      T("每季度至少开展一次政策解读在线访谈", resp=("区政府办",), deadline="每季度", section=("加强政策解读",))]

PARAGRAPHS = [["序号", "工作任务", "责任单位", "完成时限"],
              ["1", "推进政务公开标准化规范化建设\n\n梳理更新基层政务公开标准目录，在政府网站集中公开。", "区政府办\n\n各镇街", "9月底前"],
              ["2", "加强政府网站和政务新媒体管理", "区政府办\n区融媒体中心", "持续推进"]]
PARAGRAPHS_T = [T("推进政务公开标准化规范化建设", ("梳理更新基层政务公开标准目录",), resp=("区政府办", "各镇街"), deadline="9月底前"),
                T("加强政府网站和政务新媒体管理", resp=("区政府办", "区融媒体中心"), deadline="持续推进")]

REMARKS = [["序号", "工作任务", "责任单位", "完成时限", "备注"],
           ["1", "编制发布政府信息公开工作年度报告", "区政府办", "1月31日前", "纳入年度绩效考核"],
           ["2", "开展政府开放日活动", "区直各部门", "年底前", None],
           ["合计", "共2项", "<", "<", "<"]]
REMARKS_T = [T("编制发布政府信息公开工作年度报告", ("纳入年度绩效考核",), resp=("区政府办",), deadline="1月31日前"),
             T("开展政府开放日活动", resp=("区直各部门",), deadline="年底前")]

NOTE_ROW = [["序号", "工作任务", "责任单位", "完成时限"],
            ["1", "编制发布政府信息公开工作年度报告", "区政府办", "1月31日前"],
            ["2", "开展政府开放日活动", "区直各部门", "年底前"],
            ["注：1.各单位于每季度末前将落实情况报区政府办；2.标注“持续推进”的任务全年推进。", "<", "<", "<"]]
NOTE_ROW_T = [T("编制发布政府信息公开工作年度报告", resp=("区政府办",), deadline="1月31日前"),
              T("开展政府开放日活动", resp=("区直各部门",), deadline="年底前")]


def _nested(path: Path) -> None:
    """A one-row layout table whose second cell holds the plan table (a table inside a table)."""
    d = docx.Document()
    d.add_paragraph("某区2024年政务公开工作任务分解表")
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "附件"
    inner_cell = outer.cell(0, 1)
    inner_cell.text = "重点任务清单"
    fill_docx_table(inner_cell.add_table(rows=len(REPEATED) - 1, cols=4), [r for k, r in enumerate(REPEATED) if k != 3])
    d.save(path)


PLAN_ROWS = [["序号", "工作任务", "责任单位", "完成时限"],
             ["1", "及时公开政府常务会议议定事项", "区政府办", "持续推进"],
             ["2", "做好重大建设项目批准和实施信息公开", "区发改局", "年底前"]]
PLAN_ROWS_T = REPEATED_T[:2]


def _two_sheets_notes(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.cell(1, 1, "某区2024年政务公开工作任务分解表")
    xlsx_sheet(ws, PLAN_ROWS, top=2)
    notes = wb.create_sheet("填表说明")
    notes.cell(1, 1, "填表说明")
    notes.cell(2, 1, "1.请各单位对照任务逐项填写，于每季度末报送。")
    notes.cell(3, 1, "2.联系人：区政府办政务公开科。")
    wb.save(path)


def _notes_sheet_first(path: Path) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.cell(1, 1, "说明")
    notes.cell(2, 1, "1.本表所列任务由各责任单位对照落实。")
    xlsx_sheet(wb.create_sheet("任务分解表"), PLAN_ROWS)
    wb.save(path)


def _two_sheets_plan(path: Path) -> None:
    """One plan over two sheets, one per category, each with its header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = G1
    xlsx_sheet(ws, [r[1:] for r in ONE_LEVEL[:4]])
    xlsx_sheet(wb.create_sheet(G2), [ONE_LEVEL[0][1:]] + [r[1:] for r in ONE_LEVEL[4:]])
    wb.save(path)


TWO_SHEETS_PLAN_T = [T(t.text, resp=t.resp, deadline=t.deadline, number=t.number) for t in ONE_LEVEL_T]


def _hidden(path: Path) -> None:
    def prepare(wb, ws):
        ws.column_dimensions["E"].hidden = True  # 联系电话, hidden before the file was sent
        ws.row_dimensions[4].hidden = True  # a task struck out this year, hidden
    grid = [["序号", "工作任务", "责任单位", "完成时限", "联系电话"],
            ["1", "及时公开政府常务会议议定事项", "区政府办", "持续推进", "0551-1234567"],
            ["2", "已取消的任务：编印政务公开宣传册", "区政府办", "6月底前", "0551-1234567"],
            ["3", "公开公共资源交易结果信息", "区公共资源交易中心", "持续推进", "0551-7654321"]]
    xlsx_table(path, grid, prepare=prepare)


HIDDEN_T = [T("及时公开政府常务会议议定事项", resp=("区政府办",), deadline="持续推进"),
            T("公开公共资源交易结果信息", resp=("区公共资源交易中心",), deadline="持续推进")]


def _formulas(path: Path) -> None:
    grid = [["序号", "工作任务", "责任单位", "完成时限"],
            [0, "及时公开政府常务会议议定事项", "区政府办", "持续推进"],  # formulas, written below
            [0, "做好重大建设项目批准和实施信息公开", "区发改局", "年底前"],
            [3.0, "公开公共资源交易结果信息", "区公共资源交易中心", "持续推进"]]
    xlsx_table(path, grid)
    with_cached_formulas(path, {"A3": ("ROW()-2", "1"), "A4": ("A3+1", "2")})


FORMULAS_T = [T("及时公开政府常务会议议定事项", resp=("区政府办",), deadline="持续推进", number="1"),
              T("做好重大建设项目批准和实施信息公开", resp=("区发改局",), deadline="年底前", number="2"),
              T("公开公共资源交易结果信息", resp=("区公共资源交易中心",), deadline="持续推进", number="3")]

WIDE = [["序号", "类别", "工作任务", "具体内容", "牵头单位", "配合单位", "完成时限", "联系人", "备注"],
        [1, "政策解读", "加强政策解读", "重要政策文件出台后3个工作日内发布解读材料。", "区政府办", "区直各部门",
         dt.datetime(2024, 6, 30), "张科长", None],
        [2, "^", "做好政策咨询服务", "在政务服务中心设立政策咨询窗口，解答企业群众咨询。", "区政务服务中心", None,
         "2024年12月底前", "李科长", "与12345热线衔接"],
        [3, "回应关切", "及时回应社会关切", "建立舆情收集、研判、处置、回应机制。", "区委网信办", "区直各部门",
         dt.datetime(2024, 9, 30), "王科长", None]]
WIDE_T = [T("重要政策文件出台后3个工作日内发布解读材料", lead=("区政府办",), resp=("区直各部门",),
            deadline="2024年6月30日", section=("政策解读", "加强政策解读"), number="1"),
          T("在政务服务中心设立政策咨询窗口，解答企业群众咨询", ("与12345热线衔接",), lead=("区政务服务中心",), resp=(),
            deadline="2024年12月底前", section=("政策解读", "做好政策咨询服务"), number="2"),
          T("建立舆情收集、研判、处置、回应机制", lead=("区委网信办",), resp=("区直各部门",), deadline="2024年9月30日",
            section=("回应关切", "及时回应社会关切"), number="3")]

FULL_WIDTH_HEADINGS = [["序号", "工作任务", "责任单位", "完成时限"],
                       ["一、深化重点领域信息公开", "<", "<", "<"],
                       ["1", "公开义务教育招生入学政策", "区教育局", "8月底前"],
                       ["2", "公开医疗机构执业信息", "区卫健委", "持续推进"],
                       ["二、加强平台建设", "<", "<", "<"],
                       ["3", "开展政府网站常态化监测", "区政府办", "每季度"]]
FULL_WIDTH_HEADINGS_T = [T("公开义务教育招生入学政策", resp=("区教育局",), deadline="8月底前", section=("深化重点领域信息公开",)),
                         T("公开医疗机构执业信息", resp=("区卫健委",), deadline="持续推进", section=("深化重点领域信息公开",)),
                         T("开展政府网站常态化监测", resp=("区政府办",), deadline="每季度", section=("加强平台建设",))]

LAYOUTS: list[Layout] = [
    Layout("two_text_columns_docx", lambda p: docx_table(p, TWO_TEXT), TWO_TEXT_T),
    Layout("two_text_columns_xlsx", lambda p: xlsx_table(p, TWO_TEXT), TWO_TEXT_T, suffix=".xlsx"),
    Layout("two_long_text_columns_docx", lambda p: docx_table(p, LONG_TWO), LONG_TWO_T),
    Layout("two_long_text_columns_xlsx", lambda p: xlsx_table(p, LONG_TWO), LONG_TWO_T, suffix=".xlsx"),
    Layout("merged_category_docx", lambda p: docx_table(p, ONE_LEVEL), ONE_LEVEL_T),
    Layout("merged_category_xlsx", lambda p: xlsx_table(p, ONE_LEVEL), ONE_LEVEL_T, suffix=".xlsx"),
    Layout("merged_two_levels_docx", lambda p: docx_table(p, TWO_LEVEL), TWO_LEVEL_T),
    Layout("merged_two_levels_xlsx", lambda p: xlsx_table(p, TWO_LEVEL), TWO_LEVEL_T, suffix=".xlsx"),
    Layout("two_row_header_docx", lambda p: docx_table(p, TWO_ROW_HEADER), TWO_ROW_HEADER_T),
    Layout("two_row_header_xlsx", lambda p: xlsx_table(p, TWO_ROW_HEADER), TWO_ROW_HEADER_T, suffix=".xlsx"),
    Layout("repeated_header_docx", lambda p: docx_table(p, REPEATED), REPEATED_T, absent=("序号", "工作任务")),
    Layout("repeated_header_xlsx", lambda p: xlsx_table(p, REPEATED), REPEATED_T, absent=("序号", "工作任务"),
           suffix=".xlsx"),
    Layout("number_merged_per_group_docx", lambda p: docx_table(p, NUMBER_PER_GROUP), NUMBER_PER_GROUP_T),
    Layout("number_merged_per_group_xlsx", lambda p: xlsx_table(p, NUMBER_PER_GROUP), NUMBER_PER_GROUP_T,
           suffix=".xlsx"),
    Layout("paragraphs_in_cells_docx", lambda p: docx_table(p, PARAGRAPHS), PARAGRAPHS_T),
    Layout("line_breaks_in_cells_xlsx", lambda p: xlsx_table(p, [[c.replace("\n\n", "\n") if isinstance(c, str)
                                                                  else c for c in r] for r in PARAGRAPHS]),
           PARAGRAPHS_T, suffix=".xlsx"),
    Layout("remarks_and_total_docx", lambda p: docx_table(p, REMARKS), REMARKS_T, absent=("合计", "共2项")),
    Layout("remarks_and_total_xlsx", lambda p: xlsx_table(p, REMARKS), REMARKS_T, absent=("合计", "共2项"),
           suffix=".xlsx"),
    Layout("note_row_docx", lambda p: docx_table(p, NOTE_ROW), NOTE_ROW_T, absent=("注：",)),
    Layout("note_row_xlsx", lambda p: xlsx_table(p, NOTE_ROW), NOTE_ROW_T, absent=("注：",), suffix=".xlsx"),
    Layout("note_below_table_xlsx", lambda p: xlsx_table(p, PLAN_ROWS, after=["注：“持续推进”的任务全年推进。"]),
           PLAN_ROWS_T, absent=("注：",), suffix=".xlsx"),
    Layout("table_in_a_cell_docx", _nested, REPEATED_T, absent=("附件", "重点任务清单")),
    Layout("plan_and_notes_sheets_xlsx", _two_sheets_notes, PLAN_ROWS_T, absent=("填表说明", "请各单位对照任务"), suffix=".xlsx"),
    Layout("notes_sheet_first_xlsx", _notes_sheet_first, [T(t.text, resp=t.resp, deadline=t.deadline, section=())
                                                          for t in PLAN_ROWS_T], absent=("本表所列任务",), suffix=".xlsx"),
    Layout("plan_over_two_sheets_xlsx", _two_sheets_plan, TWO_SHEETS_PLAN_T, suffix=".xlsx"),
    Layout("hidden_rows_and_columns_xlsx", _hidden, HIDDEN_T, absent=("已取消的任务", "0551"), suffix=".xlsx"),
    Layout("formula_numbers_xlsx", _formulas, FORMULAS_T, suffix=".xlsx"),
    Layout("empty_first_column_xlsx", lambda p: xlsx_table(p, PLAN_ROWS, left=2), PLAN_ROWS_T, suffix=".xlsx"),
    Layout("empty_first_column_docx", lambda p: docx_table(p, [[None] + r for r in PLAN_ROWS]), PLAN_ROWS_T),
    Layout("wide_dates_xlsx", lambda p: xlsx_table(p, WIDE), WIDE_T, suffix=".xlsx"),
    Layout("wide_dates_docx", lambda p: docx_table(p, [[c.strftime("%Y年%-m月%-d日") if isinstance(c, dt.datetime)
                                                          else (str(c) if isinstance(c, int) else c) for c in r]
                                                         for r in WIDE]), WIDE_T),
    Layout("full_width_headings_docx", lambda p: docx_table(p, FULL_WIDTH_HEADINGS), FULL_WIDTH_HEADINGS_T),
    Layout("full_width_headings_xlsx", lambda p: xlsx_table(p, FULL_WIDTH_HEADINGS), FULL_WIDTH_HEADINGS_T,
           suffix=".xlsx"),
]
