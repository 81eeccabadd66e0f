"""Pick a unit from the directory (or type a new one) and its role on a task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QRadioButton, QHBoxLayout, QVBoxLayout,
)

from gongkai_desk.core.model import Role


class UnitPickDialog(QDialog):
    def __init__(self, parent, units) -> None:
        super().__init__(parent)
        self.setWindowTitle("添加单位")
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for u in units:
            self.unit.addItem(f"{u.name}（单位组）" if u.is_group else u.name, u.name)
        self.unit.setCurrentIndex(-1)
        self.unit.lineEdit().setPlaceholderText("输入或选择单位名称")
        completer = QCompleter([u.name for u in units], self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit.setCompleter(completer)
        self.unit.setMinimumWidth(300)
        self.lead = QRadioButton("牵头单位")
        self.responsible = QRadioButton("责任单位")
        self.responsible.setChecked(True)
        roles = QHBoxLayout()
        roles.addWidget(self.lead)
        roles.addWidget(self.responsible)
        roles.addStretch(1)
        form = QFormLayout()
        form.addRow("单位", self.unit)
        form.addRow("角色", roles)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("名录中没有的单位会自动加入单位名录。"))
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def unit_name(self) -> str:
        text = self.unit.currentText().strip()
        index = self.unit.findText(text)
        if index >= 0 and self.unit.itemData(index):
            return self.unit.itemData(index)
        return text.removesuffix("（单位组）")

    def role(self) -> Role:
        return Role.LEAD if self.lead.isChecked() else Role.RESPONSIBLE
