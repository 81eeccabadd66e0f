"""Review table PDF and print preview (offscreen Qt): the Word export's page geometry, rows kept
whole, section rows kept with the next row, subset fonts, document properties."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import datetime as dt  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402

pypdf = pytest.importorskip("pypdf")

from gongkai_desk.core.demo import make_demo  # noqa: E402
from gongkai_desk.core.reports.review import build_review  # noqa: E402
from gongkai_desk.core.reports.review_model import ReviewOptions  # noqa: E402
from gongkai_desk.ui.printing import print_review  # noqa: E402
from gongkai_desk.ui.printing.review_pages import ReviewPages  # noqa: E402
from tests.core.reports.test_review_build import TODAY, make_review_plan  # noqa: E402

MM = 72 / 25.4
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _small_doc(**opts):
    from gongkai_desk.core.workspace import Workspace

    w = Workspace.open(":memory:")
    try:
        w.settings.set_office(name="示例区人民政府办公室")
        return build_review(w, make_review_plan(w), ReviewOptions(**opts), today=TODAY)
    finally:
        w.close()


@pytest.fixture
def demo_doc(ws):
    return build_review(ws, make_demo(ws, tasks=50).id, ReviewOptions())


def words(pdf, first=1, last=None):
    """Every word pdftotext finds: (page, text, x0, y0, x1, y1) in points from the top left."""
    args = ["pdftotext", "-bbox", "-f", str(first)] + (["-l", str(last)] if last else []) + [str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=120).stdout
    found = []
    for n, page in enumerate(out.split("<page ")[1:], start=first):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                             page):
            found.append((n, m.group(5), *(float(m.group(i)) for i in range(1, 5))))
    return found


def test_pdf_pages_are_a4_landscape_and_every_page_is_written(qtbot, demo_doc, tmp_path):
    path = print_review.write_pdf(demo_doc, tmp_path / "review.pdf")
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == len(ReviewPages(demo_doc).pages) >= 2
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (pytest.approx(841.9, abs=1),
                                                                             pytest.approx(595.3, abs=1))


@needs_poppler
def test_pdf_has_the_word_files_type_area_and_turned_page_numbers(qtbot, demo_doc, tmp_path):
    """Type area 225 × 156 mm from 35 mm left and 28 mm top (as the Word file); the page
    number on the left edge, its top 7 mm from the type area: lower end on odd pages, upper
    end on even pages."""
    path = print_review.write_pdf(demo_doc, tmp_path / "review.pdf")
    found = words(path)
    numbers = {}
    for page, text, x0, y0, x1, y1 in found:
        if x1 < 35 * MM - 1:  # left of the type area: only the page number lives there
            numbers.setdefault(page, []).append((text, x0, y0, x1, y1))
            continue
        assert 35 * MM - 1 <= x0 and x1 <= 260 * MM + 1, text
        assert 28 * MM - 1 <= y0 and y1 <= 184 * MM + 1, text
    assert sorted(numbers) == list(range(1, len(pypdf.PdfReader(str(path)).pages) + 1))
    for page, parts in numbers.items():
        joined = "".join(t for t, *_ in parts)
        assert joined.count("—") == 2 and joined.replace("—", "") == str(page)
        x1 = max(p[3] for p in parts)
        assert x1 == pytest.approx((35 - 7) * MM, abs=1.5 * MM)
        top, bottom = min(p[2] for p in parts), max(p[4] for p in parts)
        one = 14  # one 四号 character, in points
        if page % 2:
            assert bottom == pytest.approx(184 * MM - one, abs=2)  # 居右空一字 on the bound sheet
        else:
            assert top == pytest.approx(28 * MM + one, abs=2)


@needs_poppler
def test_simple_footer_pdf_numbers_at_the_foot(qtbot, tmp_path):
    path = print_review.write_pdf(_small_doc(simple_footer=True), tmp_path / "s.pdf")
    foot = [w for w in words(path) if w[3] > 184 * MM]  # below the type area
    assert "".join(w[1] for w in foot) == "—1—"
    assert min(w[3] for w in foot) == pytest.approx((184 + 7) * MM, abs=2)  # 7 mm under the type area
    assert max(w[4] for w in foot) == pytest.approx(260 * MM - 14, abs=2)  # odd page: right, one character in


def _font_glyphs(font_file: bytes) -> int:
    """numGlyphs of an embedded TrueType font (its 'maxp' table)."""
    count = struct.unpack(">H", font_file[4:6])[0]
    for i in range(count):
        tag, _, offset, _ = struct.unpack(">4sIII", font_file[12 + 16 * i:28 + 16 * i])
        if tag == b"maxp":
            return struct.unpack(">H", font_file[offset + 4:offset + 6])[0]
    raise AssertionError("no maxp table")


def test_pdf_embeds_only_the_glyphs_it_uses(qtbot, demo_doc, tmp_path):
    path = print_review.write_pdf(demo_doc, tmp_path / "review.pdf")
    reader = pypdf.PdfReader(str(path))
    text = "".join(p.extract_text() for p in reader.pages)
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+.+", name), name  # named as a subset, as PDF readers expect
        cid = font["/DescendantFonts"][0].get_object()
        assert cid["/BaseFont"] == font["/BaseFont"] == cid["/FontDescriptor"]["/FontName"]
        data = cid["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        # A whole CJK font has tens of thousands of glyphs; the subset has about those printed.
        assert _font_glyphs(data) <= len(set(text)) + 10
        assert len(data) < 400_000


def test_pdf_document_properties(qtbot, tmp_path):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    path = print_review.write_pdf(_small_doc(), tmp_path / "r.pdf")
    meta = pypdf.PdfReader(str(path)).metadata
    assert meta.title == "2024年政务公开工作要点落实情况表"
    assert meta.author == "示例区人民政府办公室" and meta["/Company"] == "示例区人民政府办公室"
    assert meta.creator == meta.producer == "政务公开工作台"
    created = meta.creation_date.astimezone(dt.timezone.utc)
    assert before - dt.timedelta(seconds=2) <= created <= dt.datetime.now(dt.timezone.utc)


def test_rows_that_fit_on_a_page_are_never_split(qtbot, demo_doc):
    pages = ReviewPages(demo_doc)
    room = pages.height - pages.pages[0].pieces[0].row.height
    pieces = [p for page in pages.pages for p in page.pieces if p.row.kind == "task"]
    assert len(pieces) == 50
    assert all(p.whole for p in pieces if p.row.height <= room)
    for page in pages.pages:
        assert page.pieces[0].row.kind == "header"  # the header row on every page
        bottom = max(p.y + (p.last - p.first) * p.row.pitch + 2 * p.row.margin for p in page.pieces)
        assert bottom <= pages.top + pages.height + 0.5


def test_a_row_taller_than_a_page_runs_on_line_by_line(qtbot):
    doc = _small_doc()
    doc.tables[0].sections[1].rows[0].cells["progress"] = "已完成网站集约化迁移，" * 300
    pages = ReviewPages(doc)
    pieces = [p for page in pages.pages for p in page.pieces if p.row.kind == "task" and not p.whole]
    assert len(pieces) >= 2
    assert pieces[0].first == 0 and pieces[-1].last == pieces[0].row.lines
    assert all(a.last == b.first for a, b in zip(pieces, pieces[1:]))  # no line lost or repeated


def test_section_rows_stay_with_the_row_after_them(qtbot, demo_doc):
    pages = ReviewPages(demo_doc)
    for page in pages.pages:
        assert page.pieces[-1].row.kind != "section"
    sections = [p for page in pages.pages for p in page.pieces if p.row.kind == "section"]
    assert len(sections) == 16  # 4 parts and 12 sub-parts, each printed once


def test_per_unit_pdf_restarts_numbers_for_each_ledger(qtbot):
    doc = _small_doc(per_unit=True)
    doc.tables[2].sections[-1].rows[0].cells["progress"] = "按月公开预算执行情况。" * 200  # several pages
    pages = ReviewPages(doc).pages
    numbers = [p.number for p in pages]
    assert numbers[:2] == [1, 1] and numbers[2:] == list(range(1, len(numbers) - 1))  # each unit from 1
    assert [p.title[0][0].text() for p in pages if p.title] == [t.title for t in doc.tables]


def test_pdf_is_the_same_layout_as_the_word_export(qtbot, demo_doc):
    """The same type size and column widths as the Word file's table."""
    from gongkai_desk.core.exporters.gbt9704_geometry import table_size_pt
    from gongkai_desk.core.reports.review import fit_widths

    pages = ReviewPages(demo_doc)
    table = demo_doc.tables[0]
    size = table_size_pt(table)
    char_mm = size * 25.4 / 72
    want = [c * char_mm for c in fit_widths(table, (225 - 1.0) / char_mm)]
    header = pages.pages[0].pieces[0].row
    assert [c.width * 25.4 / 720 for c in header.cells] == pytest.approx(want, abs=0.01)
    assert header.pitch == pytest.approx(size * 1.3 * 10)


