"""What a command changed, so each view reloads only what it shows (Anki's OpChanges).

Every edit returns ``Changes``; an edit that creates something returns ``ChangesWithId`` with
the new row's id (Anki's OpChangesWithId). ``plan_id`` names the plan the change is about (the
one created, imported, edited or deleted), so a window showing another plan can ignore it and a
window can select a plan that was just created or restored.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

_FLAGS = ("plans", "sections", "tasks", "units", "progress", "stats", "report", "settings", "calendar", "feedback",
          "chasing", "trash")


@dataclass(frozen=True)
class Changes:
    plans: bool = False
    sections: bool = False
    tasks: bool = False
    units: bool = False
    progress: bool = False
    stats: bool = False
    report: bool = False
    settings: bool = False
    calendar: bool = False
    feedback: bool = False  # feedback rounds sent and returns collected
    chasing: bool = False  # 催办 records
    trash: bool = False  # the 回收站's contents
    plan_id: int | None = None

    def __or__(self, other: "Changes") -> "Changes":
        flags = {name: getattr(self, name) or getattr(other, name) for name in _FLAGS}
        plan = self.plan_id if other.plan_id in (None, self.plan_id) else (
            other.plan_id if self.plan_id is None else None)
        return Changes(**flags, plan_id=plan)

    def any(self) -> bool:
        return any(getattr(self, name) for name in _FLAGS)

    def about(self, plan_id: int | None) -> "Changes":
        """The same flags, about ``plan_id``."""
        return Changes(**{name: getattr(self, name) for name in _FLAGS}, plan_id=plan_id)

    def with_id(self, new_id: int) -> "ChangesWithId":
        return ChangesWithId(**{f.name: getattr(self, f.name) for f in fields(Changes)}, id=new_id)

    def concerns(self, plan_id: int | None) -> bool:
        """Whether a view of ``plan_id`` may need to reload (a change about no one plan concerns all)."""
        return self.plan_id is None or self.plan_id == plan_id

    @classmethod
    def everything(cls, plan_id: int | None = None) -> "Changes":
        return cls(**{name: True for name in _FLAGS}, plan_id=plan_id)


@dataclass(frozen=True)
class ChangesWithId(Changes):
    """The changes of an edit that created a row, and that row's id."""

    id: int = 0


@dataclass(frozen=True)
class UndoStatus:
    undo_label: str | None  # "修改区财政局落实情况", or None when there is nothing to undo
    redo_label: str | None
