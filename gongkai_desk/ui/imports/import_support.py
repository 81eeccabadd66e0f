"""Helpers of the import dialog: parse off the main thread with a progress dialog; show an update's diff."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QProgressDialog, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.errors import GongkaiError, ImportFormatError
from gongkai_desk.core.labels import numbered_title
from gongkai_desk.ui.imports.preview_model import WrapDelegate

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _ParseJob(QRunnable):
    """Run a pure parse function on a pool thread (it never touches the workspace)."""

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except GongkaiError as e:
            self.signals.failed.emit(str(e))
        except Exception:  # a reader bug must not kill the window: log it, tell the clerk
            log.exception("导入时读取文件出错")
            self.signals.failed.emit("读取文件时出错，文件可能已损坏或格式不受支持。请用 Word 或 Excel 打开后另存一份再导入。")
        else:
            self.signals.done.emit(result)


_running: list[_ParseJob] = []  # keep jobs (and their signal objects) alive until they finish


def parse_in_background(parent: QWidget | None, fn: Callable[[], object], what: str) -> object:
    """Run ``fn`` off the main thread, showing progress; return its result.

    Raises ImportFormatError with the Chinese message when parsing fails, and returns None when the
    clerk cancels. The window keeps repainting meanwhile (a local event loop waits).
    """
    job = _ParseJob(fn)
    job.setAutoDelete(False)
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    progress = QProgressDialog(f"正在识别“{what}”中的计划内容…", "取消", 0, 0, parent)
    progress.setWindowTitle("正在导入")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # small files finish before it would show
    progress.setAutoClose(False)

    def finish(key: str, value: object) -> None:
        outcome[key] = value
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
        raise ImportFormatError(str(outcome["error"]))
    return outcome.get("result")


def _forget(job: _ParseJob) -> None:
    if job in _running:
        _running.remove(job)


class DiffDialog(QDialog):
    """Show what an update would change, before anything is overwritten."""

    def __init__(self, parent: QWidget | None, diff, plan_title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("确认更新计划")
        intro = QLabel(f"将按下面的改动更新计划「{plan_title}」：{diff.summary()}。\n"
                       "未改动的任务和单位的落实情况保持不变；更新后可以用“撤销”(Ctrl+Z)恢复。")
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["改动", "内容"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrapAll(self.tree, max_lines=12))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.setColumnWidth(0, self.fontMetrics().horizontalAdvance("国") * 6 + self.tree.indentation() * 3)
        self._fill(diff)
        self.tree.expandAll()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("应用更新")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 620)

    def _fill(self, diff) -> None:
        def group(title: str, count: int) -> QTreeWidgetItem | None:
            if not count:
                return None
            item = QTreeWidgetItem([f"{title}（{count}项）", ""])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            return item

        def leaf(parent: QTreeWidgetItem, first: str, second: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem(parent, [first, second])
            item.setToolTip(1, second)
            return item

        g = group("修改章节标题", len(diff.sections))
        for s in diff.sections:
            leaf(g, "章节标题", f"原为：{numbered_title(s.level, s.old_number, s.old_title)}\n"
                               f"改为：{numbered_title(s.level, s.number, s.title)}")
        g = group("新增任务", len(diff.added))
        for a in diff.added:
            leaf(g, f"任务{a.task.number or ''}", a.task.text)
        g = group("删除任务（其落实情况一并删除）", len(diff.removed))
        for t in diff.removed:
            leaf(g, f"任务{t.number or ''}", t.text)
        g = group("修改任务", len(diff.changed))
        for c in diff.changed:
            task = leaf(g, f"任务{c.old.number or ''}", c.old.text)
            for f in c.fields:
                if f.field in ("text", "detail"):  # long texts: one line each, nothing hidden
                    leaf(task, f.label, f"原为：{f.old or '（空）'}\n改为：{f.new or '（空）'}")
                else:
                    leaf(task, f.label, f"{f.old or '（空）'}  →  {f.new or '（空）'}")


class _WrapAll(WrapDelegate):
    def wraps(self, index) -> bool:
        return index.column() == 1
