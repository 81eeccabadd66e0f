"""The annual report's layout: title lines (GB/T 9704 7.3.1), the signature measured with real
character widths, the office and year on every Excel sheet, 草稿 on every page of a draft."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from gongkai_desk.core.errors import StatsRuleError
from gongkai_desk.core.exporters.annual import export_annual_report
from gongkai_desk.core.exporters.docx.annual_layout import (
    _shape_ok,
    office_words,
    signature_indents,
    title_lines,
    width_em,
)
from tests.core.reports.annual_helpers import LONG_OFFICE, OFFICE, make_publishable

TAIL = "2023年政府信息公开工作年度报告"
MAX_EM = 19.8  # 156 mm at 二号 (22 pt), less a little slack


def test_widths_are_the_printed_widths():
    assert width_em("2024年1月20日") == 6.5  # Times New Roman digits are half an em
    assert width_em(TAIL) == 15
    assert width_em("（一）") == 3


@pytest.mark.parametrize("office, words", [
    ("某某区人民政府办公室", ["某某区", "人民政府", "办公室"]),
    ("某某市市场监督管理局", ["某某市", "市场监督管理局"]),  # 市场 is one word, not 市|场
    (LONG_OFFICE, ["中共", "示例市", "示例区委", "网络安全和信息化委员会", "办公室"]),
])
def test_office_names_split_between_words(office, words):
    assert office_words(office) == words


@pytest.mark.parametrize("office, lines", [
    ("", [TAIL]),
    ("某某局", ["某某局" + TAIL]),  # fits on one line
    (OFFICE, [OFFICE, TAIL]),  # the office on its own line: a trapezoid
    (LONG_OFFICE, ["中共示例市示例区委", "网络安全和信息化委员会办公室", TAIL]),
])
def test_title_lines(office, lines):
    got = title_lines(office, TAIL, MAX_EM)
    assert got == lines
    assert "".join(got) == office + TAIL  # nothing added or lost
    assert all(width_em(x) <= MAX_EM for x in got)
    assert _shape_ok([width_em(x) for x in got])


def test_shapes():
    assert _shape_ok([9, 14, 15]) and _shape_ok([15, 10]) and _shape_ok([6, 15, 8])
    assert not _shape_ok([20, 3, 15])


def test_signature_centres_the_office_on_the_date():
    sig = signature_indents("示例县财政局", "2024年1月20日")
    assert sig.date_indent == 2.0
    # centres: right margin − indent − width / 2 is the same for both lines
    assert 2.0 + 6.5 / 2 == pytest.approx(sig.office_indent + 6 / 2)
    wide = signature_indents(LONG_OFFICE, "2024年1月20日")
    assert wide.office_indent == 0 and wide.date_indent == pytest.approx((23 - 6.5) / 2)


def test_docx_title_and_signature_as_laid_out(ws, tmp_path):
    make_publishable(ws, 2023, office=LONG_OFFICE)
    doc = Document(str(export_annual_report(ws, 2023, tmp_path / "r.docx")))
    title = doc.paragraphs[0]
    assert title.text.split("\n") == ["中共示例市示例区委", "网络安全和信息化委员会办公室", TAIL]
    office, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (office.text, date.text) == (LONG_OFFICE, "2024年1月20日")
    assert office.alignment == 2 and date.alignment == 2  # right
    assert office.paragraph_format.right_indent.pt == 0
    assert date.paragraph_format.right_indent.pt == pytest.approx((23 - 6.5) / 2 * 16, abs=0.05)
    for p in (title, office, date):  # no extra space between Chinese and digits: widths exact
        assert p._p.pPr.find(qn("w:autoSpaceDN")).get(qn("w:val")) == "0"


def test_docx_signature_of_a_short_office(ws, tmp_path):
    make_publishable(ws, 2023)
    doc = Document(str(export_annual_report(ws, 2023, tmp_path / "r.docx")))
    office, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert date.paragraph_format.right_indent.pt == 32  # two characters of 三号
    assert office.paragraph_format.right_indent.pt == pytest.approx((2 + (6.5 - 6) / 2) * 16)


def test_xlsx_carries_office_and_year_on_every_sheet(ws, tmp_path):
    make_publishable(ws, 2023)
    wb = load_workbook(str(export_annual_report(ws, 2023, tmp_path / "r.xlsx")))
    for sheet in wb.worksheets:
        assert sheet["A1"].value == f"{OFFICE}{TAIL}"
        assert sheet["A2"].value.startswith(("二、", "三、", "四、"))
        assert f"{OFFICE}{TAIL}" in sheet.oddHeader.center.text
        assert sheet.print_title_rows.startswith("$1:")  # the title prints on every page
        assert "草稿" not in (sheet.oddHeader.right.text or "")
    fee = wb["二、主动公开"]["B16"]
    assert fee.value == 1234.5678 and fee.number_format == "0.0000"  # as written


def test_refused_while_placeholders_remain_then_draft_marked_everywhere(ws, tmp_path):
    make_publishable(ws, 2023)
    ws.annual.set_text(2023, "六", "本年度【请补充】信息处理费收取情况。")
    with pytest.raises(StatsRuleError) as e:
        export_annual_report(ws, 2023, tmp_path / "r.docx")
    assert "“六、其他需要报告的事项”还有待补充的内容" in str(e.value) and "[TXT-PLACEHOLDER]" in str(e.value)
    assert list(tmp_path.iterdir()) == []
    docx = export_annual_report(ws, 2023, tmp_path / "r.docx", draft=True)
    xlsx = export_annual_report(ws, 2023, tmp_path / "r.xlsx", draft=True)
    assert (docx.name, xlsx.name) == ("r（草稿）.docx", "r（草稿）.xlsx")
    doc = Document(str(docx))
    sec = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    assert "草稿" in sec.header.paragraphs[0].text and "草稿" in sec.even_page_header.paragraphs[0].text
    assert "【请补充】" in "\n".join(p.text for p in doc.paragraphs)  # a draft shows what is left
    wb = load_workbook(str(xlsx))
    for sheet in wb.worksheets:
        assert sheet.oddHeader.right.text == "草稿" and sheet["A1"].value.endswith("（草稿）")


def test_nothing_in_the_export_that_the_window_does_not_show(ws, tmp_path):
    make_publishable(ws, 2023)
    ws.annual.set_text(2023, "一", "")
    with pytest.raises(StatsRuleError):
        export_annual_report(ws, 2023, tmp_path / "r.docx")
    doc = Document(str(export_annual_report(ws, 2023, tmp_path / "r.docx", draft=True)))
    text = "\n".join(p.text for p in doc.paragraphs)
    heading = text.index("一、总体情况")
    assert text[heading:].split("\n")[1] == "二、主动公开政府信息情况"  # no draft slipped in


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("office", [OFFICE, ""])
def test_report_with_and_without_office_converts(ws, tmp_path, office):
    make_publishable(ws, 2023, office=office or OFFICE)
    if not office:
        ws.annual.set_report(2023, meta={"issuer": None})
    path = export_annual_report(ws, 2023, tmp_path / "r.docx", draft=not office)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(path)],
                   check=True, capture_output=True, timeout=240)
    pdf = next((tmp_path / "pdf").glob("*.pdf"))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert ("草稿" in text) is (not office)
        first = re.sub(r"\s+", "", text.split("本报告根据")[0])
        assert first.endswith(f"{office}2023年政府信息公开工作年度报告")


def test_xlsx_title_of_a_long_office_breaks_between_words(ws, tmp_path):
    make_publishable(ws, 2023, office=LONG_OFFICE)
    wb = load_workbook(str(export_annual_report(ws, 2023, tmp_path / "r.xlsx")))
    sheet = wb["二、主动公开"]
    assert sheet["A1"].value == f"{LONG_OFFICE}\n{TAIL}"
    assert sheet["A1"].alignment.wrap_text and sheet.row_dimensions[1].height >= 48
