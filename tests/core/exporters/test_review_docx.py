"""Word export of the review table: reopen with python-docx and check the GB/T 9704 layout."""

from __future__ import annotations

import pytest

docx = pytest.importorskip("docx")
from docx.enum.section import WD_ORIENT, WD_SECTION  # noqa: E402
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
from gongkai_desk.core.text_width import display_width  # noqa: E402
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


def test_landscape_table_pages_have_the_turned_type_area(exported):
    """GB/T 9704 §8: the portrait type area (156 × 225 mm) turned: 225 × 156 mm, the binding
    margin (28 mm) at the top, the sheet's foot (35 mm) on the left."""
    s = exported.sections[0]
    assert s.orientation == WD_ORIENT.LANDSCAPE
    assert _close(s.page_width, Cm(29.7)) and _close(s.page_height, Cm(21.0))
    assert _close(s.top_margin, Cm(2.8)) and _close(s.bottom_margin, Cm(2.6))
    assert _close(s.left_margin, Cm(3.5)) and _close(s.right_margin, Cm(3.7))
    assert gb.text_width_cm(s) == pytest.approx(22.5, abs=0.02)
    assert gb.text_height_cm(s) == pytest.approx(15.6, abs=0.02)
    # Table pages have no body text: no document grid to stretch the table's lines.
    assert s._sectPr.find(qn("w:docGrid")).get(qn("w:type")) is None


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


def test_section_rows_are_merged_in_heiti_and_kept_with_the_next_row(exported):
    table = exported.tables[0]
    merged = [tr for tr in table._tbl.tr_lst if len(tr.tc_lst) == 1]
    assert [tr.tc_lst[0].xpath("string(.)") for tr in merged] == ["一、公开平台", "（一）网站", "（二）新媒体", "二、重点领域"]
    for tr in merged:
        assert tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(W) == "7"
        assert _east_asia(tr.tc_lst[0]) == "黑体"
        # keepNext on every paragraph of a row keeps the row on the page of the next one.
        paragraphs = tr.findall(".//" + qn("w:p"))
        assert paragraphs and all(p.pPr.find(qn("w:keepNext")) is not None for p in paragraphs)
    task_rows = [tr for tr in table._tbl.tr_lst[1:] if len(tr.tc_lst) > 1]
    assert all(p.pPr.find(qn("w:keepNext")) is None for tr in task_rows for p in tr.findall(".//" + qn("w:p")))


def test_table_lines_have_one_exact_pitch(exported):
    """The same line pitch in Word, WPS, LibreOffice and the PDF: rows are as tall everywhere."""
    for tr in exported.tables[0]._tbl.tr_lst:
        for p in tr.findall(".//" + qn("w:p")):
            spacing = p.pPr.find(qn("w:spacing"))
            assert spacing.get(qn("w:lineRule")) == "exact" and spacing.get(qn("w:line")) == str(round(10.5 * 1.3 * 20))


def test_body_text_fangsong_small_enough_and_formula_text_kept(exported):
    table = exported.tables[0]
    task_rows = [r for r in table.rows[1:] if len(r._tr.tc_lst) == 7]
    cell = task_rows[1].cells[1]
    assert cell.text == "=1+1"
    run = cell.paragraphs[0].runs[0]
    assert _east_asia(run._r) == "仿宋_GB2312"
    assert run.font.size <= Pt(14)  # 四号 or smaller


