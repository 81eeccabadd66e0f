"""A small plan with known units and entries, and a round exported from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from gongkai_desk.core.exchange.feedback_read import read_files
from gongkai_desk.core.model import Role


@dataclass
class Plan:
    plan_id: int
    tasks: list[int]  # task ids, in order
    finance: int  # 区财政局: lead on task 1, responsible on 2
    education: int  # 区教育局: lead on 2, responsible on 1 and 3
    group: int  # 各街道办事处 (a group) on task 3


def make_plan(ws, title: str = "2026年示例区政务公开工作要点") -> Plan:
    pid = ws.plans.create(year=2026, title=title).id
    sec = ws.plans.add_section(pid, title="以公开助力经济发展", number="一").id
    texts = ["做好惠企政策公开。", "推进财政预决算公开，及时更新专栏。", "规范依申请公开办理。"]
    deadlines = ["6月底前", "年底前", "持续推进"]
    tasks = [ws.tasks.add(pid, section_id=sec, text=t, number=str(i + 1), deadline=d).id
             for i, (t, d) in enumerate(zip(texts, deadlines))]
    finance, education = ws.units.add("区财政局").id, ws.units.add("区教育局").id
    a, b = ws.units.add("东城街道").id, ws.units.add("西城街道").id
    group = ws.units.add("各街道办事处", is_group=True, members=(a, b)).id
    ws.progress.assign(tasks[0], finance, Role.LEAD)
    ws.progress.assign(tasks[0], education)
    ws.progress.assign(tasks[1], education, Role.LEAD)
    ws.progress.assign(tasks[1], finance)
    ws.progress.assign(tasks[2], education, Role.LEAD)
    ws.progress.assign(tasks[2], group)
    ws.progress.set(tasks[0], finance, status="推进中", done="已公开政策12条。")
    ws.progress.set(tasks[1], education, status="阶段性完成", done="预算已公开。", problems="决算未公开。")
    return Plan(pid, tasks, finance, education, group)


def export(ws, plan: Plan, folder: Path, *, due: dt.date | None = dt.date(2026, 6, 30), unit_ids=None):
    """Export a round into ``folder``; return {unit name: path}."""
    paths, _draft = ws.feedback.export(plan.plan_id, folder, unit_ids, due)
    return {p.name.split("-", 1)[1][:-5]: p for p in paths}


def review(ws, *paths, plan_id=None):
    return ws.feedback.review(read_files(list(paths)), plan_id)


def changes_of(r) -> set[tuple]:
    return {(c.task_id, c.field, c.old, c.new) for c in r.changes}


def kinds(r) -> list[str]:
    return [p.kind for p in r.problems]
