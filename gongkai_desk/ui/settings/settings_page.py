"""Where the data lives and how to keep it safe."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from gongkai_desk.paths import log_dir
from gongkai_desk.ui.ops import Bus
from gongkai_desk.ui.settings.data_actions import backup_database


class SettingsPage(QWidget):
    def __init__(self, ws, bus: Bus, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        info = QLabel(
            f"<b>数据库文件</b>：{ws.path}<br>"
            f"<b>日志目录</b>：{log_dir()}<br><br>"
            "所有修改都会立即保存到数据库文件中。建议定期备份：备份文件是一个完整的数据库副本，"
            "可以用命令 <code>gongkai-desk restore 备份文件</code> 恢复（恢复前的数据库会另存一份）。"
        )
        info.setWordWrap(True)
        backup = QPushButton("备份数据库…")
        backup.clicked.connect(lambda: backup_database(self, ws, bus, settings))
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(backup)
        layout.addStretch(1)
