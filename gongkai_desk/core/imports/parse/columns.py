"""Column roles of a table, inferred from its header AND its content, for .docx, .xlsx, .html and
tables rebuilt from text alike.

Header words are one piece of evidence (``headers.header_evidence``); what the cells hold is the
other (``kinds.kind``): a column of long sentences is task text; values that repeat down merged
cells, or numbered headings, are a group level; short numerals are numbers; unit lists are units;
date phrases deadlines; status words status. A header spanning two columns leaves its sub-columns
to their content. A problem column gives the task of a 整改 table that has no task column, its
measure column the detail; an indicator table (一级/二级指标) has the last indicator as the task's
title and the paragraph beside it as its detail. A table without any header is judged by content.

The clerk can override the roles of a table (``overrides``: header key → roles), e.g. from the
import dialog's column drop-downs; the override is then used for every table with that header.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from gongkai_desk.core.imports.parse.blocks import Row
from gongkai_desk.core.imports.parse.headers import (
    ROLES, find_header, header_evidence, header_texts, normalize,
)
from gongkai_desk.core.imports.parse.kinds import kind

_UNIQUE = ("number", "deadline", "status", "text")
_TEXTISH = ("text", "detail", "progress", "problems", "measures", "next_steps")
_UNIT_ROLES = ("lead", "responsible", "units")


@dataclass
class ColumnRole:
    header: str
    role: str
    confidence: float  # 0–1: how sure the importer is (1.0 for a role the clerk chose)
    level: int = 0  # group columns: 1 for the outermost
    chosen: bool = False  # set by the clerk

    def to_json(self) -> dict:
        out = {"header": self.header, "role": self.role, "confidence": round(self.confidence, 2)}
        if self.level:
            out["level"] = self.level
        if self.chosen:
            out["chosen"] = True
        return out


@dataclass
class TableLayout:
    header_rows: list[int]  # indexes into the table's rows
    start: int  # first data row
    columns: list[ColumnRole]
    key: str  # what a remembered choice is keyed by: the header text
    line: int | None = None
    evidence: list[dict[str, float]] = field(default_factory=list)
    sample: list[list[str]] = field(default_factory=list)  # the first data rows, for the clerk to look at
    headerless: bool = False  # no header row: every role was judged from the cells alone

    @property
    def roles(self) -> list[str]:
        return [c.role for c in self.columns]

    @property
    def is_review(self) -> bool:
        return any(r in ("progress", "status") for r in self.roles)

    def to_json(self) -> dict:
        return {"line": self.line, "key": self.key, "columns": [c.to_json() for c in self.columns]}


def header_key(headers: list[str]) -> str:
    """The key a clerk's column choice is remembered by: the header names, or the width of a headerless table."""
    names = [normalize(h) for h in headers]
    return "|".join(names) if any(names) else f"（无表头，{len(headers)}列）"


@dataclass
class _Stats:
    shares: Counter
    filled: int
    repeats: float
    avg_len: float

    def share(self, *kinds: str) -> float:
        return sum(self.shares[k] for k in kinds) / self.filled if self.filled else 0.0

    @property
    def long(self) -> float:
        return self.share("long") + 0.6 * self.share("dated")


def _stats(rows: list[Row], c: int) -> _Stats:
    shares: Counter = Counter()
    filled = repeats = 0
    total_len = 0
    prev = None
    for row in rows:
        cell = row.cells[c] if c < len(row.cells) else None
        if cell is None or not cell.text.strip() or cell.merged_from_left:
            prev = None
            continue
        text = cell.text.strip()
        if cell.merged_from_above or text == prev:
            repeats += 1
            prev = text
            continue
        filled += 1
        total_len += len(text)
        shares[kind(text)] += 1
        prev = text
    seen = filled + repeats
    return _Stats(shares, filled, repeats / seen if seen else 0.0, total_len / filled if filled else 0.0)


def _content(st: _Stats) -> dict[str, float]:
    """Role weights from what the column's cells hold."""
    headings = st.share("h1", "h2", "bare")
    return {
        "number": st.share("num"),
        "group": min(1.0, headings + 0.8 * st.repeats + 0.4 * st.share("short")),
        "text": st.long + 0.3 * st.share("short"),
        # Unit lists without a header that names the role: their own words decide (牵头/配合).
        "units": st.share("units"), "lead": 0.9 * st.share("units"), "responsible": 0.9 * st.share("units"),
        "deadline": st.share("deadline") + 0.8 * st.share("dated"),
        "status": st.share("status") + 0.4 * st.share("template"),
        "progress": 0.5 * st.long + 0.3 * st.share("status"),
        "problems": 0.4 * st.long + 0.2 * st.share("template"), "measures": 0.4 * st.long + 0.2 * st.share("template"),
        "next_steps": 0.4 * st.long, "detail": 0.4 * st.long, "remarks": 0.05, "ignore": 0.0,
    }


