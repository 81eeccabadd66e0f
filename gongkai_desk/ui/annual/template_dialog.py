"""导出统计表: one blank workbook, or one per sub-unit with the unit written in it (so the
returned workbooks name who filled them in, and the import lists who has not returned one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem,
    QRadioButton, QVBoxLayout, QWidget,
)

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.ui.ops import show_error


class TemplateDialog(QDialog):
    """Choose: one blank statistics workbook, or one for each of the checked units."""

    def __init__(self, units: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出统计表")
        layout = QVBoxLayout(self)
        self.single = QRadioButton("导出一份空白统计表")
        self.per_unit = QRadioButton("为下列单位各导出一份（表内写明填报单位，收回导入时可核对哪些单位未报）")
        layout.addWidget(self.single)
        layout.addWidget(self.per_unit)
        self.list = QListWidget()
        for name in units:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        if not units:
            layout.addWidget(QLabel("单位名录中还没有单位：只能导出一份空白统计表。"))
        self.per_unit.setEnabled(bool(units))
        (self.per_unit if units else self.single).setChecked(True)
        self.per_unit.toggled.connect(self.list.setEnabled)
        self.list.setEnabled(self.per_unit.isChecked())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def chosen_units(self) -> list[str]:
        """The checked units (empty: one blank workbook)."""
        if not self.per_unit.isChecked():
            return []
        items = (self.list.item(i) for i in range(self.list.count()))
        return [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]


def template_name(year: int, unit: str | None = None) -> str:
    return f"{year}年政府信息公开统计表" + (f"（{unit}）" if unit else "") + ".xlsx"


def export_templates(parent: QWidget, year: int, folder: str, units: list[str], office: str = "") -> list[Path]:
    """Ask what to export and where; write the workbook(s); return the files written (``office``:
    the files' author)."""
    from gongkai_desk.core.exchange.stats_workbook import write_template

    dialog = TemplateDialog(units, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    chosen = dialog.chosen_units()
    if dialog.per_unit.isChecked() and not chosen:
        show_error(parent, "没有勾选任何单位，未导出统计表。")
        return []
    try:
        if not chosen:
            path, _ = QFileDialog.getSaveFileName(parent, "导出统计表", str(Path(folder) / template_name(year)),
                                                  "Excel 工作簿 (*.xlsx)")
            return [write_template(year, Path(path), office=office)] if path else []
        target = QFileDialog.getExistingDirectory(parent, f"把{len(chosen)}份统计表保存到", folder)
        if not target:
            return []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return [write_template(year, Path(target) / template_name(year, u), unit=u, office=office)
                    for u in chosen]
        finally:
            QApplication.restoreOverrideCursor()
    except (GongkaiError, OSError) as e:
        show_error(parent, f"统计表未能导出：{e}")
        return []
