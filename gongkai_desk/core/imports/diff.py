"""Compare a stored plan with a newer version of its document; change nothing.

Sections are paired first (same title, same number with a similar title, similar title, or the
same tasks under a reworded title); a reworded section heading is a change of the diff. Tasks are
then matched within paired sections by text, number and text similarity. ``diff_update`` lists
added tasks, removed tasks, changed fields and reworded section headings, so the dialog can show
it and the CLI can print it; ``apply.apply_update`` applies exactly that diff.

Example::

    diff = diff_update(ws, plan_id, parse_file("新版.docx"))
    print("\\n".join(diff.lines()))
    apply_update(ws, plan_id, diff)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gongkai_desk.core.labels import ORDINAL_WORDS
from gongkai_desk.core.imports.matching import UnitMatch
from gongkai_desk.core.imports.store import UnitChoices, match_parsed_units
from gongkai_desk.core.model import Status, TaskRow

if TYPE_CHECKING:
    from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedSection, ParsedTask

FIELD_LABELS = {"number": "序号", "text": "任务内容", "detail": "具体要求", "deadline": "完成时限",
                "lead_units": "牵头单位", "responsible_units": "责任单位", "dropped_progress": "将删除的落实情况"}


@dataclass
class FieldChange:
    field: str  # a key of FIELD_LABELS
    old: str
    new: str
    # "dropped_progress": the units leaving the task whose progress goes with them; only these may lose it
    unit_ids: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]


@dataclass
class TaskChange:
    """A stored task matched to a task of the new document, with the fields that differ."""

    task_id: int
    old: TaskRow
    new: ParsedTask
    fields: list[FieldChange]


@dataclass
class SectionChange:
    """A stored section paired with a section of the new document whose heading differs."""

    section_id: int
    level: int
    old_number: str | None
    old_title: str
    number: str | None
    title: str

    def line(self) -> str:
        return (f"修改章节标题：{_heading(self.old_number, self.old_title, self.level)} → "
                f"{_heading(self.number, self.title, self.level)}")


@dataclass
class AddedTask:
    task: ParsedTask
    section_chain: list[tuple[str | None, str, int]]  # (number, title, level), outermost first
    # The stored section the first ``known_depth`` links of the chain were paired with (None: the
    # plan's top level); the rest of the chain is found or created below it.
    section_id: int | None = None
    known_depth: int = 0


@dataclass
class UpdateDiff:
    plan_id: int
    year: int
    added: list[AddedTask] = field(default_factory=list)
    removed: list[TaskRow] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    sections: list[SectionChange] = field(default_factory=list)
    unchanged: int = 0
    matches: dict[str, UnitMatch] = field(default_factory=dict)
    unit_choices: UnitChoices = field(default_factory=dict)
    review: bool = False

    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.sections)

    def summary(self) -> str:
        """One Chinese line: 新增2项任务，删除1项，修改3项，未变47项（，修改章节标题1处）."""
        if self.is_empty():
            return f"文件与当前计划一致（{self.unchanged}项任务），没有需要更新的内容。"
        text = (f"新增{len(self.added)}项任务，删除{len(self.removed)}项，修改{len(self.changed)}项，"
                f"未变{self.unchanged}项")
        return text + (f"，修改章节标题{len(self.sections)}处" if self.sections else "")

    def lines(self) -> list[str]:
        """The whole diff as Chinese lines, for the CLI and the dialog."""
        out = [self.summary()]
        out.extend(c.line() for c in self.sections)
        for a in self.added:
            out.append(f"新增任务{_num(a.task.number)}：{_short(a.task.text)}")
        for t in self.removed:
            out.append(f"删除任务{_num(t.number)}：{_short(t.text)}（其各单位落实情况一并删除）")
        for c in self.changed:
            out.append(f"修改任务{_num(c.old.number)}：{_short(c.old.text)}")
            for f in c.fields:
                if f.field == "dropped_progress":
                    out.append(f"    {f.label}：{f.old}（这些单位移出本任务，其落实情况一并删除）")
                else:
                    out.append(f"    {f.label}：{f.old or '（空）'} → {f.new or '（空）'}")
        return out


def _num(number: str | None) -> str:
    return number or ""


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _heading(number: str | None, title: str, level: int) -> str:
    """A section heading as written: 一、标题 / （一）标题 / 1.标题 / （1）标题."""
    if not number:
        return title
    if level in ORDINAL_WORDS:
        return f"第{number}{ORDINAL_WORDS[level]} {title}"
    return f"{number}、{title}" if level == 1 else f"{number}.{title}" if level == 3 else f"（{number}）{title}"


def _names(units) -> str:
    return "、".join(units)


def _resolved(names: list[str], matches: dict[str, UnitMatch], choices: UnitChoices, by_id: dict[int, str]) -> list[str]:
    """The directory names the raw ``names`` will be stored as."""
    out: list[str] = []
    for n in names:
        n = n.strip()
        chosen = choices.get(n)
        m = matches.get(n)
        if chosen is not None and chosen in by_id:
            name = by_id[chosen]
        elif m is not None and m.known and n not in choices:
            name = m.unit_name or n
        else:
            name = n
        if name not in out:
            out.append(name)
    return out


def _title(title: str | None) -> str:
    return (title or "").strip() or "（无标题）"  # as stored by ``insert_sections``


class _SectionPairs:
    """Pair the stored sections with those of the new document, level by level under paired parents.

    Among the siblings: the same title; then the same number with a similar title; then a similar
    title; then a reworded title over (mostly) the same tasks. ``by_path`` maps a new section's index
    path to the stored section id.
    """

    def __init__(self, stored, parsed: ParsedPlan, old_tasks: list[TaskRow]) -> None:
        self.kids: dict[int | None, list] = {}
        for s in sorted(stored, key=lambda s: (s.position, s.id)):
            self.kids.setdefault(s.parent_id, []).append(s)
        parent_of = {s.id: s.parent_id for s in stored}
        self.old_texts: dict[int, set[str]] = {}
        for t in old_tasks:
            sid, seen = t.section_id, set()
            while sid is not None and sid not in seen:
                seen.add(sid)
                self.old_texts.setdefault(sid, set()).add(t.text)
                sid = parent_of.get(sid)
        self.parsed = parsed
        self.new_texts: dict[tuple[int, ...], set[str]] = {}
        for t in parsed.tasks:
            path = self.path_of(t)
            for k in range(1, len(path) + 1):
                self.new_texts.setdefault(path[:k], set()).add((t.text or "").strip())
        self.by_path: dict[tuple[int, ...], int] = {}
        self.changes: list[SectionChange] = []
        self._level(None, parsed.sections, ())

    def _level(self, parent_id: int | None, new: list[ParsedSection], path: tuple[int, ...]) -> None:
        free = list(self.kids.get(parent_id, []))
        todo = list(range(len(new)))
        paired: dict[int, object] = {}

        def run(score) -> None:
            for k in list(todo):
                scored = [(sc, -n, o) for n, o in enumerate(free) if (sc := score(o, new[k], (*path, k))) is not None]
                if scored:
                    o = max(scored, key=lambda x: x[:2])[2]
                    paired[k] = o
                    free.remove(o)
                    todo.remove(k)

        run(lambda o, n, _: 1.0 if o.title == _title(n.title) else None)
        run(lambda o, n, _: (s if (s := _similarity(o.title, _title(n.title))) >= 0.5 else None)
            if o.number and o.number == n.number else None)
        run(lambda o, n, _: s if (s := _similarity(o.title, _title(n.title))) >= 0.75 else None)
        run(self._shared_tasks)
        for k, o in sorted(paired.items()):
            n = new[k]
            number = (n.number or "").strip() or None
            if o.title != _title(n.title) or (o.number or None) != number:
                self.changes.append(SectionChange(o.id, o.level, o.number, o.title, number, _title(n.title)))
            self.by_path[(*path, k)] = o.id
            self._level(o.id, n.children, (*path, k))

    def _shared_tasks(self, o, n, path: tuple[int, ...]) -> float | None:
        """Share of the same task texts, when at least half of the smaller section's tasks are shared."""
        old, new = self.old_texts.get(o.id, set()), self.new_texts.get(path, set())
        shared = len(old & new)
        if not shared or shared * 2 < min(len(old), len(new)):
            return None
        return shared / max(len(old), len(new))

    def path_of(self, t: ParsedTask) -> tuple[int, ...]:
        """The task's section path, cut where it leaves the parsed section tree."""
        path, level = [], self.parsed.sections
        for idx in t.section_path:
            if not 0 <= idx < len(level):
                break
            path.append(idx)
            level = level[idx].children
        return tuple(path)

    def section_of(self, t: ParsedTask) -> tuple[int | None, int]:
        """(stored section id, depth) of the deepest paired section on the task's path (None, 0: top level)."""
        path = self.path_of(t)
        for depth in range(len(path), 0, -1):
            if path[:depth] in self.by_path:
                return self.by_path[path[:depth]], depth
        return None, 0


