"""The import dialog's "保存为" box: a new plan (year, title), an update of the current plan, or
(rows pasted into the task table) new tasks added to the current plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QSpinBox, QVBoxLayout

from gongkai_desk.core.labels import numbered_title


class TargetBox(QGroupBox):
    def __init__(self, ws, into_plan: int | None, append_to: tuple[int | None] | None) -> None:
        super().__init__("保存为")
        self.as_new = QRadioButton("新建计划")
        self.as_new.setChecked(True)
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setSuffix(" 年")
        self.year.setFixedWidth(self.year.fontMetrics().horizontalAdvance("国") * 7)
        self.title_edit = QLineEdit()
        self.title_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 20)
        self.year_hint = QLabel("文件中没有找到年份，请确认。")
        self.year_hint.setStyleSheet("color: #a31515;")
        self.as_update = QRadioButton("更新当前计划")
        self.as_append = QRadioButton()
        plan = ws.plans.get(into_plan) if into_plan is not None else None
        if plan is None:
            self.as_update.hide()  # (setVisible(True) on a widget without parent would open a window)
        else:
            self.as_update.setText(f"更新当前计划「{plan.title}」（先列出改动，确认后再更新，未改动任务的落实情况保持不变）")
        if plan is None or append_to is None:
            self.as_append.hide()
        else:
            place = "末尾"
            section = next((s for s in ws.plans.sections(into_plan) if s.id == append_to[0]), None)
            if section is not None:
                place = f"“{numbered_title(section.level, section.number, section.title)}”末尾"
            self.as_append.setText(f"添加到当前计划「{plan.title}」的{place}（作为新任务，接着现有序号编号）")
        new_row = QHBoxLayout()
        new_row.addWidget(self.as_new)
        new_row.addSpacing(16)
        new_row.addWidget(QLabel("年份"))
        new_row.addWidget(self.year)
        new_row.addWidget(self.year_hint)
        new_row.addSpacing(16)
        new_row.addWidget(QLabel("标题"))
        new_row.addWidget(self.title_edit, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(new_row)
        layout.addWidget(self.as_update)
        layout.addWidget(self.as_append)
