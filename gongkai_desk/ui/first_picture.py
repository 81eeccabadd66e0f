"""A picture of the window's first frame, painted first at the next start (issue 14's start-up).

An ordinary start (``main_window``) builds the shell and the task table's first screenful from
``core.first_screen`` and paints them, then builds the rest. That first frame is the same at every
start for as long as what it is made from is the same: the same first screenful
(``first_screen.digest``: the plans' titles, the rows with their statuses as of a day, the count),
the same settings file (window size, splitters, zoom, the plan shown), the same screens and the
same program. So right after that first paint its picture is kept (``keep``: ``first-frame.rgb``
and ``first-frame.json`` in the data folder). The next start paints the picture from one file,
then builds the window behind it and paints the real one over it: the same pixels, and then, as at
every start, what fills in after the first paint (the 提醒 column, the section tree, the detail
pane, the status bar).

A picture is trusted only once it is sealed, when the program ends (``seal``): the first screenful
read then from the database, just before it is closed, must still be the one pictured, and the
settings file still the one the window was built from. The seal records the database file's size
and time after the connection closed (any later write, by the window, the command line or another
program, breaks it) and the last day the first screenful stays the same (a status turns 逾期 on a
day). ``load`` uses a picture only when every part matches; anything else (no picture, a damaged or
cut-off file, another screen or program version, a crash before the seal) is an ordinary start.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

# No Qt at the top: the command line asks ``looks_sealed`` before it loads Qt (it then leaves the
# ordinary first frame's modules for after the first paint, see ``cli._import_before_qt``).

FORMAT = 1
NAMES = ("first-frame.json", "first-frame.rgb")
MAX_PIXELS = 8192 * 8192  # a damaged header cannot make the start read more than this
# A picture larger than a 2560×1600 screen's is not kept: reading 30 MB (a 4K screen) from a cold
# disk takes longer than painting the first frame.
KEEP_PIXELS = 2560 * 1640
DAYS_AHEAD = 14  # the seal looks this many days ahead for the day the first screenful changes


def _stat(path: str | Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _text(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return f.read(1 << 20).decode("utf-8", "replace")
    except OSError:
        return None


def _today() -> str:
    return time.strftime("%Y-%m-%d")  # not ``datetime``: ≈ 2 ms to import before the first paint


def _newest_source(folder: str) -> int:
    best = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                best = max(best, entry.stat().st_mtime_ns)
            elif entry.is_dir() and entry.name != "__pycache__":
                best = max(best, _newest_source(entry.path))
    return best


def _program() -> list:
    """Which program paints: its version and its build (the executable of an installed build, or the
    newest of the package's source files: a changed file may paint differently). ≈ 1 ms."""
    import sys

    from gongkai_desk import __version__

    if getattr(sys, "frozen", False):  # PyInstaller: the modules are inside the executable
        return [__version__, _stat(sys.executable)]
    try:
        return [__version__, _newest_source(str(Path(__file__).resolve().parent.parent))]
    except OSError:
        return [__version__, None]


def _looks() -> list:
    """What the window's look comes from besides the settings: Qt's settings from the environment
    (style, scale, fonts), the system's colours (dark or light, the accent) and font (its size), the
    system itself. Read before any widget exists, at every start alike."""
    import sys

    from PySide6.QtGui import QGuiApplication

    p = QGuiApplication.palette()  # (its brushes by name: looking roles up costs ≈ 0.6 ms of enums)
    colours = [b.color().rgba() for b in (p.window(), p.windowText(), p.base(), p.alternateBase(), p.text(),
                                          p.button(), p.buttonText(), p.highlight(), p.highlightedText(),
                                          p.mid(), p.dark(), p.light(), p.placeholderText())]
    windows = list(sys.getwindowsversion()[:4]) if hasattr(sys, "getwindowsversion") else None
    return [sorted([k, v] for k, v in os.environ.items() if k.startswith("QT_")), colours,
            QGuiApplication.font().toString(), windows]


def _start_key(db: str, settings: str | None, looks: list) -> dict:
    """What the first frame is made from that is known before the database is opened."""
    from PySide6 import __version__ as pyside
    from PySide6.QtGui import QGuiApplication

    screens = [[*s.geometry().getRect(), *s.availableGeometry().getRect(), s.devicePixelRatio(),
                s.logicalDotsPerInch()] for s in QGuiApplication.screens()]
    return {"format": FORMAT, "program": _program(), "pyside": pyside, "platform": QGuiApplication.platformName(),
            "screens": screens, "looks": looks, "db": db, "settings": settings}


def _sealed_meta(folder: Path, db: str, settings: str | None, today: str) -> dict | None:
    """The picture's header, if it is sealed for the database as it is now and ``settings`` (the
    settings file's text)."""
    try:
        meta = json.loads((folder / NAMES[0]).read_text("utf-8"))
        sealed = meta["sealed"]
        if (sealed["db"] == _stat(db) and sealed["wal"] == _stat(db + "-wal")
                and sealed["day"] <= today <= sealed["until"]  # (a clock set back: not that day's statuses)
                and meta["key"]["settings"] == settings):
            return meta
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def looks_sealed(db_path: str, settings_file: str, folder: Path | None = None) -> bool:
    """Whether the next start will most likely paint the picture (all but the Qt-side checks:
    screens, platform, Qt's version), asked before Qt is loaded."""
    from gongkai_desk import paths

    folder = Path(folder) if folder is not None else paths.data_dir()
    return _sealed_meta(folder, os.path.abspath(db_path), _text(settings_file), _today()) is not None


class FirstPicture:
    """The kept picture of the first frame for the database ``db_path`` (one per data folder)."""

    def __init__(self, db_path: str, settings_file: str, folder: Path | None = None) -> None:
        from gongkai_desk import paths

        self.folder = Path(folder) if folder is not None else paths.data_dir()
        self.meta_path, self.image_path = (self.folder / n for n in NAMES)
        self.db = os.path.abspath(db_path)
        self.settings_file = settings_file
        self._settings = _text(settings_file)  # as the window is built from it
        self._looks = _looks()  # (before any widget: the style would change the palette)
        self._key: dict | None = None
        self._writing = None  # the thread writing the picture (``keep``)
        self.image: QImage | None = None  # the picture to paint first (``load``)
        self.splits: list[list[int]] = []  # the splitters' sizes in the picture (``keep``)
        self._data = b""  # the image's pixels (QImage does not copy them)

    @property
    def key(self) -> dict:
        """What the first frame is made from, known before the database is opened (made when first
        asked: an ordinary start asks after its first paint)."""
        if self._key is None:
            # As the header holds it (JSON has lists, not tuples): compared with it as it is read back.
            self._key = json.loads(json.dumps(_start_key(self.db, self._settings, self._looks)))
        return self._key

    def _meta(self) -> dict | None:
        try:
            meta = json.loads(self.meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) and meta.get("key") == self.key else None

    def load(self, today: str | None = None) -> QImage | None:
        """The picture, if it is sealed and everything it was made from is still the same."""
        from PySide6.QtGui import QImage

        meta = _sealed_meta(self.folder, self.db, self._settings, today or _today())  # (read once, in __init__)
        if meta is None or meta.get("key") != self.key:
            return None
        try:
            image = meta["image"]
            width, height, size = int(image["width"]), int(image["height"]), int(image["bytes"])
            if not (0 < width * height <= MAX_PIXELS and size == width * height * 4
                    and _stat(self.image_path) == [size, image["mtime_ns"]]):
                return None
            dpr = float(image["dpr"])
            splits = [[int(n) for n in sizes] for sizes in meta["splits"]]
            data = self.image_path.read_bytes()
        except (TypeError, KeyError, ValueError, OSError):
            return None
        if len(data) != size or not 0.5 <= dpr <= 8:
            return None
        self._data, self.splits = data, splits
        self.image = QImage(data, width, height, width * 4, QImage.Format.Format_RGB32)
        self.image.setDevicePixelRatio(dpr)
        return self.image

    def keep_safely(self, window, first) -> None:
        """``keep``; a picture that cannot be kept (whatever the reason) is no picture, never a
        start that fails: it is logged."""
        try:
            self.keep(window, first)
        except Exception:  # noqa: BLE001 - a cache: the start goes on without it
            import logging

            logging.getLogger("gongkai_desk").exception("无法保存启动画面")
            self.forget()

    def seal_safely(self, conn, last_plan: int | None) -> None:
        """``seal``, logged and forgotten on any failure (the connection is closed in any case)."""
        try:
            self.seal(conn, last_plan)
        except Exception:  # noqa: BLE001 - a cache: the program ends as it would without it
            import logging

            logging.getLogger("gongkai_desk").exception("无法核对启动画面")
            conn.close()
            self.forget()

    def keep(self, window, first) -> None:
        """After an ordinary start's first paint: keep its picture (sealed later by ``seal``)."""
        from PySide6.QtGui import QImage

        from gongkai_desk.core.first_screen import digest

        image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        if image.width() * image.height() > KEEP_PIXELS:
            self.forget()
            return
        data = bytes(image.constBits())
        if len(data) != image.width() * image.height() * 4:
            return  # rows with padding: not a layout ``load`` reads
        # The splitters' sizes as this first frame has them: at the picture's start they are given to
        # the window built behind the picture (already at its final size), where restoring the saved
        # splitters would share the room out differently.
        # The rows the frame shows (the last one perhaps in part): a change further down the plan
        # leaves the picture true.
        table = window.plan_view.table
        bottom = table.rowAt(table.viewport().height() - 1)
        rows = bottom + 1 if bottom >= 0 else len(first.rows)
        meta = {"key": self.key, "rows": rows, "first": digest(first, rows), "splits": [window.split.sizes(), window.plan_split.sizes()],
                "image": {"width": image.width(), "height": image.height(), "dpr": image.devicePixelRatio(),
                          "bytes": len(data)}}
        import threading

        # Written off the UI thread (4–8 MB; the window is built meanwhile); ``seal`` waits for it.
        self._writing = threading.Thread(target=self._write_picture, args=(meta, data), name="first-picture")
        self._writing.start()

    def _write_picture(self, meta: dict, data: bytes) -> None:
        try:
            self.meta_path.unlink(missing_ok=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self.image_path, data)
            meta["image"]["mtime_ns"] = _stat(self.image_path)[1]
            _write(self.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except (OSError, TypeError):
            self._unlink_meta()  # a read-only or full data folder: no picture, ordinary starts

    def seal(self, conn, last_plan: int | None, today=None) -> None:
        """When the program ends: trust the picture if the first screenful and the settings are
        still those it shows; record the database as it is after ``conn`` is closed (this closes it).

        The record is checked against a second reading: the file as it is after ``conn`` closed,
        the first screenful read again from it, the file unchanged after that. Another program's
        write in between (the command line, a second window) is never sealed as the picture's."""
        import datetime as dt

        from gongkai_desk.core.first_screen import digest, read_first_screen

        if self._writing is not None:
            self._writing.join()
        today = today or dt.date.today()
        meta = self._meta()
        try:
            rows = meta.get("rows") if meta is not None else None
            same = (meta is not None and _text(self.settings_file) == self.key["settings"]
                    and digest(read_first_screen(conn, last_plan, today=today), rows) == meta["first"])
            until = today
            while same and until < today + dt.timedelta(days=DAYS_AHEAD):
                if digest(read_first_screen(conn, last_plan, today=until + dt.timedelta(days=1)), rows) != meta["first"]:
                    break
                until += dt.timedelta(days=1)
        finally:
            conn.close()
        if same:
            record = {"db": _stat(self.db), "wal": _stat(self.db + "-wal")}
            same = self._read_again(last_plan, today, rows) == meta["first"] and record == {
                "db": _stat(self.db), "wal": _stat(self.db + "-wal")}
        if not same:
            self.forget()
            return
        meta["sealed"] = {**record, "day": today.isoformat(), "until": until.isoformat()}
        try:
            _write(self.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError:
            self.forget()

    def _read_again(self, last_plan: int | None, today, rows: int) -> str | None:
        """The first screenful's digest read from the file by a connection of its own (closed: the
        last one to close leaves no WAL file behind)."""
        import sqlite3

        from gongkai_desk.core.first_screen import digest, read_first_screen

        try:
            # mode=rw: a file gone meanwhile is not made anew (an empty database where the clerk's was)
            conn = sqlite3.connect(Path(self.db).as_uri() + "?mode=rw", uri=True)
            try:
                return digest(read_first_screen(conn, last_plan, today=today), rows)
            finally:
                conn.close()
        except sqlite3.Error:
            return None

    def forget(self) -> None:
        """No picture for the next start (a picture being written is written first)."""
        if self._writing is not None:
            self._writing.join()
        self._unlink_meta()

    def _unlink_meta(self) -> None:
        try:
            self.meta_path.unlink(missing_ok=True)
        except OSError:
            pass


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def picture_view(image: QImage):
    """The window's whole inside, painted from the kept picture until the real window is built."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QWidget

    class PictureView(QWidget):
        def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
            size = image.deviceIndependentSize()
            if (round(size.width()), round(size.height())) != (self.width(), self.height()):
                return  # the window opened at another size (a screen too small for it): no wrong picture
            painter = QPainter(self)
            painter.drawImage(0, 0, image)
            painter.end()

    view = PictureView()
    view.setObjectName("first_picture")
    return view
