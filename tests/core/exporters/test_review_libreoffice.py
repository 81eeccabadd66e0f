"""The exports opened by a real office suite: LibreOffice converts them to PDF and the pages are
measured (page size, type area, page numbers, rows per page against our own PDF, footers).

Runs for the demo plan, seed 000, seed 003, per-unit ledgers and 2,000 tasks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.exporters.review import export_review
from gongkai_desk.core.reports.review_model import ReviewOptions
from tests.conftest import DATA

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice (soffice) and poppler-utils are not installed"),
]
MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("lo-profile")


def convert(src: Path, profile: Path) -> Path:
    out = src.parent / f"lo-{src.suffix[1:]}"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(src)], capture_output=True, timeout=600, check=False)
    pdf = out / f"{src.stem}.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000, f"LibreOffice did not convert {src.name}"
    return pdf


def pages(pdf: Path) -> list[dict]:
    """Per page: its size and words (text, x0, y0, x1, y1 in points from the top left)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, timeout=300).stdout
    result = []
    for chunk in out.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        words = [(m.group(5), *(float(m.group(i)) for i in range(1, 5))) for m in WORD.finditer(chunk)]
        result.append({"size": (float(size.group(1)), float(size.group(2))), "words": words})
    return result


def page_number_words(page):
    return [w for w in page["words"] if w[3] < 35 * MM - 1]


def rows_per_page(pdf_pages):
    """The 序号 printed on each page (the number column: just right of the type area's left edge)."""
    return [[int(w[0]) for w in p["words"] if w[0].isdigit() and 35 * MM < w[1] and w[3] < 46.5 * MM]
            for p in pdf_pages]


def check_word_pages(pdf_pages, first_number: int = 1, restart_at=None):
    """A4 landscape, everything inside the turned type area, the page number on the left edge:
    odd numbers at its lower end, even at its upper end."""
    number = first_number
    for i, page in enumerate(pdf_pages):
        assert page["size"] == (pytest.approx(841.9, abs=1), pytest.approx(595.3, abs=1))
        body = [w for w in page["words"] if w[3] >= 35 * MM - 1]
        assert all(35 * MM - 2 <= w[1] and w[3] <= 260 * MM + 2 for w in body), i
        assert all(28 * MM - 2 <= w[2] and w[4] <= 184 * MM + 2 for w in body), i
        numbers = page_number_words(page)
        if restart_at is not None and i in restart_at:
            number = 1
        assert "".join(w[0] for w in numbers).replace("—", "") == str(number), (i, numbers)
        assert max(w[3] for w in numbers) == pytest.approx(28 * MM, abs=2 * MM)
        if number % 2:
            assert max(w[4] for w in numbers) == pytest.approx(184 * MM - 14, abs=3)
        else:
            assert min(w[2] for w in numbers) == pytest.approx(28 * MM + 14, abs=3)
        number += 1


def _import_seed(ws, prefix: str) -> int:
    from gongkai_desk.core.imports.parse import parse_file
    from gongkai_desk.core.imports.store import store_plan

    path = next((DATA / "seeds").glob(f"{prefix}_*.txt"))
    return store_plan(ws, parse_file(path)).id


@pytest.fixture
def plans(ws):
    return {"demo": make_demo(ws, tasks=50).id, "seed000": _import_seed(ws, "000"), "seed003": _import_seed(ws, "003")}


@pytest.mark.parametrize("which", ["demo", "seed000", "seed003"])
def test_word_pages_measured_and_equal_to_the_pdf(qtbot, ws, plans, tmp_path, profile, which):
    from gongkai_desk.ui.printing.print_review import write_pdf

    pid = plans[which]
    word = export_review(ws, pid, tmp_path / f"{which}.docx", ReviewOptions(maker="示例区人民政府办公室"))
    ours = export_review(ws, pid, tmp_path / f"{which}.pdf", ReviewOptions(maker="示例区人民政府办公室"),
                         pdf_writer=write_pdf)
    lo = pages(convert(word, profile))
    check_word_pages(lo)
    check_word_pages(pages(ours))
    word_rows, our_rows = rows_per_page(lo), rows_per_page(pages(ours))
    assert sorted({n for p in word_rows for n in p}) == sorted({n for p in our_rows for n in p})
    # The same pages: each row on the same page in the Word file and the PDF (line breaking may
    # differ a little between LibreOffice and Qt on long texts: at most one row moves).
    assert abs(len(lo) - len(our_rows)) <= 1
    same = sum(a == b for a, b in zip(word_rows, our_rows))
    assert same >= len(lo) - 2


