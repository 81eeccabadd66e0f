"""A dropped or chosen .doc/.xls/.wps/.et: say in Chinese what to do and, where LibreOffice is
installed, offer to convert it (then the converted copy is imported; the original is untouched)."""

from __future__ import annotations

import tempfile

from PySide6.QtWidgets import QMessageBox, QWidget

from gongkai_desk.ui.ops import run_in_background


def readable_path(parent: QWidget | None, path: str) -> str | None:
    """``path`` itself, or for an old .doc/.xls/.wps/.et the converted copy (None: not imported)."""
    from gongkai_desk.core.office_convert import is_old_office

    return open_old_file(parent, path) if is_old_office(path) else path


def open_old_file(parent: QWidget | None, path: str) -> str | None:
    """The path of a readable copy of the old file ``path``, or None (after telling the clerk)."""
    from gongkai_desk.core.office_convert import convert, explain, soffice

    text = explain(path)
    if soffice() is None:
        QMessageBox.information(parent, "需要另存为新格式", text)
        return None
    box = QMessageBox(QMessageBox.Icon.Question, "旧版文件", text + "\n\n本机装有 LibreOffice，也可以由本程序自动转换后导入"
                      "（原文件不会改动）。", QMessageBox.StandardButton.NoButton, parent)
    go = box.addButton("自动转换并导入", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.exec()
    if box.clickedButton() is not go:
        return None
    out = tempfile.mkdtemp(prefix="gongkai-desk-convert-")
    result = run_in_background(parent, lambda: convert(path, out), label="正在用 LibreOffice 转换文件…",
                               title="正在转换", error_title="无法转换")
    return str(result) if result else None
