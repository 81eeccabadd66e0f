"""Every SQL string of the program. Functions take a sqlite3 connection and return plain dicts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

Row = dict[str, Any]

# Tables the generic row functions may touch, with their key columns. Names are put into SQL
# text, so only these are accepted.
KEYS: dict[str, tuple[str, ...]] = {
    "plans": ("id",),
    "sections": ("id",),
    "tasks": ("id",),
    "units": ("id",),
    "unit_aliases": ("id",),
    "group_members": ("id",),
    "assignments": ("id",),
    "annual_stats": ("year", "cell"),
    "annual_reports": ("year",),
    "annual_report_texts": ("year", "section"),
    "settings": ("key",),
    "feedback_rounds": ("id",),
    "feedback_round_units": ("id",),
    "feedback_returns": ("id",),
    "holidays": ("date", "source"),
    "holiday_years": ("year",),
    "chasings": ("id",),
    "task_starts": ("task_id",),
    "trash": ("id",),
}
_columns_cache: dict[str, tuple[str, ...]] = {}


def _check(conn: sqlite3.Connection, table: str, names: Iterable[str]) -> None:
    if table not in KEYS:
        raise ValueError(f"unknown table {table!r}")
    cols = _columns_cache.get(table)
    if cols is None:
        cols = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
        _columns_cache[table] = cols
    bad = [n for n in names if n not in cols]
    if bad:
        raise ValueError(f"unknown columns {bad} in {table}")


def _dicts(cur: sqlite3.Cursor) -> list[Row]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _where(key: Mapping[str, Any]) -> tuple[str, list[Any]]:
    return " AND ".join(f"{k} = ?" for k in key), list(key.values())


# ---- generic rows (used by the undo machinery) -------------------------------------------


def get_row(conn: sqlite3.Connection, table: str, key: Mapping[str, Any]) -> Row | None:
    _check(conn, table, key)
    where, params = _where(key)
    rows = _dicts(conn.execute(f"SELECT * FROM {table} WHERE {where}", params))
    return rows[0] if rows else None


def insert_row(conn: sqlite3.Connection, table: str, values: Mapping[str, Any]) -> int:
    _check(conn, table, values)
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))
    return int(cur.lastrowid)


def update_row(
    conn: sqlite3.Connection, table: str, key: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    _check(conn, table, [*key, *values])
    sets = ", ".join(f"{k} = ?" for k in values)
    where, params = _where(key)
    conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*values.values(), *params])


def delete_row(conn: sqlite3.Connection, table: str, key: Mapping[str, Any]) -> None:
    _check(conn, table, key)
    where, params = _where(key)
    conn.execute(f"DELETE FROM {table} WHERE {where}", params)


def rows_where(conn: sqlite3.Connection, table: str, **equal: Any) -> list[Row]:
    _check(conn, table, equal)
    if not equal:
        return _dicts(conn.execute(f"SELECT * FROM {table}"))
    where, params = _where(equal)
    order = " ORDER BY id" if "id" in (_columns_cache.get(table) or ()) else ""
    return _dicts(conn.execute(f"SELECT * FROM {table} WHERE {where}{order}", params))


def max_position(conn: sqlite3.Connection, table: str, **equal: Any) -> int:
    _check(conn, table, [*equal, "position"])
    parts, params = [], []
    for k, v in equal.items():
        if v is None:
            parts.append(f"{k} IS NULL")
        else:
            parts.append(f"{k} = ?")
            params.append(v)
    where = " AND ".join(parts) or "1"
    row = conn.execute(f"SELECT MAX(position) FROM {table} WHERE {where}", params).fetchone()
    return -1 if row[0] is None else int(row[0])


def siblings(conn: sqlite3.Connection, table: str, **equal: Any) -> list[Row]:
    """Rows sharing a parent (NULL-aware), in position order."""
    _check(conn, table, [*equal, "position"])
    parts, params = [], []
    for k, v in equal.items():
        parts.append(f"{k} IS NULL" if v is None else f"{k} = ?")
        if v is not None:
            params.append(v)
    where = " AND ".join(parts) or "1"
    return _dicts(conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY position, id", params))


# ---- plans ---------------------------------------------------------------------------------


def plan_summaries(conn: sqlite3.Connection) -> list[Row]:
    return _dicts(
        conn.execute(
            """
            SELECT p.id, p.year, p.title,
                   (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id) AS tasks,
                   (SELECT COUNT(DISTINCT a.unit_id) FROM assignments a
                      JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = p.id) AS units,
                   (SELECT COUNT(*) FROM assignments a
                      JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = p.id) AS entries,
                   (SELECT COUNT(*) FROM assignments a JOIN tasks t ON t.id = a.task_id
                      WHERE t.plan_id = p.id AND a.status = '已完成') AS done
            FROM plans p ORDER BY p.year DESC, p.id DESC
            """
        )
    )


def plan_titles(conn: sqlite3.Connection) -> list[tuple]:
    """(id, year, title) of every plan, newest first: what the plan chooser needs, nothing more."""
    return conn.execute("SELECT id, year, title FROM plans ORDER BY year DESC, id DESC").fetchall()


def section_rows(conn: sqlite3.Connection, plan_id: int) -> list[Row]:
    return _dicts(
        conn.execute("SELECT * FROM sections WHERE plan_id = ? ORDER BY position, id", (plan_id,))
    )


def task_rows(conn: sqlite3.Connection, plan_id: int) -> list[Row]:
    return _dicts(
        conn.execute("SELECT * FROM tasks WHERE plan_id = ? ORDER BY position, id", (plan_id,))
    )


def task_ids_of_sections(conn: sqlite3.Connection, section_ids: list[int]) -> list[int]:
    if not section_ids:
        return []
    marks = ", ".join("?" for _ in section_ids)
    cur = conn.execute(f"SELECT id FROM tasks WHERE section_id IN ({marks})", section_ids)
    return [r[0] for r in cur.fetchall()]


_ASSIGNMENT_SELECT = """
    SELECT a.*, u.name AS unit_name, u.is_group AS is_group
    FROM assignments a JOIN units u ON u.id = a.unit_id
