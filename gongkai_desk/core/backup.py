"""Consistent copies of the database through SQLite's online backup API, and restoring one.

A backup is written beside its target and renamed into place only after ``PRAGMA
integrity_check`` passed on the copy (``files.write_atomic``), so a killed or failed backup
leaves neither a half file nor a journal behind. A restore keeps the current database aside
first (a new name every time, never colliding), copies the backup in with one transaction, and
stamps the restored file so a window that has it open notices and reloads (``restore_mark``).
"""

from __future__ import annotations

import datetime as _dt
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.files import ensure_folder, write_atomic
from gongkai_desk.core.storage import db as _db
from gongkai_desk.core.storage import queries as q


def backup(conn: sqlite3.Connection, out: str | Path) -> Path:
    """Write a verified, consistent copy of the open database to ``out`` (refusing to overwrite it)."""
    out = Path(out)
    if out.is_dir():
        raise GongkaiError(f"备份位置 {out} 是一个文件夹，请在后面加上备份文件名（例如 备份.db）。")
    if out.exists():
        raise GongkaiError(f"备份文件 {out} 已存在，请换一个文件名，以免覆盖已有备份。")

    def copy(tmp: Path) -> None:
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
                problem = _db.integrity_problem(dest)
            finally:
                dest.close()
        except sqlite3.Error as e:
            raise GongkaiError(f"无法备份到 {out}：{_db.describe(e, out)}。") from e
        if problem:
            raise GongkaiError(f"备份到 {out} 失败：副本未通过完整性检查（{problem}），请检查磁盘后重试。")

    return write_atomic(out, copy)


def backup_file(db_path: str | Path, out: str | Path) -> Path:
    """Back up the database file at ``db_path`` on a connection of its own (any thread may call this)."""
    src = _db.connect_readonly(db_path)
    try:
        return backup(src, out)
    finally:
        src.close()


def kept_aside_path(db_path: Path, now: _dt.datetime | None = None) -> Path:
    """A name for the database kept aside before a restore that no earlier restore has used."""
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = db_path.suffix or ".db"
    kept, n = db_path.with_name(f"{db_path.stem}.restore-{stamp}{suffix}"), 2
    while kept.exists():
        kept, n = db_path.with_name(f"{db_path.stem}.restore-{stamp}-{n}{suffix}"), n + 1
    return kept


def restore(db_path: str | Path, source: str | Path, *,
            before: Callable[[sqlite3.Connection], object] | None = None) -> Path:
    """Replace the database at ``db_path`` by the backup ``source``; keep the current one aside.

    ``before(current connection)`` runs first (the automatic backup: ``autobackup.restore``).
    Returns the path where the previous database was kept (it does not exist when there was none).
    """
    source, db_path = Path(source), Path(db_path)
    if not source.is_file():
        raise GongkaiError(f"找不到备份文件 {source}。")
    try:
        src = _db.connect_readonly(source)
    except GongkaiError:
        raise
    except sqlite3.DatabaseError as e:
        raise GongkaiError(f"文件 {source} 不是有效的工作台数据库备份：{_db.describe(e)}。") from e
    try:
        problem = _db.integrity_problem(src)
        if problem:
            raise GongkaiError(f"备份文件 {source} 已损坏（{problem}），没有恢复；当前数据库保持不变。")
        if db_path.is_dir():
            raise GongkaiError(f"数据库位置 {db_path} 是一个文件夹，请指定数据库文件。")
        ensure_folder(db_path.parent)  # restoring on a new computer: no data folder yet
        kept = kept_aside_path(db_path)
        if db_path.exists():
            current = sqlite3.connect(str(db_path))
            try:
                current.execute(f"PRAGMA busy_timeout = {_db.BUSY_TIMEOUT_MS}")
                backup(current, kept)
                if before is not None:
                    before(current)
            finally:
                current.close()
        try:
            dest = sqlite3.connect(str(db_path), isolation_level=None)
            try:
                dest.execute(f"PRAGMA busy_timeout = {_db.BUSY_TIMEOUT_MS}")
                src.backup(dest)
                q.set_user_version(dest, new_restore_mark())
            finally:
                dest.close()
        except sqlite3.Error as e:
            raise GongkaiError(f"无法恢复到 {db_path}：{_db.describe(e, db_path)}；数据库保持恢复前的状态。") from e
    finally:
        src.close()
    return kept


def new_restore_mark() -> int:
    return random.randint(1, 2**31 - 1)


def restore_mark(conn: sqlite3.Connection) -> int:
    """A number a restore changes (``PRAGMA user_version``): a window compares it to notice one."""
    return q.user_version(conn)
