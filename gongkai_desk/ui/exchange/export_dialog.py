"""文件 → 导出反馈表: choose the units, the due date and the folder; the workbooks are written in the
background, then the round is recorded (one undoable step)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.ui.ops import Bus, confirm, run_in_background, run_op, show_error

DIR_KEY = "export/feedback_dir"
DEFAULT_DAYS = 14


class ExportFeedbackDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, title: str, units: list[tuple[int, str]], groups: list[str],
                 folder: str, office_line: str, office_missing: bool, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出反馈表")
        intro = QLabel(f"为“{title}”的每个单位生成一份反馈表（Excel 工作簿），只含该单位的任务，"
                       "已填入上次采纳的落实情况。发给各单位填写后收回，用“收集反馈表”核对后接受。")
        intro.setWordWrap(True)

        self.units = QListWidget()
        for uid, name in units:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.units.addItem(item)
        for name in groups:
            item = QListWidgetItem(f"{name}（单位组：请先在任务中展开为成员单位）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.units.addItem(item)
        self.units.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        all_on, all_off = QPushButton("全选"), QPushButton("全不选")
        all_on.clicked.connect(lambda: self._check_all(True))
        all_off.clicked.connect(lambda: self._check_all(False))
        self.count = QLabel()
        self.units.itemChanged.connect(lambda _item: self._update_count())
        pick = QHBoxLayout()
        pick.addWidget(all_on)
        pick.addWidget(all_off)
        pick.addStretch(1)
        pick.addWidget(self.count)

        self.use_due = QCheckBox("请各单位于")
        self.use_due.setChecked(True)
        self.due = QDateEdit(QDate(today or dt.date.today()).addDays(DEFAULT_DAYS))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy年M月d日")
        self.use_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.use_due)
        due_row.addWidget(self.due)
        due_row.addWidget(QLabel("前反馈"))
        due_row.addStretch(1)

        self.folder = QLineEdit(folder)
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        self.office = QLabel(office_line)
        self.office.setWordWrap(True)
        if office_missing:
            self.office.setStyleSheet("color: #b00000;")

        form = QFormLayout()
        form.addRow("截止日期", due_row)
        form.addRow("保存到文件夹", folder_row)
        form.addRow("联系方式", self.office)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("发给哪些单位"))
        layout.addWidget(self.units, 1)
        layout.addLayout(pick)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_count()
        self.resize(self.fontMetrics().horizontalAdvance("示") * 40, self.sizeHint().height())

    def _check_all(self, on: bool) -> None:
        for i in range(self.units.count()):
            item = self.units.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update_count(self) -> None:
        self.count.setText(f"已选{len(self.unit_ids())}个单位")

    def unit_ids(self) -> list[int]:
        return [self.units.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.units.count())
                if self.units.item(i).checkState() == Qt.CheckState.Checked
                and self.units.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable]

    def due_date(self) -> dt.date | None:
        return self.due.date().toPython() if self.use_due.isChecked() else None

    def out_folder(self) -> Path:
        return Path(self.folder.text().strip())

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "保存反馈表的文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def accept(self) -> None:  # noqa: D102 - checks before closing
        if not self.unit_ids():
            QMessageBox.warning(self, "请选择单位", "请至少勾选一个单位。")
            return
        if not self.folder.text().strip():
            QMessageBox.warning(self, "请选择文件夹", "请填写或选择保存反馈表的文件夹。")
            return
        super().accept()


def _office_line(office) -> tuple[str, bool]:
    parts = [x for x in (office.name + office.department, office.contact, office.phone) if x]
    if not office.phone:
        return ("还没有填写本机关的联系电话（设置 → 本机关信息），填报说明中将没有联系方式。"
                + (f"现有：{'，'.join(parts)}。" if parts else "")), True
    return f"填报说明中写明：{'，'.join(parts)}（在“设置 → 本机关信息”中修改）。", False


def export_feedback(parent: QWidget, ws, bus: Bus, plan_id: int, settings) -> list[Path] | None:
    """Ask, write the round's workbooks in the background, record the round; return the files."""
    try:
        plan = ws.plans.get(plan_id)
        units, groups = ws.feedback.plan_units(plan_id)
        number = len(ws.feedback.rounds(plan_id)) + 1
    except GongkaiError as e:
        show_error(parent, str(e), "无法导出反馈表")
        return None
    if not units:
        show_error(parent, "这个计划的任务还没有落实到具体单位，无法发放反馈表。请先为任务添加牵头单位或责任单位。",
                   "无法导出反馈表")
        return None
    base = Path(settings.value(DIR_KEY, str(Path.home())))
    line, missing = _office_line(ws.settings.office())
    dialog = ExportFeedbackDialog(parent, title=plan.title, units=units, groups=groups,
                                  folder=str(base / f"{plan.year}年反馈表第{number}轮"), office_line=line,
                                  office_missing=missing)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    draft = run_op(parent, bus, lambda: ws.feedback.prepare(plan_id, dialog.unit_ids(), dialog.due_date()),
                   error_title="无法导出反馈表")
    if draft is None:
        return None
    folder = dialog.out_folder()
    existing = [s.file_name for s in draft.sheets if (folder / s.file_name).exists()]
    if existing and not confirm(parent, "文件已存在", f"文件夹中已有{len(existing)}份同名反馈表（如“{existing[0]}”），"
                                                    "要替换它们吗？"):
        return None
    from gongkai_desk.core.exchange.feedback_workbook import write_round

    paths = run_in_background(parent, lambda: write_round(draft.sheets, folder),
                              label=f"正在生成{len(draft.sheets)}份反馈表…", error_title="无法导出反馈表")
    if paths is None:
        return None
    if run_op(parent, bus, lambda: ws.feedback.record_round(draft), initiator=parent,
              done=f"已导出第{draft.number}轮反馈表{len(paths)}份（可撤销发放记录）") is None:
        return None
    settings.setValue(DIR_KEY, str(folder.parent))
    box = QMessageBox(QMessageBox.Icon.Information, "已导出反馈表",
                      f"已为{len(paths)}个单位生成第{draft.number}轮反馈表，保存在：\n{folder}\n\n"
                      "请把每个文件发给对应的单位。收回后用“文件 → 收集反馈表”核对并接受。", parent=parent)
    open_button = box.addButton("打开文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    return paths
