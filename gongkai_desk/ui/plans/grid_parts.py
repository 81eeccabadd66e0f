"""Parts of the task table: Excel's clipboard quoting, and the notice shown instead of blank rows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget



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

    def update_for(self, shown: int, total: int, filters: list[str], *, in_sections: bool, has_plan: bool) -> None:
        """Show why the table is empty (``filters``: the filter bar's conditions, as written), or hide."""
        if shown:
            self.hide()
        elif total:
            where = "所选部分中" if in_sections else ""
            self.show_text(f"{where}没有符合筛选条件（{'、'.join(filters) or '所选部分'}）的任务。\n"
                           "可以换一个条件，或清除筛选查看全部任务。", can_clear=bool(filters))
        elif has_plan:
            self.show_text("这个计划还没有任务。\n点击工具栏的“新建任务”添加，或用“导入”从 Word、Excel 文件读入。",
                           can_clear=False)
        else:
            self.hide()
