"""设置完成状态 for several tasks at once: which unit (or all of them) and which status."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from gongkai_desk.core.model import STATUS_ORDER, Status


class BatchStatusDialog(QDialog):
    def __init__(self, parent, tasks: int, units: list[tuple[int, str, int]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置完成状态")
        self.tasks = tasks
        self.unit = QComboBox()
        self.unit.addItem("全部单位", None)
        for uid, name, count in units:
            self.unit.addItem(f"{name}（{count}项任务）", uid)
        self.status_combo = QComboBox()
        self.status_combo.addItems([s.value for s in STATUS_ORDER])
        self.status_combo.setCurrentText(Status.DONE.value)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        form = QFormLayout()
        form.addRow("单位", self.unit)
        form.addRow("完成状态", self.status_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sentence)
        layout.addWidget(self.buttons)
        self.unit.currentIndexChanged.connect(self._say)
        self.status_combo.currentIndexChanged.connect(self._say)
        self._say()

    def _say(self) -> None:
        who = "全部单位" if self.unit.currentData() is None else f"“{self.unit.currentText().split('（')[0]}”"
        self.sentence.setText(f"将把所选{self.tasks}项任务中{who}的完成状态设为“{self.status()}”，"
                              "作为一步操作，可以用“撤销”(Ctrl+Z)恢复。")

    def unit_id(self) -> int | None:
        return self.unit.currentData()

    def status(self) -> str:
        return self.status_combo.currentText()
