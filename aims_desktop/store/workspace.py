"""The per-user folder of working copies: where edits are committed while a project is open.

Each open project gets a session folder holding `project.aims` (the working copy), `session.json`
(which file it came from, what that file looked like, and a save in progress), `lock` (held while
it is open) and `opened/` (private copies of evidence the user opened, gone when the project
closes). A session folder whose lock nobody holds was left by a crash: its working copy can be
recovered. The folders are private to the user (mode 0700).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from aims_desktop.store.locking import FileLock, is_locked

DATA_DIR_ENV = "AIMS_DESKTOP_DATA_DIR"
"""Overrides the per-user data folder (tests and portable installs use it)."""


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    root = Path(override) if override else Path(user_data_dir("AIMS Desktop", "AIMS Desktop"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def private_folder(folder: Path) -> Path:
    """Create `folder` readable by this user only (working copies hold the user's data)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def sessions_dir() -> Path:
    return private_folder(data_dir() / "sessions")


@dataclass
class DiskFingerprint:
    """What a saved file looked like, to notice when someone else changes it.

    `ctime_ns` and `inode` (POSIX) change whenever anything writes the file or resets its time
    stamps; `checked_at` is when its content was last known to hash to `sha256`."""

    size: int
    mtime_ns: int
    sha256: str
    ctime_ns: int = 0
    inode: int = 0
    checked_at: float = field(default_factory=time.time)

    @classmethod
    def of(cls, status: os.stat_result, sha256: str) -> DiskFingerprint:
        return cls(
            size=status.st_size,
            mtime_ns=status.st_mtime_ns,
            sha256=sha256,
            ctime_ns=status.st_ctime_ns,
            inode=status.st_ino,
        )

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DiskFingerprint:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        values.setdefault("checked_at", 0.0)  # written by an older version: not recent
        return cls(**values)


@dataclass
class SessionInfo:
    original: str | None  # the .aims file this working copy belongs to; None until first save
    fingerprint: DiskFingerprint | None
    opened_at: str
    user: str
    saving: dict[str, Any] | None = None
    """A save in progress: {"target", "project_id", "revision", "saved_at"}. Set before the new
    file replaces the old one, cleared once the working copy knows it is saved, so that after a
    crash in between recovery can tell which of the two happened."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> SessionInfo:
        raw = json.loads(text)
        fp = raw.get("fingerprint")
        saving = raw.get("saving")
        return cls(
            original=raw.get("original"),
            fingerprint=DiskFingerprint.from_dict(fp) if isinstance(fp, dict) else None,
            opened_at=raw.get("opened_at", ""),
            user=raw.get("user", ""),
            saving=saving if isinstance(saving, dict) else None,
        )


def _remove_read_only(function: Any, path: str, _error: Any) -> None:
    """rmtree helper: on Windows a read-only file cannot be deleted until it is writable."""
    os.chmod(path, stat.S_IWRITE | stat.S_IREAD)
    function(path)


class SessionFolder:
    """One working copy with its metadata and its lock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = FileLock(folder / "lock")

    @classmethod
    def create(cls) -> SessionFolder:
        folder = sessions_dir() / uuid.uuid4().hex
        folder.mkdir(mode=0o700)
        session = cls(folder)
        session.lock.acquire()
        return session

    @property
    def working_copy(self) -> Path:
        return self.folder / "project.aims"

    @property
    def info_path(self) -> Path:
        return self.folder / "session.json"

    def read_info(self) -> SessionInfo | None:
        try:
            return SessionInfo.from_json(self.info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError):
            return None

    def write_info(self, info: SessionInfo) -> None:
        """Replace session.json atomically and durably: recovery relies on it after a crash."""
        tmp = self.info_path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(info.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.info_path)

    @property
    def opened_folder(self) -> Path:
        """Where evidence the user opens is written: private, emptied when the project closes."""
        return self.folder / "opened"

    def new_opened_folder(self) -> Path:
        return private_folder(self.opened_folder / uuid.uuid4().hex[:8])

    def empty_opened_folder(self) -> None:
        if self.opened_folder.exists():
            _rmtree(self.opened_folder)

    def in_use(self) -> bool:
        return self.lock.held or is_locked(self.folder / "lock")

    def remove(self) -> None:
        self.lock.release()
        _rmtree(self.folder)


def _ignore_errors(function: Any, path: str, error: Any) -> None:
    # A file still open in another program (Windows) is removed with the next clean-up.
    with contextlib.suppress(OSError):
        _remove_read_only(function, path, error)


def _rmtree(folder: Path) -> None:
    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=_ignore_errors)
    else:
        shutil.rmtree(folder, onerror=_ignore_errors)


def all_sessions() -> list[SessionFolder]:
    return sorted(
        (SessionFolder(p) for p in sessions_dir().iterdir() if p.is_dir()),
        key=lambda s: s.folder.stat().st_mtime,
    )


def same_file(a: str | Path | None, b: str | Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
