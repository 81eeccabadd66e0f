"""Annual report export: reopen the .docx/.xlsx and check labels, merges, zeros and layout."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.exporters.annual import export_annual_report
from gongkai_desk.core.annual.samples import kiro_example
from gongkai_desk.core.errors import StatsRuleError
from tests.core.reports.annual_helpers import make_publishable

ISSUER = "某某区人民政府办公室"


@pytest.fixture
def filled(ws):
    make_publishable(ws, 2023, office=ISSUER)
    ws.annual.set_stats_cells(2023, kiro_example(2023).cells(), label="测试")
    ws.annual.set_text(2023, "五", "（一）存在的主要问题\n专栏更新不够及时，政策解读形式单一。")
    return ws


def docx_grid(table) -> dict[tuple[int, int], tuple[tuple[int, int], str]]:
    """Map each grid position to (origin position, text), resolving gridSpan and vMerge."""
    out: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}
    for r, tr in enumerate(table._tbl.findall(qn("w:tr"))):
        c = 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span_el = pr.find(qn("w:gridSpan"))
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            vm = pr.find(qn("w:vMerge"))
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            cont = vm is not None and vm.get(qn("w:val")) in (None, "continue")
            for k in range(span):
                out[(r, c + k)] = out[(r - 1, c + k)] if cont else ((r, c), text)
            c += span
    return out


def region(grid, origin) -> tuple[int, int, int, int]:
    """Return (first row, first col, last row, last col) of the merged cell at ``origin``."""
    cells = [p for p, (o, _) in grid.items() if o == origin]
    return (min(r for r, _ in cells), min(c for _, c in cells),
            max(r for r, _ in cells), max(c for _, c in cells))


def text_at(grid, pos) -> str:
    return grid[pos][1]


def test_docx_has_title_headings_and_signature(filled, tmp_path):
    path = export_annual_report(filled, 2023, tmp_path / "r.docx")
    doc = Document(str(path))
    paras = [p.text for p in doc.paragraphs if p.text.strip()]
    # too long for one line: the office on its own line, the rest below (a trapezoid)
    assert paras[0] == f"{ISSUER}\n2023年政府信息公开工作年度报告"
    for s in fmt.SECTIONS:
        assert s.label in paras
    assert "专栏更新不够及时，政策解读形式单一。" in paras  # stored text is used
    assert paras[1].startswith("本报告根据《中华人民共和国政府信息公开条例》")  # the opening
    assert any(p.startswith("全年新收政府信息公开申请54件") for p in paras)  # as stored
    assert paras[-2:] == [ISSUER, "2024年1月20日"]
    title = doc.paragraphs[0].runs[0]
    assert title.font.size.pt == 22
    assert title._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    heading = next(p for p in doc.paragraphs if p.text == "一、总体情况").runs[0]
    assert heading._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    sub = next(p for p in doc.paragraphs if p.text == "（一）主动公开").runs[0]
    assert sub._r.rPr.rFonts.get(qn("w:eastAsia")).startswith("楷体")
    body = next(p for p in doc.paragraphs if p.text.startswith("全年新收")).runs[0]
    assert body._r.rPr.rFonts.get(qn("w:eastAsia")).startswith("仿宋") and body.font.size.pt == 16


def test_docx_page_layout_is_gbt9704(filled, tmp_path):
    doc = Document(str(export_annual_report(filled, 2023, tmp_path / "r.docx")))
    for sec in doc.sections:
        assert round(sec.page_width.cm, 1) == 21.0 and round(sec.page_height.cm, 1) == 29.7
        assert round(sec.top_margin.cm, 1) == 3.7 and round(sec.bottom_margin.cm, 1) == 3.5
        assert round(sec.left_margin.cm, 1) == 2.8 and round(sec.right_margin.cm, 1) == 2.6
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = doc.sections[0].footer, doc.sections[0].even_page_footer
    assert "PAGE" in odd._element.xml and "PAGE" in even._element.xml
    assert odd.paragraphs[0].text.startswith("— ") and odd.paragraphs[0].text.endswith(" —")
    assert odd.paragraphs[0].alignment == 2 and even.paragraphs[0].alignment == 0  # right / left


def test_docx_table2_labels_and_merges(filled, tmp_path):
    doc = Document(str(export_annual_report(filled, 2023, tmp_path / "r.docx")))
    assert len(doc.tables) == 3
    g = docx_grid(doc.tables[0])
    r = 0
    for block in fmt.T2_BLOCKS:
        assert text_at(g, (r, 0)) == block.caption and region(g, (r, 0)) == (r, 0, r, 3)
        assert text_at(g, (r + 1, 0)) == "信息内容"
        if len(block.columns) == 1:
            assert text_at(g, (r + 1, 1)) == block.columns[0].label
            assert region(g, (r + 1, 1)) == (r + 1, 1, r + 1, 3)
        else:
            assert [text_at(g, (r + 1, c)) for c in (1, 2, 3)] == [c.label for c in block.columns]
        for i, row in enumerate(block.rows):
            assert text_at(g, (r + 2 + i, 0)) == row.label
        r += 2 + len(block.rows)
    assert text_at(g, (2, 1)) == "0"  # 规章 本年制发件数: an explicit 0
    assert text_at(g, (13, 1)) == "1.50"


def test_docx_table3_labels_and_merges(filled, tmp_path):
    doc = Document(str(export_annual_report(filled, 2023, tmp_path / "r.docx")))
    g = docx_grid(doc.tables[1])
    assert text_at(g, (0, 0)) == fmt.T3_CORNER_NOTE and region(g, (0, 0)) == (0, 0, 2, 2)
    assert text_at(g, (0, 3)) == "申请人情况" and region(g, (0, 3)) == (0, 3, 0, 9)
    assert text_at(g, (1, 3)) == "自然人" and region(g, (1, 3)) == (1, 3, 2, 3)
    assert text_at(g, (1, 4)) == "法人或其他组织" and region(g, (1, 4)) == (1, 4, 1, 8)
    assert text_at(g, (1, 9)) == "总计" and region(g, (1, 9)) == (1, 9, 2, 9)
    assert [text_at(g, (2, c)) for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织",
                                                          "法律服务机构", "其他"]
    assert text_at(g, (5, 0)) == "三、本年度办理结果" and region(g, (5, 0)) == (5, 0, 26, 0)
    for i, row in enumerate(fmt.T3_ROWS):
        r = 3 + i
        if row.group1 is None:
            assert text_at(g, (r, 0)) == row.label and region(g, (r, 0)) == (r, 0, r, 2)
        elif row.group2 is None:
            assert text_at(g, (r, 1)) == row.label and region(g, (r, 1)) == (r, 1, r, 2)
        else:
            assert text_at(g, (r, 2)) == row.label
            assert text_at(g, g[(r, 1)][0]) == row.group2
        # explicit zeros in the columns the example leaves empty
        assert [text_at(g, (r, c)) for c in range(4, 9)] == ["0"] * 5
    assert text_at(g, (26, 9)) == "13810" and text_at(g, (27, 0)) == "四、结转下年度继续办理"


def test_docx_table3_group_regions_exact(filled, tmp_path):
    doc = Document(str(export_annual_report(filled, 2023, tmp_path / "r.docx")))
    g = docx_grid(doc.tables[1])
    assert region(g, (7, 1)) == (7, 1, 14, 1) and text_at(g, (7, 1)) == "（三）不予公开"
    assert region(g, (15, 1)) == (15, 1, 17, 1) and text_at(g, (15, 1)) == "（四）无法提供"
    assert region(g, (18, 1)) == (18, 1, 22, 1) and text_at(g, (18, 1)) == "（五）不予处理"
    assert region(g, (23, 1)) == (23, 1, 25, 1) and text_at(g, (23, 1)) == "（六）其他处理"


def test_docx_table4_labels_and_merges(filled, tmp_path):
    doc = Document(str(export_annual_report(filled, 2023, tmp_path / "r.docx")))
    g = docx_grid(doc.tables[2])
    assert text_at(g, (0, 0)) == "行政复议" and region(g, (0, 0)) == (0, 0, 0, 4)
    assert text_at(g, (0, 5)) == "行政诉讼" and region(g, (0, 5)) == (0, 5, 0, 14)
    labels = [c.label for c in fmt.T4_COLUMNS]
    for c in range(5):
        assert text_at(g, (1, c)) == labels[c] and region(g, (1, c)) == (1, c, 2, c)
    assert text_at(g, (1, 5)) == "未经复议直接起诉" and region(g, (1, 5)) == (1, 5, 1, 9)
    assert text_at(g, (1, 10)) == "复议后起诉" and region(g, (1, 10)) == (1, 10, 1, 14)
    assert [text_at(g, (2, c)) for c in range(5, 15)] == labels * 2
    assert [text_at(g, (3, c)) for c in range(15)] == [
        "376", "97", "196", "121", "790", "16", "1", "12", "27", "56", "74", "1", "30", "51", "156"]


def test_docx_tables_use_smaller_type(filled, tmp_path):
    doc = Document(str(export_annual_report(filled, 2023, tmp_path / "r.docx")))
    for table, size in zip(doc.tables, (10.5, 9, 9)):
        sizes = {r.font.size.pt for row in table.rows for c in row.cells for p in c.paragraphs
                 for r in p.runs}
        assert sizes == {size}


def test_xlsx_has_three_sheets_laid_out_as_the_form(filled, tmp_path):
    wb = load_workbook(str(export_annual_report(filled, 2023, tmp_path / "r.xlsx")))
    assert wb.sheetnames == ["二、主动公开", "三、依申请公开", "四、复议诉讼"]
    s2, s3, s4 = (wb[n] for n in wb.sheetnames)
    merged3 = {str(r) for r in s3.merged_cells.ranges}
    assert s3["A3"].value == fmt.T3_CORNER_NOTE and "A3:C5" in merged3
    assert s3["D3"].value == "申请人情况" and "D3:J3" in merged3
    assert s3["D4"].value == "自然人" and "D4:D5" in merged3
    assert s3["E4"].value == "法人或其他组织" and "E4:I4" in merged3
    assert [s3.cell(5, c).value for c in range(5, 10)] == [c.label for c in fmt.T3_COLUMNS[1:6]]
    assert s3["A8"].value == "三、本年度办理结果" and "A8:A29" in merged3
    assert s3["B10"].value == "（三）不予公开" and "B10:B17" in merged3
    for i, row in enumerate(fmt.T3_ROWS):
        r = 6 + i
        col = 1 if row.group1 is None else 2 if row.group2 is None else 3
        assert s3.cell(r, col).value == row.label
        assert [s3.cell(r, c).value for c in range(5, 10)] == [0] * 5  # numbers, explicit zeros
    assert s3["J29"].value == 13810
    merged4 = {str(r) for r in s4.merged_cells.ranges}
    assert s4["A3"].value == "行政复议" and "A3:E3" in merged4
    assert s4["F3"].value == "行政诉讼" and "F3:O3" in merged4
    assert s4["F4"].value == "未经复议直接起诉" and "F4:J4" in merged4
    assert s4["K4"].value == "复议后起诉" and "K4:O4" in merged4
    assert "A4:A5" in merged4 and s4["E4"].value == "总计"
    assert [s4.cell(6, c).value for c in range(1, 6)] == [376, 97, 196, 121, 790]
    assert s2["A3"].value == "第二十条第（一）项" and "A3:D3" in {str(r) for r in s2.merged_cells.ranges}
    assert s2["B5"].value == 0 and s2["B16"].value == 1.5 and s2["B16"].number_format == "0.00"
    for ws_ in (s2, s3, s4):
        assert ws_.page_setup.fitToWidth == 1 and ws_.print_area
    assert s4.page_setup.orientation == "landscape"


def test_export_refused_with_rule_ids_and_no_file(ws, tmp_path):
    stats = kiro_example(2023)
    stats.set("table4.review.total", 1)
    stats.set("table3.granted.natural", None)
    ws.annual.set_stats_cells(2023, stats.cells(), label="测试")
    out = tmp_path / "r.docx"
    with pytest.raises(StatsRuleError) as e:
        export_annual_report(ws, 2023, out)
    ids = {f.rule_id for f in e.value.failures}
    assert ids == {"T4-SUM", "BLANK-CELL", "REPORT-ISSUER", "REPORT-DATE", "TXT-EMPTY"}
    msg = str(e.value)
    assert "[T4-SUM]" in msg and "表四“行政复议”：总计为1" in msg
    assert "表三有1个单元格未填写：“（一）予以公开”行“自然人”列" in msg
    assert "table4.review.total" not in msg and "table3.granted.natural" not in msg
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_export_refuses_unknown_format(filled, tmp_path):
    from gongkai_desk.core.errors import ValidationError

    with pytest.raises(ValidationError):
        export_annual_report(filled, 2023, tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_docx_converts_with_libreoffice(filled, tmp_path):
    path = export_annual_report(filled, 2023, tmp_path / "r.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "r.pdf"
    assert pdf.exists()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "二、主动公开政府信息情况" in text and "申请人情况" in text and "复议后起诉" in text
