"""Deadlines evaluated on a date: the due date, working days left, and 序时进度.

``deadlines.parse_deadline`` reads a phrase into a kind and (where the phrase names one) a date;
``Schedule.evaluate`` turns that into what the clerk asks on a given day:

- date / end of a period (6月底前, 年底前): due on that date;
- relative ("20个工作日内", "15日内"): counted from the task's start date (``ws.calendar``'s
  task start, else the plan's date), working days as 《政府信息公开条例》 counts them (the day
  after the start is day 1), calendar days ending on the next working day when the last is off;
- recurring (每月, 每季度, 每半年, 每年, 每周): due at the end of the current period;
- continuous (持续推进) or unreadable: no due date.

``left``: working days from the date to the due date (0 on the day, negative when past).
``elapsed``: 序时进度, the share of the task's period gone by (dated and relative tasks).
``review``: 待复核, some count crossed a year with no holiday arrangement.
"""

from __future__ import annotations

import calendar as _month
import datetime as _dt
import re
from dataclasses import dataclass

from gongkai_desk.core.calendar import WorkCalendar
from gongkai_desk.core.deadlines import _cn_number

_RELATIVE_RE = re.compile(r"([0-9〇零一二两三四五六七八九十]{1,4})\s*个?\s*(工作日|自然日|日|天|周|个月|月)内")
_RECURRING = (
    (re.compile(r"每周|逐周"), "week"), (re.compile(r"每月|按月|逐月"), "month"),
    (re.compile(r"每季度?|按季|逐季"), "quarter"), (re.compile(r"每半年"), "half"), (re.compile(r"每年|年度"), "year"),
)
REVIEW_WORD = "待复核"


@dataclass(frozen=True, slots=True)
class Due:
    date: _dt.date | None  # the due date; None: no dated deadline
    left: int | None  # working days from the evaluation date to ``date``
    elapsed: float | None  # 序时进度 (0–1)
    review: bool = False  # 待复核: counted across a year without holiday data
    note: str = ""  # why there is no date ("需要起算日期"), or how it was counted

    def text(self) -> str:
        """"2026-06-30（还有5个工作日）" / "已逾期3个工作日" / "无具体期限"."""
        if self.date is None:
            return self.note or "无具体期限"
        mark = f"（{REVIEW_WORD}）" if self.review else ""
        if self.left is None:
            return self.date.isoformat() + mark
        if self.left > 0:
            return f"{self.date.isoformat()}（还有{self.left}个工作日）{mark}"
        if self.left == 0:
            return f"{self.date.isoformat()}（今日到期）{mark}"
        return f"{self.date.isoformat()}（已逾期{-self.left}个工作日）{mark}"

    def elapsed_text(self) -> str:
        """"序时进度45%" (the share of the task's period gone by), or "" when it has no dated period."""
        return "" if self.elapsed is None else f"序时进度{self.elapsed:.0%}"


NO_DUE = Due(None, None, None)


def relative_span(phrase: str | None) -> tuple[int, str] | None:
    """(N, unit) of "N个工作日内" / "N日内" / "N周内" / "N个月内"; unit is workday|day|week|month."""
    m = _RELATIVE_RE.search(re.sub(r"\s+", "", phrase or ""))
    if not m:
        return None
    n = _cn_number(m.group(1))
    if not n:
        return None
    unit = {"工作日": "workday", "自然日": "day", "日": "day", "天": "day", "周": "week"}.get(m.group(2), "month")
    return n, unit


def _add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return _dt.date(year, month, min(d.day, _month.monthrange(year, month)[1]))


def _period_end(kind: str, d: _dt.date) -> _dt.date:
    if kind == "week":
        return d + _dt.timedelta(days=6 - d.weekday())
    if kind == "month":
        return _dt.date(d.year, d.month, _month.monthrange(d.year, d.month)[1])
    if kind == "quarter":
        m = (d.month - 1) // 3 * 3 + 3
        return _dt.date(d.year, m, _month.monthrange(d.year, m)[1])
    if kind == "half":
        return _dt.date(d.year, 6, 30) if d.month <= 6 else _dt.date(d.year, 12, 31)
    return _dt.date(d.year, 12, 31)


class Schedule:
    """Evaluate a plan's deadlines on ``today`` with a working calendar (cached per phrase)."""

    def __init__(self, calendar: WorkCalendar, today: _dt.date, *, plan_year: int | None = None,
                 plan_start: _dt.date | None = None, starts: dict[int, _dt.date] | None = None) -> None:
        self.calendar = calendar
        self.today = today
        self.plan_year = plan_year
        year_start = _dt.date(plan_year, 1, 1) if plan_year else None
        # The period of a dated task starts when the plan does: its date if in its year, else 1 January.
        self.period_start = plan_start if plan_start and (plan_year is None or plan_start.year == plan_year) else year_start
        self.relative_start = plan_start
        self.starts = starts or {}
        self._cache: dict[tuple, Due] = {}

    def evaluate(self, kind: str | None, date: _dt.date | None, phrase: str | None, task_id: int | None = None) -> Due:
        """The Due of one deadline (``kind`` as stored: date/period_end/relative/recurring/continuous)."""
        start = self.starts.get(task_id) if task_id is not None else None
        key = (kind, date, phrase if kind in ("relative", "recurring") else None, start)
        due = self._cache.get(key)
        if due is None:
            due = self._cache[key] = self._evaluate(kind, date, phrase, start)
        return due

    def _evaluate(self, kind, date, phrase, start) -> Due:
        if kind in ("date", "period_end"):
            if date is None:
                return Due(None, None, None, note="时限中没有可用的日期")
            return self._due(date, self.period_start)
        if kind == "relative":
            span = relative_span(phrase)
            begin = start or self.relative_start
            if span is None:
                return Due(None, None, None, note="时限无法计算")
            if begin is None:
                return Due(None, None, None, note="需要起算日期")
            n, unit = span
            cal = self.calendar
            if unit == "workday":
                due = cal.add_working_days(begin, n)
            elif unit == "day":
                due = cal.next_workday(begin + _dt.timedelta(days=n))
            elif unit == "week":
                due = cal.next_workday(begin + _dt.timedelta(days=7 * n))
            else:
                due = cal.next_workday(_add_months(begin, n))
            out = self._due(due, begin)
            if cal.touches_unknown(begin, due) and not out.review:
                out = Due(out.date, out.left, out.elapsed, True, out.note)
            return out
        if kind == "recurring":
            for pattern, period in _RECURRING:
                if pattern.search(phrase or ""):
                    on = self.today
                    if self.plan_year and on.year < self.plan_year:
                        on = _dt.date(self.plan_year, 1, 1)
                    if self.plan_year and on.year > self.plan_year:
                        on = _dt.date(self.plan_year, 12, 31)
                    d = _period_end(period, on)
                    return self._due(d, None, note="按本期期末计算")
            return Due(None, None, None, note="定期开展")
        if kind == "continuous":
            return Due(None, None, None, note="持续推进")
        return NO_DUE

    def _left(self, due: _dt.date) -> tuple[int, bool]:
        cal = self.calendar
        return cal.working_days(self.today, due), cal.touches_unknown(self.today, due)

    def _due(self, due: _dt.date, begin: _dt.date | None, note: str = "") -> Due:
        left, review = self._left(due)
        elapsed = None
        if begin is not None and due > begin:
            elapsed = min(1.0, max(0.0, (self.today - begin).days / (due - begin).days))
        return Due(due, left, elapsed, review, note)