def test_print_preview_paints_the_same_pages_as_the_pdf(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    doc = _small_doc(per_unit=True)
    dialog = print_review.make_print_preview(None, doc)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    pdf = print_review.write_pdf(doc, tmp_path / "units.pdf")
    assert widget.pageCount() == len(pypdf.PdfReader(str(pdf)).pages) == len(dialog._pages.pages) >= 3


@needs_poppler
def test_a_portrait_printer_gets_the_page_turned_head_to_the_binding_edge(qtbot, tmp_path):
    """A clerk who switches the preview to portrait paper gets each landscape page turned onto
    the sheet as §8 prints it: the table's head along the left (binding) edge."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    path = tmp_path / "portrait.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    pages = print_review.render(_small_doc(), writer)
    del writer
    page = pypdf.PdfReader(str(path)).pages[0]
    assert pages >= 1 and float(page.mediabox.width) < float(page.mediabox.height)
    title = [w for w in words(path, 1, 1) if "2024" in w[1]][0]
    _, _, x0, y0, x1, y1 = title
    assert y1 - y0 > x1 - x0  # turned: the title runs up the sheet
    assert 28 * MM - 1 <= x0 < 45 * MM  # just inside the binding margin


def test_pdf_text_is_the_characters_drawn_not_look_alike_radicals(qtbot, demo_doc, tmp_path):
    """A search for 工作 or 部门 in the PDF finds them: no Kangxi / supplement radicals
    (⼯, ⻔) stand in for the ideographs the table holds."""
    path = print_review.write_pdf(demo_doc, tmp_path / "review.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)
    assert demo_doc.tables[0].title in text.replace("\n", "")
    assert [c for c in set(text) if 0x2E80 <= ord(c) < 0x2FE0] == []
    drawn = {c for t in demo_doc.tables for s in t.sections for r in s.rows for v in r.cells.values() for c in v}
    assert {"工", "一", "门", "民", "月"} & drawn <= set(text)


def test_to_unicode_rewrite_touches_only_destinations():
    from gongkai_desk.ui.printing.pdf_text import decomposed, fix_to_unicode

    mapping = {**decomposed(), 0x2EDA: 0x95E8}
    cmap = (b"2 beginbfchar\n<2F00> <2F00>\n<0005> <2EDA>\nendbfchar\n"
            b"3 beginbfrange\n<0001> <0003> [<0032> <2F2F> <2EDA>]\n<0010> <0010> <2F00>\n"
            b"<0020> <0022> <2F00>\nendbfrange\n")
    fixed = fix_to_unicode(cmap, mapping)
    assert fixed == (b"2 beginbfchar\n<2F00> <4E00>\n<0005> <95E8>\nendbfchar\n"
                     b"3 beginbfrange\n<0001> <0003> [<0032> <5DE5> <95E8>]\n<0010> <0010> <4E00>\n"
                     b"<0020> <0022> <2F00>\nendbfrange\n")
