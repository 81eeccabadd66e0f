"""导出统计表 / 导入统计表 / 导出年度报告: file dialogs around the core functions."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QMessageBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.rules import RuleFailure, errors
from gongkai_desk.core.annual.stats import Stats, StatsValueError
from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.ui.ops import show_error

BLANK = "（未填）"


class ImportPreviewDialog(QDialog):
    """Show what an import would change, cell by cell, before it is stored."""

    def __init__(self, diff: list[tuple[str, str | None, str | None]], files: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入统计表：确认变化")
        layout = QVBoxLayout(self)
        names = "、".join(files)
        summed = "（多个文件的数字已逐格相加）" if len(files) > 1 else ""
        layout.addWidget(QLabel(
            f"将从 {names} 导入统计数据{summed}，共有{len(diff)}个单元格会改变。"
            "保存后可用“撤销”恢复。" if diff else f"{names} 中的数字与当前数据完全相同，无需导入。"))
        table = QTableWidget(len(diff), 3)
        table.setHorizontalHeaderLabels(["单元格", "当前", "导入后"])
        for r, (key, old, new) in enumerate(diff):
            for c, text in enumerate((fmt.cell_label(key), old or BLANK, new or BLANK)):
                table.setItem(r, c, QTableWidgetItem(text))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存导入的数据")
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(diff))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 480)


def export_template(parent: QWidget, year: int, folder: str, office: str = "") -> Path | None:
    """Ask where to save the statistics workbook and write it (``office``: its author)."""
    from gongkai_desk.core.exchange.stats_workbook import write_template

    path, _ = QFileDialog.getSaveFileName(
        parent, "导出统计表", str(Path(folder) / f"{year}年政府信息公开统计表.xlsx"),
        "Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    try:
        return write_template(year, Path(path), office=office)
    except (GongkaiError, OSError) as e:
        show_error(parent, f"统计表未能导出：{e}")
        return None


def pick_import(parent: QWidget, year: int, folder: str, current: Stats) -> Stats | None:
    """Ask for one or several workbooks (or a .json), read and sum them, confirm the changes."""
    from gongkai_desk.core.exchange.stats_file import read_stats_file
    from gongkai_desk.core.exchange.stats_workbook import read_workbooks

    paths, _ = QFileDialog.getOpenFileNames(
        parent, "导入统计表（可多选，多个文件逐格相加）", folder,
        "统计表 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON (*.json)")
    if not paths:
        return None
    try:
        workbooks = [Path(p) for p in paths if not p.lower().endswith(".json")]
        if len(workbooks) == len(paths):
            stats = read_workbooks(workbooks, year)
        elif len(paths) == 1:
            stats = read_stats_file(Path(paths[0]), year)
        else:
            show_error(parent, "JSON 文件只能单独导入，不能与统计表一起相加。")
            return None
    except StatsValueError as e:
        show_error(parent, str(e), "统计表内容不符合要求，未导入")
        return None
    except (GongkaiError, OSError) as e:
        show_error(parent, str(e), "无法导入统计表")
        return None
    diff = current.diff(stats)
    dialog = ImportPreviewDialog(diff, [Path(p).name for p in paths], parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not diff:
        return None
    return stats


def show_rule_failures(parent: QWidget, failures: list[RuleFailure], title: str, head: str) -> None:
    """Show the failing rules as one message (the same lines the CLI prints)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, head, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("\n".join(f"{f.rule_id}：{f.message}" for f in failures[:12])
                           + (f"\n……共{len(failures)}项" if len(failures) > 12 else ""))
    box.exec()


def export_report(parent: QWidget, year: int, folder: str, failures: list[RuleFailure],
                  export: Callable[[Path], Path]) -> Path | None:
    """Refuse while error rules fail; otherwise ask for a .docx/.xlsx path and export."""
    bad = errors(failures)
    if bad:
        show_rule_failures(parent, bad, "不能导出年度报告",
                           f"统计数据有{len(bad)}项错误，改正后才能导出。错误已在右侧“检查结果”中列出：")
        return None
    path, chosen = QFileDialog.getSaveFileName(
        parent, "导出年度报告", str(Path(folder) / f"{year}年政府信息公开工作年度报告.docx"),
        "Word 文档 (*.docx);;Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    p = Path(path)
    if p.suffix.lower() not in (".docx", ".xlsx"):
        p = p.with_suffix(".xlsx" if "xlsx" in chosen else ".docx")
    try:
        out = export(p)
    except GongkaiError as e:
        show_error(parent, str(e), "不能导出年度报告")
        return None
    except OSError as e:
        show_error(parent, f"年度报告未能写入“{p}”：{e.strerror or e}。文件可能正在 Word/WPS 中打开。")
        return None
    warnings = [f for f in failures if not f.is_error]
    if warnings:
        show_rule_failures(parent, warnings, "已导出年度报告",
                           f"已导出到 {out}。请留意以下{len(warnings)}项提示：")
    return out
