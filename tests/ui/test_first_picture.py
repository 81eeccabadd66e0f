"""The kept picture of the first frame (``ui/first_picture.py``): a start whose first frame would be
the same as the last one's paints that picture first, builds the window behind it and paints the
real one over it, to the pixel; any change to what the first frame is made from is an ordinary
start, never a stale picture."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.workspace import Workspace
from tests.conftest import run_cli


@pytest.fixture
def app():
    from gongkai_desk.ui.app import make_app

    return make_app()


@pytest.fixture
def plan_db(tmp_path):
    path = tmp_path / "gongkai-desk.db"
    ws = Workspace.open(path)
    make_demo(ws, tasks=400, year=2026)
    ws.close()
    return path


def _picture(path, settings, tmp_path):
    from gongkai_desk.ui.first_picture import FirstPicture

    return FirstPicture(str(path), settings.fileName(), tmp_path / "home")


def _start(qtbot, path, settings, tmp_path, ordinary=False):
    """A start as ``app.run`` makes it: the picture's window when it is true, else (or when
    ``ordinary``) the ordinary one. (The sessions that change something start the ordinary way:
    this screen, 800 px wide, is narrower than the window, and the picture's window, smaller until
    it is built, is put back on it; on an office screen the two are the same.)"""
    from gongkai_desk.ui.opening import read_start
    from gongkai_desk.ui.main_window import MainWindow

    picture = _picture(path, settings, tmp_path)
    if not ordinary and picture.load() is not None:
        w = MainWindow(settings=settings, start=(None, str(path), None), picture=picture)
    else:
        opened, first, problem = read_start(str(path), settings)
        assert problem is None
        w = MainWindow(settings=settings, start=(opened, str(path), first), picture=picture)
    qtbot.addWidget(w)
    return w, picture


def _run_and_end(qtbot, w, picture, settings, during=None):
    """Show ``w`` until it is ready, do ``during(w)``, then end as ``app.run`` ends: close, sync the
    settings, seal."""
    from gongkai_desk.ui.window_state import last_plan

    with qtbot.waitSignal(w.ready, timeout=20000):
        # An office screen's window (the offscreen screen is 800 px wide, less than the window's least width).
        w.resize(1366, 700)
        w.show()
    if during is not None:
        during(w)
    w.close()
    w.watch.timer.stop()  # (app.run seals after the event loop: nothing polls the closed database)
    settings.sync()
    picture.seal(w.ws.conn, last_plan(settings))


def _sealed(qtbot, path, settings, tmp_path) -> None:
    """Ordinary starts until one is sealed: each close writes the window's size and splitters, and
    a picture is sealed only when the settings it was built from are still the file's: the first
    start writes them, the second finds them as it left them."""
    for _ in range(3):
        w, picture = _start(qtbot, path, settings, tmp_path)
        assert picture.image is None and w._built  # no sealed picture yet: an ordinary start
        _run_and_end(qtbot, w, picture, settings)
        if (_meta(tmp_path) or {}).get("sealed"):
            return
    raise AssertionError("the settings did not settle")


def _meta(tmp_path) -> dict | None:
    path = tmp_path / "home" / "first-frame.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def _table_pixels(w):
    """The task table as the first frame shows it: without the 提醒 column's text (it fills in once
    the calendar is read) and without the current row's focus."""
    view = w.plan_view
    view.model.set_lights(None)
    view.table.setCurrentIndex(view.proxy.index(-1, -1))
    view.table.clearSelection()
    return view.table.grab().toImage()


def test_the_next_start_paints_the_kept_picture_then_builds_the_window_behind_it(qtbot, app, plan_db, settings, tmp_path):
    _sealed(qtbot, plan_db, settings, tmp_path)
    meta = _meta(tmp_path)
    assert meta["sealed"]["until"] >= dt.date.today().isoformat()
    assert (tmp_path / "home" / "first-frame.rgb").stat().st_size == meta["image"]["bytes"]

    w, picture = _start(qtbot, plan_db, settings, tmp_path)
    assert picture.image is not None and not w._built
    seen = {}

    def at_first_paint():  # before the window behind the picture is built
        seen.update(built=w._built, ws=w.ws, central=w.centralWidget().objectName(), menus=w.menuWidget())

    w.first_paint.connect(at_first_paint)
    with qtbot.waitSignal(w.ready, timeout=20000):
        w.show_window()
    assert seen == {"built": False, "ws": None, "central": "first_picture", "menus": None}
    assert w.ws is not None and w.detail is not None and w.plan_view.model.rowCount() == 400
    painted = []
    w.plan_view.table.viewport().installEventFilter(watch := PaintWatch(painted))
    qtbot.waitUntil(lambda: bool(painted))  # the real window's first paint, as the event loop goes on
    assert painted[0] == w.plan_view.table.viewport().size() and watch  # laid out before it was first painted
    w.close()
    w.ws.close()


