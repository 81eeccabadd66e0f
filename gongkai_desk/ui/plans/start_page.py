"""What an empty database shows: three big choices, never a bare empty table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class StartPage(QWidget):
    new_plan = Signal()
    import_plan = Signal()
    load_demo = Signal()
    paste_text = Signal(str)  # Ctrl+V: text copied from a government website

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

        paste_hint = QLabel("也可以从政府网站复制任务分解的文字，在这里按 Ctrl+V 直接粘贴导入。")
        paste_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        paste_hint.setStyleSheet("color: #555;")
        self.paste_action = QAction("粘贴文字导入", self)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_action.triggered.connect(self._paste)
        self.addAction(self.paste_action)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

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
        layout.addSpacing(16)
        layout.addWidget(paste_hint)
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

    def _paste(self) -> None:
        text = QApplication.clipboard().text()
        if text.strip():
            self.paste_text.emit(text)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.setFocus()  # so Ctrl+V reaches the paste action
