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


HEADERS = ["序号", "任务类别", "具体任务", "牵头单位", "责任单位", "完成时限", "落实情况", "完成状态", "逾期/提示"]
TEXT, STATUS, ALERT = 3, 8, 9  # columns C, H, I


def _row_of(sheet, text):
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, TEXT).value == text)


def _headers(sheet, row=HEADER_ROW):
    return [(c.value or "").replace("\n", "") for c in sheet[row]]


def test_title_merged_across_the_table(sheet):
    assert sheet["A1"].value == "2024年政务公开工作要点落实情况表"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:I1" in merged and "A2:I2" in merged
    assert sheet["A1"].font.b and sheet["A1"].font.sz >= 16
    assert sheet["A1"].alignment.horizontal == "center"
    assert sheet["A2"].value.startswith("制表单位：区政府办公室")


def test_header_bold_filled_bordered(sheet):
    assert _headers(sheet) == HEADERS
    for cell in sheet[HEADER_ROW]:
        assert cell.font.b
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("D9D9D9")
        assert cell.border.left.style == "thin"


def test_sections_are_a_column_so_sort_and_filter_work(sheet):
    """Every data row is a task with its section beside it: no merged rows under the header."""
    merged = [r for r in sheet.merged_cells.ranges if r.min_row > HEADER_ROW]
    assert merged == []
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:I{sheet.max_row}"
    sections = [sheet.cell(r, 2).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert sections == ["一、公开平台\n（一）网站"] * 2 + ["一、公开平台\n（二）新媒体"] + ["二、重点领域"] * 2


def test_section_rows_option_merges_them_and_keeps_them_with_their_first_task(ws, tmp_path):
    pid = make_review_plan(ws)
    path = export_review(ws, pid, tmp_path / "rows.xlsx", ReviewOptions(section_rows=True), today=TODAY)
    sheet = openpyxl.load_workbook(str(path)).active
    assert _headers(sheet, 2) == [h for h in HEADERS if h != "任务类别"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    titles = [sheet.cell(r, 1).value for r in range(3, sheet.max_row + 1) if f"A{r}:H{r}" in merged]
    assert titles == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]
    # One page wide, pages as tall as they come: manual row breaks are kept that way.
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and int(sheet.page_setup.fitToHeight) == 0


def test_wrapped_text_with_computed_heights_and_chinese_widths(sheet):
    r = _row_of(sheet, "加强网站建设")
    assert sheet.cell(r, 7).alignment.wrap_text
    # Two units reported, so 落实情况 has two lines: the row must be at least two lines high.
    assert sheet.cell(r, 7).value.count("\n") == 1
    assert sheet.row_dimensions[r].height >= 2 * 14
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFGHI"}
    assert widths["A"] < widths["H"] < widths["C"]
    assert widths["H"] >= 5 * 2  # 阶段性完成: five Chinese characters, two width units each


def test_user_text_is_never_a_formula(sheet):
    """Stored as text, with Excel's quote prefix so re-editing the cell keeps it text."""
    for text in ("=1+1", "+x 清理政务新媒体", "-y 财政预算公开", "@z 公开决算"):
        cell = sheet.cell(_row_of(sheet, text), TEXT)
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert not sheet.cell(_row_of(sheet, "加强网站建设"), TEXT).quotePrefix


def test_numbers_are_numbers(sheet):
    numbers = [sheet.cell(r, 1).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert numbers == [1, 2, 3, 4, 5]
    assert all(sheet.cell(r, 1).data_type == "n" for r in range(HEADER_ROW + 1, sheet.max_row + 1))


def test_numbers_with_their_section_stay_text(ws, tmp_path):
    pid = ws.plans.create(year=2024, title="2024年政务公开工作要点").id
    one = ws.plans.add_section(pid, number="一", title="甲", level=1).id
    two = ws.plans.add_section(pid, number="二", title="乙", level=1).id
    for section in (one, two):
        ws.tasks.add(pid, section_id=section, number="1", text="任务")
    sheet = openpyxl.load_workbook(str(export_review(ws, pid, tmp_path / "n.xlsx", ReviewOptions()))).active
    assert [sheet.cell(r, 1).value for r in (3, 4)] == ["一.1", "二.1"]


def test_frozen_header_and_print_setup(sheet):
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.print_area == f"'落实情况表'!$A$1:$I${sheet.max_row}"
    ps = sheet.page_setup
    assert ps.orientation == "landscape"
    assert int(ps.paperSize) == 9  # A4
    assert int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    m = sheet.page_margins
    assert 0.4 <= m.left <= 1 and 0.4 <= m.right <= 1 and m.bottom > m.footer
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet.page_setup.firstPageNumber == 1 and sheet.page_setup.useFirstPageNumber


def cells_in(sheet, sqref):
    for rng in str(sqref).split():
        for row in sheet[rng]:
            for cell in (row if isinstance(row, tuple) else (row,)):
                yield cell


def test_status_drop_down_accepts_every_value_in_its_column(sheet):
    [dv] = sheet.data_validations.dataValidation
    assert dv.type == "list"
    assert dv.formula1 == '"未启动,推进中,阶段性完成,持续推进,已完成"'
    assert str(dv.sqref) == f"H{HEADER_ROW + 1}:H{sheet.max_row}"
    allowed = set(dv.formula1.strip('"').split(","))
    values = {c.value for c in cells_in(sheet, dv.sqref) if c.value is not None}
    assert values and values <= allowed
    # 逾期 stands in the 逾期/提示 column beside it.
    r = _row_of(sheet, "=1+1")
    assert (sheet.cell(r, STATUS).value, sheet.cell(r, ALERT).value) == ("推进中", "逾期")


def test_status_conditional_fills(sheet):
    rules = {}
    for cf in sheet.conditional_formatting:
        for rule in cf.rules:
            if rule.type == "cellIs":
                key = rule.formula[0].strip('"')
            else:
                key = "逾期" if "逾期" in rule.formula[0] else "提示"
            rules[key] = (rule.priority, rule.dxf.fill.bgColor.rgb[-6:], str(cf.sqref))
    last = sheet.max_row
    assert rules["已完成"][1:] == ("C6EFCE", f"H{HEADER_ROW + 1}:H{last}")  # green
    assert rules["阶段性完成"][1] == rules["推进中"][1] == "FFEB9C"  # yellow
    assert rules["逾期"][1] == "FFC7CE"  # red, on the status and the 逾期/提示 cells of an overdue row
    assert set(rules["逾期"][2].split()) == {f"H{HEADER_ROW + 1}:H{last}", f"I{HEADER_ROW + 1}:I{last}"}
    assert rules["逾期"][0] < min(p for p, fill, _ in rules.values() if fill != "FFC7CE")  # overdue wins
    # Any other word in 逾期/提示 (a yellow light's reason) turns that cell amber, after 逾期.
    assert rules["提示"][1:] == ("FFEB9C", f"I{HEADER_ROW + 1}:I{last}")
    assert rules["逾期"][0] < rules["提示"][0]


def test_per_unit_one_sheet_per_unit(ws, tmp_path):
    pid = make_review_plan(ws)
    path = export_review(ws, pid, tmp_path / "u.xlsx", ReviewOptions(per_unit=True, unfinished_only=True),
                         today=TODAY)
    wb = openpyxl.load_workbook(str(path))
    assert wb.sheetnames == ["区政府办", "区大数据中心", "区财政局"]
    office = wb["区政府办"]  # its 已完成 task 1 is left out, its ongoing task 4 stays
    assert [office.cell(r, TEXT).value for r in range(4, office.max_row + 1)
            if office.cell(r, TEXT).value] == ["-y 财政预算公开"]
    finance = wb["区财政局"]
    assert finance["A1"].value.endswith("（区财政局）")
    assert [finance.cell(r, TEXT).value for r in range(4, finance.max_row + 1)
            if finance.cell(r, TEXT).value] == ["=1+1", "-y 财政预算公开"]
    # Each unit's ledger is numbered from page 1, also when the whole workbook is printed.
    assert all(s.page_setup.firstPageNumber == 1 and s.page_setup.useFirstPageNumber for s in wb)
    assert {s.oddFooter.center.text for s in wb} == {"第 &P 页"}  # "共 &N 页" would count all units


def test_named_styles_registered_once_per_kind(sheet):
    names = set(sheet.parent.named_styles)
    assert {"rv_header", "rv_section", "rv_body", "rv_center", "rv_title"} <= names
    r = _row_of(sheet, "加强网站建设")
    assert sheet.cell(r, TEXT).style == "rv_body" and sheet.cell(r, STATUS).style == "rv_center"


def test_demo_drop_downs_accept_every_value_and_section_rows_never_end_a_page(ws, tmp_path):
    from gongkai_desk.core.demo import make_demo

    pid = make_demo(ws, tasks=50).id
    for opts in (ReviewOptions(), ReviewOptions(section_rows=True), ReviewOptions(per_unit=True)):
        path = export_review(ws, pid, tmp_path / "demo.xlsx", opts)
        for sheet in openpyxl.load_workbook(str(path)):
            for dv in sheet.data_validations.dataValidation:
                allowed = set(dv.formula1.strip('"').split(","))
                values = {c.value for c in cells_in(sheet, dv.sqref) if c.value is not None}
                assert values <= allowed, values - allowed
    path = export_review(ws, pid, tmp_path / "rows.xlsx", ReviewOptions(section_rows=True))
    sheet = openpyxl.load_workbook(str(path)).active
    merged = {r.min_row for r in sheet.merged_cells.ranges if r.min_row > 2}
    breaks = [b.id for b in sheet.row_breaks.brk]
    assert len(breaks) >= 3  # 50 tasks take several pages, each break placed by us
    assert not merged & set(breaks)  # a page never ends on a section row
    assert all(b + 1 in merged or sheet.cell(b + 1, 1).value is not None for b in breaks)
