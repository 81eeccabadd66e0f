"""The lead-in before a paragraph's counted sentence-tasks.

    "对公开的重大政策，要分专题进行梳理、汇总。一是加强…的公开力度。（县编办牵头落实）二是…"

The sentences before "一是" introduce the points that follow; when "一是" closes a task of its own
with its own unit note (before any "二是"), they are no part of that task. This holds however the
paragraph was cut: a heading pasted into the middle of it ("…（县编办牵头落实）（二）推进…") leaves
the first piece with one sentence-task only, and its lead-in must not ride along in the task text.
"一是…；二是…。（县民政局牵头落实）" — one note after several points — is one task: nothing is cut.
"""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.unit_notes import bracket_keys, find_notes

_FIRST_RE = re.compile(r"(?<=[。；;！!？?：:])\s*(?=一是|其一[，,、])")
_SECOND_RE = re.compile(r"(?:^|(?<=[。；;！!？?，,]))\s*(?:二是|其二[，,、])")
_ORDINAL_RE = re.compile(r"^\s*(?:一是|其一[，,、])\s*")


def cut_lead_in(text: str, places: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(lead-in, the rest from "一是" on) when the paragraph opens with one, else None."""
    if "一是" not in text and "其一" not in text:
        return None
    t = bracket_keys(text)
    m = _FIRST_RE.search(t)
    if m is None or len(t[: m.start()].strip(" ，,。；;：:")) < 6:
        return None
    notes = find_notes(t, places)
    if any(a < m.start() for a, _end, _note in notes):
        return None  # a note before "一是" closes a task of its own: what precedes is no lead-in
    first = next((a for a, _end, note in notes if a >= m.end() and note.units), None)
    if first is None:
        return None
    second = _SECOND_RE.search(t, m.end())
    if second and second.start() < first:
        return None  # "一是…；二是…。（单位）": the points of one task, lead-in included
    return t[: m.start()].strip(), t[m.end():]


def drop_ordinal(text: str) -> str:
    """"一是加强…" → "加强…" (a counted sentence-task standing alone keeps no ordinal)."""
    m = _ORDINAL_RE.match(text)
    return text[m.end():] if m and len(text) - m.end() >= 4 else text
