"""Parts of the task table: Excel's clipboard quoting, and the notice shown instead of blank rows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def tsv_cell(text: str) -> str:
    """A cell as Excel/WPS write it to the clipboard: quoted when it holds a tab, newline or quote."""
    if any(c in text for c in '\t\n\r"'):
        return '"' + text.replace('"', '""') + '"'
    return text


class EmptyNotice(QWidget):
    """What the table shows instead of blank rows: why nothing is there and what to do."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton("清除筛选")
        self.button.clicked.connect(self.clear_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.hide()

    def show_text(self, text: str, *, can_clear: bool) -> None:
        self.label.setText(text)
        self.button.setVisible(can_clear)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
