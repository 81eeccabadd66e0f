"""A scroll area for the detail pane that scrolls only when it must."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FitScrollArea(QScrollArea):
    """Shows its widget at the viewport's size, and scrolls only when the viewport is smaller than
    the widget's minimum (QScrollArea's own resizing goes by the preferred height of word-wrapped
    labels and scrolls long before it must)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidgetResizable(False)
        self.setWidget(widget)
        widget.installEventFilter(self)

    def _fit(self) -> None:
        widget, viewport = self.widget(), self.viewport()
        need = widget.layout().totalMinimumSize().height() if widget.layout() else widget.minimumSizeHint().height()
        widget.resize(viewport.width(), max(viewport.height(), need))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(obj, event)

    def sizeHint(self):  # noqa: N802 - Qt override
        return self.widget().sizeHint()
