"""Whether the report can be published as it stands: its office, its date, no placeholder left,
no required section empty or a stub. These are errors: the export refuses while one remains
(a draft, marked 草稿, can still be written for a superior to read).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Mapping

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.findings import ERROR, WARNING, RuleFailure, Sentence
from gongkai_desk.core.annual.sentences import sentence_at
from gongkai_desk.core.annual.text_rules import section_name

# 一、五、六 are prose the format requires; 二、三、四 are their tables (text there is optional).
REQUIRED_PROSE: tuple[str, ...] = fmt.TEXT_SECTIONS
STUB_CHARS = 10  # fewer characters than this is no section of a published report
_STUBS = {"无", "暂无", "没有", "无。", "暂无。", "略", "/", "-", "—"}
PLACEHOLDER_RE = re.compile(r"【(?:请|待)(?:补充|填写|核实)[^】]{0,30}】")
DUE_MONTH_DAY = (1, 31)  # 条例第四十九条: departments publish by 31 January


def parse_date(text: str | None) -> _dt.date | None:
    """Return the date written as 2025-01-20, 2025/1/20, 2025.1.20 or 2025年1月20日."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?\s*",
                     str(text))
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def check_readiness(year: int, *, issuer: str, date: str | None,
                    texts: Mapping[str, str]) -> list[RuleFailure]:
    """Return what stops the report from being published: office, date, placeholders, stubs."""
    return _issuer(issuer) + _date(year, date) + _sections(texts) + _placeholders(texts)


def _issuer(issuer: str) -> list[RuleFailure]:
    if issuer.strip():
        return []
    return [RuleFailure(
        "REPORT-ISSUER", ERROR, [],
        "没有填写发布机关：标题和落款都要写明本机关名称。请在“报告正文”中填写发布机关，"
        "或在“设置”中填写本机关名称。", target="issuer",
    )]


def _date(year: int, text: str | None) -> list[RuleFailure]:
    if not (text or "").strip():
        return [RuleFailure("REPORT-DATE", ERROR, [], "没有填写成文日期（落款日期），"
                            f"如{year + 1}-01-20。", target="date")]
    d = parse_date(text)
    if d is None:
        return [RuleFailure("REPORT-DATE", ERROR, [], f"成文日期“{text}”不是有效的日期，"
                            f"请按{year + 1}-01-20的格式填写。", target="date")]
    shown = f"{d.year}年{d.month}月{d.day}日"
    if d <= _dt.date(year, 12, 31):
        return [RuleFailure(
            "REPORT-DATE", ERROR, [],
            f"成文日期{shown}不在{year}年结束之后：年度报告总结全年工作，应在{year + 1}年1月1日以后成文。",
            target="date")]
    if d > _dt.date(year + 1, *DUE_MONTH_DAY):
        return [RuleFailure(
            "REPORT-DATE", WARNING, [],
            f"成文日期{shown}晚于{year + 1}年1月31日：《条例》第四十九条要求政府部门每年1月31日前"
            "公布上一年度报告（本级人民政府的年度报告为3月31日前），请核对。", target="date")]
    return []


def is_stub(text: str) -> bool:
    """Whether a section's text is no real content: under ten characters, or just 无."""
    body = re.sub(r"\s+", "", text or "")
    return body in _STUBS or len(body) < STUB_CHARS


def _sections(texts: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    for no in REQUIRED_PROSE:
        text = texts.get(no) or ""
        body = text.strip()
        if not body:
            msg = f"{section_name(no)}还没有内容：这是国家格式要求的部分，不能空着。"
        elif is_stub(text):
            msg = (f"{section_name(no)}只有“{body}”，过于简略：国家格式要求的部分至少要写清楚本年度的"
                   "实际情况（没有相关事项的，也要写明“本年度未发生……”）。")
        else:
            continue
        out.append(RuleFailure("TXT-EMPTY", ERROR, [], msg,
                               sentence=Sentence(no, 0, len(text), body)))
    return out


def _placeholders(texts: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    for no, text in texts.items():
        for m in PLACEHOLDER_RE.finditer(text or ""):
            s = sentence_at(no, text, m.start())
            out.append(RuleFailure(
                "TXT-PLACEHOLDER", ERROR, [],
                f"{section_name(no)}还有待补充的内容：“{s.text}”。请补写后删去“{m.group(0)}”。",
                sentence=s,
            ))
    return out
