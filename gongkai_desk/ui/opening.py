"""The window's database at start-up: opened as ``Workspace.open`` opens it, and its first
screenful read (``app.run``; ``main_window`` when the first paint was the kept picture)."""

from __future__ import annotations


def read_start(path: str, settings):
    """Open ``path`` as ``Workspace.open`` opens it (a backup before a migration, read-only when the
    file cannot be written) and read its first screenful: (opened, first, None), or
    (None, None, a Chinese sentence saying why not). The workspace itself is made after the first paint."""
    import sqlite3

    from gongkai_desk.core.errors import GongkaiError
    from gongkai_desk.core.first_screen import read_first_screen
    from gongkai_desk.core.storage import db as _db
    from gongkai_desk.core.storage.opening import open_file
    from gongkai_desk.ui.window_state import last_plan

    opened = None
    try:
        opened = open_file(path)
        return opened, read_first_screen(opened.conn, last_plan(settings)), None
    except (GongkaiError, sqlite3.Error) as e:
        if opened is not None:
            opened.conn.close()
        return None, None, str(e) if isinstance(e, GongkaiError) else f"无法读取数据库 {path}：{_db.describe(e)}。"
