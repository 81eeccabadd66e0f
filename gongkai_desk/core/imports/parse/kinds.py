"""What one table cell (or a piece of a flattened row) holds, judged from its text alone.

The kinds are the evidence both the column-role inference (``columns.py``) and the flattened-table
rebuilder (``align.py``) work from:

    num        a bare number: "3", "12.", "(4)"
    h1, h2     a numbered heading: "一、加强…", "（二）推进…"; bare: "一、" alone (its title follows)
    units      a unit list, possibly with role words: "区财政局", "办公室牵头，各科室配合"
    deadline   a short date phrase: "6月底前", "持续推进", "2023年12月31日"
    dated      a longer text that opens with a date phrase: "2020年6月30日前，完成自查整改…"
    status     a status word: "已完成", "推进中"
    template   an unfilled template placeholder: "1. 2. 3.", "已完成/未完成", "（单位名称）"
    short      a short phrase without sentence punctuation (a title, a group name)
    long       a sentence or more (task text, requirements, progress)
    fragment   a remnant of a cut cell that is no unit on its own ("单位", "部门")
    field      a web page's metadata field: "发布机构：X", "索引号：Y"
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai_desk.core.deadlines import looks_like_deadline
from gongkai_desk.core.model import Status
from gongkai_desk.core.imports.units import BARE_WORDS

_CN = "一二三四五六七八九十百零〇"
H1_RE = re.compile(rf"^[{_CN}]+\s*[、.．]")
H2_RE = re.compile(rf"^[（(]\s*[{_CN}]+\s*[)）]")
BARE_RE = re.compile(rf"^([{_CN}]+\s*[、.．]|[（(]\s*[{_CN}]+\s*[)）])$")
NUM_RE = re.compile(r"^[（(]?\d{1,5}[)）]?[.、．]?$")
# A date phrase at the start of a text: "11月底前", "2020年6月30日前", "年底前", "持续推进"; also the
# damaged "2020630日前" of a page that lost the characters between spans.
_D = r"(?:\d{1,4}|[一二三四五六七八九十]{1,3})"
DEADLINE_START_RE = re.compile(
    rf"^(?:(?:{_D}\s*年\s*)?{_D}\s*月\s*(?:{_D}\s*[日号])?\s*(?:底|末|上旬|中旬|下旬|中)?\s*(?:前|内|以前)?(?:完成)?"
    rf"|\d{{4}}\d{{2,4}}\s*[日号]\s*(?:前|内)?"
    rf"|(?:{_D}\s*年\s*)?(?:年底|年末|年内|全年|年前)(?:前|完成)?"
    rf"|(?:第?[一二三四1-4]\s*季度|[上下]半年)(?:末|底)?(?:前|内)?(?:完成)?"
    r"|(?:持续|长期|常态化)(?:推进|坚持|开展|实施)?)"
)
_STATUS_WORDS = "|".join(s.value for s in Status) + "|完成|未完成|已落实|进行中|正在推进|未开始"
# "已完成/未完成", "是/否": the choice a template offers, not filled in.
_CHOICE_RE = re.compile(rf"^(?:{_STATUS_WORDS}|是|否)\s*[/／|]\s*(?:{_STATUS_WORDS}|是|否)$")
# "1. 2. 3." and "1.（单位或内设机构名称） 2. 3.": numbered blanks of a form.
_BLANKS_RE = re.compile(r"^(?:\d{1,2}\s*[.、．]\s*(?:[（(][^（()）]{0,30}[)）])?\s*){2,}$")
_PLACEHOLDER_RE = re.compile(r"^[（(]?(?:[^（()）]{0,12}名称|请填写[^（()）]{0,12}|此处[^（()）]{0,12})[)）]?$|^[_＿\-—/／\s]+$")
_SENTENCE_RE = re.compile(r"[，,；;。：:！!？?]")
# "发布机构：X", "索引号：Y": a web page's metadata box, not plan content.
_FIELD_RE = re.compile(r"^(索引号|主题分类|发布机构|生成日期|文件编号|文号|有效性|公开范围|公开方式|成文日期|发文机关|"
                       r"发布日期|发布时间|来源|信息来源|主题词|体裁分类|组配分类|服务对象|浏览量|点击量)\s*[:：]")


def deadline_prefix(text: str) -> str | None:
    """The date phrase a text opens with ("11月底前" of "11月底前完成考核…"), or None."""
    m = DEADLINE_START_RE.match(text.strip())
    if not m or not m.group(0).strip():
        return None
    phrase = m.group(0).strip()
    return phrase if looks_like_deadline(phrase) else None


def is_template(text: str) -> bool:
    """Tell whether a cell is an unfilled template placeholder ("1. 2. 3.", "已完成 /未完成")."""
    t = text.strip()
    return bool(_CHOICE_RE.match(t) or _BLANKS_RE.match(t) or _PLACEHOLDER_RE.match(t))


@lru_cache(maxsize=8192)
def kind(text: str) -> str:
    """Classify one cell's text (see the module docstring for the kinds)."""
    t = text.strip()
    if not t:
        return "empty"
    if BARE_RE.match(t):
        return "bare"
    if H2_RE.match(t):
        return "h2"
    if H1_RE.match(t):
        return "h1"
    if NUM_RE.match(t):
        return "num"
    if is_template(t):
        return "template"
    if t in BARE_WORDS:
        return "fragment"
    if _FIELD_RE.match(t):
        return "field"
    compact = re.sub(r"\s+", "", t)
    deadline = looks_like_deadline(compact) and _deadline_shaped(t, compact)
    if Status.parse(compact.rstrip("。.")) and not deadline:
        return "status"
    if deadline:
        return "deadline"
    if len(t) <= 300 and "。" not in t and is_unit_list(t):
        return "units"
    if deadline_prefix(t) and len(t) > 20:
        return "dated"
    if len(t) >= 10 and t[-1] in "。；;！!":  # a sentence, however short
        return "long"
    return "short" if len(t) < 25 and not _SENTENCE_RE.search(t.rstrip("。")) else "long"


def _deadline_shaped(text: str, compact: str) -> bool:
    """A date phrase, not a sentence that happens to hold one ("主要负责人年内至少听取" holds 年内)."""
    if _SENTENCE_RE.search(compact.rstrip("。")):
        return False
    prefix = deadline_prefix(text)
    if prefix and len(re.sub(r"\s+", "", prefix)) >= len(compact) - 3:
        return True  # "2023年6月30日前", "年底前完成"
    # "每季度", "定期"; "预算批复后20日内": short, and ending the way a time limit ends
    return len(compact) <= 5 or (len(compact) <= 14 and bool(re.search(r"(前|内|底|以前|之前|为止|完成)$", compact)))


@lru_cache(maxsize=8192)
def is_unit_list(text: str) -> bool:
    """Tell whether a text is only a unit note: names (with role words), nothing else of substance."""
    from gongkai_desk.core.imports.parse.unit_notes import parse_unit_text

    note = parse_unit_text(text)
    # A remnant such as "各有关" may ride along; anything longer means this is prose.
    return bool(note.units) and all(len(u) <= 20 for u in note.units) and all(len(f) <= 4 for f in note.fragments)
