"""After an export: tell the clerk where the file is and offer to open it or its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from gongkai_desk.ui.ops import show_error


def offer_open(parent: QWidget | None, path: Path, on_open=None):
    """Tell the clerk the file is written and offer 打开文件 / 打开所在文件夹 (or 关闭).

    The box does not block: the window stays usable and the box closes itself. ``on_open``
    is called with "file" or "folder" once one is opened. Returns the box.
    """
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "导出完成", f"已导出：{path}", QMessageBox.StandardButton.NoButton,
                      parent)
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button) -> None:
        target = path if button is open_file else path.parent if button is open_folder else None
        if target is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            show_error(parent, f"无法打开“{target}”：系统中没有可以打开它的程序。", "无法打开")
        elif on_open is not None:
            on_open("file" if target == path else "folder")

    box.buttonClicked.connect(clicked)
    _showing.append(box)  # a box without a parent window must outlive this call
    box.finished.connect(lambda _result: _showing.remove(box) if box in _showing else None)
    box.open()
    return box


_showing: list = []
