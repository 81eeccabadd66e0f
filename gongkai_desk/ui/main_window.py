"""The main window: the shell only. Navigation (``pages.PAGES``), menus and toolbar, status bar,
undo/redo, the first-paint signal, window state, drag and drop. What the actions do lives in
``plans/actions.py`` (and ``plans/grid_actions.py``) and each page's own module; the pages reload
themselves from the bus.

Start-up (``MainWindow(start=...)``, from ``app.run``) comes in two steps. Before the first paint
the window is only its shell (menus, toolbar, navigation, splitters at their saved sizes) and the
task table painted from ``core.first_screen`` (a few small queries; no workspace yet). Right after
the first paint ``_attach`` opens the workspace, builds the detail pane, the section tree and the
handlers, and reads the whole plan into the same table: nothing moves, the rest fills in.
When the kept picture of that first frame is still true (``first_picture``), the first paint is
that picture, and the shell and the rest are built right after it. ``MainWindow(ws)`` (tests, a
reopened database) does it all at once.

Only what the picture's first paint needs is imported at the top; the shell's modules are imported
by ``_build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

from gongkai_desk.ui.user_settings import user_settings
from gongkai_desk.ui.window_actions import WindowActions
from gongkai_desk.ui.window_start import WindowStart
from gongkai_desk.ui.window_state import WindowState

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from gongkai_desk.core.changes import Changes
    from gongkai_desk.ui.first_picture import FirstPicture

# After the first paint (``_attach``): the actions' handlers, the detail pane, the workspace itself.


class MainWindow(WindowStart, WindowActions, WindowState, QMainWindow):
    first_paint = Signal()  # emitted once, after the first page with content has been painted
    ready = Signal()  # emitted once the window has its workspace and every part (after the first paint)

    def __init__(self, ws=None, *, settings: QSettings | None = None, start=None,
                 picture: FirstPicture | None = None) -> None:
        """``ws``: the workspace; or ``start`` = (``storage.db.Opened``, path, core.first_screen.FirstScreen)
        to paint the first screenful first and open the workspace right after (start-up); with
        ``picture`` holding an image, (None, path, None): paint the picture, then open and build."""
        super().__init__()
        self.ws = None
        self.settings = settings if settings is not None else user_settings()
        self._painted = False
        self._start = start
        self._picture = picture  # keeps the first frame's picture (``_after_first_paint``), or paints it
        self._built = False  # the shell (``_build``): at once, or after the picture's paint
        self.maximize_first = False  # the first start on a small screen: show maximized (``show_window``)
        self._pages: dict[str, QWidget] = {}
        self.problem: str | None = None  # why the database could not be opened behind the picture
        self.report_problem = self._show_problem  # (``app.run --exit-after-start``: to stderr)
        self.setWindowTitle("政务公开工作台")
        self.setAcceptDrops(True)
        # The daily automatic backup, the read-only notice, the network-share warning: after the
        # first paint, once the workspace is attached (``_after_first_paint`` attaches first).
        self.first_paint.connect(self._start_watches)
        if picture is not None and picture.image is not None:
            self._show_picture()
        else:
            self._build(ws)

    def _build(self, ws) -> None:
        """The shell: navigation, the plan page, menus, toolbar, status bar; then ``ws``, or the
        first screenful of ``start``."""
        from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QStackedWidget, QVBoxLayout, QWidget

        from gongkai_desk.ui.bus import Bus
        from gongkai_desk.ui.pages import PAGES
        from gongkai_desk.ui.plans.plan_page import PlanPage

        self.bus = Bus(self)
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
        self.setCentralWidget(self.split)  # (after the picture: in its place, which Qt deletes)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._make_actions()
        self._connect_shell()
        if not self.isVisible():  # shown already: the picture's window, at its restored geometry
            self._restore_geometry()
        self._restore_splits()
        self._built = True
        self.plan_view.table.viewport().installEventFilter(self)
        if ws is not None:
            self._attach(ws)
        else:
            first = self._start[2]
            self.plan_page.show_first(first)
            for a in self._needs_plan:
                a.setEnabled(first.plan_id is not None)
            self.act_undo.setEnabled(False)
            self.act_redo.setEnabled(False)
        if self.plan_page.plan_id is None:  # the first paint is the start page's
            self.start_page.installEventFilter(self)

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
        from PySide6.QtGui import QKeySequence

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
        from PySide6.QtGui import QAction

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
        page.new_plan.connect(act.new_plan)
        page.import_plan.connect(lambda: act.import_file())
        page.load_demo.connect(act.load_demo)
        page.paste_text.connect(lambda text: act.import_file(text=text))
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

    def _focus_search(self) -> None:
        from gongkai_desk.ui.pages import NAV

        self.nav.setCurrentRow(NAV["plans"])
        self.plan_view.search.setFocus()
        self.plan_view.search.selectAll()

    def page(self, key: str) -> QWidget:
        """The page ``key`` of ``pages.PAGES``, built on first use."""
        from gongkai_desk.ui.pages import NAV, PAGES

        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = PAGES[NAV[key]].build(self)
            self.stack.addWidget(page)
        return page

    def show_page(self, key: str) -> None:
        """Switch the navigation to page ``key`` (building it on first use)."""
        from gongkai_desk.ui.pages import NAV

        self.nav.setCurrentRow(NAV[key])

    def _exchange(self, name: str) -> None:
        """导出反馈表 / 收集反馈表 (``ui/exchange``, imported on first use)."""
        from gongkai_desk.ui import exchange

        getattr(exchange, name)(self)

    def show_nav(self, row: int) -> None:
        from gongkai_desk.ui.pages import PAGES

        if 0 <= row < len(PAGES):
            self.stack.setCurrentWidget(self.page(PAGES[row].key))

    # ---- drag and drop (the first paint: ``window_start``; window state: ``window_state``) ----

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        from gongkai_desk.ui.plans.drops import dropped_file

        if dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        from gongkai_desk.ui.plans.drops import dropped_file

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

