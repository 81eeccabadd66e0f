"""Old .doc/.xls/.wps/.et files: what to tell the clerk, and LibreOffice's conversion where it is
installed (``soffice --headless --convert-to docx``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.formats import OLD_SUFFIXES

_NAMES = {".doc": "Word 97-2003 文档", ".wps": "WPS 文字文档", ".xls": "Excel 97-2003 工作簿", ".et": "WPS 表格文件"}


def is_old_office(path: str | Path) -> bool:
    return Path(path).suffix.lower() in OLD_SUFFIXES


def explain(path: str | Path) -> str:
    """One paragraph in Chinese: why the file cannot be read and what to do."""
    p = Path(path)
    suffix = p.suffix.lower()
    new = OLD_SUFFIXES.get(suffix, ".docx")
    app = "Word 或 WPS 文字" if new == ".docx" else "Excel 或 WPS 表格"
    kind = "Word 文档(*.docx)" if new == ".docx" else "Excel 工作簿(*.xlsx)"
    return (f"“{p.name}”是旧版的{_NAMES.get(suffix, '文件')}（{suffix}），本程序无法直接读取。\n"
            f"请用{app}打开它，点击“文件 → 另存为”，保存类型选“{kind}”，再导入另存的 {new} 文件。")


def soffice() -> str | None:
    """The LibreOffice program, when installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if base:
            exe = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if exe.is_file():
                return str(exe)
    return None


def convert(path: str | Path, out_dir: str | Path, *, timeout: float = 120) -> Path:
    """Convert an old file to .docx/.xlsx with LibreOffice into ``out_dir``; return the new file."""
    p, out = Path(path), Path(out_dir)
    exe = soffice()
    if exe is None:
        raise ImportFormatError("没有找到 LibreOffice，无法自动转换。" + explain(p))
    target = OLD_SUFFIXES[p.suffix.lower()].lstrip(".")
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "lo-profile"  # its own profile: works while the clerk has LibreOffice open
    cmd = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--convert-to", target,
           "--outdir", str(out), str(p)]
    try:
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ImportFormatError(f"用 LibreOffice 转换“{p.name}”没有成功。" + explain(p)) from e
    result = out / f"{p.stem}.{target}"
    if not result.is_file():
        raise ImportFormatError(f"用 LibreOffice 转换“{p.name}”没有成功，文件可能已损坏。" + explain(p))
    return result
