"""Guard for the PySide6 pin in pyproject.toml.

PySide6 6.12.0 on CPython 3.11 returns None from void methods without a new reference: each call
lowers None's count, and after a few thousand calls CPython aborts ("none_dealloc"). The window
makes that many calls in minutes of normal use, so such a combination must never be installed.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_drain_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):  # far below the ~5,000 that would abort a broken build
        label.setText("已保存")
    assert sys.getrefcount(None) >= before - 50, "this PySide6 build leaks references to None: see pyproject.toml"