_UNPAIRED = object()  # the group key of a task whose section is new: no stored task can pair with it


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair_tasks(old: list[TaskRow], sections: _SectionPairs, new: list[ParsedTask]) -> list[tuple[int, int]]:
    """Pair (old index, new index) in paired sections: same text, then number + similar text, then similar text."""
    groups: dict[object, list[int]] = {}
    for i, t in enumerate(old):
        groups.setdefault(t.section_id, []).append(i)
    keys: list[object] = []
    for t in new:
        sid, depth = sections.section_of(t)
        keys.append(sid if depth == len(sections.path_of(t)) else _UNPAIRED)
    pairs: list[tuple[int, int]] = []
    free_old: set[int] = set(range(len(old)))
    free_new: list[int] = list(range(len(new)))

    def run(accept) -> None:
        for j in list(free_new):
            cands = [i for i in groups.get(keys[j], []) if i in free_old]
            num = (new[j].number or "").strip()
            scored = [(s, bool(num) and old[i].number == num, -i) for i in cands
                      if (s := accept(old[i], new[j])) is not None]
            if scored:  # best score, then the same number, then the earliest task
                _, _, neg_i = max(scored)
                i = -neg_i
                pairs.append((i, j))
                free_old.discard(i)
                free_new.remove(j)

    run(lambda o, n: 1.0 if o.text == (n.text or "").strip() else None)
    run(lambda o, n: (s if (s := _similarity(o.text, n.text or "")) >= 0.4 else None)
        if o.number and o.number == n.number else None)
    run(lambda o, n: s if (s := _similarity(o.text, n.text or "")) >= 0.75 else None)
    return pairs


