"""Gather a year's annual report from the workspace and check it (the exporters lay it out).

The report holds exactly what the window shows: the stored texts (no draft is slipped in), the
office (the year's 发布机关, else the office named in 设置) and the stored 成文日期.
``refuse_if_errors`` refuses an export (StatsRuleError) while any error-level check fails;
warnings never block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual import narrative
from gongkai_desk.core.annual.readiness import check_readiness, parse_date
from gongkai_desk.core.annual.rules import RuleFailure, check, errors
from gongkai_desk.core.annual.stats import Stats
from gongkai_desk.core.errors import StatsRuleError

TITLE_TAIL = "年政府信息公开工作年度报告"
DRAFT_MARK = "草稿"


@dataclass
class AnnualReport:
    """Everything an exporter lays out: no workspace, no checks."""

    year: int
    issuer: str
    report_date: str  # as printed: "2024年1月20日" ("" when not set)
    stats: Stats
    texts: dict[str, str] = field(default_factory=dict)  # section key (fmt.TEXT_KEYS) → plain text
    draft: bool = False  # marked 草稿 on every page

    @property
    def title(self) -> str:
        return f"{self.issuer}{self.title_tail}"

    @property
    def title_tail(self) -> str:
        """The title after the office: "2023年政府信息公开工作年度报告"."""
        return f"{self.year}{TITLE_TAIL}"


@dataclass(frozen=True)
class Issuer:
    """The office the report is issued by, and where that name comes from."""

    name: str
    source: str | None  # "report" (set for this year), "settings" (设置's office), None


def issuer_of(ws: Any, year: int) -> Issuer:
    """Return the year's 发布机关, defaulting to the office named in 设置."""
    own = (ws.annual.meta(year).get("issuer") or "").strip()
    if own:
        return Issuer(own, "report")
    office = ws.settings.office().name.strip()
    return Issuer(office, "settings") if office else Issuer("", None)


def load_stats(ws: Any, year: int) -> Stats:
    """Return the stored statistics of ``year`` (blank cells as None)."""
    return Stats(year, ws.annual.stats_cells(year))


def previous_stats(ws: Any, year: int) -> Stats | None:
    """Return last year's statistics, or None when nothing was stored for it."""
    cells = ws.annual.stats_cells(year - 1)
    if not any(v is not None for v in cells.values()):
        return None
    return Stats(year - 1, cells)


def ordered_texts(texts: dict[str, str]) -> dict[str, str]:
    """Return the texts in print order (opening, 一 … 六), dropping unknown keys."""
    return {k: texts[k] for k in fmt.TEXT_KEYS if k in texts}


def report_failures(ws: Any, year: int, stats: Stats | None = None,
                    texts: dict[str, str] | None = None, *, issuer: str | None = None,
                    date: str | None = None, readiness: bool = True) -> list[RuleFailure]:
    """Return every failing check for ``year``: tables, last year, the texts and (with
    ``readiness``) the office, the date, placeholders and empty sections.

    ``stats``, ``texts``, ``issuer`` and ``date`` override the stored ones (the window checks
    what is being typed).
    """
    stats = stats if stats is not None else load_stats(ws, year)
    texts = ordered_texts(texts if texts is not None else ws.annual.texts(year))
    out = check(stats, previous=previous_stats(ws, year), texts=texts,
                previous_texts=ws.annual.texts(year - 1))
    if readiness:
        issuer = issuer if issuer is not None else issuer_of(ws, year).name
        date = date if date is not None else ws.annual.meta(year).get("report_date")
        found = check_readiness(year, issuer=issuer, date=date, texts=texts)
        out = [f for f in found if f.is_error] + out + [f for f in found if not f.is_error]
    return sorted(out, key=lambda f: not f.is_error)  # errors first, each group in its order


def format_date(text: str | None) -> str:
    """Return a date as GB/T 9704 prints it ("2024年1月5日"); "" when none or not a date."""
    d = parse_date(text)
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def iso_date(text: str | None) -> str | None:
    """Return the date as YYYY-MM-DD, None when it is not a date."""
    d = parse_date(text)
    return d.isoformat() if d else None


def draft_texts(ws: Any, year: int, stats: Stats | None = None) -> dict[str, str]:
    """Return fresh drafts of the opening and the narrative sections (tables, plans, 设置)."""
    stats = stats if stats is not None else load_stats(ws, year)
    office = ws.settings.office()
    return narrative.draft_all(
        stats, issuer=issuer_of(ws, year).name, previous_texts=ws.annual.texts(year - 1),
        plans=narrative.plan_progress(ws, year), office=office,
    )


def build_report(ws: Any, year: int, *, draft: bool = False) -> AnnualReport:
    """Collect the report as stored: what the window shows, nothing more."""
    meta = ws.annual.meta(year)
    return AnnualReport(
        year=year, issuer=issuer_of(ws, year).name,
        report_date=format_date(meta.get("report_date")), stats=load_stats(ws, year),
        texts=ordered_texts(ws.annual.texts(year)), draft=draft,
    )


def refuse_if_errors(failures: list[RuleFailure]) -> None:
    """Raise StatsRuleError naming every failing error check, in Chinese with its rule id."""
    bad = errors(failures)
    if not bad:
        return
    lines = [f"年度报告还有{len(bad)}个问题，改正后才能导出（也可以先导出草稿供审阅）："]
    lines += [f"{i}. {f.as_line()}" for i, f in enumerate(bad, 1)]
    raise StatsRuleError("\n".join(lines), bad)


def draft_path_name(name: str, suffix: str) -> str:
    """Return a file name marked 草稿 ("年报.docx" → "年报（草稿）.docx"), unchanged if it is."""
    stem = name[: -len(suffix)] if suffix and name.endswith(suffix) else name
    return name if DRAFT_MARK in stem else f"{stem}（{DRAFT_MARK}）{suffix}"

