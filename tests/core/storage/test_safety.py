"""Issue 15, storage: two writers wait, read-only folders, full disks, empty --db, backups that
name their target and leave nothing behind, restores that never collide and are noticed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from gongkai_desk.core.backup import backup, kept_aside_path, restore, restore_mark
from gongkai_desk.core.errors import DatabaseWriteError, GongkaiError, ReadOnlyError
from gongkai_desk.core.files import TEMP_PREFIX, clean_leftovers, write_atomic
from gongkai_desk.core.storage import db as _db
from gongkai_desk.core.workspace import Workspace
from tests.conftest import run_cli


def _hold_write_lock(path, seconds: float) -> threading.Event:
    """Another writer: a connection that holds the write lock for ``seconds``."""
    taken = threading.Event()

    def hold() -> None:
        c = sqlite3.connect(str(path), isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO settings (key, value) VALUES ('other.writer', 'x')")
        taken.set()
        time.sleep(seconds)
        c.execute("COMMIT")
        c.close()

    threading.Thread(target=hold, daemon=True).start()
    assert taken.wait(5)
    return taken


def test_write_transactions_begin_immediate(tmp_path):
    ws = Workspace.open(tmp_path / "a.db")
    seen = []
    ws.conn.set_trace_callback(seen.append)
    ws.plans.create(year=2026, title="计划")
    assert "BEGIN IMMEDIATE" in seen
    ws.close()


def test_second_writer_waits_for_the_first_instead_of_failing_at_once(tmp_path):
    path = tmp_path / "a.db"
    ws = Workspace.open(path)
    ws.plans.create(year=2026, title="先有的计划")
    ws.plans.list()  # a read before the edit (a deferred transaction would then fail at once)
    _hold_write_lock(path, 1.5)
    t0 = time.monotonic()
    ws.plans.create(year=2026, title="等待后保存")
    assert time.monotonic() - t0 >= 1.0
    assert [p.title for p in ws.plans.list()].count("等待后保存") == 1
    ws.close()


def test_a_writer_gives_up_after_the_wait_not_after_a_fraction_of_a_second(tmp_path):
    path = tmp_path / "a.db"
    ws = Workspace.open(path)
    ws.write_wait_s = 1.5
    waits: list[float] = []
    ws.on_wait = waits.append
    _hold_write_lock(path, 4)
    t0 = time.monotonic()
    with pytest.raises(DatabaseWriteError, match="占用"):
        ws.plans.create(year=2026, title="不会保存")
    assert 1.3 <= time.monotonic() - t0 < 3.5
    assert waits and waits == sorted(waits)  # the window was told, again and again, how long
    time.sleep(3)
    assert ws.plans.list() == []  # nothing half-saved; the next edit works
    ws.plans.create(year=2026, title="稍后保存")
    assert ws.history()[0].label.startswith("新建计划")
    ws.close()


def test_migrations_begin_immediate_too(tmp_path):
    path = tmp_path / "a.db"
    seen = []
    real = sqlite3.connect

    def spy(*a, **k):
        c = real(*a, **k)
        c.set_trace_callback(seen.append)
        return c

    import gongkai_desk.core.storage.db as dbmod

    dbmod.sqlite3.connect = spy
    try:
        Workspace.open(path).close()
    finally:
        dbmod.sqlite3.connect = real
    assert "BEGIN IMMEDIATE" in seen


def test_empty_db_path_is_refused_in_chinese(tmp_path, isolated_home):
    res = run_cli("plans", "--json", "--db", "", env={"GONGKAI_DESK_HOME": str(isolated_home)})
    assert res.returncode == 2
    assert "数据库路径为空" in res.stderr.decode("utf-8")
    assert not (isolated_home / "gongkai-desk.db").exists()  # the default database was not used
    with pytest.raises(GongkaiError, match="数据库路径为空"):
        Workspace.open("")


def test_database_in_a_read_only_folder_is_viewed_and_edits_are_refused_with_the_reason(read_only_folder):
    def fill(folder):
        ws = Workspace.open(folder / "a.db")
        ws.plans.create(year=2026, title="只读计划")
        ws.close()

    folder = read_only_folder(fill)
    ws = Workspace.open(folder / "a.db")
    assert ws.read_only and "只能查看" in ws.read_only
    assert [p.title for p in ws.plans.list()] == ["只读计划"]
    with pytest.raises(ReadOnlyError, match="不能修改"):
        ws.plans.create(year=2026, title="不会保存")
    ws.close()
    res = run_cli("demo", "--tasks", "3", db=folder / "a.db")
    assert res.returncode == 1 and "只能查看" in res.stderr.decode("utf-8")
    res = run_cli("plans", "--json", db=folder / "a.db")
    assert res.returncode == 0 and "只读计划" in res.stdout.decode("utf-8")


def test_backup_into_a_read_only_folder_names_the_target(tmp_path, read_only_folder):
    folder = read_only_folder(lambda f: None)
    ws = Workspace.open(tmp_path / "a.db")
    with pytest.raises(GongkaiError) as info:
        backup(ws.conn, folder / "备份.db")
    assert str(folder) in str(info.value) and "a.db" not in str(info.value)
    ws.close()


def test_full_disk_says_so(small_disk):
    ws = Workspace.open(small_disk / "a.db", auto_backup=False)
    with pytest.raises(GongkaiError) as info:
        for i in range(10_000):
            ws.tasks.add(ws.plans.create(year=2026, title=f"计划{i}").id, text="很长的任务" * 2000) if i % 50 == 0 else \
                ws.plans.create(year=2026, title="计划" * 1000)
    text = str(info.value)
    assert "磁盘空间不足" in text and "读写磁盘时出错" not in text
    ws.close()


def _fill(path, leave: int) -> None:
    import shutil

    free = shutil.disk_usage(path.parent).free
    path.write_bytes(b"\0" * max(0, free - leave))


def test_describe_calls_an_io_error_on_a_full_disk_a_full_disk(tmp_path, monkeypatch):
    e = sqlite3.OperationalError("disk I/O error")
    assert "读写磁盘时出错" in _db.describe(e, tmp_path / "a.db")
    monkeypatch.setattr(_db, "LOW_DISK_BYTES", 1 << 62)
    assert "磁盘空间不足" in _db.describe(e, tmp_path / "a.db")


def test_backup_to_a_full_disk_leaves_nothing_behind(tmp_path, small_disk):
    ws = Workspace.open(tmp_path / "a.db")
    from gongkai_desk.core.demo import make_demo

    make_demo(ws, tasks=300)
    filler = small_disk / "filler"
    _fill(filler, leave=64 * 1024)
    with pytest.raises(GongkaiError, match="磁盘空间不足"):
        backup(ws.conn, small_disk / "备份.db")
    assert list(small_disk.iterdir()) == [filler]  # no F.part, no F.part-journal
    ws.close()


def test_a_failed_write_removes_its_journal_too(tmp_path):
    def write(tmp):
        c = sqlite3.connect(str(tmp))
        c.execute("BEGIN")
        c.execute("CREATE TABLE t (x)")
        assert os.path.exists(str(tmp) + "-journal")
        raise OSError(28, "No space left on device")

    with pytest.raises(GongkaiError, match="磁盘空间不足"):
        write_atomic(tmp_path / "F.db", write)
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_a_killed_writer_are_cleaned_on_the_next_run(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    left = tmp_path / f"{TEMP_PREFIX}{dead_pid}-abc.db"
    left.write_bytes(b"half")
    (tmp_path / f"{left.name}-journal").write_bytes(b"j")
    alive = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-xyz.db"  # a running process: still writing
    alive.write_bytes(b"busy")
    removed = clean_leftovers(tmp_path)
    assert left not in [p for p in tmp_path.iterdir()]
    assert not (tmp_path / f"{left.name}-journal").exists()
    assert alive.exists() and len(removed) == 2
    Workspace.open(tmp_path / "a.db").close()  # opening cleans the data folder as well
    assert alive.exists()


def test_two_restores_within_a_second_keep_both_previous_databases(tmp_path):
    path = tmp_path / "main.db"
    ws = Workspace.open(path)
    ws.plans.create(year=2026, title="一")
    b = backup(ws.conn, tmp_path / "b.db")
    ws.close()
    kept1 = restore(path, b)
    kept2 = restore(path, b)
    assert kept1 != kept2 and kept1.exists() and kept2.exists()


def test_kept_aside_names_are_unique(tmp_path):
    db = tmp_path / "x.db"
    first = kept_aside_path(db)
    first.write_bytes(b"")
    assert kept_aside_path(db) != first


def test_restore_changes_the_mark_an_open_window_watches(tmp_path):
    path = tmp_path / "main.db"
    ws = Workspace.open(path)
    ws.plans.create(year=2026, title="一")
    b = backup(ws.conn, tmp_path / "b.db")
    before = restore_mark(ws.conn)
    restore(path, b)
    assert restore_mark(ws.conn) != before
    ws.close()


def test_restore_refuses_a_damaged_backup_and_keeps_the_database(tmp_path):
    path = tmp_path / "main.db"
    ws = Workspace.open(path)
    ws.plans.create(year=2026, title="保留")
    b = backup(ws.conn, tmp_path / "b.db")
    ws.close()
    data = bytearray(b.read_bytes())
    for page in range(1, len(data) // 4096):  # every b-tree page header but the first page's
        data[page * 4096: page * 4096 + 12] = b"\x0d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
    b.write_bytes(bytes(data))
    with pytest.raises(GongkaiError):
        restore(path, b)
    assert [p.title for p in Workspace.open(path).plans.list()] == ["保留"]


@pytest.mark.parametrize("cut", [100, 4096, 3 * 4096, -4096])
def test_truncated_databases_are_refused_and_left_byte_identical(tmp_path, cut):
    import hashlib

    from gongkai_desk.core.demo import make_demo

    ws = Workspace.open(tmp_path / "a.db")
    make_demo(ws, tasks=200)
    ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.conn.execute("PRAGMA journal_mode = DELETE")
    ws.close()
    data = (tmp_path / "a.db").read_bytes()
    p = tmp_path / "t.db"
    p.write_bytes(data[:cut])
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    with pytest.raises(GongkaiError, match="已损坏"):
        Workspace.open(p)
    assert hashlib.sha256(p.read_bytes()).hexdigest() == digest
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.db", "t.db"]


def test_a_folder_given_as_a_file_is_named_as_a_folder(tmp_path):
    folder = tmp_path / "统计.xlsx"
    folder.mkdir()
    res = run_cli("stats", "--year", "2023", "--set", str(folder), db=tmp_path / "a.db")
    assert res.returncode == 1 and "是一个文件夹" in res.stderr.decode("utf-8")
    for args in (("check", str(folder)), ("backup", "--out", str(folder)), ("restore", str(folder))):
        res = run_cli(*args, db=tmp_path / "a.db")
        text = res.stderr.decode("utf-8")
        assert res.returncode == 1 and "Traceback" not in text and "Is a directory" not in text, args


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_written_file_gets_the_usual_mode_not_the_temporary_files(tmp_path):
    """An export is readable like any file in its folder (0666 less the umask), and a file it
    replaces keeps its mode; the private temporary file's 0600 never reaches the clerk."""
    from gongkai_desk.core.files import write_atomic

    old = os.umask(0o022)
    try:
        out = write_atomic(tmp_path / "回头看.docx", lambda p: p.write_bytes(b"x"))
        assert out.stat().st_mode & 0o777 == 0o644
        out.chmod(0o640)
        write_atomic(out, lambda p: p.write_bytes(b"y"))
        assert out.stat().st_mode & 0o777 == 0o640 and out.read_bytes() == b"y"
    finally:
        os.umask(old)
