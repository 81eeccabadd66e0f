"""Open the SQLite file: pragmas, schema check, migrations. Raw sqlite3 on the start-up path.

sqlite-utils costs ~100 ms to import, so it is only imported when a migration is pending
(``migrations.apply``) or a change is written (``Workspace.db``), never just to read.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gongkai_desk.core.errors import GongkaiError, SchemaTooNewError
from gongkai_desk.core.files import ensure_folder
from gongkai_desk.core.storage import migrations

BUSY_TIMEOUT_MS = 5000


def connect(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` (or ":memory:"), refuse a newer schema untouched, then migrate it."""
    memory = str(path) == ":memory:"
    if not memory:
        ensure_folder(Path(path).parent)
        if Path(path).is_dir():
            raise GongkaiError(f"无法打开数据库文件 {path}：这是一个文件夹，请指定数据库文件。")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Checked before any pragma that writes (journal_mode) so a refused file stays as it was.
        _refuse_unknown_migrations(conn, path)
    except sqlite3.Error as e:
        raise GongkaiError(f"无法打开数据库文件 {path}：{describe(e)}。") from e
    conn.execute("PRAGMA foreign_keys = ON")
    if not memory:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    if migrations.pending_names(applied_names(conn)):
        migrations.apply(conn)
    return conn


def describe(e: sqlite3.Error) -> str:
    """Say in Chinese (no trailing full stop) why SQLite refused, from its English message."""
    text = str(e).lower()
    if "unable to open" in text:
        return "文件夹不存在、没有读写权限，或该路径是一个文件夹"
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序占用，请稍后重试"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的，无法保存修改"
    if "full" in text:
        return "磁盘空间不足"
    if "i/o" in text:
        return "读写磁盘时出错"
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return "文件已损坏或不是本程序的数据库"
    return "数据库操作失败"


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations of our set already applied to this database."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (migrations.TABLE,)
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM {migrations.TABLE} WHERE migration_set = ? ORDER BY rowid",
        (migrations.SET_NAME,),
    ).fetchall()
    return [r[0] for r in rows]


def _refuse_unknown_migrations(conn: sqlite3.Connection, path: str | Path) -> None:
    unknown = [n for n in applied_names(conn) if n not in migrations.NAMES]
    if unknown:
        conn.close()
        raise SchemaTooNewError(
            f"数据库 {path} 由更新版本的政务公开工作台创建（含本程序不认识的结构升级 {', '.join(unknown)}），"
            "为避免损坏数据，本程序不会打开或修改它，请升级本程序后再打开。"
        )


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing database read-only and check it is ours and not newer than us."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        names = applied_names(conn)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise GongkaiError(f"无法读取文件 {path}：{describe(e)}。") from e
    if not names:
        conn.close()
        raise GongkaiError(f"文件 {path} 不是政务公开工作台的数据库。")
    _refuse_unknown_migrations(conn, path)
    return conn
