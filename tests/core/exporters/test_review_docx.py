"""Word export of the review table: reopen with python-docx and check the GB/T 9704 layout."""

from __future__ import annotations

import pytest

docx = pytest.importorskip("docx")
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

from gongkai_desk.core.errors import ValidationError  # noqa: E402
from gongkai_desk.core.exporters.docx import gbt9704 as gb  # noqa: E402
from gongkai_desk.core.exporters.review import export_review, write_document  # noqa: E402
from gongkai_desk.core.reports.review_model import (
    DEFAULT_COLUMNS,
    ReviewDocument,
    ReviewOptions,
    ReviewRow,
    ReviewSection,
    ReviewTableData,
)
from tests.core.reports.test_review_build import TODAY, make_review_plan  # noqa: E402

W = qn("w:val")


@pytest.fixture
def exported(ws, tmp_path):
    pid = make_review_plan(ws)
    opts = ReviewOptions(maker="区政府办公室", date="2024年9月1日")
    path = export_review(ws, pid, tmp_path / "回头看.docx", opts, today=TODAY)
    return docx.Document(str(path))


def _close(a, b, tol=Cm(0.02)):
    return abs(int(a) - int(b)) <= tol


def _east_asia(run_or_style_element):
    return run_or_style_element.find(".//" + qn("w:rFonts")).get(qn("w:eastAsia"))


def test_landscape_a4_with_standard_margins(exported):
    s = exported.sections[0]
    assert s.orientation == WD_ORIENT.LANDSCAPE
    assert _close(s.page_width, Cm(29.7)) and _close(s.page_height, Cm(21.0))
    assert _close(s.top_margin, Cm(3.7)) and _close(s.bottom_margin, Cm(3.5))
    assert _close(s.left_margin, Cm(2.8)) and _close(s.right_margin, Cm(2.6))


def test_normal_style_is_fangsong_sanhao(exported):
    normal = exported.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert _east_asia(normal.element) == "仿宋_GB2312"


def test_title_and_subtitle(exported):
    title, subtitle = exported.paragraphs[0], exported.paragraphs[1]
    assert title.text == "2024年政务公开工作要点落实情况表"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size == Pt(22)
    assert _east_asia(title.runs[0]._r) == "方正小标宋简体"
    assert subtitle.text.startswith("制表单位：区政府办公室") and "日期：2024年9月1日" in subtitle.text


def test_header_row_repeats_and_rows_do_not_split(exported):
    table = exported.tables[0]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells] == ["序号", "具体任务", "牵头单位", "责任单位", "完成时限", "落实情况", "完成状态"]
    assert _east_asia(header.cells[0]._tc) == "黑体"
    for row in table.rows[1:]:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert row._tr.trPr.find(qn("w:tblHeader")) is None


def test_section_rows_are_merged_across_the_table_in_heiti(exported):
    table = exported.tables[0]
    merged = [tr for tr in table._tbl.tr_lst if len(tr.tc_lst) == 1]
    assert [tr.tc_lst[0].xpath("string(.)") for tr in merged] == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]
    for tr in merged:
        assert tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(W) == "7"
        assert _east_asia(tr.tc_lst[0]) == "黑体"


def test_body_text_fangsong_small_enough_and_formula_text_kept(exported):
    table = exported.tables[0]
    task_rows = [r for r in table.rows[1:] if len(r._tr.tc_lst) == 7]
    cell = task_rows[1].cells[1]
    assert cell.text == "=1+1"
    run = cell.paragraphs[0].runs[0]
    assert _east_asia(run._r) == "仿宋_GB2312"
    assert run.font.size <= Pt(14)  # 四号 or smaller