def test_per_unit_word_file_restarts_numbers_for_each_ledger(qtbot, ws, plans, tmp_path, profile):
    from gongkai_desk.core.reports.review import build_review

    units = len(build_review(ws, plans["demo"], ReviewOptions(per_unit=True)).tables)
    word = export_review(ws, plans["demo"], tmp_path / "units.docx", ReviewOptions(per_unit=True))
    lo = pages(convert(word, profile))
    starts = [i for i, p in enumerate(lo) if any("落实情况表（" in w[0] for w in p["words"])]
    assert len(starts) == units > 10  # each ledger titled "…落实情况表（单位）" on its first page
    check_word_pages(lo, restart_at=set(starts))


def test_2000_tasks_word_and_excel(qtbot, tmp_path, profile):
    from gongkai_desk.core.workspace import Workspace

    ws = Workspace.open(":memory:")
    pid = make_demo(ws, tasks=2000).id
    word = export_review(ws, pid, tmp_path / "big.docx", ReviewOptions())
    lo = pages(convert(word, profile))
    assert len(lo) > 200
    check_word_pages(lo)
    assert sorted({n for p in rows_per_page(lo) for n in p} & set(range(1, 2001))) == list(range(1, 2001))
    excel = export_review(ws, pid, tmp_path / "big.xlsx", ReviewOptions())
    assert len(pages(convert(excel, profile))) > 50
    ws.close()


def test_excel_per_unit_sheets_each_start_at_page_one(ws, plans, tmp_path, profile):
    from gongkai_desk.core.reports.review import build_review

    units = len(build_review(ws, plans["demo"], ReviewOptions(per_unit=True)).tables)
    excel = export_review(ws, plans["demo"], tmp_path / "units.xlsx", ReviewOptions(per_unit=True))
    lo = pages(convert(excel, profile))
    footers = ["".join(w[0] for w in p["words"] if w[2] > 190 * MM) for p in lo]
    assert footers.count("第1页") == units > 10 and all(re.fullmatch(r"第\d+页", f) for f in footers)


def test_excel_section_rows_follow_our_page_breaks(ws, plans, tmp_path, profile):
    import openpyxl

    excel = export_review(ws, plans["demo"], tmp_path / "rows.xlsx", ReviewOptions(section_rows=True))
    breaks = openpyxl.load_workbook(str(excel)).active.row_breaks.brk
    lo = pages(convert(excel, profile))
    assert len(lo) == len(breaks) + 1  # no page break but ours: none after a section row
    section = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
    for page in lo[1:]:
        body = sorted((w for w in page["words"] if w[2] < 190 * MM), key=lambda w: (round(w[2]), w[1]))
        last_line_y = max(w[2] for w in body)
        last_line = [w[0] for w in body if abs(w[2] - last_line_y) < 2]
        assert not section.match(last_line[0]), last_line


def test_statistics_notes_sheet_prints_whole(tmp_path, profile):
    from gongkai_desk.core.exchange.stats_workbook import write_template

    lo = pages(convert(write_template(2023, tmp_path / "t.xlsx"), profile))
    notes = lo[0]
    text = "".join(w[0] for w in notes["words"])
    assert "结转下年度继续办理" in text  # nothing cut at the right edge
    for field in ("填报单位", "填报人", "联系电话", "审核人"):
        assert field in text
    width = notes["size"][0]
    assert notes["size"][0] < notes["size"][1]  # portrait
    assert max(w[3] for w in notes["words"]) <= width - 0.5 * 72


def test_annual_report_body_lines_hold_28_characters(tmp_path, profile, ws):
    from gongkai_desk.core.annual.samples import kiro_example
    from gongkai_desk.core.exporters.annual import export_annual_report

    ws.annual.set_stats_cells(2023, kiro_example(2023).cells(), label="测试")
    ws.annual.set_meta(2023, issuer="某某区人民政府办公室", report_date="2024-01-20")
    body = "政务公开工作扎实推进主动公开政府信息依法办理依申请公开"
    for no in "一五六":
        ws.annual.set_text(2023, no, body * 5)
    lo = convert(export_annual_report(ws, 2023, tmp_path / "r.docx"), profile)
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(lo), "-"], capture_output=True,
                          text=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip() and set(line.strip()) <= set(body)]
    assert len(lines) >= 4
    # The first line of a paragraph is indented two characters; the others hold 28; the last the rest.
    assert len(lines[0]) == 26 and all(len(line) == 28 for line in lines[1:-1]), lines
    assert os.path.getsize(lo) > 1000
