"""Read-only validation of a project file that may come from a stranger.

Nothing in the file is trusted before it has passed these checks, in this order:

1. the header bytes, read directly without SQLite: the SQLite signature, a sane page size,
   read/write format versions 1 (a rollback-journal file, as we write), UTF-8 text;
2. our application_id and a revision this version knows;
3. the full normalised SQL of every object in sqlite_master against what this version writes for
   that revision (store/schema.py: expected_schema), so a trigger, a view, an extra table, a
   CHECK or DEFAULT expression, a generated column or a cascading foreign key is refused before
   anything could run it;
4. SQLite's integrity_check;

then, once the working copy is migrated to the current revision (`validate_content`):

5. the storage class, NOT NULL and semantic rule of every column (store/column_rules.py), one
   query per table; the one-row tables; every stored file a record names being there; and, for
   a file from outside, no change-log entries that were never saved;
6. each stored file against its SHA-256.

A file that passes can be read, edited and saved. The connection is read-only and immutable with
trusted_schema off, so validation can never write to the file or run anything the file defines;
every SQLite error becomes a Damaged message naming the user's file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from aims_desktop.store.column_rules import UTF8_FUNCTION, table_checks, table_filter, valid_utf8
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
from aims_desktop.store.planning_tables import AT_MOST_ONE_ROW
from aims_desktop.store.schema import (
    APPLICATION_ID,
    FILE_COLUMNS,
    ONE_ROW,
    SCHEMA_REVISION,
    SCHEMA_SQL,
    expected_schema,
    metadata,
)
from aims_desktop.store.sql_text import normalise_sql

SQLITE_MAGIC = b"SQLite format 3\x00"
CHUNK = 1 << 20

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
    """The size of a project file the user pointed at, or the specific error for a missing
    file, a folder, or one they may not read (named as `shown_as` in the message, if given)."""
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
    if page_size < 512 or page_size & (page_size - 1):
        raise Damaged(name, f"its page size {page_size} is not one SQLite uses")
    if head[18] != 1 or head[19] != 1:
        # 2 is a write-ahead-log file (we never write one); anything else makes SQLite open
        # the file read-only, so no edit could ever be saved.
        raise Damaged(name, f"its file format versions are {head[18]} and {head[19]}, not 1")
    (encoding,) = struct.unpack(">I", head[56:60])
    if encoding not in (0, 1):
        raise Damaged(name, "its text is not stored as UTF-8")
    (user_version,) = struct.unpack(">i", head[60:64])
    (application_id,) = struct.unpack(">i", head[68:72])
    return FileHeader(application_id=application_id, user_version=user_version, page_size=page_size)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to `path` and will not run code the file defines.

    Text comes back as bytes: a file may hold text that is not UTF-8, which Python could not
    even read; the checks below find it without decoding it."""
    full = path.resolve()
    uri = f"file:{quote(str(full) if os.name == 'nt' else os.fsencode(full))}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.text_factory = bytes
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.create_function(UTF8_FUNCTION, 1, valid_utf8, deterministic=True)
    return conn


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


@contextmanager
def _as_damaged(name: Path) -> Iterator[None]:
    """Any SQLite failure while checking a file means the file is damaged."""
    try:
        yield
    except sqlite3.Error as exc:
        raise Damaged(name, _text(exc) or type(exc).__name__) from None
    except UnicodeDecodeError:  # SQLite's own message quoted bytes of the file that are not text
        raise Damaged(name, "its structure cannot be read") from None


def check_schema(name: Path, conn: sqlite3.Connection, revision: int) -> None:
    """Every object in sqlite_master must be what this version writes for `revision`, with the
    same SQL (normalised), and all of it must be there."""
    expected = expected_schema(revision)
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    foreign: list[str] = []
    altered: list[str] = []
    present: set[tuple[str, str, str]] = set()
    for raw_kind, raw_name, raw_table, raw_sql in rows:
        key = (_text(raw_kind), _text(raw_name), _text(raw_table))
        if key not in expected:
            foreign.append(f"{key[0]} “{key[1]}”")
            continue
        present.add(key)
        sql = None if raw_sql is None else _text(raw_sql)
        if isinstance(raw_sql, bytes):
            try:
                raw_sql.decode("utf-8")
            except UnicodeDecodeError:
                sql = "\x00invalid"
        if normalise_sql(sql) != expected[key]:
            altered.append(f"altered {key[0]} “{key[1]}”")
    if foreign or altered:
        raise ForeignObjects(name, foreign + altered)
    missing = [key for key in expected if key not in present]
    if missing:
        kind, missing_name, _table = missing[0]
        raise Damaged(name, f"the {kind} “{missing_name}” is missing")


