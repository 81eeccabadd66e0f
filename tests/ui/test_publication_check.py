"""Before the clerk exports something to publish, the publication check asks once: mask, export
as it is, or cancel; it never blocks silently."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialogButtonBox

from gongkai_desk.core.annual.samples import kiro_example
from gongkai_desk.ui.pages import NAV
from gongkai_desk.ui.publication import PublicationDialog
from tests.core.publication.test_detect import ID
from tests.ui.conftest import answer_modal


def _xlsx_text(path) -> str:
    return "\n".join(str(c.value) for ws in load_workbook(path) for row in ws.iter_rows() for c in row if c.value)


@pytest.fixture
def plan_with_personal_data(window, ws):
    pid = ws.plans.create(year=2026, title="计划").id
    ws.tasks.add(pid, text=f"联系人：王小明 13812345678，身份证号{ID}")
    window.reload_plans(select=pid)
    return pid


def _export(window, qtbot, out, choose):
    seen = {}

    def publication(dialog):
        assert isinstance(dialog, PublicationDialog)
        seen["rows"] = dialog.table.rowCount()
        seen["places"] = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
        dialog.grab().save("/tmp/publication_dialog.png")
        getattr(dialog, f"{choose}_button").click()

    def options(dialog):
        dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
        dialog.path.setText(str(out))
        answer_modal(qtbot, publication)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_modal(qtbot, options)
    window.act_export.trigger()
    return seen


def test_masking_is_offered_and_applied(window, qtbot, tmp_path, plan_with_personal_data, ws):
    out = tmp_path / "r.xlsx"
    seen = _export(window, qtbot, out, "mask")
    assert seen["rows"] == 3 and all("具体任务" in p for p in seen["places"])
    text = _xlsx_text(out)
    assert "138****5678" in text and "王*明" in text and ID not in text and "3201**********" in text
    assert ID in ws.tasks.of_plan(plan_with_personal_data)[0].text  # the database keeps the original


def test_export_as_it_is(window, qtbot, tmp_path, plan_with_personal_data):
    out = tmp_path / "r.xlsx"
    _export(window, qtbot, out, "as_is")
    assert ID in _xlsx_text(out)


def test_cancel_writes_nothing(window, qtbot, tmp_path, plan_with_personal_data):
    out = tmp_path / "r.xlsx"
    _export(window, qtbot, out, "cancel")
    assert not out.exists()


def test_annual_report_export_is_checked_too(window, ws, qtbot, tmp_path, monkeypatch):
    ws.annual.set_stats_cells(2023, kiro_example(2023).cells(), label="测试")
    ws.annual.set_meta(2023, issuer="示例区人民政府", report_date="2024-01-20")
    # Sections long enough to pass the annual report's own export checks (no stubs, no placeholder).
    ws.annual.set_text(2023, "一", "本年度本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开、依申请公开、"
                                   "政府信息管理、平台建设和监督保障各项工作有序推进。")
    ws.annual.set_text(2023, "六", "本年度本机关未收取信息处理费。本年度政务公开工作要点各项任务均已按期完成。")
    ws.annual.set_text(2023, "五", "群众张三（电话13812345678）反映的问题已解决。")
    window.nav.setCurrentRow(NAV["annual"])
    view = window.page("annual")
    view.load_year(2023)
    out = tmp_path / "年报.docx"
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Word 文档 (*.docx)"))
    answer_modal(qtbot, lambda d: d.mask_button.click())
    view.export_report()
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "138****5678" in text and "张*" in text


def test_print_preview_is_checked_too(window, qtbot, plan_with_personal_data, monkeypatch):
    shown = []
    monkeypatch.setattr("gongkai_desk.ui.printing.print_review.show_print_preview", lambda parent, doc: shown.append(doc))

    def options(dialog):
        answer_modal(qtbot, lambda d: d.mask_button.click())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_modal(qtbot, options)
    window.act_print.trigger()
    [doc] = shown
    cells = [c for t in doc.tables for s in t.sections for r in s.rows for c in r.cells.values()]
    assert any("138****5678" in c for c in cells) and not any(ID in c for c in cells)


def test_the_overview_is_checked_before_it_is_published(window, qtbot, tmp_path, ws, monkeypatch):
    """The 落实情况通报 lists task texts too: the same check asks first; masking changes the file,
    never the database; cancelling writes nothing."""
    import docx
    from PySide6.QtWidgets import QFileDialog

    from gongkai_desk.core.model import Role

    pid = ws.plans.create(year=2026, title="计划").id
    tid = ws.tasks.add(pid, text="回复群众王小明（13812345678）的申请", deadline="1月底前").id
    ws.progress.assign(tid, ws.units.add("区财政局").id, Role.LEAD)
    window.reload_plans(select=pid)
    window.nav.setCurrentRow(NAV["overview"])
    page = window.page("overview")
    out = tmp_path / "通报.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def choose(what):
        def publication(dialog):
            assert isinstance(dialog, PublicationDialog)
            assert any(dialog.table.item(r, 1).text().startswith("任务") for r in range(dialog.table.rowCount()))
            getattr(dialog, f"{what}_button").click()
        return publication

    answer_modal(qtbot, choose("cancel"))
    page.export_docx.click()
    assert not out.exists() and "已取消" in window.statusBar().currentMessage()
    answer_modal(qtbot, choose("mask"))
    page.export_docx.click()
    text = "\n".join([p.text for p in docx.Document(str(out)).paragraphs]
                     + [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells])
    assert "138****5678" in text and "13812345678" not in text
    assert "13812345678" in ws.tasks.get(tid).text


def test_cli_export_overview_warns_what_the_check_found(tmp_path):
    from gongkai_desk.core.model import Role
    from gongkai_desk.core.workspace import Workspace
    from tests.conftest import run_cli

    db = tmp_path / "a.db"
    w = Workspace.open(db)
    pid = w.plans.create(year=2026, title="计划").id
    tid = w.tasks.add(pid, text="回复群众王小明（13812345678）的申请", deadline="1月底前").id
    w.progress.assign(tid, w.units.add("区财政局").id, Role.LEAD)
    w.close()
    res = run_cli("export", "overview", "--plan", str(pid), "--out", str(tmp_path / "o.xlsx"), db=db)
    assert res.returncode == 0
    assert "发布前检查" in res.stderr.decode("utf-8") and "13812345678" in res.stderr.decode("utf-8")
