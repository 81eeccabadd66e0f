"""Cut the text layer of a table that lost every cell separator (PDF and 文库 copies) into cells.

    "…领导小组。办公室牵头,各科室、单位配合 11 月底前强化考核监督,…"
    → [text "…领导小组。"] [units "办公室牵头,各科室、单位配合"] [deadline "11月底前"] [text "强化考核监督,…"]

What marks a cell boundary is the content, not a separator: a sentence end followed by a unit list,
a role word (牵头, 配合, 负责落实) closing a unit list, a date phrase after a unit list, a bare number
between cells, a status word, a template's numbered blanks. A number or a unit name in the middle
of a sentence ("听取 1 次", "党中央、国务院") stays part of it. Spaces inside words and numbers
("新 闻媒体", "11 月底前", "“五公开 ”") are taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai_desk.core.imports.parse.kinds import deadline_prefix, kind
from gongkai_desk.core.imports.parse.unit_notes import parse_unit_text

_CJK = r"\u3400-\u9fff"
_OPEN = "“‘《（(〔【["
_CLOSE = "”’》）)〕】]、，,。；;：:！？"
_ROLE_END_RE = re.compile(r"(牵头|配合|协助|参与|协办|负责|落实|实施)(?=.)")
_LEADING_NUMBER_RE = re.compile(r"^\d{1,3}(?=[\u4e00-\u9fff])(?![\d]*\s*[次个项年月日天件条人家万名期批])")
_ENUM_RE = re.compile(r"^\d{1,2}\s*[.、．]\s*(?:[（(][^（()）]{0,30}[)）])?$")
_SENT_END = "。；;！!？?"


@dataclass
class Chunk:
    start: int  # offsets into the joined text
    end: int
    kind: str


def _drop_space(prev: str, nxt: str) -> bool:
    """Whether a space between two characters is an artefact of the text layer (inside a word or number)."""
    if prev.isdigit() and (nxt.isdigit() or nxt in "月日年号次%个项条天人家"):
        return True
    # Between two Chinese characters a space is a cell or word boundary we cannot tell apart yet:
    # keep it (the cell text drops it later); after an opening or before a closing mark it is an artefact.
    return prev in _OPEN or nxt in _CLOSE or prev == "、"


def squeeze(text: str) -> tuple[str, list[int]]:
    """Text with artefact spaces removed, and for each kept character its offset in ``text``."""
    out: list[str] = []
    where: list[int] = []
    n = len(text)
    k = 0
    while k < n:
        ch = text[k]
        if ch in " \u3000":
            j = k
            while j < n and text[j] in " \u3000":
                j += 1
            if out and j < n and _drop_space(out[-1], text[j]):
                k = j
                continue
            out.append(" ")
            where.append(k)
            k = j
            continue
        out.append(ch)
        where.append(k)
        k += 1
    return "".join(out), where


def cell_text(text: str) -> str:
    """The words of a cell: spaces between Chinese characters and around punctuation taken out."""
    t = re.sub(rf"(?<=[{_CJK}“”‘’，、。；：（）)(\d%])\s+(?=[{_CJK}“”‘’，、。；：（）()])", "", text.strip())
    t = re.sub(rf"(?<=[{_CJK}，、（(])\s+(?=\d)", "", t)
    return re.sub(r"\s{2,}", " ", t)


def _raw_chunks(text: str) -> list[tuple[int, int]]:
    """Runs of non-space characters, cut after every sentence end."""
    out = []
    for m in re.finditer(r"\S+", text):
        a = m.start()
        for k in range(m.start(), m.end()):
            if text[k] in _SENT_END and k + 1 < m.end() and text[k + 1] not in "”’)）":
                out.append((a, k + 1))
                a = k + 1
        out.append((a, m.end()))
    return [c for c in out if c[1] > c[0]]


def _subsplit(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut one chunk where a cell plainly ends inside it: after a unit list's role word, before a date phrase."""
    piece = text[a:b]
    m = _LEADING_NUMBER_RE.match(piece)
    if m and len(piece) > m.end() + 3:  # "2平台建设…": a 序号 glued to the cell after it
        return [(a, a + m.end())] + _subsplit(text, a + m.end(), b)
    d = deadline_prefix(piece)
    if d and len(piece) > len(d) and kind(piece) != "units":
        cut = a + piece.index(d) + len(d)
        return [(a, cut)] + _subsplit(text, cut, b)
    if kind(piece) not in ("long", "short", "dated"):
        return [(a, b)]
    ends = [m.end() for m in _ROLE_END_RE.finditer(piece) if piece[m.end()] not in "人员" and _only_units(piece[: m.end()])]
    if ends:  # the longest unit list closed by a role word: "办公室牵头，各科室配合"
        return [(a, a + ends[-1])] + _subsplit(text, a + ends[-1], b)
    for m in re.finditer(r"(?=\d{1,2}\s*月|年底|年内|全年|持续推进)", piece):
        if m.start() and _only_units(piece[: m.start()]) and deadline_prefix(piece[m.start():]):
            return [(a, a + m.start())] + _subsplit(text, a + m.start(), b)
    return [(a, b)]


