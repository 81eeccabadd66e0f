"""Small widgets of the detail pane: a text field that saves when left, rows that wrap."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QStyledItemDelegate


class CommitTextEdit(QPlainTextEdit):
    """A plain text edit that reports ``committed`` when it loses focus with changed text."""

    committed = Signal(str)

    def __init__(self, parent=None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self._original = ""
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)
        # As tall as its lines, no taller: the tabs below take the room (and the pane never
        # grows past a small screen); longer text scrolls inside the field.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        hint.setHeight(self.minimumHeight())
        return hint

    def set_text(self, text: str) -> None:
        self._original = text
        self.setPlainText(text)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.commit()

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._original:
            self._original = text
            self.committed.emit(text)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text (QTreeView lays out one line otherwise)."""

    def __init__(self, view, max_lines: int = 8) -> None:
        super().__init__(view)
        self.view, self.max_lines = view, max_lines

    def sizeHint(self, option, index):  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        width = self.view.columnWidth(index.column()) - 10
        if not text or width <= 20:
            return size
        metrics = QFontMetrics(option.font)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        height = min(metrics.boundingRect(QRect(0, 0, width, 100000), flags, str(text)).height(),
                     metrics.lineSpacing() * self.max_lines)
        return QSize(size.width(), max(size.height(), height + 6))
