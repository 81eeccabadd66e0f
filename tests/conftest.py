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


def _mount_tmpfs(folder: Path, size: str) -> bool:
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0:
        return False
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return res.returncode == 0


def _umount(folder: Path) -> None:
    import subprocess

    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a real, small file system (tmpfs, 1 MB) that can be filled: a full disk."""
    folder = tmp_path / "small"
    if not _mount_tmpfs(folder, "1m"):
        pytest.skip("needs root to mount a small tmpfs")
    yield folder
    _umount(folder)


@pytest.fixture
def read_only_folder(tmp_path):
    """Return ``make(fill)``: ``fill(folder)`` writes files, then the folder becomes read-only
    (a read-only mount when root, so even root cannot write; chmod otherwise)."""
    import subprocess

    mounted: list[Path] = []
    folder = tmp_path / "ro"

    def make(fill):
        if _mount_tmpfs(folder, "8m"):
            mounted.append(folder)
            fill(folder)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            if os.name == "posix" and os.geteuid() == 0:
                pytest.skip("cannot make a folder read-only for root without mounting")
            folder.mkdir()
            fill(folder)
            for p in folder.iterdir():
                p.chmod(0o444)
            folder.chmod(0o555)
        return folder

    yield make
    for f in mounted:
        _umount(f)
    if folder.exists() and not mounted:
        folder.chmod(0o755)
