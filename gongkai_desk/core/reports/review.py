"""Build the review table (回头看 / 落实情况表) of a plan as plain data for the exporters."""

from __future__ import annotations

import datetime as _dt
from typing import Iterable

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.labels import numbered_title
from gongkai_desk.core.model import Assignment, Role, Section, Status, TaskRow, is_overdue
from gongkai_desk.core.reports.review_model import (
    COLUMNS,
    ReviewDocument,
    ReviewOptions,
    ReviewRow,
    ReviewSection,
    ReviewTableData,
)
from gongkai_desk.core.text_width import display_width

UNIT_SEP = "、"
OVERDUE_WORD = "逾期"
# Light fills for status cells, the same hues everywhere (UI.md): green done, amber under way,
# red overdue, grey not started, blue ongoing. Light so black text stays readable in print.
STATUS_FILLS: dict[str, str] = {
    Status.DONE.value: "C6EFCE",
    Status.STAGED.value: "FFEB9C",
    Status.IN_PROGRESS.value: "FFEB9C",
    Status.NOT_STARTED.value: "E7E6E6",
    Status.ONGOING.value: "DDEBF7",
    OVERDUE_WORD: "FFC7CE",
}


def status_fill(status: str | None, overdue: bool) -> str | None:
    """Return the "RRGGBB" fill of a status cell (逾期 wins over the status word)."""
    if overdue:
        return STATUS_FILLS[OVERDUE_WORD]
    return STATUS_FILLS.get(status or "")


def default_title(year: int) -> str:
    """Return the usual title of a year's review table."""
    return f"{year}年政务公开工作要点落实情况表"


