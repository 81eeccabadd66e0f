"""Read the State Council's holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知).

The text may come as published on any website: simplified or traditional characters, pinyin
inserted after characters by mirror sites (區(qū)), page chrome around it, full-width digits,
星期 or 周. Each line is cleaned with the importer's own line cleaner; the parser then looks for
the items ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。") and
reads every day off and every make-up workday, checking each written weekday against the date.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from gongkai_desk.core.calendar import HOLIDAY, WORKDAY
from gongkai_desk.core.errors import ImportFormatError, ValidationError

_NAMES = r"(?:中秋节、国庆节|中秋节|国庆节|元旦|春节|清明节|劳动节|端午节|中秋|国庆|清明|端午|五一)"
_ITEM_RE = re.compile(rf"(?:^|[一二三四五六七八九十]、|\d+[.、．]|[（(][一二三四五六七八九十]+[)）])\s*({_NAMES})\s*[：:]")
_FULL = {"中秋": "中秋节", "国庆": "国庆节", "清明": "清明节", "端午": "端午节", "五一": "劳动节"}
_DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日")
_PAREN_RE = re.compile(r"[（(]([^（）()]*)[)）]")
_RANGE_SEP = re.compile(r"^\s*(?:至|到|—|－|-|~|～)\s*$")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_NOTE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_YEAR_BODY_RE = re.compile(r"现将\s*(\d{4})\s*年")
_YEAR_TITLE_RE = re.compile(r"关于\s*(\d{4})\s*年\s*(?:部分)?节假日安排的通知")
_DOC_NUMBER_RE = re.compile(r"国办发明电\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*\d+\s*号")
_CN_WEEKDAY = "一二三四五六日"


@dataclass(frozen=True)
class NoticeItem:
    name: str  # 国庆节
    off: tuple[_dt.date, ...]
    work: tuple[_dt.date, ...]


@dataclass
class Notice:
    """What a notice says: the year, its items, and problems worth a look (Chinese sentences)."""

    year: int
    title: str | None
    doc_number: str | None
    items: list[NoticeItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def days(self) -> list[tuple[_dt.date, str, str]]:
        """(date, HOLIDAY | WORKDAY, holiday name) for every day the notice names, by date."""
        out: dict[_dt.date, tuple[_dt.date, str, str]] = {}
        for item in self.items:
            for d in item.off:
                out[d] = (d, HOLIDAY, item.name)
            for d in item.work:
                out[d] = (d, WORKDAY, item.name)
        return [out[d] for d in sorted(out)]

    @property
    def label(self) -> str:
        """How the history and the settings tab name the notice."""
        parts = [p for p in (self.title, self.doc_number) if p]
        return "（".join(parts) + "）" if len(parts) == 2 else (parts[0] if parts else f"{self.year}年节假日安排")


def clean_notice_lines(text: str) -> list[str]:
    """The notice's lines, cleaned as the importer cleans lines (simplified, no pinyin, no junk)."""
    from gongkai_desk.core.imports.parse.cleanup import clean_line

    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_line(raw)
        if line:
            lines.append(re.sub(r"\s+", "", line).replace("星期", "周"))
    return lines


def parse_notice(text: str, year: int | None = None) -> Notice:
    """Read a notice's text; ``year`` (optional) must agree with the notice's own year.

    Raises ValidationError (one Chinese sentence) when no item can be read or the year is unclear.
    """
    lines = clean_notice_lines(text or "")
    items_at = [(i, m) for i, line in enumerate(lines) for m in [_ITEM_RE.search(line)] if m]
    items_at = [(i, m) for i, m in items_at if _DATE_RE.search(lines[i], m.end()) and re.search("放假|上班|休息", lines[i])]
    if not items_at:
        raise ValidationError("没有在这段文字中找到放假安排（如“一、元旦：1月1日放假”），"
                              "请粘贴国务院办公厅部分节假日安排通知的正文。")
    stated = _stated_year(lines, items_at[0][0])
    if year is not None and stated is not None and stated != year:
        raise ValidationError(f"这份通知是{stated}年的节假日安排，不是{year}年的，请核对后再载入。")
    year = stated or year
    if year is None:
        raise ValidationError("无法确定这份通知是哪一年的节假日安排：文中没有“现将XXXX年……”或标题中的年份，请指定年份。")
    notice = Notice(year, _title(lines, items_at[0][0]), _doc_number(lines))
    seen: dict[_dt.date, tuple[str, str]] = {}
    for i, m in items_at:
        name = _FULL.get(m.group(1), m.group(1))
        if any(it.name == name for it in notice.items):
            continue  # the same notice twice on one page (text and print version)
        rest = lines[i][m.end():]
        nxt = _ITEM_RE.search(rest)
        item = _read_item(name, rest[: nxt.start()] if nxt else rest, year, notice.warnings)
        for kind, days in ((HOLIDAY, item.off), (WORKDAY, item.work)):
            for d in days:
                before = seen.get(d)
                if before and before[0] != kind:
                    raise ValidationError(f"通知中{_cn(d)}既写为放假又写为上班（{before[1]}、{name}），请核对原文。")
                seen[d] = (kind, name)
        notice.items.append(item)
    return notice


