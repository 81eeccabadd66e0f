"""The window's settings file, under the same per-user folder as the data (``paths.settings_path``).

Qt's own settings (its file dialog's last folder and history, "QtProject") are pointed at the
same folder too, so ``GONGKAI_DESK_HOME`` moves everything and the tests never write the real
user's settings. (On Windows Qt keeps its file-dialog state in the registry whatever the path; our
dialogs always pass the start folder from our own settings, so nothing relies on it.)
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gongkai_desk import paths


def point_qt_settings_home() -> None:
    """Make every QSettings in "user scope" (ours and Qt's) live in the data folder."""
    folder = str(paths.data_dir())
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


def user_settings() -> QSettings:
    """The window's settings: ``settings.ini`` in the data folder (Qt's own follow it there)."""
    point_qt_settings_home()
    return QSettings(str(paths.settings_path()), QSettings.Format.IniFormat)
