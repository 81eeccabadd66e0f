"""Build the review table (回头看 / 落实情况表) of a plan as plain data for the exporters.

Column sizing lives in ``review_layout``; the columns and options in ``review_model``.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterable

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.labels import numbered_title
from gongkai_desk.core.lights import FILLS, RED, YELLOW, Light, entry_light
from gongkai_desk.core.model import Assignment, Role, Section, Status, TaskRow, is_overdue
from gongkai_desk.core.numbering import display_numbers
from gongkai_desk.core.task_list import iso_date
from gongkai_desk.core.reports.review_layout import (  # noqa: F401  (re-exported for the exporters)
    column_weights,
    fit_widths,
    header_text,
    printed_columns,
)
from gongkai_desk.core.reports.task_lights import TaskLights, task_lights
from gongkai_desk.core.reports.review_model import (
    ALIASES,
    COLUMNS,
    ReviewDocument,
    ReviewOptions,
    ReviewRow,
    ReviewSection,
    ReviewTableData,
)

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
WARN_FILL = FILLS[YELLOW]  # the 逾期/提示 cell of a row whose deadline light is yellow
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
# What a plan's title calls the document (实施方案, 任务分解…); the review table replaces it.
_DOC_KIND = re.compile(
    r"(?:落实情况.*|“?回头看”?.*|自查.*|实施方案|工作方案|工作计划|任务分解表?|任务分工(?:方案|表)?"
    r"|分工方案|责任分工(?:方案|表)?|任务清单|责任清单|分解表|的通知)$"
)
_LOCALITY = re.compile(r"^.{1,10}?(?:自治州|自治县|省|市|区|县|旗|盟)")


def status_fill(status: str | None, overdue: bool) -> str | None:
    """Return the "RRGGBB" fill of a status cell (逾期 wins over the status word)."""
    if overdue:
        return STATUS_FILLS[OVERDUE_WORD]
    return STATUS_FILLS.get(status or "")


def default_title(year: int) -> str:
    """Return the usual title of a year's review table when the plan's title says nothing."""
    return f"{year}年政务公开工作要点落实情况表"


def review_title(plan_title: str | None, year: int) -> str:
    """Return the review table's title made from the plan's, its locality and year kept.

    "钟楼区2018年政务公开工作要点实施方案" → "钟楼区2018年政务公开工作要点落实情况表";
    a title without a year gets one after its place name ("荣县2019年全面推进…落实情况表").
    """
    base = re.sub(r"[《》\s]", "", plan_title or "")
    while True:
        cut = _DOC_KIND.sub("", base)
        if cut == base:
            break
        base = cut
    base = base.rstrip("的之、，,")
    if not base:
        return default_title(year)
    if not _YEAR.search(base):
        place = _LOCALITY.match(base)
        at = place.end() if place else 0
        base = f"{base[:at]}{year}年{base[at:]}"
    return f"{base}落实情况表"


def _lookup() -> dict[str, str]:
    names = {key: key for key in COLUMNS}
    for key, header in COLUMNS.items():
        names[header] = key
    for key, words in ALIASES.items():
        for word in words:
            names.setdefault(word, key)
    return names


def accepted_names() -> str:
    """Every name ``--columns`` takes, column by column, for error messages and help."""
    return "；".join(f"{key}（{'、'.join((COLUMNS[key], *ALIASES.get(key, ())))}）" for key in COLUMNS)


def parse_columns(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """Return column keys from "a,b,c" (or a list): keys, printed headers or the names clerks use.

    An unknown name is refused with every accepted name listed. The task text is never left
    out: when no name means it, it is put after 序号/任务类别 (see ``task_text_added``).
    """
    if text is None:
        return ReviewOptions().columns
    items = re.split(r"[,，、;；]", text) if isinstance(text, str) else list(text)
    names = _lookup()
    keys: list[str] = []
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        key = names.get(item) or names.get(item.lower())
        if key is None:
            raise ValidationError(f"未知的列“{item}”。可用的列（英文名或中文列名均可）：{accepted_names()}。")
        if key not in keys:
            keys.append(key)
    if not keys:
        raise ValidationError(f"请至少选择一列。可用的列：{accepted_names()}。")
    return with_task_text(tuple(keys))


def column_headers(text: str | Iterable[str] | None) -> tuple[tuple[str, str], ...]:
    """The headers a ``--columns`` list names its columns by: "工作任务,整改措施" prints 工作任务 and
    整改措施 over those columns (an English key, or the default header, changes nothing)."""
    if text is None:
        return ()
    items = re.split(r"[,，、;；]", text) if isinstance(text, str) else list(text)
    names, out = _lookup(), {}
    for raw in items:
        item = raw.strip()
        key = names.get(item) or names.get(item.lower())
        if key is not None and item.lower() not in COLUMNS and item != COLUMNS[key]:
            out.setdefault(key, item)
    return tuple(out.items())


def with_task_text(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Return ``keys`` with the task text in them (after 序号 and 任务类别 when it was missing)."""
    if "text" in keys:
        return keys
    at = 0
    while at < len(keys) and keys[at] in ("number", "section"):
        at += 1
    return (*keys[:at], "text", *keys[at:])


