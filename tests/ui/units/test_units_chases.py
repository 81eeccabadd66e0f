"""The 单位 page lists the selected unit's 催办 (ws.chasing): a 催办 recorded on the 总览 page shows
there at once, and an undo takes it away again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gongkai_desk.core.demo import make_demo
from gongkai_desk.ui.pages import NAV
from tests.ui.conftest import answer_modal


def _select_unit(page, name: str) -> None:
    [item] = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())
              if page.tree.topLevelItem(i).text(0) == name]
    page.tree.setCurrentItem(item)


def _rows(page) -> list[list[str]]:
    return [[page.chases.topLevelItem(i).text(c) for c in range(5)] for i in range(page.chases.topLevelItemCount())]


def test_a_recorded_chase_shows_on_the_units_page(window, ws, qtbot):
    pid = make_demo(ws, tasks=30, year=2026).id
    window.reload_plans(select=pid)
    groups = {u.name for u in ws.units.all() if u.is_group}
    # The 单位 page exists and shows the unit before the 催办 is recorded elsewhere.
    window.nav.setCurrentRow(NAV["overview"])
    overview = window.page("overview")
    overview.tabs.setCurrentIndex(0)
    model = overview.overdue.model()
    index = next(model.index(r, 2) for r in range(model.rowCount())
                 if model.index(r, 2).data() and model.index(r, 2).data() not in groups)
    unit, task_id = index.data(), index.data(Qt.ItemDataRole.UserRole)
    number = ws.tasks.get(task_id).number
    window.nav.setCurrentRow(NAV["units"])
    units = window.page("units")
    _select_unit(units, unit)
    assert _rows(units) == [] and units.chases_label.text() == f"“{unit}”的催办记录（0次）"

    window.nav.setCurrentRow(NAV["overview"])
    overview.overdue.setCurrentIndex(index)

    def fill(dialog):
        dialog.way.setCurrentText("书面")
        dialog.person.setText("办公室李主任")
        dialog.answer.setPlainText("下周一前补报")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer_modal(qtbot, fill)
    overview.chase_button.click()
    assert len(ws.chasing.records(unit_id=ws.units.find(unit).id)) == 1

    window.nav.setCurrentRow(NAV["units"])
    assert units.selected_id() == ws.units.find(unit).id
    assert units.chases_label.text() == f"“{unit}”的催办记录（1次）"
    assert _rows(units) == [[dt.date.today().isoformat(), "书面", f"任务{number}", "办公室李主任", "下周一前补报"]]
    # Another unit has none; back to the chased one, it is there; undone, it is gone.
    other = next(u.name for u in ws.units.all() if u.name != unit and not u.is_group)
    _select_unit(units, other)
    assert _rows(units) == [] and units.chases_label.text() == f"“{other}”的催办记录（0次）"
    _select_unit(units, unit)
    assert len(_rows(units)) == 1
    window.act_undo.trigger()
    assert _rows(units) == [] and units.chases_label.text() == f"“{unit}”的催办记录（0次）"
    window.act_redo.trigger()
    assert _rows(units)[0][1:] == ["书面", f"任务{number}", "办公室李主任", "下周一前补报"]

