"""催办 one unit: choose its tasks, record how it was chased (电话/书面/OA/当面), whom the clerk
reached and what they answered; optionally write the unit's 催办通知 (.docx) first."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout,
)

from gongkai_desk.core.edits.chasing import WAYS
from gongkai_desk.ui.ops import Bus, run_op, show_error


class ChaseDialog(QDialog):
    def __init__(self, parent, ws, bus: Bus, plan_id: int, unit_id: int, items, overview, *,
                 checked: int | None = None, settings=None) -> None:
        super().__init__(parent)
        self.ws, self.bus, self.plan_id, self.unit_id = ws, bus, plan_id, unit_id
        self.items, self.overview, self.settings = items, overview, settings
        self.unit = ws.units.get(unit_id)
        self.setWindowTitle(f"催办{self.unit.name}")
        self.tasks = QListWidget()
        for i in items:
            row = QListWidgetItem(f"任务{i.number or ''}　{i.light.word}　{i.text}")
            row.setData(Qt.ItemDataRole.UserRole, i.task_id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if checked in (None, i.task_id) else Qt.CheckState.Unchecked)
            row.setToolTip(i.text)
            self.tasks.addItem(row)
        self.way = QComboBox()
        self.way.addItems(list(WAYS))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.person = QLineEdit()
        self.person.setPlaceholderText("如：办公室王科长（只记联系人，通报中不出现个人）")
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText("对方的答复，如：本周五前报送落实情况")
        self.answer.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form = QFormLayout()
        form.addRow("催办方式", self.way)
        form.addRow("催办日期", self.date)
        form.addRow("联系人", self.person)
        form.addRow("答复情况", self.answer)
        self.notice_button = QPushButton("生成催办通知…")
        self.notice_button.setToolTip("把勾选的任务写成一份催办通知（Word，公文格式）")
        self.notice_button.clicked.connect(self._notice)
        if self.unit.is_group:  # a group has no 催办通知 of its own (nor a feedback workbook)
            self.notice_button.setEnabled(False)
            self.notice_button.setToolTip("单位组没有单独的催办通知，请先在任务中把它展开为成员单位")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("记录催办")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.addButton(self.notice_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._record)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"“{self.unit.name}”逾期或临近期限的任务（勾选本次催办涉及的任务）："))
        layout.addWidget(self.tasks, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def task_ids(self) -> list[int]:
        return [self.tasks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.tasks.count())
                if self.tasks.item(i).checkState() == Qt.CheckState.Checked]

    def _date(self) -> _dt.date:
        d = self.date.date()
        return _dt.date(d.year(), d.month(), d.day())

    def _record(self) -> None:
        ids, way, day = self.task_ids(), self.way.currentText(), self._date()
        person, answer = self.person.text(), self.answer.toPlainText()
        done = run_op(self, self.bus, lambda: self.ws.chasing.record(self.unit_id, ids, way=way, date=day,
                                                                     person=person, answer=answer),
                      done=f"已记录{way}催办{self.unit.name}（可撤销）")
        if done is not None:
            self.accept()

    def _notice(self) -> None:
        from pathlib import Path

        from gongkai_desk.core.exporters.docx.chasing import write_chasing_docx
        from gongkai_desk.core.exporters.overview import chasing_file_name, chasing_notices
        from gongkai_desk.core.files import write_atomic
        from gongkai_desk.ui.ops import failure_text

        ids = set(self.task_ids())
        if not ids:
            show_error(self, "请至少勾选一项任务。")
            return
        [notice] = chasing_notices(self.ws, self.plan_id, overview=self.overview, units=[self.unit.name])
        from dataclasses import replace

        notice = replace(notice, items=tuple(i for i in notice.items if i.task_id in ids))
        folder = self.settings.value("last_export_dir", "") if self.settings is not None else ""
        name = chasing_file_name(notice.unit, notice.date)
        path, _ = QFileDialog.getSaveFileName(self, "保存催办通知", str(Path(folder) / name) if folder else name,
                                              "Word 文档 (*.docx)")
        if not path:
            return
        if self.settings is not None:
            self.settings.setValue("last_export_dir", str(Path(path).parent))
        try:
            written = write_atomic(path if path.lower().endswith(".docx") else path + ".docx",
                                   lambda tmp: write_chasing_docx(notice, tmp))
        except Exception as e:  # noqa: BLE001
            text = failure_text(e)
            if text is None:
                raise
            show_error(self, text, "无法保存催办通知")
            return
        self.way.setCurrentText("书面")
        self.bus.message.emit(f"已生成催办通知：{written}")
        from gongkai_desk.ui.exported import offer_open

        offer_open(self, written)
