"""Open, create, save, close and recover .aims project files.

Open never writes the user's file: it is copied into a session folder and the copy is validated,
so what was checked is exactly what is used. Edits commit to that working copy. Save writes a
fresh compact copy next to the target (VACUUM INTO: no free pages, so deleted text leaves no
trace), fsyncs it and atomically replaces the target, so a crash at any moment leaves either the
old or the new file, whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from aims_desktop.store.errors import (
    AlreadyOpen,
    Damaged,
    FileChangedOnDisk,
    FileMissing,
    FileUnreadable,
    ProjectFileError,
    SaveFailed,
)
from aims_desktop.store.locking import FileLock, LockHeld
from aims_desktop.store.migrations import migrate
from aims_desktop.store.repository import Clock, ProjectDatabase, stamp, utc_now
from aims_desktop.store.schema import SCHEMA_REVISION
from aims_desktop.store.validation import read_header, validate_file
from aims_desktop.store.workspace import (
    DiskFingerprint,
    SessionFolder,
    SessionInfo,
    all_sessions,
    data_dir,
)

CHUNK = 1 << 20
TEMP_SUFFIX = ".saving"


def _normal(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _path_lock(path: Path) -> FileLock:
    """A lock per project path, so a second window or process opening the same file is told."""
    folder = data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(_normal(path).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return FileLock(folder / f"{digest}.lock")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        if sys.platform == "darwin":
            import fcntl

            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
        else:
            os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return  # directories cannot be opened for fsync on Windows; MoveFileEx is durable
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_with_hash(source: Path, target: Path) -> DiskFingerprint:
    """Copy `source` to `target`, hashing on the way, with stat taken before reading."""
    before = source.stat()
    digest = hashlib.sha256()
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    return DiskFingerprint(
        size=before.st_size, mtime_ns=before.st_mtime_ns, sha256=digest.hexdigest()
    )


class BackgroundDigest:
    """SHA-256 of a file we have just saved, computed in a thread so Save returns sooner.

    The handle is opened before the temporary file replaces the target, so the digest is of our
    bytes even if someone replaces the target a moment later. Only needed if the target's size
    and time stamp change without its size changing, which is rare; the first such check waits.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._value = ""
        self._thread = threading.Thread(target=self._run, name="aims-digest", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        digest = hashlib.sha256()
        try:
            while chunk := self._handle.read(CHUNK):
                digest.update(chunk)
            self._value = digest.hexdigest()
        except OSError:
            self._value = ""  # unknown: a later check treats any change as a real one
        finally:
            self._handle.close()

    def result(self) -> str:
        self._thread.join()
        return self._value


def changed_on_disk(path: Path, fingerprint: DiskFingerprint) -> bool:
    """True if `path` no longer holds the bytes we last read or wrote there."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return False  # gone: saving recreates it, which overwrites nobody's work
    if now.st_size == fingerprint.size and now.st_mtime_ns == fingerprint.mtime_ns:
        return False
    if now.st_size != fingerprint.size:
        return True
    return sha256_of(path) != fingerprint.sha256  # touched, perhaps by a sync tool: compare


@dataclass
class OpenProject:
    """A project being edited: its working copy, its session folder and the file it belongs to."""

    session: SessionFolder
    db: ProjectDatabase
    info: SessionInfo
    path_lock: FileLock | None
    pending_digest: BackgroundDigest | None = None

    def disk_fingerprint(self) -> DiskFingerprint | None:
        """What the file looked like when we last read or wrote it (waits for a pending digest)."""
        fingerprint = self.info.fingerprint
        if fingerprint is not None and not fingerprint.sha256 and self.pending_digest:
            fingerprint.sha256 = self.pending_digest.result()
            self.pending_digest = None
        return fingerprint

    @property
    def path(self) -> Path | None:
        return Path(self.info.original) if self.info.original else None

    def close(self) -> None:
        """Close and forget the working copy; unsaved changes are gone (the caller asked)."""
        self.db.close()
        self.session.remove()
        if self.path_lock is not None:
            self.path_lock.release()
            self.path_lock = None


def _lock_path(path: Path) -> FileLock:
    lock = _path_lock(path)
    try:
        lock.acquire()
    except LockHeld:
        raise AlreadyOpen(path) from None
    return lock


def create_project(
    *,
    org_name: str,
    who: str,
    catalog_version: str,
    app_version: str,
    clock: Clock = utc_now,
) -> OpenProject:
    """A new, not yet saved project in a fresh working copy."""
    session = SessionFolder.create()
    try:
        db = ProjectDatabase.create(
            session.working_copy,
            org_name=org_name,
            who=who,
            catalog_version=catalog_version,
            app_version=app_version,
            clock=clock,
        )
        info = SessionInfo(original=None, fingerprint=None, opened_at=stamp(clock()), user=who)
        session.write_info(info)
    except BaseException:
        session.remove()
        raise
    return OpenProject(session=session, db=db, info=info, path_lock=None)


def open_project(path: Path, *, who: str, clock: Clock = utc_now) -> OpenProject:
    """Validate `path` (without writing to it) and open a working copy of it."""
    path = Path(os.path.abspath(path))
    read_header(path)  # cheap checks first: missing, empty, not SQLite
    lock = _lock_path(path)
    session: SessionFolder | None = None
    try:
        session = SessionFolder.create()
        try:
            fingerprint = _copy_with_hash(path, session.working_copy)
        except FileNotFoundError:
            raise FileMissing(path) from None
        except OSError as exc:
            raise FileUnreadable(path, exc.strerror or str(exc)) from None
        _validate_copy(session.working_copy, path)
        info = SessionInfo(
            original=str(path), fingerprint=fingerprint, opened_at=stamp(clock()), user=who
        )
        session.write_info(info)
        db = ProjectDatabase(session.working_copy, clock)
    except BaseException:
        if session is not None:
            session.remove()
        lock.release()
        raise
    return OpenProject(session=session, db=db, info=info, path_lock=lock)


def _validate_copy(copy: Path, shown_as: Path, legacy: dict[str, str] | None = None) -> int:
    """Validate the working copy, reporting problems under the user's file name, then migrate.

    Returns the revision the file had, before any migration. `legacy` receives the values of
    an older format that the content fingerprint of that format needs and migration moves.
    """
    validated = validate_file(copy, shown_as)
    if validated.revision < SCHEMA_REVISION:
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            if legacy is not None and validated.revision < 2:
                conn.execute("PRAGMA trusted_schema=OFF")
                (text,) = conn.execute("SELECT ai_systems FROM organisation").fetchone()
                legacy["ai_systems"] = str(text or "")
            migrate(conn, validated.revision)
        except (sqlite3.Error, KeyError) as exc:
            raise Damaged(shown_as, f"it could not be upgraded: {exc}") from None
        finally:
            conn.close()
    return validated.revision


def _remove_stale_temporaries(target: Path) -> None:
    for stale in target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _drop_unlinked_evidence(tmp: Path) -> None:
    """Evidence removed since the last save stays in the working copy (so it can be undone) but
    must not travel: delete it from the new file and compact again so no page keeps it."""
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA journal_mode=DELETE")
        cursor = conn.execute(
            "DELETE FROM evidence_blob WHERE sha256 NOT IN (SELECT sha256 FROM evidence)"
        )
        if cursor.rowcount:
            conn.execute("VACUUM")
    finally:
        conn.close()


def save_project(
    project: OpenProject, target: Path | None, *, app_version: str, force: bool = False
) -> Path:
    """Write the project to `target` (default: where it came from) atomically and durably."""
    target = Path(os.path.abspath(target if target is not None else project.path or ""))
    if project.path is None and target == Path(os.path.abspath("")):
        raise SaveFailed(target, "no file name was given")
    same_target = project.path is not None and _normal(target) == _normal(project.path)
    new_lock: FileLock | None = None
    if same_target:
        fingerprint = project.disk_fingerprint()
        if fingerprint is not None and not force and changed_on_disk(target, fingerprint):
            raise FileChangedOnDisk(target)
    else:
        new_lock = _lock_path(target)
    if not target.parent.is_dir():
        if new_lock is not None:
            new_lock.release()
        raise SaveFailed(target, f"the folder {target.parent} does not exist")
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}"
    revision = project.db.prepare_save(app_version)
    try:
        _remove_stale_temporaries(target)
        project.db.raw_connection().execute("VACUUM INTO ?", (str(tmp),))
        _drop_unlinked_evidence(tmp)
        _fsync_file(tmp)
        if os.name == "nt":  # an open file cannot be replaced on Windows: hash it now
            digest, pending = sha256_of(tmp), None
        else:
            digest, pending = "", BackgroundDigest(tmp.open("rb"))
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        stat = target.stat()
    except (OSError, sqlite3.Error) as exc:
        project.db.undo_prepare_save(revision)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if new_lock is not None:
            new_lock.release()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SaveFailed(target, reason) from None
    if new_lock is not None:
        if project.path_lock is not None:
            project.path_lock.release()
        project.path_lock = new_lock
    project.info.original = str(target)
    project.info.fingerprint = DiskFingerprint(stat.st_size, stat.st_mtime_ns, digest)
    project.pending_digest = pending
    project.session.write_info(project.info)
    return target


@dataclass(frozen=True)
class RecoverableWork:
    """Unsaved work left in a working copy by a session that ended without closing."""

    folder: Path
    original: str | None
    organisation: str
    last_change: str


def find_recoverable() -> list[RecoverableWork]:
    """Working copies of crashed sessions that hold unsaved changes. Crashed sessions with
    nothing unsaved are cleaned up on the way, so the list only ever shows real work."""
    found: list[RecoverableWork] = []
    for session in all_sessions():
        if session.in_use():
            continue
        info = session.read_info()
        if info is None or not session.working_copy.exists():
            session.remove()
            continue
        try:
            validate_file(session.working_copy)
            db = ProjectDatabase(session.working_copy)
            try:
                unsaved = db.has_unsaved_changes()
                organisation = db.organisation().name
                entries = db.change_log(limit=1)
            finally:
                db.close()
        except (ProjectFileError, sqlite3.Error):
            session.remove()  # nothing readable to recover
            continue
        if not unsaved:
            session.remove()
            continue
        found.append(
            RecoverableWork(
                folder=session.folder,
                original=info.original,
                organisation=organisation,
                last_change=entries[0].at if entries else info.opened_at,
            )
        )
    return found


def recover(work: RecoverableWork, *, who: str, clock: Clock = utc_now) -> OpenProject:
    """Take over a crashed session's working copy, with its unsaved changes."""
    session = SessionFolder(work.folder)
    try:
        session.lock.acquire()
    except LockHeld:
        raise AlreadyOpen(Path(work.original or work.folder)) from None
    lock: FileLock | None = None
    try:
        info = session.read_info()
        if info is None:
            raise Damaged(work.folder, "the recovery information is missing")
        if info.original:
            lock = _lock_path(Path(info.original))
        validate_file(session.working_copy)
        db = ProjectDatabase(session.working_copy, clock)
    except BaseException:
        session.lock.release()
        if lock is not None:
            lock.release()
        raise
    return OpenProject(session=session, db=db, info=info, path_lock=lock)


def discard(work: RecoverableWork) -> None:
    session = SessionFolder(work.folder)
    if not session.in_use():
        session.remove()


class ReadOnlySnapshot:
    """A validated private copy of a file, for reading without opening it for editing.

    Used by `aims-desktop check` and `report`: no lock is taken (the file may be open in the
    GUI), and the user's file is only ever read.
    """

    def __init__(self, path: Path, clock: Clock = utc_now) -> None:
        self.path = Path(os.path.abspath(path))
        self.clock = clock
        self._folder: Path | None = None
        self.db: ProjectDatabase | None = None
        self.revision = 0
        self.legacy: dict[str, str] = {}
        """Values of an older format that migration moved (see services.fingerprint)."""

    def __enter__(self) -> ProjectDatabase:
        read_header(self.path)
        self._folder = data_dir() / "snapshots" / uuid.uuid4().hex
        self._folder.mkdir(parents=True)
        copy = self._folder / "snapshot.aims"
        try:
            try:
                _copy_with_hash(self.path, copy)
            except OSError as exc:
                raise FileUnreadable(self.path, exc.strerror or str(exc)) from None
            self.revision = _validate_copy(copy, self.path, self.legacy)
            self.db = ProjectDatabase(copy, self.clock)
        except BaseException:
            self._cleanup()
            raise
        return self.db

    def _cleanup(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __exit__(self, *_exc: object) -> None:
        self._cleanup()
