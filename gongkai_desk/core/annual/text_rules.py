"""Checks of the report's text against its tables, its year, the format and last year's report.

Reviewers of published reports run these after publication; we run them before. All are
warnings: each names the sentence it is about (and the cells, where a figure is involved).

* TXT-TABLE  a figure the text states (新收/收到申请 N 件, 上年结转, 办结/答复, 结转下年度,
  行政复议, 行政诉讼, the 主动公开 figures) that differs from the tables;
* TXT-YEAR   a year other than the report year or the one before, in a phrase about the work;
* TXT-ORDER  a level-1 heading inside a section's text (the headings are the format's own, in
  the national order and wording), and 一 not covering its five themes in order;
* TXT-FEE    六 silent about fees while 表二 has a fee amount;
* TXT-COPY   a section (nearly) the same as last year's, with how similar it is.
"""

from __future__ import annotations

import difflib
import re
from typing import Mapping

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.figures import quoted, strip_tags
from gongkai_desk.core.annual.findings import WARNING, RuleFailure, Sentence
from gongkai_desk.core.annual.sentences import lines_with_ranges, sentence_at, sentences
from gongkai_desk.core.annual.stats import Stats

COPY_RATIO = 0.9  # above this similarity a section reads as last year's text re-used
COPY_MIN_CHARS = 40  # short stock sentences ("本年度无。") are allowed to repeat
OPENING = fmt.OPENING
_YEAR_RE = re.compile(r"(?<![0-9〔\[])((?:19|20)[0-9]{2})\s*年")
# A year in these contexts is about a document or a law, not about the year's work.
_CITED_AFTER = re.compile(r"^\s*年?(?:度)?(?:以来|起)|^\s*年?(?:度)?[^，。；]{0,12}?(?:修订|修正|施行|颁布|印发)")
_FORWARD = re.compile(r"下一步|下一年|明年|将|计划|拟|展望|力争")
_HEADING1_RE = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
_HEADING2_RE = re.compile(r"^（([一二三四五六七八九十]+)）")
_FEE_WORDS = re.compile(r"收费|费用|收取[^，。；]{0,10}费|信息处理费")
THEME_KEYS = ("主动公开", "依申请公开", "信息管理", "平台建设", "监督保障")


def section_name(no: str) -> str:
    """Return how a message names a section: “一、总体情况” (or 引言)."""
    if no == OPENING:
        return "“引言”"
    try:
        return f"“{fmt.section(no).label}”"
    except KeyError:
        return f"“{no}”"


def check_texts(stats: Stats, texts: Mapping[str, str],
                previous_texts: Mapping[str, str]) -> list[RuleFailure]:
    """Return every text warning, section by section."""
    texts = {no: t for no, t in texts.items() if (t or "").strip()}
    out = _txt_table(stats, texts) + _txt_year(stats.year, texts) + _txt_order(texts)
    out += _txt_fee(stats, texts)
    if previous_texts:
        out += _txt_copy(texts, previous_texts)
    return out


def _fmt(d) -> str:
    return str(int(d)) if d == d.to_integral() else format(d, "f")


def _table_name(cells: tuple[str, ...]) -> str:
    return {"table2": "表二", "table3": "表三", "table4": "表四"}[cells[0].split(".")[0]]


