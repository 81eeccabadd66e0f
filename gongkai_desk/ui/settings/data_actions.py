"""备份数据库 / 恢复数据库: a consistent copy of the open database, and a backup put back in its
place (the window reopens the database and every page reloads), from the menu or the settings page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gongkai_desk.core.changes import Changes
from gongkai_desk.ui.ops import Bus, run_op


def backup_database(parent: QWidget, ws, bus: Bus, settings) -> None:
    from gongkai_desk.core.backup import backup

    folder = Path(settings.value("last_folder", str(Path.home())))
    default = str(folder / f"政务公开工作台备份-{dt.date.today():%Y%m%d}.db")
    path, _ = QFileDialog.getSaveFileName(parent, "备份数据库", default, "数据库备份 (*.db)")
    if path:
        settings.setValue("last_folder", str(Path(path).parent))
        run_op(parent, bus, lambda: backup(ws.conn, path), done=f"已备份到 {path}")


def restore_database(parent: QWidget, ws, bus: Bus, settings) -> bool:
    """Choose a backup, confirm, put it in place of the open database and reopen it."""
    folder = Path(settings.value("last_folder", str(Path.home())))
    path, _ = QFileDialog.getOpenFileName(parent, "选择要恢复的备份", str(folder), "数据库备份 (*.db);;所有文件 (*)")
    if not path:
        return False
    settings.setValue("last_folder", str(Path(path).parent))
    answer = QMessageBox.question(
        parent, "恢复数据库",
        f"用备份“{Path(path).name}”替换当前的全部数据吗？\n\n当前的数据库会先另存一份（文件名带“restore”和时间），"
        "需要时还可以再恢复回来。恢复后，本次打开程序以来的“撤销”记录将清空。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    if hasattr(parent, "commit_pending"):
        parent.commit_pending()  # text still being typed belongs to the database being replaced

    def restore() -> Changes:
        restore.kept = ws.restore(path)
        return Changes.everything()

    if run_op(parent, bus, restore, error_title="无法恢复") is None:
        return False
    bus.message.emit(f"已恢复备份“{Path(path).name}”；原来的数据库另存为 {restore.kept.name}")
    return True
