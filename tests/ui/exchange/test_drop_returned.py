"""A returned 反馈表 dropped on the main window goes to 收集反馈表, any other workbook to the importer."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from gongkai_desk.core.exchange.feedback_meta import looks_like_feedback
from gongkai_desk.core.exchange.stats_workbook import write_template
from tests.core.exchange.feedback_fixture import export, make_plan


def _drop(window, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_feedback_workbooks_are_told_apart_by_their_sheets(ws, tmp_path):
    plan = make_plan(ws)
    returned = next(iter(export(ws, plan, tmp_path).values()))
    assert looks_like_feedback(returned)
    assert not looks_like_feedback(write_template(2026, tmp_path / "统计表.xlsx"))
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip")
    assert not looks_like_feedback(tmp_path / "坏.xlsx") and not looks_like_feedback(tmp_path / "无.xlsx")


def test_a_dropped_return_opens_the_collect_screen(window, ws, tmp_path, monkeypatch):
    from gongkai_desk.ui import exchange

    plan = make_plan(ws)
    window.reload_plans(select=plan.plan_id)
    returned = next(iter(export(ws, plan, tmp_path).values()))
    collected, imported = [], []
    monkeypatch.setattr(exchange, "collect_feedback", lambda win, paths=None: collected.append(paths))
    monkeypatch.setattr(window.plan_actions, "import_file", lambda path=None, **k: imported.append(path))
    _drop(window, returned)
    assert collected == [[str(returned)]] and imported == []
    other = write_template(2026, tmp_path / "统计表.xlsx")
    _drop(window, other)
    assert imported == [str(other)]
