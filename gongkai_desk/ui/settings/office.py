"""设置 → 本机关信息: the clerk's office, as every document names it (the feedback workbooks' 填报说明
tell units whom to call). Each field saves when the clerk leaves it; undo is the safety net."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gongkai_desk.ui.ops import Bus, run_op

FIELDS = (
    ("name", "机关名称", "如：示例区人民政府办公室"),
    ("department", "科室", "如：政务公开办"),
    ("contact", "联系人", "办理政务公开工作的同志"),
    ("phone", "联系电话", "如：0519-88881234"),
    ("email", "电子邮箱", ""),
    ("address", "地址", ""),
    ("website", "公开专栏网址", "政府信息公开专栏的网址，年度报告的开头写明在此查阅"),
)


class OfficeTab(QWidget):
    def __init__(self, ws, bus: Bus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.bus = ws, bus
        intro = QLabel("这些信息写在导出的反馈表“填报说明”和年度报告的开头，告诉各单位向谁报送、有问题找谁。修改后立即保存，可以撤销。")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label, hint in FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setMaxLength(200)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("示") * 28)
            edit.editingFinished.connect(lambda key=key: self._save(key))
            self.edits[key] = edit
            form.addRow(label, edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        self.reload()
        bus.changed.connect(self._on_changed)

    def reload(self) -> None:
        office = self.ws.settings.office()
        for key, edit in self.edits.items():
            edit.setText(getattr(office, key))

    def _save(self, key: str) -> None:
        text = self.edits[key].text().strip()
        if text != getattr(self.ws.settings.office(), key):
            run_op(self, self.bus, lambda: self.ws.settings.set_office(**{key: text}), done="已保存本机关信息",
                   initiator=self)

    def commit_pending(self) -> None:
        for key in self.edits:
            self._save(key)

    def _on_changed(self, changes, initiator) -> None:
        if changes.settings and initiator is not self:
            self.reload()


def office_tab(ws, bus: Bus, settings) -> QWidget:
    return OfficeTab(ws, bus)
