"""Where things live: the per-user data and log directories, and the bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "gongkai-desk"
APP_AUTHOR = "gongkai-desk"


def data_dir() -> Path:
    """The per-user data directory (GONGKAI_DESK_HOME overrides it, for tests and portable use)."""
    override = os.environ.get("GONGKAI_DESK_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "gongkai-desk.db"


def settings_path() -> Path:
    """The window's settings (size, splitters, last folders, zoom): beside the data, so that
    GONGKAI_DESK_HOME moves them too and a portable copy carries them along."""
    return data_dir() / "settings.ini"


def log_dir() -> Path:
    override = os.environ.get("GONGKAI_DESK_HOME")
    if override:
        return Path(override) / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def resources_dir() -> Path:
    """resources/ in a source tree, or beside the executable in a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
