"""Colours and small look-and-feel helpers shared by every view (and matching the exports)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from gongkai_desk.core.status import Status

# UI.md: 已完成 green, 推进中/阶段性完成 amber, 逾期 red, 未启动 grey, 持续推进 blue.
STATUS_BACKGROUND = {
    Status.DONE: QColor("#d9f2d9"),
    Status.IN_PROGRESS: QColor("#fff0c2"),
    Status.STAGED: QColor("#fff0c2"),
    Status.NOT_STARTED: QColor("#e8e8e8"),
    Status.ONGOING: QColor("#d6e6fa"),
}
OVERDUE_BACKGROUND = QColor("#f8d0d0")
STATUS_FOREGROUND = {
    Status.DONE: QColor("#1b6e1b"),
    Status.IN_PROGRESS: QColor("#8a5a00"),
    Status.STAGED: QColor("#8a5a00"),
    Status.NOT_STARTED: QColor("#555555"),
    Status.ONGOING: QColor("#1d4f91"),
}
OVERDUE_FOREGROUND = QColor("#a31515")

# Status lights (core.lights), the same hues as the exports' fills.
LIGHT_BACKGROUND = {"red": QColor("#ffc7ce"), "yellow": QColor("#ffeb9c"), "green": QColor("#c6efce")}
LIGHT_STRONG = {"red": QColor("#c0392b"), "yellow": QColor("#e6a700"), "green": QColor("#2e8b3a")}

FLAGGED_BACKGROUND = QColor("#fff1c9")  # the import preview's colour for rows that need a look
FLAGGED_FOREGROUND = QColor("#8a4b00")
DUPLICATE_FOREGROUND = QColor("#a31515")
