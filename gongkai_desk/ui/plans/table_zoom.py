"""Zoom of the task table (Ctrl+wheel, Ctrl+±), remembered in the settings, and the column widths
that follow the zoom and the window's width: a part of ``PlanView``."""

from __future__ import annotations

from gongkai_desk.ui.plans.columns import (
    COL_DEADLINE, COL_FLAGS, COL_LEAD, COL_LIGHT, COL_NUMBER, COL_RESP, COL_STATUS,
)

ZOOM_KEY = "table/zoom"
ZOOM_STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)
# Column widths in characters: as wide as their content wants, and the least they give up when the
# window is narrow (a 1366×768 laptop with the detail pane open), so 任务内容 keeps TEXT_LEAST.
WANT = {COL_LEAD: 9, COL_RESP: 12, COL_DEADLINE: 6, COL_STATUS: 9, COL_LIGHT: 8, COL_FLAGS: 4.5}
LEAST = {COL_LEAD: 5, COL_RESP: 6, COL_DEADLINE: 4.5, COL_STATUS: 6, COL_LIGHT: 5.5, COL_FLAGS: 3.5}
TEXT_LEAST = 16


class TableZoom:
    """Needs ``self.table`` (the QTableView), ``self.settings``, ``self._base_point_size`` (None
    until the first zoom away from 100 %) and
    ``self._number_shape`` (restart depth, task count) from the view it is mixed into."""

    def _stored_zoom(self) -> int:
        try:
            value = int(self.settings.value(ZOOM_KEY, 100)) if self.settings is not None else 100
        except (TypeError, ValueError):
            value = 100
        return min(ZOOM_STEPS, key=lambda z: abs(z - value))

    def zoom_by(self, steps: int) -> None:
        i = ZOOM_STEPS.index(self.zoom) if self.zoom in ZOOM_STEPS else ZOOM_STEPS.index(100)
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, i + steps))])

    def set_zoom(self, percent: int) -> None:
        self._apply_zoom(percent)
        if self.settings is not None:
            self.settings.setValue(ZOOM_KEY, self.zoom)

    def _apply_zoom(self, percent: int) -> None:
        self.zoom = percent
        if percent != 100 or self._base_point_size is not None:
            # Not at 100 % before the first paint: PySide's QFont type costs ≈ 1 ms to create.
            from PySide6.QtGui import QFont

            if self._base_point_size is None:  # the table's own font, before any zoom
                self._base_point_size = self.table.font().pointSizeF()
            font = QFont(self.table.font())
            font.setPointSizeF(self._base_point_size * percent / 100)
            self.table.setFont(font)
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.lineSpacing() * 2.6))
        self._fit_number_column()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give every column its wanted width when there is room; when there is not, narrow the
        others towards their least widths before 任务内容 (which stretches) drops below TEXT_LEAST
        characters. Past that, the table scrolls sideways."""
        header = self.table.horizontalHeader()
        if not getattr(self, "_watching_drags", False):
            self._watching_drags, self._dragged = True, set()
            header.sectionResized.connect(self._column_dragged)
        em = self.table.fontMetrics().horizontalAdvance("国")
        shown = [c for c in WANT if not self.table.isColumnHidden(c)]
        room = self.table.viewport().width() - self.table.columnWidth(COL_NUMBER) - TEXT_LEAST * em
        want, least = sum(WANT[c] for c in shown) * em, sum(LEAST[c] for c in shown) * em
        share = 1.0 if room >= want else 0.0 if room <= least else (room - least) / (want - least)
        self._fitting = True
        try:
            for col in WANT:
                if col not in self._dragged:  # a width the clerk dragged stays as dragged
                    self.table.setColumnWidth(col, int(em * (LEAST[col] + (WANT[col] - LEAST[col]) * share)))
        finally:
            self._fitting = False

    def _column_dragged(self, col: int, _old: int, _new: int) -> None:
        if not getattr(self, "_fitting", False) and col in WANT:
            self._dragged.add(col)

    def _fit_number_column(self) -> None:
        """Wide enough for the numbers shown ("一.三.10"): from how deep numbering restarts and how
        many tasks there are, not from the rows read so far (the first screenful at start-up), so
        the column keeps its width when the whole plan arrives. At least four characters."""
        metrics = self.table.fontMetrics()
        em = metrics.horizontalAdvance("国")
        depth, total = getattr(self, "_number_shape", (0, 0))
        widest = "十二." * depth + "8" * len(str(max(total, 1)))
        self.table.setColumnWidth(COL_NUMBER, max(int(em * 4), metrics.horizontalAdvance(widest) + em))
