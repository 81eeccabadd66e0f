"""The review table laid out on GB/T 9704 landscape table pages by Qt: the pages of the print
preview, of printing and of the PDF, with the Word export's geometry.

The page is the Word file's: A4 landscape, type area 225 × 156 mm turned as §8 asks
(``core.exporters.gbt9704_geometry``), the same column widths and type sizes, one exact line
pitch per table (the Word table uses it too), the page number turned on the sheet's foot (or
the simple footer). A row stays on one page unless it is taller than a page; a section row
stays with the row after it; the header row repeats on every page.

Everything is laid out once in device-independent units (1/720 inch, fonts sized in those
units), then painted on any device through a scale, so the preview's line breaks and page
breaks are the PDF's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QTextLayout, QTextOption

from gongkai_desk.core.exporters.gbt9704_geometry import (
    CELL_MARGIN_MM, NUMBER_GAP_MM, PAGE_NUMBER_PT, RULE_PT, SUBTITLE_LINE_PT, SUBTITLE_PT, TABLE_LINE_EM,
    TITLE_LINE_PT,
    TITLE_PT, page_geometry, table_size_pt,
)
from gongkai_desk.core.reports.review import (
    WARN_FILL, fit_widths, header_text, printed_columns, status_fill, status_with_alert,
)
from gongkai_desk.core.reports.review_model import ReviewDocument, ReviewRow, ReviewTableData

U_PER_INCH = 720.0
LINE_EM = TABLE_LINE_EM  # table line pitch, in type sizes (the Word table's exact line spacing)
BODY_FAMILIES = ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC",
                 "WenQuanYi Micro Hei"]
TITLE_FAMILIES = ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", "Noto Serif CJK SC",
                  "Source Han Serif SC", "WenQuanYi Micro Hei"]
HEAD_FAMILIES = ["黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
NUMBER_FAMILIES = ["宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei"]
CENTRED = {"number", "deadline", "status", "alert"}
JUSTIFIED = {"text", "progress", "problems", "next_steps"}


def mm(v: float) -> float:
    return v / 25.4 * U_PER_INCH


def pt(v: float) -> float:
    return v * U_PER_INCH / 72


def font(families: list[str], size_pt: float) -> QFont:
    f = QFont()
    f.setFamilies(families)
    f.setPixelSize(max(1, round(pt(size_pt))))
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


@dataclass
class Cell:
    x: float
    width: float
    layout: QTextLayout | None
    lines: int
    fill: str | None = None


@dataclass
class Row:
    kind: str  # header / section / task
    cells: list[Cell]
    lines: int
    pitch: float
    margin: float

    @property
    def height(self) -> float:
        return self.lines * self.pitch + 2 * self.margin


@dataclass
class Piece:
    """What a page shows of a row: lines [first, last) at height ``y``."""

    row: Row
    y: float
    first: int
    last: int
    whole: bool


@dataclass
class Page:
    number: int  # the printed page number
    title: list[tuple[QTextLayout, float]] = field(default_factory=list)  # (layout, y)
    pieces: list[Piece] = field(default_factory=list)


def _layout(text: str, f: QFont, width: float, align: Qt.AlignmentFlag, pitch: float) -> tuple[QTextLayout, int]:
    """Break ``text`` into lines ``width`` wide, each ``pitch`` below the last; return it and its line count."""
    layout = QTextLayout(text.replace("\n", "\u2028"), f)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    n = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        # Glyphs centred in the pitch, whatever the font's own ascent and descent.
        line.setPosition(QPointF(0, n * pitch + (pitch - line.ascent() - line.descent()) / 2))
        n += 1
    layout.endLayout()
    return layout, max(1, n)


class ReviewPages:
    """The pages of a review document, laid out once; ``paint`` draws one on a painter."""

    def __init__(self, doc: ReviewDocument) -> None:
        self.doc = doc
        self.geometry = page_geometry(landscape=True)
        g = self.geometry
        self.page_w, self.page_h = mm(g.width_mm), mm(g.height_mm)
        self.left, self.top = mm(g.left_mm), mm(g.top_mm)
        self.width, self.height = mm(g.type_width_mm), mm(g.type_height_mm)
        self.simple_footer = doc.options.simple_footer
        self.pages: list[Page] = []
        for table in doc.tables:
            # Each unit's ledger (per_unit) starts on a new page numbered 1, as in the Word file.
            start = 1 if (doc.options.per_unit or not self.pages) else self.pages[-1].number + 1
            self._paginate(table, start)
        if not doc.tables:
            page = Page(1)
            layout, _ = _layout("无符合条件的任务", font(TITLE_FAMILIES, TITLE_PT), self.width,
                                Qt.AlignmentFlag.AlignHCenter, pt(TITLE_LINE_PT))
            page.title.append((layout, self.top))
            self.pages.append(page)

    # ---- layout ----------------------------------------------------------------------------

    def _rows(self, table: ReviewTableData) -> tuple[Row, list[Row]]:
        cols = printed_columns(table)
        keys = [k for k, _ in cols]
        size = table_size_pt(table)
        char_mm = size * 25.4 / 72
        chars = fit_widths(table, (self.geometry.type_width_mm - 1.0) / char_mm)
        widths = [mm(c * char_mm) for c in chars]
        xs = [self.left + (self.width - sum(widths)) / 2]
        for w in widths[:-1]:
            xs.append(xs[-1] + w)
        pitch, margin, pad = pt(size * LINE_EM), mm(CELL_MARGIN_MM[0]), mm(CELL_MARGIN_MM[1])
        body, head = font(BODY_FAMILIES, size), font(HEAD_FAMILIES, size)
        align = {k: Qt.AlignmentFlag.AlignHCenter if k in CENTRED else
                 Qt.AlignmentFlag.AlignJustify if k in JUSTIFIED else Qt.AlignmentFlag.AlignLeft for k in keys}

        def row(kind: str, texts: list[str], fonts: list[QFont], aligns, fills=None) -> Row:
            cells, lines = [], 1
            spans = [(x, w) for x, w in zip(xs, widths)] if len(texts) == len(xs) else [(xs[0], sum(widths))]
            for j, ((x, w), text) in enumerate(zip(spans, texts)):
                layout, n = _layout(text, fonts[j], w - 2 * pad, aligns[j], pitch) if text else (None, 1)
                cells.append(Cell(x, w, layout, n, (fills or {}).get(j)))
                lines = max(lines, n)
            return Row(kind, cells, lines, pitch, margin)

        header = row("header", [header_text(h, c) for (_, h), c in zip(cols, chars)], [head] * len(cols),
                     [Qt.AlignmentFlag.AlignHCenter] * len(cols))
        merged_status = "status" in keys and "alert" not in keys
        rows: list[Row] = []
        for sec in table.sections:
            if sec.title:
                rows.append(row("section", [sec.title], [head], [Qt.AlignmentFlag.AlignLeft]))
            for r in sec.rows:
                texts = [r.cells.get(k, "") for k in keys]
                if merged_status and r.overdue:
                    texts[keys.index("status")] = status_with_alert(r).replace("（", "\n（", 1)
                rows.append(row("task", texts, [body] * len(keys), [align[k] for k in keys], _fills(r, keys)))
        return header, rows

    def _title(self, page: Page, table: ReviewTableData) -> float:
        """Lay the title and subtitle out at the top of ``page``; return the height used."""
        y = self.top
        for text, families, size, line, align in (
                (table.title, TITLE_FAMILIES, TITLE_PT, TITLE_LINE_PT, Qt.AlignmentFlag.AlignHCenter),
                (table.subtitle, BODY_FAMILIES, SUBTITLE_PT, SUBTITLE_LINE_PT, Qt.AlignmentFlag.AlignLeft)):
            if not text:
                continue
            layout, n = _layout(text, font(families, size), self.width, align, pt(line))
            page.title.append((layout, y))
            y += n * pt(line)
        return y - self.top

    def _paginate(self, table: ReviewTableData, number: int) -> None:
        header, rows = self._rows(table)
        bottom = self.top + self.height
        room = self.height - header.height  # what a page holds under the repeated header
        page = Page(number)
        self.pages.append(page)
        y = self.top + self._title(page, table)

        def new_page() -> float:
            nonlocal page
            page = Page(page.number + 1)
            self.pages.append(page)
            page.pieces.append(Piece(header, self.top, 0, header.lines, True))
            return self.top + header.height

        page.pieces.append(Piece(header, y, 0, header.lines, True))
        y += header.height
        page_top = y
        i = 0
        while i < len(rows):
            r = rows[i]
            if r.kind == "section":
                # A section row (or a run of them) goes with the first line of the row after it.
                j, need = i, 0.0
                while j < len(rows) and rows[j].kind == "section":
                    need += rows[j].height
                    j += 1
                if j < len(rows):
                    nxt = rows[j]
                    need += nxt.height if nxt.height <= room else nxt.pitch + 2 * nxt.margin
                if y + need > bottom and y > page_top:
                    y = page_top = new_page()
                page.pieces.append(Piece(r, y, 0, r.lines, True))
                y += r.height
                i += 1
                continue
            if y + r.height <= bottom + 0.5:
                page.pieces.append(Piece(r, y, 0, r.lines, True))
                y += r.height
                i += 1
                continue
            if r.height <= room:  # fits on a page: never split it
                y = page_top = new_page()
                continue
            # Taller than a page: it runs on over as many pages as it needs, line by line.
            first = 0
            while first < r.lines:
                fit = int((bottom - y - 2 * r.margin) // r.pitch)
                if fit < 1:
                    y = page_top = new_page()
                    continue
                last = min(r.lines, first + fit)
                piece = Piece(r, y, first, last, first == 0 and last == r.lines)
                page.pieces.append(piece)
                y += (last - first) * r.pitch + 2 * r.margin
                first = last
                if first < r.lines:
                    y = page_top = new_page()
            i += 1

    # ---- painting --------------------------------------------------------------------------

    def paint(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` in layout units (the caller scales the painter to its device)."""
        page = self.pages[index]
        painter.save()
        painter.fillRect(QRectF(0, 0, self.page_w, self.page_h), QColor("white"))
        painter.setPen(QColor("black"))
        for layout, y in page.title:
            for k in range(layout.lineCount()):
                layout.lineAt(k).draw(painter, QPointF(self.left, y))
        pen = QPen(QColor("black"), pt(RULE_PT))
        for piece in page.pieces:
            self._paint_piece(painter, piece, pen)
        self._paint_number(painter, page.number)
        painter.restore()

    def _paint_piece(self, painter: QPainter, piece: Piece, pen: QPen) -> None:
        r = piece.row
        n = piece.last - piece.first
        h = n * r.pitch + 2 * r.margin
        pad = mm(CELL_MARGIN_MM[1])
        for cell in r.cells:
            box = QRectF(cell.x, piece.y, cell.width, h)
            if cell.fill:
                painter.fillRect(box, QColor(f"#{cell.fill}"))
            if cell.layout is not None:
                # Whole rows centre their cells' text vertically (Word: vAlign center).
                shift = (r.lines - cell.lines) * r.pitch / 2 if piece.whole else 0.0
                origin = QPointF(cell.x + pad, piece.y + r.margin + shift - piece.first * r.pitch)
                for k in range(cell.layout.lineCount()):
                    if piece.first <= k < piece.last:
                        cell.layout.lineAt(k).draw(painter, origin)
            painter.setPen(pen)
            painter.drawRect(box)

    def number_box(self, number: int) -> tuple[QRectF, bool]:
        """Where page ``number``'s "— n —" goes and whether it is turned 90° (layout units)."""
        gap, size = mm(NUMBER_GAP_MM), pt(PAGE_NUMBER_PT)
        if self.simple_footer:
            return QRectF(self.left, self.top + self.height + gap, self.width, size * 1.3), False
        # On the sheet's foot, the landscape page's left edge; the number's top faces the type area.
        return QRectF(self.left - gap - size * 1.3, self.top, size * 1.3, self.height), True

    def _paint_number(self, painter: QPainter, number: int) -> None:
        box, turned = self.number_box(number)
        f = font(NUMBER_FAMILIES, PAGE_NUMBER_PT)
        one = pt(PAGE_NUMBER_PT)
        odd = number % 2 == 1
        text = f"— {number} —"
        painter.save()
        painter.setFont(f)
        painter.setPen(QColor("black"))
        if turned:
            # Turned 90° clockwise: reading downwards; odd pages end one character above the
            # type area's lower edge (居右空一字 on the bound sheet), even ones start one below its top.
            painter.translate(box.right(), box.top())
            painter.rotate(90)
            local = QRectF(one, 0, box.height() - 2 * one, box.width())
            align = (Qt.AlignmentFlag.AlignRight if odd else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignTop
            painter.drawText(local, int(align), text)
        else:
            local = QRectF(box.left() + one, box.top(), box.width() - 2 * one, box.height())
            align = (Qt.AlignmentFlag.AlignRight if odd else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignTop
            painter.drawText(local, int(align), text)
        painter.restore()


def _fills(row: ReviewRow, keys: list[str]) -> dict[int, str]:
    fills = {}
    fill = status_fill(row.status, row.overdue)
    if fill and "status" in keys:
        fills[keys.index("status")] = fill
    if row.cells.get("alert") and "alert" in keys:
        fills[keys.index("alert")] = status_fill(row.status, True) if row.overdue else WARN_FILL
    return fills
