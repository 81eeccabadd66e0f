"""设置 → 自动备份: the automatic backups (newest first) with 恢复, 打开文件夹 and 立即备份; and the
daily backup the window starts after its first paint (off the UI thread, on its own connection)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from shiboken6 import isValid
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from gongkai_desk.core import autobackup
from gongkai_desk.core.changes import Changes
from gongkai_desk.ui.ops import Bus, confirm, run_op
from gongkai_desk.ui.tables import list_table

log = logging.getLogger(__name__)
HEADERS = ("备份时间", "原因", "大小")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


class BackupsTab(QWidget):
    def __init__(self, ws, bus: Bus, settings=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.bus = ws, bus
        self.folder = autobackup.folder_for(ws.path) if ws.path != ":memory:" else None
        info = QLabel(
            "程序会自动备份数据库：每天第一次打开时，以及升级数据库结构、恢复备份、导入更新计划或收集反馈之前。"
            f"保留最近{autobackup.KEEP_DAYS}天每天一份、最近{autobackup.KEEP_WEEKS}周每周一份、"
            f"最近{autobackup.KEEP_MONTHS}个月每月一份；每份都通过了完整性检查。"
            + (f"<br><b>备份文件夹</b>：{self.folder}" if self.folder else "<br>（内存数据库，不做自动备份）"))
        info.setWordWrap(True)
        self.table = list_table(HEADERS, stretch=1, fit=(0, 2))
        self.table.setWordWrap(False)
        self.restore_button = QPushButton("恢复…")
        self.open_button = QPushButton("打开文件夹")
        self.now_button = QPushButton("立即备份")
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button.clicked.connect(self.open_folder)
        self.now_button.clicked.connect(self.back_up_now)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        for b in (self.open_button, self.now_button):
            b.setEnabled(self.folder is not None and not ws.read_only)
        buttons = QHBoxLayout()
        for b in (self.restore_button, self.open_button, self.now_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.backups = autobackup.list_backups(self.ws.path) if self.folder else []
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            for col, text in enumerate((b.when.strftime("%Y-%m-%d %H:%M:%S"), b.reason_label, _size(b.size))):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self.ws.read_only)

    def back_up_now(self) -> None:
        out = run_op(self, self.bus, lambda: autobackup.make(self.ws.conn, self.ws.path, autobackup.MANUAL, strict=True))
        if out is not None:
            self.bus.message.emit(f"已备份到 {out}")
            self.reload()

    def open_folder(self) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def restore_selected(self) -> None:
        b = self.selected()
        if b is None:
            return
        when = b.when.strftime("%Y年%m月%d日 %H:%M")
        if not confirm(self, "恢复备份", f"确定用 {when} 的备份（{b.reason_label}）替换当前数据库吗？\n"
                                       "当前数据库会先另存一份并自动备份；恢复后，之前的修改不能再撤销。"):
            return
        commit = getattr(self.window(), "commit_pending", None)
        if commit is not None:
            commit()
        kept = run_op(self, self.bus, lambda: autobackup.restore(self.ws.path, b.path), error_title="无法恢复备份")
        if kept is None:
            return
        watch = getattr(self.bus, "watch", None)
        if watch is None or not watch.check():
            self.ws.undo_stack.clear()
            self.bus.changed.emit(Changes.everything(), None)
        self.bus.message.emit(f"已恢复 {when} 的备份；恢复前的数据库另存为 {kept}")
        self.reload()


class _Signals(QObject):
    done = Signal(object)


class _DailyBackup(QRunnable):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.signals = _Signals()

    def run(self) -> None:
        try:
            out = autobackup.make_daily_if_due(self.path)
        except Exception:  # never let a backup thread take the window down
            log.exception("每日自动备份出错")
            out = None
        self.signals.done.emit(out)


_running: list[_DailyBackup] = []


def start_daily_backup(window) -> _DailyBackup | None:
    """Make today's backup in a pool thread (nothing when one exists); say so in the status bar."""
    if not autobackup.daily_due(window.ws.path):
        return None
    job = _DailyBackup(window.ws.path)
    job.setAutoDelete(False)
    _running.append(job)

    def done(out) -> None:
        if job in _running:
            _running.remove(job)
        if out is not None and isValid(window):  # the window may have closed meanwhile
            window.statusBar().showMessage(f"已自动备份数据库（{out.name}）", 8000)

    job.signals.done.connect(done)
    QThreadPool.globalInstance().start(job)
    return job
