"""Importing through the window: file dialog, paste, drag and drop, update with diff, errors."""

from __future__ import annotations

import re
import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from gongkai_desk.core.imports.store import store_plan
from gongkai_desk.core.imports.parse import parse_file
from gongkai_desk.core.model import Status
from gongkai_desk.ui.imports.import_dialog import LAST_FOLDER_KEY, ImportDialog
from gongkai_desk.ui.imports.import_support import DiffDialog
from gongkai_desk.ui.ops import run_in_background
from gongkai_desk.ui.imports.preview_model import (
    COL_REASON,
    COL_TEXT,
    FLAG_REASONS,
    FLAGGED_BACKGROUND,
    ImportPreviewModel,
    TaskIndexRole,
)
from tests.conftest import DATA
from tests.ui.conftest import type_text

SEEDS = DATA / "seeds"


def seed(n: str):
    return next(SEEDS.glob(f"{n}_*.txt"))


def when_modal(qtbot, kind, fill, timeout_ms: int = 20000) -> None:
    """Run ``fill(dialog)`` once a modal dialog of class ``kind`` is shown; reject it if ``fill`` fails."""
    from PySide6.QtCore import QTimer

    state = {"waited": 0}

    def check():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            state["waited"] += 20
            if state["waited"] < timeout_ms:
                QTimer.singleShot(20, check)
            return
        try:
            fill(dialog)
        except BaseException:
            dialog.reject()
            raise

    QTimer.singleShot(0, check)


def edit_cell(qtbot, view, index, text: str) -> None:
    """Edit a cell the way the clerk does: open the editor, replace the text, press Enter."""
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)  # the view commits after Enter, queued


def test_import_seed004_through_the_file_dialog(window, qtbot, ws, monkeypatch):
    uid = ws.units.add("荆门市行政审批局").id
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(seed("004")), ""))
    seen = {}

    def fill(d: ImportDialog):
        qtbot.mouseClick(d.file_button, Qt.MouseButton.LeftButton)
        assert d.pages.currentIndex() == 1
        assert d.summary.text() == "识别任务50项，其中32项需要确认；涉及单位29个，其中29个将新增到单位名录"
        model = d.model
        repaired = next(n for n, t in enumerate(d.parsed.tasks) if "text_uncertain" in t.flags)
        item = model.itemFromIndex(model.task_index(repaired, COL_REASON))
        assert item.text() == "文字中可能有乱码，请对照原文"
        assert item.background().color() == FLAGGED_BACKGROUND
        assert model.itemFromIndex(model.task_index(0, COL_REASON)).text() == "单位名录中没有“市审批局”（可能是荆门市行政审批局）"
        assert model.itemFromIndex(model.task_index(1, COL_TEXT)).background().color() != FLAGGED_BACKGROUND
        edit_cell(qtbot, d.tree, model.task_index(1, COL_TEXT), "做好受疫情影响行业帮扶政策公开专题。")
        assert d.parsed.tasks[1].text == "做好受疫情影响行业帮扶政策公开专题。"
        d.tabs.setCurrentIndex(1)
        assert "市审批局" in d.units.names() and "市发改委" in d.units.names()
        combo = d.units.combo("市审批局")
        assert combo.itemText(1) == "作为「荆门市行政审批局」的别名"
        combo.setCurrentIndex(combo.findData(uid))
        assert d.summary.text() == "识别任务50项，其中2项需要确认；涉及单位29个，其中28个将新增到单位名录"
        assert d.tabs.tabText(1) == "单位（28个将新增）" and d.tabs.tabText(2) == "提示（20条）"
        assert "29个是新名称（目前28个将新增到单位名录，1个作为已有单位的别名）" in d.units.intro.text()
        hints = [d.warnings.item(i).text() for i in range(d.warnings.count())]
        assert not any(re.search(r"第\d+行", h) for h in hints)  # quoted tasks, not source lines
        assert any(h.startswith("任务") and "“" in h for h in hints)
        seen["ok"] = True
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, ImportDialog, fill)
    window.act_import.trigger()
    assert seen.get("ok")
    [plan] = ws.plans.list()
    assert (plan.year, plan.title, plan.tasks) == (2022, "2022年荆门市政务公开重点工作任务分解", 50)
    tasks = ws.tasks.of_plan(plan.id)
    assert tasks[1].text == "做好受疫情影响行业帮扶政策公开专题。"
    assert tasks[0].lead_units == ("荆门市行政审批局", "市发改委", "市市场监管局")
    assert "市审批局" in ws.units.get(uid).aliases
    assert window.plan_id == plan.id and window.plan_view.model.rowCount() == 50
    assert window.plan_view.model.rows[1].text == "做好受疫情影响行业帮扶政策公开专题。"
    assert window.statusBar().currentMessage() == "已导入50项任务"
    assert str(window.settings.value(LAST_FOLDER_KEY)) == str(SEEDS)
    window.act_undo.trigger()  # Ctrl+Z removes the whole import, alias included
    assert ws.plans.list() == [] and ws.units.get(uid).aliases == ()
    assert window.stack.currentWidget() is window.plan_page and window.plan_page.currentWidget() is window.start_page


