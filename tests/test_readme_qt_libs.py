"""The README's Debian command installs every library Qt's X11 window links to (read from the
xcb platform plugin and the Qt libraries it loads, mapped to Debian packages by dpkg)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALWAYS_THERE = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1"}  # Priority: required in Debian


def _needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"Shared library: \[(.+?)\]", out))


@pytest.mark.skipif(not (shutil.which("readelf") and shutil.which("dpkg")), reason="needs readelf and dpkg (Debian)")
def test_readme_debian_command_lists_every_library_the_qt_window_needs():
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *(qt / "plugins" / "xcbglintegrations").glob("*.so")]
    files += [qt / "lib" / f"libQt6{m}.so.6" for m in ("XcbQpa", "Gui", "Widgets", "Core", "DBus", "OpenGL")]
    sonames = set().union(*(_needed(f) for f in files if f.exists()))
    sonames = {s for s in sonames if not s.startswith(("libQt6", "libicu", "ld-linux"))}
    packages = set()
    for soname in sonames:
        found = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True).stdout
        if not found:
            pytest.skip(f"{soname} is not installed from a Debian package here")
        packages.add(found.split(":")[0].strip())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("sudo apt-get install"))
    listed = set(command.split("&&")[0].split()[4:])
    missing = sorted(packages - ALWAYS_THERE - listed)
    assert not missing, f"the README's apt-get line lacks {missing}"
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= listed
