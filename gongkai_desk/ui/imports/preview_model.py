"""The import preview: sections and tasks of a ParsedPlan as a tree, editable before saving.

Edits are written straight back into the ``ParsedTask`` objects, so what the clerk sees is what
``store_plan`` stores. A row that needs a look is highlighted and says why, in Chinese.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem

from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedSection
from gongkai_desk.core.labels import numbered_title
from gongkai_desk.core.model import Status
from gongkai_desk.ui.style import STATUS_BACKGROUND, STATUS_FOREGROUND

COL_NUMBER, COL_TEXT, COL_LEAD, COL_RESP, COL_DEADLINE, COL_STATUS, COL_REASON = range(7)
HEADERS = ("序号", "任务内容", "牵头单位", "责任单位", "完成时限", "完成状态", "需要确认的原因")
TaskIndexRole = Qt.ItemDataRole.UserRole + 1
FLAGGED_BACKGROUND = QColor("#fff1c9")
SECTION_BACKGROUND = QColor("#eef2f7")

# Flag codes of the parser (and our own) → what the clerk reads.
FLAG_REASONS = {
    "units_inherited": "单位沿用上一行（合并单元格）",
    "text_repaired": "文字因编码错位已自动修复",
    "text_uncertain": "文字中可能有乱码，请对照原文",
    "no_units": "没有找到牵头单位或责任单位",
    "fragment_dropped": "单位栏有残缺文字已忽略",
    "heading_number_inferred": "序号是推断的",
    "number_uncertain": "序号不确定",
    "number_inferred": "序号是推断的",
    "units_for_all_below": "按“以下均需…落实”补充了单位",
    "cell_unplaced": "表格中有放不进任何一列的内容",
    "unknown_unit": "单位名录中没有这个单位",
    "status_uncertain": "完成状态是按原文推断的，请确认",
    "status_unrecognized": "原文的完成状态无法识别，已记为未启动，原文见落实情况",
    "category_inferred": "上一行只有分类名称，已作为本任务的分类导入",
    "text_from_group": "本行的任务内容栏是空的，已用所在分组（合并单元格）的文字作为任务内容",
}
_TEXT_FLAGS = {"text_repaired", "text_uncertain", "text_from_group"}
_UNIT_FLAGS = {"units_inherited", "no_units", "fragment_dropped"}
_NUMBER_FLAGS = {"heading_number_inferred", "number_uncertain", "number_inferred"}
_SPLIT_RE = re.compile(r"[、,，;；\s]+")
_Index = QModelIndex | QPersistentModelIndex


def flag_reason(code: str) -> str:
    """The Chinese reason for a flag code (never the code itself)."""
    return FLAG_REASONS.get(code, "识别结果不确定")


def section_label(s: ParsedSection) -> str:
    """"一、标题", "（一）标题", "1. 标题" as written in the document."""
    return numbered_title(s.level, s.number, s.title)


def split_units(text: str) -> list[str]:
    """Read a 、-separated unit list as the clerk typed it."""
    out: list[str] = []
    for name in _SPLIT_RE.split(text or ""):
        name = name.strip()
        if name and name not in out:
            out.append(name)
    return out


class ImportPreviewModel(QStandardItemModel):
    """A tree of sections (spanned rows) with their tasks as children."""

    task_edited = Signal(int, int)  # task index, column

    def __init__(self, parsed: ParsedPlan, parent=None) -> None:
        super().__init__(parent)
        self.parsed = parsed
        self.review = parsed.kind == "review"
        self.unknown_units: dict[str, tuple[str, ...]] = {}  # name → close units it may mean
        self._task_rows: list[QPersistentModelIndex] = []  # column 0 of each task's row
        self.setHorizontalHeaderLabels(list(HEADERS))
        self._build()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        root = self.invisibleRootItem()
        section_items: dict[tuple[int, ...], QStandardItem] = {}

        def add_sections(sections: list[ParsedSection], parent: QStandardItem, path: tuple[int, ...]) -> None:
            for i, s in enumerate(sections):
                # 指导思想, 保障措施 …: shown as the plan's context, which holds no tasks
                item = QStandardItem(section_label(s) + ("（说明部分，不含任务）" if s.context and not s.children else ""))
                item.setEditable(False)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                item.setBackground(QBrush(SECTION_BACKGROUND))
                item.setToolTip(section_label(s))
                parent.appendRow(item)
                section_items[(*path, i)] = item
                add_sections(s.children, item, (*path, i))

        add_sections(self.parsed.sections, root, ())
        self._task_rows = []
        for n, t in enumerate(self.parsed.tasks):
            path = tuple(t.section_path)
            while path and path not in section_items:
                path = path[:-1]
            parent = section_items.get(path, root) if path else root
            items = [QStandardItem() for _ in HEADERS]
            for col, item in enumerate(items):
                item.setData(n, TaskIndexRole)
                item.setEditable(col in (COL_NUMBER, COL_TEXT, COL_LEAD, COL_RESP, COL_DEADLINE))
            parent.appendRow(items)
            self._task_rows.append(QPersistentModelIndex(items[0].index()))
            self._refresh(n)

    def _refresh(self, n: int) -> None:
        """Write task ``n``'s values, highlight and reasons into its row."""
        t, items = self.parsed.tasks[n], self._items(n)
        values = {
            COL_NUMBER: t.number or "", COL_TEXT: t.text or "", COL_LEAD: "、".join(t.lead_units),
            COL_RESP: "、".join(t.responsible_units), COL_DEADLINE: t.deadline or "", COL_STATUS: t.status or "",
        }
        reasons = self.reasons(n)
        values[COL_REASON] = "；".join(reasons)
        tip = "\n".join(f"· {r}" for r in reasons)
        for col, item in enumerate(items):
            item.setText(values[col])
            full = t.text + (f"\n\n{t.detail}" if t.detail else "") if col == COL_TEXT else values[col]
            item.setToolTip("\n\n".join(x for x in (full, f"需要确认：\n{tip}" if reasons else "") if x))
            item.setBackground(QBrush(FLAGGED_BACKGROUND) if reasons else QBrush())
            item.setForeground(QBrush(QColor("#8a4b00")) if col == COL_REASON else QBrush())
        status = Status.parse(t.status)
        if status is not None:  # the same status colours as everywhere else
            items[COL_STATUS].setForeground(QBrush(STATUS_FOREGROUND[status]))
            if not reasons:
                items[COL_STATUS].setBackground(QBrush(STATUS_BACKGROUND[status]))

    # ---- what needs a look ---------------------------------------------------------------

    def reasons(self, n: int) -> list[str]:
        """Why task ``n`` needs the clerk's look, in Chinese (empty when it does not)."""
        t = self.parsed.tasks[n]
        out: list[str] = []
        for code in t.flags:
            reason = flag_reason(code)
            if reason not in out:
                out.append(reason)
        for u in dict.fromkeys((*t.lead_units, *t.responsible_units)):
            if u in self.unknown_units:
                close = self.unknown_units[u]
                out.append(f"单位名录中没有“{u}”" + (f"（可能是{'、'.join(close[:2])}）" if close else ""))
        return out

    def confirm(self, tasks) -> int:
        """The clerk has looked at ``tasks`` (indexes): drop their flags; return how many had any.
        (A unit name the directory lacks stays marked: that is decided on the 单位 tab.)"""
        done = 0
        for n in dict.fromkeys(tasks):
            t = self.parsed.tasks[n]
            if t.flags:
                t.flags = []
                self._refresh(n)
                done += 1
        if done:
            self.task_edited.emit(-1, -1)
        return done

    def flagged_tasks(self) -> list[int]:
        return [n for n, t in enumerate(self.parsed.tasks) if t.flags]

    def flagged_count(self) -> int:
        return sum(1 for n in range(len(self.parsed.tasks)) if self.reasons(n))

    def set_unknown_units(self, names: dict[str, tuple[str, ...]]) -> None:
        """Mark unit names the directory does not know, with the close units they may mean."""
        if names != self.unknown_units:
            self.unknown_units = dict(names)
            for n in range(len(self.parsed.tasks)):
                self._refresh(n)

    def task_index(self, n: int, column: int = COL_TEXT) -> QModelIndex:
        first = self._task_rows[n]
        return self.index(first.row(), column, first.parent())

    def _items(self, n: int) -> list[QStandardItem]:
        return [self.itemFromIndex(self.task_index(n, col)) for col in range(len(HEADERS))]

    # ---- editing -------------------------------------------------------------------------

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        n = index.data(TaskIndexRole)
        if role != Qt.ItemDataRole.EditRole or n is None:
            return super().setData(index, value, role)
        t, col, text = self.parsed.tasks[n], index.column(), str(value or "").strip()
        if col == COL_TEXT:
            if not text:
                return False  # a task needs a text; keep the old one
            t.text = text
            t.flags = [f for f in t.flags if f not in _TEXT_FLAGS]
        elif col == COL_NUMBER:
            t.number = text.strip("、.．()（） ") or None
            t.flags = [f for f in t.flags if f not in _NUMBER_FLAGS]
        elif col in (COL_LEAD, COL_RESP):
            names = split_units(text)
            if col == COL_LEAD:
                t.lead_units = names
            else:
                t.responsible_units = names
            t.flags = [f for f in t.flags if f not in _UNIT_FLAGS]
            if not t.lead_units and not t.responsible_units:
                t.flags.append("no_units")
        elif col == COL_DEADLINE:
            t.deadline = text or None
        else:
            return False
        self._refresh(n)
        self.task_edited.emit(n, col)
        return True