def task_text_added(text: str | None) -> bool:
    """True when the clerk's ``--columns`` did not name the task text (it was added)."""
    if text is None:
        return False
    names = _lookup()
    items = [i.strip() for i in re.split(r"[,，、;；]", text) if i.strip()]
    return "text" not in {names.get(i) or names.get(i.lower()) for i in items}


def build_review(ws, plan_id: int, options: ReviewOptions, today: _dt.date | None = None) -> ReviewDocument:
    """Return the review table(s) of plan ``plan_id`` laid out as ``options`` asks.

    :param today: the day overdue is judged against (default: the real today).
    """
    today = today or _dt.date.today()
    columns = with_task_text(parse_columns(options.columns))
    plan = ws.plans.get(plan_id)
    section_list = ws.plans.sections(plan_id)
    sections = {s.id: s for s in section_list}
    tasks = ws.tasks.of_plan(plan_id, today=today)
    by_task = ws.progress.of_plan(plan_id)
    numbers = _numbers(tasks, section_list)
    title = (options.title or "").strip() or review_title(plan.title, plan.year)
    named = dict(options.headers)
    headers = tuple(named.get(c, COLUMNS[c]) for c in columns)
    author = (options.maker or "").strip() or ws.settings.office().name
    doc = ReviewDocument([], plan.year, title=title, author=author, options=options)
    lights = task_lights(ws, plan_id, today)

    if not options.per_unit:
        table = ReviewTableData(title, _subtitle(options, None), columns, headers)
        rows = [(t, by_task.get(t.id, [])) for t in tasks]
        table.sections = _group(rows, sections, numbers, options, lights, unit_id=None)
        doc.tables.append(table)
        return doc

    for unit_id, unit_name in _units_in_order(tasks, by_task):
        rows = [(t, by_task.get(t.id, [])) for t in tasks if unit_id in _unit_ids(by_task.get(t.id, []))]
        table = ReviewTableData(
            f"{title}（{unit_name}）", _subtitle(options, unit_name), columns, headers, unit=unit_name
        )
        table.sections = _group(rows, sections, numbers, options, lights, unit_id=unit_id)
        if table.sections:
            doc.tables.append(table)
    return doc


def _numbers(tasks: list[TaskRow], sections: list[Section]) -> dict[int, str]:
    """序号: the document's numbers by ``core.numbering``; 1, 2, 3… when the plan numbers nothing."""
    if any((t.number or "").strip() for t in tasks):
        return display_numbers(tasks, sections)
    return {t.id: str(i) for i, t in enumerate(tasks, start=1)}


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


def _keep(task: TaskRow, mine: Assignment | None, options: ReviewOptions, lights: TaskLights) -> bool:
    if not options.unfinished_only:
        return True
    status, overdue, _ = _status_of(task, mine, lights)
    return status is not Status.DONE or overdue


