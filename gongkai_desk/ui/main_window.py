"""The main window: layout, actions, menus and wiring. Handlers live in ``plan_actions``."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QLabel, QListWidget, QMainWindow, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget,
)

from gongkai_desk.core.changes import Changes
from gongkai_desk.ui.plans import actions as plan_actions
from gongkai_desk.ui.ops import Bus
from gongkai_desk.ui.plans.plan_view import PlanView
from gongkai_desk.ui.plans.section_tree import SectionTree
from gongkai_desk.ui.plans.start_page import StartPage
from gongkai_desk.ui.plans.task_detail import TaskDetail

NAV_PLAN, NAV_UNITS, NAV_ANNUAL, NAV_SETTINGS = range(4)


class MainWindow(QMainWindow):
    first_paint = Signal()  # emitted once, after the first page with content has been painted

    def __init__(self, ws, *, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.bus = Bus(self)
        self.settings = settings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "gongkai-desk", "gongkai-desk")
        self.plan_id: int | None = None
        self._painted = False
        # True while the task table is being reloaded or its selection handled: an edit that
        # arrives then (a pending text committed on selection change) must not reset the model
        # inside Qt's own selection handling, which crashes; it is applied once that returns.
        self._busy = False
        self._pages: dict[int, QWidget] = {}
        self.setWindowTitle("政务公开工作台")
        self.setAcceptDrops(True)

        # left: navigation, plan chooser, section tree
        self.nav = QListWidget()
        self.nav.addItems(["计划", "单位", "统计与年报", "设置"])
        # From the font, not sizeHintForRow(): that lays out the list before the window exists.
        self.nav.setMaximumHeight(int(self.nav.fontMetrics().lineSpacing() * 1.25 * 4) + 12)
        self.plan_combo = QComboBox()
        self.sections = SectionTree()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 4, 4)
        ll.addWidget(self.nav)
        ll.addWidget(QLabel("当前计划"))
        ll.addWidget(self.plan_combo)
        ll.addWidget(self.sections, 1)

        # centre and right
        self.start_page = StartPage()
        self.plan_view = PlanView(ws)
        self.detail = TaskDetail(ws, self.bus)
        self.plan_split = QSplitter(Qt.Orientation.Horizontal)
        self.plan_split.addWidget(self.plan_view)
        self.plan_split.addWidget(self.detail)
        self.plan_split.setStretchFactor(0, 3)
        self.plan_split.setStretchFactor(1, 2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.plan_split)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(self.stack)
        self.split.setStretchFactor(1, 1)
        self.setCentralWidget(self.split)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._make_actions()
        self._connect()
        self._restore_state()
        self.reload_plans(select=self._last_plan())
        self.stack.currentWidget()  # the page to watch for the first paint
        self.plan_view.table.viewport().installEventFilter(self)
        self.start_page.installEventFilter(self)

    # ---- actions and menus ---------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False, slot=slot: self._run_action(slot))
        return a

    def _run_action(self, slot) -> None:
        """Save what is being typed first (toolbar buttons take no focus), then act."""
        self.commit_pending()
        slot()

    def commit_pending(self) -> None:
        """Store text still being typed in the detail pane or the annual report's editors."""
        self.detail.commit_pending()
        for page in self._pages.values():
            commit = getattr(page, "commit_pending", None)
            if commit is not None:
                commit()

    def _make_actions(self) -> None:
        A = self._action
        self.act_new_plan = A("新建计划…", lambda: plan_actions.new_plan(self), "Ctrl+Shift+N")
        self.act_plan_info = A("计划信息…", lambda: plan_actions.edit_plan(self))
        self.act_delete_plan = A("删除计划…", lambda: plan_actions.delete_plan(self))
        self.act_import = A("导入", lambda: plan_actions.import_file(self), QKeySequence.StandardKey.Open, "从 Word、Excel 或文本导入计划")
        self.act_paste_import = A("从剪贴板导入…", lambda: plan_actions.import_clipboard(self), None, "把复制的网页文字作为计划导入")
        self.act_new_task = A("新建任务", lambda: plan_actions.new_task(self), QKeySequence.StandardKey.New)
        self.act_new_section = A("新建部分…", lambda: plan_actions.section_action(self, "add", None))
        self.act_edit = A("编辑任务内容", lambda: self.detail.text_edit.setFocus(), "F2")
        self.act_delete = A("删除任务…", lambda: plan_actions.delete_task(self), QKeySequence.StandardKey.Delete)
        self.act_up = A("上移任务", lambda: plan_actions.move_task(self, -1), "Ctrl+Up")
        self.act_down = A("下移任务", lambda: plan_actions.move_task(self, 1), "Ctrl+Down")
        self.act_add_unit = A("为任务添加单位…", lambda: plan_actions.add_unit(self, self.plan_view.selected_task_id()))
        self.act_export = A("导出回头看表", lambda: plan_actions.export_review(self), "Ctrl+E")
        self.act_print = A("打印预览", lambda: plan_actions.print_preview(self), QKeySequence.StandardKey.Print)
        self.act_undo = A("撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = A("重做", self.redo, "Ctrl+Y")
        self.act_undo.setIconText("撤销")  # the menu names the action; the toolbar button stays short
        self.act_redo.setIconText("重做")
        self.act_find = A("查找", self._focus_search, QKeySequence.StandardKey.Find)
        self.act_demo = A("载入示例数据", lambda: plan_actions.load_demo(self))
        self.act_backup = A("备份数据库…", lambda: plan_actions.backup(self))
        self.act_quit = A("退出", self.close, QKeySequence.StandardKey.Quit)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.plan_view.table.addAction(self.act_delete)

        menus = self.menuBar()
        m = menus.addMenu("文件(&F)")
        for a in (self.act_new_plan, self.act_import, self.act_paste_import, None, self.act_export, self.act_print, None,
                  self.act_backup, self.act_demo, None, self.act_quit):
            m.addSeparator() if a is None else m.addAction(a)
        m = menus.addMenu("编辑(&E)")
        for a in (self.act_undo, self.act_redo, None, self.act_new_task, self.act_new_section, self.act_edit,
                  self.act_add_unit, self.act_up, self.act_down, None, self.act_delete, None, self.act_find):
            m.addSeparator() if a is None else m.addAction(a)
        m = menus.addMenu("计划(&P)")
        for a in (self.act_plan_info, self.act_new_plan, None, self.act_delete_plan):
            m.addSeparator() if a is None else m.addAction(a)

        bar = QToolBar("常用")
        bar.setObjectName("main_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        for a in (self.act_import, self.act_new_task, self.act_export, self.act_print, self.act_undo, self.act_redo):
            bar.addAction(a)
        self.addToolBar(bar)
        self.toolbar = bar

    def _connect(self) -> None:
        self.bus.changed.connect(self.on_changed)
        self.bus.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.nav.currentRowChanged.connect(self.show_nav)
        self.plan_combo.activated.connect(lambda i: self.set_plan(self.plan_combo.itemData(i)))
        self.sections.sections_chosen.connect(self.plan_view.set_section_filter)
        self.sections.action_requested.connect(lambda what, sid: plan_actions.section_action(self, what, sid))
        self.plan_view.task_selected.connect(self._task_selected)
        self.detail.add_unit_requested.connect(lambda tid: plan_actions.add_unit(self, tid))
        self.start_page.new_plan.connect(lambda: plan_actions.new_plan(self))
        self.start_page.import_plan.connect(lambda: plan_actions.import_file(self))
        self.start_page.load_demo.connect(lambda: plan_actions.load_demo(self))
        self.start_page.paste_text.connect(lambda text: plan_actions.import_file(self, text=text))

    # ---- state ---------------------------------------------------------------------------

    def reload_plans(self, select: int | None = None) -> None:
        plans = self.ws.plan_titles()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan_id, year, title in plans:
            self.plan_combo.addItem(f"{year}年 · {title}", plan_id)
        self.plan_combo.blockSignals(False)
        ids = [p[0] for p in plans]
        target = select if select in ids else (self.plan_id if self.plan_id in ids else (ids[0] if ids else None))
        self.set_plan(target)

    def set_plan(self, plan_id: int | None) -> None:
        if not self._busy:
            self.commit_pending()  # typed text belongs to the plan being left
        was_busy, self._busy = self._busy, True
        try:
            self._show_plan(plan_id)
        finally:
            self._busy = was_busy

    def _show_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        if plan_id is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
            self.sections.set_sections(self.ws.sections(plan_id))
            self.settings.setValue("last_plan", plan_id)
        else:
            self.sections.set_sections([])
        self.plan_view.set_plan(plan_id)
        self.detail.show_task(self.plan_view.selected_task_id())
        has_plan = plan_id is not None
        for a in (self.act_new_task, self.act_new_section, self.act_export, self.act_print, self.act_plan_info,
                  self.act_delete_plan, self.act_delete, self.act_up, self.act_down, self.act_add_unit):
            a.setEnabled(has_plan)
        if self.nav.currentRow() in (-1, NAV_PLAN):
            self.stack.setCurrentWidget(self.plan_split if has_plan else self.start_page)
        self.update_status()
        self.update_undo_actions()

    def on_changed(self, changes: Changes) -> None:
        if self._busy:
            QTimer.singleShot(0, lambda: self.on_changed(changes))
            return
        self._busy = True
        try:
            self._apply_changes(changes)
        finally:
            self._busy = False

    def _apply_changes(self, changes: Changes) -> None:
        if changes.plans:
            self.reload_plans()
            return
        if changes.sections and self.plan_id is not None:
            self.sections.set_sections(self.ws.sections(self.plan_id))
        if changes.tasks or changes.progress or changes.units or changes.sections:
            self.plan_view.reload()
            self.detail.show_task(self.plan_view.selected_task_id())
        self.update_status()
        self.update_undo_actions()

    def update_status(self) -> None:
        model = self.plan_view.model
        if self.plan_id is None or not model.rowCount():
            self.status_label.setText("")
            return
        done, overdue = model.counts()
        self.status_label.setText(f"完成 {done}/{model.rowCount()} · 逾期 {overdue}")

    def update_undo_actions(self) -> None:
        status = self.ws.undo_status()
        self.act_undo.setEnabled(status.undo_label is not None)
        self.act_redo.setEnabled(status.redo_label is not None)
        self.act_undo.setText(f"撤销 {status.undo_label}" if status.undo_label else "撤销")
        self.act_redo.setText(f"重做 {status.redo_label}" if status.redo_label else "重做")
        self.act_undo.setToolTip(self.act_undo.text())  # the toolbar shows the short iconText
        self.act_redo.setToolTip(self.act_redo.text())

    def undo(self) -> None:
        label = self.ws.undo_status().undo_label
        from gongkai_desk.ui.ops import run_op

        if label and run_op(self, self.bus, self.ws.undo) is not None:
            self.statusBar().showMessage(f"已撤销：{label}", 8000)

    def redo(self) -> None:
        label = self.ws.undo_status().redo_label
        from gongkai_desk.ui.ops import run_op

        if label and run_op(self, self.bus, self.ws.redo) is not None:
            self.statusBar().showMessage(f"已重做：{label}", 8000)

    def _task_selected(self, task_id) -> None:
        if self._busy:  # a reload re-selecting its row: nothing typed to save, just show it
            self.detail.show_task(task_id)
            return
        self._busy = True
        try:
            self.detail.commit_pending()  # saved to the task being left (changes wait for _busy)
        finally:
            self._busy = False
        self.detail.show_task(task_id)

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(NAV_PLAN)
        self.plan_view.search.setFocus()
        self.plan_view.search.selectAll()

    def show_nav(self, row: int) -> None:
        if row == NAV_PLAN:
            self.stack.setCurrentWidget(self.plan_split if self.plan_id is not None else self.start_page)
            return
        page = self._pages.get(row)
        if page is None:  # built on first use, to keep start-up fast
            page = self._pages[row] = plan_actions.make_page(self, row)
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    # ---- persistence, first paint, drag and drop ------------------------------------------

    def _last_plan(self) -> int | None:
        value = self.settings.value("last_plan")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        for key, split in (("split_main", self.split), ("split_plan", self.plan_split)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                split.restoreState(state)
            else:
                split.setSizes([260, 1140] if split is self.split else [700, 440])

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.commit_pending()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("split_main", self.split.saveState())
        self.settings.setValue("split_plan", self.plan_split.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._painted and event.type() == QEvent.Type.Paint:
            watched = self.plan_view.table.viewport() if self.plan_id is not None else self.start_page
            if obj is watched:
                self._painted = True
                QTimer.singleShot(0, self.first_paint.emit)  # after this paint has finished
        return super().eventFilter(obj, event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if plan_actions.dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        path = plan_actions.dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            plan_actions.import_file(self, path)
