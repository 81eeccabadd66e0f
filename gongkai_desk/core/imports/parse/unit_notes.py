"""Unit notes: who leads and who carries out a task, as the document writes it.

A unit note is the "(牵头单位:X;责任单位:Y)" tail of a task, or a table cell such as
"X牵头，Y配合" / "X、Y分别牵头落实" / "各街道,区政府各部门按职责分别负责落实".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai_desk.core.deadlines import looks_like_deadline
from gongkai_desk.core.imports.units import BARE_WORDS, is_group, is_unit_name, split_units

# Phrases around unit lists in table cells and notes.
_ROLE_TAIL_RE = re.compile(
    r"(按职责)?(分别|共同|具体)?(牵头|负责|配合|协助|参与)?(具体)?(落实|实施|推进|负责|执行|办理)$"
)
_ALL_BELOW_RE = re.compile(r"以下(均|都|皆)?(需|须|由)?(.+?)(负责)?落实[,，;；]?\s*(不再|不)?逐一列出")
_KEYED_RE = re.compile(
    r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|主办单位|承办单位|"
    r"完成时限|完成期限|完成时间|时间节点|时限)\s*[:：]"
)
_SEMI_RE = re.compile(r"[;；]")
_LEAD_KEYS = ("牵头单位", "牵头部门", "主办单位")
_DEADLINE_KEYS = ("完成时限", "完成期限", "完成时间", "时间节点", "时限")


@dataclass
class UnitNote:
    """Units read from one note or cell."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str | None = None
    all_below: list[str] = field(default_factory=list)  # "以下均需X落实": X joins every later task
    fragments: list[str] = field(default_factory=list)  # pieces that are no unit (remnants)
    raw: str = ""

    @property
    def units(self) -> list[str]:
        return self.lead + [u for u in self.responsible if u not in self.lead]


def _strip_role_tail(text: str) -> tuple[str, str]:
    """Return (units text, role word) for '…分别牵头落实' / '…负责落实'."""
    t = text.strip().rstrip("。.;；,，")
    m = _ROLE_TAIL_RE.search(t)
    if m and m.group(0) and m.start() > 0:
        role = "lead" if "牵头" in m.group(0) else "responsible"
        return t[: m.start()], role
    return t, ""


def parse_unit_text(text: str, places: tuple[str, ...] = ()) -> UnitNote:
    """Read a unit cell or note body into lead/responsible units."""
    n = _parse_unit_text(text, places)
    # The cached note is shared: hand out a copy the caller may change.
    return UnitNote(list(n.lead), list(n.responsible), n.deadline, list(n.all_below), list(n.fragments), n.raw)


@lru_cache(maxsize=4096)  # plans repeat the same notes ("牵头单位：市审批局；责任单位：市直各部门")
def _parse_unit_text(text: str, places: tuple[str, ...]) -> UnitNote:
    note = UnitNote(raw=text)
    t = bracket_keys(text).strip().strip("()（）")
    m = _ALL_BELOW_RE.search(t)
    if m:
        note.all_below, _ = split_units(m.group(3), places)
        t = (t[: m.start()] + t[m.end() :]).strip(" ,，;；")
    if _KEYED_RE.search(t):
        _parse_keyed(t, note, places)
        return note
    # "X牵头，Y配合" / "X牵头、Y负责具体落实"
    m = re.match(r"^(.+?)牵头[,，、;；]?\s*(.+?)(配合|协助|参与|负责)?(具体)?(落实|实施)?$", t)
    if m and m.group(2) and not re.fullmatch(r"(落实|实施|负责)+", m.group(2)):
        note.lead, f1 = split_units(m.group(1), places)
        rest, _ = _strip_role_tail(m.group(2))
        note.responsible, f2 = split_units(rest, places)
        note.fragments = f1 + f2
        return note
    body, role = _strip_role_tail(t)
    units, note.fragments = split_units(body, places)
    if role == "lead":
        note.lead = units
    else:
        note.responsible = units
    return note


