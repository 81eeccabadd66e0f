"""What an empty database shows: three big choices, never a bare empty table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QHBoxLayout, QWidget


class StartPage(QWidget):
    new_plan = Signal()
    import_plan = Signal()
    load_demo = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        title = QLabel("欢迎使用政务公开工作台")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel("数据库中还没有计划。请选择下面的一种方式开始今年的政务公开工作：")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)

        self.new_button = self._big_button("新建计划", "手工填写年度计划\n再逐项添加任务")
        self.import_button = self._big_button("导入计划文件", "从 Word、Excel 或网页文本导入\n（也可把文件拖到窗口上）")
        self.demo_button = self._big_button("载入示例数据", "用一份示例计划熟悉各项功能\n随时可以撤销")
        self.new_button.clicked.connect(self.new_plan)
        self.import_button.clicked.connect(self.import_plan)
        self.demo_button.clicked.connect(self.load_demo)

        row = QHBoxLayout()
        row.addStretch(1)
        for b in (self.new_button, self.import_button, self.demo_button):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(hint)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addStretch(3)

    def _big_button(self, text: str, detail: str) -> QPushButton:
        b = QPushButton(f"{text}\n\n{detail}")
        b.setObjectName(text)
        b.setMinimumHeight(120)
        b.setFixedWidth(b.fontMetrics().horizontalAdvance("国") * 30)
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        b.setStyleSheet("QPushButton { text-align: center; padding: 12px; }")
        f = QFont(b.font())
        f.setPointSizeF(f.pointSizeF() * 1.1)
        b.setFont(f)
        return b
