"""An exclusive advisory lock on a file, held for as long as a project is open.

A lock the operating system releases when the process dies tells a live session from one left by
a crash, without trusting process ids (which are reused).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import time
from pathlib import Path
from types import TracebackType


class LockHeld(Exception):
    """Another process (or another open project in this one) holds the lock."""


class FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise LockHeld(str(self.path)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if sys.platform == "win32":
            import msvcrt

            try:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def is_locked(path: Path) -> bool:
    """True if some live process holds the lock on `path`."""
    if not path.exists():
        return False
    probe = FileLock(path)
    try:
        probe.acquire()
    except LockHeld:
        return True
    probe.release()
    return False


LOCK_BYTE = 1 << 30
"""Windows locks byte ranges and keeps others from reading a locked range: lock a byte far past
the holder's note, which stays readable."""


def _held_elsewhere(error: OSError) -> bool:
    return error.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLK)


class SideFileLock:
    """An exclusive OS lock on a small file next to a project file, held while it is saved.

    Unlike FileLock (in the per-user data folder) it is seen by every AIMS Desktop that saves
    the same file, whoever and wherever they are (a shared or network folder), so "has the file
    changed since I opened it?" and the replace that follows are one step for each saver. The
    file holds a note saying who holds it, for the message the other saver sees. It is deleted
    when released (while still locked, so nobody locks a file about to disappear: a saver that
    locked the old file notices it is gone and tries again).
    """

    def __init__(self, path: Path, note: dict[str, object]) -> None:
        self.path = path
        self.note = note
        self._fd: int | None = None
        self.held = False

    def acquire(self, wait: float = 5.0) -> None:
        """Wait up to `wait` seconds; raise LockHeld (with who holds it) if it stays taken.

        A folder where no lock file can be created, or a file system without locks, is not an
        error here: saving there then proceeds (and fails with its own message if the folder
        cannot be written)."""
        deadline = time.monotonic() + wait
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
            except OSError:
                return
            try:
                _lock(fd)
            except OSError as error:
                os.close(fd)
                if not _held_elsewhere(error):
                    return  # no locks on this file system: nothing to serialise with
                if time.monotonic() >= deadline:
                    raise LockHeld(read_lock_note(self.path)) from None
                time.sleep(0.05)
                continue
            if not _same_file(fd, self.path):
                _unlock(fd)
                os.close(fd)
                continue  # released and deleted between our open and our lock: try again
            self._fd = fd
            self.held = True
            self._write_note(fd)
            return

    def _write_note(self, fd: int) -> None:
        note = dict(self.note, since=time.strftime("%Y-%m-%d %H:%M:%S"))
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(note).encode("utf-8"))

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        self.held = False
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":  # an open file cannot be deleted there: delete after
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def __enter__(self) -> SideFileLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, LOCK_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, LOCK_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def read_lock_note(path: Path) -> str:
    """Who holds a side-file lock, in words ("Priya Shah (priya) on LAPTOP-7, since 10:32")."""
    try:
        with path.open("rb") as handle:
            note = json.loads(handle.read(4096).decode("utf-8"))
    except (OSError, ValueError):
        return ""
    if not isinstance(note, dict):
        return ""
    user, login = str(note.get("user", "")), str(note.get("login", ""))
    host, since = str(note.get("host", "")), str(note.get("since", ""))
    who = user or login
    if login and user and login != user:
        who = f"{user} ({login})"
    text = who + (f" on {host}" if host else "")
    if since:
        text += f", since {since}"
    return text.strip()[:300]
