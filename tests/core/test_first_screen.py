"""The window's first screenful: the first rows in document order, numbered as the whole plan is."""

from __future__ import annotations

from gongkai_desk.core.first_screen import read_first_screen
from gongkai_desk.core.model import Role
from gongkai_desk.core.numbering import display_numbers


def test_first_rows_match_the_whole_plan(ws):
    pid = ws.plans.create(year=2026, title="计划").id
    two = ws.plans.add_section(pid, title="推进政策解读", number="二", position=1).id
    one = ws.plans.add_section(pid, title="推进决策公开", number="一", position=0).id
    sub = ws.plans.add_section(pid, title="决策预公开", number="一", parent_id=one).id
    fin = ws.units.add("区财政局").id
    ws.tasks.add(pid, text="没有部分的任务", number="1")
    for section in (two, sub, one):
        for n in ("1", "2", "3"):
            tid = ws.tasks.add(pid, section_id=section, text=f"{section}-{n}", number=n, flags=["no_units"] if n == "2" else None).id
            ws.progress.assign(tid, fin, Role.LEAD)
    other = ws.plans.create(year=2025, title="去年的计划").id
    ws.tasks.update(ws.tasks.of_plan(pid)[1].id, deadline="2020年6月30日前")  # long past: 逾期
    first = read_first_screen(ws.conn, pid, rows=5)
    whole = ws.tasks.table(pid)
    assert first.plan_id == pid and first.total == len(whole) == 10 and len(first.rows) == 5
    labels = display_numbers(whole.numbering_rows(), ws.plans.sections(pid))
    shown = [(r.id, r.number, r.text, r.lead, r.responsible, r.deadline, r.status, r.overdue, r.flagged) for r in first.rows]
    assert shown == [(t.id, labels[t.id], t.text, "、".join(t.lead_units), "、".join(t.responsible_units),
                      t.deadline.phrase or "", t.status, t.overdue, bool(t.flags)) for t in whole[:5]]
    assert [r.number for r in first.rows] == ["1", "一.1", "一.2", "一.3", "一.一.1"]
    assert [r.overdue for r in first.rows] == [False, True, False, False, False]
    assert [r.flagged for r in first.rows] == [False, False, True, False, False]
    assert read_first_screen(ws.conn, 999).plan_id == pid  # a plan gone: the newest year first
    assert [t[0] for t in first.titles] == [pid, other]


def test_a_plan_without_sections(ws):
    """A plain numbered list has no sections: its first screen is its first tasks by position (the
    query once ordered by a bare -1, which SQLite reads as a column number, and the window would not open)."""
    pid = ws.plans.create(year=2026, title="没有部分的计划").id
    ids = [ws.tasks.add(pid, text=f"任务{n}", number=str(n)).id for n in range(1, 8)]
    first = read_first_screen(ws.conn, pid, rows=5)
    assert [r.id for r in first.rows] == ids[:5] and [r.number for r in first.rows] == ["1", "2", "3", "4", "5"]
    assert first.total == 7 and first.sections == []