def _stated_year(lines: list[str], first_item: int) -> int | None:
    for line in lines[: first_item + 1]:
        m = _YEAR_BODY_RE.search(line)
        if m:
            return int(m.group(1))
    titles = [int(m.group(1)) for line in lines[: first_item + 1] for m in [_YEAR_TITLE_RE.search(line)] if m]
    return titles[-1] if titles else None  # the title nearest the items, not a link in the chrome


def _title(lines: list[str], first_item: int) -> str | None:
    found = [line for line in lines[: first_item + 1] if _YEAR_TITLE_RE.search(line) and len(line) <= 40]
    return found[-1] if found else None


def _doc_number(lines: list[str]) -> str | None:
    for line in lines:
        m = _DOC_NUMBER_RE.search(line)
        if m:
            return re.sub(r"[\[［(（]", "〔", re.sub(r"[\]］)）]", "〕", m.group(0)))
    return None


def _read_item(name: str, text: str, year: int, warnings: list[str]) -> NoticeItem:
    off: list[_dt.date] = []
    work: list[_dt.date] = []
    for sentence in re.split(r"[。；;]", text):
        if not sentence:
            continue
        dates = _dates(sentence, name, year, warnings)
        if not dates:
            continue
        if "上班" in sentence and "放假" not in sentence:
            for d, _ranged in dates:
                if d.weekday() < 5:
                    warnings.append(f"{name}：通知写{_cn(d)}上班，但这一天本来就是工作日，请核对。")
                work.append(d)
        elif re.search("放假|休息|休假", sentence):
            days = _expand(dates)
            if "与周末连休" in sentence and days:
                days = _with_weekends(days)
            off.extend(days)
    return NoticeItem(name, tuple(sorted(set(off))), tuple(sorted(set(work))))


def _dates(sentence: str, name: str, year: int, warnings: list[str]) -> list[tuple[_dt.date, bool]]:
    """Dates in a sentence as (date, starts-or-ends a range "A至B"), each weekday note checked."""
    out: list[tuple[_dt.date, bool]] = []
    month = None
    last_end = None
    for m in _DATE_RE.finditer(sentence):
        if last_end is not None and m.start() < last_end:
            continue  # inside the note of the date before
        y_text, m_text, d_text = m.groups()
        month = int(m_text) if m_text else month
        if month is None:
            continue
        y = int(y_text) if y_text else (year - 1 if name == "元旦" and month == 12 else year)
        try:
            day = _dt.date(y, month, int(d_text))
        except ValueError:
            warnings.append(f"{name}：“{m.group(0)}”不是有效的日期，已跳过。")
            continue
        tail = sentence[m.end():]
        note = _PAREN_RE.match(tail)
        if note:
            wd = _WEEKDAY_NOTE.search(note.group(1))
            if wd and _WEEKDAY[wd.group(1)] != day.weekday():
                warnings.append(f"{name}：通知写{m.group(0)}是周{wd.group(1)}，但{_cn(day)}是周{_CN_WEEKDAY[day.weekday()]}，请核对年份。")
            tail = tail[note.end():]
        between = sentence[last_end:m.start()] if last_end is not None else ""
        ranged = bool(out) and bool(_RANGE_SEP.match(_PAREN_RE.sub("", between)))
        out.append((day, ranged))
        last_end = m.end() + (note.end() if note else 0)
    return out


def _expand(dates: list[tuple[_dt.date, bool]]) -> list[_dt.date]:
    """Turn "A至B" pairs into every day from A to B; single dates stay single."""
    days: list[_dt.date] = []
    for i, (d, ranged) in enumerate(dates):
        if ranged and days:
            start = days[-1]
            n = (d - start).days
            if 0 < n <= 40:
                days.extend(start + _dt.timedelta(k) for k in range(1, n + 1))
                continue
        days.append(d)
    return days


def _with_weekends(days: list[_dt.date]) -> list[_dt.date]:
    """Add the weekend days next to a day off ("与周末连休")."""
    out = set(days)
    for d in days:
        for step in (1, -1):
            x = d + _dt.timedelta(step)
            while x.weekday() >= 5:
                out.add(x)
                x += _dt.timedelta(step)
    return sorted(out)


def _cn(d: _dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def read_notice_file(path: str | Path) -> str:
    """The text of a notice saved as .txt, .html/.htm or .docx (through the importer's readers)."""
    p = Path(path)
    if not p.is_file():
        raise ImportFormatError(f"找不到文件“{p}”。")
    suffix = p.suffix.lower()
    if suffix in (".txt", ""):
        from gongkai_desk.core.imports.parse.text_reader import read_text

        return read_text(p)
    if suffix in (".html", ".htm"):
        from gongkai_desk.core.imports.parse.html_reader import read_blocks
    elif suffix == ".docx":
        from gongkai_desk.core.imports.parse.docx_reader import read_blocks
    else:
        raise ImportFormatError(f"不支持“{suffix}”格式的文件“{p.name}”，请使用 .txt、.html 或 .docx 文件。")
    lines = []
    for block in read_blocks(p):
        rows = getattr(block, "rows", None)
        if rows is not None:
            lines.extend("".join(c.text for c in row.cells) for row in rows)
        else:
            lines.append((block.numbering or "") + block.text)
    return "\n".join(lines)
