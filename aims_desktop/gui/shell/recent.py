"""The Open Recent list: the last few project files, newest first, kept in the settings."""

from __future__ import annotations

import os
from pathlib import Path

from aims_desktop.gui.settings import app_settings

RECENT_KEY = "recentFiles"
MAX_RECENT = 8


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def recent_files() -> list[str]:
    value = app_settings().value(RECENT_KEY, [])
    if value is None:
        return []
    if isinstance(value, str):  # an INI file gives a one-element list back as a plain string
        value = [value] if value else []
    return [str(v) for v in value if v][:MAX_RECENT]


def _store(paths: list[str]) -> None:
    settings = app_settings()
    settings.setValue(RECENT_KEY, paths[:MAX_RECENT])
    settings.sync()


def add_recent(path: Path | str) -> None:
    text = os.path.abspath(path)
    _store([text, *(p for p in recent_files() if not _same(p, text))])


def remove_recent(path: Path | str) -> None:
    text = str(path)
    _store([p for p in recent_files() if not _same(p, text)])


def clear_recent() -> None:
    _store([])
