from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Qt must not look for a display (CI has none); set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests never touch the real user's data folder or settings (the window's settings.ini, Qt's
# file-dialog state, the last export folder): everything per-user lives under this one.
_TEST_HOME = tempfile.mkdtemp(prefix="gongkai-desk-tests-")
os.environ["GONGKAI_DESK_HOME"] = _TEST_HOME
atexit.register(shutil.rmtree, _TEST_HOME, True)
ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def ws():
    from gongkai_desk.core.workspace import Workspace

    w = Workspace.open(":memory:")
    yield w
    w.close()


@pytest.fixture
def isolated_home(tmp_path, monkeypatch):
    """Point the per-user data dir at a temp folder (the app never touches the real one)."""
    monkeypatch.setenv("GONGKAI_DESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run_cli(*args: str, db: Path | None = None, env: dict | None = None):
    """Run ``python -m gongkai_desk`` in a subprocess, as a user would."""
    import subprocess

    cmd = [sys.executable, "-m", "gongkai_desk", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    e = {**os.environ, "PYTHONIOENCODING": "gbk", **(env or {})}  # prove output is UTF-8 anyway
    return subprocess.run(cmd, capture_output=True, env=e, timeout=300, cwd=str(ROOT))
