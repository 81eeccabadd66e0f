"""Final pass over a parsed plan: shared units, doubtful text, missing units, not-a-plan."""

from __future__ import annotations

import re

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.units import is_group, is_unit_name, locality_prefix
from gongkai_desk.core.imports.parse.cleanup import has_pinyin
from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParseWarning
from gongkai_desk.core.imports.parse.text_reader import has_garbage


def add_units_for_all_below(plan: ParsedPlan, rules: list[tuple[int, list[str]]]) -> None:
    """Apply "以下均需X落实" notes: X joins the responsible units of every later task."""
    for start, units in rules:
        for task in plan.tasks[start:]:
            for u in units:
                if u not in task.responsible_units and u not in task.lead_units:
                    task.responsible_units.append(u)


def unify_unit_names(plan: ParsedPlan, places: tuple[str, ...] = ()) -> None:
    """The same written name is the same unit throughout a document.

    A list lends its first unit's locality prefix to the names after it ("区财政局、教育局" → 区教育局),
    so a name written bare ("教育局") may come out prefixed in one list and bare in another, which
    would make two directory entries of one unit. Where every prefixed reading of a bare written name
    agrees, that reading is used wherever the name is written bare; where they disagree, a warning.
    """
    readings: dict[str, set[str]] = {}
    where: dict[str, int | None] = {}
    for t in plan.tasks:
        raw = t.units_raw or ""
        for u in t.lead_units + t.responsible_units:
            p = locality_prefix(u, places)
            bare = u[len(p):] if p else ""
            if bare and u not in raw and bare in raw and is_unit_name(bare) and not is_group(u):
                readings.setdefault(bare, set()).add(u)
                where.setdefault(bare, t.line)
    rename = {bare: next(iter(r)) for bare, r in readings.items() if len(r) == 1}
    for bare, r in readings.items():
        if len(r) > 1:
            names = "、".join(sorted(r))
            plan.warnings.append(ParseWarning(where[bare], "unit_name_ambiguous",
                                              f"单位“{bare}”在不同的单位列表中分别读作{names}，请核对是否为同一单位。"))
    if not rename:
        return
    for t in plan.tasks:
        t.lead_units = list(dict.fromkeys(rename.get(u, u) for u in t.lead_units))
        t.responsible_units = list(dict.fromkeys(rename.get(u, u) for u in t.responsible_units))


def flag_doubtful_text(plan: ParsedPlan, uncertain_lines: set[int]) -> None:
    """Flag tasks and sections whose text still holds '?' garbage, lost characters or pinyin."""
    for task in plan.tasks:
        doubtful = any(has_garbage(s) or has_pinyin(s) for s in
                       [task.text, task.detail or "", *task.lead_units, *task.responsible_units])
        if doubtful or task.line in uncertain_lines:
            if "text_uncertain" not in task.flags:
                task.flags.append("text_uncertain")
            plan.warnings.append(ParseWarning(
                task.line, "text_uncertain", f"第{task.line}行任务文字中有无法识别的乱码字符，请对照原文核对。"))

    def walk(sections):
        for s in sections:
            if has_garbage(s.title) or has_pinyin(s.title) or s.line in uncertain_lines:
                plan.warnings.append(ParseWarning(
                    s.line, "text_uncertain", f"第{s.line}行标题“{s.title[:20]}”中有无法恢复的乱码字符，请对照原文核对。"))
            walk(s.children)

    walk(plan.sections)


def flag_missing_units(plan: ParsedPlan) -> None:
    """Warn about tasks without any unit: once for the whole plan when none has units."""
    missing = [t for t in plan.tasks if not t.lead_units and not t.responsible_units]
    if not missing:
        return
    for t in missing:
        t.flags.append("no_units")
    if len(missing) == len(plan.tasks):
        plan.warnings.append(ParseWarning(
            missing[0].line, "no_units", f"全部{len(missing)}项任务都没有找到牵头单位或责任单位，请在导入后补充。"))
        return
    for t in missing:
        plan.warnings.append(ParseWarning(t.line, "no_units", f"第{t.line}行任务没有找到牵头单位或责任单位，请补充。"))


