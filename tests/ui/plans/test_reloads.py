"""One edit, one reload: each view reloads once, only for what changed, and the view that made
the change is not reloaded under the clerk's cursor."""

from __future__ import annotations

from gongkai_desk.core.model import Role
from gongkai_desk.ui.ops import run_op


def _count(monkeypatch, obj, name):
    calls = []
    original = getattr(obj, name)

    def wrapper(*a, **k):
        calls.append(a)
        return original(*a, **k)

    monkeypatch.setattr(obj, name, wrapper)
    return calls


def _plan(ws, window):
    pid = ws.plans.create(year=2026, title="计划").id
    uid = ws.units.add("区财政局").id
    tids = [ws.tasks.add(pid, text=f"任务{i}").id for i in range(3)]
    for t in tids:
        ws.progress.assign(t, uid, Role.LEAD)
    window.reload_plans(select=pid)
    window.plan_view.select_task(tids[0])
    return pid, uid, tids


def test_a_progress_edit_from_the_detail_pane_reloads_the_table_once_and_not_the_pane(window, ws, monkeypatch):
    pid, uid, tids = _plan(ws, window)
    table = _count(monkeypatch, window.plan_view, "reload")
    shown = _count(monkeypatch, window.detail, "show_task")
    plans = _count(monkeypatch, window.plan_page, "reload_plans")
    d = window.detail
    d.done_edit.set_text("")
    d.done_edit.setPlainText("已公开")
    d.done_edit.commit()
    assert ws.progress.of_task(tids[0])[0].done == "已公开"
    assert len(table) == 1 and shown == [] and plans == []
    assert d.done_edit.toPlainText() == "已公开"
    assert window.plan_view.selected_task_id() == tids[0]  # the row stays selected


def test_an_edit_of_another_view_reloads_the_detail_once(window, ws, monkeypatch):
    pid, uid, tids = _plan(ws, window)
    shown = _count(monkeypatch, window.detail, "show_task")
    table = _count(monkeypatch, window.plan_view, "reload")
    run_op(window, window.bus, lambda: ws.progress.set(tids[0], uid, status="已完成"))
    assert len(table) == 1 and len(shown) == 1
    assert "已完成" in window.detail.heading.text()


def test_a_new_plan_is_selected_with_one_reload(window, ws, monkeypatch):
    _plan(ws, window)
    plans = _count(monkeypatch, window.plan_page, "reload_plans")
    table = _count(monkeypatch, window.plan_view, "set_plan")
    created = run_op(window, window.bus, lambda: ws.plans.create(year=2027, title="明年的计划"))
    assert window.plan_id == created.id and window.plan_combo.currentText() == "2027年 · 明年的计划"
    assert len(plans) == 1 and len(table) == 1


def test_a_change_to_another_plan_leaves_this_one_alone(window, ws, monkeypatch):
    pid, uid, tids = _plan(ws, window)
    other = ws.plans.create(year=2025, title="去年").id
    other_task = ws.tasks.add(other, text="去年的任务").id
    table = _count(monkeypatch, window.plan_view, "reload")
    run_op(window, window.bus, lambda: ws.tasks.update(other_task, text="改过"))
    assert table == [] and window.plan_id == pid
