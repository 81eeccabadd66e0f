"""Chinese numerals of any size, both ways: 一百零五 ↔ 105, 十二 ↔ 12, 一万零一 ↔ 10001.

Section numbers, Word's chineseCounting list labels and task numbers all go through here, so a
plan with a hundred items at one level (一百、) reads and writes like one with ten.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
                                                 "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(_VALUE) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
_MAX_LEN = 40  # longer runs of numeral characters are words, not numbers


def chinese_value(text: str) -> int | None:
    """Return the value of a Chinese numeral ("十二" → 12, "一百零五" → 105, "二〇二二" → 2022), or None."""
    s = text.strip()
    if not s or len(s) > _MAX_LEN or any(c not in NUMERAL_CHARS for c in s):
        return None
    if not any(c in _SMALL_UNITS or c in _BIG_UNITS for c in s):
        # Digit by digit: "二〇二二"; a single digit is its value.
        value = 0
        for c in s:
            value = value * 10 + _VALUE[c]
        return value
    done = wan = section = number = 0  # completed 亿 groups, the 万 group, below 万, the last digit
    for c in s:
        if c in _VALUE:
            number = _VALUE[c]
        elif c in _SMALL_UNITS:
            unit = _SMALL_UNITS[c]
            if not number and not (unit == 10 and not section):
                return None  # "百" without its digit ("十" alone is ten)
            section += (number or 1) * unit
            number = 0
        elif not (section or number):
            return None  # "万" or "亿" without a count
        elif c == "万":
            wan = (section + number) * 10_000
            section = number = 0
        else:  # 亿
            done = (done + wan + section + number) * 100_000_000
            wan = section = number = 0
    return done + wan + section + number


def chinese_text(n: int) -> str:
    """Write ``n`` in Chinese numerals the way documents count: 12 → 十二, 105 → 一百零五, 20000 → 二万."""
    if n < 0:
        return "负" + chinese_text(-n)
    return _format(n, leading=True) if n else DIGITS[0]


def _format(n: int, *, leading: bool) -> str:
    """``n`` > 0; ``leading``: the number opens the text, so 10–19 are written 十, 十一 … (not 一十)."""
    for big, name in ((100_000_000, "亿"), (10_000, "万")):
        if n >= big:
            high, low = divmod(n, big)
            rest = ("零" if low < big // 10 else "") + _format(low, leading=False) if low else ""
            return _format(high, leading=leading) + name + rest
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, size)
        if digit:
            if zero and out:
                out += "零"
            if not (leading and not out and unit == "十" and digit == 1):
                out += DIGITS[digit]
            out += unit
            zero = False
        elif out:
            zero = True
    return out


def number_value(num: str | None) -> int | None:
    """Return the value of a bare section number in digits or Chinese ("十二" → 12, "3" → 3)."""
    if not num:
        return None
    if num.isdigit():
        return int(num)
    return chinese_value(num)
