"""Gather a year's annual report from the workspace and check it (the exporters lay it out).

``refuse_if_errors`` refuses an export (StatsRuleError) while any error-level rule fails;
warnings never block.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual import narrative
from gongkai_desk.core.annual.rules import RuleFailure, check, errors
from gongkai_desk.core.annual.stats import Stats
from gongkai_desk.core.errors import StatsRuleError


@dataclass
class AnnualReport:
    """Everything an exporter lays out: no workspace, no checks."""

    year: int
    issuer: str
    report_date: str  # as printed: "2024年1月20日"
    stats: Stats
    texts: dict[str, str] = field(default_factory=dict)  # section no → plain text

    @property
    def title(self) -> str:
        return f"{self.issuer}{self.year}年政府信息公开工作年度报告"


def load_stats(ws: Any, year: int) -> Stats:
    """Return the stored statistics of ``year`` (blank cells as None)."""
    return Stats(year, ws.annual.stats_cells(year))


def previous_stats(ws: Any, year: int) -> Stats | None:
    """Return last year's statistics, or None when nothing was stored for it."""
    cells = ws.annual.stats_cells(year - 1)
    if not any(v is not None for v in cells.values()):
        return None
    return Stats(year - 1, cells)


def report_failures(ws: Any, year: int, stats: Stats | None = None,
                    texts: dict[str, str] | None = None) -> list[RuleFailure]:
    """Return every failing rule for ``year``: tables, last year's carry-over, narrative texts."""
    stats = stats if stats is not None else load_stats(ws, year)
    texts = texts if texts is not None else ws.annual.texts(year)
    return check(stats, previous=previous_stats(ws, year), texts=texts,
                 previous_texts=ws.annual.texts(year - 1))


def format_date(text: str | None, fallback: _dt.date | None = None) -> str:
    """Return a date as GB/T 9704 prints it ("2024年1月5日"); free text is kept as typed."""
    if text:
        try:
            d = _dt.date.fromisoformat(str(text))
        except ValueError:
            return str(text)
    else:
        d = fallback or _dt.date.today()
    return f"{d.year}年{d.month}月{d.day}日"


def draft_texts(ws: Any, year: int, stats: Stats | None = None) -> dict[str, str]:
    """Return fresh drafts of the narrative sections from the tables and the year's plans."""
    stats = stats if stats is not None else load_stats(ws, year)
    issuer = ws.annual.meta(year).get("issuer") or ""
    return narrative.draft_all(
        stats, issuer=issuer, previous_texts=ws.annual.texts(year - 1),
        plans=narrative.plan_progress(ws, year),
    )


def build_report(ws: Any, year: int) -> AnnualReport:
    """Collect the report: stored texts, with drafts for the sections never edited."""
    stats = load_stats(ws, year)
    meta = ws.annual.meta(year)
    stored = ws.annual.texts(year)
    texts = dict(stored)
    if any(not (stored.get(no) or "").strip() for no in fmt.TEXT_SECTIONS):
        drafts = draft_texts(ws, year, stats)
        for no in fmt.TEXT_SECTIONS:
            if not (texts.get(no) or "").strip():
                texts[no] = drafts[no]
    return AnnualReport(
        year=year, issuer=(meta.get("issuer") or "").strip(),
        report_date=format_date(meta.get("report_date")), stats=stats, texts=texts,
    )


def refuse_if_errors(failures: list[RuleFailure]) -> None:
    """Raise StatsRuleError naming every failing error rule and its cells."""
    bad = errors(failures)
    if not bad:
        return
    ids = "、".join(dict.fromkeys(f.rule_id for f in bad))
    lines = [f"统计数据不符合年报格式的{len(bad)}项规则（{ids}），未导出年度报告："]
    lines += [f.as_line() for f in bad]
    raise StatsRuleError("\n".join(lines), bad)
