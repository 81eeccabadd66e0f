"""One warning for a database on a network share, offering to copy it to this computer's data
folder and reopen the window on the copy."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication, QMessageBox

from gongkai_desk.core.location import REASON, network_kind
from gongkai_desk.ui.ops import run_op

SETTING = "network_warned"


def local_copy_path(data_dir: Path, source: Path) -> Path:
    """Where the local copy goes: the default database when there is none yet, else a new name."""
    default = data_dir / "gongkai-desk.db"
    if not default.exists():
        return default
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir / f"{source.stem}-本机副本-{stamp}.db"


def warn_about_network_share(window, *, kind: str | None = None) -> bool:
    """Warn once per database path; True when a warning was shown."""
    ws = window.ws
    kind = kind or network_kind(ws.path)
    if not kind:
        return False
    warned = window.settings.value(SETTING, []) or []
    if isinstance(warned, str):
        warned = [warned]
    if ws.path in warned:
        return False
    window.settings.setValue(SETTING, [*warned, ws.path])
    box = QMessageBox(QMessageBox.Icon.Warning, "数据库在网络共享上",
                      f"当前数据库 {ws.path} 位于{kind}上。\n\n{REASON}", parent=window)
    copy = box.addButton("复制到本机并改用副本", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("继续使用", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is copy:
        copy_to_local(window)
    return True


def copy_to_local(window) -> Path | None:
    from gongkai_desk.core.backup import backup
    from gongkai_desk.paths import data_dir

    window.commit_pending()
    target = local_copy_path(data_dir(), Path(window.ws.path))
    out = run_op(window, window.bus, lambda: backup(window.ws.conn, target), error_title="无法复制数据库")
    if out is None:
        return None
    QMessageBox.information(window, "已复制到本机",
                            f"数据库已复制到 {out}。\n窗口将改用这个副本重新打开；网络上的原文件保持不变。")
    reopen_on(out)
    return out


def reopen_on(path: Path) -> None:
    """Start the program again on ``path`` and close this window."""
    QProcess.startDetached(sys.executable, ["-m", "gongkai_desk", "--db", str(path)])
    QApplication.quit()
