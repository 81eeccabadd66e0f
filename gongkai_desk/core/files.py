"""Files the program writes: one rule for every output path, and one write-beside-then-rename.

Every export, workbook and backup goes through ``write_atomic``: the file is written under a
temporary name in the target's folder and renamed over the target at the end, so a failure (a
full disk, a killed process, a file open in Word) never leaves half a file behind. A missing
folder is created; a path that is a folder, or lies under a file, is refused in Chinese.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gongkai_desk.core.errors import GongkaiError, ValidationError


def ensure_folder(folder: str | Path) -> None:
    """Create ``folder`` (and its parents); refuse in Chinese when a file is in the way."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise GongkaiError(f"无法创建文件夹“{folder}”：“{blocker}”是一个文件，不是文件夹。") from None
    except PermissionError:
        raise GongkaiError(f"无法创建文件夹“{folder}”：没有权限，请换一个位置。") from None


def check_out_path(out: Path) -> None:
    """Refuse (ValidationError) an output path that is a folder, or lies under a file."""
    if out.is_dir():
        raise ValidationError(f"导出位置“{out}”是一个已有的文件夹，请在文件夹后面加上要保存的文件名。")
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ValidationError(f"保存位置“{out.parent}”无效：“{parent}”是一个文件，不是文件夹。")
            break


TEMP_PREFIX = ".~gongkai-"
SIDE_FILES = ("-journal", "-wal", "-shm")  # what SQLite writes beside a database being written
STALE_AFTER_S = 6 * 3600  # a temporary file this old is a leftover even if its process is unknown


def _temp_beside(out: Path) -> Path:
    # The process id is in the name, so a later run can tell a dead writer's leftovers.
    try:
        import tempfile  # not at import: the window's start-up opens the database without writing files

        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=out.suffix, dir=str(out.parent))
    except (PermissionError, OSError) as e:
        if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ValidationError(f"没有权限在文件夹“{out.parent}”中保存“{out.name}”，请换一个保存位置。") from None
        raise ValidationError(f"无法在文件夹“{out.parent}”中保存“{out.name}”：{_reason(e)}。") from None
    os.close(fd)
    return Path(name)


def remove_with_side_files(path: Path) -> None:
    """Delete a (database) file and the journal files SQLite may have left beside it."""
    for p in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


def _pid_alive(pid: int) -> bool | None:
    """Whether process ``pid`` runs (None: cannot tell here, e.g. on Windows)."""
    if sys.platform == "win32":
        return None  # os.kill(pid, 0) would send CTRL_C_EVENT there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_leftovers(folder: str | Path) -> list[Path]:
    """Remove temporary files a killed or failed writer left in ``folder``; return them.

    A file is a leftover when the process named in it is gone, or it is older than a few hours.
    """
    folder, removed, now = Path(folder), [], time.time()
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]
    except OSError:
        return []
    for p in candidates:
        name = p.name[len(TEMP_PREFIX):]
        pid_text = name.split("-", 1)[0]
        if pid_text == str(os.getpid()):
            continue  # ours: being written right now
        alive = _pid_alive(int(pid_text)) if pid_text.isdigit() else None
        if alive:
            continue
        try:
            old = now - p.stat().st_mtime > STALE_AFTER_S
        except OSError:
            continue
        if alive is False or old:
            try:
                p.unlink()
                removed.append(p)
            except OSError:
                pass
    return removed


def _replace_into(tmp: Path, out: Path) -> None:
    try:
        os.replace(tmp, out)
    except PermissionError as e:
        # Windows refuses to replace a file another program (Word, Excel, WPS) has open.
        raise ValidationError(
            f"无法写入“{out.name}”：文件可能正在被 Word、Excel 或 WPS 打开，或没有写入权限，请关闭后重试。"
        ) from e
    except IsADirectoryError as e:
        raise ValidationError(f"导出位置“{out}”是一个已有的文件夹，请在文件夹后面加上要保存的文件名。") from e


def write_atomic(out: str | Path, write: Callable[[Path], object]) -> Path:
    """Write a file by calling ``write(temporary_path)``, then rename it over ``out``; return ``out``.

    ``write`` gets an empty file in the target's folder (it may overwrite or delete it). What a
    failed ``write`` left (the file, SQLite's journal beside it) is removed; what a killed
    process left is removed by the next write into that folder (``clean_leftovers``).
    """
    out = Path(out)
    check_out_path(out)
    ensure_folder(out.parent)
    clean_leftovers(out.parent)
    tmp = _temp_beside(out)
    try:
        try:
            write(tmp)
        except OSError as e:
            if e.errno == errno.ENOSPC:
                raise ValidationError(f"无法保存“{out}”：磁盘空间不足，请清理磁盘或换一个位置。") from e
            raise
        _give_usual_mode(tmp, out)
        _replace_into(tmp, out)
    finally:
        remove_with_side_files(tmp)
    return out


_UMASK: list[int] = []


def _current_umask() -> int:
    """The process's umask, read without changing it where the system tells (Linux), so no other
    thread's new file is created under a wrong umask for that moment."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _give_usual_mode(tmp: Path, out: Path) -> None:
    """The temporary file is private (0600); the file written gets the mode a new file would get
    (0666 less the umask), or the mode of the file it replaces, so a colleague or the office's
    shared folder can read an export as any other file there."""
    if os.name == "nt":
        return
    try:
        mode = out.stat().st_mode & 0o777
    except OSError:
        if not _UMASK:
            _UMASK.append(_current_umask())
        mode = 0o666 & ~_UMASK[0]
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass  # a file system without modes (FAT on a USB stick): keep what it gives


_ERRNO_TEXT = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分是文件，不是文件夹",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘是只读的",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EINVAL: "文件名无效",
}


def _reason(e: OSError) -> str:
    return _ERRNO_TEXT.get(e.errno, f"系统错误，代码 {e.errno}" if e.errno is not None else "系统错误")


def describe_os_error(e: OSError) -> str:
    """One Chinese sentence for an OSError: the path (the target of a rename) and why."""
    where = e.filename2 or e.filename
    winerror = getattr(e, "winerror", None)
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION
        reason = "文件正被其他程序（如 Word、Excel、WPS）打开，请关闭后重试"
    elif e.errno in _ERRNO_TEXT:
        reason = _ERRNO_TEXT[e.errno]
    elif winerror is not None and e.strerror:
        reason = e.strerror.strip().rstrip("。.")  # Windows words it in the system's language
    else:
        reason = f"系统错误，代码 {e.errno}" if e.errno is not None else "系统错误"
    return f"无法读写文件：{where}（{reason}）。" if where else f"无法读写文件（{reason}）。"
