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
