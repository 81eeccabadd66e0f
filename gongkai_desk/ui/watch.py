"""What the window keeps an eye on besides the clerk's edits.

* Another writer holds the database: an edit waits (up to ``WINDOW_WAIT_S``) and the status bar
  says so, repainting while it waits.
* A restore (from the command line or another window) replaced the open database: the window
  notices within a moment (``PRAGMA data_version``, then the restore mark), forgets its undo
  history (it no longer matches the data) and reloads every page.
* Another program changed it (``gongkai-desk collect --accept`` or an edit in a second window):
  every page reloads, so the window never shows data the file no longer holds. The undo history
  stays: an undo that would overwrite the other program's change is refused (``ConflictError``).
* After the first paint: the daily automatic backup (off the UI thread, on its own
  connection), the read-only notice, and one warning for a database on a network share.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

log = logging.getLogger(__name__)
WINDOW_WAIT_S = 30.0
POLL_MS = 1500
RESTORED = "数据库已被恢复为备份中的内容，窗口已重新载入（恢复前的修改无法再撤销）。"
CHANGED_ELSEWHERE = "其他程序（命令行或另一个窗口）修改了数据库，窗口已刷新。"


class DatabaseWatch(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window, self.ws, self.bus = window, window.ws, window.bus
        self.mark = self.ws.restore_mark()
        self.version = self.ws.data_version()
        self.ws.write_wait_s = WINDOW_WAIT_S
        self.ws.on_wait = self.waiting
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        bus = self.bus
        bus.watch = self  # the backups tab asks for a check right after restoring
        if self.ws.read_only:
            label = QLabel(f"只读：{self.ws.read_only}")
            label.setStyleSheet("color: #a61b1b;")
            window.statusBar().addPermanentWidget(label)
            window.setWindowTitle(f"{window.windowTitle()}（只读）")
            self.read_only_label = label

    def waiting(self, waited: float) -> None:
        """Called by the workspace while an edit waits for another program's write to finish."""
        self.window.statusBar().showMessage(
            f"数据库正被其他程序（另一个窗口或命令行）写入，正在等待……已等待 {waited:.0f} 秒，"
            f"最多等待 {WINDOW_WAIT_S:.0f} 秒。")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def check(self) -> bool:
        """Reload everything when another program changed the database; True when a restore replaced it."""
        try:
            version = self.ws.data_version()
            if version == self.version:
                return False
            self.version = version
            mark = self.ws.restore_mark()
        except Exception:  # the file went away for a moment (a restore in progress): look again later
            log.exception("检查数据库是否被恢复时出错")
            return False
        if mark == self.mark:
            self.window.commit_pending()
            self.bus.changed.emit(_everything(), None)
            self.bus.message.emit(CHANGED_ELSEWHERE)
            return False
        self.mark = mark
        self.window.commit_pending()
        self.ws.undo_stack.clear()
        self.bus.changed.emit(_everything(), None)
        self.bus.message.emit(RESTORED)
        return True


def _everything():
    from gongkai_desk.core.changes import Changes  # imported after the first paint

    return Changes.everything()


def after_first_paint(window) -> None:
    """Start what may wait until the window is on screen."""
    # (No workspace by then: the database behind the first frame's picture could not be opened.)
    QTimer.singleShot(0, lambda: window.ws is not None and _daily_backup(window))
    QTimer.singleShot(0, lambda: window.ws is not None and _network_warning(window))


def _daily_backup(window) -> None:
    ws = window.ws
    if ws.path == ":memory:" or ws.read_only:
        return
    from gongkai_desk.ui.settings.backups import start_daily_backup

    start_daily_backup(window)


def _network_warning(window) -> None:
    from gongkai_desk.ui.settings.network import warn_about_network_share

    warn_about_network_share(window)
