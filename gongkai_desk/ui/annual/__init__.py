"""The 年度报告 view (统计与年报): tables, checks, narrative texts, import and export."""

from __future__ import annotations

from gongkai_desk.ui.annual.view import AnnualReportView

__all__ = ["AnnualReportView"]
