"""Automatic backups: on opening once a day, before migrations, restores and data-replacing
imports; verified, rotated 7 daily / 4 weekly / 12 monthly, listed newest first."""

from __future__ import annotations

import datetime as dt
import sqlite3

from gongkai_desk.core import autobackup
from gongkai_desk.core.storage import db as _db
from gongkai_desk.core.workspace import Workspace


def _db_with_plan(path):
    ws = Workspace.open(path)
    ws.plans.create(year=2026, title="计划")
    return ws


def test_a_backup_goes_to_backups_and_is_a_sound_copy(tmp_path):
    ws = _db_with_plan(tmp_path / "a.db")
    out = ws.auto_backup(autobackup.BEFORE_IMPORT)
    assert out.parent == tmp_path / "backups" and out.name.startswith("a-") and out.name.endswith("-before-import.db")
    c = sqlite3.connect(out)
    assert _db.integrity_problem(c) is None
    assert c.execute("SELECT title FROM plans").fetchall() == [("计划",)]
    c.close()
    [info] = autobackup.list_backups(tmp_path / "a.db")
    assert info.path == out and info.reason_label == "导入更新计划前" and info.size > 0
    ws.close()


def test_in_memory_and_read_only_workspaces_make_no_backup(ws):
    assert ws.auto_backup(autobackup.BEFORE_IMPORT) is None


def test_daily_backup_at_most_once_a_day(tmp_path):
    path = tmp_path / "a.db"
    _db_with_plan(path).close()
    now = dt.datetime(2026, 3, 2, 9, 0, 0)
    assert autobackup.make_daily_if_due(path, now=now) is not None
    assert autobackup.make_daily_if_due(path, now=now + dt.timedelta(hours=3)) is None
    assert autobackup.make_daily_if_due(path, now=now + dt.timedelta(days=1)) is not None
    assert [b.reason for b in autobackup.list_backups(path)] == ["daily", "daily"]


def test_rotation_keeps_7_days_4_weeks_12_months():
    now = dt.datetime(2026, 12, 31, 12, 0)
    backups = [autobackup.BackupInfo(autobackup.Path(f"/x/a-{i}.db"), now - dt.timedelta(days=i, hours=1), "daily", 1)
               for i in range(0, 730)]
    keep = autobackup.to_keep(backups, now)
    kept = sorted((b for b in backups if b.path in keep), key=lambda b: b.when, reverse=True)
    days = {b.when.date() for b in kept}
    assert {(now - dt.timedelta(days=i, hours=1)).date() for i in range(7)} <= days
    assert len({b.when.isocalendar()[:2] for b in kept}) >= 4
    assert len({(b.when.year, b.when.month) for b in kept}) == 12
    assert len(kept) <= 7 + 4 + 12
    assert min(b.when for b in kept) > now - dt.timedelta(days=366)


def test_rotate_deletes_files_beyond_the_schedule(tmp_path):
    path = tmp_path / "a.db"
    ws = _db_with_plan(path)
    start = dt.datetime(2026, 1, 1, 8)
    for i in range(40):
        autobackup.make(ws.conn, path, autobackup.DAILY, now=start + dt.timedelta(days=i))
    files = list((tmp_path / "backups").glob("*.db"))
    assert 7 <= len(files) <= 7 + 4 + 12
    assert autobackup.list_backups(path)[0].when == start + dt.timedelta(days=39)
    ws.close()


def test_many_backups_within_a_day_keep_distinct_names(tmp_path):
    path = tmp_path / "a.db"
    ws = _db_with_plan(path)
    now = dt.datetime(2026, 5, 5, 10, 0, 0)
    outs = {autobackup.make(ws.conn, path, autobackup.BEFORE_IMPORT, now=now) for _ in range(3)}
    assert len(outs) == 3 and all(p.exists() for p in outs)
    ws.close()


def test_a_backup_is_made_before_a_migration(tmp_path):
    path = tmp_path / "old.db"
    ws = _db_with_plan(path)
    ws.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_trash'")
    ws.conn.execute("DROP TABLE trash")
    ws.close()
    Workspace.open(path).close()
    [b] = autobackup.list_backups(path)
    assert b.reason == autobackup.BEFORE_MIGRATION
    c = sqlite3.connect(b.path)
    assert c.execute("SELECT name FROM sqlite_master WHERE name = 'trash'").fetchone() is None  # the old schema
    c.close()


def test_a_new_database_is_not_backed_up_before_its_first_migration(tmp_path):
    Workspace.open(tmp_path / "new.db").close()
    assert autobackup.list_backups(tmp_path / "new.db") == []


def test_restore_keeps_an_automatic_backup_of_the_current_database(tmp_path):
    path = tmp_path / "a.db"
    ws = _db_with_plan(path)
    from gongkai_desk.core.backup import backup

    b = backup(ws.conn, tmp_path / "b.db")
    ws.plans.create(year=2026, title="恢复前新增")
    ws.close()
    autobackup.restore(path, b)
    [auto] = autobackup.list_backups(path)
    assert auto.reason == autobackup.BEFORE_RESTORE
    c = sqlite3.connect(auto.path)
    assert ("恢复前新增",) in c.execute("SELECT title FROM plans").fetchall()
    c.close()


def test_an_import_that_updates_a_plan_backs_up_first(tmp_path):
    from gongkai_desk.core.imports.apply import apply_update
    from gongkai_desk.core.imports.diff import diff_update
    from gongkai_desk.core.imports.parse import parse_text
    from gongkai_desk.core.imports.store import store_plan

    v1 = "2024年政务公开工作要点\n一、全面做好重点领域信息公开\n1. 推进财政预决算公开。（牵头单位：区财政局）\n"
    path = tmp_path / "a.db"
    ws = Workspace.open(path)
    plan_id = store_plan(ws, parse_text(v1)).id
    assert autobackup.list_backups(path) == []  # a new plan replaces nothing
    apply_update(ws, plan_id, diff_update(ws, plan_id, parse_text(v1.replace("预决算", "预算和决算"))))
    [b] = autobackup.list_backups(path)
    assert b.reason == autobackup.BEFORE_IMPORT
    c = sqlite3.connect(b.path)
    assert c.execute("SELECT text FROM tasks").fetchall() == [("推进财政预决算公开。",)]  # the data before
    c.close()
    ws.close()


def test_accepting_feedback_backs_up_first(tmp_path):
    from tests.core.exchange.feedback_fixture import export, make_plan, review
    from tests.core.exchange.feedback_helpers import fill

    path = tmp_path / "a.db"
    ws = Workspace.open(path)
    plan = make_plan(ws)
    files = export(ws, plan, tmp_path / "round")
    returned = fill(files["区财政局"], {plan.tasks[0]: {"status": "已完成", "done": "全部公开。"}})
    reviews = review(ws, returned, plan_id=plan.plan_id)
    assert autobackup.list_backups(path) == []  # reading and reviewing replace nothing
    ws.feedback.accept(reviews)
    [b] = autobackup.list_backups(path)
    assert b.reason == autobackup.BEFORE_COLLECT
    c = sqlite3.connect(b.path)
    assert ("已公开政策12条。",) in c.execute("SELECT done FROM assignments").fetchall()  # the entries before
    assert ("全部公开。",) not in c.execute("SELECT done FROM assignments").fetchall()
    c.close()
    ws.close()
