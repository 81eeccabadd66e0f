"""The one bridge from widgets to core edits (Anki's CollectionOp): run, report, broadcast.

``run_op`` runs a core call, shows a GongkaiError as a Chinese message box (never a traceback),
and emits ``bus.changed(Changes)`` so each view reloads only what it shows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import GongkaiError


class Bus(QObject):
    """Tells every view what changed, and the status bar what just happened."""

    changed = Signal(object)  # Changes
    message = Signal(str)  # one Chinese line for the status bar


def run_op(parent: QWidget | None, bus: Bus, fn: Callable[[], Any], *, done: str | None = None) -> Any:
    """Run ``fn`` (a core edit); on success emit its Changes; on GongkaiError show it, return None.

    ``fn`` may return Changes, or anything else (an id): then every view is told to reload.
    """
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = fn()
    except GongkaiError as e:
        QApplication.restoreOverrideCursor()
        show_error(parent, str(e))
        return None
    except sqlite3.Error as e:  # locked by another program, disk full, file gone…
        QApplication.restoreOverrideCursor()
        show_error(parent, f"数据库操作失败，修改没有保存：{_sqlite_reason(e)}。请稍后再试；如果一直失败，请先备份数据库。")
        return None
    except BaseException:
        QApplication.restoreOverrideCursor()  # never leave the wait cursor behind a crash dialog
        raise
    QApplication.restoreOverrideCursor()
    changes = result if isinstance(result, Changes) else Changes.everything()
    bus.changed.emit(changes)
    if done:
        bus.message.emit(done)
    return result


def _sqlite_reason(e: Exception) -> str:
    text = str(e).lower()
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序占用"
    if "disk" in text or "full" in text:
        return "磁盘空间不足或无法写入"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的"
    return "数据库文件无法读写"


def show_error(parent: QWidget | None, text: str, title: str = "无法完成操作") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
