"""The schema as numbered sqlite-utils migrations. Never edit a released step; add a new one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SET_NAME = "gongkai_desk"
TABLE = "_sqlite_migrations"


def _run_script(db, script: str) -> None:
    # Statement by statement: sqlite3's executescript() would COMMIT the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _0001_initial(db) -> None:
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS plans (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            title TEXT NOT NULL,
            issuer TEXT NOT NULL DEFAULT '[]',
            doc_number TEXT,
            issue_date TEXT,
            kind TEXT NOT NULL DEFAULT 'plan',
            source TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS sections (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            parent_id INTEGER REFERENCES sections(id),
            level INTEGER NOT NULL,
            number TEXT,
            title TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS sections_plan ON sections(plan_id);
        CREATE TABLE IF NOT EXISTS tasks (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            section_id INTEGER REFERENCES sections(id),
            number TEXT,
            text TEXT NOT NULL,
            detail TEXT,
            deadline_text TEXT,
            deadline_kind TEXT,
            deadline_date TEXT,
            position INTEGER NOT NULL,
            flags TEXT NOT NULL DEFAULT '[]',
            source_line INTEGER
        );
        CREATE INDEX IF NOT EXISTS tasks_plan ON tasks(plan_id, position);
        CREATE TABLE IF NOT EXISTS units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            is_group INTEGER NOT NULL DEFAULT 0,
            note TEXT
        );
        CREATE TABLE IF NOT EXISTS unit_aliases (
            id INTEGER PRIMARY KEY,
            alias TEXT NOT NULL UNIQUE,
            unit_id INTEGER NOT NULL REFERENCES units(id)
        );
        CREATE TABLE IF NOT EXISTS group_members (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES units(id),
            member_id INTEGER NOT NULL REFERENCES units(id),
            UNIQUE (group_id, member_id)
        );
        CREATE TABLE IF NOT EXISTS assignments (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES tasks(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            role TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT '未启动',
            done TEXT NOT NULL DEFAULT '',
            problems TEXT NOT NULL DEFAULT '',
            next_steps TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            updated_at TEXT,
            updated_by TEXT,
            UNIQUE (task_id, unit_id)
        );
        CREATE INDEX IF NOT EXISTS assignments_unit ON assignments(unit_id);
        CREATE TABLE IF NOT EXISTS history (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            label TEXT NOT NULL,
            action TEXT NOT NULL,
            plan_id INTEGER,
            task_id INTEGER,
            entity TEXT NOT NULL,
            entity_id TEXT,
            field TEXT,
            old TEXT,
            new TEXT
        );
        CREATE INDEX IF NOT EXISTS history_task ON history(task_id);
        CREATE INDEX IF NOT EXISTS history_plan ON history(plan_id);
        CREATE TABLE IF NOT EXISTS annual_stats (
            year INTEGER NOT NULL,
            cell TEXT NOT NULL,
            value TEXT,
            PRIMARY KEY (year, cell)
        );
        CREATE TABLE IF NOT EXISTS annual_reports (
            year INTEGER PRIMARY KEY,
            issuer TEXT,
            report_date TEXT,
            format TEXT NOT NULL DEFAULT 'gov_annual_2021'
        );
        CREATE TABLE IF NOT EXISTS annual_report_texts (
            year INTEGER NOT NULL,
            section TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (year, section)
        );
        CREATE TABLE IF NOT EXISTS settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """
    )


def _0004_trash(db) -> None:
    """回收站: what a deletion took away (a plan, a section with tasks, a unit with progress), as
    the deleted rows in the order they are put back, kept 30 days."""
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS trash (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            plan_id INTEGER,
            summary TEXT NOT NULL DEFAULT '',
            deleted_at TEXT NOT NULL,
            deleted_by TEXT NOT NULL,
            rows TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS trash_deleted_at ON trash(deleted_at)
        """,
    )


STEPS: list[tuple[str, Callable]] = [
    ("0001_initial", _0001_initial),
    ("0004_trash", _0004_trash),
]
NAMES: tuple[str, ...] = tuple(name for name, _ in STEPS)


def pending_names(applied: list[str]) -> list[str]:
    return [n for n in NAMES if n not in applied]


def build():
    """Return the sqlite-utils ``Migrations`` set (imports sqlite-utils)."""
    from sqlite_utils import Migrations

    m = Migrations(SET_NAME)
    for name, fn in STEPS:
        m(name=name)(fn)
    return m


def apply(conn: sqlite3.Connection) -> None:
    """Apply every pending step, each in its own transaction (idempotent)."""
    from sqlite_utils import Database

    build().apply(Database(conn))
