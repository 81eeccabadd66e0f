"""Writers of the files the clerk exports.

Shared here: the checks of the chosen output path and the write-beside-then-rename step, so
every exporter refuses a bad path with one Chinese sentence instead of an OSError.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gongkai_desk.core.errors import ValidationError


def check_out_path(out: Path) -> None:
    """Refuse (ValidationError) an output path that is a folder, or lies under a file."""
    if out.is_dir():
        raise ValidationError(f"导出位置“{out}”是一个已有的文件夹，请在文件夹后面加上要保存的文件名。")
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ValidationError(f"保存位置“{out.parent}”无效：“{parent}”是一个文件，不是文件夹。")
            break


def temp_beside(out: Path, prefix: str) -> Path:
    """Create an empty temporary file in ``out``'s folder (the export is renamed over ``out``)."""
    try:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=out.suffix, dir=str(out.parent))
    except PermissionError:
        raise ValidationError(f"没有权限在文件夹“{out.parent}”中保存文件，请换一个保存位置。") from None
    os.close(fd)
    return Path(name)


def replace_into(tmp: Path, out: Path) -> None:
    """Rename the finished ``tmp`` over ``out``; a refused rename becomes a Chinese sentence."""
    try:
        os.replace(tmp, out)
    except PermissionError as e:
        # Windows refuses to replace a file another program (Word, Excel, WPS) has open.
        raise ValidationError(
            f"无法写入“{out.name}”：文件可能正在被 Word、Excel 或 WPS 打开，或没有写入权限，请关闭后重试。"
        ) from e
    except IsADirectoryError as e:
        raise ValidationError(f"导出位置“{out}”是一个已有的文件夹，请在文件夹后面加上要保存的文件名。") from e
