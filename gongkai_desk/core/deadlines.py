"""Read a deadline phrase (年底前, 6月底前, 持续推进, 2020年6月30日前, 每季度 …) into a Deadline."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from functools import lru_cache

from gongkai_desk.core.model import Deadline, DeadlineKind

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}


def _cn_number(s: str) -> int | None:
    """Return the value of a small number written in digits or Chinese numerals (1–99)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGITS and c != "十" for c in s):
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, 0) if tens else 1
        return t * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    if len(s) == 4:  # a year in numerals: 二〇二二
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    return _CN_DIGITS.get(s) if len(s) == 1 else None


_NUM = r"[0-9〇零一二两三四五六七八九十]{1,4}"
_CONTINUOUS_RE = re.compile(r"持续|长期|常态化|全年|经常性|常年|贯穿全年|及时|随时")
_CONTINUOUS_CELL_RE = re.compile(
    r"^(持续|长期|常态化|全年|经常性|常年|及时|随时)(推进|坚持|开展|实施|落实|完成|进行|办理)?(工作)?$")
_RECURRING_RE = re.compile(r"每(年|半年|季度?|月|周|旬|日|天)|定期|按季|按月|逐月|逐季")
_RELATIVE_RE = re.compile(rf"{_NUM}\s*个?(工作日|自然日|日|天|小时|周|个月)内")
_FULL_DATE_RE = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*[日号]")
_MONTH_DAY_RE = re.compile(rf"(?<![0-9年])({_NUM})\s*月\s*({_NUM})\s*[日号]")
_DAMAGED_DATE_RE = re.compile(r"(20\d{2})(\d{2,4})\s*[日号]")
_MONTH_RE = re.compile(rf"(?:({_NUM})\s*年\s*)?({_NUM})\s*月\s*(底|末|上旬|中旬|下旬|前|份|内)?")
_QUARTER_RE = re.compile(r"(?:第)?([一二三四1-4])\s*季度")
_HALF_RE = re.compile(r"(上|下)半年")
_YEAR_END_RE = re.compile(rf"(?:({_NUM})\s*年\s*)?(年底|年末|年内|年终|底前|末前|年前|全年完成)")
_YEAR_ONLY_RE = re.compile(r"^(20\d{2})\s*年\s*(完成|前|内)?$")


def _last_day(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(explicit: str | None, year: int | None) -> int | None:
    if explicit:
        y = _cn_number(explicit)
        if y is not None and y < 100:
            y += 2000
        return y
    return year


def _safe_date(y: int | None, m: int, d: int) -> _dt.date | None:
    if y is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _damaged_date(digits: str, year: int) -> _dt.date | None:
    """Read '630' of a damaged '2020630日' as 6-30 (month then day), if exactly one reading fits."""
    found = []
    for cut in range(1, len(digits)):
        m, d = int(digits[:cut]), int(digits[cut:])
        if 1 <= m <= 12 and 1 <= d <= 31 and not digits[cut:].startswith("0") or (
            1 <= m <= 12 and digits[cut:].startswith("0") and 1 <= d <= 9 and len(digits[cut:]) == 2
        ):
            dt = _safe_date(year, m, d)
            if dt:
                found.append(dt)
    return found[0] if len(found) == 1 else None


def parse_deadline(phrase: str | None, year: int | None) -> Deadline:
    """Return the Deadline a phrase describes; ``year`` is the plan year for phrases without one."""
    if phrase is None or not phrase.strip():
        return Deadline(None)
    p = phrase.strip()
    t = re.sub(r"\s+", "", p)
    m = _FULL_DATE_RE.search(t)
    if m:
        y = _year(m.group(1), year)
        mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
        dt = _safe_date(y, mo, d) if mo and d else None
        return Deadline(p, DeadlineKind.DATE, dt)
    m = _MONTH_DAY_RE.search(t)
    if m:
        mo, d = _cn_number(m.group(1)), _cn_number(m.group(2))
        dt = _safe_date(year, mo, d) if mo and d else None
        return Deadline(p, DeadlineKind.DATE, dt)
    m = _DAMAGED_DATE_RE.search(t)
    if m:
        dt = _damaged_date(m.group(2), int(m.group(1)))
        if dt:
            return Deadline(p, DeadlineKind.DATE, dt)
    m = _RELATIVE_RE.search(t)
    if m:
        return Deadline(p, DeadlineKind.RELATIVE, None)
    if _RECURRING_RE.search(t):
        return Deadline(p, DeadlineKind.RECURRING, None)
    m = _HALF_RE.search(t)
    if m:
        y = _year(_explicit_year(t), year)
        month = 6 if m.group(1) == "上" else 12
        return Deadline(p, DeadlineKind.PERIOD_END, _last_day(y, month) if y else None)
    m = _QUARTER_RE.search(t)
    if m:
        q = _cn_number(m.group(1)) or 4
        y = _year(_explicit_year(t), year)
        return Deadline(p, DeadlineKind.PERIOD_END, _last_day(y, q * 3) if y else None)
    m = _MONTH_RE.search(t)
    if m and _cn_number(m.group(2)) and 1 <= (_cn_number(m.group(2)) or 0) <= 12:
        y = _year(m.group(1), year)
        mo = _cn_number(m.group(2)) or 12
        part = m.group(3) or ""
        if y is None:
            dt = None
        elif part == "上旬":
            dt = _dt.date(y, mo, 10)
        elif part == "中旬":
            dt = _dt.date(y, mo, 20)
        else:
            dt = _last_day(y, mo)
        return Deadline(p, DeadlineKind.PERIOD_END, dt)
    m = _YEAR_END_RE.search(t)
    if m:
        y = _year(m.group(1), year)
        return Deadline(p, DeadlineKind.PERIOD_END, _last_day(y, 12) if y else None)
    m = _YEAR_ONLY_RE.match(t)
    if m:
        return Deadline(p, DeadlineKind.PERIOD_END, _last_day(int(m.group(1)), 12))
    if _CONTINUOUS_RE.search(t):
        return Deadline(p, DeadlineKind.CONTINUOUS, None)
    return Deadline(p)


def _explicit_year(t: str) -> str | None:
    m = re.search(r"(20\d{2})\s*年", t)
    return m.group(1) if m else None


@lru_cache(maxsize=4096)
def looks_like_deadline(text: str) -> bool:
    """Tell whether a short cell is a deadline phrase (for reading table columns)."""
    t = re.sub(r"\s+", "", text)
    if not 0 < len(t) <= 20:
        return False
    kind = parse_deadline(t, 2000).kind
    if kind is DeadlineKind.CONTINUOUS:
        # "持续深化重点领域政务公开" is a title, not a deadline: only the set phrases count.
        return bool(_CONTINUOUS_CELL_RE.match(t))
    return kind is not None