def _confidence(best: float, second: float) -> float:
    return max(0.3, min(0.99, best / (best + second) if best + second > 0 else 0.3))


def infer_layout(rows: list[Row], overrides: dict[str, list[str]] | None = None, *,
                 header: tuple[int, int] | None = None, sure: bool = False) -> TableLayout | None:
    """Return the table's column roles, or None when it is no plan table (a layout or metadata box).

    ``sure``: the caller already knows a table without header is a plan table (a rebuilt one), however few rows."""
    if not rows:
        return None
    width = max(len(r.cells) for r in rows)
    found = header or find_header(rows)
    start, count = found if found else (0, 0)
    headers = header_texts(rows, start, count, width) if count else [""] * width
    data = rows[start + count:]
    key = header_key(headers)
    if overrides and key in overrides and len(overrides[key]) == width:
        cols = [ColumnRole(h, r if r in ROLES else "ignore", 1.0, chosen=True) for h, r in zip(headers, overrides[key])]
        _number_levels(cols)
        return TableLayout(list(range(start, start + count)), start + count, cols, key, rows[start].line,
                           sample=_sample(data))
    stats = [_stats(data, c) for c in range(width)]
    head = [header_evidence(h) for h in headers]
    if not found and not sure and not _looks_like_plan(stats):
        return None
    roles: list[str | None] = [None] * width
    conf = [0.5] * width
    _pick_text(stats, head, headers, roles, conf)
    if "text" not in roles:
        return None
    text = roles.index("text")
    for c in range(width):
        if roles[c] is not None:
            continue
        content = _content(stats[c])
        scores = {r: 1.2 * head[c].get(r, 0.0) + content.get(r, 0.0) for r in ROLES if r not in ("text", "ignore")}
        if c > text:
            scores["group"] = 0.0  # groups stand left of the task they head
        if stats[c].filled == 0 and not head[c]:
            scores = {"ignore": 1.0}
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        roles[c] = ranked[0][0] if ranked[0][1] > 0.05 else ("detail" if stats[c].long > 0.3 else "ignore")
        # The runner-up of another kind measures the doubt (责任单位 or 单位 is no real doubt).
        family = _family(ranked[0][0])
        second = next((v for r, v in ranked[1:] if _family(r) != family), 0.0)
        conf[c] = _confidence(ranked[0][1], second)
    _unique(roles, conf, head, stats)
    if not found:
        _content_only(roles, conf, stats)
    cols = [ColumnRole(h, r or "ignore", cf) for h, r, cf in zip(headers, roles, conf)]
    _number_levels(cols)
    return TableLayout(list(range(start, start + count)), start + count, cols, key,
                       rows[start].line if count else rows[0].line, head, _sample(data), headerless=not found)


_NAMED_ONLY = ("progress", "problems", "measures", "next_steps")  # only a header tells these from a requirement
_HEADERLESS_DOUBT = 0.45  # below the 0.5 of ``checks.flag_uncertain_columns``: the clerk confirms the columns


def _content_only(roles: list, conf: list, stats: list[_Stats]) -> None:
    """A table without header: the cells alone cannot tell 落实情况 or 整改措施 from a requirement, so a
    wordy column right of the task text is its detail, one left of it (shorter than the task text) the
    heading the tasks stand under; and no role is sure, so the preview asks the clerk to confirm."""
    text = roles.index("text") if "text" in roles else None  # no task text: nothing to stand beside
    for c, role in enumerate(roles):
        if role not in _NAMED_ONLY:
            continue
        heading = (text is not None and c < text and stats[c].avg_len < stats[text].avg_len
                   and "group" not in roles[c + 1:text])
        roles[c] = "group" if heading else "detail"
    for c, role in enumerate(roles):
        if role not in (None, "ignore"):
            conf[c] = min(conf[c], _HEADERLESS_DOUBT)


def _sample(data: list[Row]) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in data[:5]]


def _looks_like_plan(stats: list[_Stats]) -> bool:
    """A table without header is a plan table when one column holds sentences and another units,
    deadlines or numbers (a metadata box or a page layout does not)."""
    if len(stats) < 2:
        return False
    texty = [s for s in stats if s.filled >= 2 and s.long >= 0.5]
    support = [s for s in stats if s.filled >= 1 and (s.share("units") >= 0.5 or s.share("deadline", "dated") >= 0.5
                                                      or s.share("num") >= 0.6)]
    return bool(texty) and bool(support)


