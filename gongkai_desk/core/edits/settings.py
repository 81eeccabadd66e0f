"""Settings stored in the database (``ws.settings``): above all the clerk's own office, which every
document the program writes names (feedback workbooks, the annual report, document properties).

Window state (geometry, last folder) is not here: it belongs to the computer, not to the data.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.storage import queries as q

if TYPE_CHECKING:
    from gongkai_desk.core.undo import Recorder, UndoStack

SETTINGS_CHANGES = Changes(settings=True)


@dataclass(frozen=True)
class Office:
    """The clerk's office (本机关), as documents name it and units reach it."""

    name: str = ""  # 示例区人民政府办公室
    department: str = ""  # 政务公开办 / 政务公开科
    contact: str = ""  # the clerk's name, for 联系人
    phone: str = ""
    address: str = ""
    email: str = ""
    website: str = ""  # the 政府信息公开专栏 where the annual report is published


OFFICE_KEYS = {f.name: f"office.{f.name}" for f in fields(Office)}


class Settings:
    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack) -> None:
        self._conn, self._undo = conn, undo_stack

    def get(self, key: str, default: str | None = None) -> str | None:
        value = q.setting(self._conn, key)
        return default if value is None else value

    def set(self, key: str, value: str | None, *, label: str = "修改设置") -> Changes:
        """Store one setting as an undoable edit (None removes it)."""

        def build(r: Recorder) -> None:
            if value is None:
                r.delete("settings", {"key": key})
            else:
                r.upsert("settings", {"key": key}, {"value": str(value)})

        self._undo.run(label, SETTINGS_CHANGES, build)
        return SETTINGS_CHANGES

    def office(self) -> Office:
        return Office(**{name: self.get(key) or "" for name, key in OFFICE_KEYS.items()})

    def set_office(self, **values: str | None) -> Changes:
        """Change some of the office's details in one undoable step."""
        unknown = set(values) - set(OFFICE_KEYS)
        if unknown:
            raise ValidationError(f"不认识的本机关信息：{'、'.join(sorted(unknown))}。")

        def build(r: Recorder) -> None:
            for name, value in values.items():
                text = (value or "").strip()
                if len(text) > 200:
                    raise ValidationError("本机关信息每项不能超过200字。")
                if text:
                    r.upsert("settings", {"key": OFFICE_KEYS[name]}, {"value": text})
                else:
                    r.delete("settings", {"key": OFFICE_KEYS[name]})

        self._undo.run("修改本机关信息", SETTINGS_CHANGES, build)
        return SETTINGS_CHANGES
