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


def _0002_feedback(db) -> None:
    """Feedback rounds (issue 10): what was sent to which unit, and what came back.

    ``plan_id`` and ``unit_id`` carry no foreign key on purpose: the record of what was sent
    outlives a plan or a unit deleted later (and comes back whole when that deletion is undone),
    and deleting a plan or a unit must not fail because a round once named it. The database's
    identity (refuses files exported from another database) and the key that signs the hidden
    identifiers of every workbook are made here, once per database.
    """
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS feedback_rounds (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            token TEXT NOT NULL UNIQUE,
            sent_at TEXT NOT NULL,
            due_date TEXT,
            sent_by TEXT
        );
        CREATE INDEX IF NOT EXISTS feedback_rounds_plan ON feedback_rounds(plan_id);
        CREATE TABLE IF NOT EXISTS feedback_round_units (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES feedback_rounds(id),
            unit_id INTEGER NOT NULL,
            unit_name TEXT NOT NULL,
            file_name TEXT NOT NULL,
            tasks INTEGER NOT NULL,
            UNIQUE (round_id, unit_id)
        );
        CREATE TABLE IF NOT EXISTS feedback_returns (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES feedback_rounds(id),
            unit_id INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            collected_at TEXT NOT NULL,
            filled_by TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            reviewer TEXT NOT NULL DEFAULT '',
            accepted INTEGER NOT NULL DEFAULT 0,
            problems TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS feedback_returns_round ON feedback_returns(round_id, unit_id);
        INSERT OR IGNORE INTO settings (key, value) VALUES ('database.id', lower(hex(randomblob(16))));
        INSERT OR IGNORE INTO settings (key, value) VALUES ('feedback.secret', lower(hex(randomblob(32))))
        """
    )


def _0003_calendar(db) -> None:
    """The working-day calendar the clerk keeps (issue 11) and the 催办 records.

    ``holidays``: a day off or a make-up workday, from a loaded State Council notice or set by
    the clerk (a clerk's row wins over the notice's for the same date); ``year`` is the year of
    the arrangement it belongs to (元旦 may begin on 12月31日 of the year before).
    ``holiday_years``: whether a year's arrangement is complete, and from which notice.
    ``chasings``: one row per task of one 催办 (``batch`` groups the tasks of one call or
    letter); unit and task number are kept as written then, so the record outlives renames.
    ``task_starts``: the start date a relative deadline ("20个工作日内") counts from.
    ``history_progress``: the overview reads status changes of a plan's entries over time.
    """
    _run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS holidays (
            date TEXT NOT NULL,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT,
            year INTEGER NOT NULL,
            PRIMARY KEY (date, source)
        );
        CREATE INDEX IF NOT EXISTS holidays_year ON holidays(year);
        CREATE TABLE IF NOT EXISTS holiday_years (
            year INTEGER PRIMARY KEY,
            complete INTEGER NOT NULL DEFAULT 0,
            source TEXT,
            notice TEXT,
            updated_at TEXT
        );
        CREATE TABLE IF NOT EXISTS chasings (
            id INTEGER PRIMARY KEY,
            batch INTEGER NOT NULL,
            plan_id INTEGER,
            task_id INTEGER,
            unit_id INTEGER,
            unit_name TEXT NOT NULL,
            task_number TEXT,
            date TEXT NOT NULL,
            way TEXT NOT NULL,
            person TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT
        );
        CREATE INDEX IF NOT EXISTS chasings_plan ON chasings(plan_id);
        CREATE INDEX IF NOT EXISTS chasings_unit ON chasings(unit_id);
        CREATE INDEX IF NOT EXISTS chasings_task ON chasings(task_id);
        CREATE INDEX IF NOT EXISTS history_progress ON history(plan_id, entity, field, at);
        CREATE TABLE IF NOT EXISTS task_starts (
            task_id INTEGER PRIMARY KEY,
            start TEXT NOT NULL
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


def _0005_entry_order(db) -> None:
    """A plan's entries in task order and their order on the task, read from the index (the 总览, the
    lights and the reports read every entry of a plan in that order: no sort of 30,000 rows)."""
    _run_script(db, "CREATE INDEX IF NOT EXISTS assignments_task_order ON assignments(task_id, position, id)")


STEPS: list[tuple[str, Callable]] = [
    ("0001_initial", _0001_initial),
    ("0002_feedback", _0002_feedback),
    ("0003_calendar", _0003_calendar),
    ("0004_trash", _0004_trash),
    ("0005_entry_order", _0005_entry_order),
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
