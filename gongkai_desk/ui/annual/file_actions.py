"""导出统计表 / 导入统计表 / 导出年度报告: file dialogs around the core functions."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QMessageBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.rules import RuleFailure, errors
from gongkai_desk.core.annual.stats import Stats, StatsValueError
from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.ui.ops import show_error

BLANK = "（未填）"


class ImportPreviewDialog(QDialog):
    """Show what an import would change, cell by cell, before it is stored.

    A blank cell in the files means "not filled in there": it keeps the stored number unless
    the clerk ticks the box that lets blanks clear the stored numbers (the rows then show it).
    """

    def __init__(self, current: Stats, incoming: Stats, files: list[str],
                 parent: QWidget | None = None, *, sources: str = "",
                 trace: Callable[[str], str] | None = None) -> None:
        super().__init__(parent)
        self.current, self.incoming, self.trace = current, incoming, trace
        self.setWindowTitle("导入统计表：确认变化")
        layout = QVBoxLayout(self)
        names = "、".join(files)
        summed = "（多个文件的数字已逐格相加）" if len(files) > 1 else ""
        self.head = QLabel()
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        self.names, self.summed = names, summed
        self.sources = QLabel(sources)
        self.sources.setWordWrap(True)
        self.sources.setVisible(bool(sources))
        layout.addWidget(self.sources)
        kept = current.kept_by_blanks(incoming)
        self.replace_box = QCheckBox(f"文件中有{len(kept)}个单元格空白而已保存的数据中有数字："
                                     "也用空白清空这些数字（一般不需要）")
        self.replace_box.setVisible(bool(kept))
        self.replace_box.toggled.connect(lambda _c: self._fill())
        layout.addWidget(self.replace_box)
        columns = ["单元格", "当前", "导入后"] + (["由各单位相加"] if trace else [])
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels(columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存导入的数据")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()
        self.resize(760, 520)

    def result_stats(self) -> Stats:
        """The cells to store: the merge (or, with the box ticked, the files' cells as they are)."""
        return self.current.merged(self.incoming, replace=self.replace_box.isChecked())

    def _fill(self) -> None:
        diff = self.current.diff(self.result_stats())
        self.diff = diff
        self.head.setText(
            f"将从 {self.names} 导入统计数据{self.summed}，共有{len(diff)}个单元格会改变。"
            "保存后可用“撤销”恢复。" if diff else f"{self.names} 中的数字与当前数据完全相同，无需导入。")
        self.table.setRowCount(len(diff))
        for r, (key, old, new) in enumerate(diff):
            texts = [fmt.cell_label(key), old or BLANK, new or BLANK]
            if self.trace:
                texts.append(self.trace(key) if new is not None else "")
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.save_button.setEnabled(bool(diff))


def pick_import(parent: QWidget, year: int, folder: str, current: Stats, *,
                expected: list[str] | None = None,
                canonical: Callable[[str], str] = str) -> Stats | None:
    """Ask for one or several workbooks (or a .json), read and sum them, confirm the changes.

    For workbooks the preview names each returned unit, lists the ``expected`` units that have
    not returned one, and traces each summed cell to its parts.
    """
    from gongkai_desk.core.exchange.stats_file import read_stats_file
    from gongkai_desk.core.exchange.stats_returns import read_returns

    paths, _ = QFileDialog.getOpenFileNames(
        parent, "导入统计表（可多选，多个文件逐格相加）", folder,
        "统计表 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON (*.json)")
    if not paths:
        return None
    sources, trace = "", None
    try:
        workbooks = [Path(p) for p in paths if not p.lower().endswith(".json")]
        if len(workbooks) == len(paths):
            returns = read_returns(workbooks, year)
            stats = returns.total
            sources = returns.summary(returns.missing(expected or [], canonical))
            trace = returns.trace if len(returns.parts) > 1 else None
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
    dialog = ImportPreviewDialog(current, stats, [Path(p).name for p in paths], parent,
                                 sources=sources, trace=trace)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.diff:
        return None
    return dialog.result_stats()


def show_rule_failures(parent: QWidget, failures: list[RuleFailure], title: str, head: str) -> None:
    """Show the failing checks as one message (the same lines the CLI prints)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, head, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("\n".join(f"{i}. {f.as_line()}" for i, f in enumerate(failures[:12], 1))
                           + (f"\n……共{len(failures)}项" if len(failures) > 12 else ""))
    box.exec()


def export_report(parent: QWidget, year: int, folder: str, failures: list[RuleFailure],
                  export: Callable[[Path], Path], *, draft: bool = False) -> Path | None:
    """Refuse while errors remain (unless a draft); otherwise ask for a .docx/.xlsx path and export."""
    from gongkai_desk.core.exporters.annual import output_path

    bad = errors(failures)
    if bad and not draft:
        show_rule_failures(parent, bad, "不能导出年度报告",
                           f"年度报告还有{len(bad)}个问题，改正后才能导出（也可以先“导出草稿”供审阅）。"
                           "问题已在右侧“检查结果”中列出，点击可转到相关位置：")
        return None
    name = f"{year}年政府信息公开工作年度报告" + ("（草稿）" if draft else "")
    path, chosen = QFileDialog.getSaveFileName(
        parent, "导出年度报告草稿" if draft else "导出年度报告", str(Path(folder) / f"{name}.docx"),
        "Word 文档 (*.docx);;Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    p = Path(path)
    if p.suffix.lower() not in (".docx", ".xlsx"):
        p = p.with_suffix(".xlsx" if "xlsx" in chosen else ".docx")
    p = output_path(p, draft=draft)
    from gongkai_desk.core.errors import Cancelled

    try:
        out = export(p)
    except Cancelled:
        return None
    except GongkaiError as e:
        show_error(parent, str(e), "不能导出年度报告")
        return None
    except OSError as e:
        show_error(parent, f"年度报告未能写入“{p}”：{e.strerror or e}。文件可能正在 Word/WPS 中打开。")
        return None
    warnings = [f for f in failures if not f.is_error]
    if warnings and not draft:
        show_rule_failures(parent, warnings, "已导出年度报告",
                           f"已导出到 {out}。请留意以下{len(warnings)}项提示：")
    return out
