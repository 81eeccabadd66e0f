"""What a command changed, so each view reloads only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    plans: bool = False
    sections: bool = False
    tasks: bool = False
    units: bool = False
    progress: bool = False
    stats: bool = False
    report: bool = False

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> "Changes":
        return cls(**{f.name: True for f in fields(cls)})


@dataclass(frozen=True)
class UndoStatus:
    undo_label: str | None  # "修改区财政局落实情况", or None when there is nothing to undo
    redo_label: str | None
