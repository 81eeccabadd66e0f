"""Start the window: QApplication, Qt's Chinese translation, crash dialog, the workspace."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

_keep: list[object] = []  # Qt drops a translator that Python garbage-collects


def make_app(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, creating it with the Chinese locale and translations."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("政务公开工作台")
    from gongkai_desk.paths import resources_dir

    icon = resources_dir() / "icon.svg"
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    app.setOrganizationName("gongkai-desk")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Must be installed before any widget exists, and kept referenced.
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not _keep and translator.load("qtbase_zh_CN", path):  # once per process
        app.installTranslator(translator)
        _keep.append(translator)
        keys = KeyNames(app)  # installed after Qt's: asked first
        app.installTranslator(keys)
        _keep.append(keys)
    from gongkai_desk.ui.user_settings import point_qt_settings_home

    point_qt_settings_home()
    return app


class KeyNames(QTranslator):
    """Arrow keys as arrows in menus: Qt's Chinese names them "Ctrl+上方向"; Office and WPS show "Ctrl+↑"."""

    NAMES = {"Up": "↑", "Down": "↓", "Left": "←", "Right": "→", "Return": "Enter"}

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 - Qt override
        if context == "QShortcut" and source in self.NAMES:
            return self.NAMES[source]
        return None  # not ours: Qt's own translation

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def log_file() -> Path:
    """The log file in the per-user log directory."""
    from gongkai_desk.paths import log_dir

    return log_dir() / "gongkai-desk.log"


_logging: list[Path] = []  # the file logged to, once ``setup_logging`` has run


def setup_logging() -> Path:
    """Log to ``log_file()`` (once per process); return its path. The window calls it right after
    its first paint (``logging`` costs start-up ≈ 2 ms); an error before that sets it up itself."""
    import logging

    if _logging:
        return _logging[0]
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _logging.append(path)
    return path


def install_excepthook(log_path: Path) -> None:
    """Show a short Chinese dialog with the log path instead of a traceback (Vorta's way).

    Every edit is committed in its own transaction before the window hears of it, so a crash
    in a view loses nothing that was saved.
    """

    def hook(exc_type, exc, tb) -> None:
        import logging
        import traceback

        try:
            setup_logging()
        except OSError:
            pass  # no log folder: the dialog still says what happened
        logging.getLogger("gongkai_desk").error("未处理的错误:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is None or os.environ.get("GONGKAI_DESK_NO_CRASH_DIALOG"):
            return
        from PySide6.QtWidgets import QMessageBox  # not before the first paint

        QMessageBox.critical(
            None, "程序出错了",
            "很抱歉，程序遇到了一个意外错误。您已保存的数据不受影响。\n\n"
            f"错误详情已记录在：\n{log_path}\n\n如需帮助，请把这个文件发给技术支持人员。",
        )

    sys.excepthook = hook


def run(db_path: str | None = None, *, exit_after_start: bool = False) -> int:
    """Open the main window on ``db_path`` and run the event loop.

    The window paints the task table's first screenful from a few small queries
    (``core.first_screen``), or the kept picture of it when that is still true
    (``first_picture``), and opens the workspace and builds the rest right after that first paint
    (see ``main_window``).
    """
    from gongkai_desk.paths import default_db_path
    from gongkai_desk.ui.first_picture import FirstPicture
    from gongkai_desk.ui.main_window import MainWindow
    from gongkai_desk.ui.opening import read_start
    from gongkai_desk.ui.user_settings import user_settings
    from gongkai_desk.ui.window_state import last_plan

    app = make_app()
    install_excepthook(log_file())
    path = db_path or str(default_db_path())
    settings = user_settings()
    picture = FirstPicture(path, settings.fileName())
    if picture.load() is not None:  # opened and read after the picture's paint
        window = MainWindow(settings=settings, start=(None, path, None), picture=picture)
    else:
        opened, first, problem = read_start(path, settings)
        if problem is not None:
            if not exit_after_start:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(None, "无法打开数据库", problem)
            else:
                sys.stderr.write(problem + "\n")
            return 1
        window = MainWindow(settings=settings, start=(opened, path, first), picture=picture)
    t0 = os.environ.get("GONGKAI_DESK_STARTUP_T0")  # set by benchmarks/bench_startup.py
    if t0:  # connected first: slots run in the order connected
        window.first_paint.connect(lambda: sys.stderr.write(f"first_paint_ms={(time.time() - float(t0)) * 1000:.1f}\n"))
        window.ready.connect(lambda: sys.stderr.write(f"ready_ms={(time.time() - float(t0)) * 1000:.1f}\n"))
    window.first_paint.connect(setup_logging)
    if exit_after_start:  # after the rest of the window is built (it is built right after the first paint)
        window.report_problem = lambda text: sys.stderr.write(text + "\n")
        window.first_paint.connect(lambda: QTimer.singleShot(0, app.quit))
    window.show_window()
    code = app.exec()
    # A pool thread still at work (the daily backup) finishes before Python does: cut off by the
    # interpreter's exit it failed ("Error calling Python override of QRunnable::run()").
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    if window.ws is not None:
        settings.sync()
        picture.seal_safely(window.ws.conn, last_plan(settings))  # closes the connection
    elif window._start is not None and window._start[0] is not None:
        window._start[0].conn.close()
    return 1 if window.problem is not None else code
