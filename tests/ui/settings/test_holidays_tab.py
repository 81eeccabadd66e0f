"""设置 → 节假日安排 with real widgets: paste a notice, confirm it on the calendar, toggle a day by
clicking it, store the lights' thresholds, and see the task table follow."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from gongkai_desk.core.demo import make_demo
from gongkai_desk.ui.pages import NAV
from tests.conftest import DATA

NOTICE_2027 = (DATA / "notices" / "2027_example.txt").read_text(encoding="utf-8")


def _tab(window):
    window.nav.setCurrentRow(NAV["settings"])
    page = window.page("settings")
    tab = page.sections["节假日安排"]
    page.tabs.setCurrentWidget(tab)
    return tab


def test_paste_confirm_and_undo_a_notice(window, ws):
    tab = _tab(window)
    tab.year.setValue(2027)
    assert "2027年节假日安排尚未载入" in tab.state.text()
    tab.text.setPlainText(NOTICE_2027)
    tab.read_button.click()
    assert tab.view.preview and "读出<b>2027年</b>：放假29天、调休上班6天" in tab.result.text()
    assert tab.view.days[dt.date(2027, 10, 9)].kind == "workday"
    assert not ws.calendar.year_json(2027)["complete"]  # nothing stored before confirming
    tab.confirm_button.click()
    assert ws.calendar.year_json(2027)["complete"] and not tab.view.preview
    assert "国务院通知" in tab.state.text()
    window.act_undo.trigger()
    assert not ws.calendar.year_json(2027)["complete"]
    assert "尚未载入" in tab.state.text()


def test_unreadable_text_says_why(window):
    tab = _tab(window)
    tab.text.setPlainText("各单位：请做好节日期间值班工作。")
    tab.read_button.click()
    assert "没有在这段文字中找到放假安排" in tab.result.text() and not tab.confirm_button.isEnabled()


def test_clicking_a_day_toggles_it(window, ws, qtbot):
    tab = _tab(window)
    tab.year.setValue(2026)
    qtbot.waitUntil(lambda: tab.view._cells != [])
    target = dt.date(2026, 10, 9)  # a Friday between 国庆 and the make-up Saturday
    rect = next(r for r, d in tab.view._cells if d == target)
    QTest.mouseClick(tab.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(rect.center().x()), int(rect.center().y())))
    assert not ws.calendar.work_calendar().is_workday(target)
    assert tab.view.days[target].source == "clerk"
    assert window.act_undo.text() == "撤销 将10月9日设为放假"
    window.act_undo.trigger()
    assert ws.calendar.work_calendar().is_workday(target)


def test_thresholds_change_the_task_table(window, ws):
    pid = make_demo(ws, tasks=20, year=2026).id
    window.reload_plans(select=pid)
    tab = _tab(window)
    tab.due_soon.setValue(3)
    tab.stale.setValue(20)
    tab.save_rule.click()
    assert ws.calendar.light_rule().due_soon_days == 3 and ws.calendar.light_rule().stale_days == 20
    assert "3个工作日内到期" in tab.rule_text.text()
    model = window.plan_view.model
    from gongkai_desk.ui.plans.task_table import COL_LIGHT, COLUMNS

    assert COLUMNS[COL_LIGHT] == "提醒"
    tip = model.data(model.index(0, COL_LIGHT), Qt.ItemDataRole.ToolTipRole)
    assert "黄：3个工作日内到期且未完成，或“持续推进”超过20天未更新" in tip
    words = {model.data(model.index(r, COL_LIGHT)) for r in range(model.rowCount())}
    assert "红 · 逾期" in words