def parse_columns(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """Return column keys from "a,b,c" (or a list), checked against ``COLUMNS``.

    Chinese headers (序号, 具体任务…) are accepted too, since clerks type what they see.
    """
    if text is None:
        return ReviewOptions().columns
    items = text.replace("，", ",").split(",") if isinstance(text, str) else list(text)
    by_header = {v: k for k, v in COLUMNS.items()}
    keys: list[str] = []
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        key = item if item in COLUMNS else by_header.get(item)
        if key is None:
            known = "、".join(f"{k}（{v}）" for k, v in COLUMNS.items())
            raise ValidationError(f"未知的列“{item}”，可用的列有：{known}。")
        if key not in keys:
            keys.append(key)
    if not [k for k in keys if k != "section"]:
        raise ValidationError("请至少选择一列（“工作任务”只作为分组行，不能单独成表）。")
    return tuple(keys)


def build_review(ws, plan_id: int, options: ReviewOptions, today: _dt.date | None = None) -> ReviewDocument:
    """Return the review table(s) of plan ``plan_id`` laid out as ``options`` asks.

    :param today: the day overdue is judged against (default: the real today).
    """
    today = today or _dt.date.today()
    columns = parse_columns(options.columns)
    plan = ws.plans.get(plan_id)
    sections = {s.id: s for s in ws.plans.sections(plan_id)}
    tasks = ws.tasks.of_plan(plan_id, today=today)
    by_task = ws.progress.of_plan(plan_id)
    title = (options.title or "").strip() or default_title(plan.year)
    headers = tuple(COLUMNS[c] for c in columns)

    if not options.per_unit:
        table = ReviewTableData(title, _subtitle(options, None), columns, headers)
        rows = [(t, by_task.get(t.id, [])) for t in tasks]
        table.sections = _group(rows, sections, columns, options, today, unit_id=None)
        return ReviewDocument([table], plan.year)

    tables = []
    for unit_id, unit_name in _units_in_order(tasks, by_task):
        rows = [(t, by_task.get(t.id, [])) for t in tasks if unit_id in _unit_ids(by_task.get(t.id, []))]
        table = ReviewTableData(
            f"{title}（{unit_name}）", _subtitle(options, unit_name), columns, headers, unit=unit_name
        )
        table.sections = _group(rows, sections, columns, options, today, unit_id=unit_id)
        if table.sections:
            tables.append(table)
    return ReviewDocument(tables, plan.year)


def _subtitle(options: ReviewOptions, unit: str | None) -> str | None:
    parts = []
    if unit:
        parts.append(f"责任单位：{unit}")
    if options.maker:
        parts.append(f"制表单位：{options.maker.strip()}")
    if options.date:
        parts.append(f"日期：{options.date.strip()}")
    return "　　　　".join(parts) or None


def _unit_ids(assignments: list[Assignment]) -> set[int]:
    return {a.unit_id for a in assignments}


def _units_in_order(tasks: list[TaskRow], by_task: dict[int, list[Assignment]]) -> list[tuple[int, str]]:
    """Return units in the order they first appear in the plan (lead units before others)."""
    seen: dict[int, str] = {}
    for t in tasks:
        assignments = sorted(by_task.get(t.id, []), key=lambda a: a.role is not Role.LEAD)
        for a in assignments:
            seen.setdefault(a.unit_id, a.unit_name)
    return list(seen.items())


def _section_path(section_id: int | None, sections: dict[int, Section]) -> list[Section]:
    """Return the task's enclosing level-1 and level-2 sections, outermost first."""
    path = []
    sid = section_id
    while sid is not None and sid in sections:
        s = sections[sid]
        if s.level <= 2:
            path.append(s)
        sid = s.parent_id
    return list(reversed(path))


def section_label(s: Section) -> str:
    """Return a section title with its number as printed: "一、…", "（一）…", "1. …"."""
    return numbered_title(s.level, s.number, s.title)


def _keep(task: TaskRow, mine: Assignment | None, options: ReviewOptions, today: _dt.date) -> bool:
    if not options.unfinished_only:
        return True
    status, overdue = _status_of(task, mine, today)
    return status is not Status.DONE or overdue


def _status_of(task: TaskRow, mine: Assignment | None, today: _dt.date) -> tuple[Status, bool]:
    """Return the status a row shows: the task's overall one, or the unit's own in its 台账."""
    if mine is None:
        return task.status, task.overdue
    return mine.status, is_overdue(task.deadline.date, mine.status, today)


def _group(
    rows: list[tuple[TaskRow, list[Assignment]]],
    sections: dict[int, Section],
    columns: tuple[str, ...],
    options: ReviewOptions,
    today: _dt.date,
    unit_id: int | None,
) -> list[ReviewSection]:
    """Turn tasks into rows grouped under merged section rows (only sections that keep rows)."""
    out: list[ReviewSection] = []
    with_sections = "section" in columns
    current: list[int] = []  # ids of the section path printed last
    number = 0
    for task, assignments in rows:
        mine = next((a for a in assignments if a.unit_id == unit_id), None) if unit_id else None
        if not _keep(task, mine, options, today):
            continue
        path = _section_path(task.section_id, sections) if with_sections else []
        ids = [s.id for s in path]
        if not out or ids != current:
            # Print only the levels that changed: a new (二) under the same 一、 adds one row.
            common = 0
            while common < min(len(ids), len(current)) and ids[common] == current[common]:
                common += 1
            new_levels = path[common:] if out else path
            for s in new_levels:
                out.append(ReviewSection(section_label(s)))
            if not new_levels:
                # Back out of a (二) into its 一、 (or out of all sections): name where we are.
                out.append(ReviewSection(section_label(path[-1]) if path else ""))
            current = ids
        number += 1
        out[-1].rows.append(_row(number, task, assignments, mine, columns, options, today))
    return out


def _row(
    number: int,
    task: TaskRow,
    assignments: list[Assignment],
    mine: Assignment | None,
    columns: tuple[str, ...],
    options: ReviewOptions,
    today: _dt.date,
) -> ReviewRow:
    status, overdue = _status_of(task, mine, today)
    status_text = f"{status.value}（{OVERDUE_WORD}）" if overdue else status.value
    reporters = [mine] if mine is not None else assignments
    lead, resp = list(task.lead_units), list(task.responsible_units)
    if mine is not None and not options.repeat_unit:
        # The table's heading already names the unit: list only the other units in the row.
        lead = [u for u in lead if u != mine.unit_name]
        resp = [u for u in resp if u != mine.unit_name]
    text = task.text if not task.detail else f"{task.text}\n{task.detail}"
    cells = {
        "number": str(number),
        "text": text,
        "lead_units": UNIT_SEP.join(lead),
        "responsible_units": UNIT_SEP.join(resp),
        "deadline": task.deadline.phrase or "",
        "progress": _per_unit_text(reporters, "done"),
        "status": status_text,
        "problems": _per_unit_text(reporters, "problems"),
        "next_steps": _per_unit_text(reporters, "next_steps"),
        "evidence": _per_unit_text(reporters, "evidence"),
        "note": "",
    }
    return ReviewRow({c: cells[c] for c in columns if c != "section"}, status.value, overdue)


def _per_unit_text(assignments: list[Assignment], attr: str) -> str:
    """Join the units' texts; prefix each with its unit name when several units wrote one."""
    written = [(a.unit_name, (getattr(a, attr) or "").strip()) for a in assignments]
    written = [(u, t) for u, t in written if t]
    if len(written) == 1:
        return written[0][1]
    return "\n".join(f"{u}：{t}" for u, t in written)


# Widths (in characters) a column never goes below / above when sized to its content.
_MIN_CHARS = {"number": 2.0, "status": 5.0, "deadline": 4.0}
_MAX_CHARS = {"number": 3.0, "status": 5.0, "deadline": 6.0, "lead_units": 6.0,
              "responsible_units": 8.0, "note": 4.0}
_SHORT = 12.0  # columns capped at or under this many characters get exactly what they need
_PAD = 1.0  # cell margins and font differences, in characters


def column_weights(table: ReviewTableData) -> list[float]:
    """Return the width in characters each printed column would like.

    Short columns (序号, 状态, 时限, 单位) want their longest line; long text columns their
    typical (80th-percentile) length; both capped so one essay cannot squeeze the rest.
    """
    rows = [row for sec in table.sections for row in sec.rows]
    # Percentiles need no more than a few hundred rows: sample big tables evenly.
    sample = rows[:: max(1, len(rows) // 400)]
    weights = []
    for key, header in printed_columns(table):
        cap = _MAX_CHARS.get(key, 40.0)
        if cap <= _SHORT:
            typical = _longest_line(row.cells.get(key, "") for row in rows)
        else:
            lengths = sorted(display_width(row.cells.get(key, "")) for row in sample)
            typical = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0.0
        head = display_width(header) / (2 if len(header) > 3 else 1)  # a header may wrap once
        # Long columns keep room to write in by hand when still empty (tables printed for meetings).
        want = max(head, _MIN_CHARS.get(key, 4.0 if cap <= _SHORT else 10.0), typical)
        weights.append(min(want, cap))
    return weights


def _longest_line(texts: Iterable[str]) -> float:
    """Return the display width of the longest line among ``texts``."""
    best = 0.0
    for text in texts:
        if len(text) <= best:
            continue  # display width never exceeds the length: cannot beat the best
        for line in text.split("\n"):
            best = max(best, display_width(line))
    return best


def fit_widths(table: ReviewTableData, budget: float) -> list[float]:
    """Return column widths in characters (cell margins included) that add up to ``budget``.

    Short columns get exactly what they need; long text columns share the rest in
    proportion to their typical length. When even that does not fit, all shrink alike.
    """
    keys = [k for k, _ in printed_columns(table)]
    want = column_weights(table)
    short = [_MAX_CHARS.get(k, 40.0) <= _SHORT for k in keys]
    fixed = sum(w + _PAD for w, s in zip(want, short) if s)
    long_total = sum(w for w, s in zip(want, short) if not s)
    n_long = short.count(False)
    if n_long and budget - fixed >= 6 * n_long:
        rest = budget - fixed
        return [w + _PAD if s else rest * w / long_total for w, s in zip(want, short)]
    total = sum(w + _PAD for w in want) or 1.0
    return [(w + _PAD) * budget / total for w in want]


def printed_columns(table: ReviewTableData) -> list[tuple[str, str]]:
    """Return (key, header) of the columns printed as columns ("section" prints as rows)."""
    return [(k, h) for k, h in zip(table.columns, table.headers) if k != "section"]