def test_the_window_built_behind_the_picture_looks_as_the_picture_to_the_pixel(tmp_path):
    """On an office screen (1366×768 with a taskbar; 1920×1080 at 150 %) and a maximized window:
    the fourth start paints the third's picture, then the real window; the task table (but for the
    提醒 column, which fills in at every start) and the menus and toolbar are the same pixels."""
    db = tmp_path / "start.db"
    assert run_cli("demo", "--tasks", "300", db=db).returncode == 0
    for name, screen in (("laptop", {"width": 1366, "height": 728, "dpr": 1}),
                         ("150", {"width": 1280, "height": 680, "dpr": 1.5})):
        config = tmp_path / f"{name}.json"
        config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "logicalDpi": 96, **screen}]}), "utf-8")
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
               "GONGKAI_DESK_HOME": str(tmp_path / f"home-{name}")}
        seen = [_probe(db, env) for _ in range(4)]
        assert [s["built"] for s in seen] == [True, True, True, False], seen
        assert seen[3]["maximized"] and seen[3]["table"] and seen[3]["top"] and seen[3]["nav"], seen[3]
        assert seen[3]["size"][:2] == seen[3]["size"][2:]
        assert seen[3]["focus"] == seen[2]["focus"] == ["QListWidget", 0]  # the keyboard focus where it was


def test_a_change_to_what_the_first_frame_is_made_from_is_an_ordinary_start(qtbot, app, plan_db, settings, tmp_path):
    _sealed(qtbot, plan_db, settings, tmp_path)
    assert _picture(plan_db, settings, tmp_path).load() is not None
    meta_file = tmp_path / "home" / "first-frame.json"
    kept = meta_file.read_bytes()

    # Another program writes to the database (the command line, a second window): even a task the
    # first screenful does not show. The seal cannot know what changed, so no picture.
    other = Workspace.open(plan_db)
    task = other.tasks.of_plan(other.plans.list()[0].id)[-1]
    other.tasks.update(task.id, text="另一个程序改过的任务")
    other.close()
    assert _picture(plan_db, settings, tmp_path).load() is None

    w, picture = _start(qtbot, plan_db, settings, tmp_path)  # ordinary, and it keeps a new picture
    assert w._built
    _run_and_end(qtbot, w, picture, settings)
    assert _picture(plan_db, settings, tmp_path).load() is not None

    # The settings the window is built from (zoom, splitters, size, the plan shown).
    settings.setValue("table/zoom", 150)
    settings.sync()
    assert _picture(plan_db, settings, tmp_path).load() is None
    settings.remove("table/zoom")
    settings.sync()
    assert _picture(plan_db, settings, tmp_path).load() is not None

    # The day: a sealed picture holds until the first screenful would change (a status turns 逾期).
    until = _meta(tmp_path)["sealed"]["until"]
    assert _picture(plan_db, settings, tmp_path).load(today=until) is not None
    later = (dt.date.fromisoformat(until) + dt.timedelta(days=1)).isoformat()
    assert _picture(plan_db, settings, tmp_path).load(today=later) is None

    # Another screen, another program: the key the picture was made under.
    meta = json.loads(meta_file.read_text("utf-8"))
    for part, value in (("screens", [[0, 0, 1366, 768, 0, 0, 1366, 728, 1.5, 96.0]]), ("program", ["0.0.1", 0])):
        changed = {**meta, "key": {**meta["key"], part: value}}
        meta_file.write_text(json.dumps(changed), "utf-8")
        assert _picture(plan_db, settings, tmp_path).load() is None
    meta_file.write_bytes(kept)


