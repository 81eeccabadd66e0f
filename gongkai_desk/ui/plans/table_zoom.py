"""Zoom of the task table (Ctrl+wheel, Ctrl+±), remembered in the settings: a part of ``PlanView``."""

from __future__ import annotations

from PySide6.QtGui import QFont

from gongkai_desk.ui.plans.task_table import COL_DEADLINE, COL_FLAGS, COL_LEAD, COL_LIGHT, COL_RESP, COL_STATUS

ZOOM_KEY = "table/zoom"
ZOOM_STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)


class TableZoom:
    """Needs ``self.table`` (the QTableView), ``self.settings``, ``self._base_point_size`` and
    ``self._fit_number_column()`` from the view it is mixed into."""

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
        font = QFont(self.table.font())
        font.setPointSizeF(self._base_point_size * percent / 100)
        self.table.setFont(font)
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.lineSpacing() * 2.6))
        em = metrics.horizontalAdvance("国")
        self._fit_number_column()
        for col, width in ((COL_LEAD, 9), (COL_RESP, 12), (COL_DEADLINE, 6), (COL_STATUS, 9),
                           (COL_LIGHT, 8), (COL_FLAGS, 4.5)):
            self.table.setColumnWidth(col, int(em * width))
