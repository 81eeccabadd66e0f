"""Unit notes: who leads and who carries out a task, as the document writes it — one grammar.

A note is a body of clauses, each a unit list with a role:

    labelled     "牵头单位：X；责任单位：Y、Z", "【责任科室】办公室", "配合部门:A,B；完成时限：6月底前"
                 (any of 牵头/主责/主办 → lead; 责任/配合/协办/协助/参与/实施/落实/承办/负责 → responsible;
                 followed by 单位/部门/科室/股室/处室/机构/主体/机关/科/股)
    verb-marked  "X牵头，Y配合", "X、Y分别负责落实", "由X负责", "各街道,区政府各部门按职责分别负责落实"
    plain        "X、Y" (a bracketed list of unit names only: responsible)

Where a note stands in the text: in any bracket pair, full- or half-width, mixed (“（…)”) or left
unclosed at the end; before or after the sentence's 。; between sentence-tasks of one paragraph
("…规划信息。(市规划国土委负责落实)推进…"); after the sentence without brackets ("…。牵头单位：X");
on its own line below the item (``is_unit_line``). A bracket that is part of the task's own words
("(试行)", "(或县政府办)名义", "(政策文件需添加咨询方式)") is no note: a note stands at a sentence
boundary and its body must read as units with roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai_desk.core.deadlines import looks_like_deadline
from gongkai_desk.core.imports.parse.role_rule import apply_rule, split_rule
from gongkai_desk.core.imports.units import split_units

_ROLE = r"(?:具体)?(?:牵头|主责|主办|责任|配合|协办|协助|参与|实施|落实|承办|负责|协同|主要)"
_UNIT_WORD = r"(?:单位|部门|科室|股室|处室|机构|主体|机关|科|股|处)"
_DEADLINE_KEY = r"(?:完成时限|完成期限|完成时间|时间节点|时限要求|时间要求|时限)"
_KEYED_RE = re.compile(rf"((?:{_ROLE}){_UNIT_WORD}(?:和人员)?|{_DEADLINE_KEY})\s*[:：]")
_LEAD_KEY_RE = re.compile(r"^(?:具体)?(牵头|主责|主办)")
# A role phrase closing a unit list: "牵头", "配合", "分别负责落实", "按职责分工负责", "牵头落实".
_VERB_RE = re.compile(
    r"(?:按(?:照)?(?:各自)?职责(?:分工)?)?(?:分别|共同|具体|协同)?"
    r"(?:(牵头)(?:负责)?(?:落实|实施|推进)?|(?:负责|配合|协助|参与|协办)(?:具体)?(?:落实|实施|推进|执行|办理)?"
    r"|(?:落实|实施|推进|执行|办理))"
    r"(?=$|[,，、;；。\s）)])")
_ALL_BELOW_RE = re.compile(r"以下(均|都|皆)?(需|须|由)?(.+?)(负责)?落实[,，;；]?\s*(不再|不)?逐一列出")
_CLAUSE_SEP_RE = re.compile(r"[;；。]")
_OPEN, _CLOSE = "（(〔【[", "）)〕】]"
_BRACKET_RE = re.compile(r"[（(〔【\[）)〕】\]]")
_SENT_END = "。；;！!？?"

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


_BRACKET_KEY_RE = re.compile(rf"[【\[〔]\s*((?:{_ROLE}){_UNIT_WORD}|{_DEADLINE_KEY})\s*[】\]〕]\s*[:：]?")


def bracket_keys(text: str) -> str:
    """Write "【牵头单位】X" the way the rest of the parser reads it: "牵头单位：X"."""
    if "【" not in text and "[" not in text and "〔" not in text:
        return text
    return _BRACKET_KEY_RE.sub(lambda m: m.group(1) + "：", text)


def strip_brackets(text: str) -> str:
    """Take off the brackets around a whole note and any that have no partner at the ends
    ("（X）" → "X", "（X" → "X"), keeping those inside names ("市府办〔市大数据局〕")."""
    t = text.strip()
    for _round in range(6):  # a few layers at most: every round costs a pass over the text
        if not t:
            break
        spans = _brackets(t)
        if t[0] in _OPEN and spans and spans[0][0] == 0 and spans[0][2] >= len(t.rstrip()):
            t = t[1: spans[0][1]].strip()  # a pair around everything (or an unclosed one to the end)
            continue
        if t[-1] in _CLOSE and not any(b == len(t) - 1 for _a, b, _e in spans):
            t = t[:-1].rstrip()  # a closing bracket without its opening one
            continue
        break
    return t


def parse_unit_text(text: str, places: tuple[str, ...] = ()) -> UnitNote:
    """Read a unit cell or note body into lead/responsible units."""
    n = _parse(text, places)
    # The cached note is shared: hand out a copy the caller may change.
    return UnitNote(list(n.lead), list(n.responsible), n.deadline, list(n.all_below), list(n.fragments), n.raw)


@lru_cache(maxsize=4096)  # plans repeat the same notes ("牵头单位：市审批局；责任单位：市直各部门")
def _parse(text: str, places: tuple[str, ...]) -> UnitNote:
    note = UnitNote(raw=text)
    t = strip_brackets(bracket_keys(text))
    t, sep, ruled = split_rule(t)
    _parse_body(t, note, places)
    if ruled:  # "逗号前的为牵头单位": the note names its lead units itself (role_rule.py)
        body = _KEYED_RE.split(t)[-1]
        apply_rule(note.lead, note.responsible, body, sep, lambda x: split_units(x, places)[0])
    return note


def _parse_body(t: str, note: UnitNote, places: tuple[str, ...]) -> None:
    m = _ALL_BELOW_RE.search(t)
    if m:
        note.all_below, _ = split_units(m.group(3), places)
        t = (t[: m.start()] + t[m.end():]).strip(" ,，;；")
    marks = list(_KEYED_RE.finditer(t))
    if marks:
        if marks[0].start() and t[: marks[0].start()].strip(" ,，;；。"):
            _verb_clauses(t[: marks[0].start()], note, places)  # words before the first label
        for k, mk in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(t)
            _labelled(mk.group(1), t[mk.end(): end], note, places)
        return
    _verb_clauses(t, note, places)


def _labelled(key: str, value: str, note: UnitNote, places: tuple[str, ...]) -> None:
    value = value.strip(" ;；,，。")
    if re.fullmatch(_DEADLINE_KEY, key):
        note.deadline = note.deadline or value or None
        return
    lead = bool(_LEAD_KEY_RE.match(key))
    sub = UnitNote()
    # "牵头单位：X；2023年6月底前完成", "责任单位：区财政局，2026年3月底前": a deadline may follow the
    # units without a label (``_verb_clauses`` takes it out of the units).
    _verb_clauses(value, sub, places, labelled=True)
    note.deadline = note.deadline or sub.deadline
    units = sub.units
    note.fragments += sub.fragments
    target = note.lead if lead else note.responsible
    target += [u for u in units if u not in target]
    if not lead:  # "责任单位：X牵头，Y配合": the verbs inside a slot still say who leads
        note.lead += [u for u in sub.lead if u not in note.lead and sub.responsible]
        for u in sub.lead:
            if sub.responsible and u in note.responsible:
                note.responsible.remove(u)


# "区司法局牵头区级规范性文件公开工作", "各成员单位负责做好本单位…工作": units, a role, the work they take.
_WORK_RE = re.compile(r"^(?P<u>[^，,；;。]{2,30}?)(?:具体|分别|共同)?(?P<v>牵头|负责做好|负责|配合)(?P<o>[^，,；;。]{2,60}?工作)$")
# "区政府办（牵头）、区财政局": a role marked in brackets after the name.
_MARKED_LEAD_RE = re.compile(r"([^、，,；;\s（(]+)[（(](?:牵头|主责|主办)(?:单位|部门)?[)）]")


def _verb_clauses(text: str, note: UnitNote, places: tuple[str, ...], *, labelled: bool = False) -> None:
    """Unit lists closed by role words, or a plain list (responsible); ``labelled``: in a 责任单位： slot."""
    for m in _MARKED_LEAD_RE.finditer(text):
        _add(m.group(1), "lead", note, places, labelled)
    text = _MARKED_LEAD_RE.sub(lambda m: m.group(1), text)
    for clause in _clauses(text):
        clause = _undated(clause.strip(" ,，、"), note)
        if not clause:
            continue
        if looks_like_deadline(clause):
            note.deadline = note.deadline or clause
            continue
        w = _WORK_RE.match(clause)
        if w and not split_units(w.group("u"), places)[1]:
            _add(w.group("u"), "lead" if w.group("v") == "牵头" else "responsible", note, places, labelled)
            continue
        pos = 0
        for m in _VERB_RE.finditer(clause):
            if m.start() == pos:  # a role word with no units before it ("负责落实" alone)
                pos = m.end()
                continue
            _add(clause[pos: m.start()], "lead" if m.group(1) else "responsible", note, places, labelled)
            pos = m.end()
        if pos < len(clause):
            _add(clause[pos:], "responsible", note, places, labelled)


def _undated(clause: str, note: UnitNote) -> str:
    """"区财政局、区审计局，2024年6月底前": a comma parts the units from a date after (or before)
    them; the date is the note's deadline, the rest its units. A clause all date stays as it is."""
    if not re.search(r"[，,]", clause):
        return clause
    pieces = [q.strip(" 、") for q in re.split(r"[，,]", clause) if q.strip(" 、")]
    dated = [q for q in pieces if looks_like_deadline(q.strip("。"))]
    if not dated or len(dated) == len(pieces):
        return clause
    note.deadline = note.deadline or dated[0].strip("。")
    return "，".join(q for q in pieces if q not in dated)


