"""Export a year's annual report (政府信息公开工作年度报告) to .docx or .xlsx, chosen by suffix.

The export is refused (StatsRuleError, no file written) while any error-level rule fails;
warnings never block.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from gongkai_desk.core.annual.rules import check
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.exporters.properties import office_name, report_properties
from gongkai_desk.core.files import write_atomic
from gongkai_desk.core.reports.annual import AnnualReport, build_report, refuse_if_errors


def write_report(report: AnnualReport, out_path: str | os.PathLike[str], office: str = "") -> Path:
    """Write ``report`` as .docx or .xlsx (by suffix) atomically; no rule checks here.

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
    props = report_properties(report, office)
    return write_atomic(out, lambda tmp: writer(report, tmp, props))


def export_annual_report(ws: Any, year: int, out_path: str | os.PathLike[str]) -> Path:
    """Check and export the year's report; refuse (StatsRuleError, no file) on any error rule."""
    report = build_report(ws, year)
    refuse_if_errors(check(report.stats))
    return write_report(report, out_path, office_name(ws))
