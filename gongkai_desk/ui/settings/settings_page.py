"""The 设置 page: one tab per section, listed in ``SECTIONS`` (a new section is one entry).

Each factory takes (ws, bus, settings) and returns the tab's widget; its module is imported only
when the settings page is first opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from gongkai_desk.paths import log_dir
from gongkai_desk.ui.ops import Bus
from gongkai_desk.ui.settings.data_actions import backup_database, restore_database
from gongkai_desk.ui.settings.office import office_tab


def _data_tab(ws, bus: Bus, settings) -> QWidget:
    tab = QWidget()
    info = QLabel(
        f"<b>数据库文件</b>：{ws.path}<br>"
        f"<b>日志目录</b>：{log_dir()}<br><br>"
        "所有修改都会立即保存到数据库文件中。程序每天自动备份一次（见“自动备份”），也可以随时另外备份："
        "备份文件是一个完整的数据库副本，可以在“自动备份”中或用命令 <code>gongkai-desk restore 备份文件</code> "
        "恢复（恢复前的数据库会另存一份）。"
    )
    info.setWordWrap(True)
    backup = QPushButton("备份数据库…")
    backup.clicked.connect(lambda: backup_database(tab, ws, bus, settings))
    restore = QPushButton("恢复数据库…")
    restore.clicked.connect(lambda: restore_database(tab.window(), ws, bus, settings))
    buttons = QHBoxLayout()
    buttons.addWidget(backup)
    buttons.addWidget(restore)
    buttons.addStretch(1)
    layout = QVBoxLayout(tab)
    layout.addWidget(info)
    layout.addLayout(buttons)
    layout.addStretch(1)
    return tab


def _holidays_tab(ws, bus: Bus, settings) -> QWidget:
    from gongkai_desk.ui.settings.holidays import HolidaysTab

    return HolidaysTab(ws, bus, settings)


def _backups_tab(ws, bus: Bus, settings) -> QWidget:
    from gongkai_desk.ui.settings.backups import BackupsTab

    return BackupsTab(ws, bus, settings)


SECTIONS: list[tuple[str, Callable[..., QWidget]]] = [
    ("本机关信息", office_tab),
    ("数据与备份", _data_tab),
    ("节假日安排", _holidays_tab),
    ("自动备份", _backups_tab),
]


class SettingsPage(QWidget):
    def __init__(self, ws, bus: Bus, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.sections: dict[str, QWidget] = {}
        for label, build in SECTIONS:
            widget = self.sections[label] = build(ws, bus, settings)
            self.tabs.addTab(widget, label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def commit_pending(self) -> None:
        for widget in self.sections.values():
            commit = getattr(widget, "commit_pending", None)
            if commit is not None:
                commit()
