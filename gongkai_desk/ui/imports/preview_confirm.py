"""确认所选 / 全部确认 under the import preview: the clerk has looked at the rows, their flags go."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from gongkai_desk.ui.imports.preview_model import TaskIndexRole


class ConfirmButtons(QWidget):
    def __init__(self, tree, model) -> None:
        super().__init__()
        self.tree, self.model = tree, model  # model: a function, the preview's model changes on re-reading
        self.selected_button = QPushButton("确认所选")
        self.selected_button.setToolTip("已核对所选的任务，去掉它们的“需要确认”标记")
        self.selected_button.clicked.connect(self.confirm_selected)
        self.all_button = QPushButton("全部确认")
        self.all_button.setToolTip("已核对全部任务，去掉所有“需要确认”标记")
        self.all_button.clicked.connect(self.confirm_all)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.selected_button)
        layout.addWidget(self.all_button)

    def confirm_selected(self) -> None:
        rows = {i.data(TaskIndexRole) for i in self.tree.selectionModel().selectedIndexes()}
        rows.discard(None)
        if not rows and self.tree.currentIndex().data(TaskIndexRole) is not None:
            rows = {self.tree.currentIndex().data(TaskIndexRole)}
        self.model().confirm(sorted(rows))

    def confirm_all(self) -> None:
        self.model().confirm(self.model().flagged_tasks())
