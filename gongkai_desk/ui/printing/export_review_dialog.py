"""The 导出回头看表 / 打印预览 options dialog and the two actions the main window calls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.reports.review import default_title
from gongkai_desk.core.reports.review_model import COLUMNS, DEFAULT_COLUMNS, ReviewOptions

FORMATS = (("Word 文档（.docx）", ".docx"), ("Excel 表格（.xlsx）", ".xlsx"), ("PDF 文件（.pdf）", ".pdf"))
_DIR_KEY = "export/review_dir"


def chinese_date(day: dt.date) -> str:
    """Return a date as official documents print it: 2026年1月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


class ExportReviewDialog(QDialog):
    """Ask for the review table's columns, scope, title and, unless printing, the file."""

    def __init__(self, parent: QWidget | None = None, *, year: int, for_print: bool = False,
                 folder: str | None = None, maker: str = "", today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.for_print = for_print
        self.setWindowTitle("打印预览回头看表" if for_print else "导出回头看表")
        self._folder = folder or str(Path.home())
        self._year = year
        intro = "选择要打印的列和范围，确定后显示打印预览。" if for_print else \
            "选择列、范围和格式，导出本计划的落实情况表（回头看）。"

        self.column_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (key, header) in enumerate(COLUMNS.items()):
            box = QCheckBox("工作任务（分组行）" if key == "section" else header)
            box.setChecked(key in DEFAULT_COLUMNS)
            self.column_boxes[key] = box
            grid.addWidget(box, i // 4, i % 4)
        columns = QGroupBox("列")
        columns.setLayout(grid)

        self.whole = QRadioButton("全部任务一张表")
        self.per_unit = QRadioButton("按单位分表（单位台账）")
        self.whole.setChecked(True)
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.whole)
        self._scope.addButton(self.per_unit)
        self.repeat_unit = QCheckBox("分表时每行仍列出本单位")
        self.repeat_unit.setChecked(True)
        self.repeat_unit.setEnabled(False)
        self.per_unit.toggled.connect(self.repeat_unit.setEnabled)
        self.unfinished = QCheckBox("仅列未完成或逾期的任务")
        scope = QHBoxLayout()
        for w in (self.whole, self.per_unit, self.repeat_unit):
            scope.addWidget(w)
        scope.addStretch(1)

        self.title = QLineEdit(default_title(year))
        self.title.setMinimumWidth(380)
        self.maker = QLineEdit(maker)
        self.maker.setPlaceholderText("如：××区人民政府办公室（可不填）")
        self.date = QLineEdit(chinese_date(today or dt.date.today()))
        self.date.setPlaceholderText("如：2026年11月23日（可不填）")

        form = QFormLayout()
        form.addRow("范围", scope)
        form.addRow("", self.unfinished)
        form.addRow("标题", self.title)
        form.addRow("制表单位", self.maker)
        form.addRow("日期", self.date)

        self.format = QComboBox()
        for label, suffix in FORMATS:
            self.format.addItem(label, suffix)
        self.path = QLineEdit(str(Path(self._folder) / f"{default_title(year)}.docx"))
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        self.browse_button = browse
        self.format.currentIndexChanged.connect(self._format_changed)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        if not for_print:
            form.addRow("格式", self.format)
            form.addRow("保存到", file_row)
        else:
            self.format.hide()
            self.path.hide()
            browse.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("打印预览" if for_print else "导出")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(intro))
        layout.addWidget(columns)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> ReviewOptions:
        """Return the options as chosen (columns in the standard order)."""
        return ReviewOptions(
            columns=tuple(k for k, box in self.column_boxes.items() if box.isChecked()),
            per_unit=self.per_unit.isChecked(),
            unfinished_only=self.unfinished.isChecked(),
            title=self.title.text().strip() or None,
            maker=self.maker.text().strip() or None,
            date=self.date.text().strip() or None,
            repeat_unit=self.repeat_unit.isChecked(),
        )

    def out_path(self) -> Path:
        """Return the chosen file, its suffix matching the chosen format."""
        suffix = self.format.currentData()
        path = Path(self.path.text().strip())
        if path.suffix.lower() in {s for _, s in FORMATS}:
            return path.with_suffix(suffix)
        return path.with_name(path.name + suffix)

    def _format_changed(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(self.out_path()))

    def _browse(self) -> None:
        suffix = self.format.currentData()
        label = self.format.currentText()
        name, _ = QFileDialog.getSaveFileName(self, "保存回头看表", str(self.out_path()), f"{label} (*{suffix})")
        if name:
            self.path.setText(name)
            self._format_changed()

    def accept(self) -> None:  # noqa: D102 - checks before closing
        chosen = [k for k, box in self.column_boxes.items() if box.isChecked() and k != "section"]
        if not chosen:
            QMessageBox.warning(self, "请选择列", "请至少勾选一列（“工作任务”只作为分组行）。")
            return
        if not self.for_print:
            text = self.path.text().strip()
            if not text:
                QMessageBox.warning(self, "请选择文件", "请填写或选择保存位置。")
                return
            if not self.out_path().parent.is_dir():
                QMessageBox.warning(self, "文件夹不存在", f"文件夹“{self.out_path().parent}”不存在，请重新选择保存位置。")
                return
        super().accept()


