"""Migration 0002_feedback: its tables, and an identity of its own for every database."""

from __future__ import annotations

import sqlite3

from gongkai_desk.core.storage import migrations
from gongkai_desk.core.workspace import Workspace
from tests.core.exchange.feedback_fixture import make_plan


def test_an_older_database_gains_the_feedback_tables_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    from sqlite_utils import Database, Migrations

    old = Migrations(migrations.SET_NAME)
    old(name="0001_initial")(migrations.STEPS[0][1])
    old.apply(Database(conn))
    conn.execute("INSERT INTO plans (year, title, created_at) VALUES (2025, '旧计划', '2025-01-01')")
    conn.close()

    ws = Workspace.open(path)
    assert [p.title for p in ws.plans.list()] == ["旧计划"]
    tables = {r[0] for r in ws.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"feedback_rounds", "feedback_round_units", "feedback_returns"} <= tables
    db_id, secret = ws.feedback.identity()
    assert len(db_id) == 32 and len(secret) == 64
    ws.close()
    again = Workspace.open(path)
    assert again.feedback.identity() == (db_id, secret)  # made once, kept
    again.close()


def test_every_database_has_its_own_identity():
    a, b = Workspace.open(":memory:"), Workspace.open(":memory:")
    assert a.feedback.identity()[0] != b.feedback.identity()[0]
    assert a.feedback.identity()[1] != b.feedback.identity()[1]


def test_deleting_a_plan_or_a_unit_with_a_round_still_works_and_undoes(ws, tmp_path):
    plan = make_plan(ws)
    ws.feedback.export(plan.plan_id, tmp_path)
    ws.plans.delete(plan.plan_id)
    assert ws.feedback.rounds(plan.plan_id)  # the record of what was sent stays
    ws.undo()
    assert ws.plans.get(plan.plan_id).title.startswith("2026年")
