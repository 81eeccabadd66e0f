"""The one entry point to the data, like Anki's Collection. Both the CLI and the window use only this.

A workspace is an open database plus the undo history of this session, and a small object per
kind of data, each with its reads (dataclasses) and its undoable edits (returning ``Changes``):

    ws = Workspace.open(":memory:")
    plan_id = ws.plans.create(year=2026, title="2026年政务公开工作要点").id
    task_id = ws.tasks.add(plan_id, text="做好政策解读").id
    unit_id = ws.units.add("区财政局").id
    ws.progress.assign(task_id, unit_id)
    ws.progress.set(task_id, unit_id, status="推进中")
    ws.undo()                                   # the status is back to 未启动

``ws.plans`` (plans and sections), ``ws.tasks``, ``ws.units`` (the unit directory),
``ws.progress`` (units on tasks and their 落实情况), ``ws.annual`` (the annual report's data),
``ws.settings`` (the clerk's office and other stored settings), ``ws.feedback`` (feedback
workbooks sent to units and collected back), ``ws.calendar`` (the working-day
calendar, the lights' thresholds), ``ws.chasing`` (催办 records), ``ws.timeline`` (a plan's entries
and their status changes over time, for the overview), ``ws.texts`` (查找和替换 over task and
progress texts), ``ws.trash`` (回收站).
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from gongkai_desk.core.changes import Changes, UndoStatus
from gongkai_desk.core.edits.annual import Annual
from gongkai_desk.core.edits.feedback import Feedback
from gongkai_desk.core.edits.plans import Plans
from gongkai_desk.core.edits.progress import Progress
from gongkai_desk.core.edits.settings import Settings
from gongkai_desk.core.edits.tasks import Tasks
from gongkai_desk.core.edits.texts import Texts
from gongkai_desk.core.edits.trash import Trash
from gongkai_desk.core.edits.units import Units
from gongkai_desk.core.errors import DatabaseWriteError, ReadOnlyError
from gongkai_desk.core.model import HistoryEntry
from gongkai_desk.core.storage import db as _db
from gongkai_desk.core.storage import opening
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.undo import UndoStack


class Workspace:
    def __init__(self, conn: sqlite3.Connection, path: str, *, read_only: str | None = None) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only  # why edits are impossible (a read-only folder), or None
        self.write_wait_s = _db.BUSY_TIMEOUT_MS / 1000  # how long an edit waits for another writer
        self.on_wait: Callable[[float], None] | None = None  # told while an edit waits (the window)
        self._sqlite_utils_db = None
        self.undo_stack = UndoStack(conn, self._atomic)
        stack = self.undo_stack
        self.plans = Plans(conn, stack)
        self.tasks = Tasks(conn, stack, self.plans)
        self.units = Units(conn, stack)
        self.progress = Progress(conn, stack, self.tasks, self.units)
        self.annual = Annual(conn, stack)
        self.settings = Settings(conn, stack)
        self.texts = Texts(conn, stack, self.tasks)
        self.trash = Trash(conn, stack)
        self.feedback = Feedback(conn, stack, self.plans, self.tasks, self.units, self.settings, self.auto_backup)
        self._calendar = self._chasing = self._timeline = None

    # The calendar, 催办 and timeline are built on first use: the window's start-up needs none.

    @property
    def calendar(self):
        """The working-day calendar and the lights' thresholds (``edits.calendar.Calendar``)."""
        if self._calendar is None:
            from gongkai_desk.core.edits.calendar import Calendar

            self._calendar = Calendar(self.conn, self.undo_stack, self.tasks)
        return self._calendar

    @property
    def chasing(self):
        """催办 records (``edits.chasing.Chasing``)."""
        if self._chasing is None:
            from gongkai_desk.core.edits.chasing import Chasing

            self._chasing = Chasing(self.conn, self.undo_stack, self.tasks, self.units, self.plans.sections)
        return self._chasing

    @property
    def timeline(self):
        """A plan's entries and their status changes over time (``edits.timeline.Timeline``)."""
        if self._timeline is None:
            from gongkai_desk.core.edits.timeline import Timeline

            self._timeline = Timeline(self.conn)
        return self._timeline

    @classmethod
    def open(cls, path: str | Path, *, auto_backup: bool = True) -> "Workspace":
        """Open (creating and migrating if needed) the database at ``path`` or ":memory:".

        Before a migration changes an existing file, a verified copy goes to the automatic
        backups (``core.autobackup``). A file that cannot be written is opened read-only.
        """
        return cls.opened(opening.open_file(path, auto_backup=auto_backup), path)

    @classmethod
    def opened(cls, opened: "_db.Opened", path: str | Path) -> "Workspace":
        """The workspace on a file ``storage.opening.open_file`` opened (the window opens the file
        before its first paint and the workspace right after it)."""
        opening.settle(path)
        ws = cls(opened.conn, str(path), read_only=opened.read_only)
        if not ws.read_only:
            ws.trash.purge_expired()
        return ws

    def close(self) -> None:
        self.conn.close()

    def restore(self, source: str | Path) -> Path:
        """Replace this workspace's database file by the backup ``source`` and reopen it in place
        (every view keeps its ``ws``); the database before is kept aside, its path returned. The
        undo history starts afresh: it belonged to the database replaced."""
        from gongkai_desk.core.backup import restore
        from gongkai_desk.core.errors import GongkaiError

        if self.path == ":memory:":
            raise GongkaiError("这个数据库只在内存中，没有可以替换的文件，无法恢复备份。")
        path = self.path
        self.conn.close()
        try:
            kept = restore(path, source)
        finally:  # restored or not, a working database again
            self.__init__(_db.connect(path), path)
        return kept

    @property
    def db(self):
        """The sqlite-utils Database over the same connection (imported on first write)."""
        if self._sqlite_utils_db is None:
            from sqlite_utils import Database

            self._sqlite_utils_db = Database(self.conn)
        return self._sqlite_utils_db

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """One write transaction (BEGIN IMMEDIATE: a second writer waits instead of failing)."""
        if self.read_only:
            raise ReadOnlyError(f"不能修改：{self.read_only}。")
        try:
            with _db.write_transaction(self.conn, wait_s=self.write_wait_s, on_wait=self.on_wait):
                yield
        except sqlite3.OperationalError as e:
            raise DatabaseWriteError(f"修改没有保存：{_db.describe(e, self.path)}。") from e

    def auto_backup(self, reason: str):
        """An automatic backup before an edit that replaces data (an import update, a collect):
        ``reason`` is one of ``autobackup``'s (e.g. "before-import", "before-collect"). Returns
        the file, or None (in memory, read-only, or the copy failed: logged, the edit goes on)."""
        if self.path == ":memory:" or self.read_only:
            return None
        from gongkai_desk.core import autobackup

        return autobackup.make(self.conn, self.path, reason)

    def data_version(self) -> int:
        """A number that changes whenever another program commits to this database."""
        return q.data_version(self.conn)

    def restore_mark(self) -> int:
        """A number a restore changes (``backup.restore_mark``): an open window compares it."""
        return q.user_version(self.conn)

    # ---- undo ----------------------------------------------------------------------------

    def run(self, label: str, changes: Changes, build) -> Any:
        """Run a compound edit (an import, the demo) as one undoable command.

        ``build(recorder)`` writes rows built by ``storage.rows`` through the recorder only.
        """
        return self.undo_stack.run(label, changes, build)

    def undo(self) -> Changes:
        return self.undo_stack.undo()

    def redo(self) -> Changes:
        return self.undo_stack.redo()

    def undo_status(self) -> UndoStatus:
        return self.undo_stack.status()

    # ---- history ------------------------------------------------------------------------

    def history(self, *, task_id: int | None = None, plan_id: int | None = None, limit: int = 500) -> list[HistoryEntry]:
        return [
            HistoryEntry(r["id"], r["at"], r["user"], r["label"], r["entity"],
                         _int_or_none(r["entity_id"]), r["field"], r["old"], r["new"])
            for r in q.history_rows(self.conn, task_id=task_id, plan_id=plan_id, limit=limit)
        ]


def _int_or_none(text: Any) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
