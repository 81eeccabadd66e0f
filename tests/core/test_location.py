"""A database on a network share is recognised: UNC paths, mapped network drives, NFS/SMB mounts."""

from __future__ import annotations

from gongkai_desk.core.location import network_kind

MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
//fileserver/gongkai /mnt/share cifs rw 0 0
nas:/export /home/clerk/nas nfs4 rw 0 0
/dev/sdb1 /mnt/share/local ext4 rw 0 0
"""


def test_unc_paths_are_network_shares():
    assert network_kind(r"\\fileserver\政务公开\gongkai-desk.db") == "网络共享路径（UNC）"
    assert network_kind("//fileserver/share/a.db") == "网络共享路径（UNC）"
    assert network_kind(r"\\?\UNC\server\share\a.db") == "网络共享路径（UNC）"
    assert network_kind(r"\\?\C:\data\a.db", platform="linux", mounts_file="/nonexistent") is None


def test_network_mounts_on_linux(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS)
    assert network_kind("/mnt/share/年报/a.db", mounts_file=str(mounts), platform="linux") == "网络文件系统（cifs）"
    assert network_kind("/home/clerk/nas/a.db", mounts_file=str(mounts), platform="linux") == "网络文件系统（nfs4）"
    assert network_kind("/mnt/share/local/a.db", mounts_file=str(mounts), platform="linux") is None  # longest wins
    assert network_kind("/home/clerk/a.db", mounts_file=str(mounts), platform="linux") is None
    assert network_kind("/mnt/shared/a.db", mounts_file=str(mounts), platform="linux") is None  # not a prefix match
    assert network_kind(":memory:") is None


def test_a_local_windows_drive_is_not_a_share():
    assert network_kind(r"C:\Users\clerk\gongkai-desk.db", platform="win32") is None


def test_a_mapped_network_drive_on_windows_is_named(monkeypatch):
    """Z: mapped to \\\\server\\share: Windows says DRIVE_REMOTE for it, and the warning names the drive."""
    from gongkai_desk.core import location

    asked = []

    def remote(drive):
        asked.append(drive)
        return drive.upper() == "Z:"

    monkeypatch.setattr(location, "_windows_drive_is_remote", remote)
    assert network_kind(r"Z:\政务公开\gongkai-desk.db", platform="win32") == "映射的网络驱动器 Z:"
    assert network_kind(r"C:\Users\clerk\gongkai-desk.db", platform="win32") is None
    assert asked == ["Z:", "C:"]
