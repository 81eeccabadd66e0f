"""Commands as recorded row operations: applied once, undone and redone exactly, all in history.

A command is a function that changes rows only through a ``Recorder``. The recorder applies
each insert/update/delete at once and remembers the row before and after, so undo replays the
inverse and redo replays the same operations (with the same ids): rows come back identical.
Every applied, undone or redone operation writes history rows (who, when, field, old → new).
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from gongkai_desk.core.changes import Changes, UndoStatus
from gongkai_desk.core.errors import ConflictError
from gongkai_desk.core.labels import ROLE
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.values import now_text

T = TypeVar("T")
MAX_UNDO = 200


@dataclass
class RowOp:
    kind: str  # "insert" | "update" | "delete"
    table: str
    key: dict[str, Any]
    old: dict[str, Any] | None  # delete: the whole row; update: old values of changed fields
    new: dict[str, Any] | None  # insert: the whole row; update: new values of changed fields
    plan_id: int | None = None
    task_id: int | None = None
    label: str | None = None  # this operation's own history label (else the command's)


@dataclass
class Command:
    label: str
    changes: Changes
    ops: list[RowOp] = field(default_factory=list)


CONFLICT_MESSAGE = "这些数据已被其他窗口或命令行修改，无法撤销或重做这一步；请刷新后查看修改记录。"


@contextmanager
def _conflicts_refused() -> Iterator[None]:
    """Replaying rows that others have since built on (a unit now used by a task, a plan now
    deleted) breaks a foreign key: refuse it like any other conflict. The transaction inside
    has already been rolled back when this sees the error."""
    try:
        yield
    except sqlite3.IntegrityError as e:
        raise ConflictError(CONFLICT_MESSAGE) from e


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts, odd Windows setups)
        return "未知用户"


class Recorder:
    """Apply row changes for one command and remember them.

    ``label``, when set, labels the history rows of the operations recorded from then on (one
    command taking changes from several files names each file); None uses the command's label.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ops: list[RowOp] = []
        self.label: str | None = None

    def _record(self, kind: str, table: str, key: dict[str, Any], old, new, row) -> None:
        self.ops.append(RowOp(kind, table, key, old, new, *_context(self.conn, table, row), label=self.label))

    def insert(self, table: str, values: dict[str, Any]) -> int:
        new_id = q.insert_row(self.conn, table, values)
        key = {k: values[k] for k in q.KEYS[table]} if "id" not in q.KEYS[table] else {"id": new_id}
        row = q.get_row(self.conn, table, key)
        self._record("insert", table, key, None, row, row)
        return new_id

    def update(self, table: str, key: dict[str, Any], **values: Any) -> bool:
        """Change fields of one row; record only the fields that really change."""
        row = q.get_row(self.conn, table, key)
        if row is None:
            raise KeyError((table, key))
        changed = {k: v for k, v in values.items() if row.get(k) != v}
        if not changed:
            return False
        q.update_row(self.conn, table, key, changed)
        old = {k: row[k] for k in changed}
        self._record("update", table, dict(key), old, changed, row)
        return True

    def delete(self, table: str, key: dict[str, Any]) -> None:
        row = q.get_row(self.conn, table, key)
        if row is None:
            return
        self._record("delete", table, dict(key), row, None, row)  # context read before the row goes
        q.delete_row(self.conn, table, key)

    def upsert(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> None:
        if q.get_row(self.conn, table, key) is None:
            self.insert(table, {**key, **values})
        else:
            self.update(table, key, **values)


def _context(conn: sqlite3.Connection, table: str, row: dict[str, Any] | None) -> tuple[int | None, int | None]:
    """Return (plan_id, task_id) a history row about ``row`` belongs to."""
    if row is None:
        return None, None
    if table == "plans":
        return row["id"], None
    if table == "tasks":
        return row["plan_id"], row["id"]
    if table == "sections":
        return row["plan_id"], None
    if table == "assignments" or table == "task_starts":
        task = q.get_row(conn, "tasks", {"id": row["task_id"]})
        return (task["plan_id"] if task else None), row["task_id"]
    if table == "feedback_rounds":
        return row["plan_id"], None
    if table in ("feedback_round_units", "feedback_returns"):
        rnd = q.get_row(conn, "feedback_rounds", {"id": row["round_id"]})
        return (rnd["plan_id"] if rnd else None), None
    if table == "chasings":  # a 催办 shows in the history of the task it was about
        return row["plan_id"], row["task_id"]
    return None, None


def _unit_name(conn: sqlite3.Connection, unit_id: Any) -> str:
    unit = q.get_row(conn, "units", {"id": unit_id})
    return unit["name"] if unit else f"单位{unit_id}"


def _describe(conn: sqlite3.Connection, table: str, row: dict[str, Any] | None) -> str | None:
    """A short text naming a created or deleted row, as the clerk would say it."""
    if not row:
        return None
    if table == "assignments":
        return f"{_unit_name(conn, row['unit_id'])}（{ROLE.get(row['role'], row['role'])}）"
    if table == "group_members":
        return _unit_name(conn, row["member_id"])
    if table == "chasings":
        said = "，".join(x for x in (row["person"] and f"联系人{row['person']}", row["answer"] and f"答复：{row['answer']}") if x)
        return f"{row['date']} {row['way']}催办{row['unit_name']}" + (f"（{said}）" if said else "")
    if table == "holidays":
        return f"{row['date']} {'放假' if row['kind'] == 'holiday' else '上班'}"
    for name in ("text", "title", "name", "alias", "value", "file_name"):
        if name in row and row[name] is not None:
            return str(row[name])[:200]
    return None


def _text(v: Any) -> str | None:
    return None if v is None else str(v)


class UndoStack:
    """Run commands in one transaction each; keep undo and redo stacks for this window."""

    def __init__(self, conn: sqlite3.Connection, atomic: Callable[[], Any], user: str | None = None) -> None:
        self.conn = conn
        self._atomic = atomic
        self.user = user or current_user()
        self._undo: list[Command] = []
        self._redo: list[Command] = []

    def run(self, label: str, changes: Changes | Callable[[T], Changes], build: Callable[[Recorder], T], *,
            undoable: bool = True) -> T:
        """Apply ``build`` through a recorder in one transaction, record history, push it.

        ``changes`` may be a function of ``build``'s result (a new plan's id), for undo and redo.
        ``undoable=False``: housekeeping (expired trash) recorded in history, not on the undo stack.
        """
        rec = Recorder(self.conn)
        with self._atomic():
            result = build(rec)
            self._write_history(label, "do", rec.ops, reverse=False)
        if rec.ops and undoable:
            self._undo.append(Command(label, changes(result) if callable(changes) else changes, rec.ops))
            del self._undo[:-MAX_UNDO]
            self._redo.clear()
        return result

    def undo(self) -> Changes:
        if not self._undo:
            return Changes()
        cmd = self._undo[-1]
        with _conflicts_refused(), self._atomic():
            for op in reversed(cmd.ops):
                self._revert(op)
            self._write_history(f"撤销 {cmd.label}", "undo", cmd.ops, reverse=True)
        self._redo.append(self._undo.pop())
        return cmd.changes

    def redo(self) -> Changes:
        if not self._redo:
            return Changes()
        cmd = self._redo[-1]
        with _conflicts_refused(), self._atomic():
            for op in cmd.ops:
                self._reapply(op)
            self._write_history(f"重做 {cmd.label}", "redo", cmd.ops, reverse=False)
        self._undo.append(self._redo.pop())
        return cmd.changes

    def status(self) -> UndoStatus:
        return UndoStatus(
            self._undo[-1].label if self._undo else None,
            self._redo[-1].label if self._redo else None,
        )

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    # ---- replay --------------------------------------------------------------------------

    def _revert(self, op: RowOp) -> None:
        current = q.get_row(self.conn, op.table, op.key)
        if op.kind == "insert":
            self._expect(current is not None and current == op.new)
            q.delete_row(self.conn, op.table, op.key)
        elif op.kind == "delete":
            self._expect(current is None)
            q.insert_row(self.conn, op.table, op.old)
        else:
            self._expect(current is not None and all(current.get(k) == v for k, v in op.new.items()))
            q.update_row(self.conn, op.table, op.key, op.old)

    def _reapply(self, op: RowOp) -> None:
        current = q.get_row(self.conn, op.table, op.key)
        if op.kind == "insert":
            self._expect(current is None)
            q.insert_row(self.conn, op.table, op.new)
        elif op.kind == "delete":
            self._expect(current is not None and current == op.old)
            q.delete_row(self.conn, op.table, op.key)
        else:
            self._expect(current is not None and all(current.get(k) == v for k, v in op.old.items()))
            q.update_row(self.conn, op.table, op.key, op.new)

    @staticmethod
    def _expect(ok: bool) -> None:
        if not ok:
            raise ConflictError(CONFLICT_MESSAGE)

    def _write_history(self, label: str, action: str, ops: list[RowOp], *, reverse: bool) -> None:
        at, rows = now_text(), []
        for op in ops:
            base = {
                "at": at, "user": self.user, "label": (op.label if action == "do" else None) or label,
                "action": action,
                "plan_id": op.plan_id, "task_id": op.task_id, "entity": op.table,
                "entity_id": ",".join(str(v) for v in op.key.values()),
            }
            kind = op.kind
            if reverse:
                kind = {"insert": "delete", "delete": "insert"}.get(kind, kind)
            if kind == "insert":
                rows.append({**base, "field": None, "old": None, "new": _describe(self.conn, op.table, op.new or op.old)})
            elif kind == "delete":
                rows.append({**base, "field": None, "old": _describe(self.conn, op.table, op.old or op.new), "new": None})
            else:
                before, after = (op.new, op.old) if reverse else (op.old, op.new)
                for k in after:
                    rows.append({**base, "field": k, "old": _text(before[k]), "new": _text(after[k])})
        q.insert_history(self.conn, rows)
