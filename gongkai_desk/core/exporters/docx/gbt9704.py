"""GB/T 9704-2012 (党政机关公文格式) page, font and paragraph helpers for python-docx.

Shared by every Word exporter (review table, annual report). Table helpers live in
``gbt9704_table``; they are re-exported here so callers need one import.

Facts used (``shared/annual_report_format.md`` §7): A4, margins top 37 / bottom 35 /
left 28 / right 26 mm; body 仿宋 三号 (16 pt); title 小标宋 二号 (22 pt) centred; level-1
headings 黑体, level-2 楷体; page numbers "— n —" 四号 宋体, odd pages right and even pages
left, each one character in from the edge. python-docx is imported lazily by callers: this
module is only imported when a Word export actually runs.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from gongkai_desk.core.exporters.gbt9704_geometry import page_geometry

# Font names as Chinese Windows/WPS installs them. Linux renderers substitute.
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"
# Word uses w:altName when the named font is missing: the standard-issue fallback.
FONT_FALLBACKS: dict[str, str] = {
    FANGSONG: "仿宋",
    XIAOBIAOSONG: "宋体",
    KAITI: "楷体",
}

# Chinese type sizes in points (字号).
SIZE_PT: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
}

_PORTRAIT, _LANDSCAPE = page_geometry(landscape=False), page_geometry(landscape=True)
PAGE_WIDTH_CM = _PORTRAIT.width_mm / 10
PAGE_HEIGHT_CM = _PORTRAIT.height_mm / 10
MARGIN_TOP_CM = _PORTRAIT.top_mm / 10
MARGIN_BOTTOM_CM = _PORTRAIT.bottom_mm / 10
MARGIN_LEFT_CM = _PORTRAIT.left_mm / 10
MARGIN_RIGHT_CM = _PORTRAIT.right_mm / 10
# Landscape table pages (§8): the same type area turned (225 × 156 mm; see gbt9704_geometry).
LANDSCAPE_TOP_CM = _LANDSCAPE.top_mm / 10
LANDSCAPE_BOTTOM_CM = _LANDSCAPE.bottom_mm / 10
LANDSCAPE_LEFT_CM = _LANDSCAPE.left_mm / 10
LANDSCAPE_RIGHT_CM = _LANDSCAPE.right_mm / 10
# Puts the top of the page-number line about 7 mm below the type area (checked on a printout).
FOOTER_DISTANCE_CM = 2.4
# The same 7 mm below a landscape page's type area for the simple footer (26 mm bottom margin).
LANDSCAPE_FOOTER_DISTANCE_CM = 1.4
HEADER_DISTANCE_CM = 1.5
# Exact line pitch for 22 lines in the 225 mm type area (Word practice: w:line="579").
BODY_LINE_PT = 28.95
# Body pages hold 22 lines of 28 characters (5.2). Lines: a line grid of 579 twips (28.95 pt) and
# the same exact line pitch. Characters: 28 三号 characters (448 pt) do not fit the 156 mm
# (442.2 pt) line, so body text is condensed by 0.25 pt (w:spacing -5 twips): 28 × 15.75 pt =
# 441 pt. Word's own character grid (linesAndChars + a negative w:charSpace) squeezes the same
# way in Word, but LibreOffice lays it out as two grid cells per character (14 a line), so the
# condensed spacing, which every program reads alike, does it instead.
GRID_LINE_PITCH = 579
GRID_CHARS_PER_LINE = 28
BODY_CHAR_SPACING_TWIPS = -5

TWIPS_PER_CM = 567  # 1 cm = 566.93 twips; a whole number keeps widths exact in sums.
TWIPS_PER_PT = 20


def cm_to_twips(cm: float) -> int:
    """Return ``cm`` in twentieths of a point (dxa), the unit of table widths."""
    return int(round(cm * TWIPS_PER_CM))


def new_document(*, landscape: bool = False, simple_footer: bool = False) -> DocumentObject:
    """Return an empty A4 document with GB/T 9704 styles and page numbers.

    ``landscape``: the first section is a landscape table page (§8); ``simple_footer`` keeps
    its page number at the landscape page's foot (offices that bind nothing).
    """
    from docx import Document

    document = Document()
    set_style_defaults(document)
    setup_section(document.sections[0], landscape=landscape, simple_footer=simple_footer)
    enable_odd_even_footers(document)
    add_page_number_footers(document.sections[0], rotated=landscape and not simple_footer)
    register_font_fallbacks(document)
    return document


def setup_section(section: Section, *, landscape: bool = False, simple_footer: bool = False) -> None:
    """Make ``section`` A4 portrait, or a landscape table page, with the standard type area.

    Portrait: margins 37/35/28/26 mm and the 22 × 28 document grid for body text. Landscape:
    the type area turned (225 × 156 mm; see ``LANDSCAPE_*``), no grid (table pages have no
    body text). ``simple_footer`` only moves the footer to 7 mm under a landscape type area.
    """
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
        section.top_margin, section.bottom_margin = Cm(LANDSCAPE_TOP_CM), Cm(LANDSCAPE_BOTTOM_CM)
        section.left_margin, section.right_margin = Cm(LANDSCAPE_LEFT_CM), Cm(LANDSCAPE_RIGHT_CM)
        # The turned number is anchored to the page; the footer paragraph itself is 1 pt high.
        section.footer_distance = Cm(LANDSCAPE_FOOTER_DISTANCE_CM)
        section.header_distance = Cm(1.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
        section.top_margin, section.bottom_margin = Cm(MARGIN_TOP_CM), Cm(MARGIN_BOTTOM_CM)
        section.left_margin, section.right_margin = Cm(MARGIN_LEFT_CM), Cm(MARGIN_RIGHT_CM)
        section.header_distance = Cm(HEADER_DISTANCE_CM)
        section.footer_distance = Cm(FOOTER_DISTANCE_CM)
    section.gutter = Cm(0)
    set_document_grid(section, body=not landscape)


def set_document_grid(section: Section, *, body: bool) -> None:
    """Give ``section`` the 22-line grid (``body``; see GRID_*) or no grid (table pages)."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = parse_xml(f'<w:docGrid {nsdecls("w")}/>')
        sect_pr.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    for attr in ("w:type", "w:linePitch", "w:charSpace"):
        grid.attrib.pop(qn(attr), None)
    if body:
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(GRID_LINE_PITCH))
    else:
        grid.set(qn("w:linePitch"), "312")


