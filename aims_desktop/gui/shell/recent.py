"""The Open Recent list: the last few project files, newest first, kept in the settings.

Beside each path the settings keep the organisation it was last seen holding, so the list can
say whose project a file is without opening it; when it was last saved comes from the file
itself, so a save made elsewhere shows too.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aims_desktop.gui.settings import app_settings

RECENT_KEY = "recentFiles"
DETAILS_GROUP = "recentDetails"
MAX_RECENT = 8


@dataclass(frozen=True)
class RecentFile:
    path: str
    organisation: str
    """As last seen when the file was opened or saved here; "" when not known."""
    saved: datetime | None
    """When the file was last written (local time); None when it is missing."""

    @property
    def exists(self) -> bool:
        return self.saved is not None

    @property
    def name(self) -> str:
        return Path(self.path).name


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _details_key(path: str) -> str:
    normal = os.path.normcase(os.path.abspath(path))
    return f"{DETAILS_GROUP}/{hashlib.sha1(normal.encode('utf-8')).hexdigest()}"


def recent_files() -> list[str]:
    value = app_settings().value(RECENT_KEY, [])
    if value is None:
        return []
    if isinstance(value, str):  # an INI file gives a one-element list back as a plain string
        value = [value] if value else []
    return [str(v) for v in value if v][:MAX_RECENT]


def _modified(path: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
    except OSError:
        return None


def recent_entries() -> list[RecentFile]:
    """The recent files with whose they are and when they were last saved."""
    settings = app_settings()
    return [
        RecentFile(
            path=path,
            organisation=str(settings.value(_details_key(path), "") or ""),
            saved=_modified(path),
        )
        for path in recent_files()
    ]


def remember_organisation(path: Path | str, organisation: str) -> None:
    settings = app_settings()
    settings.setValue(_details_key(os.path.abspath(path)), organisation.strip())
    settings.sync()


def _store(paths: list[str]) -> None:
    settings = app_settings()
    kept = paths[:MAX_RECENT]
    settings.setValue(RECENT_KEY, kept)
    wanted = {_details_key(p).split("/", 1)[1] for p in kept}
    settings.beginGroup(DETAILS_GROUP)
    for key in settings.childKeys():
        if key not in wanted:  # the details of a file no longer listed go with it
            settings.remove(key)
    settings.endGroup()
    settings.sync()


def add_recent(path: Path | str) -> None:
    text = os.path.abspath(path)
    _store([text, *(p for p in recent_files() if not _same(p, text))])


def remove_recent(path: Path | str) -> None:
    text = str(path)
    _store([p for p in recent_files() if not _same(p, text)])


def clear_recent() -> None:
    _store([])
