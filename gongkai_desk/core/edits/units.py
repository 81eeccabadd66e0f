"""The unit directory: units, aliases and groups, read and edited undoably (``ws.units``)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.edits import trash
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.model import Unit
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows

if TYPE_CHECKING:
    from gongkai_desk.core.undo import Recorder, UndoStack

UNIT_CHANGES = Changes(units=True, tasks=True)  # every plan shows unit names


def unit_name(value: str | None, what: str = "单位名称") -> str:
    """Return a unit name stripped; refuse an empty or implausibly long one."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what}不能为空。")
    if len(text) > 100:
        raise ValidationError(f"{what}“{text[:20]}…”过长（超过100字），请检查是否把任务内容误填为单位。")
    return text


class Units:
    """The directory of units (单位名录)."""

    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack) -> None:
        self._conn, self._undo = conn, undo_stack

    # ---- reads ---------------------------------------------------------------------------

    def all(self) -> list[Unit]:
        conn = self._conn
        aliases: dict[int, list[str]] = {}
        for a in q.alias_rows(conn):
            aliases.setdefault(a["unit_id"], []).append(a["alias"])
        members: dict[int, list[int]] = {}
        for m in q.member_rows(conn):
            members.setdefault(m["group_id"], []).append(m["member_id"])
        return [
            Unit(r["id"], r["name"], bool(r["is_group"]), tuple(aliases.get(r["id"], ())), tuple(members.get(r["id"], ())))
            for r in q.unit_rows(conn)
        ]

    def get(self, unit_id: int) -> Unit:
        for u in self.all():
            if u.id == unit_id:
                return u
        raise NotFoundError(f"找不到编号为 {unit_id} 的单位。")

    def use_count(self, unit_id: int) -> int:
        """On how many tasks the unit is."""
        return q.unit_use_count(self._conn, unit_id)

    def find(self, name: str) -> Unit | None:
        """Find a unit by exact name or alias (no fuzzy matching)."""
        r = q.unit_by_name(self._conn, name.strip())
        return None if r is None else self.get(r["id"])

    # ---- edits ---------------------------------------------------------------------------

    def add(self, name: str, *, is_group: bool = False, aliases: tuple[str, ...] = (),
            members: tuple[int, ...] = ()) -> ChangesWithId:
        name = unit_name(name)
        if q.unit_by_name(self._conn, name):
            raise ValidationError(f"单位“{name}”已在单位名录中（名称或别名）。")
        alias_names = [unit_name(a, "别名") for a in aliases]

        def build(r: Recorder) -> int:
            uid = r.insert("units", rows.unit(name=name, is_group=is_group))
            for a in alias_names:
                r.insert("unit_aliases", rows.alias(alias=a, unit_id=uid))
            for m in members:
                r.insert("group_members", rows.member(group_id=uid, member_id=m))
            return uid

        uid = self._undo.run(f"新增单位「{name}」", UNIT_CHANGES, build)
        return UNIT_CHANGES.with_id(uid)

    def rename(self, unit_id: int, name: str, *, keep_old_as_alias: bool = True) -> Changes:
        unit = self.get(unit_id)
        name = unit_name(name)
        other = q.unit_by_name(self._conn, name)
        if other and other["id"] != unit_id:
            raise ValidationError(f"单位“{name}”已在单位名录中，不能重名。")

        def build(r: Recorder) -> None:
            for a in q.rows_where(r.conn, "unit_aliases", alias=name):
                r.delete("unit_aliases", {"id": a["id"]})  # the new name is no longer an alias
            r.update("units", {"id": unit_id}, name=name)
            if keep_old_as_alias and unit.name != name:
                r.insert("unit_aliases", rows.alias(alias=unit.name, unit_id=unit_id))

        self._undo.run(f"将单位「{unit.name}」改名为「{name}」", UNIT_CHANGES, build)
        return UNIT_CHANGES

    def add_alias(self, unit_id: int, alias: str) -> Changes:
        unit = self.get(unit_id)
        alias = unit_name(alias, "别名")
        if q.unit_by_name(self._conn, alias):
            raise ValidationError(f"“{alias}”已是某个单位的名称或别名。")
        self._undo.run(f"为「{unit.name}」添加别名「{alias}」", UNIT_CHANGES,
                                lambda r: r.insert("unit_aliases", rows.alias(alias=alias, unit_id=unit_id)))
        return UNIT_CHANGES

    def remove_alias(self, unit_id: int, alias: str) -> Changes:
        found = q.rows_where(self._conn, "unit_aliases", alias=alias, unit_id=unit_id)
        self._undo.run(f"删除别名「{alias}」", UNIT_CHANGES,
                                lambda r: [r.delete("unit_aliases", {"id": a["id"]}) for a in found])
        return UNIT_CHANGES

    def set_members(self, group_id: int, member_ids: list[int]) -> Changes:
        group = self.get(group_id)
        if not group.is_group:
            raise ValidationError(f"“{group.name}”不是单位组，不能设置成员单位。")
        if group_id in member_ids:
            raise ValidationError("单位组不能包含自己。")
        for mid in member_ids:
            self.get(mid)

        def build(r: Recorder) -> None:
            current = {m["member_id"]: m["id"] for m in q.rows_where(r.conn, "group_members", group_id=group_id)}
            for mid, row_id in current.items():
                if mid not in member_ids:
                    r.delete("group_members", {"id": row_id})
            for mid in member_ids:
                if mid not in current:
                    r.insert("group_members", rows.member(group_id=group_id, member_id=mid))

        self._undo.run(f"设置「{group.name}」的成员单位", UNIT_CHANGES, build)
        return UNIT_CHANGES

    def delete(self, unit_id: int) -> Changes:
        """Delete a unit; one with progress on tasks goes to the trash with that progress."""
        unit = self.get(unit_id)
        used = q.unit_use_count(self._conn, unit_id)
        changes = UNIT_CHANGES | Changes(progress=bool(used), trash=bool(used))
        user = self._undo.user

        def build(r: Recorder) -> None:
            since = len(r.ops)
            for a in q.rows_where(r.conn, "assignments", unit_id=unit_id):
                r.delete("assignments", {"id": a["id"]})
            for a in q.rows_where(r.conn, "unit_aliases", unit_id=unit_id):
                r.delete("unit_aliases", {"id": a["id"]})
            for col in ("group_id", "member_id"):
                for m in q.rows_where(r.conn, "group_members", **{col: unit_id}):
                    r.delete("group_members", {"id": m["id"]})
            r.delete("units", {"id": unit_id})
            if used:
                trash.put(r, "unit", unit.name, None, since, user)

        self._undo.run(f"删除单位「{unit.name}」", changes, build)
        return changes

    def ensure(self, name: str, *, is_group: bool = False) -> int:
        """Return the id of the unit called ``name`` (name or alias), adding it when unknown."""
        found = q.unit_by_name(self._conn, name.strip())
        return found["id"] if found else self.add(name, is_group=is_group).id
