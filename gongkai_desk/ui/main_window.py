"""The main window: the shell only. Navigation (``pages.PAGES``), menus and toolbar, status bar,
undo/redo, the first-paint signal, window state, drag and drop. What the actions do lives in
``plans/actions.py`` and each page's own module; the pages reload themselves from the bus.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from gongkai_desk.core.changes import Changes
from gongkai_desk.ui.ops import Bus, run_op
from gongkai_desk.ui.pages import NAV, PAGES
from gongkai_desk.ui.plans.actions import PlanActions, dropped_file
from gongkai_desk.ui.plans.plan_page import PlanPage
from gongkai_desk.ui.settings.data_actions import backup_database
from gongkai_desk.ui.watch import DatabaseWatch, after_first_paint


class MainWindow(QMainWindow):
    first_paint = Signal()  # emitted once, after the first page with content has been painted

    def __init__(self, ws, *, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.bus = Bus(self)
        self.settings = settings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "gongkai-desk", "gongkai-desk")
        self._painted = False
        self._pages: dict[str, QWidget] = {}
        self.setWindowTitle("政务公开工作台")
        self.setAcceptDrops(True)

        self.plan_page = PlanPage(ws, self.bus, self.settings)
        self.plan_actions = PlanActions(self, self.plan_page, self.bus)
        self.nav = QListWidget()
        self.nav.addItems([p.label for p in PAGES])
        # From the font, not sizeHintForRow(): that lays out the list before the window exists.
        self.nav.setMaximumHeight(int(self.nav.fontMetrics().lineSpacing() * 1.25 * len(PAGES)) + 12)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 4, 4)
        ll.addWidget(self.nav)
        ll.addWidget(self.plan_page.sidebar, 1)
        self.stack = QStackedWidget()
        self._pages["plans"] = self.plan_page
        self.stack.addWidget(self.plan_page)
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
        self.plan_page.reload_plans(select=self._last_plan())
        self.plan_view.table.viewport().installEventFilter(self)
        self.start_page.installEventFilter(self)
        self.watch = DatabaseWatch(self)  # waits for other writers, notices restores
        self.first_paint.connect(lambda: after_first_paint(self))

    # ---- the plan page's parts, for the actions and tests ----------------------------------

    @property
    def plan_id(self) -> int | None:
        return self.plan_page.plan_id

    @property
    def plan_view(self):
        return self.plan_page.plan_view

    @property
    def detail(self):
        return self.plan_page.detail

    @property
    def sections(self):
        return self.plan_page.sections

    @property
    def plan_combo(self):
        return self.plan_page.plan_combo

    @property
    def start_page(self):
        return self.plan_page.start_page

    @property
    def plan_split(self):
        return self.plan_page.split

    def reload_plans(self, select: int | None = None) -> None:
        self.plan_page.reload_plans(select)

    def set_plan(self, plan_id: int | None) -> None:
        self.plan_page.set_plan(plan_id)

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
        """Store text still being typed on any page (the detail pane, the annual report's editors)."""
        for page in self._pages.values():
            commit = getattr(page, "commit_pending", None)
            if commit is not None:
                commit()

    def _make_actions(self) -> None:
        A, act = self._action, self.plan_actions
        self.act_new_plan = A("新建计划…", act.new_plan, "Ctrl+Shift+N")
        self.act_plan_info = A("计划信息…", act.edit_plan)
        self.act_delete_plan = A("删除计划…", act.delete_plan)
        self.act_import = A("导入", act.import_file, QKeySequence.StandardKey.Open, "从 Word、Excel 或文本导入计划")
        self.act_paste_import = A("从剪贴板导入…", act.import_clipboard, None, "把复制的网页文字作为计划导入")
        self.act_new_task = A("新建任务", act.new_task, QKeySequence.StandardKey.New)
        self.act_new_section = A("新建部分…", lambda: act.section_action("add", None))
        self.act_edit = A("编辑任务内容", lambda: self.detail.text_edit.setFocus(), "F2")
        self.act_delete = A("删除任务…", act.delete_task, QKeySequence.StandardKey.Delete)
        self.act_up = A("上移任务", lambda: act.move_task(-1), "Ctrl+Up")
        self.act_down = A("下移任务", lambda: act.move_task(1), "Ctrl+Down")
        self.act_add_unit = A("为任务添加单位…", act.add_unit)
        self.act_export = A("导出回头看表", act.export_review, "Ctrl+E")
        self.act_print = A("打印预览", act.print_preview, QKeySequence.StandardKey.Print)
        self.act_undo = A("撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = A("重做", self.redo, "Ctrl+Y")
        self.act_undo.setIconText("撤销")  # the menu names the action; the toolbar button stays short
        self.act_redo.setIconText("重做")
        self.act_find = A("查找", self._focus_search, QKeySequence.StandardKey.Find)
        self.act_demo = A("载入示例数据", act.load_demo)
        self.act_backup = A("备份数据库…", lambda: backup_database(self, self.ws, self.bus, self.settings))
        self.act_quit = A("退出", self.close, QKeySequence.StandardKey.Quit)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.plan_view.table.addAction(self.act_delete)
        self._needs_plan = (
            self.act_new_task, self.act_new_section, self.act_export, self.act_print, self.act_plan_info,
            self.act_delete_plan, self.act_delete, self.act_up, self.act_down, self.act_add_unit)
        # What a read-only database (a read-only folder or disk) cannot do; the status bar says why.
        self._edits = (
            self.act_new_plan, self.act_import, self.act_paste_import, self.act_new_task, self.act_new_section,
            self.act_delete_plan, self.act_delete, self.act_up, self.act_down, self.act_add_unit, self.act_demo)

        menus = self.menuBar()
        for title, items in (
            ("文件(&F)", (self.act_new_plan, self.act_import, self.act_paste_import, None, self.act_export,
                          self.act_print, None, self.act_backup, self.act_demo, None, self.act_quit)),
            ("编辑(&E)", (self.act_undo, self.act_redo, None, self.act_new_task, self.act_new_section, self.act_edit,
                          self.act_add_unit, self.act_up, self.act_down, None, self.act_delete, None, self.act_find)),
            ("计划(&P)", (self.act_plan_info, self.act_new_plan, None, self.act_delete_plan)),
        ):
            m = menus.addMenu(title)
            for a in items:
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
        page, act = self.plan_page, self.plan_actions
        self.bus.changed.connect(self.on_changed)
        self.bus.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.nav.currentRowChanged.connect(self.show_nav)
        page.plan_changed.connect(self._plan_shown)
        page.status_changed.connect(self.status_label.setText)
        page.sections.action_requested.connect(act.section_action)
        page.detail.add_unit_requested.connect(act.add_unit)
        page.start_page.new_plan.connect(act.new_plan)
        page.start_page.import_plan.connect(lambda: act.import_file())
        page.start_page.load_demo.connect(act.load_demo)
        page.start_page.paste_text.connect(lambda text: act.import_file(text=text))

    # ---- state ---------------------------------------------------------------------------

    def _plan_shown(self, plan_id: int | None) -> None:
        for a in self._needs_plan:
            a.setEnabled(plan_id is not None)
        if self.ws.read_only:
            for a in self._edits:
                a.setEnabled(False)
        self.update_undo_actions()

    def on_changed(self, changes: Changes, _initiator: object = None) -> None:
        self.update_undo_actions()

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
        if label and run_op(self, self.bus, self.ws.undo) is not None:
            self.statusBar().showMessage(f"已撤销：{label}", 8000)

    def redo(self) -> None:
        label = self.ws.undo_status().redo_label
        if label and run_op(self, self.bus, self.ws.redo) is not None:
            self.statusBar().showMessage(f"已重做：{label}", 8000)

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(NAV["plans"])
        self.plan_view.search.setFocus()
        self.plan_view.search.selectAll()

    def page(self, key: str) -> QWidget:
        """The page ``key`` of ``pages.PAGES``, built on first use."""
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = PAGES[NAV[key]].build(self)
            self.stack.addWidget(page)
        return page

    def show_nav(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.stack.setCurrentWidget(self.page(PAGES[row].key))

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
        if dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        path = dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.plan_actions.import_file(path)
