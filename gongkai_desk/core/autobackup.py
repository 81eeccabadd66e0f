"""Automatic backups, kept the way Anki keeps them.

A verified copy of the database (``backup.backup``: SQLite's online backup API, then
``PRAGMA integrity_check``) goes into ``backups/`` beside the database (for the default database:
the data folder's ``backups/``):

* on opening, at most once a day (``make_daily_if_due``, after the window's first paint);
* before every migration, every restore, and every import or collect that replaces data.

Old copies are rotated: every copy of the last day is kept (up to ``RECENT``), then the newest
of each of the last 7 days, 4 weeks and 12 months (``rotate``).
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gongkai_desk.core.errors import GongkaiError

log = logging.getLogger(__name__)

DAILY, BEFORE_MIGRATION, BEFORE_RESTORE = "daily", "before-migration", "before-restore"
BEFORE_IMPORT, BEFORE_COLLECT, MANUAL = "before-import", "before-collect", "manual"
REASONS = {
    DAILY: "每日自动备份", BEFORE_MIGRATION: "升级数据库结构前", BEFORE_RESTORE: "恢复备份前",
    BEFORE_IMPORT: "导入更新计划前", BEFORE_COLLECT: "收集反馈前", MANUAL: "手动备份",
}
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
RECENT = 20  # copies of the last 24 hours kept whatever their day
FOLDER = "backups"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: _dt.datetime
    reason: str
    size: int

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)


def folder_for(db_path: str | Path) -> Path:
    return Path(db_path).parent / FOLDER


def _name_for(db_path: Path, reason: str, now: _dt.datetime) -> Path:
    folder = folder_for(db_path)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    out, n = folder / f"{db_path.stem}-{stamp}-{reason}.db", 2
    while out.exists():
        out, n = folder / f"{db_path.stem}-{stamp}-{n}-{reason}.db", n + 1
    return out


def make(conn: sqlite3.Connection, db_path: str | Path, reason: str, *, now: _dt.datetime | None = None,
         strict: bool = False) -> Path | None:
    """Back up the open database ``conn`` (the file ``db_path``) into its backups folder and rotate.

    A failure is logged and None returned (an automatic backup must not stop the clerk's work),
    or raised with ``strict``.
    """
    from gongkai_desk.core.backup import backup

    if str(db_path) == ":memory:":
        return None
    db_path, now = Path(db_path), now or _dt.datetime.now()
    try:
        out = backup(conn, _name_for(db_path, reason, now))
        rotate(db_path, now=now)
        return out
    except (GongkaiError, OSError, sqlite3.Error) as e:
        if strict:
            raise
        log.warning("自动备份失败（%s）：%s", REASONS.get(reason, reason), e)
        return None


def make_from_file(db_path: str | Path, reason: str, *, now: _dt.datetime | None = None,
                   strict: bool = False) -> Path | None:
    """``make`` on a read-only connection of its own (safe off the window's thread)."""
    from gongkai_desk.core.storage.db import connect_readonly

    try:
        conn = connect_readonly(db_path)
    except (GongkaiError, sqlite3.Error) as e:
        if strict:
            raise
        log.warning("自动备份失败：%s", e)
        return None
    try:
        return make(conn, db_path, reason, now=now, strict=strict)
    finally:
        conn.close()


def daily_due(db_path: str | Path, today: _dt.date | None = None) -> bool:
    """Whether no backup of this database was made today (of any reason)."""
    if str(db_path) == ":memory:" or not Path(db_path).is_file():
        return False
    today = today or _dt.date.today()
    return not any(b.when.date() == today for b in list_backups(db_path))


def make_daily_if_due(db_path: str | Path, *, now: _dt.datetime | None = None) -> Path | None:
    now = now or _dt.datetime.now()
    if not daily_due(db_path, now.date()):
        return None
    return make_from_file(db_path, DAILY, now=now)


def list_backups(db_path: str | Path) -> list[BackupInfo]:
    """This database's automatic backups, newest first."""
    db_path = Path(db_path)
    folder = folder_for(db_path)
    out = []
    try:
        files = list(folder.glob("*.db"))
    except OSError:
        return []
    for p in files:
        m = _NAME.match(p.name)
        if not m or m["stem"] != db_path.stem:
            continue
        try:
            when = _dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
            size = p.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(BackupInfo(p, when, m["reason"], size))
    out.sort(key=lambda b: (b.when, b.path.name), reverse=True)
    return out


def to_keep(backups: list[BackupInfo], now: _dt.datetime) -> set[Path]:
    """The copies rotation keeps (``backups`` newest first)."""
    keep: set[Path] = set()
    recent = [b for b in backups if now - b.when < _dt.timedelta(days=1)]
    keep.update(b.path for b in recent[:RECENT])
    for key, limit in ((lambda d: d.date(), KEEP_DAYS), (lambda d: d.isocalendar()[:2], KEEP_WEEKS),
                       (lambda d: (d.year, d.month), KEEP_MONTHS)):
        seen: list = []
        for b in backups:  # newest first: the first of each period is its newest
            k = key(b.when)
            if k in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(k)
            keep.add(b.path)
    return keep


def rotate(db_path: str | Path, *, now: _dt.datetime | None = None) -> list[Path]:
    """Delete the copies rotation does not keep; return them."""
    backups = list_backups(db_path)
    keep = to_keep(backups, now or _dt.datetime.now())
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError as e:
                log.warning("无法删除旧的自动备份 %s：%s", b.path, e)
    return removed


def restore(db_path: str | Path, source: str | Path) -> Path:
    """``backup.restore`` with an automatic backup of the current database first."""
    from gongkai_desk.core.backup import restore as restore_file

    return restore_file(db_path, source, before=lambda conn: make(conn, db_path, BEFORE_RESTORE))
