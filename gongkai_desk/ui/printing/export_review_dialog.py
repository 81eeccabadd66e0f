"""The 导出回头看表 / 打印预览 options dialog and the two actions the plan page calls.

Every field is remembered in the window's QSettings (passed down, never made here): the
columns, scope, options, 制表单位, the title (per plan), the date (today's unless the clerk typed
another), the format and the last folder. Building the table runs through ``run_op`` (it reads
the database on the main thread), writing the file through ``run_in_background``; after an
export the window offers to open the file or its folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from gongkai_desk.core.reports.review import default_title
from gongkai_desk.core.reports.review_model import COLUMNS, DEFAULT_COLUMNS, ReviewOptions
from gongkai_desk.ui.exported import offer_open
from gongkai_desk.ui.ops import Bus, confirm, run_in_background, run_op, show_error

FORMATS = (("Word 文档（.docx）", ".docx"), ("Excel 表格（.xlsx）", ".xlsx"), ("PDF 文件（.pdf）", ".pdf"))
PREFIX = "export/review/"
_DIR_KEY = PREFIX + "dir"
_TODAY = "today"  # stored for the date field: "today's date", whatever day the dialog opens
COLUMN_LABELS = {"alert": "逾期/提示（单列）"}


def chinese_date(day: dt.date) -> str:
    """Return a date as official documents print it: 2026年1月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _flag(value, default: bool) -> bool:
    if value is None:
        return default
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1")


class ExportReviewDialog(QDialog):
    """Ask for the review table's columns, scope, title and, unless printing, the file."""

    def __init__(self, parent: QWidget | None = None, *, year: int, title: str | None = None,
                 for_print: bool = False, settings=None, plan_key: str = "", maker: str = "",
                 today: dt.date | None = None, folder: str | None = None) -> None:
        super().__init__(parent)
        self.for_print = for_print
        self.settings = settings
        self._plan_key = plan_key
        self._today_text = chinese_date(today or dt.date.today())
        self.setWindowTitle("打印预览回头看表" if for_print else "导出回头看表")
        self._default_title = title or default_title(year)
        self._folder = folder or self._value("dir") or str(Path.home())
        intro = "选择要打印的列和范围，确定后显示打印预览。" if for_print else \
            "选择列、范围和格式，导出本计划的落实情况表（回头看）。"

        saved_columns = self._value("columns")
        chosen = set(saved_columns.split(",")) if saved_columns else set(DEFAULT_COLUMNS)
        self.column_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (key, header) in enumerate(COLUMNS.items()):
            box = QCheckBox(COLUMN_LABELS.get(key, header))
            box.setChecked(key in chosen or key == "text")
            if key == "text":  # a review table is about its tasks: the task text is always there
                box.setEnabled(False)
                box.setToolTip("回头看表总是列出任务内容")
            self.column_boxes[key] = box
            grid.addWidget(box, i // 4, i % 4)
        columns = QGroupBox("列")
        columns.setLayout(grid)

        self.whole = QRadioButton("全部任务一张表")
        self.per_unit = QRadioButton("按单位分表（单位台账，各自从第1页编页码）")
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.whole)
        self._scope.addButton(self.per_unit)
        per_unit = _flag(self._value("per_unit"), False)
        self.per_unit.setChecked(per_unit)
        self.whole.setChecked(not per_unit)
        self.repeat_unit = QCheckBox("分表时每行仍列出本单位")
        self.repeat_unit.setChecked(_flag(self._value("repeat_unit"), True))
        self.repeat_unit.setEnabled(per_unit)
        self.per_unit.toggled.connect(self.repeat_unit.setEnabled)
        self.unfinished = QCheckBox("仅列未完成或逾期的任务")
        self.unfinished.setChecked(_flag(self._value("unfinished"), False))
        self.simple_footer = QCheckBox("页码放在横向页面下方（不装订时用；默认按公文格式放在装订后的页脚位置）")
        self.simple_footer.setChecked(_flag(self._value("simple_footer"), False))
        self.section_rows = QCheckBox("Excel 中任务类别作为分组行（默认单列一栏，便于排序和筛选）")
        self.section_rows.setChecked(_flag(self._value("section_rows"), False))
        scope = QHBoxLayout()
        for w in (self.whole, self.per_unit, self.repeat_unit):
            scope.addWidget(w)
        scope.addStretch(1)

        saved_title = self._value(f"title/{plan_key}") if plan_key else None
        self.title = QLineEdit(saved_title or self._default_title)
        self.title.setMinimumWidth(380)
        self.maker = QLineEdit(self._value("maker") if self._value("maker") is not None else maker)
        self.maker.setPlaceholderText("如：××区人民政府办公室（可不填）")
        saved_date = self._value("date")
        self.date = QLineEdit(self._today_text if saved_date in (None, _TODAY) else saved_date)
        self.date.setPlaceholderText("如：2026年11月23日（可不填）")

        form = QFormLayout()
        form.addRow("范围", scope)
        form.addRow("", self.unfinished)
        form.addRow("标题", self.title)
        form.addRow("制表单位", self.maker)
        form.addRow("日期", self.date)
        form.addRow("页码", self.simple_footer)

        self.format = QComboBox()
        for label, suffix in FORMATS:
            self.format.addItem(label, suffix)
        saved_format = self._value("format")
        index = next((i for i, (_, s) in enumerate(FORMATS) if s == saved_format), 0)
        self.format.setCurrentIndex(index)
        self.path = QLineEdit(str(Path(self._folder) / f"{self._safe_name()}{FORMATS[index][1]}"))
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        self.browse_button = browse
        self.format.currentIndexChanged.connect(self._format_changed)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        if not for_print:
            form.addRow("Excel", self.section_rows)
            form.addRow("格式", self.format)
            form.addRow("保存到", file_row)
        else:
            self.section_rows.hide()
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

    def _value(self, key: str):
        return self.settings.value(PREFIX + key) if self.settings is not None else None

    def _safe_name(self) -> str:
        name = self.title.text().strip() if hasattr(self, "title") else ""
        name = name or self._default_title
        return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)

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
            simple_footer=self.simple_footer.isChecked(),
            section_rows=self.section_rows.isChecked(),
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
        if not self.for_print:
            text = self.path.text().strip()
            if not text:
                show_error(self, "请填写或选择保存位置。", "请选择文件")
                return
            if not self.out_path().parent.is_dir():
                show_error(self, f"文件夹“{self.out_path().parent}”不存在，请重新选择保存位置。", "文件夹不存在")
                return
        self.remember()
        super().accept()

    def remember(self) -> None:
        """Store every field for the next time (the title per plan, the date as "today" when it is)."""
        if self.settings is None:
            return
        opts = self.options()
        values = {
            "columns": ",".join(opts.columns), "per_unit": opts.per_unit, "repeat_unit": opts.repeat_unit,
            "unfinished": opts.unfinished_only, "simple_footer": opts.simple_footer,
            "section_rows": opts.section_rows, "maker": self.maker.text().strip(),
            "date": _TODAY if self.date.text().strip() == self._today_text else self.date.text().strip(),
        }
        if self._plan_key:
            title = self.title.text().strip()
            values[f"title/{self._plan_key}"] = "" if title == self._default_title else title
        if not self.for_print:
            values["format"] = self.format.currentData()
            values["dir"] = str(self.out_path().parent)
        for key, value in values.items():
            self.settings.setValue(PREFIX + key, value)