def _pick_text(stats: list[_Stats], head: list[dict], headers: list[str], roles: list, conf: list) -> None:
    """Decide the task-text column (and, for indicator and 整改 tables, the detail column)."""
    width = len(stats)
    # An indicator table: the last indicator column is the title, the paragraph beside it the detail.
    indicators = [c for c in range(width) if "指标" in headers[c] and head[c].get("group", 0) + head[c].get("text", 0) > 0.9]
    if indicators:
        title = indicators[-1]
        longs = [c for c in range(title + 1, width) if (stats[c].long >= 0.5 or stats[c].avg_len > stats[title].avg_len)
                 and stats[c].share("units", "deadline", "status", "num") < 0.5
                 and not _says(head[c], _UNIT_ROLES + ("deadline", "status", "progress", "next_steps", "number"))]
        # (An indicator names the task; the paragraph beside it, whatever its header, is its requirement.)
        roles[title], conf[title] = "text", 0.8
        if longs:
            roles[longs[0]], conf[longs[0]] = "detail", 0.75
        return
    blocked = ("number", "deadline", "status", "lead", "responsible", "units", "progress", "problems", "measures",
               "next_steps", "remarks")
    cands = []
    for c in range(width):
        if _says(head[c], blocked) and head[c].get("text", 0) < 0.3:
            continue
        if stats[c].long < 0.35:
            continue
        cands.append((stats[c].long + head[c].get("text", 0) + min(stats[c].avg_len, 120) / 400, c))
    if not cands:  # short tasks under a header that names them ("具体任务")
        cands = [(head[c]["text"] + stats[c].long, c) for c in range(width) if head[c].get("text", 0) >= 0.6
                 and stats[c].filled and not _says(head[c], blocked)]
    if not cands:  # a 整改 list: the problem is the task, the measure its detail
        titled = max((stats[c].avg_len for c in range(width) if head[c].get("text", 0) >= 0.5), default=0.0)
        problems = [c for c in range(width) if head[c].get("problems", 0) >= 0.9 and stats[c].long >= 0.5
                    and stats[c].avg_len >= 2 * titled]  # (a task column as wordy as the problems names the task)
        if problems:
            roles[problems[0]], conf[problems[0]] = "text", 0.7
            for c in range(width):
                if c != problems[0] and head[c].get("measures", 0) >= 0.9:
                    roles[c], conf[c] = "detail", 0.7
            return
        # Short tasks: the column whose header names the task (the rightmost of equals), else the wordiest.
        cands = [(head[c]["text"] + c / 1000, c) for c in range(width) if head[c].get("text", 0) >= 0.3
                 and not _says(head[c], blocked) and stats[c].filled]
        cands = cands or [(stats[c].avg_len, c) for c in range(width) if stats[c].filled and not head[c]
                          and stats[c].share("units", "num", "deadline", "status") < 0.5]
    if not cands:
        return
    cands.sort(reverse=True)
    best = cands[0][1]
    roles[best] = "text"
    conf[best] = _confidence(cands[0][0], cands[1][0] if len(cands) > 1 else 0.0)
    # Long columns right of the text whose header names no role are its detail.
    for c in range(best + 1, width):
        if not head[c] and stats[c].long >= 0.5:
            roles[c], conf[c] = "detail", 0.6


def _family(role: str) -> str:
    if role in _UNIT_ROLES:
        return "units"
    return "words" if role in ("detail", "progress", "problems", "measures", "next_steps", "remarks") else role


def _says(weights: dict[str, float], roles: tuple[str, ...], at_least: float = 0.6) -> bool:
    return any(weights.get(r, 0) >= at_least for r in roles)


def _unique(roles: list, conf: list, head: list[dict], stats: list[_Stats]) -> None:
    """One number, deadline and status column: a second claimant takes its next role."""
    for role in _UNIQUE:
        claim = [c for c, r in enumerate(roles) if r == role]
        if len(claim) <= 1:
            continue
        claim.sort(key=lambda c: -(head[c].get(role, 0) + conf[c]))
        for c in claim[1:]:
            roles[c] = "detail" if stats[c].long >= 0.3 else "remarks"
            conf[c] = 0.4
    # 完成情况 beside 落实情况: the status words go to 完成状态.
    progress = [c for c, r in enumerate(roles) if r == "progress"]
    if "status" not in roles and len(progress) > 1:
        c = max(progress, key=lambda k: stats[k].share("status", "template") - stats[k].long)
        roles[c], conf[c] = "status", 0.6


def _number_levels(cols: list[ColumnRole]) -> None:
    level = 0
    for col in cols:
        if col.role == "group":
            level += 1
            col.level = level
        else:
            col.level = 0
