"""The navigation pages of the window, as one list: a label and a factory each.

Adding a page is one entry here. The window builds the first page at start-up and every other
page the first time the clerk opens it (its module is imported only then, to keep start-up fast).
A page may offer ``commit_pending()`` (save text still being typed) and listens to the bus itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the window imports this before its first paint: no Protocol or dataclass to create (≈ 1 ms)
    from typing import Protocol

    from PySide6.QtWidgets import QWidget

    class Shell(Protocol):
        """What a page factory gets from the window."""

        ws: Any
        bus: Any
        settings: Any
        plan_page: Any


class Page:
    """One navigation entry: its key, its label, and the factory that builds the page."""

    __slots__ = ("key", "label", "build")

    def __init__(self, key: str, label: str, build: Callable[["Shell"], "QWidget"]) -> None:
        self.key, self.label, self.build = key, label, build


def _plans(win: "Shell") -> "QWidget":
    return win.plan_page


def _overview(win: "Shell") -> "QWidget":
    from gongkai_desk.ui.overview.overview_page import OverviewPage

    page = OverviewPage(win.ws, win.bus, win.settings, plan_id=win.plan_page.plan_id)

    def open_task(plan_id: int, task_id: int) -> None:
        show = getattr(win, "show_page", None)
        if show is not None:
            show("plans")
        if win.plan_page.plan_id != plan_id:
            win.plan_page.set_plan(plan_id)
        win.plan_page.plan_view.select_task(task_id)

    page.open_task.connect(open_task)
    return page


def _units(win: "Shell") -> "QWidget":
    from gongkai_desk.ui.units.units_page import UnitsPage

    return UnitsPage(win.ws, win.bus)


def _annual(win: "Shell") -> "QWidget":
    from gongkai_desk.ui.annual import AnnualReportView

    return AnnualReportView(win.ws, win.bus)


def _trash(win: "Shell") -> "QWidget":
    from gongkai_desk.ui.trash.trash_page import TrashPage

    return TrashPage(win.ws, win.bus)


def _settings(win: "Shell") -> "QWidget":
    from gongkai_desk.ui.settings.settings_page import SettingsPage

    return SettingsPage(win.ws, win.bus, win.settings)


PAGES: tuple[Page, ...] = (
    Page("plans", "计划", _plans),
    Page("overview", "总览", _overview),
    Page("units", "单位", _units),
    Page("annual", "统计与年报", _annual),
    Page("trash", "回收站", _trash),
    Page("settings", "设置", _settings),
)
NAV: dict[str, int] = {p.key: i for i, p in enumerate(PAGES)}
