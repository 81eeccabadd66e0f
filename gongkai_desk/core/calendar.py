"""The Chinese working-day calendar: which days are worked, and counting working days.

Working days follow the State Council's yearly notice (国务院办公厅关于部分节假日安排的通知):
public holidays and 调休 days off ("holiday"), and weekend days that are worked ("workday").
Three sources, weakest first:

- ``bundled``: chinesecalendar's data, for the years it knows (it ends with 2026);
- ``notice``: a notice the clerk loaded for a year; it replaces the bundled days of that year;
- ``clerk``: single days the clerk set by hand; they win over both.

A year none of them covers is counted Monday to Friday, and every figure counted across it is
marked 待复核 (``touches_unknown``). Counting follows 《政府信息公开条例》: the day after the
start is day 1 (``add_working_days(2026-09-28, 20)`` is 2026-10-30, across 国庆).
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

HOLIDAY, WORKDAY = "holiday", "workday"
BUNDLED, NOTICE, CLERK = "bundled", "notice", "clerk"
SOURCE_LABEL = {BUNDLED: "程序内置", NOTICE: "国务院通知", CLERK: "手工设置"}
KIND_LABEL = {HOLIDAY: "放假", WORKDAY: "上班"}
MAX_COUNT = 3660  # working days counted at most (ten years)
# chinesecalendar names holidays in English; the notices use these names.
_BUNDLED_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
_DAY = _dt.timedelta(days=1)


@dataclass(frozen=True)
class SpecialDay:
    """A day that is not as its weekday says: a day off on a weekday or weekend, or a worked weekend."""

    date: _dt.date
    kind: str  # HOLIDAY | WORKDAY
    name: str | None  # 国庆节
    source: str  # BUNDLED | NOTICE | CLERK

    @property
    def ordinary(self) -> bool:
        """A "workday" on a weekday or a "holiday" nobody needed to say (never): nothing special."""
        return self.kind == WORKDAY and self.date.weekday() < 5


@dataclass(frozen=True)
class YearInfo:
    year: int
    complete: bool  # the year's arrangement is known (bundled, a notice, or confirmed by the clerk)
    source: str | None  # where the year's arrangement comes from; None: nothing known
    notice: str | None = None  # the notice's title or 文号, when one was loaded


def arrangement_year(day: _dt.date, name: str | None) -> int:
    """The year whose holiday arrangement a day belongs to (元旦 may start on 12月31日 before)."""
    return day.year + 1 if day.month == 12 and name == "元旦" else day.year


@lru_cache(maxsize=1)
def bundled() -> dict[int, dict[_dt.date, SpecialDay]]:
    """chinesecalendar's days by arrangement year (imported on first use)."""
    import chinese_calendar

    out: dict[int, dict[_dt.date, SpecialDay]] = {}
    for table, kind in ((chinese_calendar.holidays, HOLIDAY), (chinese_calendar.workdays, WORKDAY)):
        for day, english in table.items():
            name = _BUNDLED_NAMES.get(english, english)
            out.setdefault(arrangement_year(day, name), {})[day] = SpecialDay(day, kind, name, BUNDLED)
    return out


def bundled_years() -> range:
    years = bundled()
    return range(min(years), max(years) + 1)


def no_data_banner(years: Iterable[int]) -> str | None:
    """The banner for years without a holiday arrangement, or None when all are known."""
    missing = sorted(set(years))
    if not missing:
        return None
    names = "、".join(f"{y}年" for y in missing)
    return f"{names}节假日安排尚未载入，工作日按周一至周五计算"