def _clauses(text: str):
    """The clauses of a note; a comma also ends one where a unit's work follows its role word
    ("区司法局牵头…工作,区各制定主体具体落实"), but not inside a list ("A,B牵头": both lead)."""
    for clause in _CLAUSE_SEP_RE.split(text):
        pieces = re.split("[,，]", clause) if "工作" in clause else ()
        if len(pieces) > 1 and any(_WORK_RE.match(p.strip(" 、")) for p in pieces):
            yield from pieces
        else:
            yield clause


def _add(names: str, role: str, note: UnitNote, places: tuple[str, ...], labelled: bool = False) -> None:
    names = re.sub(r"^[,，、\s]*(由|请|要求)", "", names).strip(" ,，、")
    if not names:
        return
    units, frags = split_units(names, places, labelled=labelled)
    note.fragments += [f for f in frags if f not in note.fragments]
    target = note.lead if role == "lead" else note.responsible
    target += [u for u in units if u not in target and u not in note.lead]


# ---------------------------------------------------------------------------- where notes stand


def _is_note(body: str, places: tuple[str, ...]) -> UnitNote | None:
    """The note a bracket body is, or None when the bracket is part of the task's words."""
    b = bracket_keys(body).strip()
    if not b:
        return None
    if _KEYED_RE.search(b) or _ALL_BELOW_RE.search(b):
        note = parse_unit_text(b, places)
        return note if note.units or note.deadline or note.all_below else None
    if looks_like_deadline(b.strip(" ,，。")):
        note = parse_unit_text(b, places)  # "区财政局、区审计局，2024年6月底前": units, then the date
        if note.units and note.deadline and not note.fragments:
            return note
        return UnitNote(deadline=b.strip(" ,，。"), raw=body)
    note = parse_unit_text(b, places)
    if not note.units or note.fragments:
        return None
    if _VERB_RE.search(b) or len(b) >= 3:
        return note
    return None


