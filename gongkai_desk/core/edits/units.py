"""Undoable edits of the unit directory, of units on tasks, and of progress (mixed into Workspace)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.model import Role, Status
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.undo import now_text

if TYPE_CHECKING:
    from gongkai_desk.core.undo import Recorder

UNIT_CHANGES = Changes(units=True, tasks=True)
ASSIGN_CHANGES = Changes(tasks=True, progress=True, plans=True)
PROGRESS_FIELDS = {"status": "完成状态", "done": "落实情况", "problems": "存在问题", "next_steps": "下步计划", "evidence": "佐证材料"}


def _name(value: str | None, what: str = "单位名称") -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what}不能为空。")
    if len(text) > 100:
        raise ValidationError(f"{what}“{text[:20]}…”过长（超过100字），请检查是否把任务内容误填为单位。")
    return text


class UnitEdits:
    # ---- directory -----------------------------------------------------------------------

    def add_unit(self, name: str, *, is_group: bool = False, aliases: tuple[str, ...] = (), members: tuple[int, ...] = ()) -> int:
        name = _name(name)
        if q.unit_by_name(self.conn, name):
            raise ValidationError(f"单位“{name}”已在单位名录中（名称或别名）。")

        def build(r: Recorder) -> int:
            uid = r.insert("units", {"name": name, "is_group": int(is_group)})
            for alias in aliases:
                r.insert("unit_aliases", {"alias": _name(alias, "别名"), "unit_id": uid})
            for m in members:
                r.insert("group_members", {"group_id": uid, "member_id": m})
            return uid

        return self.undo_stack.run(f"新增单位「{name}」", UNIT_CHANGES, build)

    def rename_unit(self, unit_id: int, name: str, *, keep_old_as_alias: bool = True) -> Changes:
        unit = self.unit(unit_id)
        name = _name(name)
        other = q.unit_by_name(self.conn, name)
        if other and other["id"] != unit_id:
            raise ValidationError(f"单位“{name}”已在单位名录中，不能重名。")

        def build(r: Recorder) -> None:
            for a in q.rows_where(self.conn, "unit_aliases", alias=name):
                r.delete("unit_aliases", {"id": a["id"]})  # the new name is no longer an alias
            r.update("units", {"id": unit_id}, name=name)
            if keep_old_as_alias and unit.name != name:
                r.insert("unit_aliases", {"alias": unit.name, "unit_id": unit_id})

        self.undo_stack.run(f"将单位「{unit.name}」改名为「{name}」", UNIT_CHANGES, build)
        return UNIT_CHANGES

    def add_alias(self, unit_id: int, alias: str) -> Changes:
        unit = self.unit(unit_id)
        alias = _name(alias, "别名")
        if q.unit_by_name(self.conn, alias):
            raise ValidationError(f"“{alias}”已是某个单位的名称或别名。")
        self.undo_stack.run(f"为「{unit.name}」添加别名「{alias}」", UNIT_CHANGES,
                            lambda r: r.insert("unit_aliases", {"alias": alias, "unit_id": unit_id}))
        return UNIT_CHANGES

    def remove_alias(self, unit_id: int, alias: str) -> Changes:
        rows = q.rows_where(self.conn, "unit_aliases", alias=alias, unit_id=unit_id)
        self.undo_stack.run(f"删除别名「{alias}」", UNIT_CHANGES,
                            lambda r: [r.delete("unit_aliases", {"id": a["id"]}) for a in rows])
        return UNIT_CHANGES

    def set_group_members(self, group_id: int, member_ids: list[int]) -> Changes:
        group = self.unit(group_id)
        if not group.is_group:
            raise ValidationError(f"“{group.name}”不是单位组，不能设置成员单位。")
        if group_id in member_ids:
            raise ValidationError("单位组不能包含自己。")

        def build(r: Recorder) -> None:
            current = {m["member_id"]: m["id"] for m in q.rows_where(self.conn, "group_members", group_id=group_id)}
            for mid, row_id in current.items():
                if mid not in member_ids:
                    r.delete("group_members", {"id": row_id})
            for mid in member_ids:
                if mid not in current:
                    self.unit(mid)
                    r.insert("group_members", {"group_id": group_id, "member_id": mid})

        self.undo_stack.run(f"设置「{group.name}」的成员单位", UNIT_CHANGES, build)
        return UNIT_CHANGES

    def delete_unit(self, unit_id: int) -> Changes:
        unit = self.unit(unit_id)
        used = q.unit_use_count(self.conn, unit_id)
        if used:
            raise ValidationError(f"单位“{unit.name}”还承担着{used}项任务，请先从这些任务中移除它。")

        def build(r: Recorder) -> None:
            for a in q.rows_where(self.conn, "unit_aliases", unit_id=unit_id):
                r.delete("unit_aliases", {"id": a["id"]})
            for col in ("group_id", "member_id"):
                for m in q.rows_where(self.conn, "group_members", **{col: unit_id}):
                    r.delete("group_members", {"id": m["id"]})
            r.delete("units", {"id": unit_id})

        self.undo_stack.run(f"删除单位「{unit.name}」", UNIT_CHANGES, build)
        return UNIT_CHANGES

    def ensure_unit(self, name: str, *, is_group: bool = False) -> int:
        """Return the id of the unit called ``name`` (name or alias), adding it when unknown."""
        found = q.unit_by_name(self.conn, name.strip())
        return found["id"] if found else self.add_unit(name, is_group=is_group)

    # ---- units on tasks ------------------------------------------------------------------

    def assign_unit(self, task_id: int, unit_id: int, role: Role = Role.RESPONSIBLE) -> int:
        task = self._task_row(task_id)
        unit = self.unit(unit_id)
        role = Role(role)
        existing = q.assignment_row(self.conn, task_id, unit_id)
        if existing:
            if existing["role"] != role.value:
                self.undo_stack.run(f"将「{unit.name}」设为{role.label}", ASSIGN_CHANGES,
                                    lambda r: r.update("assignments", {"id": existing["id"]}, role=role.value))
            return existing["id"]
        values = {
            "task_id": task_id, "unit_id": unit_id, "role": role.value,
            "position": q.max_position(self.conn, "assignments", task_id=task_id) + 1,
        }
        label = f"为任务{task['number'] or ''}添加{role.label}「{unit.name}」"
        return self.undo_stack.run(label, ASSIGN_CHANGES, lambda r: r.insert("assignments", values))

    def unassign_unit(self, task_id: int, unit_id: int) -> Changes:
        row = self._assignment_row(task_id, unit_id)
        self.undo_stack.run(f"从任务中移除「{row['unit_name']}」", ASSIGN_CHANGES,
                            lambda r: r.delete("assignments", {"id": row["id"]}))
        return ASSIGN_CHANGES

    def expand_group(self, task_id: int, group_id: int) -> list[int]:
        """Replace a group on a task by its member units, each getting the group's progress."""
        row = self._assignment_row(task_id, group_id)
        group = self.unit(group_id)
        if not group.is_group or not group.members:
            raise ValidationError(f"“{group.name}”没有成员单位，请先在单位名录中设置它的成员。")
        copied = {k: row[k] for k in ("role", "status", "done", "problems", "next_steps", "evidence", "updated_at", "updated_by")}

        def build(r: Recorder) -> list[int]:
            r.delete("assignments", {"id": row["id"]})
            ids, pos = [], row["position"]
            for mid in group.members:
                if q.assignment_row(self.conn, task_id, mid):
                    continue
                ids.append(r.insert("assignments", {"task_id": task_id, "unit_id": mid, "position": pos, **copied}))
                pos += 1
            return ids

        return self.undo_stack.run(f"展开「{group.name}」为成员单位", ASSIGN_CHANGES, build)

    def set_progress(self, task_id: int, unit_id: int, **fields: Any) -> Changes:
        """Record a unit's status / 落实情况 / 存在问题 / 下步计划 / 佐证材料 on a task."""
        row = self._assignment_row(task_id, unit_id)
        unknown = set(fields) - set(PROGRESS_FIELDS)
        if unknown:
            raise ValidationError(f"不认识的落实情况字段：{', '.join(sorted(unknown))}。")
        values: dict[str, Any] = {}
        for k, v in fields.items():
            if k == "status":
                status = v if isinstance(v, Status) else Status.parse(v)
                if status is None:
                    names = "、".join(s.value for s in Status)
                    raise ValidationError(f"完成状态“{v}”无效，只能是：{names}。")
                values[k] = status.value
            else:
                values[k] = (v or "").strip()
        changed = {k: v for k, v in values.items() if row[k] != v}
        if not changed:
            return Changes()
        changed.update(updated_at=now_text(), updated_by=self.undo_stack.user)
        named = [PROGRESS_FIELDS[k] for k in values if k in changed]
        what = named[0] if len(named) == 1 else "落实情况"
        self.undo_stack.run(f"修改{row['unit_name']}{what}", ASSIGN_CHANGES,
                            lambda r: r.update("assignments", {"id": row["id"]}, **changed))
        return ASSIGN_CHANGES

    def _assignment_row(self, task_id: int, unit_id: int) -> dict[str, Any]:
        row = q.assignment_row(self.conn, task_id, unit_id)
        if row is None:
            raise NotFoundError("该单位不在这项任务中。")
        return row