class WorkCalendar:
    """Which days are worked, from bundled data, loaded notices and the clerk's own days."""

    def __init__(self, days: dict[_dt.date, SpecialDay], years: dict[int, YearInfo]) -> None:
        self._days = days
        self._years = years
        self._base: _dt.date | None = None
        self._cum: list[int] = []  # _cum[i]: working days in [base, base + i]

    @classmethod
    def build(cls, stored: Iterable[dict], year_rows: Iterable[dict] = (), *, use_bundled: bool = True) -> "WorkCalendar":
        """Merge the bundled days with the stored ``holidays`` and ``holiday_years`` rows."""
        notice: dict[int, dict[_dt.date, SpecialDay]] = {}
        clerk: dict[_dt.date, SpecialDay] = {}
        for r in stored:
            day = _dt.date.fromisoformat(r["date"])
            sd = SpecialDay(day, r["kind"], r["name"], r["source"])
            if r["source"] == CLERK:
                clerk[day] = sd
            else:
                notice.setdefault(int(r["year"]), {})[day] = sd
        base = bundled() if use_bundled else {}
        days: dict[_dt.date, SpecialDay] = {}
        for year in sorted(set(base) | set(notice)):
            days.update(notice.get(year) or base.get(year, {}))
        days.update(clerk)
        years: dict[int, YearInfo] = {y: YearInfo(y, True, BUNDLED) for y in base}
        for y in notice:
            years[y] = YearInfo(y, True, NOTICE)
        for r in year_rows:
            y = int(r["year"])
            source = r["source"] or (years[y].source if y in years else None)
            years[y] = YearInfo(y, bool(r["complete"]), source, r["notice"])
        for day in clerk:
            y = day.year
            if y not in years:
                years[y] = YearInfo(y, False, CLERK)
        return cls(days, years)

    # ---- what a day is ------------------------------------------------------------------------

    def day(self, day: _dt.date) -> SpecialDay | None:
        """The special entry for ``day`` (None: the weekday decides)."""
        return self._days.get(day)

    def is_workday(self, day: _dt.date) -> bool:
        sd = self._days.get(day)
        if sd is not None:
            return sd.kind == WORKDAY
        return day.weekday() < 5

    def year_info(self, year: int) -> YearInfo:
        return self._years.get(year) or YearInfo(year, False, None)

    def known(self, year: int) -> bool:
        info = self._years.get(year)
        return bool(info and info.complete)

    def special_days(self, year: int) -> list[SpecialDay]:
        """The non-ordinary days of calendar year ``year``: days off, and weekend days worked."""
        return [sd for d, sd in sorted(self._days.items()) if d.year == year and not sd.ordinary]

    def unknown_years(self, a: _dt.date, b: _dt.date) -> list[int]:
        """Years between ``a`` and ``b`` (either order) with no complete arrangement."""
        lo, hi = sorted((a.year, b.year))
        return [y for y in range(lo, hi + 1) if not self.known(y)]

    def touches_unknown(self, a: _dt.date, b: _dt.date) -> bool:
        lo, hi = sorted((a.year, b.year))
        return any(not self.known(y) for y in range(lo, hi + 1))

    # ---- counting -----------------------------------------------------------------------------

    def _cover(self, first: _dt.date, last: _dt.date) -> None:
        """Make the running count cover ``first`` .. ``last`` (a year of margin either side)."""
        if self._base is not None and self._base <= first and self._base + _dt.timedelta(len(self._cum) - 1) >= last:
            return
        lo = min(first, self._base) if self._base else first
        hi = max(last, self._base + _dt.timedelta(len(self._cum) - 1)) if self._base else last
        base = _dt.date(lo.year - 1, 1, 1)
        end = _dt.date(min(hi.year + 1, 9998), 12, 31)
        cum, total, day, days, n = [], 0, base, self._days, (end - base).days + 1
        weekday = base.weekday()
        for _ in range(n):
            sd = days.get(day)
            total += (sd.kind == WORKDAY) if sd is not None else weekday < 5
            cum.append(total)
            day += _DAY
            weekday = (weekday + 1) % 7
        self._base, self._cum = base, cum

    def working_days(self, a: _dt.date, b: _dt.date) -> int:
        """Working days in (a, b]; negative (those in (b, a]) when ``b`` is before ``a``."""
        if b < a:
            return -self.working_days(b, a)
        self._cover(a, b)
        base = self._base
        return self._cum[(b - base).days] - self._cum[(a - base).days]

    def add_working_days(self, start: _dt.date, n: int) -> _dt.date:
        """The date ``n`` working days after ``start`` (the day after ``start`` is day 1)."""
        if n <= 0:
            return start
        if n > MAX_COUNT:
            raise ValueError("too many working days")
        span = _dt.timedelta(days=n * 2 + 60)
        while True:
            self._cover(start, start + span)
            base, cum = self._base, self._cum
            i = (start - base).days
            target = cum[i] + n
            if cum[-1] >= target:
                return base + _dt.timedelta(bisect.bisect_left(cum, target, lo=i + 1))
            span *= 2

    def next_workday(self, day: _dt.date) -> _dt.date:
        """``day`` itself when worked, else the next working day (a period ending on a day off
        ends on the next working day, 《民法典》第二百零三条)."""
        while not self.is_workday(day):
            day += _DAY
        return day
