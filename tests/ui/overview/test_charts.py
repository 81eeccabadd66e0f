"""The QPainter charts: the pictures the Word 通报 embeds are real PNGs with bars drawn."""

from __future__ import annotations

import datetime as dt

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.reports.overview import build_overview


def test_render_chart_png_draws_bars(ws, qapp):
    from PySide6.QtGui import QColor, QImage

    from gongkai_desk.ui.overview.charts import render_chart_png

    ov = build_overview(ws, make_demo(ws, tasks=20, year=2026).id, dt.date(2026, 12, 1))
    for kind in ("units", "sections", "weekly"):
        data = render_chart_png(kind, ov, 800, 400)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        image = QImage.fromData(data)
        assert (image.width(), image.height()) == (800, 400)
    image = QImage.fromData(render_chart_png("units", ov, 800, 400))
    red = QColor("#c0392b").rgb()
    assert any(image.pixel(x, y) == red for x in range(0, 800, 2) for y in range(0, 400, 2))
