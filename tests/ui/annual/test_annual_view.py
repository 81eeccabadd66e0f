"""The 年度报告 view: typing into the form, live checks, selecting cells, storing in the DB."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from gongkai_desk.core.annual.samples import kiro_example
from gongkai_desk.core.exchange.stats_workbook import value_coords, write_template
from tests.core.reports.annual_helpers import make_finished
from tests.ui.conftest import answer_modal

REVIEW = [f"table4.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]


@pytest.fixture
def view(qtbot, ws):
    from gongkai_desk.ui.annual import AnnualReportView
    from gongkai_desk.ui.ops import Bus

    make_finished(ws, kiro_example(2023))
    w = AnnualReportView(ws, Bus(), year=2023)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def open_editor(qtbot, view, key: str) -> QLineEdit:
    table = key.split(".")[0]
    tv, model = view.views[table], view.models[table]
    view.tabs.setCurrentWidget(tv)
    idx = model.index_of(key)
    tv.setCurrentIndex(idx)
    tv.edit(idx)
    editor = tv.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    return editor


def press_enter(qtbot, editor) -> None:
    """Commit the editor: the delegate commits on Return through a queued call."""
    from shiboken6 import isValid

    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(editor) or not editor.isVisible(), timeout=2000)


def problem_texts(view) -> list[str]:
    return [view.problems.item(i).text() for i in range(view.problems.count())]


def test_worked_example_shows_no_problems(view):
    assert problem_texts(view) == []
    assert "全部检查通过" in view.summary.text()


def test_typing_shows_rule_live_and_stores_on_enter(qtbot, view, ws):
    editor = open_editor(qtbot, view, "table4.review.total")
    qtbot.keyClicks(editor, "5")
    # checked while typing, before the value is stored
    assert any("表四“行政复议”：总计为5" in t for t in problem_texts(view))
    assert ws.annual.stats_cells(2023)["table4.review.total"] == "790"
    press_enter(qtbot, editor)
    assert ws.annual.stats_cells(2023)["table4.review.total"] == "5"
    assert view.models["table4"].marks["table4.review.total"] == "error"
    # clicking the problem selects the cells it names
    row = next(i for i, t in enumerate(problem_texts(view)) if "行政复议" in t)
    item = view.problems.item(row)
    rect = view.problems.visualItemRect(item)
    qtbot.mouseClick(view.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.tabs.currentWidget() is view.views["table4"]
    assert sorted(view.views["table4"].selected_keys()) == sorted(REVIEW)
    ws.undo()
    assert ws.annual.stats_cells(2023)["table4.review.total"] == "790"


def test_cells_refuse_anything_but_numbers(qtbot, view, ws):
    editor = open_editor(qtbot, view, "table3.granted.natural")
    qtbot.keyClicks(editor, "a-1.5x")
    assert editor.text() == "15"  # the validator dropped the letters, sign and point
    model = view.models["table3"]
    assert not model.setData(model.index_of("table3.partial.natural"), "-3")
    assert "负数" in view.hint.text()
    fee = open_editor(qtbot, view, "table2.admin_fees.fee_amount")
    qtbot.keyClicks(fee, "1234.5678")
    assert fee.text() == "1234.5678"  # four decimals (to the yuan) as published reports give it
    press_enter(qtbot, fee)
    assert ws.annual.stats_cells(2023)["table2.admin_fees.fee_amount"] == "1234.5678"


def test_clearing_a_cell_is_blank_not_zero(qtbot, view, ws):
    editor = open_editor(qtbot, view, "table3.partial.social")
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    press_enter(qtbot, editor)
    assert ws.annual.stats_cells(2023)["table3.partial.social"] is None
    model = view.models["table3"]
    assert model.index_of("table3.partial.social").data() == "未填"
    assert any("未填写" in t for t in problem_texts(view))


def test_fill_totals_asks_before_overwriting_typed_numbers(qtbot, view, ws):
    ws.annual.set_stats_cells(2023, {"table4.review.total": "5", "table3.granted.total": None}, label="t")
    view.reload()
    answer_modal(qtbot, lambda box: next(b for b in box.buttons() if b.text() == "只填写空白的合计").click())
    view.fill_button.click()
    cells = ws.annual.stats_cells(2023)
    assert cells["table3.granted.total"] == "5548" and cells["table4.review.total"] == "5"
    answer_modal(qtbot, lambda box: next(b for b in box.buttons() if b.text() == "全部覆盖").click())
    view.fill_button.click()
    assert ws.annual.stats_cells(2023)["table4.review.total"] == "790"
    assert problem_texts(view) == []


def test_export_refused_while_errors(qtbot, view, ws, monkeypatch):
    from gongkai_desk.ui.annual import file_actions

    ws.annual.set_stats_cells(2023, {"table4.suit_direct.total": "1"}, label="t")
    view.reload()
    shown = []
    monkeypatch.setattr(file_actions, "show_rule_failures", lambda p, f, t, h: shown.append(f))
    monkeypatch.setattr(file_actions.QFileDialog, "getSaveFileName",
                        lambda *a, **k: pytest.fail("no file dialog while errors exist"))
    view.export_button.click()
    assert [f.rule_id for f in shown[0]] == ["T4-SUM"]


def test_export_refused_naming_placeholders_and_stubs_then_draft_is_written(
        qtbot, view, ws, tmp_path, monkeypatch):
    from docx import Document

    from gongkai_desk.ui.annual import file_actions

    view.narrative.set_text("五", "无")
    view.narrative.set_text("六", "本年度【请补充】信息处理费收取情况。")
    shown = []
    monkeypatch.setattr(file_actions, "show_rule_failures", lambda p, f, t, h: shown.append(f))
    monkeypatch.setattr(file_actions.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "年报.docx"), ""))
    view.export_button.click()
    assert [f.rule_id for f in shown[0]] == ["TXT-EMPTY", "TXT-PLACEHOLDER"]
    assert "“五、存在的主要问题及改进情况”只有“无”" in shown[0][0].message
    assert not (tmp_path / "年报.docx").exists()
    view.draft_button.click()
    out = tmp_path / "年报（草稿）.docx"
    assert out.exists() and "草稿" in Document(str(out)).sections[0].header.paragraphs[0].text


def test_clicking_a_text_finding_selects_its_sentence(qtbot, view, ws):
    text = view.narrative.editors["一"].toPlainText().replace("新收政府信息公开申请14069件",
                                                               "新收政府信息公开申请14000件")
    view.narrative.set_text("一", text)
    row = next(i for i in range(view.problems.count()) if "14000件" in view.problems.item(i).text())
    item = view.problems.item(row)
    rect = view.problems.visualItemRect(item)
    qtbot.mouseClick(view.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.tabs.currentWidget() is view.narrative
    selected = view.narrative.editors["一"].textCursor().selectedText()
    assert selected == "全年新收政府信息公开申请14000件，上年结转560件；"  # the sentence, to its 。 or ；


def test_issuer_defaults_to_the_office_in_settings_and_date_is_required(qtbot, view, ws):
    ws.settings.set_office(name="示例区人民政府办公室")
    view.narrative.issuer.setText("")
    view.narrative.issuer.editingFinished.emit()
    assert ws.annual.meta(2023)["issuer"] is None
    assert "示例区人民政府办公室" in view.narrative.issuer_note.text()
    assert not any("发布机关" in t for t in problem_texts(view))
    view.narrative.report_date.setText("2023年12月1日")
    view.narrative.report_date.editingFinished.emit()
    assert ws.annual.meta(2023)["report_date"] == "2023-12-01"
    finding = next(f for f in view.failures if f.rule_id == "REPORT-DATE")
    assert finding.is_error and "2024年1月1日以后" in finding.message


def test_export_writes_docx(qtbot, view, tmp_path, monkeypatch):
    from gongkai_desk.ui.annual import file_actions

    out = tmp_path / "年报.docx"
    monkeypatch.setattr(file_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.export_button.click()
    assert out.exists()


def test_draft_fills_text_and_divergent_figures_warn(qtbot, view, ws):
    view.tabs.setCurrentWidget(view.narrative)
    view.narrative.set_text("一", "")
    view.narrative.draft_buttons["一"].click()
    text = view.narrative.editors["一"].toPlainText()
    assert "新收政府信息公开申请14069件" in text
    assert "14069" in ws.annual.texts(2023)["一"]
    view.narrative.editors["一"].setPlainText(text.replace("14069", "14000"))
    assert any("14000" in t and "14069" in t for t in problem_texts(view))
    assert view.narrative.warnings["一"].isVisibleTo(view)
    monkeypatch_answer = QMessageBox.StandardButton.Yes
    answer_modal(qtbot, lambda box: box.button(monkeypatch_answer).click())
    view.narrative.draft_buttons["一"].click()
    assert "14069" in view.narrative.editors["一"].toPlainText()


def test_import_two_workbooks_shows_changes_then_stores_sum(qtbot, view, ws, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from gongkai_desk.ui.annual import file_actions

    paths = []
    for name, n in (("a.xlsx", 2), ("b.xlsx", 3)):
        p = write_template(2023, tmp_path / name, kiro_example(2023))
        wb = load_workbook(str(p))
        wb["四、复议诉讼"][value_coords("table4")["table4.review.upheld"]] = n
        wb.save(str(p))
        paths.append(str(p))
    monkeypatch.setattr(file_actions.QFileDialog, "getOpenFileNames", lambda *a, **k: (paths, ""))
    seen = []

    def accept(dialog):
        seen.append(dialog.table.rowCount())
        dialog.accept()

    answer_modal(qtbot, accept)
    view.import_button.click()
    nonzero = sum(1 for v in kiro_example(2023).cells().values() if float(v) != 0)
    assert seen == [nonzero]  # every non-zero cell doubles; zeros stay zeros
    cells = ws.annual.stats_cells(2023)
    assert cells["table4.review.upheld"] == "5"
    assert cells["table3.new_received.total"] == str(2 * 14069)


def test_saving_one_section_keeps_unsaved_typing_in_another(qtbot, view, ws):
    view.narrative.editors["五"].setPlainText("正在输入的内容")
    view.narrative.set_text("一", "总体情况正文。")  # stored now: the view reloads from the DB
    assert view.narrative.editors["五"].toPlainText() == "正在输入的内容"
    assert ws.annual.texts(2023)["一"] == "总体情况正文。"
    qtbot.waitUntil(lambda: ws.annual.texts(2023).get("五") == "正在输入的内容", timeout=3000)


def test_switching_year_stores_pending_text_and_shows_empty_year(qtbot, view, ws):
    view.narrative.editors["六"].setPlainText("本年度未收取信息处理费。")
    view.year_box.setValue(2024)
    assert ws.annual.texts(2023)["六"] == "本年度未收取信息处理费。"
    assert view.narrative.editors["六"].toPlainText() == ""
    assert "还没有填写" in view.summary.text()
    assert view.models["table3"].index_of("table3.granted.total").data() == "未填"


def test_import_names_units_lists_missing_and_keeps_stored_numbers_for_blanks(
        qtbot, view, ws, tmp_path, monkeypatch):
    from gongkai_desk.core.annual.stats import Stats
    from gongkai_desk.ui.annual import file_actions

    for name in ("区财政局", "区教育局", "区卫健委"):
        ws.units.add(name)
    half = Stats(2023, {k: v for k, v in kiro_example(2023).cells().items() if k.startswith("table4")})
    paths = [str(write_template(2023, tmp_path / "a.xlsx", half, unit="区财政局")),
             str(write_template(2023, tmp_path / "b.xlsx", half, unit="区教育局"))]
    monkeypatch.setattr(file_actions.QFileDialog, "getOpenFileNames", lambda *a, **k: (paths, ""))
    seen = {}

    def look(dialog):
        seen["sources"] = dialog.sources.text()
        seen["rows"] = dialog.table.rowCount()
        seen["trace"] = dialog.table.item(0, 3).text()
        seen["box"] = dialog.replace_box.isVisible()
        dialog.accept()

    answer_modal(qtbot, look)
    view.import_button.click()
    assert "已收到2个单位的统计表：区财政局（a.xlsx）、区教育局（b.xlsx）" in seen["sources"]
    assert "尚未收到1个单位的统计表：区卫健委" in seen["sources"]
    assert seen["trace"] == "区财政局 376 + 区教育局 376 = 752"
    assert seen["box"]  # blank table 二/三 cells: may clear stored numbers only when ticked
    cells = ws.annual.stats_cells(2023)
    assert cells["table4.review.upheld"] == "752"
    assert cells["table3.new_received.total"] == "14069"  # blank in the files: kept


def test_templates_per_unit_then_import_names_who_has_not_returned(qtbot, view, ws, tmp_path, monkeypatch):
    from gongkai_desk.core.exchange.stats_workbook import read_workbook_unit
    from gongkai_desk.ui.annual import file_actions, template_dialog

    for name in ("区财政局", "区教育局", "区卫健委"):
        ws.units.add(name)
    monkeypatch.setattr(template_dialog.QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))

    def untick_last(dialog):
        assert dialog.per_unit.isChecked() and dialog.list.count() == 3
        item = next(dialog.list.item(i) for i in range(3) if dialog.list.item(i).text() == "区卫健委")
        item.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    answer_modal(qtbot, untick_last)
    view.template_button.click()
    files = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    assert set(files) == {"2023年政府信息公开统计表（区教育局）.xlsx", "2023年政府信息公开统计表（区财政局）.xlsx"}
    first = tmp_path / "2023年政府信息公开统计表（区财政局）.xlsx"
    assert read_workbook_unit(first, 2023)[1] == "区财政局"
    monkeypatch.setattr(file_actions.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(first)], ""))
    seen = []
    answer_modal(qtbot, lambda d: (seen.append(d.sources.text()), d.reject()))
    view.import_button.click()
    assert "已收到1个单位的统计表：区财政局" in seen[0]
    missing = seen[0].split("尚未收到2个单位的统计表：")[1].split("\n")[0].rstrip("。")
    assert set(missing.split("、")) == {"区教育局", "区卫健委"}