def test_what_the_look_and_the_program_come_from_is_in_the_key(qtbot, app, plan_db, settings, tmp_path, monkeypatch):
    from PySide6.QtGui import QColor, QPalette

    from gongkai_desk.ui import first_picture

    _sealed(qtbot, plan_db, settings, tmp_path)
    assert _picture(plan_db, settings, tmp_path).load() is not None
    # Qt's settings from the environment (a style, a scale).
    monkeypatch.setenv("QT_STYLE_OVERRIDE", "Windows")
    assert _picture(plan_db, settings, tmp_path).load() is None
    monkeypatch.delenv("QT_STYLE_OVERRIDE")
    # The system's colours (dark mode, an accent colour).
    light = app.palette()
    app.setPalette(QPalette(QColor("#202020")))
    try:
        assert _picture(plan_db, settings, tmp_path).load() is None
    finally:
        app.setPalette(light)
    assert _picture(plan_db, settings, tmp_path).load() is not None
    # Another build of the program with the same version number: a changed source file.
    source = Path(first_picture.__file__).resolve().parent.parent / "core" / "status.py"
    st = source.stat()
    os.utime(source, ns=(st.st_atime_ns, max(st.st_mtime_ns, first_picture._program()[1]) + 10**9))
    try:
        assert _picture(plan_db, settings, tmp_path).load() is None
    finally:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert _picture(plan_db, settings, tmp_path).load() is not None
    # A clock set back to before the day of the seal (statuses not yet 逾期 then).
    day = _meta(tmp_path)["sealed"]["day"]
    assert _picture(plan_db, settings, tmp_path).load(today=day) is not None
    assert _picture(plan_db, settings, tmp_path).load(today="2000-01-01") is None


def test_another_programs_write_while_sealing_is_not_sealed(qtbot, app, plan_db, settings, tmp_path, monkeypatch):
    """The command line (or a second window) changes a task on the first screenful just as the
    program ends, between its reading of the first screenful and its record of the file."""
    from gongkai_desk.core import first_screen

    _sealed(qtbot, plan_db, settings, tmp_path)
    w, picture = _start(qtbot, plan_db, settings, tmp_path, ordinary=True)
    with qtbot.waitSignal(w.ready, timeout=20000):
        w.resize(1366, 700)
        w.show()
    w.close()
    w.watch.timer.stop()
    settings.sync()
    read, calls = first_screen.read_first_screen, []

    def read_then_another_writes(conn, *args, **kwargs):
        result = read(conn, *args, **kwargs)
        if not calls:
            other = Workspace.open(plan_db)
            other.tasks.update(other.tasks.of_plan(other.plans.list()[0].id)[0].id, text="另一个程序刚改的任务")
            other.close()
        calls.append(1)
        return result

    monkeypatch.setattr(first_screen, "read_first_screen", read_then_another_writes)
    from gongkai_desk.ui.window_state import last_plan

    picture.seal(w.ws.conn, last_plan(settings))
    assert len(calls) > 1 and _meta(tmp_path) is None
    assert _picture(plan_db, settings, tmp_path).load() is None


@pytest.mark.parametrize("damage", ["garbage", "cut", "huge", "not a dict", "no image"])
def test_a_damaged_picture_is_an_ordinary_start(qtbot, app, plan_db, settings, tmp_path, damage):
    _sealed(qtbot, plan_db, settings, tmp_path)
    meta_file, image_file = tmp_path / "home" / "first-frame.json", tmp_path / "home" / "first-frame.rgb"
    meta = json.loads(meta_file.read_text("utf-8"))
    if damage == "garbage":
        meta_file.write_bytes(b"\xff\xfe{{{" * 100)
    elif damage == "cut":  # the image file cut short (and its size and time as the header says)
        data = image_file.read_bytes()[:1000]
        image_file.write_bytes(data)
        meta["image"].update(bytes=len(data), mtime_ns=image_file.stat().st_mtime_ns)
        meta_file.write_text(json.dumps(meta), "utf-8")
    elif damage == "huge":  # a header asking for a 4-gigapixel read
        meta["image"].update(width=65536, height=65536, bytes=65536 * 65536 * 4)
        meta_file.write_text(json.dumps(meta), "utf-8")
    elif damage == "not a dict":
        meta_file.write_text("[1, 2, 3]", "utf-8")
    else:
        image_file.unlink()
    assert _picture(plan_db, settings, tmp_path).load() is None
    w, picture = _start(qtbot, plan_db, settings, tmp_path)
    assert w._built  # the ordinary start, which paints and keeps its own picture
    _run_and_end(qtbot, w, picture, settings)
    assert _picture(plan_db, settings, tmp_path).load() is not None


