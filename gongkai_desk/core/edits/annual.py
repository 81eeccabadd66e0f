"""Annual-report data: statistics cells, report metadata and narrative texts (``ws.annual``).

Cell values are stored as TEXT so 万元 amounts keep their decimals exactly; a missing cell or
None is "not filled" (BLANK-CELL), never 0.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows
from gongkai_desk.core.values import check_year

if TYPE_CHECKING:
    from gongkai_desk.core.undo import Recorder, UndoStack

STATS_CHANGES = Changes(stats=True)
REPORT_CHANGES = Changes(report=True)
_META_FIELDS = ("issuer", "report_date", "format")


class Annual:
    """One year's annual report: its statistics, its office and date, its section texts."""

    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack) -> None:
        self._conn, self._undo = conn, undo_stack

    def stats_cells(self, year: int) -> dict[str, str | None]:
        return {r["cell"]: r["value"] for r in q.stats_rows(self._conn, check_year(year))}

    def set_stats_cells(self, year: int, values: dict[str, str | None], *, label: str = "修改年报统计数据") -> Changes:
        year = check_year(year)

        def build(r: Recorder) -> None:
            for cell, value in values.items():
                if not isinstance(cell, str) or not cell.startswith("table"):
                    raise ValidationError(f"统计表单元格“{cell}”不存在。")
                text = None if value is None or str(value).strip() == "" else str(value).strip()
                r.upsert("annual_stats", rows.stats_cell(year=year, cell=cell), {"value": text})

        self._undo.run(label, STATS_CHANGES, build)
        return STATS_CHANGES

    def meta(self, year: int) -> dict[str, Any]:
        row = q.get_row(self._conn, "annual_reports", {"year": check_year(year)})
        return {k: (row or {}).get(k) for k in _META_FIELDS}

    def set_meta(self, year: int, **fields: Any) -> Changes:
        year = check_year(year)
        unknown = set(fields) - set(_META_FIELDS)
        if unknown:
            raise ValidationError(f"不认识的年报信息字段：{', '.join(sorted(unknown))}。")
        self._undo.run("修改年报信息", REPORT_CHANGES,
                            lambda r: r.upsert("annual_reports", {"year": year}, dict(fields)))
        return REPORT_CHANGES

    def set_report(self, year: int, *, meta: dict[str, Any] | None = None,
                   texts: dict[str, str] | None = None, label: str = "修改年度报告") -> Changes:
        """Store some of the year's 发布机关/成文日期 and section texts as one undoable edit."""
        year = check_year(year)
        meta, texts = dict(meta or {}), dict(texts or {})
        unknown = set(meta) - set(_META_FIELDS)
        if unknown:
            raise ValidationError(f"不认识的年报信息字段：{', '.join(sorted(unknown))}。")

        def build(r: Recorder) -> None:
            if meta:
                r.upsert("annual_reports", {"year": year}, meta)
            for section, text in texts.items():
                r.upsert("annual_report_texts", {"year": year, "section": section}, {"text": text or ""})

        self._undo.run(label, REPORT_CHANGES, build)
        return REPORT_CHANGES

    def texts(self, year: int) -> dict[str, str]:
        return {r["section"]: r["text"] for r in q.report_text_rows(self._conn, check_year(year))}

    def set_text(self, year: int, section: str, text: str) -> Changes:
        year = check_year(year)
        self._undo.run(f"修改年报第{section}部分", REPORT_CHANGES,
                            lambda r: r.upsert("annual_report_texts", {"year": year, "section": section}, {"text": text or ""}))
        return REPORT_CHANGES