def add_section(document: DocumentObject, *, landscape: bool, restart_numbering: bool = False,
                odd_page: bool = False, simple_footer: bool = False) -> Section:
    """Start a new section (portrait or landscape) on a new page, or the next odd page.

    Page numbers continue unless ``restart_numbering``. A section whose orientation differs
    from the one before gets its own page-number footers.
    """
    previous = document.sections[-1]
    section = document.add_section(WD_SECTION.ODD_PAGE if odd_page else WD_SECTION.NEW_PAGE)
    was_landscape = previous.orientation == WD_ORIENT.LANDSCAPE
    setup_section(section, landscape=landscape, simple_footer=simple_footer)
    if landscape != was_landscape:
        add_page_number_footers(section, rotated=landscape and not simple_footer)
    if restart_numbering:
        restart_page_numbers(section)
    return section


def text_width_cm(section: Section) -> float:
    """Return the width of the type area (版心) of ``section`` in cm."""
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def text_height_cm(section: Section) -> float:
    """Return the height of the type area of ``section`` in cm."""
    return (section.page_height - section.top_margin - section.bottom_margin) / 360000


def set_run_font(
    run: Run,
    east_asia: str = FANGSONG,
    ascii: str = LATIN,
    size_pt: float | None = 16,
    bold: bool = False,
) -> None:
    """Set the run's east-Asian, ASCII and hAnsi font slots, its size and weight.

    python-docx's ``run.font.name`` only sets the Latin slots; Chinese text uses the
    east-Asian slot, so without it Word falls back to the theme font (等线).
    """
    run.font.name = ascii
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), ascii)
    rfonts.set(qn("w:hAnsi"), ascii)
    if size_pt is not None:
        run.font.size = Pt(size_pt)
    run.font.bold = bold


# A body character's pitch on the 28-character line, and the two-character paragraph indent.
BODY_CHAR_PT = SIZE_PT["三号"] + BODY_CHAR_SPACING_TWIPS / TWIPS_PER_PT
BODY_INDENT_PT = 2 * BODY_CHAR_PT


def condense_to_grid(run: Run) -> Run:
    """Condense a 三号 body run so 28 characters fill a line (see BODY_CHAR_SPACING_TWIPS)."""
    rpr = run._r.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    el = parse_xml(f'<w:spacing {nsdecls("w")} w:val="{BODY_CHAR_SPACING_TWIPS}"/>')
    rpr.insert_element_before(
        el, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath")
    return run


def _set_style_font(style, east_asia: str, ascii: str, size_pt: float, bold: bool) -> None:
    """Set a style's fonts in all slots (styles need the same east-Asian fix as runs)."""
    style.font.name = ascii
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), ascii)
    rfonts.set(qn("w:hAnsi"), ascii)
    # Theme font attributes override the explicit names in Word: drop them.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def set_style_defaults(document: DocumentObject, *, line_exact_pt: float = BODY_LINE_PT) -> None:
    """Make Normal 仿宋_GB2312 三号 black with the standard's exact line pitch."""
    normal = document.styles["Normal"]
    _set_style_font(normal, FANGSONG, LATIN, SIZE_PT["三号"], False)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if line_exact_pt:
        from docx.enum.text import WD_LINE_SPACING

        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_exact_pt)
    # docDefaults too: table cells and footers inherit from there, not only from Normal.
    rpr_default = document.styles.element.find(qn("w:docDefaults"))
    if rpr_default is not None:
        rfonts = rpr_default.find(".//" + qn("w:rFonts"))
        if rfonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
            rfonts.set(qn("w:eastAsia"), FANGSONG)
            rfonts.set(qn("w:ascii"), LATIN)
            rfonts.set(qn("w:hAnsi"), LATIN)


