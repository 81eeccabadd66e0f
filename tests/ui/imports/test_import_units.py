"""The units step of the import dialog: choices for unit names the directory does not know."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gongkai_desk.core.model import Unit
from gongkai_desk.core.imports.matching import UnitMatch
from gongkai_desk.ui.imports.import_units import UnitChoicesWidget


def wheel(widget, steps: int = -1) -> None:
    pos = QPointF(5, 5)
    ev = QWheelEvent(pos, QPointF(widget.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, 120 * steps),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def test_mouse_wheel_over_an_unfocused_choice_does_not_change_it(qtbot):
    w = UnitChoicesWidget()
    qtbot.addWidget(w)
    w.resize(900, 400)
    w.show()
    qtbot.waitExposed(w)
    units = [Unit(i, f"区单位{i}") for i in range(1, 6)]
    w.set_matches({f"新单位{i}": UnitMatch(f"新单位{i}", None, None, "unknown") for i in range(8)}, units, Counter())
    combo = w.combo("新单位0")
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # wheel alone never focuses it
    wheel(combo)
    assert not combo.hasFocus() and w.choices() == {}
    w.activateWindow()
    combo.setFocus()  # the clerk clicked or tabbed to it: now the wheel is a deliberate choice
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert w.choices() == {"新单位0": 1}