def _parse_keyed(t: str, note: UnitNote, places: tuple[str, ...]) -> None:
    marks = list(_KEYED_RE.finditer(t))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(t)
        value = t[m.end() : end].strip(" ;；,，。")
        key = m.group(1)
        if key in _DEADLINE_KEYS:
            note.deadline = value or None
            continue
        # "牵头单位：X；2023年6月底前完成" — a deadline may follow the units without a key.
        parts = _SEMI_RE.split(value)
        dated = [p for p in parts if looks_like_deadline(p.strip(" ,，。"))]
        if dated and not note.deadline:
            note.deadline = dated[0].strip(" ,，。")
            value = "；".join(p for p in parts if p not in dated)
        value, _role = _strip_role_tail(value)
        units, frags = split_units(value, places)
        note.fragments += frags
        if key in _LEAD_KEYS:
            note.lead += [u for u in units if u not in note.lead]
        else:
            note.responsible += [u for u in units if u not in note.responsible]


# A trailing note "(牵头单位:…)" — possibly unclosed when a line was cut.
_TAIL_NOTE_RE = re.compile(r"[（(]([^（()）]*)[)）]?\s*[。.;；]?\s*$")


def split_trailing_note(text: str, places: tuple[str, ...] = ()) -> tuple[str, UnitNote | None]:
    """Split "task text (牵头单位:X;责任单位:Y)" into text and note; None when there is no note.

    A parenthesis that is part of the task text ("(PPP)", "(电话)") is left alone: a note
    must name roles, or say who 负责/落实, or consist only of unit names.
    """
    text = bracket_keys(text)
    m = _TAIL_NOTE_RE.search(text)
    if not m:
        return _split_bare_note(text, places)
    body = m.group(1)
    head = text[: m.start()].rstrip()
    if not head:
        return text, None
    if _KEYED_RE.search(body) or _ALL_BELOW_RE.search(body):
        return head, parse_unit_text(body, places)
    if looks_like_deadline(body.strip(" ,，。")):
        return head, UnitNote(deadline=body.strip(" ,，。"), raw=body)
    stripped, role = _strip_role_tail(body)
    if role or "牵头" in body:
        note = parse_unit_text(body, places)
        if note.units and not note.fragments:
            return head, note
        return text, None
    units, frags = split_units(stripped, places)
    if units and not frags and len(stripped) >= 3:
        return head, UnitNote(responsible=units, raw=body)
    return text, None


# "…。牵头单位：X；责任单位：Y" written after the sentence without brackets.
_BARE_NOTE_RE = re.compile(r"(?:(?<=[。；;！!\s])|^)(牵头单位|牵头部门|责任单位|责任部门|配合单位)\s*[:：]")


def _split_bare_note(text: str, places: tuple[str, ...]) -> tuple[str, UnitNote | None]:
    m = _BARE_NOTE_RE.search(text)
    if not m or m.start() == 0:
        return text, None
    note = parse_unit_text(text[m.start() :], places)
    if not note.units:
        return text, None
    return text[: m.start()].rstrip(), note


def is_unit_line(text: str) -> bool:
    """Tell whether a whole line is only a unit note ("牵头单位：X", "责任单位：Y；完成时限：…")."""
    t = bracket_keys(text).strip().strip("（()）")
    return bool(_KEYED_RE.match(t))


_BRACKET_KEY_RE = re.compile(r"[【\[〔]\s*(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|完成时限|完成时间)\s*[】\]〕]\s*[:：]?")


def bracket_keys(text: str) -> str:
    """Write "【牵头单位】X" the way the rest of the parser reads it: "牵头单位：X"."""
    if "【" not in text and "[" not in text and "〔" not in text:
        return text
    return _BRACKET_KEY_RE.sub(lambda m: m.group(1) + "：", text)
