"""Store a parsed plan: one undoable command that creates the plan, its sections, tasks, units,
assignments and (for a review table) the progress read from it.

Example::

    parsed = parse_file("2022年任务分解.docx")
    matches = match_parsed_units(ws, parsed)          # what the clerk must decide
    plan_id = store_plan(ws, parsed, unit_choices={"市审批局": 12}).id
    ws.undo()                                         # removes the whole import
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.model import Role, Status
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows
from gongkai_desk.core.values import check_year, now_text
from gongkai_desk.core.imports.matching import UnitMatch, match_units, plan_localities
from gongkai_desk.core.imports.units import is_group

if TYPE_CHECKING:
    from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedSection, ParsedTask
    from gongkai_desk.core.undo import Recorder

IMPORT_CHANGES = Changes(plans=True, sections=True, tasks=True, units=True, progress=True)
UnitChoices = dict[str, "int | None"]  # raw name → existing unit id (remembered as alias), None = new unit


def localities(parsed: ParsedPlan) -> tuple[str, ...]:
    """Return the plan's own place names (from its issuer and title)."""
    return plan_localities(parsed.title, parsed.issuer)


def raw_unit_names(parsed: ParsedPlan) -> list[str]:
    """Every distinct unit name of the parsed tasks, in first-seen order."""
    seen: dict[str, None] = {}
    for t in parsed.tasks:
        for name in (*t.lead_units, *t.responsible_units):
            if name and name.strip():
                seen.setdefault(name.strip(), None)
    return list(seen)


def match_parsed_units(ws, parsed: ParsedPlan) -> dict[str, UnitMatch]:
    """Match every unit name of ``parsed`` against the directory."""
    return match_units(ws.units.all(), raw_unit_names(parsed), localities(parsed))


def default_title(parsed: ParsedPlan, year: int) -> str:
    """A title for a document that has none: 2020年政务公开工作计划."""
    return f"{year}年政务公开工作{'回头看' if parsed.kind == 'review' else '计划'}"


class UnitResolver:
    """Turn raw unit names into unit ids inside a command: match, alias or create."""

    def __init__(self, ws, matches: dict[str, UnitMatch], choices: UnitChoices | None) -> None:
        self.ws = ws
        self.matches = matches
        self.choices = dict(choices or {})
        self.created: list[str] = []
        self.aliased: list[tuple[str, int]] = []
        self._ids: dict[str, int] = {}
        known = {u.id for u in ws.units.all()}
        for raw, uid in self.choices.items():
            if uid is not None and uid not in known:
                raise NotFoundError(f"为“{raw}”选择的单位（编号 {uid}）已不在单位名录中，请重新选择。")

    def unit_id(self, r: Recorder, raw: str) -> int:
        """Return the unit id for ``raw``, creating a unit or an alias through ``r`` when needed."""
        raw = raw.strip()
        if raw in self._ids:
            return self._ids[raw]
        existing = q.unit_by_name(self.ws.conn, raw)
        chosen = self.choices.get(raw)
        match = self.matches.get(raw)
        if chosen is not None:
            uid = int(chosen)
            if existing is None:  # remember the clerk's choice for the next import
                r.insert("unit_aliases", rows.alias(alias=raw, unit_id=uid))
                self.aliased.append((raw, uid))
        elif existing is not None:
            uid = existing["id"]
        elif raw not in self.choices and match is not None and match.unit_id is not None:
            uid = match.unit_id  # matched without its locality prefix
        else:
            if len(raw) > 100:
                raise ValidationError(f"单位名称“{raw[:20]}…”过长（超过100字），请在预览中改正后再导入。")
            uid = r.insert("units", rows.unit(name=raw, is_group=is_group(raw)))
            self.created.append(raw)
        self._ids[raw] = uid
        return uid