"""


def assignment_rows_for_plan(conn: sqlite3.Connection, plan_id: int) -> list[Row]:
    return _dicts(
        conn.execute(
            _ASSIGNMENT_SELECT
            + " JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ? ORDER BY a.task_id, a.position, a.id",
            (plan_id,),
        )
    )


TASK_LIST_COLUMNS = (
    "id", "plan_id", "section_id", "number", "text", "detail", "deadline_text", "deadline_kind",
    "deadline_date", "position", "flags",
)


def task_list_tuples(conn: sqlite3.Connection, plan_id: int) -> list[tuple]:
    """The plan's tasks as tuples in TASK_LIST_COLUMNS order (the start-up path: no dicts)."""
    return conn.execute(
        f"SELECT {', '.join(TASK_LIST_COLUMNS)} FROM tasks WHERE plan_id = ? ORDER BY position, id", (plan_id,)
    ).fetchall()


def first_task_tuples(conn: sqlite3.Connection, plan_id: int, section_order: list[int], limit: int) -> list[tuple]:
    """The plan's first ``limit`` tasks in document order (tasks outside any section first, then
    by ``section_order``, then by position): the window's first screenful, without the rest."""
    cases = " ".join("WHEN ? THEN ?" for _ in section_order)
    # No sections: no rank at all (a bare "-1" in ORDER BY would name a result column, an error).
    rank = f"CASE section_id {cases} ELSE -1 END, " if section_order else ""
    ranks: list[Any] = []
    for i, sid in enumerate(section_order):
        ranks += [sid, i]
    return conn.execute(
        f"SELECT {', '.join(TASK_LIST_COLUMNS)} FROM tasks WHERE plan_id = ? ORDER BY {rank}position, id LIMIT ?",
        [plan_id, *ranks, limit],
    ).fetchall()


def task_count(conn: sqlite3.Connection, plan_id: int) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM tasks WHERE plan_id = ?", (plan_id,)).fetchone()[0])


def tasks_numbered_one(conn: sqlite3.Connection, plan_id: int) -> list[tuple]:
    """(id, number, section_id) of the plan's tasks numbered 1: all that tells where numbering restarts."""
    return conn.execute("SELECT id, number, section_id FROM tasks WHERE plan_id = ? AND trim(number) = '1'",
                        (plan_id,)).fetchall()


def assignment_briefs_of(conn: sqlite3.Connection, task_ids: list[int]) -> list[tuple]:
    """(task_id, unit_id, role, status, unit_name) for the units on ``task_ids``, in order."""
    if not task_ids:
        return []
    marks = ", ".join("?" for _ in task_ids)
    return conn.execute(
        f"""
        SELECT a.task_id, a.unit_id, a.role, a.status, u.name
        FROM assignments a JOIN units u ON u.id = a.unit_id
        WHERE a.task_id IN ({marks}) ORDER BY a.task_id, a.position, a.id
        """,
        task_ids,
    ).fetchall()


