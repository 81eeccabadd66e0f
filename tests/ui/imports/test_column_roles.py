"""The import dialog's column step: inferred roles with their confidence, a drop-down per column that re-reads
the table at once, a choice remembered for tables with the same header; and the list of what was not imported."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings

from gongkai_desk.ui.imports.column_roles import COLUMNS_KEY, remembered
from gongkai_desk.ui.imports.import_dialog import ImportDialog
from gongkai_desk.ui.ops import Bus
from tests.conftest import DATA

CORPUS = DATA / "corpus"


@pytest.fixture
def dialog(qtbot, ws, settings):
    def make(path):
        d = ImportDialog(None, ws, Bus(), settings=settings)
        qtbot.addWidget(d)
        assert d.load_file(str(path))
        return d
    return make


def combo_roles(box) -> list[str]:
    return [c.currentData() for c in box.combos]


def test_each_column_shows_its_inferred_role_and_confidence(dialog):
    d = dialog(CORPUS / "09_zhejiang_2022.docx")
    assert d.tabs.isTabEnabled(3) and d.tabs.tabText(3).startswith("表格列（1个表格")
    [box] = d.columns.boxes
    assert combo_roles(box) == ["group", "group", "text", "deadline", "responsible"]
    assert [box.table.item(2, c).text() for c in range(5)] == ["主要工作任务", "任务内容", "任务内容", "完成时限", "责任单位"]
    assert all(box.table.item(1, c).text().endswith("%") for c in range(5))
    assert box.table.item(3, 2).text().startswith("1.紧紧围绕")  # the first data row under its column
    assert box.combos[2].currentText() == "任务内容" and not box.reset.isVisible()


def test_changing_a_role_rereads_at_once_and_is_remembered_for_the_same_header(dialog, settings):
    d = dialog(CORPUS / "09_zhejiang_2022.docx")
    assert d.parsed.tasks[0].section[-1].startswith("（一）") or d.parsed.tasks[0].section[-1].startswith("聚焦")
    box = d.columns.boxes[0]
    box.combos[1].setCurrentIndex(box.combos[1].findData("ignore"))  # the second group column: not imported
    assert len(d.parsed.tasks) == 6
    assert all(len(t.section) == 1 for t in d.parsed.tasks)  # only the outer group is left
    assert d.tabs.currentIndex() == 3
    [box] = d.columns.boxes  # rebuilt from the new reading
    assert combo_roles(box)[1] == "ignore" and box.table.item(1, 1).text() == "您选择的"
    key = d.parsed.tables[0].key
    assert remembered(settings)[key][1] == "ignore"
    assert any(n.code == "ignored_column" for n in d.parsed.not_imported)
    # The same table as an Excel sheet (same header) is read with the clerk's choice right away.
    other = dialog(CORPUS / "09_zhejiang_2022.xlsx")
    assert combo_roles(other.columns.boxes[0])[1] == "ignore"
    assert all(len(t.section) == 1 for t in other.parsed.tasks)
    other.columns.boxes[0].reset.click()  # 恢复自动识别
    assert key not in remembered(settings)
    assert combo_roles(other.columns.boxes[0])[1] == "group"


def test_remembered_roles_survive_in_the_settings_file(tmp_path):
    from gongkai_desk.ui.imports.column_roles import remember

    path = str(tmp_path / "s.ini")
    s = QSettings(path, QSettings.Format.IniFormat)
    remember(s, "序号|工作任务|责任单位", ["number", "text", "lead"])
    s.sync()
    again = QSettings(path, QSettings.Format.IniFormat)
    assert remembered(again) == {"序号|工作任务|责任单位": ["number", "text", "lead"]}
    again.setValue(COLUMNS_KEY, "not json")
    assert remembered(again) == {}


def test_what_was_not_imported_is_listed_by_reason(dialog):
    d = dialog(CORPUS / "10_yuhui_2020_zhenggai.txt")
    assert d.tabs.tabText(4) == f"未导入的内容（{len(d.parsed.not_imported)}处）"
    tops = [d.not_imported.topLevelItem(k).text(0) for k in range(d.not_imported.topLevelItemCount())]
    assert any(t.startswith("表格的表头（5处）") for t in tops)
    header = next(d.not_imported.topLevelItem(k) for k in range(len(tops)) if tops[k].startswith("表格的表头"))
    assert header.child(0).text(1) == "序号" and header.child(0).text(0).startswith("第")


def test_a_plan_without_tables_has_no_column_step(dialog):
    d = dialog(DATA / "seeds" / "002_0996a4706de2c10f.txt")
    assert not d.tabs.isTabEnabled(3) and d.columns.boxes == []


@pytest.mark.skipif(not os.environ.get("GONGKAI_RENDER"), reason="set GONGKAI_RENDER=dir to save screenshots")
@pytest.mark.parametrize("name", ["09_zhejiang_2022.docx", "09_zhejiang_2022.xlsx", "01_chizhou_table.docx"])
def test_render_the_column_step(dialog, name):
    d = dialog(CORPUS / name)
    d.resize(1200, 760)
    d.show()
    d.tabs.setCurrentIndex(3)
    d.grab().save(os.path.join(os.environ["GONGKAI_RENDER"], name + ".png"))
    d.tabs.setCurrentIndex(4)
    d.grab().save(os.path.join(os.environ["GONGKAI_RENDER"], name + ".not_imported.png"))


def test_context_sections_are_labelled_in_the_preview(qapp):
    from gongkai_desk.core.imports.parse import parse_text
    from gongkai_desk.ui.imports.preview_model import ImportPreviewModel

    plan = parse_text("某县2023年政务公开工作要点\n一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n"
                      "二、重点任务\n1.推进决策公开。（牵头单位：县政府办）\n")
    model = ImportPreviewModel(plan)
    assert model.item(0).text() == "一、指导思想（说明部分，不含任务）"
    assert model.item(1).text() == "二、重点任务"
