"""The stream the builder walks: one entry per heading, paragraph, table or table row."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entry:
    kind: str  # "heading" | "para" | "row" | "table"
    line: int
    level: int = 0
    number: str | None = None
    text: str = ""
    row: object | None = None  # table_rows.TableItem
    srcs: list[int] = field(default_factory=list)
    mark: str | None = None  # a numbered line's punctuation ("、", ".", ")", "()"), for lost numerals