def diff_update(ws, plan_id: int, parsed: ParsedPlan, *, unit_choices: UnitChoices | None = None) -> UpdateDiff:
    """Compare the stored plan with ``parsed``; change nothing."""
    plan = ws.plans.get(plan_id)
    choices = dict(unit_choices or {})
    matches = match_parsed_units(ws, parsed)
    units = ws.units.all()
    by_id = {u.id: u.name for u in units}
    groups = {u.name: {by_id[m] for m in u.members if m in by_id} for u in units if u.is_group and u.members}
    old = ws.tasks.of_plan(plan_id)
    sections = _SectionPairs(ws.plans.sections(plan_id), parsed, old)
    diff = UpdateDiff(plan_id, plan.year, matches=matches, unit_choices=choices, review=plan.kind == "review")
    diff.sections = sections.changes
    pairs = _pair_tasks(old, sections, parsed.tasks)
    paired_new = {j for _, j in pairs}
    paired_old = {i for i, _ in pairs}
    for i, j in sorted(pairs, key=lambda p: p[1]):
        o, n = old[i], parsed.tasks[j]
        fields = _field_changes(ws, o, n, matches, choices, by_id, groups)
        if fields:
            diff.changed.append(TaskChange(o.id, o, n, fields))
        else:
            diff.unchanged += 1
    diff.removed = [t for i, t in enumerate(old) if i not in paired_old]
    diff.added = [AddedTask(t, _chain(parsed, t), *sections.section_of(t))
                  for j, t in enumerate(parsed.tasks) if j not in paired_new]
    return diff


def _has_progress(a) -> bool:
    """Whether an assignment (row dict or ``Assignment``) holds anything the clerk entered."""
    get = a.get if isinstance(a, dict) else lambda k: getattr(a, k)
    status = get("status")
    return (getattr(status, "value", status) != Status.NOT_STARTED.value
            or any((get(k) or "").strip() for k in ("done", "problems", "next_steps", "evidence")))


def _with_members(names: list[str], on_task: list[str], groups: dict[str, set[str]]) -> list[str]:
    """``names`` with each group followed by its member units the task has; the group itself only when
    the task has it too, or has none of its members.

    A clerk who expanded 各街道 into 东街道、西街道 keeps them when the document still says 各街道.
    """
    out: list[str] = []
    for name in names:
        members = groups.get(name)
        present = [u for u in on_task if u in members] if members else []
        for u in ([name] if name in on_task or not present else []) + present:
            if u not in out:
                out.append(u)
    return out


def _field_changes(ws, o: TaskRow, n: ParsedTask, matches, choices, by_id, groups) -> list[FieldChange]:
    out: list[FieldChange] = []
    on_task = [*o.lead_units, *o.responsible_units]
    lead_new = _with_members(_resolved(n.lead_units, matches, choices, by_id), on_task, groups)
    resp_new = [u for u in _with_members(_resolved(n.responsible_units, matches, choices, by_id), on_task, groups)
                if u not in lead_new]
    pairs = [
        ("number", o.number or "", (n.number or "").strip()),
        ("text", o.text, (n.text or "").strip()),
        ("detail", o.detail or "", (n.detail or "").strip()),
        ("deadline", o.deadline.phrase or "", (n.deadline or "").strip()),
        ("lead_units", _names(o.lead_units), _names(lead_new)),
        ("responsible_units", _names(o.responsible_units), _names(resp_new)),
    ]
    for key, before, after in pairs:
        if key.endswith("_units"):
            if set(before.split("、")) - {""} != set(after.split("、")) - {""}:
                out.append(FieldChange(key, before, after))
        elif before != after:
            out.append(FieldChange(key, before, after))
    leaving = set(on_task) - set(lead_new) - set(resp_new)
    if leaving and any(f.field.endswith("_units") for f in out):
        lost = [a for a in ws.progress.of_task(o.id) if a.unit_name in leaving and _has_progress(a)]
        if lost:
            names = "、".join(f"{a.unit_name}（{a.status.value}）" for a in lost)
            out.append(FieldChange("dropped_progress", names, "一并删除", tuple(a.unit_id for a in lost)))
    return out


def _chain(parsed: ParsedPlan, t: ParsedTask) -> list[tuple[str | None, str, int]]:
    chain, level = [], parsed.sections
    for idx in t.section_path:
        if idx >= len(level):
            break
        s = level[idx]
        chain.append((s.number, s.title, s.level))
        level = s.children
    return chain


