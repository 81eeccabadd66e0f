"""查找和替换 (Ctrl+H) over the plan's task texts and progress texts: 查找下一个 selects the task,
全部替换 changes every place as ONE undoable step (``ws.texts.replace``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
)

from gongkai_desk.ui.ops import run_op


class FindReplaceDialog(QDialog):
    """Modeless, like Word's and WPS's: the clerk can look at the task found and go on."""

    def __init__(self, parent, grid) -> None:
        super().__init__(parent)
        self.grid, self.ws = grid, grid.ws
        self.plan_id: int | None = None
        self._next = 0
        self.setWindowTitle("查找和替换")
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("留空则删除找到的文字")
        self.in_tasks = QCheckBox("任务内容（含具体要求）")
        self.in_progress = QCheckBox("落实情况、存在问题、下步计划")
        self.only_selected = QCheckBox("只在所选任务中")
        for box in (self.in_tasks, self.in_progress):
            box.setChecked(True)
        self.result = QLabel(" ")
        self.result.setWordWrap(True)
        self.find_button = QPushButton("查找下一个")
        self.find_button.setDefault(True)
        self.replace_button = QPushButton("全部替换")
        close = QPushButton("关闭")
        self.find_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        self.find_edit.textChanged.connect(self._changed)
        for box in (self.in_tasks, self.in_progress, self.only_selected):
            box.toggled.connect(self._changed)
        form = QFormLayout()
        form.addRow("查找内容", self.find_edit)
        form.addRow("替换为", self.replace_edit)
        where = QVBoxLayout()
        for box in (self.in_tasks, self.in_progress, self.only_selected):
            where.addWidget(box)
        form.addRow("查找范围", where)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.find_button, self.replace_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 30)

    def open_for(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self._changed()
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _scope(self) -> dict:
        ids = self.grid.selected() if self.only_selected.isChecked() else None
        return {"in_tasks": self.in_tasks.isChecked(), "in_progress": self.in_progress.isChecked(), "task_ids": ids}

    def matches(self):
        if self.plan_id is None or not self.find_edit.text():
            return []
        return self.ws.texts.find(self.plan_id, self.find_edit.text(), **self._scope())

    def _changed(self, *_args) -> None:
        self._next = 0
        found = self.matches()
        if not self.find_edit.text():
            self.result.setText("请输入要查找的文字。")
        elif not found:
            self.result.setText("没有找到。")
        else:
            tasks = len({m.task_id for m in found})
            self.result.setText(f"找到{sum(m.count for m in found)}处，在{tasks}项任务中。")
        self.replace_button.setEnabled(bool(found))
        self.find_button.setEnabled(bool(found))

    def find_next(self) -> None:
        """Select the next task holding the text (the table's filters are cleared if they hide it)."""
        found = self.matches()
        if not found:
            self._changed()
            return
        m = found[self._next % len(found)]
        self._next += 1
        view = self.grid.view
        if view.proxy.mapFromSource(view.model.index(view.model.row_of(m.task_id), 0)).row() < 0:
            view.clear_filters()
        view.select_task(m.task_id)
        if m.unit_id is not None:
            self.grid.page.detail.select_unit(m.unit_id)
        self.result.setText(f"第{(self._next - 1) % len(found) + 1}/{len(found)}处：{m.where}")

    def replace_all(self) -> None:
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        found = self.matches()
        if not found:
            return
        total, plan_id, scope = sum(m.count for m in found), self.plan_id, self._scope()
        done = run_op(self, self.grid.bus, lambda: self.ws.texts.replace(plan_id, needle, replacement, **scope),
                      done=f"已替换{total}处（可撤销）", initiator=None)
        if done is not None:
            self.result.setText(f"已替换{total}处。可以用“撤销”(Ctrl+Z)一次全部恢复。")
            self.replace_button.setEnabled(False)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
