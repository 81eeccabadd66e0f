"""Bar and line charts painted with QPainter: the 总览 page's widgets and the pictures of the Word
通报 come from the same painter, so the window and the document agree (no chart library needed).

Bars are coloured by the light of what they measure (red/yellow/green) and always carry their
words: "6/10 · 60% · 红 · 逾期".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gongkai_desk.core.lights import STRONG

GRID = QColor("#d0d0d0")
TEXT = QColor("#222222")
MUTED = QColor("#666666")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0–1
    color: str  # "red" | "yellow" | "green"
    text: str  # drawn after the bar


def bars_of_units(ov) -> list[Bar]:
    return [Bar(u.unit, u.completion, u.light.color, f"{u.done}/{u.tasks} · {u.completion:.0%} · {u.light.word}")
            for u in ov.units]


def bars_of_sections(ov) -> list[Bar]:
    return [Bar(s.section, s.completion, s.color, f"{s.done}/{s.tasks} · {s.completion:.0%}" +
                (f" · 逾期{s.overdue}" if s.overdue else "")) for s in ov.sections]


def _title(p: QPainter, rect: QRectF, title: str, font: QFont, line: float) -> float:
    """Draw a chart's title in bold at the top of ``rect``; return where the chart begins."""
    if not title:
        return rect.top()
    bold = QFont(font)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(TEXT)
    p.drawText(QRectF(rect.left(), rect.top(), rect.width(), line * 1.4),
               Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    p.setFont(font)
    return rect.top() + line * 1.6


def paint_bars(p: QPainter, rect: QRectF, title: str, bars: list[Bar], font: QFont) -> None:
    """Horizontal bars in ``rect``: label, bar (0–100 %), words."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setFont(font)
    fm = QFontMetricsF(font)
    line = fm.height()
    top = _title(p, rect, title, font, line)
    if not bars:
        p.setPen(MUTED)
        p.drawText(QRectF(rect.left(), top, rect.width(), line * 2), Qt.AlignmentFlag.AlignLeft, "（没有数据）")
        p.restore()
        return
    label_w = min(rect.width() * 0.34, max(fm.horizontalAdvance(b.label) for b in bars) + line * 0.6)
    text_w = min(rect.width() * 0.3, max(fm.horizontalAdvance(b.text) for b in bars) + line * 0.6)
    x0 = rect.left() + label_w
    bar_w = max(10.0, rect.width() - label_w - text_w)
    row = max(line * 1.35, min(line * 2.2, (rect.bottom() - top - line * 1.4) / len(bars)))
    # grid at 0/50/100 %
    p.setPen(QPen(GRID, 1))
    for frac in (0.0, 0.5, 1.0):
        x = x0 + bar_w * frac
        p.drawLine(QPointF(x, top), QPointF(x, top + row * len(bars)))
    p.setPen(MUTED)
    for frac, word in ((0.0, "0%"), (0.5, "50%"), (1.0, "100%")):
        x = x0 + bar_w * frac
        w = fm.horizontalAdvance(word)
        p.drawText(QPointF(min(x - w / 2, rect.right() - w), top + row * len(bars) + line), word)
    for i, b in enumerate(bars):
        y = top + i * row
        p.setPen(TEXT)
        label = fm.elidedText(b.label, Qt.TextElideMode.ElideMiddle, label_w - line * 0.4)
        p.drawText(QRectF(rect.left(), y, label_w - line * 0.4, row), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        h = row * 0.62
        p.fillRect(QRectF(x0, y + (row - h) / 2, bar_w, h), QColor("#f0f0f0"))
        p.fillRect(QRectF(x0, y + (row - h) / 2, bar_w * max(0.0, min(1.0, b.value)), h), QColor("#" + STRONG[b.color]))
        p.drawText(QRectF(x0 + bar_w + line * 0.4, y, text_w, row), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, b.text)
    p.restore()


def paint_line(p: QPainter, rect: QRectF, title: str, points: list[tuple[str, float]], font: QFont) -> None:
    """A line of shares (0–1) over labelled points (weeks)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setFont(font)
    fm = QFontMetricsF(font)
    line = fm.height()
    top = _title(p, rect, title, font, line)
    left = rect.left() + fm.horizontalAdvance("100%") + line * 0.5
    bottom = rect.bottom() - line * 1.6
    plot = QRectF(left, top, max(10.0, rect.right() - left - line), max(10.0, bottom - top))
    p.setPen(QPen(GRID, 1))
    for frac, word in ((0.0, "0%"), (0.5, "50%"), (1.0, "100%")):
        y = plot.bottom() - plot.height() * frac
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(MUTED)
        p.drawText(QRectF(rect.left(), y - line / 2, left - rect.left() - line * 0.3, line), Qt.AlignmentFlag.AlignRight, word)
    if points:
        n = len(points)
        xs = [plot.left() + (plot.width() * (i / (n - 1)) if n > 1 else plot.width() / 2) for i in range(n)]
        ys = [plot.bottom() - plot.height() * max(0.0, min(1.0, v)) for _l, v in points]
        path = QPainterPath(QPointF(xs[0], ys[0]))
        for x, y in zip(xs[1:], ys[1:]):
            path.lineTo(QPointF(x, y))
        green = QColor("#" + STRONG["green"])
        p.setPen(QPen(green, max(2.0, line / 8)))
        p.drawPath(path)
        p.setBrush(green)
        for x, y in zip(xs, ys):
            p.drawEllipse(QPointF(x, y), line / 6, line / 6)
        p.setPen(MUTED)
        step = max(1, int(n / max(1, plot.width() / (fm.horizontalAdvance("12-31") * 1.6))) + (1 if n > 12 else 0))
        for i in range(0, n, step):
            w = fm.horizontalAdvance(points[i][0])
            p.drawText(QPointF(min(max(xs[i] - w / 2, plot.left()), rect.right() - w), rect.bottom() - line * 0.3), points[i][0])
        last = f"{points[-1][1]:.0%}"
        p.setPen(TEXT)
        p.drawText(QPointF(min(xs[-1] + line * 0.3, rect.right() - fm.horizontalAdvance(last)), ys[-1] - line * 0.3), last)
    p.restore()


class BarChart(QWidget):
    """A bar chart widget; ``bar_clicked(index)`` when the clerk clicks a bar's row."""

    bar_clicked = Signal(int)

    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.updateGeometry()
        self.update()

    def sizeHint(self):  # noqa: N802 - Qt override
        from PySide6.QtCore import QSize

        line = self.fontMetrics().height()
        return QSize(480, int(line * (3.5 + 1.5 * max(1, len(self.bars)))))

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        return self.sizeHint()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        paint_bars(p, QRectF(self.rect()).adjusted(8, 6, -8, -6), self.title, self.bars, self.font())
        p.end()


class LineChart(QWidget):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.points: list[tuple[str, float]] = []
        self.setMinimumHeight(self.fontMetrics().height() * 12)

    def set_points(self, points: list[tuple[str, float]]) -> None:
        self.points = points
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        paint_line(p, QRectF(self.rect()).adjusted(8, 6, -8, -6), self.title, self.points, self.font())
        p.end()


def weekly_points(ov) -> list[tuple[str, float]]:
    return [(f"{p.date.month}-{p.date.day:02d}", p.completion) for p in ov.weekly]


def render_chart_png(kind: str, ov, width: int, height: int) -> bytes:
    """A chart of ``ov`` ("units", "sections" or "weekly") as PNG bytes, for the Word 通报."""
    from gongkai_desk.ui.printing.print_review import ensure_app

    ensure_app()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    font = QFont()
    font.setPixelSize(max(12, width // 48))
    rect = QRectF(16, 12, width - 32, height - 24)
    if kind == "units":
        paint_bars(p, rect, "", bars_of_units(ov), font)
    elif kind == "sections":
        paint_bars(p, rect, "", bars_of_sections(ov), font)
    else:
        paint_line(p, rect, "", weekly_points(ov), font)
    p.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())