def test_paste_text_goes_through_the_text_parser(window, qtbot, ws):
    QApplication.clipboard().setText(seed("000").read_text(encoding="utf-8"))

    def fill(d: ImportDialog):
        assert d.pages.currentIndex() == 0 and not d.paste_button.isEnabled()
        d.paste.setFocus()
        QTest.keySequence(d.paste, "Ctrl+V")
        assert d.paste.toPlainText().startswith(seed("000").read_text(encoding="utf-8")[:20])
        qtbot.mouseClick(d.paste_button, Qt.MouseButton.LeftButton)
        assert d.summary.text().startswith("识别任务34项，其中20项需要确认")
        assert d.source_label.text().startswith("来源：粘贴的文字")
        inherited = next(n for n, t in enumerate(d.parsed.tasks) if "units_inherited" in t.flags)
        assert d.model.reasons(inherited) == [FLAG_REASONS["units_inherited"]]
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, ImportDialog, fill)
    qtbot.mouseClick(window.start_page.import_button, Qt.MouseButton.LeftButton)
    [plan] = ws.plans.list()
    assert (plan.year, plan.tasks) == (2018, 34)
    assert ws.units.find("区各有关部门").is_group


def test_text_pasted_elsewhere_opens_the_preview_directly(window, qtbot, ws):
    from gongkai_desk.ui.imports.import_dialog import run_import

    def fill(d: ImportDialog):
        assert d.pages.currentIndex() == 1 and d.summary.text().startswith("识别任务50项")
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, ImportDialog, fill)
    plan_id = run_import(window, ws, window.bus, text=seed("004").read_text(encoding="utf-8"))
    assert [p.id for p in ws.plans.list()] == [plan_id] and ws.plans.list()[0].tasks == 50


def test_drag_and_drop_a_review_table(window, qtbot, ws):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seed("003")))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)

    def fill(d: ImportDialog):
        assert d.summary.text().endswith("落实情况：阶段性完成7项、已完成6项")
        assert not d.tree.isColumnHidden(5)  # the status column shows for a review
        assert d.year.value() == 2021
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, ImportDialog, fill)
    window.dropEvent(event)
    [plan] = ws.plans.list()
    assert ws.plans.get(plan.id).kind == "review" and plan.tasks == 13
    statuses = [t.status for t in ws.tasks.of_plan(plan.id)]
    assert statuses.count(Status.DONE) == 6 and statuses.count(Status.STAGED) == 7
    assert window.plan_view.model.rowCount() == 13


