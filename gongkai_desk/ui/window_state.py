"""The window's state between runs: its size (the first time, from the screen), its splitters,
the plan last shown; a part of ``MainWindow``."""

from __future__ import annotations

from PySide6.QtCore import QByteArray


def first_window_size(avail_width: int, avail_height: int) -> tuple[tuple[int, int], bool]:
    """The first window's (width, height) on a screen with this much room (taskbar excluded),
    and whether to maximize it: a 1366×768 laptop (or 1920×1080 at 150 %) gets a maximized window,
    so the status bar and the detail pane are on the screen; a large screen a comfortable 1400×860."""
    if avail_width < 1500 or avail_height < 940:
        return (min(1400, avail_width), min(860, avail_height - 40)), True
    return (1400, 860), False


def last_plan(settings) -> int | None:
    """The plan shown when the window was last closed."""
    value = settings.value("last_plan")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class WindowState:
    """Needs the window's ``settings``, ``split``, ``plan_split``, ``_painted``, ``_built`` and ``commit_pending``."""

    def _last_plan(self) -> int | None:
        return last_plan(self.settings)

    def _restore_geometry(self) -> None:
        """The saved size and place (the first time: from the screen)."""
        geometry = self.settings.value("geometry")
        screen = self.screen().availableGeometry() if self.screen() else None
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            pass  # Qt moves a window saved on a screen that is gone back onto this one
        elif screen is not None:
            size, self.maximize_first = first_window_size(screen.width(), screen.height())
            self.resize(*size)
        else:
            self.resize(1400, 860)

    def _restore_splits(self) -> None:
        self._default_splits = []
        for key, split in (("split_main", self.split), ("split_plan", self.plan_split)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                split.restoreState(state)
            else:
                self._default_splits.append(split)
        self._size_default_splits()

    def _size_default_splits(self) -> None:
        """Splitters never moved by the clerk: navigation 18 % (at most 260 px), then table and
        detail pane 62:38, from the window's real width (maximized or not) until the first paint."""
        width = self.width()
        left = min(260, int(width * 0.18))
        rest = width - left
        for split in self._default_splits:
            split.setSizes([left, rest] if split is self.split else [int(rest * 0.62), rest - int(rest * 0.62)])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self._painted and self._default_splits:
            self._size_default_splits()

    def show_window(self) -> None:
        """Show the window, maximized on its first start on a small screen."""
        self.showMaximized() if self.maximize_first else self.show()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._built:  # closed while the first frame's picture was all there was: nothing to keep
            super().closeEvent(event)
            return
        self.commit_pending()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("split_main", self.split.saveState())
        self.settings.setValue("split_plan", self.plan_split.saveState())
        self.settings.sync()
        super().closeEvent(event)
