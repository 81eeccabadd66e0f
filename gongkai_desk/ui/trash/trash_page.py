"""回收站 page: what was deleted (plans, sections with tasks, units with progress), to restore
within 30 days, remove for good, or empty."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from gongkai_desk.ui.ops import Bus, confirm, run_op
from gongkai_desk.ui.tables import list_table

HEADERS = ("类型", "名称", "内容", "删除时间", "删除人", "保留到")


class TrashPage(QWidget):
    def __init__(self, ws, bus: Bus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.bus = ws, bus
        intro = QLabel("删除的计划、含任务的部分和有落实情况的单位会先放在这里，30天内可以恢复，之后自动清除。")
        intro.setWordWrap(True)
        self.table = list_table(HEADERS, stretch=1, fit=(0, 2, 3, 4, 5))
        self.empty_label = QLabel("回收站是空的。")
        self.restore_button = QPushButton("恢复")
        self.remove_button = QPushButton("彻底删除…")
        self.empty_button = QPushButton("清空回收站…")
        self.restore_button.clicked.connect(self.restore_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.empty_button.clicked.connect(self.empty)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        buttons = QHBoxLayout()
        for b in (self.restore_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        bus.changed.connect(self.on_changed)
        self.reload()

    def on_changed(self, changes, _initiator=None) -> None:
        if changes.trash or changes.units or changes.plans:
            self.reload()

    def reload(self) -> None:
        self.items = self.ws.trash.list()
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            values = (item.kind_label, item.title, item.summary, item.deleted_at.replace("T", " "),
                      item.deleted_by, item.expires().isoformat())
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.empty_label.setVisible(not self.items)
        self.empty_button.setEnabled(bool(self.items))
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.restore_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def restore_selected(self) -> None:
        item = self.selected()
        if item is not None:
            run_op(self, self.bus, lambda: self.ws.trash.restore(item.id),
                   done=f"已恢复{item.kind_label}“{item.title}”", initiator=None)

    def remove_selected(self) -> None:
        item = self.selected()
        if item is not None and confirm(self, "彻底删除", f"确定彻底删除{item.kind_label}“{item.title}”吗？"
                                                       "之后只能在本次运行中用“撤销”找回。"):
            run_op(self, self.bus, lambda: self.ws.trash.remove(item.id), done="已从回收站彻底删除")

    def empty(self) -> None:
        if self.items and confirm(self, "清空回收站", f"确定彻底删除回收站中的{len(self.items)}项内容吗？"
                                                   "之后只能在本次运行中用“撤销”找回。"):
            run_op(self, self.bus, self.ws.trash.empty, done="已清空回收站")
