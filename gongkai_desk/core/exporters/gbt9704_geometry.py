"""GB/T 9704-2012 page geometry in millimetres, for every layout of a formal document.

The Word writer (``docx/gbt9704``) and the Qt print layout of the review table (print preview
and PDF) both take their pages from here, so a PDF has the Word file's geometry. No library
is imported: the numbers are the standard's (``shared/annual_report_format.md`` §7).
"""

from __future__ import annotations

from dataclasses import dataclass

PAPER_MM = (210.0, 297.0)  # A4 portrait: width, height
# Portrait margins: 天头 37, 订口 (binding, left) 28; type area 156 × 225 leaves 35 and 26.
PORTRAIT_MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
# A landscape table page (§8) is the same sheet turned to read the table: its head is on the
# binding side on odd pages and the cut side on even ones, i.e. always the landscape page's
# top. So the binding margin is the top, the sheet's foot (35 mm, the page number's side) is the
# left, the head (37 mm) the right and the outer edge (26 mm) the bottom: type area 225 × 156.
LANDSCAPE_MARGINS_MM = {"top": 28.0, "bottom": 26.0, "left": 35.0, "right": 37.0}
NUMBER_GAP_MM = 7.0  # the page number's top lies 7 mm outside the type area (7.5)
PAGE_NUMBER_PT = 14.0  # 四号 宋体 half-width digits, "— n —"
TITLE_PT = 22.0  # 二号
TITLE_LINE_PT = 36.0  # exact line pitch of a table page's title (the body pitch would clip it)
SUBTITLE_PT = 14.0  # 四号: 制表单位 / 日期 line
SUBTITLE_LINE_PT = 28.0
# Table type sizes by printed column count: 小四 (12 pt) up to six columns, 五号 (10.5 pt) up to
# nine, 小五 (9 pt) beyond; 六号 (7.5 pt) only when the columns' minimum widths need it. The
# standard leaves table type size open.
TABLE_SIZES_PT = ((6, 12.0), (9, 10.5), (12, 9.0), (99, 7.5))
TABLE_LINE_EM = 1.3  # exact line pitch of table text, in type sizes (Word, WPS, LibreOffice and Qt alike)
CELL_MARGIN_MM = (0.5, 1.2)  # top/bottom, left/right
RULE_PT = 0.5  # table rules


@dataclass(frozen=True)
class PageGeometry:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float

    @property
    def type_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def type_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm


def page_geometry(*, landscape: bool) -> PageGeometry:
    """The A4 page with the standard type area, portrait or as a landscape table page."""
    w, h = PAPER_MM
    m = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    if landscape:
        w, h = h, w
    return PageGeometry(w, h, m["top"], m["bottom"], m["left"], m["right"])


def table_size_pt(table) -> float:
    """The type size of a review table across a landscape type area (its minimum widths kept)."""
    from gongkai_desk.core.reports.review_layout import choose_size

    width_pt = (page_geometry(landscape=True).type_width_mm - 1.0) / 25.4 * 72
    return choose_size(table, width_pt, TABLE_SIZES_PT)