class WrapDelegate(QStyledItemDelegate):
    """Row heights that follow wrapped text in a QTreeView (which otherwise lays out one line)."""

    def __init__(self, view, max_lines: int = 6) -> None:
        super().__init__(view)
        self.view = view
        self.max_lines = max_lines

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text or not self.wraps(index):
            return size
        width = self.view.columnWidth(index.column()) - 12
        if index.column() == 0:
            width -= self.view.indentation() * (_depth(index) + 1)
        if width <= 20:
            return size
        metrics = QFontMetrics(option.font)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        height = metrics.boundingRect(QRect(0, 0, width, 100000), int(flags), str(text)).height()
        height = min(height, metrics.lineSpacing() * self.max_lines)
        return QSize(size.width(), max(size.height(), height + 8))


    def wraps(self, index: _Index) -> bool:
        """Whether the cell's text wraps (task cells; section rows are one spanned line)."""
        return index.data(TaskIndexRole) is not None


def _depth(index: _Index) -> int:
    depth, parent = 0, index.parent()
    while parent.isValid():
        depth, parent = depth + 1, parent.parent()
    return depth


def lay_out_tree(tree, model: ImportPreviewModel) -> None:
    """Set column widths, hide the status column of a plan, expand and span the section rows."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
    em = tree.fontMetrics().horizontalAdvance("国")
    for col, chars in ((COL_NUMBER, 6), (COL_LEAD, 11), (COL_RESP, 11), (COL_DEADLINE, 6), (COL_STATUS, 6),
                       (COL_REASON, 13)):
        tree.setColumnWidth(col, em * chars)
    tree.setColumnHidden(COL_STATUS, not model.review)
    tree.expandAll()

    def span(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(TaskIndexRole) is None:
                tree.setFirstColumnSpanned(row, parent, True)
                span(index)

    span(QModelIndex())
