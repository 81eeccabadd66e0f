"""Opening a database file as the workspace does, in two steps the window can split around its
first paint: ``open_file`` (before: the file opened, migrated after a verified backup, read-only
when it cannot be written) and ``settle`` (after: leftover temporary files cleaned, the trash's
expired entries purged). ``Workspace.open`` is both at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gongkai_desk.core.storage.db import Opened, open_database


def open_file(path: str | Path, *, auto_backup: bool = True) -> Opened:
    """Open (creating and migrating if needed) the database at ``path`` or ":memory:".

    Before a migration changes an existing file, a verified copy goes to the automatic backups
    (``core.autobackup``). A file that cannot be written is opened read-only (``Opened.read_only``).
    """
    def before(conn: sqlite3.Connection) -> None:  # only when a migration is pending
        from gongkai_desk.core import autobackup

        autobackup.make(conn, path, autobackup.BEFORE_MIGRATION)

    use_backup = auto_backup and str(path) != ":memory:"
    return open_database(path, before_migrate=before if use_backup else None)


def settle(path: str | Path) -> None:
    """What opening does beside the file itself: the leftovers of writers that died are removed."""
    if str(path) != ":memory:":
        from gongkai_desk.core.files import clean_leftovers

        clean_leftovers(Path(path).parent)
