"""An exclusive advisory lock on a file, held for as long as a project is open.

A lock the operating system releases when the process dies tells a live session from one left by
a crash, without trusting process ids (which are reused).
"""

from __future__ import annotations

import os
import sys
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