def _txt_table(stats: Stats, texts: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    for q in quoted(stats, dict(texts)):
        if q.said == q.table:
            continue
        where = "、".join(fmt.cell_label(k) for k in q.figure.cells)
        out.append(RuleFailure(
            "TXT-TABLE", WARNING, list(q.figure.cells),
            f"{section_name(q.section)}写“{q.snippet}”，但{_table_name(q.figure.cells)}中为"
            f"{_fmt(q.table)}{q.figure.unit}（{where}）。",
            sentence=sentence_at(q.section, texts[q.section], q.start),
        ))
    return out


def _txt_year(year: int, texts: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    for no, text in texts.items():
        for s in sentences(no, text):
            for m in _YEAR_RE.finditer(s.text):
                y = int(m.group(1))
                if y in (year, year - 1) or _cited(s.text, m):
                    continue
                if y == year + 1 and _FORWARD.search(s.text):
                    continue  # 下一步 … 2025年将 …: plans for next year are fine in 五
                out.append(RuleFailure(
                    "TXT-YEAR", WARNING, [],
                    f"{section_name(no)}写有“{m.group(0)}”：这是{year}年度的报告，叙述本年工作应写"
                    f"{year}年（说明上年情况可写{year - 1}年），请核对是否沿用了往年的文字。",
                    sentence=s,
                ))
    return out


def _cited(sentence: str, m: re.Match[str]) -> bool:
    """Whether the year belongs to a document title, a document number or a law's date."""
    before = sentence[:m.start()]
    if before.count("《") > before.count("》") or before.count("“") > before.count("”"):
        return True
    return bool(_CITED_AFTER.match(sentence[m.end() - 1:]))


def _txt_order(texts: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    labels = {s.no: s.label for s in fmt.SECTIONS}
    for no, text in texts.items():
        for start, line in lines_with_ranges(text):
            body = line.strip()
            m = _HEADING1_RE.match(body)
            if not m or len(body) > 40 or "。" in body:
                continue
            s = Sentence(no, start + line.index(body), start + line.index(body) + len(body), body)
            target = labels.get(m.group(1))
            if m.group(1) == no and target:
                hint = "本部分标题由程序按国家格式输出，正文中不必重复" + (
                    "" if body == target else f"（国家格式的标题为“{target}”）")
            elif target:
                hint = f"这是第{m.group(1)}部分的标题（国家格式为“{target}”），请把这段文字移到该部分"
            else:
                hint = "年度报告只有一至六部分，请改为本部分下的（一）（二）……小标题"
            out.append(RuleFailure(
                "TXT-ORDER", WARNING, [],
                f"{section_name(no)}的正文中有一级标题“{body}”：{hint}。", sentence=s,
            ))
    if "一" in texts:
        out += _themes(texts["一"])
    return out


def _themes(text: str) -> list[RuleFailure]:
    """一、总体情况 covers the five themes of the format, in its order (条例第五十条)."""
    heads = [(start + line.index(line.strip()), line.strip()) for start, line in lines_with_ranges(text)
             if _HEADING2_RE.match(line.strip())]
    where = heads if heads else [(0, strip_tags(text))]
    found: list[tuple[int, int]] = []  # (theme index, offset)
    missing = []
    for i, key in enumerate(THEME_KEYS):
        pos = next((p for p, h in where if key in h), None)
        if pos is None:
            missing.append(fmt.SECTIONS[0].subtopics[i])
        else:
            found.append((i, pos))
    out = []
    themes = "、".join(fmt.SECTIONS[0].subtopics)
    if missing:
        out.append(RuleFailure(
            "TXT-ORDER", WARNING, [],
            f"“一、总体情况”没有写到{'、'.join(f'“{t}”' for t in missing)}：国家格式要求总体情况"
            f"涵盖{themes}五个方面。",
            sentence=Sentence("一", 0, 0, ""),
        ))
    order = [i for i, _ in sorted(found, key=lambda x: x[1])]
    if heads and order != sorted(order):
        first_bad = next(p for (i, p), j in zip(sorted(found, key=lambda x: x[1]), sorted(order))
                         if i != j)
        out.append(RuleFailure(
            "TXT-ORDER", WARNING, [],
            f"“一、总体情况”各小标题的顺序与国家格式不同：应依次为{themes}。",
            sentence=sentence_at("一", text, first_bad),
        ))
    return out


def _txt_fee(stats: Stats, texts: Mapping[str, str]) -> list[RuleFailure]:
    fee = stats.number(fmt.FEE_KEY)
    if fee is None or fee == 0 or "六" not in texts:  # an empty 六 is refused on its own
        return []
    six = strip_tags(texts.get("六") or "")
    if _FEE_WORDS.search(six):
        return []
    return [RuleFailure(
        "TXT-FEE", WARNING, [fmt.FEE_KEY],
        f"表二填有行政事业性收费{_fmt(fee)}万元，但“六、其他需要报告的事项”没有说明收费情况"
        "（含信息处理费的收取情况）。",
        sentence=Sentence("六", 0, 0, ""),
    )]


_DIGITS = re.compile(r"[0-9]+")


def _units(text: str) -> list[str]:
    """Sentences with their figures masked: last year's text with this year's numbers is a copy."""
    return [_DIGITS.sub("0", s.text) for s in sentences("", strip_tags(text or ""))]


def similarity(a: str, b: str) -> float:
    """Return how alike two texts are (0–1): the share of characters in common, figures aside.

    Sentences are aligned first and only the sentences that differ are compared character by
    character, so a long section is checked on every keystroke without delay.
    """
    sa, sb = _units(a), _units(b)
    total = sum(map(len, sa)) + sum(map(len, sb))
    if not total:
        return 0.0
    matched = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        if op == "equal":
            matched += sum(len(x) for x in sa[i1:i2])
        elif op == "replace":
            x, y = "".join(sa[i1:i2]), "".join(sb[j1:j2])
            m = difflib.SequenceMatcher(None, x, y, autojunk=len(x) + len(y) > 4000)
            matched += sum(blk.size for blk in m.get_matching_blocks())
    return 2 * matched / total


def _txt_copy(texts: Mapping[str, str], previous: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    for no, text in texts.items():
        a, b = strip_tags(text or "").strip(), strip_tags(previous.get(no) or "").strip()
        if len(a) < COPY_MIN_CHARS or len(b) < COPY_MIN_CHARS:
            continue
        ratio = similarity(a, b)
        if ratio >= COPY_RATIO:
            out.append(RuleFailure(
                "TXT-COPY", WARNING, [],
                f"{section_name(no)}与上年报告的同一部分相似度为{ratio:.0%}，几乎相同；年报内容雷同"
                "属于问责情形，请按本年度实际情况撰写。",
                sentence=Sentence(no, 0, len(text), ""),
                extra={"similarity": round(ratio, 3)},
            ))
    return out
