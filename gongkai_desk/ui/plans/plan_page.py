"""The 计划 page: the plan chooser and section tree (in the window's side column), the task table
and the selected task's detail, or the start page when there is no plan yet.

It listens to the bus and reloads only what a change touches, in place, so an edit made while the
clerk is selecting a row (text committed on leaving a field) never resets the table under Qt's
own selection handling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from gongkai_desk.core.labels import completion_label
from gongkai_desk.ui.bus import Bus
from gongkai_desk.ui.plans.columns import NO_TASK
from gongkai_desk.ui.plans.plan_view import PlanView
from gongkai_desk.ui.plans.section_tree import SectionTree

if TYPE_CHECKING:
    from gongkai_desk.core.changes import Changes


class PlanPage(QStackedWidget):
    plan_changed = Signal(object)  # the plan now shown (id or None)
    # The start page's choices (a database without plans), from the start page once it is built.
    new_plan = Signal()
    import_plan = Signal()
    load_demo = Signal()
    paste_text = Signal(str)
    status_changed = Signal(str)  # "完成 66%（33/50个单位任务已完成）· 逾期任务 3项" for the status bar

    def __init__(self, ws, bus: Bus, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.bus, self.settings = ws, bus, settings
        self.plan_id: int | None = None
        self.plan_combo = QComboBox()
        self.sections = SectionTree()
        self.sidebar = QWidget()
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("当前计划"))
        side.addWidget(self.plan_combo)
        side.addWidget(self.sections, 1)

        self._start_page = None  # built when first shown (a database without plans)
        self.plan_view = PlanView(ws, settings=settings)
        self.detail = None  # TaskDetail, built in attach(): not needed for the first paint
        # Until then, what the detail pane shows with no task chosen, where it shows it.
        self.detail_scroll = QWidget()
        placeholder = QVBoxLayout(self.detail_scroll)
        heading = QLabel(NO_TASK)
        heading.setStyleSheet("font-weight: bold;")
        placeholder.addWidget(heading)
        placeholder.addStretch(1)
        self.split = QSplitter()  # horizontal
        self.split.addWidget(self.plan_view)
        self.split.addWidget(self.detail_scroll)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.addWidget(self.split)
        if ws is not None:
            self.attach(ws)

    @property
    def start_page(self):
        """The three big choices of a database without plans (built the first time it is needed)."""
        if self._start_page is None:
            from gongkai_desk.ui.plans.start_page import StartPage

            self._start_page = page = StartPage()
            for theirs, ours in ((page.new_plan, self.new_plan), (page.import_plan, self.import_plan),
                                 (page.load_demo, self.load_demo), (page.paste_text, self.paste_text)):
                theirs.connect(ours)
            self.insertWidget(0, page)
        return self._start_page

    def _show(self, plan_id: int | None) -> None:
        """The plan's table and detail pane, or (no plan) the start page. A start page out of
        sight does not count in the page's least width: its three buttons are wider than what a
        1920×1080 screen at 150 % leaves beside the navigation, and would squeeze it."""
        from PySide6.QtWidgets import QSizePolicy

        if plan_id is not None:
            if self._start_page is not None:
                self._start_page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self.setCurrentWidget(self.split)
        else:
            self.start_page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            self.setCurrentWidget(self.start_page)

    def attach(self, ws) -> None:
        """Give the page its workspace: the detail pane, the handlers of its widgets, the bus."""
        from gongkai_desk.ui.plans.fit_scroll import FitScrollArea
        from gongkai_desk.ui.plans.task_detail import TaskDetail  # not needed for the first paint

        self.ws = self.plan_view.ws = ws
        self.plan_view.finish()
        self.sections.finish()
        self.detail = TaskDetail(ws, self.bus)
        self.detail.number_label = self.plan_view.model.number_label
        # The detail pane scrolls rather than making the window taller than a 1366×768 laptop's
        # screen (or a 1920×1080 one at 150 %), which would push the status bar off it.
        scroll = FitScrollArea(self.detail)
        old, self.detail_scroll = self.detail_scroll, scroll
        state = self.split.saveState()  # the sizes asked for (restored, or the defaults), laid out or not
        self.split.replaceWidget(1, scroll)
        self.split.restoreState(state)  # at the placeholder's size (the splitter would share the room anew): nothing moves
        old.deleteLater()
        self.plan_combo.activated.connect(lambda i: self.set_plan(self.plan_combo.itemData(i)))
        self.sections.sections_chosen.connect(self.plan_view.set_section_filter)
        self.plan_view.task_selected.connect(self._task_selected)
        self.plan_view.selection_changed.connect(self.update_status)
        self.bus.changed.connect(self.on_changed)

    def show_first(self, first) -> None:
        """Before the workspace is open: the plan chooser and the first screenful of the plan
        (``core.first_screen.FirstScreen``); ``attach`` and ``reload_plans`` fill in the rest."""
        for plan_id, year, title in first.titles:
            self.plan_combo.addItem(f"{year}年 · {title}", plan_id)
        self.plan_id = first.plan_id
        if first.plan_id is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(first.plan_id))
            self.plan_view.show_first(first)
        self._show(first.plan_id)

    # ---- what is shown -------------------------------------------------------------------

    def reload_plans(self, select: int | None = None) -> None:
        """Refill the plan chooser and show ``select`` (else the current plan, else the newest)."""
        plans = self.ws.plans.titles()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan_id, year, title in plans:
            self.plan_combo.addItem(f"{year}年 · {title}", plan_id)
        self.plan_combo.blockSignals(False)
        ids = [p[0] for p in plans]
        target = select if select in ids else (self.plan_id if self.plan_id in ids else (ids[0] if ids else None))
        self.set_plan(target)

    def set_plan(self, plan_id: int | None) -> None:
        self.detail.commit_pending()  # typed text belongs to the plan being left
        self.plan_id = plan_id
        if plan_id is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
            self.sections.set_sections(self.ws.plans.sections(plan_id))
            self.settings.setValue("last_plan", plan_id)
        else:
            self.sections.set_sections([])
        self.plan_view.set_plan(plan_id)
        self.detail.show_task(self.plan_view.selected_task_id())
        self._show(plan_id)
        self.update_status()
        self.plan_changed.emit(plan_id)

    def on_changed(self, changes: Changes, initiator: object = None) -> None:
        """Reload what ``changes`` touch of the plan shown (a change to another plan is ignored)."""
        if changes.plans:
            created_or_restored = changes.plan_id is not None and changes.plan_id != self.plan_id
            self.reload_plans(select=changes.plan_id if created_or_restored else None)
            return
        if not changes.concerns(self.plan_id) or self.plan_id is None:
            return
        if changes.sections:
            self.sections.set_sections(self.ws.plans.sections(self.plan_id))
        if changes.tasks or changes.progress or changes.units or changes.sections or changes.calendar:
            self.plan_view.reload()
            if initiator is not self.detail:
                self.detail.show_task(self.plan_view.selected_task_id())
            else:
                self.detail.refresh_after_own_edit()
        elif changes.chasing and self.detail.task is not None:
            self.detail.show_task(self.detail.task.id)  # a 催办 shows in the task's history
        self.update_status()

    def update_status(self) -> None:
        """How the plan stands, with the one completion definition (CLI.md: the share of task × unit
        entries at 已完成, as ``plans --json`` reports it)."""
        model = self.plan_view.model
        if self.plan_id is None or not model.total():
            self.status_changed.emit("")
            return
        _done, overdue = model.counts()
        parts = [completion_label(*model.entry_counts()), f"逾期任务 {overdue}项"]  # tasks, not entries
        flagged = model.flagged_count()
        if flagged:
            parts.append(f"待确认 {flagged}项")
        selected = sum(r.height() for r in self.plan_view.table.selectionModel().selection())
        if selected > 1:
            parts.append(f"已选 {selected}项")
        self.status_changed.emit(" · ".join(parts))

    def _task_selected(self, task_id) -> None:
        self.detail.commit_pending()  # saved to the task being left
        self.detail.show_task(task_id)

    # ---- for the actions -------------------------------------------------------------------

    def selected_task_id(self) -> int | None:
        return self.plan_view.selected_task_id()

    def current_section_id(self) -> int | None:
        return self.sections.current_section_id()

    def commit_pending(self) -> None:
        self.detail.commit_pending()