def _dialog(parent, ws, plan_id: int, settings, *, for_print: bool) -> ExportReviewDialog:
    from gongkai_desk.core.reports.review import review_title

    plan = ws.plans.get(plan_id)
    return ExportReviewDialog(parent, year=plan.year, title=review_title(plan.title, plan.year),
                              for_print=for_print, settings=settings, plan_key=str(plan_id),
                              maker=ws.settings.office().name)


def export_review_interactive(parent: QWidget | None, ws, plan_id: int, settings, bus: Bus) -> Path | None:
    """Ask for options, export the review table, then offer to open it; return the file or None."""
    from gongkai_desk.core.exporters.review import write_document
    from gongkai_desk.core.reports.review import build_review
    from gongkai_desk.core.errors import Cancelled
    from gongkai_desk.ui.printing.print_review import write_pdf
    from gongkai_desk.ui.publication import review_prepare

    dialog = run_op(parent, bus, lambda: _dialog(parent, ws, plan_id, settings, for_print=False),
                    error_title="无法导出")
    if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path, options = dialog.out_path(), dialog.options()
    if path.exists() and not confirm(parent, "文件已存在", f"“{path.name}”已存在，要替换它吗？"):
        return None
    doc = run_op(parent, bus, lambda: build_review(ws, plan_id, options), error_title="导出失败")
    if doc is None:
        return None
    try:  # 发布前检查: personal data and secrecy marks, the clerk decides once
        doc = review_prepare(parent)(doc)
    except Cancelled:
        return None
    written = run_in_background(parent, lambda: write_document(doc, path, pdf_writer=write_pdf),
                                label=f"正在导出“{path.name}”…", error_title="导出失败")
    if written is None:
        return None
    offer_open(parent, Path(written))
    return Path(written)


def print_preview_interactive(parent: QWidget | None, ws, plan_id: int, settings, bus: Bus) -> bool:
    """Ask for options, then show the print preview (printing happens from it). False if cancelled."""
    from gongkai_desk.core.reports.review import build_review
    from gongkai_desk.core.errors import Cancelled
    from gongkai_desk.ui.printing.print_review import show_print_preview
    from gongkai_desk.ui.publication import review_prepare

    dialog = run_op(parent, bus, lambda: _dialog(parent, ws, plan_id, settings, for_print=True),
                    error_title="无法打印预览")
    if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    doc = run_op(parent, bus, lambda: build_review(ws, plan_id, dialog.options()), error_title="无法打印预览")
    if doc is None:
        return False
    try:  # printed or saved as PDF from the preview, it may be published too
        doc = review_prepare(parent)(doc)
    except Cancelled:
        return False
    show_print_preview(parent, doc)
    return True
