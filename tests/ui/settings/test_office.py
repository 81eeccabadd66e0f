"""设置 → 本机关信息: each field saves when left, and follows undo."""

from __future__ import annotations

from gongkai_desk.ui.pages import NAV
from tests.ui.conftest import type_text


def test_office_tab_saves_each_field_and_follows_undo(window, qtbot, ws):
    window.nav.setCurrentRow(NAV["settings"])
    page = window.page("settings")
    tab = page.sections["本机关信息"]
    type_text(tab.edits["phone"], "0519-88881234")
    tab.edits["phone"].editingFinished.emit()
    assert ws.settings.office().phone == "0519-88881234"
    assert window.act_undo.text() == "撤销 修改本机关信息"
    window.act_undo.trigger()
    assert ws.settings.office().phone == "" and tab.edits["phone"].text() == ""
