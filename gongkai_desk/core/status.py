"""The five status words of a unit's progress, how other spellings map onto them, and the rules
a task's overall status follows. Plain enums and functions: the window's first screen uses them
before the rest of ``core.model`` (its dataclasses) is imported."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
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
# The task table's filter words beside the five statuses (``task_filter``; the filter bar's items).
UNFINISHED = "未完成"  # every status but 已完成
OVERDUE = OVERDUE_LABEL
FLAGGED = "待确认"  # the import's flags are still on the task
STATUS_BY_VALUE: dict[str, Status] = {s.value: s for s in Status}  # faster than Status(value)
_BY_KEY: dict[str, Status] = {status_key(k): v for k, v in (*_SYNONYMS.items(), *STATUS_BY_VALUE.items())}
STATUS_ORDER: tuple[Status, ...] = tuple(sorted(Status, key=lambda s: _RANK[s]))


def overall_status(statuses: list[Status]) -> Status:
    """Return a task's overall status: the least advanced of its units' (未启动 when none)."""
    if not statuses:
        return Status.NOT_STARTED
    return min(statuses, key=_RANK.__getitem__)


def iso_date(text: str | None) -> _dt.date | None:
    """A stored ISO date, or None when empty or unreadable."""
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def is_overdue(deadline_date: _dt.date | None, status: Status, today: _dt.date) -> bool:
    """A task is overdue when its deadline has passed and it is not 已完成."""
    return deadline_date is not None and today > deadline_date and status is not Status.DONE




def status_label(status: Status, overdue: bool) -> str:
    """A task's status as the task table shows it: the overall status, with 逾期 appended when overdue."""
    return f"{status.value}（{OVERDUE_LABEL}）" if overdue else status.value


def completion(done_entries: int, entries: int) -> float:
    """A plan's completion: the share (0–1) of its task × unit entries at 已完成 (CLI.md). The one
    definition: ``plans --json``, the window's status bar and the overview all use it."""
    return done_entries / entries if entries else 0.0
