"""Excel export of the review table: reopen with openpyxl and check what prints and what edits."""

from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")

from gongkai_desk.core.exporters.review import export_review  # noqa: E402
from gongkai_desk.core.reports.review_model import ReviewOptions  # noqa: E402
from tests.core.reports.test_review_build import TODAY, make_review_plan  # noqa: E402


@pytest.fixture
def sheet(ws, tmp_path):
    pid = make_review_plan(ws)
    opts = ReviewOptions(maker="区政府办公室", date="2024年9月1日")
    path = export_review(ws, pid, tmp_path / "回头看.xlsx", opts, today=TODAY)
    wb = openpyxl.load_workbook(str(path))
    assert wb.sheetnames == ["落实情况表"]
    return wb.active


HEADER_ROW = 3  # title, 制表单位 line, header


def _row_of(sheet, text):
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == text)


def test_title_merged_across_the_table(sheet):
    assert sheet["A1"].value == "2024年政务公开工作要点落实情况表"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:G1" in merged and "A2:G2" in merged
    assert sheet["A1"].font.b and sheet["A1"].font.sz >= 16
    assert sheet["A1"].alignment.horizontal == "center"
    assert sheet["A2"].value.startswith("制表单位：区政府办公室")


def test_header_bold_filled_bordered(sheet):
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert headers == ["序号", "具体任务", "牵头单位", "责任单位", "完成时限", "落实情况", "完成状态"]
    for cell in sheet[HEADER_ROW]:
        assert cell.font.b
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("D9D9D9")
        assert cell.border.left.style == "thin"


def test_section_rows_merged(sheet):
    merged = {str(r) for r in sheet.merged_cells.ranges}
    titles = []
    for r in range(HEADER_ROW + 1, sheet.max_row + 1):
        if f"A{r}:G{r}" in merged:
            titles.append(sheet.cell(r, 1).value)
            assert sheet.cell(r, 1).font.b
    assert titles == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]


def test_wrapped_text_with_computed_heights_and_chinese_widths(sheet):
    r = _row_of(sheet, "加强网站建设")
    assert sheet.cell(r, 6).alignment.wrap_text
    # Two units reported, so 落实情况 has two lines: the row must be at least two lines high.
    assert sheet.cell(r, 6).value.count("\n") == 1
    assert sheet.row_dimensions[r].height >= 2 * 14
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFG"}
    assert widths["A"] < widths["G"] < widths["B"]
    assert widths["G"] >= 5 * 2  # 阶段性完成: five Chinese characters, two width units each


def test_user_text_is_never_a_formula(sheet):
    for text in ("=1+1", "+x 清理政务新媒体", "-y 财政预算公开", "@z 公开决算"):
        cell = sheet.cell(_row_of(sheet, text), 2)
        assert cell.value == text
        assert cell.data_type == "s"


def test_frozen_header_and_print_setup(sheet):
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.print_area == f"'落实情况表'!$A$1:$G${sheet.max_row}"
    ps = sheet.page_setup
    assert ps.orientation == "landscape"
    assert int(ps.paperSize) == 9  # A4
    assert int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    m = sheet.page_margins
    assert 0.4 <= m.left <= 1 and 0.4 <= m.right <= 1 and m.bottom > m.footer
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_status_drop_down(sheet):
    [dv] = sheet.data_validations.dataValidation
    assert dv.type == "list"
    assert dv.formula1 == '"未启动,推进中,阶段性完成,持续推进,已完成"'
    assert str(dv.sqref) == f"G{HEADER_ROW + 1}:G{sheet.max_row}"


def test_status_conditional_fills(sheet):
    rules = {}
    for cf in sheet.conditional_formatting:
        assert str(cf.sqref) == f"G{HEADER_ROW + 1}:G{sheet.max_row}"
        for rule in cf.rules:
            rules[rule.text] = (rule.priority, rule.dxf.fill.bgColor.rgb[-6:])
    assert rules["已完成"][1] == "C6EFCE"  # green
    assert rules["阶段性完成"][1] == rules["推进中"][1] == "FFEB9C"  # yellow
    assert rules["逾期"][1] == "FFC7CE"  # red
    assert rules["逾期"][0] < min(p for p, _ in rules.values() if _ != "FFC7CE")  # overdue wins
    r = _row_of(sheet, "=1+1")
    assert sheet.cell(r, 7).value == "推进中（逾期）"


def test_per_unit_one_sheet_per_unit(ws, tmp_path):
    pid = make_review_plan(ws)
    path = export_review(ws, pid, tmp_path / "u.xlsx", ReviewOptions(per_unit=True, unfinished_only=True),
                         today=TODAY)
    wb = openpyxl.load_workbook(str(path))
    assert wb.sheetnames == ["区政府办", "区大数据中心", "区财政局"]
    office = wb["区政府办"]  # its 已完成 task 1 is left out, its ongoing task 4 stays
    assert [office.cell(r, 2).value for r in range(4, office.max_row + 1)
            if office.cell(r, 2).value] == ["-y 财政预算公开"]
    finance = wb["区财政局"]
    assert finance["A1"].value.endswith("（区财政局）")
    assert [finance.cell(r, 2).value for r in range(4, finance.max_row + 1)
            if finance.cell(r, 2).value] == ["=1+1", "-y 财政预算公开"]


def test_named_styles_registered_once_per_kind(sheet):
    names = set(sheet.parent.named_styles)
    assert {"rv_header", "rv_section", "rv_body", "rv_center", "rv_title"} <= names
    r = _row_of(sheet, "加强网站建设")
    assert sheet.cell(r, 2).style == "rv_body" and sheet.cell(r, 7).style == "rv_center"
