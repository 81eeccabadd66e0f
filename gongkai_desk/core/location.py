"""Where the database lies: a network share (UNC path, mapped network drive, NFS/SMB mount) is
worth one warning, because SQLite's locking over SMB and NFS is unreliable and can corrupt the file."""

from __future__ import annotations

import ntpath
import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs", "sshfs", "glusterfs",
    "fuse.glusterfs", "ceph", "fuse.ceph", "davfs", "fuse.davfs2", "fuse.rclone", "lustre", "gpfs", "beegfs",
}
REASON = ("SQLite 数据库放在网络共享上时，文件锁不可靠，断网或多台电脑同时打开都可能损坏数据库。"
          "建议把数据库复制到本机的数据文件夹，在本机上使用，并定期备份。")


def network_kind(path: str | Path, *, mounts_file: str = "/proc/mounts", platform: str | None = None) -> str | None:
    """How ``path`` is on the network ("网络共享路径 \\\\server\\share", "映射的网络驱动器 Z:",
    "网络文件系统 cifs"), or None when it is on a local disk (or this cannot be told)."""
    text = str(path)
    platform = platform or sys.platform
    if text == ":memory:":
        return None
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./")):
        return "网络共享路径（UNC）"
    if text.startswith("\\\\?\\UNC\\"):
        return "网络共享路径（UNC）"
    if platform == "win32":
        drive = ntpath.splitdrive(text)[0] or ntpath.splitdrive(os.path.abspath(text))[0]
        if drive and _windows_drive_is_remote(drive):
            return f"映射的网络驱动器 {drive}"
        return None
    fstype = _mount_fstype(Path(text), mounts_file)
    if fstype and (fstype in NETWORK_FILESYSTEMS or fstype.startswith(("nfs", "smb", "cifs"))):
        return f"网络文件系统（{fstype}）"
    return None


def _windows_drive_is_remote(drive: str) -> bool:
    try:
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
    except (AttributeError, OSError):
        return False


def _mount_fstype(path: Path, mounts_file: str) -> str | None:
    """The file-system type of the mount that holds ``path`` (longest matching mount point)."""
    try:
        lines = Path(mounts_file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = os.path.abspath(str(path))
    best, best_type = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, parts[2]
    return best_type
