"""Units named as the subject of the task's own sentence ("县政府办负责做好政府网站集约化建设",
"各乡镇要及时更新村务公开栏", "由区数据局牵头推进数据开放"): taken as the task's units when no note,
column or rule gave it any.

Only a subject closed by a role word counts: 牵头 (the lead), 负责/具体负责/会同 (会同: the subject
leads the others named after it, read here as the lead), or 要/须/应/需 after a group (各乡镇) or a
name with an office's ending (局, 办, 委, 政府, 中心…) — "区政府网站要…" names a website, not a unit.
The sentence stays as written: the unit columns just show who it names.
"""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.parsed import ParsedPlan
from gongkai_desk.core.imports.units import is_group, split_units

_SUBJECT_RE = re.compile(r"^(?:由)?(?P<u>[^，,；;。：:（(“”\"\s]{2,40}?)(?P<v>牵头负责|具体负责|负责|牵头|会同|要|须|应|需)")
_OFFICE_END_RE = re.compile(r"(局|办|委|政府|中心|部门|单位|街道|乡镇|镇|乡|办事处|管委会)$")
_LEAD_VERBS = ("牵头负责", "牵头", "会同")
_ROLE_VERBS = _LEAD_VERBS + ("具体负责", "负责")


def subject_units(text: str, places: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(lead, responsible) named as the sentence's subject, or two empty lists."""
    m = _SUBJECT_RE.match(text or "")
    if not m:
        return [], []
    units, fragments = split_units(m.group("u"), places)
    if not units or fragments:
        return [], []
    verb = m.group("v")
    if verb not in _ROLE_VERBS and not all(is_group(u) or _OFFICE_END_RE.search(u) for u in units):
        return [], []
    return (units, []) if verb in _LEAD_VERBS else ([], units)


def units_from_subject(plan: ParsedPlan, places: tuple[str, ...] = ()) -> None:
    """Give each task without units the ones its sentence names as its subject."""
    for task in plan.tasks:
        if not task.lead_units and not task.responsible_units:
            task.lead_units, task.responsible_units = subject_units(task.text, places)
