"""New plan / plan details: year, title, issuing office, document number, issue date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout,
)


class PlanDialog(QDialog):
    def __init__(self, parent=None, *, plan=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("计划信息" if plan else "新建计划")
        year = plan.year if plan else dt.date.today().year
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(year)
        self.title = QLineEdit(plan.title if plan else f"{year}年政务公开工作要点")
        self.title.setMinimumWidth(420)
        self.issuer = QLineEdit("、".join(plan.issuer) if plan else "")
        self.issuer.setPlaceholderText("如：××区人民政府办公室（多个发文单位用顿号分隔）")
        self.doc_number = QLineEdit(plan.doc_number or "" if plan else "")
        self.doc_number.setPlaceholderText("如：×政办发〔2026〕12号")
        self.has_date = QCheckBox("填写成文日期")
        self.issue_date = QDateEdit()
        self.issue_date.setCalendarPopup(True)
        self.issue_date.setDisplayFormat("yyyy年M月d日")
        d = plan.issue_date if plan and plan.issue_date else dt.date.today()
        self.issue_date.setDate(QDate(d.year, d.month, d.day))
        self.has_date.setChecked(bool(plan and plan.issue_date))
        self.issue_date.setEnabled(self.has_date.isChecked())
        self.has_date.toggled.connect(self.issue_date.setEnabled)
        self.year.valueChanged.connect(self._year_changed)

        form = QFormLayout()
        form.addRow("年份", self.year)
        form.addRow("计划标题", self.title)
        form.addRow("发文单位", self.issuer)
        form.addRow("文号", self.doc_number)
        form.addRow(self.has_date, self.issue_date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        if not plan:
            layout.addWidget(QLabel("新建一份年度计划，之后可以在计划中添加部分和任务。"))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _year_changed(self, year: int) -> None:
        text = self.title.text()
        for old in range(1990, 2101):
            if text.startswith(f"{old}年") and old != year:
                self.title.setText(f"{year}年" + text[len(f"{old}年"):])
                return

    def values(self) -> dict:
        issuers = [s.strip() for s in self.issuer.text().replace("，", "、").replace(",", "、").split("、") if s.strip()]
        qd = self.issue_date.date()
        return {
            "year": self.year.value(), "title": self.title.text(), "issuer": issuers,
            "doc_number": self.doc_number.text(),
            "issue_date": dt.date(qd.year(), qd.month(), qd.day()) if self.has_date.isChecked() else None,
        }
