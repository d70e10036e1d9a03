"""Names that reach the file system: a name stored in a project file is never trusted.

A project file comes by email from anyone, and the names inside it (an evidence file's name, the
organisation's name that becomes a report's or a project's file name) could be crafted to write
somewhere else ("../../x", "C:\\Windows\\x", an absolute path), to hide what they are (a
right-to-left override making "exe.pdf" look like "fdp.exe", trailing dots or spaces that
Windows drops: "invoice.exe."), or to name a device ("CON", "NUL.txt"). Every such name goes
through this module before it is joined to a folder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_NAME_CHARACTERS = 120
"""Long enough for any real document name; short enough that a private folder plus the name
stays under Windows' classic 260-character path limit."""

_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_DRIVE = re.compile(r"^[A-Za-z]:")
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"]
    + [f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789¹²³"]
)


def _visible(text: str) -> str:
    """Without control and format characters (NUL, line breaks, bidirectional overrides,
    zero-width spaces), which can hide or disguise part of a name."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))


def _shorten(name: str, limit: int) -> str:
    """At most `limit` characters, keeping the extension ("…policy.pdf" keeps ".pdf")."""
    if len(name) <= limit:
        return name
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and 0 < len(suffix) <= 16:
        return stem[: limit - len(suffix) - 1].rstrip(" .") + "." + suffix
    return name[:limit]


def safe_file_name(text: str, fallback: str = "Untitled") -> str:
    """`text` (an organisation's name, a title) as one file name every platform accepts.

    Separators and other characters Windows forbids become spaces, so "A/B Testing Ltd" stays
    readable; control characters disappear; the result is never a device name, never ends in a
    dot or a space, and is never empty (`fallback` then)."""
    cleaned = _WINDOWS_FORBIDDEN.sub(" ", _visible(text))
    cleaned = " ".join(cleaned.split()).strip(" .")
    cleaned = _shorten(cleaned, MAX_NAME_CHARACTERS).rstrip(" .")
    if not cleaned:
        return fallback
    if cleaned.split(".")[0].rstrip(" ").upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned


def safe_base_name(stored: str, fallback: str = "evidence") -> str:
    """A stored file name reduced to a safe base name: the last path component only, with no
    drive letter, no separators, no control characters, no reserved device name and no trailing
    dots or spaces. "../../x.txt" becomes "x.txt", "C:\\a\\b.pdf" becomes "b.pdf"."""
    visible = _visible(stored)
    last = re.split(r"[/\\]", visible)[-1]
    last = _DRIVE.sub("", last)
    if last.strip(" .") == "":
        return fallback
    return safe_file_name(last, fallback)


def final_suffix(name: str) -> str:
    """The extension Windows, macOS and Linux would use to pick an application, lower-cased,
    after the trailing dots and spaces those systems ignore: "invoice.exe. " -> ".exe"."""
    trimmed = _visible(name).rstrip(" .")
    stem, dot, suffix = trimmed.rpartition(".")
    return f".{suffix.lower()}" if dot and stem.strip() else ""


def _numbered(name: str, n: int) -> str:
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and 0 < len(suffix) <= 16:
        return f"{stem} ({n}).{suffix}"
    return f"{name} ({n})"


def archive_names(wanted: Iterable[tuple[str, str]], fallback: str = "file") -> list[str]:
    """Member names for a ZIP of stored files, one per (folder, file name) pair, in order.

    Both parts come from the project file, so both are reduced to safe base names: a member is
    always "folder/name", never absolute, never with a ".." part, a drive letter, a backslash or
    a control character (a line break would break the index and the sums file), so extracting
    it never writes outside the folder the user chose. Names are unique ignoring case and
    Unicode normalisation (Windows and macOS would otherwise extract two files onto one): a
    repeated name gets " (2)", " (3)" before its extension."""
    taken: set[str] = set()
    names = []
    for folder, name in wanted:
        first = safe_base_name(folder, "document")
        second = safe_base_name(name, fallback)
        candidate = f"{first}/{second}"
        n = 1
        while unicodedata.normalize("NFC", candidate).casefold() in taken:
            n += 1
            candidate = f"{first}/{_numbered(second, n)}"
        taken.add(unicodedata.normalize("NFC", candidate).casefold())
        names.append(candidate)
    return names
