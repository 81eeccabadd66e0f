"""The review table (回头看 / 落实情况表) as plain data: built once, laid out by each exporter."""

from __future__ import annotations

from dataclasses import dataclass, field

# Column keys (stable, used by ``export review --columns``) and their printed headers.
COLUMNS: dict[str, str] = {
    "number": "序号",
    "section": "工作任务",
    "text": "具体任务",
    "lead_units": "牵头单位",
    "responsible_units": "责任单位",
    "deadline": "完成时限",
    "progress": "落实情况",
    "status": "完成状态",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "evidence": "佐证材料",
    "note": "备注",
}
DEFAULT_COLUMNS: tuple[str, ...] = (
    "number",
    "section",
    "text",
    "lead_units",
    "responsible_units",
    "deadline",
    "progress",
    "status",
)


@dataclass(frozen=True)
class ReviewOptions:
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    per_unit: bool = False  # one table per unit (each unit's own 台账)
    unfinished_only: bool = False  # only tasks not 已完成, or overdue
    title: str | None = None  # default: "<year>年政务公开工作要点落实情况表"
    maker: str | None = None  # 制表单位
    date: str | None = None  # 制表日期, as printed ("2026年11月23日")
    repeat_unit: bool = True  # per-unit tables: repeat the unit name in each row


@dataclass
class ReviewRow:
    """A task row; ``cells`` maps column keys (minus "section") to printed text."""

    cells: dict[str, str]
    status: str | None  # the overall status word, for colouring: 已完成/推进中/…
    overdue: bool = False


@dataclass
class ReviewSection:
    """A 工作任务 group: a section title printed as a merged row, then its tasks."""

    title: str
    rows: list[ReviewRow] = field(default_factory=list)


@dataclass
class ReviewTableData:
    """One printed table: a title line, the 制表单位/date line, header and grouped rows."""

    title: str
    subtitle: str | None  # "制表单位：…　　日期：…", or None
    columns: tuple[str, ...]  # keys, in print order (may include "section")
    headers: tuple[str, ...]  # printed header text, same order
    sections: list[ReviewSection] = field(default_factory=list)
    unit: str | None = None  # per-unit tables: whose table this is


@dataclass
class ReviewDocument:
    """What an exporter writes: one table, or one per unit."""

    tables: list[ReviewTableData]
    year: int