def _status_of(task: TaskRow, mine: Assignment | None, lights: TaskLights) -> tuple[Status, bool, Light]:
    """Return the status a row shows (the task's overall one, or the unit's own in its 台账),
    whether it is overdue, and its deadline light (the window's 红/黄/绿, same rule)."""
    light, due = lights.of(task)
    today = lights.schedule.today
    if mine is None:
        return task.status, task.overdue or light.color == RED, light
    stamp = iso_date((mine.updated_at or "")[:10])
    light = entry_light(mine.status, due.date, due.left, stamp, today, lights.rule)
    overdue = is_overdue(task.deadline.date, mine.status, today) or light.color == RED
    return mine.status, overdue, light


def _group(
    rows: list[tuple[TaskRow, list[Assignment]]],
    sections: dict[int, Section],
    numbers: dict[int, str],
    options: ReviewOptions,
    lights: TaskLights,
    unit_id: int | None,
) -> list[ReviewSection]:
    """Turn tasks into rows grouped under section rows (only sections that keep rows).

    Every row also carries its section path as text (``cells["section"]``), for layouts that
    print sections as a column.
    """
    out: list[ReviewSection] = []
    with_sections = "section" in options.columns
    current: list[int] = []  # ids of the section path printed last
    labels: dict[int, str] = {}
    for task, assignments in rows:
        mine = next((a for a in assignments if a.unit_id == unit_id), None) if unit_id else None
        if not _keep(task, mine, options, lights):
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
        for s in path:
            labels.setdefault(s.id, section_label(s))
        row = _row(numbers.get(task.id, ""), task, assignments, mine, options, lights)
        row.cells["section"] = "\n".join(labels[s.id] for s in path)
        out[-1].rows.append(row)
    return out


def _row(
    number: str,
    task: TaskRow,
    assignments: list[Assignment],
    mine: Assignment | None,
    options: ReviewOptions,
    lights: TaskLights,
) -> ReviewRow:
    status, overdue, light = _status_of(task, mine, lights)
    reporters = [mine] if mine is not None else assignments
    lead, resp = list(task.lead_units), list(task.responsible_units)
    if mine is not None and not options.repeat_unit:
        # The table's heading already names the unit: list only the other units in the row.
        lead = [u for u in lead if u != mine.unit_name]
        resp = [u for u in resp if u != mine.unit_name]
    text = task.text if not task.detail else f"{task.text}\n{task.detail}"
    cells = {
        "number": number,
        "text": text,
        "lead_units": UNIT_SEP.join(lead),
        "responsible_units": UNIT_SEP.join(resp),
        "deadline": task.deadline.phrase or "",
        "progress": _per_unit_text(reporters, "done"),
        "status": status.value,
        "alert": alert_text(overdue, light),
        "problems": _per_unit_text(reporters, "problems"),
        "next_steps": _per_unit_text(reporters, "next_steps"),
        "evidence": _per_unit_text(reporters, "evidence"),
        "note": "",
    }
    return ReviewRow(cells, status.value, overdue, warn=not overdue and light.color == YELLOW)


def alert_text(overdue: bool, light: Light | None = None) -> str:
    """The 逾期/提示 cell: 逾期 past the deadline, else the yellow light's reason (3个工作日内到期,
    45天未更新…), else nothing."""
    if overdue:
        return OVERDUE_WORD
    return light.reason if light is not None and light.color == YELLOW else ""


def status_with_alert(row: ReviewRow) -> str:
    """The status cell of a layout without a 逾期/提示 column: "推进中（逾期）" (only 逾期 joins the
    narrow status cell; a yellow light's reason needs the 逾期/提示 column)."""
    alert = row.cells.get("alert", "") if row.overdue else ""
    return f"{row.cells.get('status', '')}（{alert}）" if alert else row.cells.get("status", "")


def _per_unit_text(assignments: list[Assignment], attr: str) -> str:
    """Join the units' texts; prefix each with its unit name when several units wrote one."""
    written = [(a.unit_name, (getattr(a, attr) or "").strip()) for a in assignments]
    written = [(u, t) for u, t in written if t]
    if len(written) == 1:
        return written[0][1]
    return "\n".join(f"{u}：{t}" for u, t in written)
