"""Document metadata: title, issuers, 文号, signature date, web 发布时间/生成日期, plan year."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from gongkai_desk.core.deadlines import _cn_number

_DATE_RE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?")
_CN_DATE_RE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_DATE_LINE_RE = re.compile(
    r"^\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*$"
)
_ORG_END_RE = re.compile(r"(办公室|人民政府|委员会|管委会|管理委员会|政府|局|委|办|厅|部|中心|小组)$")
_DOCNO_RE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
_TITLE_END_RE = re.compile(r"(方案|要点|分解|分工|细则|计划|情况|安排|清单|任务|措施|意见|报告|台账|一览表|表|总结)[”\"]?$")
_PRINT_RE = re.compile(r"(现印发|印发给你们|现将|已经.{0,30}同意|^.{0,40}关于印发《)")
_QUOTED_RE = re.compile(r"《([^《》]{6,60})》")
_FIELD_KEYS = ("索引号", "主题分类", "发布机构", "生成日期", "文件编号", "有效性", "公开范围", "公开方式",
               "来源", "类别", "发布时间", "发布日期", "阅读", "成文日期", "发文机关", "文号", "浏览量")
_FIELD_RE = re.compile("(" + "|".join(_FIELD_KEYS) + r")\s*[:：]")
_REVIEW_RE = re.compile(r"回头看|落实情况|完成情况|进展情况|总结")
_PLACE_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?)(?:市|区|县)")


@dataclass
class Metadata:
    """What the document says about itself; ``used`` are the line numbers it occupies."""

    title: str | None = None
    issuer: list[str] = field(default_factory=list)
    doc_number: str | None = None
    date: _dt.date | None = None
    published: _dt.date | None = None
    year: int | None = None
    is_review: bool = False
    places: tuple[str, ...] = ()
    used: set[int] = field(default_factory=set)


def parse_date(text: str) -> _dt.date | None:
    """Return the first date written in ``text`` (2018年7月30日, 2017-05-09, 二〇一八年七月三十日)."""
    m = _DATE_RE.search(text)
    try:
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _CN_DATE_RE.search(text)
        if m:
            y, mo, d = (_cn_number(g) for g in m.groups())
            if y and mo and d:
                return _dt.date(y, mo, d)
    except ValueError:
        return None
    return None


def web_fields(text: str) -> dict[str, str]:
    """Split a web metadata line "发布机构: X 生成日期: Y" into {key: value}."""
    marks = list(_FIELD_RE.finditer(text))
    out: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out.setdefault(m.group(1), text[m.end() : end].strip())
    return out


def is_org_name(text: str) -> bool:
    """Tell whether a short line is an issuing office's name."""
    t = text.strip()
    return 4 <= len(t) <= 30 and not re.search(r"[，,。:：;；、《》\d]", t) and bool(_ORG_END_RE.search(t))


def _split_orgs(text: str) -> list[str]:
    parts = [p for p in re.split(r"\s+", text.strip()) if p]
    return parts if parts and all(is_org_name(p) for p in parts) else []


def extract(lines: list[tuple[int, str]], first_heading: int | None) -> Metadata:
    """Read metadata from cleaned lines [(line number, text)]; headings start at ``first_heading``."""
    md = Metadata()
    fields: dict[str, str] = {}
    for no, text in lines:
        f = web_fields(text)
        if f and (len(f) >= 2 or text.lstrip("•· ").startswith(tuple(_FIELD_KEYS))):
            for k, v in f.items():
                fields.setdefault(k, v)
            md.used.add(no)
    _signature(lines, md)
    _title(lines, first_heading, md)
    if not md.issuer:
        src = fields.get("发布机构") or fields.get("发文机关") or fields.get("来源")
        if src and is_org_name(src):
            md.issuer = [src]
        elif md.title is None:
            pass
    if not md.issuer:
        for _no, text in lines[:5]:
            m = re.match(r"^(.+?)\s*关于印发", text)
            if m and _split_orgs(m.group(1)):
                md.issuer = _split_orgs(m.group(1))
                break
    if md.date is None:
        for key in ("成文日期", "生成日期", "发布时间", "发布日期"):
            if fields.get(key) and parse_date(fields[key]):
                md.date = parse_date(fields[key])
                break
    for key in ("发布时间", "发布日期"):
        d = parse_date(fields.get(key, ""))
        if d:
            md.published = d if d != md.date else None
            break
    docno = fields.get("文件编号") or fields.get("文号")
    if docno and _DOCNO_RE.search(docno):
        md.doc_number = _DOCNO_RE.search(docno).group(0)
    for no, text in lines[:40]:
        m = _DOCNO_RE.fullmatch(text.strip())
        if m and md.doc_number is None:
            md.doc_number = re.sub(r"\s+", "", m.group(0))
            md.used.add(no)
    md.is_review = bool(md.title and _REVIEW_RE.search(md.title))
    md.year = _year(md)
    md.places = _places(md)
    return md


