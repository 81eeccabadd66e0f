"""Unit lists: split "区发改局、建设局、规划分局", apply the shared locality prefix, read unit notes.

A unit note is the "(牵头单位:X;责任单位:Y)" tail of a task, or a table cell such as
"X牵头，Y配合" / "X、Y分别牵头落实" / "各街道,区政府各部门按职责分别负责落实".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai_desk.core.deadlines import looks_like_deadline

_SEP_RE = re.compile(r"[、,，;；/\s]+")
_TRAIL_ETC_RE = re.compile(r"(等有关单位|等有关部门|等相关单位|等相关部门|等单位|等部门|等)$")
# Endings a unit name (or a group of units) can have.
_UNIT_END_RE = re.compile(
    r"(局|办|委|部|院|会|厅|室|处|科|所|站|队|中心|部门|单位|政府|街道|乡镇|镇|乡|区|县|市|县市区|"
    r"公司|集团|银行|法院|检察院|妇联|工会|团委|馆|台|社|组|指挥部|小组|分局|支队|大队|园区|管委会|"
    r"学校|医院|机构|企业|报社|电视台|旗|州|盟|村|社区|队伍|各地|厂|行|机关|所属单位)\)?$"
)
_GROUP_RE = re.compile(r"^(各|全|有关|相关|其他|其它|市直|区直|县直|省直)|各(有关|相关)?(部门|单位|街道|乡镇)|各县市区$")
# Words that are column-header remnants, never a unit on their own.
BARE_WORDS = {"单位", "部门", "机关", "政府", "牵头", "责任", "配合", "有关", "相关"}
_LOCALITY = ("区", "县", "市", "镇", "乡")
# Words starting with a locality character that are not a locality prefix.
_NOT_PREFIX = ("市场", "区域", "县域", "镇村", "乡村", "市县", "区县")
_NOT_PREFIXABLE = ("各", "全", "有关", "相关", "其他", "中共", "共青团", "国家", "省", "中国", "人民")

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


_BRACKETED_RE = re.compile(r"[〔（(][^〕）)]*[〕）)]")
_NOT_IN_NAME_RE = re.compile(r"[。！？，：:\d]")


@lru_cache(maxsize=4096)
def is_unit_name(name: str) -> bool:
    """Tell whether ``name`` can be a unit or a group of units."""
    n = _BRACKETED_RE.sub("", name)
    if not 2 <= len(n) <= 24 or _NOT_IN_NAME_RE.search(n) or n in BARE_WORDS:
        return False
    return bool(_UNIT_END_RE.search(n))


def is_group(name: str) -> bool:
    """Tell whether a unit name names a group (区各有关部门, 各乡镇人民政府, 市直各部门, 各县市区)."""
    return bool(_GROUP_RE.search(name))


def _locality_prefix(name: str, places: tuple[str, ...]) -> str | None:
    for p in sorted(places, key=len, reverse=True):
        for suffix in _LOCALITY:
            if name.startswith(p + suffix):
                return p + suffix
    if name[:1] in _LOCALITY and not name.startswith(_NOT_PREFIX):
        return name[0]
    return None


def _has_own_prefix(name: str, places: tuple[str, ...]) -> bool:
    if name.startswith(_NOT_PREFIXABLE) or is_group(name):
        return True
    if any(name.startswith(p) for p in places):
        return True
    return name[:1] in _LOCALITY and not name.startswith(_NOT_PREFIX)


def clean_unit(name: str) -> str:
    """Strip spaces, quotes and a trailing 等/等有关单位 from one unit name."""
    name = name.strip(" \t:：“”\"'·.。")
    # Strip a bracket only when it has no partner (a cut note), not "区委宣传部（区网信办）".
    while name[:1] in "(（" and not any(c in name for c in ")）"):
        name = name[1:]
    while name[-1:] in ")）" and not any(c in name for c in "(（"):
        name = name[:-1]
    name = _TRAIL_ETC_RE.sub("", name)
    return name.strip()


def split_units(text: str, places: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Split a unit list; return (units, fragments that are not unit names).

    The locality prefix of the first unit is applied to later units that have none, the way a
    clerk reads "区发改局、建设局" as 区发改局, 区建设局. ``places`` are local place names
    ("钟楼") whose units keep their own name.
    """
    units, fragments = _split_units(text, places)
    return list(units), list(fragments)


@lru_cache(maxsize=4096)  # plans repeat the same unit lists hundreds of times
def _split_units(text: str, places: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    units: list[str] = []
    fragments: list[str] = []
    prefix: str | None = None
    for part in _split_outside_brackets(text):
        name = clean_unit(part)
        if not name:
            continue
        if not is_unit_name(name):
            fragments.append(name)
            continue
        if not units:
            prefix = _locality_prefix(name, places)
        elif prefix and not _has_own_prefix(name, places):
            name = prefix + name
        if name not in units:
            units.append(name)
    return tuple(units), tuple(fragments)


_OPEN, _CLOSE = "（(〔【[", "）)〕】]"


def _split_outside_brackets(text: str) -> list[str]:
    """Split at separators that are not inside brackets: "区委宣传部（区网信办、区融媒体中心）"."""
    if not any(c in text for c in _OPEN):
        return [p for p in _SEP_RE.split(text) if p.strip()]
    parts, buf, depth = [], [], 0
    for ch in text:
        depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        if depth == 0 and _SEP_RE.match(ch):
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p for p in parts if p.strip()]


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
