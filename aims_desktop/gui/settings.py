"""Where the application keeps the user's preferences.

Tests (and portable installs) point AIMS_DESKTOP_SETTINGS_DIR at a folder of their own, so
settings never leak between test runs or into the developer's real profile.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_DIR_ENV = "AIMS_DESKTOP_SETTINGS_DIR"


def app_settings() -> QSettings:
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("AIMS Desktop", "AIMS Desktop")
