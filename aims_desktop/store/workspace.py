"""The per-user folder of working copies: where edits are committed while a project is open.

Each open project gets a session folder holding `project.aims` (the working copy), `session.json`
(which file it came from and what that file looked like) and `lock` (held while it is open). A
session folder whose lock nobody holds was left by a crash: its working copy can be recovered.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_data_dir

from aims_desktop.store.locking import FileLock, is_locked

DATA_DIR_ENV = "AIMS_DESKTOP_DATA_DIR"
"""Overrides the per-user data folder (tests and portable installs use it)."""


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    root = Path(override) if override else Path(user_data_dir("AIMS Desktop", "AIMS Desktop"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def sessions_dir() -> Path:
    folder = data_dir() / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class DiskFingerprint:
    """What a saved file looked like, to notice when someone else changes it."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass
class SessionInfo:
    original: str | None  # the .aims file this working copy belongs to; None until first save
    fingerprint: DiskFingerprint | None
    opened_at: str
    user: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> SessionInfo:
        raw = json.loads(text)
        fp = raw.get("fingerprint")
        return cls(
            original=raw.get("original"),
            fingerprint=DiskFingerprint(**fp) if fp else None,
            opened_at=raw.get("opened_at", ""),
            user=raw.get("user", ""),
        )


class SessionFolder:
    """One working copy with its metadata and its lock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = FileLock(folder / "lock")

    @classmethod
    def create(cls) -> SessionFolder:
        folder = sessions_dir() / uuid.uuid4().hex
        folder.mkdir(parents=True)
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
        tmp = self.info_path.with_suffix(".tmp")
        tmp.write_text(info.to_json(), encoding="utf-8")
        os.replace(tmp, self.info_path)

    def in_use(self) -> bool:
        return self.lock.held or is_locked(self.folder / "lock")

    def remove(self) -> None:
        self.lock.release()
        shutil.rmtree(self.folder, ignore_errors=True)


def all_sessions() -> list[SessionFolder]:
    return sorted(
        (SessionFolder(p) for p in sessions_dir().iterdir() if p.is_dir()),
        key=lambda s: s.folder.stat().st_mtime,
    )


def same_file(a: str | Path | None, b: str | Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