def _grid_cm(document, t=0):
    return [int(c.get(qn("w:w"))) / 567 for c in document.tables[t]._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_column_widths_fill_the_type_area_and_follow_content(exported):
    grid = [int(c.get(qn("w:w"))) for c in exported.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    type_area_twips = 22.5 * 567
    assert abs(sum(grid) - type_area_twips) < 100
    number, text, progress, status = grid[0], grid[1], grid[5], grid[6]
    assert number < status < text and number < progress
    assert exported.tables[0]._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


MARGINS_CM = 2 * 0.12


def test_hand_filled_columns_keep_usable_minimum_widths(ws, tmp_path):
    """存在问题, 佐证材料 and an empty 落实情况 (filled in by hand at a meeting) never shrink to a
    few characters, however long the task texts."""
    pid = ws.plans.create(year=2024, title="2024年政务公开工作要点").id
    for i in range(8):
        ws.tasks.add(pid, number=str(i + 1), text="全面推进决策、执行、管理、服务、结果公开，" * 12)
    cols = ("number", "text", "progress", "status", "problems", "evidence")
    path = export_review(ws, pid, tmp_path / "空表.docx", ReviewOptions(columns=cols), today=TODAY)
    d = docx.Document(str(path))
    size_pt = d.tables[0].rows[1].cells[1].paragraphs[0].runs[0].font.size.pt
    char_cm = size_pt * 2.54 / 72
    widths = dict(zip(cols, _grid_cm(d)))
    assert (widths["progress"] - MARGINS_CM) / char_cm >= 14  # room to write in by hand
    assert (widths["problems"] - MARGINS_CM) / char_cm >= 10
    assert (widths["evidence"] - MARGINS_CM) / char_cm >= 10
    assert (widths["status"] - MARGINS_CM) / char_cm >= 5  # 阶段性完成 on one line
    assert size_pt >= 10.5  # a smaller type keeps the room, not a narrower column


def test_headers_never_break_inside_a_word(ws, tmp_path):
    pid = make_review_plan(ws)
    cols = ("number", "text", "lead_units", "responsible_units", "deadline", "progress", "status", "alert",
            "problems", "next_steps", "evidence", "note")
    path = export_review(ws, pid, tmp_path / "全列.docx", ReviewOptions(columns=cols), today=TODAY)
    d = docx.Document(str(path))
    size_cm = d.tables[0].rows[0].cells[0].paragraphs[0].runs[0].font.size.pt * 2.54 / 72
    words = {"序号", "具体", "任务", "牵头", "单位", "责任", "完成", "时限", "落实", "情况", "状态", "逾期/",
             "提示", "存在", "问题", "下步", "计划", "佐证", "材料", "备注", "具体任务", "牵头单位", "责任单位",
             "完成时限", "落实情况", "完成状态", "逾期/提示", "存在问题", "下步计划", "佐证材料"}
    for cell, width in zip(d.tables[0].rows[0].cells, _grid_cm(d)):
        for p in cell.paragraphs:  # each line a whole word, and the column wide enough for it
            assert p.text in words, p.text
            assert display_width(p.text) * size_cm <= width - MARGINS_CM + 0.01


def test_title_keeps_the_locality_of_the_plan(ws, tmp_path):
    pid = ws.plans.create(year=2018, title="钟楼区2018年政务公开工作要点实施方案").id
    ws.tasks.add(pid, number="1", text="及时发布各项重大政策")
    d = docx.Document(str(export_review(ws, pid, tmp_path / "钟楼.docx", ReviewOptions())))
    assert d.paragraphs[0].text == "钟楼区2018年政务公开工作要点落实情况表"


def test_overdue_status_cell_is_red_and_keeps_its_word(exported):
    row = [r for r in exported.tables[0].rows if r.cells[1].text == "=1+1"][0]
    status = row.cells[6]
    assert status.text == "推进中\n（逾期）"  # no 逾期/提示 column chosen: shown with the status
    assert status._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFC7CE"


def test_alert_column_holds_overdue_when_chosen(ws, tmp_path):
    pid = make_review_plan(ws)
    opts = ReviewOptions(columns=("number", "text", "status", "alert"))
    d = docx.Document(str(export_review(ws, pid, tmp_path / "a.docx", opts, today=TODAY)))
    row = [r for r in d.tables[0].rows if r.cells[1].text == "=1+1"][0]
    assert [row.cells[2].text, row.cells[3].text] == ["推进中", "逾期"]
    assert row.cells[3]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FFC7CE"


def _number_paragraph(footer):
    """The paragraph holding the PAGE field, inside the turned text box or in the footer itself."""
    for p in footer._element.iter(qn("w:p")):
        if [i.text.strip() for i in p.iter(qn("w:instrText"))] == ["PAGE"]:
            return p
    raise AssertionError("no page number")


WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
VML = "{urn:schemas-microsoft-com:vml}"


def _anchor_box_mm(footer):
    anchor = footer._element.find(".//" + qn("wp:anchor"))
    h = anchor.find(qn("wp:positionH"))
    v = anchor.find(qn("wp:positionV"))
    ext = anchor.find(qn("wp:extent"))
    assert h.get("relativeFrom") == v.get("relativeFrom") == "page"
    x = int(h.find(qn("wp:posOffset")).text) / 36000
    y = int(v.find(qn("wp:posOffset")).text) / 36000
    return x, y, int(ext.get("cx")) / 36000, int(ext.get("cy")) / 36000


def test_page_numbers_stand_on_the_bound_foot_turned(exported):
    """§8: the number stays where it is on the other pages, the sheet's foot as bound: the
    landscape page's left edge, turned 90°, its top 7 mm from the type area; odd pages at the
    lower end (居右空一字), even pages at the upper end (居左空一字)."""
    assert exported.settings.odd_and_even_pages_header_footer is True
    s = exported.sections[0]
    for footer, align, side in ((s.footer, "right", "w:right"), (s.even_page_footer, "left", "w:left")):
        x, y, w, h = _anchor_box_mm(footer)
        assert x + w == pytest.approx(35 - 7, abs=0.05)  # the number's top 7 mm left of the type area
        assert (y, h) == (pytest.approx(28, abs=0.05), pytest.approx(156, abs=0.05))  # along the type area
        body = footer._element.find(f".//{WPS}bodyPr")
        assert body.get("vert") == "vert"  # all text turned 90° clockwise
        p = _number_paragraph(footer)
        text = "".join(t.text for t in p.iter(qn("w:t")))
        assert text == "— 1 —"
        assert p.find(qn("w:pPr")).find(qn("w:jc")).get(W) == align
        assert p.find(qn("w:pPr")).find(qn("w:ind")).get(qn(side)) == "280"  # one 四号 character
        run = p.find(qn("w:r"))
        assert run.find(qn("w:rPr")).find(qn("w:sz")).get(W) == "28"
        assert run.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
        # Word 2007 and other readers without DrawingML shapes get the same box as VML.
        assert footer._element.find(f".//{MC}Fallback").find(f".//{VML}textbox") is not None


def test_simple_footer_option_puts_numbers_at_the_foot(ws, tmp_path):
    pid = make_review_plan(ws)
    path = export_review(ws, pid, tmp_path / "s.docx", ReviewOptions(simple_footer=True), today=TODAY)
    s = docx.Document(str(path)).sections[0]
    for footer, align in ((s.footer, "right"), (s.even_page_footer, "left")):
        assert footer._element.find(".//" + qn("wp:anchor")) is None
        p = _number_paragraph(footer)
        assert p.getparent() is footer._element
        assert p.pPr.find(qn("w:jc")).get(W) == align
    assert _close(s.footer_distance, Cm(1.4))


def test_per_unit_ledgers_each_start_at_page_one(ws, tmp_path):
    pid = make_review_plan(ws)
    path = export_review(ws, pid, tmp_path / "units.docx", ReviewOptions(per_unit=True), today=TODAY)
    d = docx.Document(str(path))
    assert len(d.tables) == 3 and len(d.sections) == 3
    titles = [p for p in d.paragraphs if p.text.startswith("2024年政务公开工作要点落实情况表（")]
    assert len(titles) == 3
    for i, s in enumerate(d.sections):
        assert s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert s.orientation == WD_ORIENT.LANDSCAPE and _close(s.left_margin, Cm(3.5))
        assert s.start_type == WD_SECTION.NEW_PAGE


def _doc_with(text: str, rows: int = 1) -> ReviewDocument:
    table = ReviewTableData("标题", None, DEFAULT_COLUMNS, tuple("序号 任务类别 具体任务 牵头单位 责任单位 完成时限 落实情况 完成状态".split()))
    row = ReviewRow({"number": "1", "text": text, "lead_units": "区政府办", "responsible_units": "",
                     "deadline": "", "progress": "", "status": "推进中", "alert": ""}, "推进中")
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


def test_body_pages_hold_22_lines_of_28_characters():
    """5.2: 22 lines of 28 characters fill the portrait type area."""
    d = gb.new_document()
    s = d.sections[0]
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert int(gb.text_height_cm(s) / (579 / 20 * 2.54 / 72)) == 22
    run = gb.add_body_paragraph(d, "正文" * 30).runs[0]
    spacing = int(run._r.rPr.find(qn("w:spacing")).get(W)) / 20  # points added to each character
    pitch = 16 + spacing
    line_pt = gb.text_width_cm(s) / 2.54 * 72
    assert int(line_pt // pitch) == 28
    assert 28 * pitch <= line_pt < 29 * pitch
    p = d.paragraphs[-1]
    assert p.paragraph_format.first_line_indent == Pt(2 * pitch)
    title = gb.add_title(d, "标题")
    assert title._p.pPr.find(qn("w:snapToGrid")).get(W) == "0"  # a 二号 title keeps its own pitch


def test_500_rows_build_fast(tmp_path):
    import time

    start = time.perf_counter()
    write_document(_doc_with("做好政务公开平台建设工作" * 4, rows=500), tmp_path / "big.docx")
    # The per-cell python-docx API takes minutes here; row XML takes well under a second.
    assert time.perf_counter() - start < 10
