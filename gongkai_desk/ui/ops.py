"""The one bridge from widgets to the core (Anki's CollectionOp and QueryOp).

``run_op`` runs a core edit on the main thread (it owns the database connection), shows any
failure as one Chinese message (never a traceback), and broadcasts the edit's ``Changes`` with
the view that asked for it (``initiator``), so each view reloads only what it shows and the view
under the clerk's cursor is not reloaded by its own edit.

``run_in_background`` runs slow work that does not touch the database (reading a file, writing an
export) on a pool thread, with a progress dialog after a moment, and returns its result; the
window keeps painting meanwhile.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.files import describe_os_error
from gongkai_desk.ui.bus import Bus  # noqa: F401 - the views import it from here too

log = logging.getLogger(__name__)
UNEXPECTED = "操作时出现意外错误，没有完成。已保存的数据不受影响；详情已记入日志。"


def failure_text(e: BaseException) -> str | None:
    """The Chinese sentence for an expected failure, or None for a bug."""
    if isinstance(e, GongkaiError):
        return str(e)
    if isinstance(e, sqlite3.Error):  # locked by another program, disk full, file gone…
        return f"数据库操作失败，修改没有保存：{_sqlite_reason(e)}。请稍后再试；如果一直失败，请先备份数据库。"
    if isinstance(e, OSError):
        return describe_os_error(e)
    return None


def run_op(parent: QWidget | None, bus: Bus, fn: Callable[[], Any], *, done: str | None = None,
           initiator: object | None = None, error_title: str = "无法完成操作") -> Any:
    """Run ``fn`` (a core edit); on success broadcast its Changes and return its result.

    On a GongkaiError, a database or a file error, show it in Chinese and return None.
    """
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = fn()
    except Exception as e:
        QApplication.restoreOverrideCursor()
        text = failure_text(e)
        if text is None:
            raise  # a bug: the crash dialog reports it, nothing half-done was committed
        show_error(parent, text, error_title)
        return None
    except BaseException:
        QApplication.restoreOverrideCursor()  # never leave the wait cursor behind a crash dialog
        raise
    QApplication.restoreOverrideCursor()
    if isinstance(result, Changes) and result.any():
        bus.changed.emit(result, initiator)
    if done:
        bus.message.emit(done)
    return result


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object], unexpected: str) -> None:
        super().__init__()
        self.fn, self.unexpected = fn, unexpected
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:
            text = failure_text(e)
            if text is None:  # a reader or writer bug must not kill the window: log it, tell the clerk
                log.exception("后台操作出错")
                text = self.unexpected
            self.signals.failed.emit(text)
        else:
            self.signals.done.emit(result)


_running: list[_Job] = []  # jobs (and their signal objects) stay alive until they finish


class BackgroundError(GongkaiError):
    """Background work failed; the message is the Chinese sentence to show."""


def run_in_background(parent: QWidget | None, fn: Callable[[], object], *, label: str,
                      title: str = "请稍候", unexpected: str = UNEXPECTED, show_errors: bool = True,
                      error_title: str = "无法完成操作") -> object:
    """Run ``fn`` off the main thread and return its result; None when cancelled or failed.

    A progress dialog (with 取消) appears when the work takes longer than a moment. A failure is
    shown in Chinese, or raised as ``BackgroundError`` with ``show_errors=False``. ``fn`` must not
    use the workspace: its connection belongs to the main thread.
    """
    job = _Job(fn, unexpected)
    job.setAutoDelete(False)
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    progress = QProgressDialog(label, "取消", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # quick work finishes before it would show
    progress.setAutoClose(False)

    def finish(key: str, value: object) -> None:
        outcome.setdefault(key, value)
        loop.quit()

    job.signals.done.connect(lambda r: finish("result", r))
    job.signals.failed.connect(lambda m: finish("error", m))
    job.signals.done.connect(lambda _r: _forget(job))
    job.signals.failed.connect(lambda _m: _forget(job))
    progress.canceled.connect(lambda: finish("canceled", True))
    _running.append(job)
    QThreadPool.globalInstance().start(job)
    if not outcome:
        loop.exec()
    progress.reset()
    progress.deleteLater()
    if "error" in outcome:
        if not show_errors:
            raise BackgroundError(str(outcome["error"]))
        show_error(parent, str(outcome["error"]), error_title)
        return None
    return outcome.get("result")


def _forget(job: _Job) -> None:
    if job in _running:
        _running.remove(job)


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
