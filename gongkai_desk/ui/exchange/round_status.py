"""Who has answered: each round of the plan, per unit 已返回 / 未返回 / 有问题 (the files being
reviewed count as returned), with the file, its 填报人 and what the unit added."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from gongkai_desk.core.edits.feedback import NOT_RETURNED, RETURNED, WITH_PROBLEMS
from gongkai_desk.core.exchange.feedback_workbook import chinese_date

STATE_COLOURS = {RETURNED: "#C6EFCE", WITH_PROBLEMS: "#FFEB9C", NOT_RETURNED: "#E7E6E6"}


class RoundStatusView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rounds = QComboBox()
        self.rounds.currentIndexChanged.connect(self._show)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("发放批次"))
        top.addWidget(self.rounds, 1)
        top.addWidget(self.summary)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["单位", "状态", "填报人", "问题", "单位补充的内容", "文件"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line a unit; the full text is in the tooltip
        header = self.table.horizontalHeader()
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, self.fontMetrics().horizontalAdvance("示") * 14)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("这个计划还没有发放过反馈表。请先用“文件 → 导出反馈表”为各单位生成反馈表。")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self._statuses: list = []

    def set_statuses(self, statuses: list) -> None:
        """Show ``ws.feedback.status(...)`` (newest round first), keeping the chosen round."""
        keep = self.rounds.currentData()
        self._statuses = statuses
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for s in statuses:
            r = s.round
            due = f"，{chinese_date(r.due)}前反馈" if r.due else ""
            self.rounds.addItem(f"第{r.number}轮（{chinese_date(r.sent_at)}发放{due}，{len(r.units)}个单位）", r.id)
        index = self.rounds.findData(keep)
        self.rounds.setCurrentIndex(index if index >= 0 else 0)
        self.rounds.blockSignals(False)
        self.empty.setVisible(not statuses)
        self.table.setVisible(bool(statuses))
        self._show()

    def current(self):
        i = self.rounds.currentIndex()
        return self._statuses[i] if 0 <= i < len(self._statuses) else None

    def _show(self) -> None:
        status = self.current()
        self.table.setRowCount(0)
        if status is None:
            self.summary.setText("")
            return
        self.summary.setText(f"已返回 {status.count(RETURNED)} · 有问题 {status.count(WITH_PROBLEMS)} · "
                             f"未返回 {status.count(NOT_RETURNED)}")
        order = {WITH_PROBLEMS: 0, NOT_RETURNED: 1, RETURNED: 2}
        units = sorted(status.units, key=lambda u: order[u.state])
        self.table.setRowCount(len(units))
        for row, u in enumerate(units):
            state = u.state + ("（待接受）" if u.in_batch else "")
            problems = "".join(u.problems)
            for col, text in enumerate((u.unit_name, state, u.filled_by, problems, u.notes, u.file_name or "")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 1:
                    item.setBackground(QBrush(QColor(STATE_COLOURS[u.state])))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
