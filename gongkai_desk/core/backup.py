"""Consistent copies of the database through SQLite's online backup API."""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.files import ensure_folder, write_atomic
from gongkai_desk.core.storage import db as _db


def backup(conn: sqlite3.Connection, out: str | Path) -> Path:
    """Write a consistent copy of the open database to ``out`` (refusing to overwrite it)."""
    out = Path(out)
    if out.is_dir():
        raise GongkaiError(f"备份位置 {out} 是一个文件夹，请在后面加上备份文件名（例如 备份.db）。")
    if out.exists():
        raise GongkaiError(f"备份文件 {out} 已存在，请换一个文件名，以免覆盖已有备份。")

    def copy(tmp: Path) -> None:
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        finally:
            dest.close()

    return write_atomic(out, copy, prefix=f".{out.name}.")


def restore(db_path: str | Path, source: str | Path) -> Path:
    """Replace the database at ``db_path`` by the backup ``source``; keep the current one aside.

    Returns the path where the previous database was kept.
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
        if db_path.is_dir():
            raise GongkaiError(f"数据库位置 {db_path} 是一个文件夹，请指定数据库文件。")
        ensure_folder(db_path.parent)  # restoring on a new computer: no data folder yet
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = db_path.with_name(f"{db_path.stem}.restore-{stamp}{db_path.suffix or '.db'}")
        if db_path.exists():
            current = sqlite3.connect(str(db_path))
            try:
                backup(current, kept)
            finally:
                current.close()
        dest = sqlite3.connect(str(db_path))
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
    return kept