def dedupe_roles(plan: ParsedPlan) -> None:
    """A unit named as lead is not repeated among the responsible units."""
    for t in plan.tasks:
        t.responsible_units = [u for u in t.responsible_units if u not in t.lead_units]


def ensure_plan(plan: ParsedPlan, name: str, *, cover_notice: bool = False) -> None:
    """Raise ImportFormatError when nothing in the document looks like a plan."""
    if not plan.tasks and cover_notice:
        raise ImportFormatError(
            f"{name}中只有印发通知和通知本身提出的工作要求，没有找到通知所附的任务清单，请导入附件（任务清单）本身。")
    if not plan.tasks and plan.tables:
        where = f"（第{plan.tables[0].line}行起）" if plan.tables[0].line else ""
        raise ImportFormatError(
            f"{name}中的任务分解表格{where}只有表头和标题，没有任务内容，"
            "可能是复制网页时单元格丢失了，请改用原来的Word或Excel文件导入。")
    if not plan.tasks:
        raise ImportFormatError(
            f"{name}中没有找到编号的任务条目或任务分解表格，不像是政务公开工作要点或实施方案。")


def _norm(text: str | None) -> str:
    return re.sub(r"[\s，,。；;：:、“”\"'（）()《》]", "", text or "")


def dedupe_tasks(plan: ParsedPlan, ledger) -> None:
    """A task written twice (a prose 工作要点 restated row by row in a 任务分解表) is kept once.

    The copy without units gives way to the one with units whose text it holds (or that holds it);
    what it came from is listed as not imported ("duplicate").
    """
    with_units = [t for t in plan.tasks if t.lead_units or t.responsible_units]
    keys = {}
    for t in with_units:
        k = _norm(t.text)
        if len(k) >= 15:
            keys.setdefault(k[:40], t)
    if not keys:
        return
    drop = []
    for t in plan.tasks:
        if t.lead_units or t.responsible_units:
            continue
        mine = [_norm(t.text), _norm(t.detail), _norm((t.text or "") + (t.detail or ""))]
        twin = next((keys[k] for m in mine if len(m) >= 15 for k in keys if m.startswith(k) or k in m), None)
        if twin is not None and twin is not t:
            drop.append(t)
    if not drop:
        return
    gone = {id(t) for t in drop}
    plan.tasks = [t for t in plan.tasks if id(t) not in gone]
    for t in drop:
        srcs = [s for s in t.srcs if ledger.fate.get(s) == "task" and not any(s in o.srcs for o in plan.tasks)]
        for s in srcs:
            ledger.fate[s] = "duplicate"
        plan.warnings.append(ParseWarning(
            t.line, "duplicate_task", f"第{t.line}行的任务“{t.text[:20]}”在后面的表格中又写了一遍，只导入了表格中注明单位的那一项。"))


def flag_uncertain_columns(plan: ParsedPlan) -> None:
    """One warning per table whose column roles the importer is not sure of."""
    from gongkai_desk.core.imports.parse.headers import ROLE_LABELS

    for layout in plan.tables:
        weak = [c for c in layout.columns if c.confidence < 0.5 and c.role not in ("ignore", "remarks") and not c.chosen]
        if weak and getattr(layout, "headerless", False):
            names = "、".join(f"第{k + 1}列按{ROLE_LABELS[c.role]}" for k, c in enumerate(layout.columns)
                             if c in weak)
            plan.warnings.append(ParseWarning(
                layout.line, "columns_uncertain",
                f"第{layout.line}行表格没有表头，各列是按内容推断的（{names}读取），请在导入窗口的“表格列”中核对。"))
        elif weak:
            names = "、".join(f"“{c.header or '（无表头）'}”按{ROLE_LABELS[c.role]}" for c in weak[:3])
            plan.warnings.append(ParseWarning(
                layout.line, "columns_uncertain",
                f"第{layout.line}行表格的列不易判断（{names}读取），请在导入窗口的“表格列”中核对。"))