def _signature(lines: list[tuple[int, str]], md: Metadata) -> None:
    """Find the "office(s) + date" signature block: the first one naming a plausible issuer."""
    found: list[tuple[list[str], str, list[int], int]] = []  # orgs, date text, lines, index
    for k, (no, text) in enumerate(lines):
        if _DATE_LINE_RE.match(text):
            orgs: list[str] = []
            used = [no]
            j = k - 1
            while j >= 0 and len(orgs) < 4:
                cand = _split_orgs(lines[j][1])
                if not cand:
                    break
                orgs = cand + orgs
                used.append(lines[j][0])
                j -= 1
            if orgs:
                found.append((orgs, text, used, k))
            continue
        m = re.match(r"^(.+?)\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$", text)
        if m and _split_orgs(m.group(1)):
            found.append((_split_orgs(m.group(1)), m.group(2), [no], k))
    # A bare "区政府办" above a date may be two table cells; only trust it at the very top or end.
    best = next((f for f in found if _plausible_issuer(f[0])), None) or next(
        (f for f in found if f[3] < 5 or f[3] >= len(lines) - 3), None)
    if best:
        md.issuer, md.date = best[0], parse_date(best[1])
        md.used.update(best[2])


_STRONG_ORG_RE = re.compile(r"(办公室|人民政府|委员会|管委会|政府|党委|[县市区]委)$")


def _plausible_issuer(orgs: list[str]) -> bool:
    """An office that issues plans; a bare "区政府办" above a date may be table cells instead."""
    return any(_STRONG_ORG_RE.search(o) for o in orgs)


def _joined_titles(head: list[tuple[int, str]]) -> list[tuple[int, str, tuple[int, ...]]]:
    """The lines, and a title broken over two lines inside its 《…》 ("…贯彻《浙江省政务公开" /
    "五年行动计划(2021—2025年)》实施方案") joined again: (line, text, the lines it takes)."""
    out = [(no, t, (no,)) for no, t in head]
    for (no, t), (no2, t2) in zip(head, head[1:]):
        a = t.strip()
        if a.count("《") > a.count("》") and len(a) <= 30 and (a + t2.strip()).count("《") == (a + t2.strip()).count("》"):
            out.append((no, a + t2.strip(), (no, no2)))
    return out


def _title(lines: list[tuple[int, str]], first_heading: int | None, md: Metadata) -> None:
    head = [(no, t) for no, t in lines if first_heading is None or no < first_heading]
    quoted = None
    for _no, text in head:
        m = _QUOTED_RE.search(text)
        if m and _PRINT_RE.search(text):
            quoted = m.group(1)
            break
    candidates = []
    for no, text, nos in _joined_titles(head):
        t = text.strip()
        if no in md.used or not 6 <= len(t) <= 60 or re.search(r"[，,。;；:：\t|｜]", t):
            continue
        if _TITLE_END_RE.search(t) and not is_org_name(t) and t.count("《") == t.count("》"):
            candidates.append((no, t, nos))
    chosen = next((c for c in candidates if quoted and c[1] == quoted), None)
    chosen = chosen or next((c for c in candidates if "《" not in c[1] or len(c[2]) > 1), None)
    if chosen:
        md.title = chosen[1]
        md.used.update(no for no, t in head if t.strip() == chosen[1])
        md.used.update(chosen[2])
    elif quoted:
        md.title = quoted
    elif lines:  # a copy that lost its line breaks: the title runs into the preamble on the first line
        m = _GLUED_TITLE_RE.match(lines[0][1].strip())
        if m and not is_org_name(m.group(1)):
            md.title = m.group(1)  # (the line itself is left out as the preamble it mostly is)


# "绥棱县2018年政务公开工作要点实施方案为深入贯彻落实…": a title, then the preamble's first word.
_GLUED_TITLE_RE = re.compile(r"^([^，,。;；:：\s]{6,60}?(?:方案|要点|分解|分工|细则|计划|安排|清单|台账|一览表))"
                             r"(?=(?:为|根据|按照|依据|结合|现将|经)[\u4e00-\u9fff])")


def _year(md: Metadata) -> int | None:
    if md.title:
        m = re.search(r"(20\d{2}|19\d{2})\s*年", md.title)
        if m:
            return int(m.group(1))
    for d in (md.date, md.published):
        if d:
            return d.year
    return None


def _places(md: Metadata) -> tuple[str, ...]:
    found: list[str] = []
    for text in [*(md.issuer or []), md.title or ""]:
        text = re.sub(r"^中共", "", text)
        for m in _PLACE_RE.finditer(text):
            p = m.group(1)
            if p not in found and not p.endswith(("政府", "人民")):
                found.append(p)
    return tuple(found)