def test_the_seal_checks_the_first_screenful_the_session_left(qtbot, app, plan_db, settings, tmp_path):
    _sealed(qtbot, plan_db, settings, tmp_path)

    def edit(index, text):
        def during(w):
            w.ws.tasks.update(w.ws.tasks.of_plan(w.plan_id)[index].id, text=text)
        return during

    for index in (-1, 60):  # the last task; one read with the first screenful but below what it shows
        w, picture = _start(qtbot, plan_db, settings, tmp_path, ordinary=True)
        _run_and_end(qtbot, w, picture, settings, edit(index, f"第{index}项任务，第一屏之外"))
        assert _picture(plan_db, settings, tmp_path).load() is not None  # still the same first frame
    assert 10 <= _meta(tmp_path)["rows"] < 60
    w, picture = _start(qtbot, plan_db, settings, tmp_path, ordinary=True)
    _run_and_end(qtbot, w, picture, settings, edit(0, "改过的第一项任务"))  # on it
    assert _meta(tmp_path) is None and _picture(plan_db, settings, tmp_path).load() is None


def test_the_seal_ends_on_the_day_a_status_on_the_first_screenful_turns_overdue(qtbot, app, plan_db, settings, tmp_path):
    from gongkai_desk.core.model import Status

    today = dt.date.today()
    ws = Workspace.open(plan_db)
    first = ws.tasks.of_plan(ws.plans.list()[0].id)[0]
    ws.tasks.update(first.id, deadline="三天后", deadline_date=today + dt.timedelta(days=3))
    for a in ws.progress.of_task(first.id):
        ws.progress.set(first.id, a.unit_id, status=Status.IN_PROGRESS)
    ws.close()
    _sealed(qtbot, plan_db, settings, tmp_path)
    # Overdue the day after its deadline: the picture holds through the deadline itself.
    assert _meta(tmp_path)["sealed"]["until"] == (today + dt.timedelta(days=3)).isoformat()


class PaintWatch(QObject):
    def __init__(self, seen: list) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.seen.append(obj.size())
        return False


