"""The core must never import Qt: the CLI and tests run it headless (napari's contract)."""

import pkgutil
import subprocess
import sys

import gongkai_desk.core


def test_core_never_imports_pyside6():
    names = [m.name for m in pkgutil.walk_packages(gongkai_desk.core.__path__, "gongkai_desk.core.")]
    assert len(names) > 10
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}:\n"
        "    importlib.import_module(n)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "", f"core imported Qt: {res.stdout}"