def _brackets(text: str) -> list[tuple[int, int, int]]:
    """(open, body end, end) of each outermost bracket pair; an unclosed one runs to the end of the text."""
    out = []
    depth, start = 0, -1
    for m in _BRACKET_RE.finditer(text):  # only the brackets, not every character
        k, ch = m.start(), m.group()
        if ch in _OPEN:
            if depth == 0:
                start = k
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, k, k + 1))
    if depth and start >= 0:
        out.append((start, len(text), len(text)))
    return out


def find_notes(text: str, places: tuple[str, ...] = ()) -> list[tuple[int, int, UnitNote]]:
    """Every unit note inside a paragraph: (start, end, note), in order."""
    return list(_find_notes(bracket_keys(text), places))


@lru_cache(maxsize=4096)  # the builder asks about the same paragraph more than once
def _find_notes(text: str, places: tuple[str, ...]) -> tuple[tuple[int, int, UnitNote], ...]:
    found: list[tuple[int, int, UnitNote]] = []
    n = len(text)
    for a, body_end, end in _brackets(text):
        b = a  # the character before the bracket and the one after it, spaces skipped (no slicing: linear)
        while b > 0 and text[b - 1].isspace():
            b -= 1
        f = end
        while f < n and text[f].isspace():
            f += 1
        if b == 0:
            continue  # a bracket opening the text: a line that is only a note (is_unit_line)
        at_boundary = text[b - 1] in _SENT_END or (found and found[-1][1] >= b) or f >= n or text[f] in _SENT_END
        if not at_boundary:
            continue
        note = _is_note(text[a + 1: body_end], places)
        if note is not None:
            found.append((a, end, note))
    last = found[-1][1] if found else 0
    m = _BARE_NOTE_RE.search(text, last)
    if m and m.start() > 0:
        note = parse_unit_text(text[m.start():], places)
        if note.units:
            found.append((m.start(), len(text), note))
    elif not found or found[-1][1] < len(text.rstrip("。；; ")):
        tail = _verb_tail(text, last, places)
        if tail:
            found.append(tail)
    return tuple(found)


