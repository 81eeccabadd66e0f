"""A deadline written inside the task's own sentence ("在2020年9月30日前编制完成", "于6月底前公开"):
taken as the task's deadline when no note or column gave one.

Only a dated phrase closed by 前/以前/之前 (a day, a month's end or the year's end) counts, and only
one: a sentence naming two dates, or a date after 已/截至 (what was done, not what is due), is left
for the clerk. The phrase stays in the text; the deadline column just shows it.
"""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.parsed import ParsedPlan

_NUM = r"[0-9０-９一二三四五六七八九十〇零]{1,4}"
_DUE = re.compile(
    rf"(?<![已截])(?:于|在|到|至|须|需|要|必须|务必)?\s*"
    rf"((?:{_NUM}\s*年\s*)?(?:{_NUM}\s*月\s*(?:{_NUM}\s*[日号]|底|末)|年底|年末)\s*(?:以前|之前|前)"
    rf"|{_NUM}\s*年\s*(?:底|末)\s*(?:以前|之前|前))")  # "2021年底前": the year's end of a year named


def deadline_in_text(text: str) -> str | None:
    """The one due-date phrase of a sentence, or None."""
    found = [m.group(1) for m in _DUE.finditer(text or "")]
    if len(found) != 1:
        return None
    start = (text or "").find(found[0])
    if re.search(r"(已|截至|截止|截止到)(于|在|到|至)?\s*$", (text or "")[max(0, start - 6): start]):
        return None
    return re.sub(r"\s+", "", found[0])


def deadlines_from_text(plan: ParsedPlan) -> None:
    """Give each task without a deadline the one its sentence states."""
    for task in plan.tasks:
        if not task.deadline:
            task.deadline = deadline_in_text(task.text)
