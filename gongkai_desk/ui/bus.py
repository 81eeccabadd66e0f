"""The window's bus: its own small module, so the window's shell has it before the first paint
without importing ``ops`` (message boxes, the progress dialog, the core's errors)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Bus(QObject):
    """Tells every view what changed (and who changed it), and the status bar what just happened."""

    changed = Signal(object, object)  # Changes, the initiating view (or None)
    message = Signal(str)  # one Chinese line for the status bar
