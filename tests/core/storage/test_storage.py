"""Migrations, pragmas, refusal of a newer schema, backup and restore."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from gongkai_desk.core.backup import backup, restore
from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.errors import GongkaiError, SchemaTooNewError
from gongkai_desk.core.storage import migrations
from gongkai_desk.core.workspace import Workspace


def _tables(conn):
    return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))


def test_migrations_apply_to_empty_db_and_are_idempotent(tmp_path):
    path = tmp_path / "a.db"
    ws = Workspace.open(path)
    tables = _tables(ws.conn)
    assert {"plans", "tasks", "assignments", "history", "annual_stats", "_sqlite_migrations"} <= set(tables)
    ws.close()
    migrations.apply(sqlite3.connect(path, isolation_level=None))  # again: nothing to do
    ws = Workspace.open(path)
    assert _tables(ws.conn) == tables
    names = [r[0] for r in ws.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert names == list(migrations.NAMES)
    ws.close()


def test_pragmas_foreign_keys_wal_busy_timeout(tmp_path):
    ws = Workspace.open(tmp_path / "a.db")
    assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ws.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    ws.close()


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    ws = Workspace.open(path)
    ws.plans.create(year=2026, title="计划")
    ws.conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        (migrations.SET_NAME, "0999_future_feature", "2030-01-01"),
    )
    ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.conn.execute("PRAGMA journal_mode = DELETE")
    ws.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError, match="更新版本"):
        Workspace.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_garbage_file_is_refused_with_chinese_message(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GongkaiError, match="无法打开数据库"):
        Workspace.open(path)


def test_backup_restore_round_trip(tmp_path):
    path = tmp_path / "main.db"
    ws = Workspace.open(path)
    make_demo(ws, tasks=30, year=2026)
    before = [p.__dict__ for p in ws.plans.list()]
    out = backup(ws.conn, tmp_path / "copy.db")
    with pytest.raises(GongkaiError, match="已存在"):
        backup(ws.conn, out)
    ws.plans.delete(before[0]["id"])
    assert ws.plans.list() == []
    ws.close()
    kept = restore(path, out)
    assert kept.exists()
    ws = Workspace.open(path)
    assert [p.__dict__ for p in ws.plans.list()] == before
    assert len(ws.tasks.of_plan(before[0]["id"])) == 30
    ws.close()
    assert Workspace.open(kept).plans.list() == []  # the state before the restore was kept aside


def test_restore_refuses_a_file_that_is_not_our_database(tmp_path):
    path = tmp_path / "main.db"
    Workspace.open(path).close()
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(GongkaiError, match="不是政务公开工作台的数据库"):
        restore(path, other)
