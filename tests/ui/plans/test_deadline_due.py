"""The detail pane evaluates the deadline (working days left, the light) and lets the clerk set
the start date a relative deadline counts from."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from gongkai_desk.core.model import Role


def test_relative_deadline_start_date(window, ws):
    pid = ws.plans.create(year=2026, title="2026年政务公开工作要点").id
    tid = ws.tasks.add(pid, text="制定实施方案", number="1", deadline="自印发之日起20个工作日内").id
    dated = ws.tasks.add(pid, text="公开预决算", number="2", deadline="2026年3月31日前").id
    unit = ws.units.add("区财政局").id
    ws.progress.assign(tid, unit, Role.LEAD)
    ws.progress.assign(dated, unit, Role.LEAD)
    window.reload_plans(select=pid)
    window.plan_view.select_task(dated)
    detail = window.detail
    assert detail.start_edit.isHidden()
    assert detail.deadline_info.text().startswith("截止日期：2026-03-31（已逾期")
    assert detail.deadline_info.text().endswith("红 · 逾期")
    window.plan_view.select_task(tid)
    assert not detail.start_edit.isHidden()
    assert detail.deadline_info.text().startswith("（需要起算日期）")
    detail.start_edit.setDate(QDate(2026, 9, 28))
    assert ws.calendar.task_starts(pid) == {tid: dt.date(2026, 9, 28)}
    assert detail.deadline_info.text().startswith("截止日期：2026-10-30")
    assert window.act_undo.text() == "撤销 修改任务起算日期"


def test_due_line_shows_the_elapsed_share(window, ws):
    """序时进度 (the share of the task's period gone by) beside the due date, where the clerk judges it."""
    pid = ws.plans.create(year=2026, title="2026年政务公开工作要点").id
    tid = ws.tasks.add(pid, text="公开年度报告", number="1", deadline="年底前").id
    ongoing = ws.tasks.add(pid, text="持续更新政策解读", number="2", deadline="持续推进").id
    window.reload_plans(select=pid)
    window.plan_view.select_task(tid)
    today = dt.date.today()
    share = min(1.0, max(0.0, (today - dt.date(2026, 1, 1)).days / 364))
    text = window.detail.deadline_info.text()
    assert text.startswith("截止日期：2026-12-31") and f"\n序时进度{share:.0%}　绿 · 正常推进" in text, text
    assert window.detail.deadline_info.toolTip().startswith(f"序时进度{share:.0%}：期限已过去的比例")
    window.plan_view.select_task(ongoing)
    assert "序时进度" not in window.detail.deadline_info.text()
