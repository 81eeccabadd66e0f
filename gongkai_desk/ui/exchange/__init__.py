"""Files that go out to units and come back: 导出反馈表 and 收集反馈表 (the review screen)."""

from __future__ import annotations

# The dialogs are imported when their action is first used: nothing here is needed to show the window.


def export_feedback(win) -> None:
    """文件 → 导出反馈表, for the window's current plan."""
    from gongkai_desk.ui.exchange.export_dialog import export_feedback as run

    if win.plan_id is not None:
        run(win, win.ws, win.bus, win.plan_id, win.settings)


def collect_feedback(win, paths: list[str] | None = None) -> None:
    """文件 → 收集反馈表, for the window's current plan."""
    from gongkai_desk.ui.exchange.collect_dialog import collect_feedback as run

    if win.plan_id is not None:
        run(win, win.ws, win.bus, win.plan_id, win.settings, paths)
