"""The import's column step: each table's columns with the role the importer inferred, how sure it is,
and a drop-down to change it, like a spreadsheet's text-import step; and the list of what was not imported.

``ColumnRolesWidget.roles_changed(key, roles)`` fires when the clerk picks a role: the dialog re-reads
the document with it at once and remembers it for tables with the same header (``remembered`` /
``remember``, stored in QSettings as JSON keyed by the header text).
"""

from __future__ import annotations

import json
from collections import defaultdict

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QGroupBox, QHeaderView, QLabel, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.imports.parse.headers import ROLE_LABELS, ROLES
from gongkai_desk.ui.imports.import_units import _NoWheelCombo

COLUMNS_KEY = "import/column_roles"
UNSURE = 0.6  # below this, a column's role is shown on yellow
_UNSURE_BACKGROUND = QColor("#fff1c9")
SAMPLE_ROWS = 3


def remembered(settings: QSettings) -> dict[str, list[str]]:
    """The column roles the clerk chose before, by table header key."""
    try:
        data = json.loads(str(settings.value(COLUMNS_KEY, "{}") or "{}"))
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list)} if isinstance(data, dict) else {}


def remember(settings: QSettings, key: str, roles: list[str] | None) -> None:
    """Keep (or, with None, forget) the clerk's roles for tables with this header."""
    data = remembered(settings)
    if roles is None:
        data.pop(key, None)
    else:
        data[key] = list(roles)
    settings.setValue(COLUMNS_KEY, json.dumps(data, ensure_ascii=False))


class TableRolesBox(QGroupBox):
    """One table: a drop-down and the confidence above each column, then the header and a few rows."""

    def __init__(self, layout, number: int, parent=None) -> None:
        super().__init__(f"表格{number}（第{layout.line}行起）", parent)
        self.layout_ = layout
        self.combos: list[_NoWheelCombo] = []
        width = len(layout.columns)
        sample = layout.sample[:SAMPLE_ROWS]
        self.table = QTableWidget(3 + len(sample), width)
        self.table.setVerticalHeaderLabels(["作用", "把握", "表头", *[f"第{k + 1}行" for k in range(len(sample))]])
        self.table.horizontalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        bold = QFont(self.table.font())
        bold.setBold(True)
        for c, col in enumerate(layout.columns):
            combo = _NoWheelCombo()
            for role in ROLES:
                combo.addItem(ROLE_LABELS[role], role)
            combo.setCurrentIndex(combo.findData(col.role))
            combo.setToolTip("选择这一列的内容导入到哪里；改动后立即重新识别")
            self.table.setCellWidget(0, c, combo)
            self.combos.append(combo)
            sure = QTableWidgetItem("您选择的" if col.chosen else f"{round(col.confidence * 100)}%")
            sure.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if col.confidence < UNSURE and not col.chosen:
                sure.setBackground(QBrush(_UNSURE_BACKGROUND))
                sure.setToolTip("这一列的作用不易判断，请核对")
            self.table.setItem(1, c, sure)
            head = QTableWidgetItem(col.header or "（无表头）")
            head.setFont(bold)
            self.table.setItem(2, c, head)
            for r, row in enumerate(sample):
                text = row[c] if c < len(row) else ""
                item = QTableWidgetItem(text[:60] + ("…" if len(text) > 60 else ""))
                item.setToolTip(text)
                self.table.setItem(3 + r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        height = self.table.verticalHeader().length() + 2 * self.table.frameWidth() + 4
        self.table.setMinimumHeight(height)
        self.table.setMaximumHeight(height)
        self.reset = QPushButton("恢复自动识别")
        self.reset.setVisible(any(c.chosen for c in layout.columns))
        box = QVBoxLayout(self)
        box.addWidget(self.table)
        box.addWidget(self.reset, 0, Qt.AlignmentFlag.AlignRight)

    def roles(self) -> list[str]:
        return [c.currentData() for c in self.combos]


class ColumnRolesWidget(QWidget):
    """Every table of the document with its column roles."""

    roles_changed = Signal(str, object)  # header key, list of roles (None: back to the importer's own)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.intro = QLabel("下面是文件中每个表格的列和识别出的作用（百分数是把握程度，黄色表示不确定）。"
                            "如果某一列识别错了，在它上方的下拉框中改正，会立即重新识别；"
                            "选择会被记住，以后导入表头相同的表格时自动使用。")
        self.intro.setWordWrap(True)
        self.boxes: list[TableRolesBox] = []
        self.inner = QWidget()
        self.inner_layout = QVBoxLayout(self.inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)

    def set_tables(self, layouts: list) -> None:
        for box in self.boxes:
            box.setParent(None)
            box.deleteLater()
        self.boxes = []
        while self.inner_layout.count():
            self.inner_layout.takeAt(0)
        for n, layout in enumerate(layouts, start=1):
            box = TableRolesBox(layout, n)
            for combo in box.combos:
                combo.currentIndexChanged.connect(lambda _i, b=box: self.roles_changed.emit(b.layout_.key, b.roles()))
            box.reset.clicked.connect(lambda _c=False, b=box: self.roles_changed.emit(b.layout_.key, None))
            self.inner_layout.addWidget(box)
            self.boxes.append(box)
        if not layouts:
            self.inner_layout.addWidget(QLabel("文件中没有任务表格。"))
        self.inner_layout.addStretch(1)


class NotImportedWidget(QTreeWidget):
    """What the document holds that is not in the plan, grouped by the reason, with line and text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["原因 / 位置", "内容"])
        self.setWordWrap(True)
        self.setColumnWidth(0, self.fontMetrics().horizontalAdvance("国") * 22)

    def set_items(self, items: list) -> None:
        self.clear()
        groups: dict[str, list] = defaultdict(list)
        for n in items:
            groups[n.reason].append(n)
        for reason, members in groups.items():
            top = QTreeWidgetItem([f"{reason}（{len(members)}处）", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for n in members:
                where = f"第{n.line}行" + (f"第{n.column + 1}列" if n.column is not None else "")
                leaf = QTreeWidgetItem(top, [where, n.text.strip()[:200]])
                leaf.setToolTip(1, n.text)
                leaf.setData(0, Qt.ItemDataRole.UserRole, n.line)
            top.setExpanded(len(members) <= 30)  # long runs ("|" separators) stay folded
        if not items:
            self.addTopLevelItem(QTreeWidgetItem(["文件中的内容都已导入。", ""]))
