"""文件 → 导出反馈表 / 收集反馈表 in the window."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from gongkai_desk.ui.exchange.export_dialog import ExportFeedbackDialog
from tests.core.exchange.feedback_fixture import make_plan
from tests.ui.conftest import answer_modal


def _when_message_box(qtbot, act) -> None:
    """Run ``act(box)`` on the next QMessageBox shown modally (a progress dialog may come first)."""
    def check():
        w = QApplication.activeModalWidget()
        if isinstance(w, QMessageBox):
            act(w)
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)


def test_menu_entries_need_a_plan(window, ws):
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "导出反馈表…" in titles and "收集反馈表…" in titles
    assert not window.act_export_feedback.isEnabled() and not window.act_collect_feedback.isEnabled()
    plan = make_plan(ws)
    window.reload_plans(select=plan.plan_id)
    assert window.act_export_feedback.isEnabled() and window.act_collect_feedback.isEnabled()


def test_export_round_from_the_window(window, qtbot, ws, tmp_path):
    plan = make_plan(ws)
    window.reload_plans(select=plan.plan_id)
    folder = tmp_path / "第1轮"
    seen = {}

    def fill_dialog(d):
        assert isinstance(d, ExportFeedbackDialog)
        names = [d.units.item(i).text() for i in range(d.units.count())]
        seen["names"] = names
        seen["office"] = d.office.text()
        d.units.item(names.index("区教育局")).setCheckState(Qt.CheckState.Unchecked)
        d.folder.setText(str(folder))
        _when_message_box(qtbot, lambda box: (seen.setdefault("done", box.text()), box.buttons()[-1].click()))
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_modal(qtbot, fill_dialog)
    window.act_export_feedback.trigger()
    assert seen["names"] == ["区教育局", "区财政局", "各街道办事处（单位组：请先在任务中展开为成员单位）"]
    assert "还没有填写本机关的联系电话" in seen["office"]
    assert "已为1个单位生成第1轮反馈表" in seen["done"]
    assert [p.name for p in folder.iterdir()] == ["2026年政务公开工作要点反馈表-区财政局.xlsx"]
    [rnd] = ws.feedback.rounds(plan.plan_id)
    assert [name for _, name in rnd.units] == ["区财政局"] and rnd.due is not None
    assert window.act_undo.text() == "撤销 导出反馈表（第1轮，1个单位）"
