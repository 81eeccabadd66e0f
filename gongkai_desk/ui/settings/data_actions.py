"""备份数据库: a consistent copy of the open database, from the menu or the settings page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from gongkai_desk.ui.ops import Bus, run_op


def backup_database(parent: QWidget, ws, bus: Bus, settings) -> None:
    from gongkai_desk.core.backup import backup

    folder = Path(settings.value("last_folder", str(Path.home())))
    default = str(folder / f"政务公开工作台备份-{dt.date.today():%Y%m%d}.db")
    path, _ = QFileDialog.getSaveFileName(parent, "备份数据库", default, "数据库备份 (*.db)")
    if path:
        settings.setValue("last_folder", str(Path(path).parent))
        run_op(parent, bus, lambda: backup(ws.conn, path), done=f"已备份到 {path}")