def check_integrity(name: Path, conn: sqlite3.Connection) -> None:
    problems = [_text(r[0]) for r in conn.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise Damaged(name, f"SQLite integrity check: {problems[0]}")


def _check_header(path: Path, shown_as: Path | None) -> int:
    """Steps 1 and 2: returns the file's revision."""
    header = read_header(path, shown_as)
    name = shown_as or path
    if header.application_id != APPLICATION_ID:
        raise NotAnAimsProject(name)
    if header.user_version > SCHEMA_REVISION:
        raise TooNew(name, header.user_version, SCHEMA_REVISION)
    if header.user_version not in SCHEMA_SQL:
        raise Damaged(name, f"unknown file format {header.user_version}")
    return header.user_version


def validate_structure(path: Path, shown_as: Path | None = None) -> ValidatedFile:
    """Steps 1 to 4 of the module docstring; the file's revision may be older than ours."""
    revision = _check_header(path, shown_as)
    name = shown_as or path
    with _as_damaged(name):
        conn = connect_read_only(path)
        try:
            check_schema(name, conn, revision)
            check_integrity(name, conn)
        finally:
            conn.close()
    return ValidatedFile(path=path, revision=revision)


# -- values (current revision only) --------------------------------------------------------


def _check_table_values(name: Path, conn: sqlite3.Connection, table: str) -> None:
    checks = table_checks(metadata.tables[table])
    quoted = f'"{table}"'
    any_bad = table_filter(metadata.tables[table])
    found = conn.execute(f"SELECT rowid FROM {quoted} WHERE {any_bad} LIMIT 1").fetchone()
    if found is None:
        return
    (rowid,) = found
    which = ", ".join(f"({c.condition})" for c in checks)
    flags = conn.execute(f"SELECT {which} FROM {quoted} WHERE rowid = ?", (rowid,)).fetchone()
    for check, flag in zip(checks, flags, strict=True):
        if flag:
            raise Damaged(
                name,
                f"the value of “{check.column}” in row {rowid} of the table “{table}” "
                f"{check.problem}",
            )
    raise Damaged(name, f"row {rowid} of the table “{table}” holds an invalid value")


def _check_rows(name: Path, conn: sqlite3.Connection, *, saved_file: bool) -> None:
    for table in metadata.sorted_tables:
        rows = table.info.get("rows")
        if rows in (ONE_ROW, AT_MOST_ONE_ROW):
            (count,) = conn.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
            if count != 1 and not (rows == AT_MOST_ONE_ROW and count == 0):
                raise Damaged(name, f"the table “{table.name}” holds {count} rows instead of 1")
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is not None:
        child, rowid = _text(broken[0]), broken[1]
        raise Damaged(
            name, f"row {rowid} of the table “{child}” refers to something that is not there"
        )
    _check_file_references(name, conn)
    if saved_file:
        unsaved = conn.execute(
            "SELECT rowid FROM change_log WHERE revision > (SELECT revision FROM project) LIMIT 1"
        ).fetchone()
        if unsaved is not None:
            raise Damaged(name, "its change log holds changes that were never saved")


def _evidence_names(conn: sqlite3.Connection, sha256: str) -> str:
    """How a message names a stored file: by the names the records holding it give it."""
    names: list[str] = []
    for table, column in FILE_COLUMNS:
        rows = conn.execute(
            f'SELECT file_name FROM "{table}" WHERE "{column}" = ? ORDER BY rowid LIMIT 3',
            (sha256,),
        ).fetchall()
        names.extend(f"“{_text(file_name)}”" for (file_name,) in rows)
    if not names:
        return "a stored file that no document version names any more"
    return "the file " + " and ".join(dict.fromkeys(names))


def _check_file_references(name: Path, conn: sqlite3.Connection) -> None:
    """Every record that names a stored file by its SHA-256 must find it stored (the register
    tables carry no foreign keys, so this is checked here)."""
    for table, column in FILE_COLUMNS:
        found = conn.execute(
            f'SELECT rowid FROM "{table}" WHERE "{column}" != \'\' AND "{column}" NOT IN '
            "(SELECT sha256 FROM evidence_blob) LIMIT 1"
        ).fetchone()
        if found is not None:
            raise Damaged(
                name,
                f"row {found[0]} of the table “{table}” refers to something that is not there "
                "(a stored file)",
            )


def blob_matches(conn: sqlite3.Connection, rowid: int, sha256: str, size: int) -> bool:
    """True if the stored bytes of evidence_blob row `rowid` have this size and SHA-256.
    Streamed, so a 100 MB file never sits in memory."""
    digest = hashlib.sha256()
    read = 0
    with conn.blobopen("evidence_blob", "data", rowid, readonly=True) as blob:
        while chunk := blob.read(CHUNK):
            digest.update(chunk)
            read += len(chunk)
    return read == size and digest.hexdigest() == sha256


def verify_evidence(
    name: Path, conn: sqlite3.Connection, cancelled: Callable[[], bool] = lambda: False
) -> None:
    """Every stored evidence file against its SHA-256: a file could otherwise store other bytes
    under the fingerprint of a genuine document, which attaching that document would reuse."""
    rows = conn.execute("SELECT rowid, sha256, size FROM evidence_blob ORDER BY rowid")
    for rowid, sha256, size in rows.fetchall():
        if cancelled():
            return
        if not blob_matches(conn, rowid, _text(sha256), size):
            raise Damaged(
                name,
                f"{_evidence_names(conn, _text(sha256))} is not what its fingerprint says: "
                "its bytes were changed after it was attached",
            )


class _IntegrityAlongside:
    """SQLite's integrity_check on its own connection and thread while the values and the
    evidence are checked on the calling one. Both sides spend their time inside SQLite or
    hashlib with the interpreter lock released, so on two cores they overlap.

    A damaged file is reported before an invalid value, and that before altered evidence."""

    def __init__(self, path: Path, name: Path) -> None:
        self._path, self._name = path, name
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="aims-integrity", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with _as_damaged(self._name):
                conn = connect_read_only(self._path)
                try:
                    check_integrity(self._name, conn)
                finally:
                    conn.close()
        except BaseException as error:
            self.error = error
        finally:
            self.done.set()

    def failed(self) -> bool:
        return self.done.is_set() and self.error is not None

    def finish(self, own_error: BaseException | None) -> None:
        """Wait, then raise the first problem found (`own_error`: the calling thread's)."""
        self._thread.join()
        if self.error is not None:
            raise self.error
        if own_error is not None:
            raise own_error


def _check_values(name: Path, conn: sqlite3.Connection, *, saved_file: bool) -> None:
    (revision,) = conn.execute("PRAGMA user_version").fetchone()
    if revision != SCHEMA_REVISION:
        raise Damaged(name, f"file format {revision} was not brought up to date")
    for table in metadata.sorted_tables:
        _check_table_values(name, conn, table.name)
    _check_rows(name, conn, saved_file=saved_file)


def _check_content(
    path: Path, name: Path, *, integrity: bool, saved_file: bool, check_evidence: bool
) -> None:
    alongside = _IntegrityAlongside(path, name) if integrity else None
    own_error: BaseException | None = None
    try:
        with _as_damaged(name):
            conn = connect_read_only(path)
            try:
                _check_values(name, conn, saved_file=saved_file)
                if check_evidence:
                    stop = alongside.failed if alongside is not None else (lambda: False)
                    verify_evidence(name, conn, stop)
            finally:
                conn.close()
    except BaseException as error:
        own_error = error
    if alongside is not None:
        alongside.finish(own_error)
    elif own_error is not None:
        raise own_error


def validate_content(
    path: Path,
    shown_as: Path | None = None,
    *,
    saved_file: bool = True,
    check_evidence: bool = True,
) -> None:
    """Steps 5 and 6: values, rows, links and evidence of a file of the current revision.

    `saved_file` is False for a working copy (which holds unsaved changes by design);
    `check_evidence` False skips hashing the evidence of our own working copies."""
    _check_content(
        path,
        shown_as or path,
        integrity=False,
        saved_file=saved_file,
        check_evidence=check_evidence,
    )


def validate_file(
    path: Path,
    shown_as: Path | None = None,
    *,
    saved_file: bool = True,
    check_evidence: bool = True,
    migrate: Callable[[Path, int], None] | None = None,
) -> ValidatedFile:
    """Raise the specific ProjectFileError for a bad file; never writes to `path` (unless
    `migrate` is given: then `path` is a private copy, brought up to the current revision
    between the structure and the value checks).

    A file of an older revision without `migrate` is checked up to its structure only. For a
    file of the current revision the integrity check runs alongside the value and evidence
    checks."""
    revision = _check_header(path, shown_as)
    name = shown_as or path
    with _as_damaged(name):
        conn = connect_read_only(path)
        try:
            check_schema(name, conn, revision)  # before anything else reads the data
            if revision < SCHEMA_REVISION:
                check_integrity(name, conn)
        finally:
            conn.close()
    if revision < SCHEMA_REVISION:
        if migrate is None:
            return ValidatedFile(path=path, revision=revision)
        migrate(path, revision)
        validate_content(path, shown_as, saved_file=saved_file, check_evidence=check_evidence)
    else:
        _check_content(
            path,
            name,
            integrity=True,
            saved_file=saved_file,
            check_evidence=check_evidence,
        )
    return ValidatedFile(path=path, revision=revision)