def _settings() -> QSettings:
    from gongkai_desk.ui.user_settings import user_settings

    return user_settings()  # beside the data (GONGKAI_DESK_HOME), never the registry


def _plan_year(ws, plan_id: int) -> int:
    return ws.plans.get(plan_id).year


def export_review_interactive(parent: QWidget | None, ws, plan_id: int) -> Path | None:
    """Ask for options, export the review table, report errors in Chinese; return the file or None."""
    from gongkai_desk.core.exporters.review import export_review
    from gongkai_desk.ui.printing.print_review import write_pdf

    try:
        year = _plan_year(ws, plan_id)
    except GongkaiError as e:
        QMessageBox.warning(parent, "无法导出", str(e))
        return None
    dialog = ExportReviewDialog(parent, year=year, folder=_settings().value(_DIR_KEY, None))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path, options = dialog.out_path(), dialog.options()
    if path.exists():
        answer = QMessageBox.question(parent, "文件已存在", f"“{path.name}”已存在，要替换它吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return None
    from gongkai_desk.core.errors import Cancelled
    from gongkai_desk.ui.publication import review_prepare

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        written = export_review(ws, plan_id, path, options, pdf_writer=write_pdf, prepare=review_prepare(parent))
    except Cancelled:
        QApplication.restoreOverrideCursor()
        return None
    except GongkaiError as e:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "导出失败", str(e))
        return None
    except OSError as e:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "导出失败", f"无法写入“{path}”：{e.strerror or '磁盘或权限错误'}。请换一个位置再试。")
        return None
    QApplication.restoreOverrideCursor()
    _settings().setValue(_DIR_KEY, str(written.parent))
    return written


def print_preview_interactive(parent: QWidget | None, ws, plan_id: int) -> bool:
    """Ask for options, then show the print preview (printing happens from it). False if cancelled."""
    from gongkai_desk.core.reports.review import build_review
    from gongkai_desk.ui.printing.print_review import show_print_preview

    try:
        year = _plan_year(ws, plan_id)
    except GongkaiError as e:
        QMessageBox.warning(parent, "无法打印预览", str(e))
        return False
    dialog = ExportReviewDialog(parent, year=year, for_print=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        doc = build_review(ws, plan_id, dialog.options())
    except GongkaiError as e:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "无法打印预览", str(e))
        return False
    QApplication.restoreOverrideCursor()
    from gongkai_desk.core.errors import Cancelled
    from gongkai_desk.ui.publication import review_prepare

    try:  # printed or saved as PDF from the preview, it may be published too
        doc = review_prepare(parent)(doc)
    except Cancelled:
        return False
    show_print_preview(parent, doc)
    return True
