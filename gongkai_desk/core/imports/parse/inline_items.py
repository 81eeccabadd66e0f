"""Numbered items that start inside a line: a copy that lost its line breaks ("…要点 一、…",
"…。（二）…", a whole document pasted as one line), or its line breaks and its full stops
("…负责落实2.做好…"). The builder reads each piece as a line of its own."""

from __future__ import annotations

import re

# A numbered item starting inside a line: after a space, a sentence end or a closed note ("…要点 一、…",
# "…。（二）…", "…区营商办)（三）…"); a whole document pasted as one line is read item by item.
_INLINE_ITEM_RE = re.compile(r"(?:(?<=\s)|(?<=[。；;！!？?)）]))\s*(?=(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
                             r"|\d{1,3}[.．、](?![.．])(?!(?!(?:19|20)\d{2}年)\d)|[（(]\d{1,3}[)）])\S)")


def inline_items(text: str) -> list[str]:
    """The items of ``text`` (one piece when it holds one)."""
    if len(text) < 40:
        return [text]
    cuts = [m.start() for m in _INLINE_ITEM_RE.finditer(text) if m.start() > 0]
    pieces, pos = [], 0
    for c in cuts:
        pieces.append(text[pos:c].strip())
        pos = c
    pieces.append(text[pos:].strip())
    return [q for p in pieces if p for q in _glued_items(p)]


_LEAD_NUMBER_RE = re.compile(r"(\d{1,3})([.．、])(?![.．])(?!(?!(?:19|20)\d{2}年)\d)")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}年")  # "…目录2.2011年底前建立…": an item's number before a year


def _glued_items(text: str) -> list[str]:
    """"1.加强政策解读…负责落实2.做好财政信息公开…": the next item's number glued to the words before
    it (a copy that lost the line breaks and the full stops). Only the next numbers in turn, in the
    item's own style, between Chinese words count: "2.0版", "第2.1节" and a number out of turn stay."""
    m = _LEAD_NUMBER_RE.match(text)
    if not m or len(text) < 20:
        return [text]
    n, mark, pos, cuts = int(m.group(1)), m.group(2), m.end(), []
    while True:
        label = f"{n + 1}{mark}"
        i = text.find(label, pos)
        if i < 0:
            break
        before, after = text[i - 1], text[i + len(label): i + len(label) + 1]
        if _is_cjk(before) and (_is_cjk(after) or _YEAR_RE.match(text, i + len(label))):
            cuts.append(i)
            n += 1
        pos = i + len(label)
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"
