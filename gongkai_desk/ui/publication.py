"""发布前检查 before an export the clerk may publish (the review table, the annual report, the 通报): what
was found, where, and what to publish instead; asked once per export, never a silent block."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.errors import Cancelled
from gongkai_desk.ui.tables import list_table

MASK, AS_IS, CANCEL = "mask", "as_is", "cancel"


class PublicationDialog(QDialog):
    def __init__(self, parent: QWidget | None, findings: list, what: str) -> None:
        super().__init__(parent)
        from gongkai_desk.core.publication import summary

        self.setWindowTitle("发布前检查")
        self.choice = CANCEL
        head = QLabel(f"{what}中{summary(findings)}<br>政府信息公开时应去标识化处理个人信息，并确认没有涉密或不予公开的内容。")
        head.setWordWrap(True)
        self.table = list_table(("类型", "位置", "内容", "建议改为"), stretch=1, fit=(0, 2, 3), rows=len(findings),
                                whole_rows=False)
        for row, f in enumerate(findings):
            for col, text in enumerate((f.label, f.place, f.text, f.masked or "（删除或确认可以公开）")):
                self.table.setItem(row, col, QTableWidgetItem(text))
        personal = any(f.masked for f in findings)
        self.mask_button = QPushButton("去标识化后导出")
        self.mask_button.setEnabled(personal)
        self.mask_button.setToolTip("身份证号、手机号、银行卡号和姓名以 * 遮盖后导出；数据库中的内容不变")
        self.as_is_button = QPushButton("照原样导出")
        self.cancel_button = QPushButton("取消")
        self.mask_button.clicked.connect(lambda: self._choose(MASK))
        self.as_is_button.clicked.connect(lambda: self._choose(AS_IS))
        self.cancel_button.clicked.connect(self.reject)
        (self.mask_button if personal else self.cancel_button).setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.mask_button, self.as_is_button, self.cancel_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 420)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask(parent: QWidget | None, findings: list, what: str) -> str:
    """MASK, AS_IS or CANCEL (the wait cursor, if any, is lifted while the clerk decides)."""
    cursor = QApplication.overrideCursor() is not None
    if cursor:
        QApplication.restoreOverrideCursor()
    try:
        dialog = PublicationDialog(parent, findings, what)
        dialog.exec()
        return dialog.choice
    finally:
        if cursor:
            from PySide6.QtCore import Qt

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def _prepare(parent, check: Callable, masked: Callable, what: str) -> Callable:
    def prepare(doc):
        findings = check(doc)
        if not findings:
            return doc
        choice = ask(parent, findings, what)
        if choice == CANCEL:
            raise Cancelled("已取消导出。")
        return masked(doc) if choice == MASK else doc

    return prepare


def review_prepare(parent: QWidget | None) -> Callable:
    from gongkai_desk.core.publication.documents import check_review, mask_review

    return _prepare(parent, check_review, mask_review, "回头看表")


def report_prepare(parent: QWidget | None) -> Callable:
    from gongkai_desk.core.publication.documents import check_report, mask_report

    return _prepare(parent, check_report, mask_report, "年度报告")


def overview_prepare(parent: QWidget | None) -> Callable:
    from gongkai_desk.core.publication.documents import check_overview, mask_overview

    return _prepare(parent, check_overview, mask_overview, "落实情况通报")