# "…。牵头单位：X；责任单位：Y" written after the sentence without brackets.
_BARE_NOTE_RE = re.compile(rf"(?:(?<=[。；;！!\s])|^)(?:{_ROLE}){_UNIT_WORD}\s*[:：]")


def _verb_tail(text: str, start: int, places: tuple[str, ...]) -> tuple[int, int, UnitNote] | None:
    """"…工作。市财政局牵头落实": a last sentence that is only units and a role phrase; or the last
    clauses of the last sentence: "…全面公开预算决算，区财政局负责，持续推进。" (units closed by a
    role phrase, then at most two deadline clauses), after the sentence's own words."""
    body = text.rstrip("。；; ")
    cut = max(body.rfind(c) for c in "。；;")
    if cut >= start and cut >= 0:
        tail = body[cut + 1:].strip()
        if tail and _VERB_RE.search(tail) and len(tail) <= 80:
            note = parse_unit_text(tail, places)
            if note.units and not note.fragments:
                return cut + 1, len(text), note
    return _comma_tail(body, max(cut + 1, start), len(text), places)


def _comma_tail(body: str, start: int, end: int, places: tuple[str, ...]) -> tuple[int, int, UnitNote] | None:
    """The last clauses of the sentence from ``start``: at most two deadlines at the end, before them
    one to three unit lists each closed by a role phrase ("由区财政局牵头，区审计局配合"), and before
    those the task's own words."""
    commas = [i for i in range(start, len(body)) if body[i] in "，,"]
    ends = commas[1:] + [len(body)]
    dated = units = 0
    first = None
    for i, j in reversed(list(zip(commas, ends))):  # the clause after the comma at ``i``
        clause = body[i + 1: j].strip()
        if not units and dated < 2 and looks_like_deadline(clause):
            dated += 1
            continue
        role = _VERB_RE.search(clause)
        if role is None or role.end() != len(clause) or role.start() == 0 or len(clause) > 60 or units == 3:
            break
        units += 1
        first = i
    if first is None or not body[start:first].strip(" ，,、"):
        return None  # no units; or no words of the task's own before them
    note = parse_unit_text(body[first + 1:], places)
    if note.units and not note.fragments:
        return first + 1, end, note
    return None


def split_trailing_note(text: str, places: tuple[str, ...] = ()) -> tuple[str, UnitNote | None]:
    """Split "task text (牵头单位:X;责任单位:Y)" into text and note; None when there is no note at the end."""
    text = bracket_keys(text)
    notes = find_notes(text, places)
    if not notes:
        return text, None
    a, end, note = notes[-1]
    if text[end:].strip(" 。.;；") or not text[:a].strip():
        return text, None
    head = text[:a].rstrip()
    if head.endswith(("，", ",")):  # the note was the sentence's last clauses: the sentence ends here
        return head[:-1] + "。", note
    return head + (_end_punct(text[end:]) if not head.endswith(tuple(_SENT_END)) else ""), note


def _end_punct(after: str) -> str:
    a = after.strip()
    return a[0] if a[:1] in ("。", "；") else ""


def is_unit_line(text: str) -> bool:
    """Tell whether a whole line is only a unit note ("牵头单位：X", "（市交通委负责落实）", "X牵头，Y配合")."""
    t = bracket_keys(text).strip()
    if not t:
        return False
    if _KEYED_RE.match(t.strip(_OPEN + " ")):
        return True
    if t[0] in _OPEN:
        spans = _brackets(t)
        if spans and spans[0][0] == 0 and not t[spans[0][2]:].strip(" 。；;"):
            return _is_note(t[1: spans[0][1]], ()) is not None
    return False
