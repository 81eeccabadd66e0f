"""A small plan counted by hand, with the clock of every edit set by the test."""

from __future__ import annotations

import pytest

from gongkai_desk.core.model import Role


class Clock:
    """The time every edit stamps (history, updated_at, created_at), set by the test."""

    def __init__(self, monkeypatch):
        self.now = "2026-07-01T09:00:00"
        for module in ("gongkai_desk.core.undo", "gongkai_desk.core.edits.progress", "gongkai_desk.core.storage.rows"):
            monkeypatch.setattr(f"{module}.now_text", lambda: self.now)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def plan(ws, clock):
    """Six tasks, three units; statuses set on 2026-07-10, one 持续推进 last updated on 2026-06-01.

    On 2026-07-15 (Wednesday), by hand:
      T1 6月底前   A 已完成, B 推进中   → B overdue
      T2 7月20日前 A 推进中, C 未启动   → both due in 3 working days (16, 17, 20 July)
      T3 持续推进  C 持续推进 (updated 5 days ago) → green
      T4 年底前    B 已完成
      T5 持续推进  B 持续推进 (updated 44 days ago) → yellow, stale (not "due soon")
      T6 7月1日前  no unit, no section  → overdue
    """
    pid = ws.plans.create(year=2026, title="2026年政务公开工作要点").id
    one = ws.plans.add_section(pid, title="公开平台", number="一").id
    sub = ws.plans.add_section(pid, title="政府网站", number="一", parent_id=one).id
    two = ws.plans.add_section(pid, title="政策解读", number="二").id
    a, b, c = (ws.units.add(n).id for n in ("区财政局", "区教育局", "区民政局"))
    t = {}
    for n, sec, deadline in ((1, sub, "6月底前"), (2, one, "7月20日前"), (3, two, "持续推进"), (4, two, "年底前"),
                             (5, two, "持续推进"), (6, None, "7月1日前")):
        t[n] = ws.tasks.add(pid, text=f"任务{n}", number=str(n), section_id=sec, deadline=deadline).id
    for task, unit, role in ((1, a, Role.LEAD), (1, b, Role.RESPONSIBLE), (2, a, Role.LEAD), (2, c, Role.RESPONSIBLE),
                             (3, c, Role.LEAD), (4, b, Role.LEAD), (5, b, Role.LEAD)):
        ws.progress.assign(t[task], unit, role)
    clock.now = "2026-06-01T10:00:00"
    ws.progress.set(t[5], b, status="持续推进")
    clock.now = "2026-07-10T15:30:00"
    ws.progress.set(t[1], a, status="已完成")
    ws.progress.set(t[1], b, status="推进中")
    ws.progress.set(t[2], a, status="推进中")
    ws.progress.set(t[3], c, status="持续推进")
    ws.progress.set(t[4], b, status="已完成")
    return pid, t, (a, b, c)


