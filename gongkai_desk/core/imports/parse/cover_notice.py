"""The cover notice's own requirements: "…现将《X》印发给你们，并提出如下要求：一、提高政治站位…".

A plan usually reaches the clerk inside the notice that issues it (印发). When that notice says it
adds requirements of its own ("并提出如下工作要求", "并就有关事项通知如下", "并提出如下意见"), the
numbered items that follow are what it asks of the units (加强组织领导, 强化审核把关…), not the tasks of
the plan, which is the attachment. They run until the notice ends: its signature or the plan's title
(lines the metadata took), an 附件 line, a table, or numbering that starts again at 一 (the plan's own).
Items that carry unit notes of their own are tasks after all: then nothing is set apart.
"""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.entries import Entry
from gongkai_desk.core.imports.parse.unit_notes import find_notes

_COVER_RE = re.compile(r"印发给?你们.{0,40}?(?:如下|以下)")
_FIRST = ("一", "1")
_LOOK = 80  # a cover notice stands at the top of the document


def notice_items(entries: list[Entry], used_lines: set[int], places: tuple[str, ...] = ()) -> set[int]:
    """Indexes of the entries that are the cover notice's own numbered requirements."""
    start = next((k for k, e in enumerate(entries[:_LOOK])
                  if e.kind == "para" and _COVER_RE.search(re.sub(r"\s+", "", e.text))), None)
    if start is None:
        return set()
    cover = entries[start].line
    end_line = min((n for n in used_lines if n > cover), default=None)
    out: list[int] = []
    levels: set[int] = set()
    for k in range(start + 1, len(entries)):
        e = entries[k]
        if e.kind in ("row", "table") or (end_line is not None and e.line > end_line):
            break
        if e.kind == "para" and e.text.startswith("附件"):
            break
        if e.kind == "heading":
            if e.level in levels and e.number in _FIRST:
                break  # numbering starts again: the plan itself
            levels.add(e.level)
        if out or e.kind == "heading":  # the words between the notice's sentence and its first item stay as they are
            out.append(k)
    if not levels or any(note.units for k in out for _a, _b, note in find_notes(entries[k].text, places)):
        return set()
    return set(out)