def test_update_current_plan_shows_the_diff_before_applying(window, qtbot, ws, tmp_path):
    plan_id = store_plan(ws, parse_file(seed("002"))).id
    window.reload_plans(select=plan_id)
    lines = seed("002").read_text(encoding="utf-8").split("\n")
    lines[21] = lines[21].replace("及时公开项目基本情况", "及时全面公开项目基本情况")
    newer = tmp_path / "荣县实施方案（修订）.txt"
    newer.write_text("\n".join(lines), encoding="utf-8")
    shown = {}

    def accept_diff(d: DiffDialog):
        top = [d.tree.topLevelItem(i).text(0) for i in range(d.tree.topLevelItemCount())]
        shown["top"] = top
        shown["field"] = d.tree.topLevelItem(0).child(0).child(0).text(1)
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def fill(d: ImportDialog):
        assert d.as_update.isVisible() and d.as_update.isChecked()  # same title: update is offered first
        assert d.import_button.text() == "比较并更新…"
        when_modal(qtbot, DiffDialog, accept_diff)
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, ImportDialog, fill)
    window.plan_actions.import_file(str(newer))
    assert shown["top"] == ["修改任务（1项）"]
    assert "及时全面公开项目基本情况" in shown["field"]
    assert len(ws.plans.list()) == 1
    assert any("及时全面公开项目基本情况" in t.text for t in ws.tasks.of_plan(plan_id))
    assert window.statusBar().currentMessage().startswith("已更新计划：新增0项任务，删除0项，修改1项")
    window.act_undo.trigger()
    assert not any("及时全面公开项目基本情况" in t.text for t in ws.tasks.of_plan(plan_id))


def test_a_file_that_is_not_a_plan_shows_one_chinese_sentence(window, qtbot, ws):
    seen = {}

    def close(box: QMessageBox):
        seen["text"] = box.text()
        box.accept()

    when_modal(qtbot, QMessageBox, close)
    window.plan_actions.import_file(str(DATA / "bad" / "corrupt.docx"))
    assert "已损坏" in seen["text"] and not re.search(r"[A-Za-z]{5,}Error|Traceback", seen["text"])
    assert ws.plans.list() == []


def test_parsing_runs_off_the_main_thread(qtbot):
    from gongkai_desk.ui.app import make_app

    make_app()
    main = threading.current_thread()
    result = run_in_background(None, lambda: threading.current_thread() is not main, label="测试")
    assert result is True


def test_preview_model_passes_the_model_tester_and_speaks_chinese(qtmodeltester):
    parsed = parse_file(seed("000"))
    model = ImportPreviewModel(parsed)
    qtmodeltester.check(model)
    assert model.flagged_count() == 20
    for n in range(len(parsed.tasks)):
        for reason in model.reasons(n):
            assert not re.search(r"[A-Za-z_]{3,}", reason), reason


@pytest.mark.parametrize("column, text, flags_left", [(2, "区财政局、区发改局", []), (1, "改正后的任务内容", ["units_inherited"])])
def test_editing_a_flagged_row_clears_the_matching_flags(qapp, column, text, flags_left):
    parsed = parse_file(seed("000"))
    model = ImportPreviewModel(parsed)
    n = next(i for i, t in enumerate(parsed.tasks) if t.flags == ["units_inherited"])
    assert model.setData(model.task_index(n, column), text)
    t = parsed.tasks[n]
    assert t.flags == flags_left
    if column == 2:
        assert t.lead_units == ["区财政局", "区发改局"]
        assert model.reasons(n) == []
    else:
        assert t.text == text


def test_ctrl_v_on_the_start_page_imports_copied_text(window, qtbot, ws):
    QApplication.clipboard().setText(seed("002").read_text(encoding="utf-8"))
    assert window.stack.currentWidget() is window.plan_page and window.plan_page.currentWidget() is window.start_page

    def fill(d: ImportDialog):
        assert d.summary.text().startswith("识别任务38项")
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, ImportDialog, fill)
    window.start_page.setFocus()
    QTest.keySequence(window.start_page, "Ctrl+V")
    [plan] = ws.plans.list()
    assert (plan.year, plan.tasks) == (2017, 38)
    assert window.plan_view.model.rowCount() == 38


