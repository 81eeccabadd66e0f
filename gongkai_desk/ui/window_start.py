"""Start-up, a part of ``MainWindow`` (a mixin): the first paint (of the task table's first
screenful, the start page, or the kept picture of the first frame, ``first_picture``) and what
follows it: the workspace opened and attached, the picture kept, the watches started."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget


class WindowStart:
    """Needs the window's ``_start``, ``_picture``, ``_built``, ``_painted``, ``_build`` and ``_attach``."""

    def _show_picture(self) -> None:
        """Before the first paint: the kept picture as the window's whole inside, at the saved size."""
        from gongkai_desk.ui.first_picture import picture_view

        self._default_splits = []
        self._restore_geometry()
        self.picture_view = picture_view(self._picture.image)
        self.setCentralWidget(self.picture_view)
        self.picture_view.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._painted:
            from PySide6.QtCore import QEvent, QTimer

            if event.type() == QEvent.Type.Paint and obj is self._painted_first():
                self._painted = True
                QTimer.singleShot(0, self._after_first_paint)  # after this paint has finished
        return super().eventFilter(obj, event)

    def _painted_first(self) -> QWidget:
        """The widget whose first paint is the window's: the picture, the task table or the start page."""
        if not self._built:
            return self.picture_view
        return self.plan_view.table.viewport() if self.plan_id is not None else self.plan_page._start_page

    def _after_first_paint(self) -> None:
        from PySide6.QtCore import QTimer

        self.first_paint.emit()
        if self.ws is not None or self._start is None:
            return
        if not self._built:  # the picture is on screen: open the database, build the window behind it
            from gongkai_desk.ui.opening import read_start

            opened, first, self.problem = read_start(self._start[1], self.settings)
            if self.problem is not None:  # (changed since the picture was sealed, its time kept)
                self._picture.forget()
                self.report_problem(self.problem)
                self.close()
                return
            self._start = (opened, self._start[1], first)
            self._build(None)
            self._attach_after_first_paint()
            # Laid out after this, at the window's final size: the splitters as in the picture.
            for split, sizes in zip((self.split, self.plan_split), self._picture.splits):
                split.setSizes(sizes)
            QTimer.singleShot(0, self._focus_first)  # once the new widgets are shown
            return
        # The splitters keep the sizes they show (not those restored at another window size): what the
        # close saves, as a start from the picture saves them, and what the detail pane keeps.
        for split in (self.split, self.plan_split):
            split.setSizes(split.sizes())
        if self._picture is not None:
            self._picture.keep_safely(self, self._start[2])  # this first frame, for the next start
        self._attach_after_first_paint()

    def _focus_first(self) -> None:
        """The focus where showing the window puts it (the first widget that takes the Tab key): the
        window was shown with only the picture in it, so nothing had it."""
        if self.focusWidget() is None:
            self.focusNextChild()

    def _show_problem(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self, "无法打开数据库", text)

    def _start_watches(self) -> None:
        from gongkai_desk.ui.watch import after_first_paint

        after_first_paint(self)

    def _attach_after_first_paint(self) -> None:
        from gongkai_desk.core.workspace import Workspace

        opened, path, _first = self._start  # opened by storage.opening.open_file
        self._attach(Workspace.opened(opened, path))
