"""Read-only validation of a project file that may come from a stranger.

Nothing in the file is trusted before it has passed these checks in this order: the header bytes
(read directly, without SQLite), our application_id, a known revision, the allow-list of tables,
columns and indexes, then SQLite's quick_check. The connection is opened read-only and
immutable, with trusted_schema off, so validation can never write to the file or run anything the
file defines.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from aims_desktop.store.errors import (
    FOLDER,
    Damaged,
    FileEmpty,
    FileMissing,
    FileUnreadable,
    ForeignObjects,
    NotAnAimsProject,
    NotSQLite,
    TooNew,
)
from aims_desktop.store.schema import ALLOWED_SCHEMA, APPLICATION_ID, SCHEMA_REVISION

SQLITE_MAGIC = b"SQLite format 3\x00"

_KNOWN_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or PowerPoint document)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "a Rich Text document"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"<?xml", "an XML file"),
    (b"<!DOCTYPE html", "a web page"),
    (b"<html", "a web page"),
)


@dataclass(frozen=True)
class FileHeader:
    application_id: int
    user_version: int
    page_size: int


@dataclass(frozen=True)
class ValidatedFile:
    path: Path
    revision: int  # schema revision (PRAGMA user_version)


def _guess_kind(head: bytes) -> str | None:
    for signature, kind in _KNOWN_SIGNATURES:
        if head.startswith(signature) or head.lstrip().lower().startswith(signature.lower()):
            return kind
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "a text file"


def readable_size(path: Path, shown_as: Path | None = None) -> int:
    """The size of a file the user pointed at, or the specific error for a missing file, a
    folder, or one they may not read (named as `shown_as` in the message, if given)."""
    name = shown_as or path
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileMissing(name) from None
    except OSError as exc:
        raise FileUnreadable(name, exc.strerror or str(exc)) from None
    if path.is_dir():
        raise FileUnreadable(name, FOLDER)
    return size


def read_header(path: Path, shown_as: Path | None = None) -> FileHeader:
    """Check the file exists and starts like one of ours, reading the header bytes directly.

    `shown_as` is the name used in messages when `path` is a private copy of the user's file.
    """
    name = shown_as or path
    size = readable_size(path, shown_as)
    if size == 0:
        raise FileEmpty(name)
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise FileUnreadable(name, exc.strerror or str(exc)) from None
    if not head.startswith(SQLITE_MAGIC):
        raise NotSQLite(name, _guess_kind(head))
    if len(head) < 100:
        raise Damaged(name, "the file is cut short")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    (user_version,) = struct.unpack(">i", head[60:64])
    (application_id,) = struct.unpack(">i", head[68:72])
    return FileHeader(application_id=application_id, user_version=user_version, page_size=page_size)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to `path` and will not run code the file defines."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def check_schema(path: Path, conn: sqlite3.Connection, revision: int) -> None:
    """Everything in sqlite_master must be on the allow-list of that revision, and all of it."""
    allowed = ALLOWED_SCHEMA[revision]
    rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    foreign: list[str] = []
    present: set[str] = set()
    for kind, name, table in rows:
        ours_table = kind == "table" and name in allowed.tables and table == name
        ours_index = kind == "index" and allowed.indexes.get(name) == table
        if ours_table or ours_index:
            present.add(name)
        else:
            foreign.append(f"{kind} “{name}”")
    if foreign:
        raise ForeignObjects(path, foreign)
    for table, columns in allowed.tables.items():
        if table not in present:
            raise Damaged(path, f"the table “{table}” is missing")
        found = tuple(r[1] for r in conn.execute(f'PRAGMA table_xinfo("{table}")'))
        if found != columns:
            raise ForeignObjects(path, [f"altered table “{table}”"])
    missing = set(allowed.indexes) - present
    if missing:
        raise Damaged(path, f"the index “{sorted(missing)[0]}” is missing")


def validate_file(path: Path, shown_as: Path | None = None) -> ValidatedFile:
    """Raise the specific ProjectFileError for a bad file; never writes to `path`."""
    header = read_header(path, shown_as)
    name = shown_as or path
    if header.application_id != APPLICATION_ID:
        raise NotAnAimsProject(name)
    if header.user_version > SCHEMA_REVISION:
        raise TooNew(name, header.user_version, SCHEMA_REVISION)
    if header.user_version not in ALLOWED_SCHEMA:
        raise Damaged(name, f"unknown file format {header.user_version}")
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise FileUnreadable(name, str(exc)) from None
    try:
        check_schema(name, conn, header.user_version)
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise Damaged(name, f"SQLite integrity check: {problems[0]}")
        (projects,) = conn.execute("SELECT count(*) FROM project").fetchone()
        (orgs,) = conn.execute("SELECT count(*) FROM organisation").fetchone()
        if projects != 1 or orgs != 1:
            raise Damaged(name, "the project record is missing")
    except sqlite3.DatabaseError as exc:
        raise Damaged(name, str(exc)) from None
    finally:
        conn.close()
    return ValidatedFile(path=path, revision=header.user_version)
