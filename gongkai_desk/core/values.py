"""Checks and conversions of single values on their way into the database.

Edits validate with these (one Chinese sentence per bad value); ``storage/rows.py`` uses them to
spell each row the same way wherever it is written.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable
from typing import Any

from gongkai_desk.core.errors import ValidationError


def check_year(year: Any) -> int:
    """Return ``year`` as an int between 1990 and 2100, or refuse it in Chinese."""
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise ValidationError(f"年份“{year}”不是有效的年份，请填写四位数字，例如 2026。") from None
    if not 1990 <= y <= 2100:
        raise ValidationError(f"年份 {y} 超出范围，请填写 1990 到 2100 之间的年份。")
    return y


def required_text(value: Any, what: str) -> str:
    """Return ``value`` stripped; refuse an empty one ("计划标题不能为空。")."""
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if not text:
        raise ValidationError(f"{what}不能为空。")
    return text


def optional_text(value: Any) -> str | None:
    """Return ``value`` stripped, or None when it is empty."""
    if value is None:
        return None
    return str(value).strip() or None


def json_list(items: Iterable[Any] | None) -> str:
    """A list stored as JSON text (issuers, flags), Chinese kept readable."""
    return json.dumps(list(items or []), ensure_ascii=False)


def iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


def now_text() -> str:
    """The current time as stored (seconds, local time)."""
    return _dt.datetime.now().isoformat(timespec="seconds")


def deadline_columns(phrase: str | None, year: int | None, date: _dt.date | None = None) -> dict[str, Any]:
    """Store a deadline phrase as written plus its typed kind and date."""
    from gongkai_desk.core.deadlines import parse_deadline

    phrase = (phrase or "").strip() or None
    d = parse_deadline(phrase, year)
    kind = d.kind.value if d.kind else None
    when = date or d.date
    if date is not None and kind is None:
        kind = "date"
    return {"deadline_text": phrase, "deadline_kind": kind, "deadline_date": when.isoformat() if when else None}
