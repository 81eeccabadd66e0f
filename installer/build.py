"""Build the one-folder bundle and, on Windows, the installer: ``python installer/build.py``.

Steps (run from anywhere; paths are relative to the repository root):
  1. build/gongkai-desk.ico from resources/icon.svg (installer/make_icon.py, Qt offscreen)
  2. PyInstaller with installer/gongkai-desk.spec  ->  dist/gongkai-desk/
  3. installer/smoke_test.py on the bundle (skip with --no-smoke)
  4. makensis installer/gongkai-desk.nsi          ->  dist/gongkai-desk-<version>-setup.exe
     when makensis is found; on Windows only, unless --nsis is given (an installer wrapping a
     Linux bundle is only good for checking that the script compiles).

PyInstaller does not cross-compile: the Windows bundle must be built on Windows (README.md).
PyInstaller itself is a build tool, not a dependency of the app: pip install pyinstaller.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "gongkai-desk.spec"
NSI = INSTALLER / "gongkai-desk.nsi"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
ICON = BUILD / "gongkai-desk.ico"
BUNDLE = DIST / "gongkai-desk"
WINDOWS = sys.platform == "win32"


def version() -> str:
    text = (ROOT / "gongkai_desk" / "__init__.py").read_text("utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def version4(v: str) -> str:
    """x.y.z[.w][suffix] -> the four numbers VIProductVersion wants."""
    nums = [int(n) for n in re.findall(r"\d+", v.split("+")[0])[:4]]
    return ".".join(map(str, (nums + [0, 0, 0, 0])[:4]))


def min_windows_build() -> int:
    """Qt 6 needs Windows 10 1809 (17763); the Qt in PySide6 >= 6.10 needs 1903 (18362)."""
    try:
        from importlib.metadata import version as dist_version

        major, minor = (int(x) for x in dist_version("shiboken6").split(".")[:2])
    except Exception:  # noqa: BLE001 - no PySide6 metadata: assume the newer requirement
        return 18362
    return 18362 if (major, minor) >= (6, 10) else 17763


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    if WINDOWS:
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
                return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def build_bundle() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run([sys.executable, INSTALLER / "make_icon.py", ICON], env=env)
    t0 = time.perf_counter()
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
         "--distpath", DIST, "--workpath", BUILD / "pyinstaller", SPEC])
    print(f"bundle: {BUNDLE} ({size_mb(BUNDLE):.0f} MB, built in {time.perf_counter() - t0:.0f} s)")


def build_installer(makensis: str, payload: Path) -> Path:
    v = version()
    out = DIST / f"gongkai-desk-{v}-setup.exe"
    out.parent.mkdir(parents=True, exist_ok=True)
    # "-" options work for makensis on Windows and on Linux ("/" is a path on Linux).
    cmd = [makensis, "-V2", f"-DVERSION={v}", f"-DVERSION4={version4(v)}", f"-DSRCDIR={payload}",
           f"-DOUTFILE={out}", f"-DMIN_BUILD={min_windows_build()}"]
    if ICON.is_file():
        cmd.append(f"-DICON={ICON}")
    run(cmd + [NSI])
    print(f"installer: {out} ({out.stat().st_size / 1e6:.0f} MB)")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build dist/gongkai-desk/ (PyInstaller) and the NSIS installer.")
    p.add_argument("--no-smoke", action="store_true", help="do not run installer/smoke_test.py on the bundle")
    p.add_argument("--skip-pyinstaller", action="store_true", help="reuse the existing dist/gongkai-desk/")
    p.add_argument("--nsis", action="store_true", help="run makensis even when not on Windows (script check)")
    p.add_argument("--no-nsis", action="store_true", help="never run makensis")
    args = p.parse_args(argv)

    if not args.skip_pyinstaller:
        build_bundle()
    elif not ICON.is_file():
        run([sys.executable, INSTALLER / "make_icon.py", ICON], env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if not BUNDLE.is_dir():
        print(f"no bundle at {BUNDLE}")
        return 1
    if not args.no_smoke:
        run([sys.executable, INSTALLER / "smoke_test.py", BUNDLE])

    if args.no_nsis:
        return 0
    makensis = find_makensis()
    if makensis is None:
        print("makensis not found: installer not built (install NSIS 3, see installer/README.md)")
    elif WINDOWS or args.nsis:
        if not WINDOWS:
            print("note: not on Windows — this installer wraps a non-Windows bundle; it only proves the script compiles")
        build_installer(makensis, BUNDLE)
    else:
        print("not on Windows: installer not built (the bundle inside it must be a Windows build; --nsis forces it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