def register_font_fallbacks(document: DocumentObject) -> None:
    """Declare 仿宋_GB2312 → 仿宋 etc. in the font table so Windows without them substitutes well."""
    part = document.part
    font_part = None
    for rel in part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            font_part = rel.target_part
    if font_part is None:
        return
    root = parse_xml(font_part.blob)
    for name, alt in FONT_FALLBACKS.items():
        font = parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        )
        root.append(font)
    from lxml import etree

    font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_title(document: DocumentObject, text: str, *, size_pt: float = SIZE_PT["二号"]) -> Paragraph:
    """Add the document title: 方正小标宋简体 二号, centred, one blank line after."""
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    off_grid(p)  # a 二号 title on the 三号 character grid would be spread out
    set_run_font(p.add_run(text), east_asia=XIAOBIAOSONG, size_pt=size_pt)
    return p


def off_grid(p: Paragraph) -> Paragraph:
    """Let paragraph ``p`` ignore the document grid (w:snapToGrid="0"): titles, other sizes."""
    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        el = parse_xml(f'<w:snapToGrid {nsdecls("w")} w:val="0"/>')
        ppr.insert_element_before(
            el, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
            "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
            "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    return p


def add_heading(document: DocumentObject, text: str, level: int) -> Paragraph:
    """Add a heading: level 1 黑体, level 2 楷体_GB2312, levels 3–4 仿宋; all 三号, two-char indent.

    The standard asks for no bold; the outline level makes the heading show in Word's
    navigation pane without using the (blue, theme-font) built-in Heading styles.
    """
    font = {1: HEITI, 2: KAITI}.get(level, FANGSONG)
    p = document.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(BODY_INDENT_PT)
    run = p.add_run(text)
    set_run_font(run, east_asia=font, size_pt=SIZE_PT["三号"])
    condense_to_grid(run)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{max(0, min(level - 1, 8))}"/>'))
    return p


def add_body_paragraph(document: DocumentObject, text: str) -> Paragraph:
    """Add a body paragraph: 仿宋_GB2312 三号, 28 characters a line, first line indented two."""
    p = document.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(BODY_INDENT_PT)
    run = p.add_run(text)
    set_run_font(run, size_pt=SIZE_PT["三号"])
    condense_to_grid(run)
    return p


def add_plain_paragraph(
    document: DocumentObject,
    text: str,
    *,
    size_pt: float = SIZE_PT["三号"],
    east_asia: str = FANGSONG,
    align: str = "left",
    line_exact_pt: float | None = None,
) -> Paragraph:
    """Add an unindented one-run paragraph (subtitles, notes under a table)."""
    p = document.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    if line_exact_pt is not None:
        p.paragraph_format.line_spacing = Pt(line_exact_pt)
    if size_pt != SIZE_PT["三号"]:
        off_grid(p)
    set_run_font(p.add_run(text), east_asia=east_asia, size_pt=size_pt)
    return p


def enable_odd_even_footers(document: DocumentObject) -> None:
    """Turn on different odd/even headers and footers (w:evenAndOddHeaders in settings)."""
    document.settings.odd_and_even_pages_header_footer = True


# Re-exported so the annual-report exporter needs one import for everything GB/T 9704.
from gongkai_desk.core.exporters.docx.gbt9704_footer import (  # noqa: E402
    add_page_number_footers,
    restart_page_numbers,
    rotated_number_boxes,
)
from gongkai_desk.core.exporters.docx.gbt9704_table import (  # noqa: E402
    CellStyle,
    TableBuilder,
    display_width,
    estimate_lines,
    estimate_row_height_cm,
    proportional_widths,
)

__all__ = [
    "BODY_LINE_PT", "FANGSONG", "HEITI", "KAITI", "LATIN", "SIZE_PT", "SONGTI", "XIAOBIAOSONG",
    "CellStyle", "TableBuilder", "display_width", "estimate_lines", "estimate_row_height_cm",
    "add_body_paragraph", "add_heading", "add_page_number_footers", "restart_page_numbers",
    "rotated_number_boxes", "set_document_grid",
    "add_plain_paragraph", "add_section", "add_title", "cm_to_twips", "enable_odd_even_footers",
    "condense_to_grid", "new_document", "off_grid", "proportional_widths", "register_font_fallbacks", "set_run_font",
    "set_style_defaults", "setup_section", "text_height_cm", "text_width_cm",
]
