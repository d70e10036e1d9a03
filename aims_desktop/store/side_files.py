"""The files AIMS Desktop creates next to a project file while saving it, and their clean-up.

Saving creates two side files next to the target: the temporary copy that replaces it
(".<name>.<8 hex>.saving") and the lock that serialises savers (".<name>.lock"). Both are
removed when the save ends; a process killed half-way leaves them behind, so the next open or
save of that file removes them (under the lock, so a colleague's save in progress is never
disturbed). Their names always fit: a project name so long that the suffix would pass the file
system's 255-byte limit is shortened, with a hash of the full name to keep it unique.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import unicodedata
from pathlib import Path

NAME_MAX = 255
"""Bytes in one file name on every file system we support (NTFS and HFS+ count UTF-16 units,
which a UTF-8 byte count never undercounts)."""

TEMP_SUFFIX = ".saving"
_LONGEST_SUFFIX = ".00000000.saving-journal"
_PATTERN = r"\.(?:lock|[0-9a-f]{8}\.saving(?:-journal|-wal|-shm)?)"


def _name_bytes(name: str) -> int:
    decomposed = unicodedata.normalize("NFD", name)
    return max(
        len(os.fsencode(name)),
        len(decomposed.encode("utf-8", "surrogateescape")),
    )


def side_base(target: Path) -> str:
    """The start of every side file name of `target`: "." + its name, shortened if needed."""
    base = "." + target.name
    if _name_bytes(base + _LONGEST_SUFFIX) <= NAME_MAX:
        return base
    digest = hashlib.sha256(os.fsencode(target.name)).hexdigest()[:12]
    room = NAME_MAX - _name_bytes(_LONGEST_SUFFIX) - len(digest) - 2
    cut = target.name
    while _name_bytes(cut) > room:
        cut = cut[:-1]
    return f".{cut}~{digest}"


def lock_file(target: Path) -> Path:
    return target.parent / f"{side_base(target)}.lock"


def temporary_file(target: Path) -> Path:
    return target.parent / f"{side_base(target)}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def side_files(target: Path, *, include_lock: bool = False) -> list[Path]:
    """Side files of `target` that exist now (the lock only if asked)."""
    pattern = re.compile(re.escape(side_base(target)) + _PATTERN + r"\Z")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    found = [target.parent / n for n in names if pattern.match(n)]
    lock = lock_file(target)
    return sorted(p for p in found if include_lock or p != lock)


def remove_side_files(target: Path) -> None:
    """Delete the leftovers of interrupted saves of `target`. Call only while holding its side
    lock: a temporary file is then never one that a live save is still writing."""
    for leftover in side_files(target):
        with contextlib.suppress(OSError):
            leftover.unlink()
