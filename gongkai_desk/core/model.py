"""Plain data the core hands to the CLI and the UI: frozen dataclasses and enums, no SQL, no Qt."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum

# The status words and rules live in ``core.status`` (no dataclasses: the window's first screen
# reads them before anything else is imported); they are part of this module's interface too.
from gongkai_desk.core.section_order import preorder
from gongkai_desk.core.status import (  # noqa: F401 - re-exported
    OVERDUE_LABEL,
    STATUS_BY_VALUE,
    STATUS_ORDER,
    Status,
    completion,
    is_overdue,
    overall_status,
    status_key,
    status_label,
)


class DeadlineKind(str, Enum):
    """What kind of deadline a phrase describes."""

    DATE = "date"  # a day: 2020年6月30日前
    PERIOD_END = "period_end"  # the end of a month/quarter/half/year: 6月底前, 年底前
    RECURRING = "recurring"  # 每季度, 每月
    CONTINUOUS = "continuous"  # 持续推进, 长期坚持, 全年
    RELATIVE = "relative"  # 3个工作日内: no calendar date of its own


@dataclass(frozen=True)
class Deadline:
    """A deadline as written (``phrase``) and, where one follows, its kind and date."""

    phrase: str | None
    kind: DeadlineKind | None = None
    date: _dt.date | None = None


class Role(str, Enum):
    """How a unit stands on a task."""

    LEAD = "lead"  # 牵头单位
    RESPONSIBLE = "responsible"  # 责任单位 / 配合单位

    @property
    def label(self) -> str:
        return "牵头单位" if self is Role.LEAD else "责任单位"


@dataclass(frozen=True)
class PlanSummary:
    id: int
    year: int
    title: str
    tasks: int
    units: int
    completion: float  # share (0–1) of task×unit entries at 已完成


@dataclass(frozen=True)
class Plan:
    id: int
    year: int
    title: str
    issuer: tuple[str, ...] = ()
    doc_number: str | None = None
    issue_date: _dt.date | None = None
    kind: str = "plan"  # "plan" or "review"


@dataclass(frozen=True)
class Section:
    id: int
    plan_id: int
    parent_id: int | None
    level: int  # 1 = 一、, 2 = (一), 3 = 1., 4 = (1)
    number: str | None  # bare: "一", "1"
    title: str
    position: int


def sections_in_preorder(rows) -> list[Section]:
    """Section rows (dicts) as Sections in tree pre-order: parents before children, by position."""
    return [Section(r["id"], r["plan_id"], r["parent_id"], r["level"], r["number"], r["title"], r["position"])
            for r in preorder(rows)]


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    is_group: bool = False
    aliases: tuple[str, ...] = ()
    members: tuple[int, ...] = ()  # unit ids, for a group


@dataclass(frozen=True)
class Assignment:
    """One unit on one task: its role and its progress (落实情况)."""

    id: int
    task_id: int
    unit_id: int
    unit_name: str
    is_group: bool
    role: Role
    status: Status
    done: str  # 落实情况
    problems: str  # 存在问题
    next_steps: str  # 下步计划
    evidence: str  # 佐证材料
    updated_at: str | None
    updated_by: str | None


@dataclass(slots=True, eq=True)
class TaskRow:
    """A task as the task table shows it.

    Not frozen: thousands are built at start-up and frozen dataclasses construct ~2× slower.
    Treat it as read-only all the same.
    """

    id: int
    plan_id: int
    section_id: int | None
    number: str | None
    text: str
    detail: str | None
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]
    deadline: Deadline
    status: Status
    overdue: bool
    position: int
    flags: tuple[str, ...] = ()
    unit_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def status_label(self) -> str:
        """The overall status, with 逾期 appended when overdue."""
        return status_label(self.status, self.overdue)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    user: str
    label: str
    entity: str
    entity_id: int | None
    field: str | None
    old: str | None
    new: str | None
