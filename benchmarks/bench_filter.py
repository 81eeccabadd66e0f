"""Per-keystroke filtering of a 10,000-task plan, through the real window's filter box, beside the
time the model (``core.task_filter.matches`` over the plan's facts) takes to return the rows.

A keystroke is timed from the key event sent to the filter box until the event loop is idle again
with the table repainted (``processEvents`` after the key paints what changed; when it painted
nothing, the table's viewport is repainted before the clock stops): what the clerk waits for.
Goal: ≤ 30 ms per keystroke.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("公开", "政策解读", "区财政局", "年底前", "预决算公开")
TASKS = int(os.environ.get("BENCH_FILTER_TASKS", "10000"))


def _key(widget, text: str | None) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key, ch = (Qt.Key.Key_Backspace, "") if text is None else (Qt.Key.Key_unknown, text)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def _painter():
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    return Paints()


def main() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="gk-bench-filter-"))
    os.environ["GONGKAI_DESK_HOME"] = str(tmp / "home")
    db = tmp / "bench.db"
    subprocess.run([sys.executable, "-m", "gongkai_desk", "demo", "--tasks", str(TASKS), "--db", str(db)],
                   check=True, stdout=subprocess.DEVNULL, env={**os.environ})
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gongkai_desk.core.task_filter import TaskFilter, matches
    from gongkai_desk.core.workspace import Workspace
    from gongkai_desk.ui.app import make_app
    from gongkai_desk.ui.main_window import MainWindow

    app = make_app()
    ws = Workspace.open(db)
    window = MainWindow(ws, settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    view = window.plan_view
    view.search.setFocus()
    paints = _painter()
    view.table.viewport().installEventFilter(paints)

    def keystroke(text: str | None) -> float:
        before = paints.count
        t0 = time.perf_counter()
        _key(view.search, text)
        app.processEvents()
        if paints.count == before:  # nothing painted yet: paint now, inside the clock
            view.table.viewport().repaint()
        return time.perf_counter() - t0

    ui_times: list[float] = []
    model_times: list[float] = []
    facts = view.model.facts()  # gathered once per load, as in the window
    for word in WORDS:
        for i in range(1, len(word) + 1):
            ui_times.append(keystroke(word[i - 1]))
            t0 = time.perf_counter()
            kept = matches(facts, TaskFilter(word[:i]))
            model_times.append(time.perf_counter() - t0)
            assert sum(kept) == view.proxy.rowCount(), (word[:i], sum(kept), view.proxy.rowCount())
        for _ in word:  # delete it again, key by key (also timed: the clerk does this too)
            ui_times.append(keystroke(None))
    assert view.proxy.rowCount() == TASKS
    ui, model = statistics.median(ui_times) * 1000, statistics.median(model_times) * 1000
    worst = max(ui_times) * 1000
    print(f"filter keystroke, {TASKS:,}-task plan, through the window's filter box: median {ui:6.1f} ms, "
          f"worst {worst:6.1f} ms ({len(ui_times)} keystrokes)")
    print(f"the model returning the rows (core.task_filter.matches):           median {model:6.2f} ms")
    print(f"ratio window/model: {ui / model:.1f}x   goal: <= 30 ms per keystroke ({'met' if worst <= 30 else 'median ' + ('met' if ui <= 30 else 'not met')})")
    window.close()
    ws.close()
    return {"filter_ms": ui, "filter_worst_ms": worst, "model_ms": model}


if __name__ == "__main__":
    main()
