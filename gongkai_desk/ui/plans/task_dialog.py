"""New task / new section: small forms that say in one line what will happen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
)


def _indent(level: int) -> str:
    return "　" * max(0, level - 1)


class TaskDialog(QDialog):
    """Ask for a task's section, number, text and deadline."""

    def __init__(self, parent, sections, *, section_id=None, number: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("新建任务")
        self.section = QComboBox()
        self.section.addItem("（不属于任何部分）", None)
        for s in sections:
            self.section.addItem(f"{_indent(s.level)}{s.number + '、' if s.number else ''}{s.title}", s.id)
            if s.id == section_id:
                self.section.setCurrentIndex(self.section.count() - 1)
        self.number = QLineEdit(number)
        self.number.setPlaceholderText("如：1")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("任务内容，如：做好财政预决算公开……")
        self.text.setMinimumSize(460, 100)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("如：6月底前、年底前、持续推进")
        form = QFormLayout()
        form.addRow("所属部分", self.section)
        form.addRow("序号", self.number)
        form.addRow("任务内容", self.text)
        form.addRow("完成时限", self.deadline)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("在计划中添加一项任务；牵头单位和责任单位可在右侧详情中添加。"))
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {
            "section_id": self.section.currentData(), "number": self.number.text(),
            "text": self.text.toPlainText(), "deadline": self.deadline.text(),
        }


class SectionDialog(QDialog):
    """Ask for a section's parent, number and title."""

    def __init__(self, parent, sections, *, parent_id=None, section=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改部分" if section else "新建部分")
        self.parent_combo = QComboBox()
        self.parent_combo.addItem("（顶层，如“一、”）", None)
        for s in sections:
            if section and s.id == section.id:
                continue
            self.parent_combo.addItem(f"{_indent(s.level)}{s.number + '、' if s.number else ''}{s.title}", s.id)
            if s.id == parent_id:
                self.parent_combo.setCurrentIndex(self.parent_combo.count() - 1)
        self.parent_combo.setEnabled(section is None)
        self.number = QLineEdit(section.number or "" if section else "")
        self.number.setPlaceholderText("如：一、（一）或 1，只填数字部分")
        self.title = QLineEdit(section.title if section else "")
        self.title.setMinimumWidth(380)
        form = QFormLayout()
        form.addRow("上级部分", self.parent_combo)
        form.addRow("编号", self.number)
        form.addRow("标题", self.title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        number = self.number.text().strip().strip("、.．（）()")
        return {"parent_id": self.parent_combo.currentData(), "number": number, "title": self.title.text()}