def _only_units(text: str) -> bool:
    """Unit names and role words, nothing else (a cut inside a chunk must be sure of itself)."""
    note = parse_unit_text(text)
    return bool(note.units) and not note.fragments


def cells(text: str) -> list[Chunk]:
    """Cut a run-together table text (already squeezed) into cells with their kinds."""
    pieces: list[tuple[int, int]] = []
    for a, b in _raw_chunks(text):
        pieces += _subsplit(text, a, b)
    out: list[Chunk] = []

    def ends_cell() -> bool:
        if not out:
            return True
        last = out[-1]
        return last.kind not in ("long",) or text[last.end - 1] in _SENT_END or text[last.start:last.end].endswith(")")

    for a, b in pieces:
        piece = text[a:b]
        k = kind(piece)
        if _ENUM_RE.match(piece):
            # numbered blanks of a template ("1. 2. 3."): one cell per run, a new one where it restarts at 1
            if out and out[-1].kind == "template" and not piece.startswith("1"):
                out[-1].end = b
                continue
            if out and out[-1].kind == "template" or _next_is_enum(text, pieces, b):
                out.append(Chunk(a, b, "template"))
                continue
        if piece[:1] in "/／" and out:  # "已完成 /未完成": the choice a template offers
            out[-1].end, out[-1].kind = b, "template"
            continue
        texty = k in ("long", "short", "dated", "fragment", "h1", "h2", "bare")
        if texty or not ends_cell():
            # words go on the text before them (a short title too: "新 闻媒体" is one word cut by a space)
            if out and out[-1].kind in ("long", "short") and not (k == "dated" and ends_cell()) and (
                    texty or out[-1].kind == "long"):
                out[-1].end = b
                out[-1].kind = "long" if out[-1].kind == "short" or k != "short" else "short"
            else:
                out.append(Chunk(a, b, "short" if k == "fragment" else k))
            continue
        if k == "units" and out and out[-1].kind == "units" and not text[out[-1].end:a].strip():
            out[-1].end = b  # "市法制办 市政府办公室": one cell, names separated by spaces
            continue
        out.append(Chunk(a, b, k))
    for c in out:  # a lone "short" that ended up a cell of its own keeps its true kind
        if c.kind == "long":
            c.kind = kind(cell_text(text[c.start:c.end]))
    return out


def _next_is_enum(text: str, pieces: list[tuple[int, int]], end: int) -> bool:
    nxt = next(((a, b) for a, b in pieces if a >= end), None)
    return bool(nxt and _ENUM_RE.match(text[nxt[0]:nxt[1]]))


# Words a task sentence opens with (a group label is a noun phrase: "基础建设", "决策公开").
TASK_OPENERS = (
    "加强", "加大", "加快", "推进", "推动", "推行", "落实", "全面", "建立", "健全", "完善", "做好", "开展",
    "深化", "强化", "规范", "进一步", "积极", "及时", "定期", "主动", "严格", "坚持", "持续", "围绕", "聚焦",
    "提升", "提高", "优化", "创新", "拓展", "畅通", "扩大", "探索", "实施", "实行", "编制", "制定", "修订",
    "更新", "梳理", "整合", "打造", "构建", "确保", "认真", "切实", "扎实", "依法", "按照", "根据", "发挥",
    "抓好", "用好", "细化", "统筹", "压实", "明确", "深入", "大力", "着力", "注重", "突出", "召开", "举办",
    "设立", "公布", "报送", "调整", "推广", "建成", "开设", "组建", "配齐",
)
_SUB_ITEM_RE = re.compile(r"[（(]\s*(?:\d{1,2}|[一二三四五六七八九十])\s*[)）]|[一二三四五六七八九十]是")
_LABEL_RE = re.compile(rf"^[{_CJK}]{{2,10}}$")


def label_end(text: str) -> int | None:
    """Where a group label glued to the front of a task text ends ("基础建设全面落实…" → 4), or None.

    In a text layer a vertically merged 序号 + 工作任务 pair comes out as "1 基础建设全面落实…": the
    label runs into the text of the row it was printed beside. The label is a short noun phrase;
    the task text opens with a sub-item number ("(1)") or with a verb. A text that itself opens
    with a verb has no label in front."""
    t = text.strip()
    if len(t) < 10 or t.startswith(TASK_OPENERS) or _SUB_ITEM_RE.match(t):
        return None
    m = _SUB_ITEM_RE.search(t, 2, 16)
    if m and _LABEL_RE.match(t[:m.start()]):
        return m.start()
    for p in range(2, 9):  # a label longer than that is told by a sub-item number only
        if not _LABEL_RE.match(t[:p]):
            return None
        if t.startswith(TASK_OPENERS, p) and len(t) - p >= 8:
            return p
    return None