def store_plan(
    ws, parsed: ParsedPlan, *, year: int | None = None, title: str | None = None,
    unit_choices: UnitChoices | None = None,
) -> ChangesWithId:
    """Store ``parsed`` as a new plan in one undoable command; the changes carry the plan id.

    :param year: overrides the year read from the document (required when it has none).
    :param title: overrides the document's title.
    :param unit_choices: the clerk's decisions for unknown unit names (see ``UnitChoices``).
    """
    if year is None and parsed.year is None:
        raise ValidationError("文件中没有找到计划年份，请指定年份（命令行用 --year，例如 --year 2026）。")
    year = check_year(year if year is not None else parsed.year)
    title = (title or "").strip() or (parsed.title or "").strip() or default_title(parsed, year)
    if not parsed.tasks:
        raise ValidationError("没有识别到任何任务，无法导入。")
    resolver = UnitResolver(ws, match_parsed_units(ws, parsed), unit_choices)
    stamp, user = now_text(), ws.undo_stack.user

    def build(r: Recorder) -> int:
        plan_id = r.insert("plans", rows.plan(
            year=year, title=title, issuer=parsed.issuer or (), doc_number=parsed.doc_number,
            issue_date=parsed.date, kind=parsed.kind, source=parsed.source))
        section_ids = insert_sections(r, plan_id, parsed.sections)
        positions: dict[int | None, int] = {}
        for t in parsed.tasks:
            section_id = section_for(section_ids, t)
            pos = positions.get(section_id, -1) + 1
            positions[section_id] = pos
            task_id = r.insert("tasks", task_values(plan_id, section_id, t, year, pos))
            insert_assignments(r, resolver, task_id, t, review=parsed.kind == "review", stamp=stamp, user=user)
        return plan_id

    label = f"导入计划「{title}」（{len(parsed.tasks)}项任务）"
    plan_id = ws.run(label, lambda pid: IMPORT_CHANGES.about(pid), build)
    return IMPORT_CHANGES.about(plan_id).with_id(plan_id)


def insert_sections(
    r: Recorder, plan_id: int, sections: list[ParsedSection], parent_id: int | None = None,
    path: tuple[int, ...] = (),
) -> dict[tuple[int, ...], int]:
    """Insert a section tree; return {index path: section id}."""
    out: dict[tuple[int, ...], int] = {}
    for i, s in enumerate(sections):
        sid = r.insert("sections", rows.section(plan_id=plan_id, parent_id=parent_id, level=s.level, number=s.number,
                                                title=(s.title or "").strip() or "（无标题）", position=i))
        out[(*path, i)] = sid
        out.update(insert_sections(r, plan_id, s.children, sid, (*path, i)))
    return out


def section_for(section_ids: dict[tuple[int, ...], int], task: ParsedTask) -> int | None:
    """The id of the deepest stored section on the task's path."""
    path = tuple(task.section_path)
    while path:
        if path in section_ids:
            return section_ids[path]
        path = path[:-1]
    return None


def task_values(plan_id: int, section_id: int | None, t: ParsedTask, year: int, position: int) -> dict[str, Any]:
    """The ``tasks`` row for a parsed task."""
    text = (t.text or "").strip() or (t.detail or "").strip() or "（未识别到任务内容）"
    return rows.task(plan_id=plan_id, section_id=section_id, text=text, year=year, position=position,
                     number=t.number, detail=t.detail, deadline=t.deadline, flags=t.flags, source_line=t.line)


def unit_roles(t: ParsedTask) -> list[tuple[str, Role]]:
    """The task's units with their roles, lead first, each name once."""
    out: list[tuple[str, Role]] = []
    seen: set[str] = set()
    for names, role in ((t.lead_units, Role.LEAD), (t.responsible_units, Role.RESPONSIBLE)):
        for n in names:
            n = (n or "").strip()
            if n and n not in seen:
                seen.add(n)
                out.append((n, role))
    return out


def progress_values(t: ParsedTask, stamp: str, user: str) -> dict[str, Any]:
    """Progress columns read from a review table row (status, 落实情况, 存在问题, 下步计划)."""
    status = Status.parse(t.status)
    done, problems = (t.progress or "").strip(), (t.problems or "").strip()
    next_steps = (t.next_steps or "").strip()
    values: dict[str, Any] = {"status": (status or Status.NOT_STARTED).value, "done": done, "problems": problems,
                              "next_steps": next_steps}
    if status is not None or done or problems or next_steps:
        values.update(updated_at=stamp, updated_by=user)
    return values


def insert_assignments(
    r: Recorder, resolver: UnitResolver, task_id: int, t: ParsedTask, *, review: bool, stamp: str, user: str,
    start: int = 0,
) -> None:
    """Put the task's units on it (one entry per unit, lead wins), with review progress."""
    used: set[int] = set()
    pos = start
    extra = progress_values(t, stamp, user) if review else {}
    for name, role in unit_roles(t):
        uid = resolver.unit_id(r, name)
        if uid in used:
            continue
        used.add(uid)
        r.insert("assignments", rows.assignment(task_id=task_id, unit_id=uid, role=role.value, position=pos,
                                                progress=extra))
        pos += 1
