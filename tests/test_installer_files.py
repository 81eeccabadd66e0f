"""Cheap static checks of the packaging files in installer/ (no PyInstaller or makensis run here).

The real proof is `python installer/build.py`, which builds the bundle and runs
installer/smoke_test.py on it; these tests only keep the files from drifting.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "gongkai-desk.spec"
NSI = INSTALLER / "gongkai-desk.nsi"


def _nsi_lines() -> list[str]:
    """The .nsi's statements, comments dropped (it is UTF-8 with a BOM, for makensis on Windows)."""
    lines = []
    for line in NSI.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if line and not line.startswith((";", "#")):
            lines.append(line)
    return lines


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name]


def test_spec_is_python_and_names_both_entry_scripts_and_resources():
    text = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(text, filename=str(SPEC))
    assert '"gongkai-desk-gui"' in text and '"gongkai-desk"' in text
    assert "entry_gui.py" in text and "entry_cli.py" in text
    assert '"resources"' in text
    assert "qtbase_zh_cn.qm" in text.lower()
    assert "opencc" in text and "chinese_calendar" in text
    # One folder: a COLLECT holding both executables, the GUI one without a console.
    (collect,) = _calls(tree, "COLLECT")
    assert [a.id for a in collect.args[:2] if isinstance(a, ast.Name)] == ["exe_gui", "exe_cli"]
    exes = {c.args[1].value: c.args[2].value for c in _calls(tree, "_exe")}  # name -> console
    assert exes == {"gongkai-desk-gui": False, "gongkai-desk": True}


def test_entry_scripts_call_the_project_entry_points():
    gui = (INSTALLER / "entry_gui.py").read_text(encoding="utf-8")
    cli = (INSTALLER / "entry_cli.py").read_text(encoding="utf-8")
    ast.parse(gui)
    ast.parse(cli)
    assert "from gongkai_desk.__main__ import gui_main" in gui
    assert "from gongkai_desk.cli import entry" in cli
    for script in ("build.py", "make_icon.py", "smoke_test.py"):
        ast.parse((INSTALLER / script).read_text(encoding="utf-8"), filename=script)


def test_nsi_is_unicode_chinese_and_per_user():
    raw = NSI.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "keep the UTF-8 BOM: makensis on Windows reads BOM-less files as ANSI"
    lines = _nsi_lines()
    assert "Unicode true" in lines
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in lines
    assert "RequestExecutionLevel user" in lines
    assert any(l.startswith("InstallDir ") and "$LOCALAPPDATA\\Programs\\" in l for l in lines)
    assert any(l.startswith("CreateShortCut") and "$SMPROGRAMS" in l for l in lines)
    assert any(l.startswith("CreateShortCut") and "$DESKTOP" in l for l in lines)
    assert any(l.startswith("WriteRegStr HKCU") and "UninstallString" in l for l in lines)
    assert not any(re.match(r"\w+\s+HKLM\b", l) for l in lines), "per-user installer: HKCU only"
    assert any(l.startswith("!define APPNAME") and "政务公开工作台" in l for l in lines)


def test_uninstall_never_deletes_the_data_directory():
    lines = _nsi_lines()
    deleting = [l for l in lines if re.match(r"(RMDir|Delete)\b", l, re.I)]
    assert deleting
    for line in deleting:
        # The database lives in $LOCALAPPDATA\gongkai-desk\gongkai-desk, settings in $APPDATA.
        assert "$LOCALAPPDATA" not in line and "$APPDATA" not in line, line
        # No recursive delete of the install folder itself (it may have been pointed anywhere).
        assert not re.match(r'RMDir\s+/r\s+"?\$INSTDIR"?\s*$', line, re.I), line
        if re.match(r"RMDir\s+/r", line, re.I):
            assert line.rstrip('"').endswith("\\_internal"), line
    # The finish page tells the user where the database is and that it is kept.
    finish = next(l for l in lines if l.startswith("!define MUI_FINISHPAGE_TEXT"))
    assert "$LOCALAPPDATA\\${APPID}\\${APPID}" in finish and "不会删除" in finish
