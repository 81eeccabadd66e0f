"""帮助 → 关于: the version, where the data and the logs live, and a button to open the data folder."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from gongkai_desk import __version__
from gongkai_desk.paths import data_dir, log_dir, settings_path


def open_folder(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(self, parent, db_path: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于 政务公开工作台")
        self.data_folder = Path(db_path).parent if db_path != ":memory:" else data_dir()
        self.log_folder = log_dir()
        self.title = title = QLabel(f"<h3>政务公开工作台 {__version__}</h3>")
        rows = [
            ("数据库文件", db_path), ("数据文件夹", str(self.data_folder)), ("日志文件夹", str(self.log_folder)),
            ("设置文件", str(settings_path())),
            ("运行环境", f"Python {platform.python_version()} · PySide6 {pyside_version} · {platform.system()} {platform.release()}"),
        ]
        self.info = QLabel("<br>".join(f"<b>{k}</b>：{v}" for k, v in rows))
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel("所有修改都立即保存在数据库文件中。复制整个数据文件夹即可把数据带到另一台电脑；"
                      "程序出错时，请把日志文件夹中的 gongkai-desk.log 发给技术支持人员。")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.open_data = QPushButton("打开数据文件夹")
        self.open_logs = QPushButton("打开日志文件夹")
        buttons.addButton(self.open_data, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_logs, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_data.clicked.connect(lambda: open_folder(self.data_folder))
        self.open_logs.clicked.connect(lambda: open_folder(self.log_folder))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (title, self.info, note):
            layout.addWidget(w)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)
