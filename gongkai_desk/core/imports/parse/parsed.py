"""What a parse yields: a plan as read from a document, before it is stored.

``ParsedPlan.to_json()`` is the ``parse --json`` contract of ``shared/CLI.md``: keep its keys.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ParseWarning:
    line: int | None  # 1-based line of the text as read (.docx: block order; .xlsx: sheet row)
    code: str  # short stable snake_case name: units_inherited, duplicate_section, ...
    message: str  # one Chinese sentence

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "code": self.code, "message": self.message}


@dataclass
class ParsedSection:
    number: str | None  # bare: "一" for 一、 and (一), "1" for 1.
    title: str
    level: int  # 1 = 一、, 2 = (一), 3 = 1., 4 = (1), 5 = ①; -3 = 第X部分/编/篇, -2 = 第X章, -1 = 第X节, 0 = 第X条
    line: int | None = None
    children: list["ParsedSection"] = field(default_factory=list)
    context: bool = False  # 指导思想, 总体要求, 保障措施 …: kept as the plan's context, never tasks

    def to_json(self) -> dict[str, Any]:
        out = {
            "number": self.number,
            "title": self.title,
            "level": self.level,
            "children": [c.to_json() for c in self.children],
        }
        if self.context:
            out["context"] = True
        return out


@dataclass
class ParsedTask:
    number: str | None
    section: list[str]  # titles of enclosing sections, outermost first
    text: str
    detail: str | None = None
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    deadline: str | None = None  # the phrase as written
    status: str | None = None  # review tables: 完成状态
    progress: str | None = None  # review tables: 落实情况 text
    problems: str | None = None  # review tables: 存在问题
    next_steps: str | None = None  # review tables: 下步计划
    flags: list[str] = field(default_factory=list)
    line: int | None = None
    units_raw: str | None = None  # the unit text as written, before normalization
    section_path: list[int] = field(default_factory=list)  # index path into ParsedPlan.sections
    srcs: list[int] = field(default_factory=list)  # source pieces (ledger ids) the task was read from

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "section": list(self.section),
            "text": self.text,
            "detail": self.detail,
            "lead_units": list(self.lead_units),
            "responsible_units": list(self.responsible_units),
            "deadline": self.deadline,
            "status": self.status,
            "progress": self.progress,
            "problems": self.problems,
            "next_steps": self.next_steps,
            "flags": list(self.flags),
            "line": self.line,
            "units_raw": self.units_raw,
        }


@dataclass
class ParsedPlan:
    title: str | None = None
    issuer: list[str] | None = None
    doc_number: str | None = None
    date: _dt.date | None = None
    published: _dt.date | None = None
    year: int | None = None
    kind: str = "plan"  # "plan" | "review"
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    source: str | None = None  # file name it came from
    tables: list[Any] = field(default_factory=list)  # columns.TableLayout of every plan table read
    not_imported: list[Any] = field(default_factory=list)  # ledger.NotImported: what was left out, and why
    ledger: Any = None  # ledger.Ledger: where every piece of the source went (for checks and tests)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": list(self.issuer) if self.issuer else None,
            "doc_number": self.doc_number,
            "date": self.date.isoformat() if self.date else None,
            "published": self.published.isoformat() if self.published else None,
            "year": self.year,
            "kind": self.kind,
            "sections": [s.to_json() for s in self.sections],
            "tasks": [t.to_json() for t in self.tasks],
            "warnings": [w.to_json() for w in self.warnings],
            "tables": [t.to_json() for t in self.tables],
            "not_imported": [n.to_json() for n in self.not_imported],
        }

    @property
    def flagged_tasks(self) -> list[ParsedTask]:
        return [t for t in self.tasks if t.flags]

    def summary(self) -> str:
        """One Chinese line for the clerk: 识别任务50项，其中3项需要确认."""
        n, f = len(self.tasks), len(self.flagged_tasks)
        return f"识别任务{n}项，其中{f}项需要确认" if f else f"识别任务{n}项"
