"""Split a section's stored text into sentences with their character ranges.

Findings about the text point to a sentence by its range in the text exactly as stored (and as
the window's editor holds it), so clicking a finding can select that sentence.
"""

from __future__ import annotations

import re
from typing import Iterator

from gongkai_desk.core.annual.findings import Sentence

# A sentence ends at 。！？； or a line break; closing quotes/brackets stay with it.
_SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’）」』]*)?")


def sentences(section: str, text: str) -> Iterator[Sentence]:
    """Yield the sentences of ``text`` (stripped of surrounding blanks) with their ranges."""
    for m in _SENTENCE_RE.finditer(text or ""):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            start = m.start() + lead
            yield Sentence(section, start, start + len(body), body)


def sentence_at(section: str, text: str, pos: int) -> Sentence:
    """Return the sentence of ``text`` containing character ``pos``."""
    found = None
    for s in sentences(section, text):
        if s.start <= pos < s.end:
            return s
        if s.start > pos:
            break
        found = s
    if found is not None:
        return found
    return Sentence(section, 0, len(text or ""), (text or "").strip())


def lines_with_ranges(text: str) -> Iterator[tuple[int, str]]:
    """Yield (start offset, line) for each line of ``text``."""
    pos = 0
    for line in (text or "").split("\n"):
        yield pos, line
        pos += len(line) + 1
