"""A paragraph of several sentence-tasks, each closed by its own unit note ("加强政策解读。（区政府办
负责）做好财政信息公开。（区财政局负责）", "一是…。（县编办牵头落实）二是…。"): cut into (text, note) pairs."""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.unit_notes import UnitNote, bracket_keys, find_notes

_SENT_END = "。；;！!？?"


def split_tasks(text: str, places: tuple[str, ...] = ()) -> list[tuple[str, UnitNote | None]]:
    """Cut a paragraph holding several sentence-tasks, each closed by its own note, into (text, note) pairs.

    A paragraph with one task (or none with a note) comes back as one pair with note None: the
    caller reads its trailing note as usual.
    """
    text = bracket_keys(text)
    notes = find_notes(text, places)
    if not notes:
        return [(text, None)]
    parts: list[tuple[str, UnitNote | None]] = []
    pos = 0
    for a, end, note in notes:
        words = _after_ordinal(text[pos:a].lstrip(" ，,。；;").rstrip(" ，,"), first=not parts)
        after = text[end:end + 1]
        if words:
            parts.append((words + (after if after in ("。", "；") and words[-1] not in _SENT_END else ""), note))
        elif parts:  # two notes in a row belong to the same task
            old_text, old = parts[-1]
            parts[-1] = (old_text, _merge(old, note))
        pos = end
    rest = text[pos:].strip(" ，,。；;")
    if rest and len(rest) >= 6:
        parts.append((rest + ("" if text.rstrip()[-1:] not in _SENT_END else text.rstrip()[-1]), None))
    if len(parts) <= 1:
        return [(text, None)]
    return parts


# Sentence-tasks counted in words: "一是加强…。（县编办牵头落实）二是及时…。（县民政局牵头落实）".
_ORDINAL_RE = re.compile(r"(?:^|(?<=[。；;！!？?]))\s*(?:[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]{1,3}[,，、])")


def _after_ordinal(words: str, *, first: bool) -> str:
    """A sentence-task's words without its ordinal ("二是…" → "…"). In the paragraph's first
    task the sentences before "一是" are its lead-in ("为做好…，要求如下。一是…"), not the task."""
    if "是" not in words and "其" not in words:
        return words
    m = _ORDINAL_RE.search(words) if first else _ORDINAL_RE.match(words)
    if m is None or len(words) - m.end() < 4:
        return words
    return words[m.end():]


def _merge(a: UnitNote | None, b: UnitNote) -> UnitNote:
    if a is None:
        return b
    return UnitNote(a.lead + [u for u in b.lead if u not in a.lead],
                    a.responsible + [u for u in b.responsible if u not in a.responsible],
                    a.deadline or b.deadline, a.all_below + b.all_below, a.fragments + b.fragments,
                    f"{a.raw}；{b.raw}")