PICTURE_PROBE = r"""
import json, sys
import gongkai_desk.ui.main_window as mw
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication

def at_first_paint(self, original=mw.MainWindow._after_first_paint):
    built, picture = self._built, (self._picture.image if self._picture is not None else None)
    seen = {"built": built, "modules": sorted(m for m in sys.modules if m.startswith(("gongkai_desk", "sqlite3")))}
    original(self)

    def focus():
        widget = QApplication.focusWidget()
        return [type(widget).__name__ if widget else None, self.nav.currentRow()]

    if built or picture is None:
        def end():
            seen["focus"] = focus()
            print(json.dumps(seen), file=sys.stderr)
            QApplication.quit()
        QTimer.singleShot(200, end)
        return

    def compare():  # the real window, painted by now, against the picture
        view = self.plan_view
        view.model.set_lights(None)
        view.table.setCurrentIndex(view.proxy.index(-1, -1))
        view.table.clearSelection()
        dpr = picture.devicePixelRatio()
        real = self.grab().toImage().convertToFormat(picture.format())
        at = view.table.mapTo(self, QPoint(0, 0))
        table = [int(at.x() * dpr), int(at.y() * dpr), int(view.table.width() * dpr), int(view.table.height() * dpr)]
        top = [0, 0, real.width(), int((self.toolbar.geometry().bottom() + 1) * dpr)]
        at = self.nav.mapTo(self, QPoint(0, 0))
        nav = [int(at.x() * dpr), int(at.y() * dpr), int(self.nav.width() * dpr), int(self.nav.height() * dpr)]
        seen.update(size=[real.width(), real.height(), picture.width(), picture.height()],
                    maximized=self.isMaximized(), table=real.copy(*table) == picture.copy(*table),
                    top=real.copy(*top) == picture.copy(*top), nav=real.copy(*nav) == picture.copy(*nav),
                    focus=focus())
        print(json.dumps(seen), file=sys.stderr)
        QApplication.quit()
    QTimer.singleShot(200, compare)

mw.MainWindow._after_first_paint = at_first_paint
from gongkai_desk.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def _probe(db, env) -> dict:
    res = subprocess.run([sys.executable, "-c", PICTURE_PROBE, str(db)], capture_output=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr.decode("utf-8", "replace")
    return json.loads(next(line for line in res.stderr.decode().splitlines() if line.startswith("{")))


def test_starts_from_the_command_line_paint_the_picture_from_a_few_modules(tmp_path):
    db = tmp_path / "start.db"
    assert run_cli("demo", "--tasks", "300", db=db).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GONGKAI_DESK_HOME": str(tmp_path / "home")}
    # The first start writes the settings file (the first window is maximized: the second saves its
    # normal size too); the third finds them as it left them and seals its picture.
    assert [_probe(db, env)["built"] for _ in range(3)] == [True, True, True]
    seen = _probe(db, env)
    assert not seen["built"]  # the first paint was the picture
    assert not _probe(db, env)["built"]  # and again: a start from the picture seals its own
    # Painted before the database, the first screenful, the task table's modules were even imported.
    assert {"sqlite3", "gongkai_desk.core.first_screen", "gongkai_desk.ui.plans.plan_page",
            "gongkai_desk.ui.plans.plan_view", "gongkai_desk.core.storage.db"}.isdisjoint(seen["modules"])
    assert run_cli("demo", "--tasks", "5", db=db).returncode == 0  # a second plan, from the command line
    assert _probe(db, env)["built"]  # an ordinary start


def test_a_database_damaged_behind_a_sealed_picture_is_refused_after_the_picture(tmp_path):
    """A file changed with its size and time kept (a disk error, a tool that restores times): the
    picture is painted, the database then refuses to open, and the start ends as an ordinary one
    would (one Chinese sentence, exit 1), with the picture forgotten."""
    db = tmp_path / "start.db"
    assert run_cli("demo", "--tasks", "50", db=db).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GONGKAI_DESK_HOME": str(tmp_path / "home")}
    assert [_probe(db, env)["built"] for _ in range(5)] == [True, True, True, False, False]
    assert _meta(tmp_path)["sealed"]  # sealed again by the last start, which painted the picture
    st = db.stat()
    data = bytearray(db.read_bytes())
    data[:16] = b"not a database!!"
    db.write_bytes(bytes(data))
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    res = run_cli("--exit-after-start", db=db, env=env)
    assert res.returncode == 1
    assert "数据库" in res.stderr.decode("utf-8") and "Traceback" not in res.stderr.decode("utf-8")
    assert not (tmp_path / "home" / "first-frame.json").exists()


def test_a_picture_that_cannot_be_kept_or_sealed_is_no_picture_and_the_start_goes_on(
        qtbot, app, plan_db, settings, tmp_path, monkeypatch, caplog):
    from gongkai_desk.ui.first_picture import FirstPicture
    from gongkai_desk.ui.window_state import last_plan

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the picture's code")

    monkeypatch.setattr(FirstPicture, "keep", broken)
    w, picture = _start(qtbot, plan_db, settings, tmp_path)
    with qtbot.waitSignal(w.ready, timeout=20000):
        w.resize(1366, 700)
        w.show()
    assert w.ws is not None and w.plan_view.model.rowCount() == 400
    w.close()
    w.watch.timer.stop()
    monkeypatch.setattr(FirstPicture, "seal", broken)
    picture.seal_safely(w.ws.conn, last_plan(settings))
    assert _meta(tmp_path) is None and "无法保存启动画面" in caplog.text and "无法核对启动画面" in caplog.text
    with pytest.raises(Exception):
        w.ws.conn.execute("SELECT 1")  # closed all the same


def test_a_data_folder_that_cannot_be_written_means_ordinary_starts(qtbot, app, plan_db, settings, read_only_folder,
                                                                    monkeypatch):
    import threading

    from gongkai_desk.ui.first_picture import FirstPicture
    from gongkai_desk.ui.opening import read_start
    from gongkai_desk.ui.main_window import MainWindow
    from gongkai_desk.ui.window_state import last_plan

    folder = read_only_folder(lambda f: None)
    failures = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    picture = FirstPicture(str(plan_db), settings.fileName(), folder)
    opened, first, _ = read_start(str(plan_db), settings)
    w = MainWindow(settings=settings, start=(opened, str(plan_db), first), picture=picture)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.ready, timeout=20000):
        w.resize(1366, 700)
        w.show()
    w.close()
    w.watch.timer.stop()
    picture.seal_safely(w.ws.conn, last_plan(settings))
    assert failures == [] and not list(folder.iterdir())
    assert FirstPicture(str(plan_db), settings.fileName(), folder).load() is None


def test_no_picture_is_kept_of_a_window_larger_than_a_2560_screen(qtbot, app, plan_db, settings, tmp_path, monkeypatch):
    from gongkai_desk.ui import first_picture

    monkeypatch.setattr(first_picture, "KEEP_PIXELS", 1000 * 600)  # (the offscreen screen is small)
    w, picture = _start(qtbot, plan_db, settings, tmp_path)
    _run_and_end(qtbot, w, picture, settings)
    assert _meta(tmp_path) is None and not (tmp_path / "home" / "first-frame.rgb").exists()
