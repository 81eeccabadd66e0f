"""Section numbering: recognise 第一部分/第一章/第一节/第一条 and 一、/(一)/1./(1)/① headings and keep
their sequence honest.

Levels nest in the order these styles are conventionally written: 第X部分 (also 编, 篇) above 第X章
above 第X节 above 第X条 above 一、 above (一) above 1. above (1) above ①; the smaller the level, the
outer the heading. A 第X style is ranked by where it first appears (``rank_styles``): above 一、 when
the document opens with it, right below the open heading when it first appears under one
("一、重点任务" / "第一条 …"). The tracker warns when a number repeats (two drafts pasted together) or is
skipped, and infers a number that a damaged line lost ("（？）" from the GBK repair, "（）" or ".做好…"
off a web page) from its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai_desk.core.imports.parse.entries import Entry
from gongkai_desk.core.labels import ORDINAL_WORDS
from gongkai_desk.core.imports.parse.numerals import NUMERAL_CHARS, chinese_text, chinese_value, number_value
from gongkai_desk.core.imports.parse.parsed import ParseWarning

_CN = NUMERAL_CHARS
# The 第X styles, outermost first: a level each, above 一、 (level 1).
ORDINAL_LEVELS = {"部分": -3, "编": -3, "篇": -3, "章": -2, "节": -1, "条": 0}
CONTAINER_LEVELS = frozenset({-3, -2, -1})  # 部分, 章, 节: they hold items; their own prose is no task
_ORDINAL_RE = re.compile(rf"^第\s*([{_CN}]+|\d{{1,4}})\s*(部分|编|篇|章|节|条)(?:\s*[、.．:：]\s*|\s+|$|(?=[\u4e00-\u9fff“《（(]))(.*)$")
_HEADING_RES = (
    (1, re.compile(rf"^([{_CN}]+)\s*[、.．]\s*(.*)$")),
    # "（）深入解读…": a page that lost the numeral inside the brackets still numbers the item
    (2, re.compile(rf"^[（(]\s*([{_CN}]+|？|\?|)\s*[)）]\s*[、.．]?\s*(\S.*)$")),
    # "2.2011年底前建立…": an item's number may run into a year (never into a decimal's digits).
    (3, re.compile(r"^(\d{1,6})\s*[、.．](?![.．])(?!(?!(?:19|20)\d{2}年)\d)\s*(.*)$")),
    (4, re.compile(r"^[（(]\s*(\d{1,4})\s*[)）]\s*[、.．]?\s*(.*)$")),
    (4, re.compile(r"^(\d{1,4})\s*[)）](?!\d)\s*(\S.*)$")),  # "1）做好…"
    (5, re.compile(r"^([\u2460-\u2473])\s*[、.．]?\s*(\S.*)$")),  # "①公开…"
)


def match_heading(text: str) -> tuple[int, str, str] | None:
    """Return (level, bare number, rest) for a numbered line, or None."""
    m = _ORDINAL_RE.match(text.strip())
    if m and number_value(m.group(1)) is not None:
        return ORDINAL_LEVELS[m.group(2)], m.group(1), m.group(3).strip()
    for level, rx in _HEADING_RES:
        m = rx.match(text.strip())
        if m and (level != 1 or chinese_value(m.group(1)) is not None):
            number = str(ord(m.group(1)) - 0x245F) if level == 5 else m.group(1)
            return level, number, m.group(2).strip()
    return None


_MARK_RE = re.compile(rf"^(?:[（(]\s*(?:[{_CN}]+|\d{{1,4}}|？|\?|)\s*[)）]|(?:[{_CN}]+|\d{{1,6}})\s*([、.．)）]))")
_MARKS = {"、": "、", ".": ".", "．": ".", ")": ")", "）": ")"}
# A line that opens with a numbering style's punctuation whose numeral was lost copying off a web page:
# ".加强政策解读。", "、推进执行公开", "）做好…" (never ".5万元", "……", "、、").
_LOST_RE = re.compile(r"^([、.．)）])\s*(?=[\u4e00-\u9fff“《])(.+)$")
# The levels a lost numeral's punctuation can stand for.
_LOST_LEVELS = {"、": (1, 3), ".": (1, 3), ")": (4,), "()": (2, 4)}


def heading_mark(text: str) -> str | None:
    """The punctuation of a numbered line ("、" for 一、 and 1、, "." for 1. and 1．, ")" for 1）, "()" for (一), (1))."""
    m = _MARK_RE.match(text.strip())
    if not m:
        return None
    return _MARKS[m.group(1)] if m.group(1) else "()"


def resolve_lost_numerals(entries: list[Entry], is_cut: Callable[[str], bool] = lambda _t: False) -> None:
    """Make lines whose numeral was lost ("（）…", ".…", "、…", "）…") items of the style expected there.

    The style is that of the nearest numbered line with the same punctuation before it, else after
    it, else of the lost line before it with that punctuation, else the first style of that
    punctuation deeper than the heading above. Its number is left empty for the tracker to infer from
    the siblings, with a warning. A line with nothing numbered above or beside it stays text, and
    so does one continuing a line cut mid-sentence (``is_cut``: "…县财政局" / "、县审计局负责）").
    """
    def numbered(o: Entry) -> str | None:  # the mark of a numbered line that a lost numeral may follow
        return o.mark if o.kind == "heading" and o.number and o.mark in _LOST_LEVELS \
            and o.level in _LOST_LEVELS[o.mark] else None

    after: list[dict[str, int]] = [{}] * len(entries)  # mark → level of the nearest numbered line after k
    seen: dict[str, int] = {}
    for k in range(len(entries) - 1, -1, -1):
        after[k] = seen
        if (mark := numbered(entries[k])) is not None:
            seen = {**seen, mark: entries[k].level}
    before: dict[str, int] = {}  # mark → level of the nearest numbered line before k
    above: Entry | None = None  # the last heading before k, lost numerals resolved

    def level_for(k: int, mark: str) -> int | None:
        if mark in before or mark in after[k]:
            return before.get(mark, after[k].get(mark))
        if above is None:
            return None
        if above.number == "" and above.mark == mark:
            return above.level  # the lost line before, in the same style
        return next((lv for lv in _LOST_LEVELS[mark] if lv > above.level), None)

    for k, e in enumerate(entries):
        if e.kind == "heading" and e.number == "" and e.mark == "()":  # "（）…": (一) or (1), as around it
            e.level = before.get("()", after[k].get("()", e.level))
        elif e.kind == "para" and not (k and is_cut(entries[k - 1].text)) and (m := _LOST_RE.match(e.text.strip())):
            mark = _MARKS[m.group(1)]
            if (level := level_for(k, mark)) is not None:
                e = entries[k] = Entry("heading", e.line, level, "", m.group(2).strip(), srcs=e.srcs, mark=mark)
        if (mark := numbered(e)) is not None:
            before[mark] = e.level
        if e.kind == "heading":
            above = e


def rank_styles(entries: list[Entry], starts_anew: Callable[[Entry], bool] = lambda _e: False) -> dict[int, float]:
    """How deep each 第X style nests in this document, by where it first appears: {level: rank}.

    A 第X style first met with no enumerator heading open (the document opens with 第一部分, or a
    附件 starts anew: ``starts_anew``) keeps its place above 一、; one first met under an open
    heading ("一、重点任务" / "第一条 …") nests right below the innermost open heading it may stand
    in. The enumerators keep their order (rank = level).
    """
    ranks: dict[int, float] = {}
    stack: list[tuple[int, float]] = []  # (level, rank) of the open headings
    for e in entries:
        if starts_anew(e):
            stack = []
        if e.kind != "heading":
            continue
        if e.level in ORDINAL_WORDS and e.level not in ranks:
            # The innermost open heading this style may stand in: an enumerator or an outer 第X style.
            k = next((k for k in range(len(stack) - 1, -1, -1)
                      if stack[k][0] not in ORDINAL_WORDS or stack[k][0] < e.level), None)
            if k is None or not any(lv not in ORDINAL_WORDS for lv, _r in stack[: k + 1]):
                ranks[e.level] = e.level
            else:
                anchor = stack[k][1]
                below = min([r for _lv, r in stack[k + 1:]] + [float(int(anchor) + 1)])
                ranks[e.level] = (anchor + below) / 2
        r = ranks.get(e.level, e.level)
        while stack and stack[-1][1] >= r:
            stack.pop()
        stack.append((e.level, r))
    return ranks


def number_text(value: int, level: int) -> str:
    """Write a section number the way its level does ("十二" for levels up to 2, "12" for 3–5)."""
    return str(value) if level >= 3 else chinese_text(value)


@dataclass
class _Seen:
    last: int | None = None
    values: set[int] = field(default_factory=set)


class NumberTracker:
    """Follow the numbers at each level; warn on repeats and gaps, infer lost numbers.

    Numbering may restart under each parent (002) or run on across parents (004: (一)…(十七)),
    so the number expected next is one more than the last sibling, or than the last number seen
    at that level when the parent has no child yet, or 1.
    """

    def __init__(self, warnings: list[ParseWarning]) -> None:
        self.warnings = warnings
        self.by_parent: dict[tuple, _Seen] = {}
        self.last_at_level: dict[int, int] = {}

    def check(self, level: int, number: str, parent: tuple, line: int, *, damaged: bool, title: str) -> str:
        """Return the number to use for a heading, after checking it against its siblings."""
        seen = self.by_parent.setdefault((*parent, level), _Seen())  # each style counts on its own
        value = number_value(number)
        if seen.last is not None:
            expected = seen.last + 1
        else:
            # A first child restarts at 1 or runs on from the last number at its level; a lost number
            # (value None) is taken to restart, as most plans number within each parent.
            expected = 1 if value in (1, None) else self.last_at_level.get(level, 0) + 1
        # A repaired line may decode to a plausible but wrong number ("十" for "十二").
        if value is None or (damaged and value != expected and expected not in seen.values):
            state = "缺少数字（可能复制网页时丢失）" if not number else "已损坏"
            number, value = number_text(expected, level), expected
            self.warnings.append(ParseWarning(
                line, "heading_number_inferred",
                f"第{line}行“{title[:20]}”的序号{state}，已按前后顺序推定为“{number}”，请核对。"))
        if value in seen.values:
            self.warnings.append(ParseWarning(
                line, "duplicate_section",
                f"第{line}行的序号“{number}”在同一层级中重复出现，可能粘贴了两份稿件，请核对。"))
        elif value > expected:
            if value - expected <= 5:
                missing = "、".join(number_text(v, level) for v in range(expected, value))
            else:
                missing = f"{number_text(expected, level)}”至“{number_text(value - 1, level)}"
            self.warnings.append(ParseWarning(
                line, "missing_section", f"第{line}行之前缺少序号“{missing}”，请核对是否漏了内容。"))
        seen.values.add(value)
        seen.last = value
        self.last_at_level[level] = value
        return number
