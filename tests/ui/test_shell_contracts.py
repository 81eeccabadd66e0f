"""The restructure's promises, seen from the window: a page is one entry in ``pages.PAGES``; a
file error in an edit is one Chinese sentence, nothing broadcast; a demo or an import reloads the
plan list once."""

from __future__ import annotations

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.store import store_plan
from gongkai_desk.ui.ops import run_op
from tests.ui.plans.test_reloads import _count


def test_a_new_page_is_one_entry_in_pages(qtbot, ws, settings, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from gongkai_desk.ui import main_window, pages as pages_module
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.pages import PAGES, Page

    built = []

    def build(win):
        built.append(win)
        return QLabel("新页面的内容")

    pages = PAGES + (Page("extra", "新页面", build),)
    monkeypatch.setattr(pages_module, "PAGES", pages)  # the window reads them when it builds its shell
    monkeypatch.setattr(pages_module, "NAV", {p.key: i for i, p in enumerate(pages)})
    make_app()
    w = main_window.MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    labels = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert labels[-1] == "新页面" and built == []  # built only when first opened
    w.nav.setCurrentRow(len(pages) - 1)
    assert w.stack.currentWidget().text() == "新页面的内容" and built == [w]


def test_a_file_error_in_an_edit_is_one_chinese_sentence_and_broadcasts_nothing(window, monkeypatch):
    shown, heard = [], []
    monkeypatch.setattr("gongkai_desk.ui.ops.show_error", lambda parent, text, title="": shown.append(text))
    window.bus.changed.connect(lambda *a: heard.append(a))

    def edit():
        raise PermissionError(13, "Permission denied", "/srv/share/政务公开.db")

    assert run_op(window, window.bus, edit) is None
    [text] = shown
    assert "政务公开.db" in text and "\n" not in text and "Permission" not in text
    assert heard == []


def test_a_demo_and_an_import_reload_the_plan_list_once(window, ws, monkeypatch):
    plans = _count(monkeypatch, window.plan_page, "reload_plans")
    demo = run_op(window, window.bus, lambda: make_demo(ws, tasks=5, year=2026))
    assert len(plans) == 1 and window.plan_id == demo.id
    text = "2027年政务公开工作要点\n一、重点领域\n1. 推进财政预决算公开。（牵头单位：区财政局）\n"
    imported = run_op(window, window.bus, lambda: store_plan(ws, parse_text(text)))
    assert len(plans) == 2 and window.plan_id == imported.id
