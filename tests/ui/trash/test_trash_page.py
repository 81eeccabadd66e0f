"""The 回收站 page: a deleted plan appears, 恢复 brings it back into the window, 清空 empties it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gongkai_desk.core.demo import make_demo
from gongkai_desk.ui.pages import NAV


def _yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_deleted_plan_is_listed_and_restored_from_the_page(window, ws, monkeypatch):
    pid = make_demo(ws, tasks=10, year=2026).id
    window.reload_plans(select=pid)
    _yes(monkeypatch)
    window.act_delete_plan.trigger()
    assert ws.plans.list() == []
    assert "回收站" in window.statusBar().currentMessage()
    window.nav.setCurrentRow(NAV["trash"])
    page = window.page("trash")
    assert window.stack.currentWidget() is page
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text() == "计划" and "10项任务" in page.table.item(0, 2).text()
    page.table.selectRow(0)
    page.restore_button.click()
    assert [p.id for p in ws.plans.list()] == [pid]
    assert page.table.rowCount() == 0 and page.empty_label.isVisibleTo(page)
    assert window.plan_combo.count() == 1  # the plan page reloaded from the broadcast
    window.grab().save("/tmp/trash_page.png")


def test_unit_with_progress_deleted_in_the_directory_goes_to_the_trash(window, ws, monkeypatch):
    make_demo(ws, tasks=10, year=2026)
    window.nav.setCurrentRow(NAV["trash"])
    page = window.page("trash")
    unit = next(u for u in ws.units.all() if ws.units.use_count(u.id))
    ws_changes = ws.units.delete(unit.id)
    window.bus.changed.emit(ws_changes, None)
    assert page.table.item(0, 1).text() == unit.name


def test_empty_trash_asks_then_empties(window, ws, monkeypatch):
    for title in ("一", "二"):
        ws.plans.delete(ws.plans.create(year=2026, title=title).id)
    window.nav.setCurrentRow(NAV["trash"])
    page = window.page("trash")
    assert page.table.rowCount() == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.empty_button.click()
    assert len(ws.trash.list()) == 2
    _yes(monkeypatch)
    page.empty_button.click()
    assert ws.trash.list() == [] and page.table.rowCount() == 0
    window.act_undo.trigger()
    assert len(ws.trash.list()) == 2 and page.table.rowCount() == 2
