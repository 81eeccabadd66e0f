"""A unit note that says itself which of its units lead.

"（责任单位：区政府办、区司法局，各乡镇、区直各部门。逗号前的为牵头单位。）", "县发改局、县财政局
（排在第一位的为牵头单位）", "列首位的是牵头部门": the rule is a clause of its own; the list keeps its
one label (or none), and the rule moves the units it points to into the lead — those before the
first comma (or semicolon) of the list, or the first one.
"""

from __future__ import annotations

import re
from typing import Callable

_ROLE_RULE_RE = re.compile(
    r"[,，;；。]?\s*(?:注[:：])?(?:其中)?[,，]?"
    r"(?:(?P<sep>逗号|分号)(?:之)?前(?:面)?|(?:排|列|位列)?(?:在)?(?:第一位?|第一个|首位|最前面?))"
    r"(?:的)?(?:单位|部门)?(?:为|是)(?:牵头|主责)(?:单位|部门)?[。；;]?")
_EMPTY_BRACKETS_RE = re.compile(r"[（(]\s*[)）]")


def split_rule(text: str) -> tuple[str, str | None, bool]:
    """(the note without its rule, the separator the rule names or None, whether there was a rule)."""
    if not ("为" in text or "是" in text) or not ("牵头" in text or "主责" in text):
        return text, None, False
    m = _ROLE_RULE_RE.search(text)
    if m is None:
        return text, None, False
    rest = _EMPTY_BRACKETS_RE.sub("", text[: m.start()] + text[m.end():]).strip(" ,，;；。")
    return rest, m.group("sep"), True


def apply_rule(lead: list[str], responsible: list[str], body: str, sep: str | None,
               units_of: Callable[[str], list[str]]) -> None:
    """Move into ``lead`` the units of ``responsible`` the rule points to (in place); ``body`` is
    the unit list as written, ``units_of`` reads names out of a piece of it."""
    if lead or not responsible:
        return
    if sep:
        cut = re.search("[,，]" if sep == "逗号" else "[;；]", body)
        if not cut:
            return
        first = units_of(body[: cut.start()].strip(" ,，;；、"))
        moved = [u for u in responsible if u in first]
    else:
        moved = responsible[:1]
    if moved and len(moved) < len(responsible):
        lead += moved
        responsible[:] = [u for u in responsible if u not in moved]