def test_column_widths_fill_the_type_area_and_follow_content(exported):
    grid = [int(c.get(qn("w:w"))) for c in exported.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    type_area_twips = (29.7 - 2.8 - 2.6) * 567
    assert abs(sum(grid) - type_area_twips) < 100
    number, text, progress, status = grid[0], grid[1], grid[5], grid[6]
    assert number < status < text and number < progress
    assert exported.tables[0]._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_overdue_status_cell_is_red_and_keeps_its_word(exported):
    row = [r for r in exported.tables[0].rows if r.cells[1].text == "=1+1"][0]
    status = row.cells[6]
    assert status.text == "推进中\n（逾期）"
    assert status._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFC7CE"


def test_page_numbers_odd_right_even_left(exported):
    assert exported.settings.odd_and_even_pages_header_footer is True
    s = exported.sections[0]
    for footer, align, side in ((s.footer, "right", "w:right"), (s.even_page_footer, "left", "w:left")):
        p = footer.paragraphs[0]
        assert p.text.startswith("— ") and p.text.endswith(" —")
        instr = p._p.findall(".//" + qn("w:instrText"))
        assert [i.text.strip() for i in instr] == ["PAGE"]
        assert p._p.pPr.find(qn("w:jc")).get(W) == align
        assert p._p.pPr.find(qn("w:ind")).get(qn(side)) == "280"  # one 四号 character
        run = p.runs[0]
        assert run.font.size == Pt(14) and _east_asia(run._r) == "宋体"


def test_per_unit_tables_start_on_new_pages(ws, tmp_path):
    pid = make_review_plan(ws)
    path = export_review(ws, pid, tmp_path / "units.docx", ReviewOptions(per_unit=True), today=TODAY)
    d = docx.Document(str(path))
    assert len(d.tables) == 3
    titles = [p for p in d.paragraphs if p.text.startswith("2024年政务公开工作要点落实情况表（")]
    assert [p.paragraph_format.page_break_before for p in titles] == [False, True, True]


def _doc_with(text: str, rows: int = 1) -> ReviewDocument:
    table = ReviewTableData("标题", None, DEFAULT_COLUMNS, tuple("序号 工作任务 具体任务 牵头单位 责任单位 完成时限 落实情况 完成状态".split()))
    row = ReviewRow({"number": "1", "text": text, "lead_units": "区政府办", "responsible_units": "",
                     "deadline": "", "progress": "", "status": "推进中"}, "推进中")
    table.sections = [ReviewSection("一、总体", [row] * rows)]
    return ReviewDocument([table], 2024)


def test_row_taller_than_a_page_may_split(tmp_path):
    path = write_document(_doc_with("很长的任务内容。" * 600), tmp_path / "tall.docx")
    row = docx.Document(str(path)).tables[0].rows[2]
    assert row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None


def test_control_characters_do_not_break_the_file(tmp_path):
    path = write_document(_doc_with("任务\x01\x0b内容 <&>"), tmp_path / "ctl.docx")
    assert docx.Document(str(path)).tables[0].rows[2].cells[1].text == "任务内容 <&>"


def test_bad_suffix_is_refused_and_leaves_no_file(ws, tmp_path):
    pid = make_review_plan(ws)
    with pytest.raises(ValidationError) as e:
        export_review(ws, pid, tmp_path / "x.txt", ReviewOptions())
    assert ".docx" in str(e.value) and "格式" in str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_half_file(tmp_path):
    def broken(doc, path):
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_document(_doc_with("x"), tmp_path / "a.docx", broken)
    assert list(tmp_path.iterdir()) == []


def test_gbt9704_helpers_set_all_font_slots_and_headings():
    d = gb.new_document()
    run = d.add_paragraph().add_run("正文")
    gb.set_run_font(run, east_asia="楷体_GB2312", ascii="Arial", size_pt=15, bold=True)
    rfonts = run._r.rPr.rFonts
    assert (rfonts.get(qn("w:eastAsia")), rfonts.get(qn("w:ascii")), rfonts.get(qn("w:hAnsi"))) == (
        "楷体_GB2312", "Arial", "Arial")
    assert run.font.size == Pt(15) and run.font.bold
    h1, h2 = gb.add_heading(d, "一、总体要求", 1), gb.add_heading(d, "（一）工作目标", 2)
    assert _east_asia(h1.runs[0]._r) == "黑体" and _east_asia(h2.runs[0]._r) == "楷体_GB2312"
    portrait = d.sections[0]
    assert portrait.orientation == WD_ORIENT.PORTRAIT and _close(portrait.page_width, Cm(21))
    assert gb.text_width_cm(portrait) == pytest.approx(15.6, abs=0.02)
    assert gb.text_height_cm(portrait) == pytest.approx(22.5, abs=0.02)


def test_500_rows_build_fast(tmp_path):
    import time

    start = time.perf_counter()
    write_document(_doc_with("做好政务公开平台建设工作" * 4, rows=500), tmp_path / "big.docx")
    # The per-cell python-docx API takes minutes here; row XML takes well under a second.
    assert time.perf_counter() - start < 10
