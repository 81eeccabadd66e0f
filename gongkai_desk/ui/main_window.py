"""The main window: the shell only. Navigation (``pages.PAGES``), menus and toolbar, status bar,
undo/redo, the first-paint signal, window state, drag and drop. What the actions do lives in
``plans/actions.py`` (and ``plans/grid_actions.py``) and each page's own module; the pages reload
themselves from the bus.

Start-up (``MainWindow(start=...)``, from ``app.run``) comes in two steps. Before the first paint
the window is only its shell (menus, toolbar, navigation, splitters at their saved sizes) and the
task table painted from ``core.first_screen`` (a few small queries; no workspace yet). Right after
the first paint ``_attach`` opens the workspace, builds the detail pane, the section tree and the
handlers, and reads the whole plan into the same table: nothing moves, the rest fills in.
``MainWindow(ws)`` (tests, a reopened database) does both steps at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from gongkai_desk.ui.bus import Bus
from gongkai_desk.ui.pages import NAV, PAGES
from gongkai_desk.ui.plans.drops import dropped_file
from gongkai_desk.ui.plans.plan_page import PlanPage
from gongkai_desk.ui.user_settings import user_settings
from gongkai_desk.ui.window_state import WindowState
from gongkai_desk.ui.window_actions import WindowActions

if TYPE_CHECKING:
    from gongkai_desk.core.changes import Changes

# After the first paint (``_attach``): the actions' handlers, the detail pane, the workspace itself.


class MainWindow(WindowActions, WindowState, QMainWindow):
    first_paint = Signal()  # emitted once, after the first page with content has been painted
    ready = Signal()  # emitted once the window has its workspace and every part (after the first paint)

    def __init__(self, ws=None, *, settings: QSettings | None = None, start=None) -> None:
        """``ws``: the workspace; or ``start`` = (``storage.db.Opened``, path, core.first_screen.FirstScreen)
        to paint the first screenful first and open the workspace right after (start-up)."""
        super().__init__()
        self.ws = None
        self.bus = Bus(self)
        self.settings = settings if settings is not None else user_settings()
        self._painted = False
        self._start = start
        self.maximize_first = False  # the first start on a small screen: show maximized (``show_window``)
        self._pages: dict[str, QWidget] = {}
        self.setWindowTitle("政务公开工作台")
        self.setAcceptDrops(True)

        self.plan_page = PlanPage(None, self.bus, self.settings)
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
        self.split = QSplitter()  # horizontal (no ``Qt`` before the first paint: ui/plans/columns.py)
        self.split.addWidget(left)
        self.split.addWidget(self.stack)
        self.split.setStretchFactor(1, 1)
        self.setCentralWidget(self.split)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._make_actions()
        self._connect_shell()
        self._restore_state()
        self.plan_view.table.viewport().installEventFilter(self)
        if ws is not None:
            self._attach(ws)
        else:
            self.plan_page.show_first(start[2])
            for a in self._needs_plan:
                a.setEnabled(start[2].plan_id is not None)
            self.act_undo.setEnabled(False)
            self.act_redo.setEnabled(False)
        if self.plan_page.plan_id is None:  # the first paint is the start page's
            self.start_page.installEventFilter(self)
        # The daily automatic backup, the read-only notice, the network-share warning: after the
        # first paint, once the workspace is attached (``_after_first_paint`` attaches first).
        self.first_paint.connect(self._start_watches)

    def _attach(self, ws) -> None:
        """Give the window its workspace: handlers, detail pane, section tree, the whole plan."""
        from gongkai_desk.ui.plans.actions import PlanActions
        from gongkai_desk.ui.plans.grid_actions import GridActions

        from gongkai_desk.ui.watch import DatabaseWatch

        self.ws = ws
        self._finish_shell()
        self.watch = DatabaseWatch(self)  # waits for other writers, notices restores
        self.plan_page.attach(ws)
        self.plan_actions = PlanActions(self, self.plan_page, self.bus)
        self.grid_actions = GridActions(self, self.plan_page, self.bus)
        self._connect()
        self.plan_page.reload_plans(select=self._start[2].plan_id if self._start else self._last_plan())
        self._start = None
        self.ready.emit()

    def _finish_shell(self) -> None:
        """What the first paint does without (each needs the ``Qt`` namespace, see ui/plans/columns.py)."""
        from PySide6.QtCore import Qt

        # Shortcuts now, not before the first paint: setShortcut creates the Qt namespace, and reading
        # "Ctrl+N" asks the translators (KeyNames, in Python) for every key's name. A standard key
        # without a binding here (退出 on Windows) is empty: no shortcut, as setShortcut gave.
        for action, keys in self._shortcuts:
            action.setShortcuts([k for k in map(QKeySequence, keys) if not k.isEmpty()])
        # Delete, Ctrl+C and Ctrl+V belong to the table (the text fields keep their own).
        for a in (self.act_delete, self.act_copy, self.act_paste):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.plan_view.table.addAction(a)
        # Text only, also should the actions get icons (without icons the buttons look the same).
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def _start_watches(self) -> None:
        from gongkai_desk.ui.watch import after_first_paint

        after_first_paint(self)

    def _attach_after_first_paint(self) -> None:
        from gongkai_desk.core.workspace import Workspace

        opened, path, _first = self._start  # opened by storage.opening.open_file
        self._attach(Workspace.opened(opened, path))

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
        """An action; ``slot`` is a function, or "plan.name" / "grid.name" for a handler of
        PlanActions / GridActions (looked up when triggered: they exist once the window is attached)."""
        a = QAction(text, self)
        if shortcut is not None:  # a key, or a list of keys; set by ``_finish_shell``: see there
            self._shortcuts.append((a, list(shortcut) if isinstance(shortcut, list) else [shortcut]))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False, slot=slot: self._run_action(slot))
        return a

    def _run_action(self, slot) -> None:
        """Save what is being typed first (toolbar buttons take no focus), then act."""
        if self.ws is None:
            return  # still starting (the first paint is on screen, the workspace opens next)
        self.commit_pending()
        if isinstance(slot, str):
            owner, name = slot.split(".")
            slot = getattr(self.plan_actions if owner == "plan" else self.grid_actions, name)
        slot()

    def commit_pending(self) -> None:
        """Store text still being typed on any page (the detail pane, the annual report's editors)."""
        if self.ws is None:
            return
        for page in self._pages.values():
            commit = getattr(page, "commit_pending", None)
            if commit is not None:
                commit()

    def _make_actions(self) -> None:
        self._shortcuts: list[tuple[QAction, list]] = []  # (action, [key sequence text or StandardKey])
        A = self._action
        self.act_new_plan = A("新建计划…", "plan.new_plan", "Ctrl+Shift+N")
        self.act_plan_info = A("计划信息…", "plan.edit_plan")
        self.act_delete_plan = A("删除计划…", "plan.delete_plan")
        self.act_import = A("导入", "plan.import_file", QKeySequence.StandardKey.Open, "从 Word、Excel 或文本导入计划")
        self.act_paste_import = A("从剪贴板导入…", "plan.import_clipboard", None, "把复制的网页文字作为计划导入")
        self.act_new_task = A("新建任务", "plan.new_task", QKeySequence.StandardKey.New)
        self.act_new_section = A("新建部分…", lambda: self.plan_actions.section_action("add", None))
        self.act_edit = A("编辑单元格", self._edit_text, "F2", "在表格中编辑任务内容、序号、完成时限或完成状态")
        self.act_delete = A("删除任务…", "grid.delete", QKeySequence.StandardKey.Delete)
        self.act_up = A("上移任务", lambda: self.plan_actions.move_task(-1), "Ctrl+Up")
        self.act_down = A("下移任务", lambda: self.plan_actions.move_task(1), "Ctrl+Down")
        self.act_add_unit = A("为任务添加单位…", "grid.add_unit")
        self.act_export = A("导出回头看表", "plan.export_review", "Ctrl+E")
        self.act_print = A("打印预览", "plan.print_preview", QKeySequence.StandardKey.Print)
        self.act_export_feedback = A("导出反馈表…", lambda: self._exchange("export_feedback"), None,
                                     "为每个单位生成落实情况反馈表")
        self.act_collect_feedback = A("收集反馈表…", lambda: self._exchange("collect_feedback"), None,
                                      "核对各单位交回的反馈表")
        self.act_undo = A("撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = A("重做", self.redo, "Ctrl+Y")
        self.act_undo.setIconText("撤销")  # the menu names the action; the toolbar button stays short
        self.act_redo.setIconText("重做")
        self.act_find = A("查找", self._focus_search, QKeySequence.StandardKey.Find)
        self.act_demo = A("载入示例数据", "plan.load_demo")
        self.act_backup = A("备份数据库…", self.backup_database)
        self.act_quit = A("退出", self.close, QKeySequence.StandardKey.Quit)
        self._make_grid_actions()
        self._make_window_actions()
        self._needs_plan = (
            self.act_new_task, self.act_new_section, self.act_export, self.act_print, self.act_plan_info,
            self.act_delete_plan, self.act_delete, self.act_up, self.act_down, self.act_add_unit, self.act_copy,
            self.act_paste, self.act_replace, self.act_renumber, self.act_confirm_all, self.act_export_feedback,
            self.act_collect_feedback)
        # What a read-only database (a read-only folder or disk) cannot do; the status bar says why.
        self._edits = (
            self.act_new_plan, self.act_import, self.act_paste_import, self.act_new_task, self.act_new_section,
            self.act_delete_plan, self.act_delete, self.act_up, self.act_down, self.act_add_unit, self.act_demo,
            self.act_paste, self.act_replace, self.act_renumber, self.act_confirm_all, self.act_export_feedback,
            self.act_collect_feedback)

        menus = self.menuBar()
        for title, items in (
            ("文件(&F)", (self.act_new_plan, self.act_import, self.act_paste_import, None, self.act_export,
                          self.act_print, None, self.act_export_feedback, self.act_collect_feedback, None,
                          self.act_backup, self.act_restore, self.act_demo, None, self.act_quit)),
            ("编辑(&E)", (self.act_undo, self.act_redo, None, self.act_copy, self.act_paste, None, self.act_new_task,
                          self.act_new_section, self.act_edit, self.act_add_unit, self.act_up, self.act_down, None,
                          self.act_delete, None, self.act_find, self.act_replace)),
            ("视图(&V)", self._view_items()),
            ("计划(&P)", (self.act_plan_info, self.act_new_plan, None, self.act_renumber, self.act_confirm_all, None,
                          self.act_delete_plan)),
            ("帮助(&H)", (self.act_open_data, None, self.act_about)),
        ):
            m = menus.addMenu(title)
            for a in items:
                m.addSeparator() if a is None else m.addAction(a)

        bar = QToolBar("常用")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        for a in (self.act_import, self.act_new_task, self.act_export, self.act_print, self.act_undo, self.act_redo):
            bar.addAction(a)
        self.addToolBar(bar)
        self.toolbar = bar

    def _connect_shell(self) -> None:
        self.bus.changed.connect(self.on_changed)
        self.bus.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.nav.currentRowChanged.connect(self.show_nav)
        self.plan_page.status_changed.connect(self.status_label.setText)

    def _connect(self) -> None:
        page, act = self.plan_page, self.plan_actions
        page.plan_changed.connect(self._plan_shown)
        page.sections.action_requested.connect(act.section_action)
        page.detail.add_unit_requested.connect(act.add_unit)
        page.start_page.new_plan.connect(act.new_plan)
        page.start_page.import_plan.connect(lambda: act.import_file())
        page.start_page.load_demo.connect(act.load_demo)
        page.start_page.paste_text.connect(lambda text: act.import_file(text=text))
        view, grid = page.plan_view, self.grid_actions
        view.edit_requested.connect(grid.cell_edited)
        view.paste_requested.connect(lambda: self._run_action(grid.paste))
        view.menu_requested.connect(self._table_menu)

    def _table_menu(self, pos) -> None:
        self.commit_pending()
        menu = self.grid_actions.build_menu({"copy": self.act_copy, "paste": self.act_paste,
                                             "find": self.act_replace, "delete": self.act_delete})
        menu.exec(pos)
        menu.deleteLater()

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
        if self.ws is None:
            return
        status = self.ws.undo_status()
        self.act_undo.setEnabled(status.undo_label is not None)
        self.act_redo.setEnabled(status.redo_label is not None)
        self.act_undo.setText(f"撤销 {status.undo_label}" if status.undo_label else "撤销")
        self.act_redo.setText(f"重做 {status.redo_label}" if status.redo_label else "重做")
        self.act_undo.setToolTip(self.act_undo.text())  # the toolbar shows the short iconText
        self.act_redo.setToolTip(self.act_redo.text())

    def undo(self) -> None:
        from gongkai_desk.ui.ops import run_op

        label = self.ws.undo_status().undo_label
        if label and run_op(self, self.bus, self.ws.undo) is not None:
            self.statusBar().showMessage(f"已撤销：{label}", 8000)

    def redo(self) -> None:
        from gongkai_desk.ui.ops import run_op

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

    def show_page(self, key: str) -> None:
        """Switch the navigation to page ``key`` (building it on first use)."""
        self.nav.setCurrentRow(NAV[key])

    def _exchange(self, name: str) -> None:
        """导出反馈表 / 收集反馈表 (``ui/exchange``, imported on first use)."""
        from gongkai_desk.ui import exchange

        getattr(exchange, name)(self)

    def show_nav(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.stack.setCurrentWidget(self.page(PAGES[row].key))

    # ---- first paint, drag and drop (window state: ``window_state.WindowState``) ---------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._painted and event.type() == QEvent.Type.Paint:
            watched = self.plan_view.table.viewport() if self.plan_id is not None else self.plan_page._start_page
            if obj is watched:
                self._painted = True
                QTimer.singleShot(0, self._after_first_paint)  # after this paint has finished
        return super().eventFilter(obj, event)

    def _after_first_paint(self) -> None:
        self.first_paint.emit()
        if self.ws is None and self._start is not None:
            self._attach_after_first_paint()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        path = dropped_file(event.mimeData())
        if path and self.ws is not None:
            event.acceptProposedAction()
            from gongkai_desk.core.exchange.feedback_meta import looks_like_feedback

            if looks_like_feedback(path):  # a unit's returned 反馈表: collect it, do not import it
                self._exchange_collect([path])
            else:
                self.plan_actions.import_file(path)

    def _exchange_collect(self, paths: list[str]) -> None:
        from gongkai_desk.ui import exchange

        exchange.collect_feedback(self, paths)

