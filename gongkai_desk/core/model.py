"""Plain data the core hands to the CLI and the UI: frozen dataclasses and enums, no SQL, no Qt."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache


class Status(str, Enum):
    """A unit's progress on a task (落实情况的完成状态)."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    STAGED = "阶段性完成"
    ONGOING = "持续推进"
    DONE = "已完成"

    @property
    def rank(self) -> int:
        """Order used for a task's overall status: the least advanced unit wins.

        持续推进 counts as on track but never as finished, so it ranks just below 已完成.
        """
        return _RANK[self]

    @classmethod
    def parse(cls, text: str | None) -> "Status | None":
        """Return the status named by ``text``, or None when it names none clearly.

        The word is normalised first (``status_key``: width, spaces, edge punctuation, filler such
        as 已经/了/的), then looked up among the five words and their common spellings; a word that
        could mean two statuses (未完成, 已启动) is in neither and stays None, for the clerk to decide."""
        if not text:
            return None
        return _parse_status(text)


@lru_cache(maxsize=4096)  # a plan says the same few words thousands of times
def _parse_status(text: str) -> "Status | None":
    t = text.strip()
    found = STATUS_BY_VALUE.get(t) or _SYNONYMS.get(t)
    if found is None and ("?" in t or "？" in t or len(t) > 16):
        return None  # "已完成？" asks rather than says: the clerk decides; a sentence is no status word
    return found if found is not None else _BY_KEY.get(status_key(t))


_RANK = {
    Status.NOT_STARTED: 0,
    Status.IN_PROGRESS: 1,
    Status.STAGED: 2,
    Status.ONGOING: 3,
    Status.DONE: 4,
}
_SYNONYMS = {
    "完成": Status.DONE,
    "已落实": Status.DONE,
    "已办结": Status.DONE,
    "未开始": Status.NOT_STARTED,
    "尚未启动": Status.NOT_STARTED,
    "正在推进": Status.IN_PROGRESS,
    "进行中": Status.IN_PROGRESS,
    "正在进行": Status.IN_PROGRESS,
    "部分完成": Status.STAGED,
    "阶段完成": Status.STAGED,
    "基本完成": Status.STAGED,
    "已基本完成": Status.STAGED,
    "长期坚持": Status.ONGOING,
    "持续开展": Status.ONGOING,
    "持续推进中": Status.ONGOING,
    "常态化推进": Status.ONGOING,
    "常态化开展": Status.ONGOING,
    "长期推进": Status.ONGOING,
}

_SYNONYMS.update({
    "全部完成": Status.DONE, "已全部完成": Status.DONE, "办结": Status.DONE, "已办理完成": Status.DONE,
    "暂未启动": Status.NOT_STARTED, "还未启动": Status.NOT_STARTED, "尚未开始": Status.NOT_STARTED,
    "未启动实施": Status.NOT_STARTED, "正在实施": Status.IN_PROGRESS,
    "实施中": Status.IN_PROGRESS,
})
_EDGE = " 。.，,；;：:！!？?、…~～\"'“”‘’()（）[]【】<>《》"
_FILLER = re.compile(r"[了的]")
_PREFIX = re.compile(r"^(?:目前|当前|现在|现)(?=已|正在|尚|还|暂)")


def status_key(text: str) -> str:
    """A status word as looked up: full/half width folded (NFKC), spaces and surrounding punctuation
    dropped, 已经 → 已, the filler 了/的 dropped, 目前/现 before 已/正在 dropped, 正在…中 → …中:
    "已经完成。" → "已完成", "推进中。" → "推进中", "正在推进中" → "推进中"."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip(_EDGE)
    t = _PREFIX.sub("", _FILLER.sub("", t.replace("已经", "已")))
    if t.startswith("正在") and t.endswith("中") and len(t) > 3:
        t = t[2:]
    return t


OVERDUE_LABEL = "逾期"
STATUS_BY_VALUE: dict[str, Status] = {s.value: s for s in Status}  # faster than Status(value)
_BY_KEY: dict[str, Status] = {status_key(k): v for k, v in (*_SYNONYMS.items(), *STATUS_BY_VALUE.items())}
STATUS_ORDER: tuple[Status, ...] = tuple(sorted(Status, key=lambda s: _RANK[s]))


def overall_status(statuses: list[Status]) -> Status:
    """Return a task's overall status: the least advanced of its units' (未启动 when none)."""
    if not statuses:
        return Status.NOT_STARTED
    return min(statuses, key=_RANK.__getitem__)


def completion(done_entries: int, entries: int) -> float:
    """A plan's completion: the share (0–1) of its task × unit entries at 已完成 (CLI.md). The one
    definition: ``plans --json``, the window's status bar and the overview all use it."""
    return done_entries / entries if entries else 0.0


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


def is_overdue(deadline_date: _dt.date | None, status: Status, today: _dt.date) -> bool:
    """A task is overdue when its deadline has passed and it is not 已完成."""
    return deadline_date is not None and today > deadline_date and status is not Status.DONE


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
    by_parent: dict[int | None, list[dict]] = {}
    for r in rows:
        by_parent.setdefault(r["parent_id"], []).append(r)
    out: list[Section] = []
    stack = list(reversed(by_parent.get(None, [])))
    while stack:
        r = stack.pop()
        out.append(Section(r["id"], r["plan_id"], r["parent_id"], r["level"], r["number"], r["title"], r["position"]))
        stack.extend(reversed(by_parent.get(r["id"], [])))
    return out


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
        return f"{self.status.value}（{OVERDUE_LABEL}）" if self.overdue else self.status.value


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