def assignment_brief_tuples(conn: sqlite3.Connection, plan_id: int) -> list[tuple]:
    """(task_id, unit_id, role, status, unit_name) for every unit on the plan's tasks, in order."""
    return conn.execute(
        """
        SELECT a.task_id, a.unit_id, a.role, a.status, u.name
        FROM assignments a JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id
        WHERE t.plan_id = ? ORDER BY a.task_id, a.position, a.id
        """,
        (plan_id,),
    ).fetchall()


def assignment_rows_for_task(conn: sqlite3.Connection, task_id: int) -> list[Row]:
    return _dicts(
        conn.execute(_ASSIGNMENT_SELECT + " WHERE a.task_id = ? ORDER BY a.position, a.id", (task_id,))
    )


def assignment_row(conn: sqlite3.Connection, task_id: int, unit_id: int) -> Row | None:
    rows = _dicts(
        conn.execute(
            _ASSIGNMENT_SELECT + " WHERE a.task_id = ? AND a.unit_id = ?", (task_id, unit_id)
        )
    )
    return rows[0] if rows else None


# ---- units ---------------------------------------------------------------------------------


def unit_rows(conn: sqlite3.Connection) -> list[Row]:
    return _dicts(conn.execute("SELECT * FROM units ORDER BY is_group DESC, name"))


def alias_rows(conn: sqlite3.Connection) -> list[Row]:
    return _dicts(conn.execute("SELECT * FROM unit_aliases ORDER BY alias"))


def member_rows(conn: sqlite3.Connection) -> list[Row]:
    return _dicts(conn.execute("SELECT * FROM group_members ORDER BY group_id, id"))


def unit_by_name(conn: sqlite3.Connection, name: str) -> Row | None:
    rows = _dicts(conn.execute("SELECT * FROM units WHERE name = ?", (name,)))
    if rows:
        return rows[0]
    rows = _dicts(
        conn.execute(
            "SELECT u.* FROM units u JOIN unit_aliases a ON a.unit_id = u.id WHERE a.alias = ?",
            (name,),
        )
    )
    return rows[0] if rows else None


def unit_use_count(conn: sqlite3.Connection, unit_id: int) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM assignments WHERE unit_id = ?", (unit_id,)).fetchone()[0])


# ---- history -------------------------------------------------------------------------------


def insert_history(conn: sqlite3.Connection, rows: list[Row]) -> None:
    if not rows:
        return
    cols = ("at", "user", "label", "action", "plan_id", "task_id", "entity", "entity_id", "field", "old", "new")
    conn.executemany(
        f"INSERT INTO history ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [tuple(r.get(c) for c in cols) for r in rows],
    )


def history_rows(
    conn: sqlite3.Connection, *, task_id: int | None = None, plan_id: int | None = None, limit: int = 500
) -> list[Row]:
    if task_id is not None:
        sql, params = "SELECT * FROM history WHERE task_id = ?", [task_id]
    elif plan_id is not None:
        sql, params = "SELECT * FROM history WHERE plan_id = ?", [plan_id]
    else:
        sql, params = "SELECT * FROM history WHERE 1", []
    return _dicts(conn.execute(sql + " ORDER BY id DESC LIMIT ?", [*params, limit]))


# ---- annual report -------------------------------------------------------------------------


def stats_rows(conn: sqlite3.Connection, year: int) -> list[Row]:
    return _dicts(conn.execute("SELECT cell, value FROM annual_stats WHERE year = ?", (year,)))


def report_text_rows(conn: sqlite3.Connection, year: int) -> list[Row]:
    return _dicts(conn.execute("SELECT section, text FROM annual_report_texts WHERE year = ?", (year,)))


def setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


# ---- trash ---------------------------------------------------------------------------------


def trash_rows(conn: sqlite3.Connection) -> list[Row]:
    return _dicts(conn.execute(
        "SELECT id, kind, title, plan_id, summary, deleted_at, deleted_by FROM trash ORDER BY deleted_at DESC, id DESC"))


def trash_ids_before(conn: sqlite3.Connection, when: str) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM trash WHERE deleted_at < ? ORDER BY id", (when,))]


def trash_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM trash").fetchone()[0])


# ---- the file itself -----------------------------------------------------------------------


def data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection commits (SQLite's ``PRAGMA data_version``)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def set_user_version(conn: sqlite3.Connection, value: int) -> None:
    conn.execute(f"PRAGMA user_version = {int(value)}")
