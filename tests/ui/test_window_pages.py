"""Every navigation page opens inside the window, and the toolbar export reaches a real file."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from gongkai_desk.core.demo import make_demo
from gongkai_desk.ui.pages import NAV
from tests.ui.conftest import answer_modal


def test_every_page_opens(window, ws):
    window.reload_plans(select=make_demo(ws, tasks=10, year=2026).id)
    from gongkai_desk.ui.annual import AnnualReportView
    from gongkai_desk.ui.settings.settings_page import SettingsPage
    from gongkai_desk.ui.units.units_page import UnitsPage

    for row, kind in ((NAV["units"], UnitsPage), (NAV["annual"], AnnualReportView), (NAV["settings"], SettingsPage)):
        window.nav.setCurrentRow(row)
        assert isinstance(window.stack.currentWidget(), kind)
    window.nav.setCurrentRow(NAV["plans"])
    assert window.stack.currentWidget() is window.plan_page and window.plan_page.currentWidget() is window.plan_split
    units = window.page("units")
    assert units.tree.topLevelItemCount() == len(ws.units.all())


def test_unit_added_in_directory_appears_when_assigning(window, ws, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window.nav.setCurrentRow(NAV["units"])
    page = window.page("units")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("区档案馆", True))
    page.buttons["add"].click()
    assert ws.units.find("区档案馆") is not None
    assert any(page.tree.topLevelItem(i).text(0) == "区档案馆" for i in range(page.tree.topLevelItemCount()))
    assert window.act_undo.text() == "撤销 新增单位「区档案馆」"


def test_toolbar_export_writes_the_review_table(window, ws, qtbot, tmp_path):
    window.reload_plans(select=make_demo(ws, tasks=12, year=2026).id)
    out = tmp_path / "回头看.xlsx"

    def fill(dialog):
        dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
        dialog.path.setText(str(out))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_modal(qtbot, fill)
    window.act_export.trigger()
    assert out.exists()
    import openpyxl

    sheet = openpyxl.load_workbook(out).active
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    assert any("落实情况表" in t for t in texts)
    assert "已导出" in window.statusBar().currentMessage()
