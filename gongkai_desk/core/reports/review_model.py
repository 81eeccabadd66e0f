"""The review table (回头看 / 落实情况表) as plain data: built once, laid out by each exporter."""

from __future__ import annotations

from dataclasses import dataclass, field

# Column keys (stable, used by ``export review --columns``) and their printed headers.
COLUMNS: dict[str, str] = {
    "number": "序号",
    "section": "任务类别",
    "text": "具体任务",
    "lead_units": "牵头单位",
    "responsible_units": "责任单位",
    "deadline": "完成时限",
    "progress": "落实情况",
    "status": "完成状态",
    "alert": "逾期/提示",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "evidence": "佐证材料",
    "note": "备注",
}
# The names clerks give each column in local templates (池州、集美、督察表, seed 003…), so
# ``--columns`` takes what they type. 工作任务 / 主要内容 / 任务内容 name the task text there.
ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("编号", "排序"),
    "section": ("类别", "分类", "任务分类", "一级指标", "所属部分", "分组", "部分", "工作类别"),
    "text": ("工作任务", "任务内容", "主要内容", "工作内容", "任务", "重点任务", "具体内容", "二级指标",
             "具体要求", "工作要求"),
    "lead_units": ("牵头部门", "牵头"),
    "responsible_units": ("责任部门", "配合单位", "配合部门", "责任科室", "协办单位", "参与单位"),
    "deadline": ("时限要求", "完成期限", "完成时间", "时限", "期限", "时间要求"),
    "progress": ("完成情况", "进展情况", "工作进展", "推进情况", "落实进展"),
    "status": ("状态", "进度", "完成进度", "是否完成"),
    "alert": ("逾期", "提示", "逾期提示", "期限提示", "预警"),
    "problems": ("问题", "存在的问题", "存在问题及建议"),
    "next_steps": ("下步打算", "下一步计划", "整改措施", "下步措施", "下一步工作"),
    "evidence": ("佐证", "佐证资料", "证明材料", "材料提供部门"),
    "note": ("说明",),
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
    title: str | None = None  # default: the plan's title as a 落实情况表, its locality kept
    maker: str | None = None  # 制表单位 (also the files' author); default: the office
    date: str | None = None  # 制表日期, as printed ("2026年11月23日")
    repeat_unit: bool = True  # per-unit tables: repeat the unit name in each row
    # Word/PDF: a plain "— n —" footer at the foot of the landscape page for offices that bind
    # nothing, instead of GB/T 9704 §8's number on the bound foot of the sheet, rotated.
    simple_footer: bool = False
    # Headers the clerk named a column by (``--columns 工作任务,整改措施``): key → printed header.
    headers: tuple[tuple[str, str], ...] = ()
    # Excel: sections as merged rows between the tasks (as printed) instead of a 任务类别 column
    # (which keeps Excel's sort and filter working).
    section_rows: bool = False


@dataclass
class ReviewRow:
    """A task row; ``cells`` maps column keys to printed text ("section" is its section's label,
    "status" only the status word, "alert" 逾期 or the yellow deadline light's reason)."""

    cells: dict[str, str]
    status: str | None  # the status word, for colouring: 已完成/推进中/…
    overdue: bool = False
    warn: bool = False  # the deadline light is yellow (due soon, or 持续推进 without a recent update)


@dataclass
class ReviewSection:
    """A 任务类别 group: a section title printed as a merged row, then its tasks."""

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
    title: str = ""  # the document's title (per-unit files: without the unit)
    author: str = ""  # the office that made it: 制表单位, else the office in the settings
    options: ReviewOptions = field(default_factory=ReviewOptions)
