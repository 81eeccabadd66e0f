"""Export a year's annual report (政府信息公开工作年度报告) to .docx or .xlsx, chosen by suffix.

The export is refused (StatsRuleError, no file written) while any error-level check fails: the
arithmetic rules, a missing office or date, an empty or stub section, a placeholder left. A
draft (``draft=True``) is written anyway, marked 草稿 on every page and in its file name.
"""

from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Callable
from typing import Any

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.exporters import limits
from gongkai_desk.core.exporters.properties import office_name, report_properties
from gongkai_desk.core.files import write_atomic
from gongkai_desk.core.reports.annual import (
    AnnualReport,
    build_report,
    draft_path_name,
    refuse_if_errors,
    report_failures,
)

SUFFIXES = (".docx", ".xlsx")


def write_report(report: AnnualReport, out_path: str | os.PathLike[str], office: str = "") -> Path:
    """Write ``report`` as .docx or .xlsx (by suffix) atomically; no checks here.

    ``office``: the files' author and company (default: the report's issuer).
    """
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix == ".docx":
        from gongkai_desk.core.exporters.docx.annual import write_docx as writer
    elif suffix == ".xlsx":
        from gongkai_desk.core.exporters.xlsx.annual import write_xlsx as writer
    else:
        raise ValidationError(f"不支持导出为“{out.suffix or out.name}”格式，年度报告请用 .docx 或 .xlsx。")
    report = limits.annual_report(report)
    props = report_properties(report, office)
    return write_atomic(out, lambda tmp: writer(report, tmp, props))


def output_path(out_path: str | os.PathLike[str], *, draft: bool) -> Path:
    """Return where the export goes: a draft's file name says 草稿."""
    out = Path(out_path)
    return out.with_name(draft_path_name(out.name, out.suffix)) if draft else out


def export_annual_report(ws: Any, year: int, out_path: str | os.PathLike[str], *,
                         draft: bool = False, prepare: Callable[[AnnualReport], AnnualReport] | None = None) -> Path:
    """Check and export the year's report; refuse (StatsRuleError, no file) on any error.

    With ``draft`` the report is written whatever the checks say, marked 草稿. ``prepare(report)``
    returns the report to write (the publication check may mask it, or cancel by raising).
    """
    out = output_path(out_path, draft=draft)
    if out.suffix.lower() not in SUFFIXES:
        raise ValidationError(f"不支持导出为“{out.suffix or out.name}”格式，年度报告请用 .docx 或 .xlsx。")
    report = build_report(ws, year, draft=draft)
    if not draft:
        refuse_if_errors(report_failures(ws, year, stats=report.stats, texts=report.texts))
    if prepare is not None:
        report = prepare(report)
    return write_report(report, out, office_name(ws))
