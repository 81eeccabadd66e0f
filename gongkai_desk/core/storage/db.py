"""Open the SQLite file: pragmas, schema check, migrations. Raw sqlite3 on the start-up path.

sqlite-utils costs ~100 ms to import, so it is only imported when a migration is pending
(``migrations.apply``) or a change is written (``Workspace.db``), never just to read.

Write transactions start with ``BEGIN IMMEDIATE`` (``write_transaction``): the write lock is
taken at the start, where SQLite's busy timeout applies, instead of on the first write inside a
read transaction, where a second writer gets SQLITE_BUSY at once whatever the timeout.

A database the program may not write (a read-only folder or file, a read-only disk) is opened
read-only; ``Opened.read_only`` then says why, in Chinese, and the workspace refuses edits.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gongkai_desk.core.errors import GongkaiError, SchemaTooNewError
from gongkai_desk.core.files import ensure_folder
from gongkai_desk.core.storage import migrations

BUSY_TIMEOUT_MS = 5000
LOW_DISK_BYTES = 2 * 1024 * 1024  # below this much free space an I/O error is called a full disk


@dataclass
class Opened:
    conn: sqlite3.Connection
    read_only: str | None = None  # why edits are impossible, or None


def connect(path: str | Path, *, before_migrate: Callable[[sqlite3.Connection], None] | None = None) -> sqlite3.Connection:
    """Open ``path`` (or ":memory:") for writing, refuse a newer schema untouched, then migrate it."""
    opened = open_database(path, before_migrate=before_migrate, allow_read_only=False)
    return opened.conn


def check_path(path: str | Path) -> None:
    """Refuse an empty database path (``--db ""``) in Chinese instead of using another file."""
    if not str(path).strip():
        raise GongkaiError("数据库路径为空：请在 --db 后写出数据库文件的路径，或去掉 --db 使用默认数据库。")


def open_database(path: str | Path, *, before_migrate: Callable[[sqlite3.Connection], None] | None = None,
                  allow_read_only: bool = True) -> Opened:
    """Open the database at ``path``; read-only (with the reason) when it cannot be written."""
    check_path(path)
    memory = str(path) == ":memory:"
    if not memory:
        p = Path(path)
        if p.is_dir():
            raise GongkaiError(f"无法打开数据库文件 {path}：这是一个文件夹，请指定数据库文件。")
        reason = _read_only_reason(p)
        if reason and p.is_file():
            if not allow_read_only:
                raise GongkaiError(f"无法修改数据库文件 {path}：{reason}。")
            return Opened(_connect_read_only(p), reason)
        ensure_folder(p.parent)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Checked before any pragma that writes (journal_mode) so a refused file stays as it was.
        _refuse_unknown_migrations(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except SchemaTooNewError:
        raise
    except sqlite3.Error as e:
        raise GongkaiError(f"无法打开数据库文件 {path}：{describe(e, path)}。") from e
    applied = applied_names(conn)
    if migrations.pending_names(applied):
        if before_migrate is not None and applied:
            before_migrate(conn)
        with write_transaction(conn):
            migrations.apply(conn)
    return Opened(conn)


def _read_only_reason(path: Path) -> str | None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_file() and not os.access(path, os.W_OK):
        return "数据库文件是只读的（或所在磁盘只读），只能查看，不能修改"
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return f"数据库所在的文件夹“{folder}”没有写入权限（或是只读磁盘），只能查看，不能修改"
    return None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open read-only; a WAL database in a read-only folder needs ``immutable`` (no -shm file)."""
    base = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(base + query, uri=True, isolation_level=None, check_same_thread=False)
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as e:
            last = e
            continue
        names = applied_names(conn)
        if not names:
            conn.close()
            raise GongkaiError(f"文件 {path} 不是政务公开工作台的数据库。")
        _refuse_unknown_migrations(conn, path)
        if migrations.pending_names(names):
            conn.close()
            raise GongkaiError(f"数据库 {path} 需要升级结构才能打开，但它所在的位置不能写入：请把它复制到可写的文件夹后再打开。")
        return conn
    raise GongkaiError(f"无法打开数据库文件 {path}：{describe(last, path) if last else '数据库操作失败'}。")


@contextmanager
def write_transaction(conn: sqlite3.Connection, *, wait_s: float | None = None,
                      on_wait: Callable[[float], None] | None = None) -> Iterator[None]:
    """One write transaction begun with ``BEGIN IMMEDIATE`` (nested: a savepoint).

    While another program holds the write lock, wait up to ``wait_s`` seconds (default: the
    busy timeout), calling ``on_wait(seconds waited)`` about four times a second so a window can
    say it is waiting; then give up with SQLite's "database is locked".
    """
    if conn.in_transaction:
        conn.execute("SAVEPOINT gongkai_nested")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO SAVEPOINT gongkai_nested")
                conn.execute("RELEASE SAVEPOINT gongkai_nested")
            raise
        conn.execute("RELEASE SAVEPOINT gongkai_nested")
        return
    _begin_immediate(conn, BUSY_TIMEOUT_MS / 1000 if wait_s is None else wait_s, on_wait)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _begin_immediate(conn: sqlite3.Connection, wait_s: float, on_wait: Callable[[float], None] | None) -> None:
    if on_wait is None:
        if wait_s * 1000 != BUSY_TIMEOUT_MS:
            conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
        try:
            conn.execute("BEGIN IMMEDIATE")
        finally:
            if wait_s * 1000 != BUSY_TIMEOUT_MS:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return
    start = time.monotonic()
    conn.execute("PRAGMA busy_timeout = 250")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                waited = time.monotonic() - start
                if not _is_busy(e) or waited >= wait_s:
                    raise
                on_wait(waited)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _is_busy(e: sqlite3.Error) -> bool:
    text = str(e).lower()
    return "locked" in text or "busy" in text


def describe(e: sqlite3.Error, path: str | Path | None = None) -> str:
    """Say in Chinese (no trailing full stop) why SQLite refused, from its English message.

    An I/O error on a disk with (almost) no free space is called what it is: a full disk.
    """
    text = str(e).lower()
    if "unable to open" in text:
        return "文件夹不存在、没有读写权限，或该路径是一个文件夹"
    if _is_busy(e):
        return "数据库正被其他程序占用（等待后仍未释放），请稍后重试"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的，无法保存修改"
    if "full" in text or (("i/o" in text or "disk" in text) and disk_nearly_full(path)):
        where = f"（{Path(path).parent}）" if path and str(path) != ":memory:" else ""
        return f"磁盘空间不足{where}，请清理磁盘后重试；已保存的数据不受影响"
    if "i/o" in text:
        return "读写磁盘时出错（可能是磁盘或网络驱动器故障）"
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return "文件已损坏或不是本程序的数据库"
    return "数据库操作失败"


def disk_nearly_full(path: str | Path | None) -> bool:
    if not path or str(path) == ":memory:":
        return False
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.is_file():
        folder = folder.parent
    import shutil

    try:
        return shutil.disk_usage(folder).free < LOW_DISK_BYTES
    except OSError:
        return False


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


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """``PRAGMA integrity_check`` (and foreign keys): None when the database is sound."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        return "；".join(str(r) for r in rows[:5])
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        return f"{len(bad)} 行引用了不存在的数据（外键）"
    return None
