"""SQL of the feedback rounds (kept beside ``queries.py``, which holds the generic row functions and the table list)."""

from __future__ import annotations

import sqlite3

from gongkai_desk.core.storage.queries import Row, _dicts


# ---- feedback rounds -----------------------------------------------------------------------


def feedback_round_rows(conn: sqlite3.Connection, plan_id: int | None = None) -> list[Row]:
    """Rounds of one plan (or of every plan), oldest first."""
    if plan_id is None:
        return _dicts(conn.execute("SELECT * FROM feedback_rounds ORDER BY id"))
    return _dicts(conn.execute("SELECT * FROM feedback_rounds WHERE plan_id = ? ORDER BY id", (plan_id,)))


def feedback_round_by_token(conn: sqlite3.Connection, token: str) -> Row | None:
    rows = _dicts(conn.execute("SELECT * FROM feedback_rounds WHERE token = ?", (token,)))
    return rows[0] if rows else None


def feedback_round_unit_rows(conn: sqlite3.Connection, plan_id: int | None = None) -> list[Row]:
    """The units each round went to (of one plan, or of every plan), in round and name order."""
    sql = ("SELECT ru.* FROM feedback_round_units ru JOIN feedback_rounds r ON r.id = ru.round_id"
           + (" WHERE r.plan_id = ?" if plan_id is not None else "") + " ORDER BY ru.round_id, ru.id")
    return _dicts(conn.execute(sql, () if plan_id is None else (plan_id,)))


def feedback_return_rows(conn: sqlite3.Connection, plan_id: int | None = None) -> list[Row]:
    """Collected returns (of one plan, or of every plan) with their round's plan and number, oldest first."""
    sql = ("SELECT f.*, r.plan_id AS plan_id, r.number AS round_number FROM feedback_returns f "
           "JOIN feedback_rounds r ON r.id = f.round_id"
           + (" WHERE r.plan_id = ?" if plan_id is not None else "") + " ORDER BY f.id")
    return _dicts(conn.execute(sql, () if plan_id is None else (plan_id,)))