def test_import_from_empty_clipboard_says_what_to_do(window, monkeypatch):
    QApplication.clipboard().setText("")
    shown = {}
    monkeypatch.setattr("gongkai_desk.ui.plans.actions.show_error", lambda parent, text, title="": shown.update(text=text))
    window.act_paste_import.trigger()
    assert "剪贴板里没有文字" in shown["text"]


def test_diff_dialog_lists_renamed_sections(qapp, ws, tmp_path):
    from gongkai_desk.core.imports.diff import diff_update
    from gongkai_desk.core.imports.parse import parse_text

    before = "2026年政务公开工作要点\n一、推进信息公开\n1.做好财政预决算公开。（责任单位：区财政局）\n"
    after = before.replace("推进信息公开", "推进政府信息公开")
    plan_id = store_plan(ws, parse_text(before), year=2026).id
    diff = diff_update(ws, plan_id, parse_text(after))
    dialog = DiffDialog(None, diff, "2026年政务公开工作要点")
    top = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    group = next(g for g in top if g.text(0).startswith("修改章节标题"))
    assert group.child(0).text(1) == "原为：一、推进信息公开\n改为：一、推进政府信息公开"


def test_preview_explains_status_flags_in_chinese():
    for code in ("status_uncertain", "status_unrecognized"):
        assert FLAG_REASONS[code] != "识别结果不确定" and "完成状态" in FLAG_REASONS[code]


def test_confirm_selected_and_confirm_all_clear_the_flags_that_are_imported(window, qtbot, ws):
    """确认所选 drops the flags of the selected task only; 全部确认 of every task; the plan then
    arrives without 待确认 marks."""
    QApplication.clipboard().setText(seed("000").read_text(encoding="utf-8"))

    def fill(d: ImportDialog):
        d.paste.setFocus()
        QTest.keySequence(d.paste, "Ctrl+V")
        qtbot.mouseClick(d.paste_button, Qt.MouseButton.LeftButton)
        flagged = d.model.flagged_tasks()
        assert len(flagged) == 20
        first = next(i for i in _tree_rows(d.tree) if i.data(TaskIndexRole) == flagged[0])
        d.tree.setCurrentIndex(first)
        d.tree.selectionModel().select(first, d.tree.selectionModel().SelectionFlag.ClearAndSelect
                                       | d.tree.selectionModel().SelectionFlag.Rows)
        qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
        assert d.model.flagged_tasks() == flagged[1:]
        qtbot.mouseClick(d.confirm_all_button, Qt.MouseButton.LeftButton)
        assert d.model.flagged_tasks() == [] and not d.confirm_all_button.isEnabled()
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, ImportDialog, fill)
    qtbot.mouseClick(window.start_page.import_button, Qt.MouseButton.LeftButton)
    [plan] = ws.plans.list()
    assert plan.tasks == 34
    assert [t for t in ws.tasks.of_plan(plan.id) if t.flags] == []


def _tree_rows(tree):
    """Every index of column 0 in the preview tree, depth first."""
    model, out = tree.model(), []

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            out.append(index)
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out


def test_every_flag_the_importer_sets_has_a_chinese_reason():
    """A flag the parser puts on a task (``flags.append("…")``) shows in the preview and in the task
    table's 待确认 tooltip by its reason: none may fall back to the generic "识别结果不确定"."""
    import re
    from pathlib import Path

    import gongkai_desk.core.imports as imports
    from gongkai_desk.ui.imports.preview_model import FLAG_REASONS

    root = Path(imports.__file__).parent
    set_there = {m for f in root.rglob("*.py") for m in re.findall(r'flags\.append\("([a-z_]+)"\)', f.read_text("utf-8"))}
    assert set_there >= {"units_inherited", "text_from_group", "category_inferred"}  # the scan finds them
    assert set_there - set(FLAG_REASONS) == set()
