"""Open, create, save, close and recover .aims project files.

Open never writes the user's file: it is copied into a private session folder and the copy is
validated, so what was checked is exactly what is used. Edits commit to that working copy.

Save, in this order:

1. resolve the target through symbolic links (a link is saved through, never replaced);
2. take an OS lock on a side file next to the target, so every AIMS Desktop saving the same
   file (another user, another computer on a shared folder) is serialised; clear the leftovers
   of interrupted saves;
3. refuse a read-only target (offering Save As), and compare the target with what we last read
   or wrote there, so nobody's work is overwritten silently;
4. write a fresh compact copy next to the target (VACUUM INTO, or a copy of only the files
   records still name when some were deleted: a deleted file never reaches a side file), label it as
   the new revision, give it the target's permissions, fsync it;
5. note the save in session.json, atomically replace the target, fsync the folder;
6. only then count the working copy as saved. A crash before that leaves the work counted as
   unsaved: the next start finds it, checks whether the new file had already landed, and either
   marks the work saved or offers it for recovery.

A crash at any moment leaves either the old or the new file, whole, and never loses an edit.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import json
import os
import socket
import sqlite3
import stat
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from aims_desktop.domain.history import HistoryCheck
from aims_desktop.store import lineage
from aims_desktop.store.errors import (
    AlreadyOpen,
    Damaged,
    EvidenceNotAFile,
    FileChangedOnDisk,
    FileMissing,
    FileUnreadable,
    ProjectFileError,
    ReadOnlyFile,
    SaveFailed,
    SaveInProgress,
    WorkingCopyProblem,
)
from aims_desktop.store.locking import FileLock, LockHeld, SideFileLock
from aims_desktop.store.migrations import migrate
from aims_desktop.store.repository import Clock, ProjectDatabase, stamp, stamp_saved_file, utc_now
from aims_desktop.store.schema import (
    APPLICATION_ID,
    SCHEMA_REVISION,
    SCHEMA_SQL,
    referenced_files_sql,
    schema_text,
)
from aims_desktop.store.side_files import (
    lock_file,
    remove_side_files,
    side_files,
    temporary_file,
)
from aims_desktop.store.validation import (
    connect_read_only,
    read_header,
    validate_file,
    validate_structure,
)
from aims_desktop.store.workspace import (
    DiskFingerprint,
    SessionFolder,
    SessionInfo,
    all_sessions,
    data_dir,
    private_folder,
    same_file,
)

CHUNK = 1 << 20

LOCK_WAIT_SECONDS = 5.0
"""How long a save waits for another saver of the same file before saying who is saving."""

TRUST_STAT_SECONDS = 2.0
"""A target whose size and time stamps are unchanged is trusted without hashing it only if its
content was checked this recently; a program can keep the size and reset the time stamp."""

HAS_CHANGE_TIME = os.name != "nt"
"""POSIX keeps an inode change time that no ordinary program can reset; Windows does not."""


def _normal(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _path_lock(path: Path) -> FileLock:
    """A lock per project path, so a second window or process opening the same file is told."""
    folder = private_folder(data_dir() / "locks")
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


def sha256_of_handle(handle: BinaryIO) -> tuple[str, int]:
    """SHA-256 and length of an open file, read from its start."""
    handle.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def open_regular(path: Path) -> BinaryIO:
    """Open a file the user chose as evidence, refusing anything but an ordinary file.

    A folder, a device such as /dev/zero or /dev/urandom, a pipe or a socket is refused at once:
    it is checked before opening, and opened without blocking (a pipe with no writer would
    otherwise wait for ever), then checked again on the open handle in case it was swapped."""
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise FileMissing(path) from None
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(before.st_mode):
        raise EvidenceNotAFile(path, folder=True)
    if not stat.S_ISREG(before.st_mode):
        raise EvidenceNotAFile(path, folder=False)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise EvidenceNotAFile(path, folder=False)
    return os.fdopen(fd, "rb")


def _copy_with_hash(source: Path, target: Path) -> DiskFingerprint:
    """Copy `source` to `target`, hashing on the way, with stat taken before reading."""
    before = source.stat()
    digest = hashlib.sha256()
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    return DiskFingerprint.of(before, digest.hexdigest())


class BackgroundDigest:
    """SHA-256 of a file we have just saved, computed in a thread so Save returns sooner.

    The handle is opened before the temporary file replaces the target, so the digest is of our
    bytes even if someone replaces the target a moment later. Only needed if the target's size
    and time stamps look unchanged but were last checked long ago; the first such check waits.
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
    """True if `path` no longer holds the bytes we last read or wrote there.

    A different size is a change. The same size and time stamps (and, where the system keeps
    them, the same change time and inode) count as unchanged only if the content was checked
    within TRUST_STAT_SECONDS; otherwise, and whenever a time stamp moved, the content's
    SHA-256 decides, so a touched but identical file is no conflict and a rewritten file with a
    reset time stamp is one."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return False  # gone: saving recreates it, which overwrites nobody's work
    if now.st_size != fingerprint.size:
        return True
    same_stamps = now.st_mtime_ns == fingerprint.mtime_ns
    if HAS_CHANGE_TIME and fingerprint.ctime_ns:
        same_stamps = same_stamps and (now.st_ctime_ns, now.st_ino) == (
            fingerprint.ctime_ns,
            fingerprint.inode,
        )
    if same_stamps and time.time() - fingerprint.checked_at < TRUST_STAT_SECONDS:
        return False
    return not fingerprint.sha256 or sha256_of(path) != fingerprint.sha256


@dataclass
class OpenProject:
    """A project being edited: its working copy, its session folder and the file it belongs to."""

    session: SessionFolder
    db: ProjectDatabase
    info: SessionInfo
    path_lock: FileLock | None
    pending_digest: BackgroundDigest | None = None
    history: HistoryCheck | None = None
    """What checking the history's hash chain found when the file was opened (None for a
    project that was created, not opened)."""

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
        """Close and forget the working copy and the evidence copies opened from it; unsaved
        changes are gone (the caller asked)."""
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
    except OSError as exc:
        raise WorkingCopyProblem(data_dir(), full=False, detail=exc.strerror or str(exc)) from None
    return lock


def _new_session() -> SessionFolder:
    try:
        return SessionFolder.create()
    except OSError as exc:
        raise WorkingCopyProblem(
            data_dir(), full=exc.errno == errno.ENOSPC, detail=exc.strerror or str(exc)
        ) from None


def _saver_note(who: str) -> dict[str, object]:
    """Written into the side lock, for the message another saver sees."""
    try:
        login = getpass.getuser()
    except Exception:  # getpass raises various errors where no login name exists
        login = ""
    return {"user": who, "login": login, "host": socket.gethostname(), "pid": os.getpid()}


def tidy_beside(target: Path, who: str = "") -> None:
    """Remove what interrupted saves left next to `target`, unless someone is saving it now."""
    real = Path(os.path.realpath(target))
    if not side_files(real, include_lock=True):
        return  # nothing to clean: leave the folder alone
    lock = SideFileLock(lock_file(real), _saver_note(who))
    try:
        lock.acquire(wait=0)
    except LockHeld:
        return  # a save is in progress there: its files are not leftovers
    try:
        if lock.held:
            remove_side_files(real)
    finally:
        lock.release()


def create_project(
    *,
    org_name: str,
    who: str,
    catalog_version: str,
    app_version: str,
    clock: Clock = utc_now,
) -> OpenProject:
    """A new, not yet saved project in a fresh working copy."""
    session = _new_session()
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
        session = _new_session()
        try:
            fingerprint = _copy_with_hash(path, session.working_copy)
        except FileNotFoundError:
            raise FileMissing(path) from None
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise WorkingCopyProblem(data_dir(), full=True) from None
            raise FileUnreadable(path, exc.strerror or str(exc)) from None
        _validate_copy(session.working_copy, path)
        info = SessionInfo(
            original=str(path), fingerprint=fingerprint, opened_at=stamp(clock()), user=who
        )
        session.write_info(info)
        db = ProjectDatabase(session.working_copy, clock, shown_as=path)
        history = db.verify_history()  # a warning, never a refusal: the content may be needed
        tidy_beside(path, who)
    except BaseException:
        if session is not None:
            session.remove()
        lock.release()
        raise
    return OpenProject(session=session, db=db, info=info, path_lock=lock, history=history)


def canonical_schema(conn: sqlite3.Connection, revision: int) -> None:
    """Write our exact schema text into a validated private copy whose text differed only in
    ways that do not matter (case, quoting, spacing): from here on, what we hold and save is
    exactly what we write (and SQLite's VACUUM, for one, copies only CREATE statements it
    recognises by their spelling)."""
    ours = schema_text(revision)
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    different = [(ours[(k, n, t)], k, n) for k, n, t, sql in rows if ours.get((k, n, t)) != sql]
    if not different:
        return
    (version,) = conn.execute("PRAGMA schema_version").fetchone()
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("UPDATE sqlite_master SET sql = ? WHERE type = ? AND name = ?", different)
    conn.execute(f"PRAGMA schema_version={int(version) + 1}")
    conn.execute("COMMIT")
    conn.execute("PRAGMA writable_schema=OFF")


def _legacy_evidence(conn: sqlite3.Connection) -> str:
    """Format 1's evidence rows as JSON, read before migration turns them into documents: the
    content fingerprint of an unchanged format-1 file is computed from them."""
    rows = conn.execute(
        "SELECT item_id, title, file_name, sha256, note FROM evidence ORDER BY rowid"
    ).fetchall()
    keys = ("item_id", "title", "file_name", "sha256", "note")
    return json.dumps([dict(zip(keys, row, strict=True)) for row in rows], ensure_ascii=False)


def _migrate(
    copy: Path, revision: int | None, shown_as: Path, legacy: dict[str, str] | None = None
) -> None:
    """Bring a validated private copy to our exact schema text, then to the current revision.
    (`revision` None: the copy is already current; only its text is made canonical.)

    `legacy` receives the values of an older format that the content fingerprint of that format
    needs and the migration moves (services.fingerprint)."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        (current,) = conn.execute("PRAGMA user_version").fetchone()
        canonical_schema(conn, int(current))
        if revision is not None:
            if legacy is not None and revision < 2:
                (text,) = conn.execute("SELECT ai_systems FROM organisation").fetchone()
                legacy["ai_systems"] = str(text or "")
                legacy["evidence"] = _legacy_evidence(conn)
            migrate(conn, revision)
    except (sqlite3.Error, KeyError) as exc:
        raise Damaged(shown_as, f"it could not be upgraded: {exc}") from None
    finally:
        conn.close()


def _validate_copy(
    copy: Path,
    shown_as: Path,
    *,
    saved_file: bool = True,
    check_evidence: bool = True,
    legacy: dict[str, str] | None = None,
) -> int:
    """Validate a private copy, reporting problems under the user's file name: its structure,
    then (after migrating an older revision) its values. Returns the revision it had."""
    validated = validate_file(
        copy,
        shown_as,
        saved_file=saved_file,
        check_evidence=check_evidence,
        migrate=lambda path, revision: _migrate(path, revision, shown_as, legacy),
    )
    if validated.revision == SCHEMA_REVISION:
        _migrate(copy, None, shown_as)
    return validated.revision


def _target_read_only(path: Path, status: os.stat_result) -> bool:
    """Read-only as the user sees it: no write permission for anyone, a locked or immutable
    file, the Windows read-only attribute, or a file this user may not write."""
    if os.name == "nt":
        return bool(getattr(status, "st_file_attributes", 0) & stat.FILE_ATTRIBUTE_READONLY)
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    if getattr(status, "st_flags", 0) & (stat.UF_IMMUTABLE | stat.SF_IMMUTABLE):
        return True
    return not os.access(path, os.W_OK)


_WINDOWS_KEPT = 0x2 | 0x4 | 0x20 | 0x2000  # hidden, system, archive, not content indexed


def _give_permissions(status: os.stat_result | None, tmp: Path) -> None:
    """Make the new file look like the one it replaces: mode bits (a private 0600 file stays
    private), owner and group where allowed, and on Windows the file attributes."""
    if status is None:
        return
    with contextlib.suppress(OSError):
        os.chmod(tmp, stat.S_IMODE(status.st_mode))
    if hasattr(os, "chown"):
        try:
            os.chown(tmp, status.st_uid, status.st_gid)
        except OSError:
            with contextlib.suppress(OSError):
                os.chown(tmp, -1, status.st_gid)
        with contextlib.suppress(OSError):  # chown clears set-id bits: set the mode again
            os.chmod(tmp, stat.S_IMODE(status.st_mode))
    if os.name == "nt":
        attributes = getattr(status, "st_file_attributes", 0) & _WINDOWS_KEPT
        if attributes:
            import ctypes

            ctypes.windll.kernel32.SetFileAttributesW(str(tmp), attributes)  # type: ignore[attr-defined]


def _has_unlinked_files(raw: sqlite3.Connection) -> bool:
    found = raw.execute(
        f"SELECT 1 FROM evidence_blob WHERE sha256 NOT IN ({referenced_files_sql('main')}) LIMIT 1"
    ).fetchone()
    return found is not None


def _copy_linked_only(raw: sqlite3.Connection, tmp: Path) -> None:
    """Write the working copy to `tmp` without the stored files no record names any more (kept
    in the working copy so a deletion can be undone). VACUUM INTO cannot leave rows out, and
    deleting them afterwards would put them, for a moment, in a file next to the user's
    project."""
    (page_size,) = raw.execute("PRAGMA main.page_size").fetchone()
    out = sqlite3.connect(tmp, isolation_level=None)
    try:
        out.execute("PRAGMA journal_mode=OFF")
        out.execute(f"PRAGMA page_size={int(page_size)}")
        out.execute(f"PRAGMA application_id={APPLICATION_ID}")
        out.execute(f"PRAGMA user_version={SCHEMA_REVISION}")
        for statement in SCHEMA_SQL[SCHEMA_REVISION]:
            out.execute(statement)
    finally:
        out.close()
    tables = [
        row[0] for row in raw.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
    ]
    raw.execute("ATTACH DATABASE ? AS saving", (str(tmp),))
    try:
        raw.execute("PRAGMA saving.journal_mode=OFF")
        raw.execute("PRAGMA saving.synchronous=OFF")  # fsynced once, as a whole, afterwards
        raw.execute("BEGIN")
        for table in tables:
            query = f'INSERT INTO saving."{table}" SELECT * FROM main."{table}"'
            if table == "evidence_blob":
                query += f" WHERE sha256 IN ({referenced_files_sql('main')})"
            raw.execute(query)
        raw.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            raw.execute("ROLLBACK")
        raise
    finally:
        raw.execute("DETACH DATABASE saving")


def _write_new_file(project: OpenProject, tmp: Path, app_version: str) -> tuple[str, int, str]:
    """The file the target will become, written to `tmp` and flushed to disk. The working copy
    is changed only by merging its pending log (which leaves it just as unsaved)."""
    db = project.db
    db.coalesce_pending()
    project_id, revision, saved_at = db.next_save(app_version)
    raw = db.raw_connection()
    # The entries of this save join the hash chain, and the revision its lineage (both stay
    # in the working copy, harmlessly, if the save fails: the next save redoes them).
    lineage.record_save(raw, revision=revision, saved_at=saved_at, who=project.info.user)
    if _has_unlinked_files(raw):
        _copy_linked_only(raw, tmp)
    else:
        raw.execute("VACUUM INTO ?", (str(tmp),))
    stamp_saved_file(tmp, revision, saved_at, app_version)
    _fsync_file(tmp)
    return project_id, revision, saved_at


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def save_project(
    project: OpenProject,
    target: Path | None,
    *,
    app_version: str,
    force: bool = False,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> Path:
    """Write the project to `target` (default: where it came from) atomically and durably.

    Raises FileChangedOnDisk if someone else changed the file since we last read or wrote it
    (unless `force`), SaveInProgress if someone is saving it right now, ReadOnlyFile for a
    read-only target, SaveFailed when the new file cannot be written; the project stays open
    and unsaved in every case."""
    if target is None and project.path is None:
        raise SaveFailed(Path(os.path.abspath("")), "no file name was given")
    given = Path(os.path.abspath(target if target is not None else project.path or ""))
    real = Path(os.path.realpath(given))  # through a symbolic link: write the file it names
    same_target = project.path is not None and same_file(real, project.path)
    if not real.parent.is_dir():
        raise SaveFailed(given, f"the folder {given.parent} does not exist")
    new_lock = None if same_target else _lock_path(given)
    side_lock = SideFileLock(lock_file(real), _saver_note(project.info.user))
    tmp = temporary_file(real)
    pending: BackgroundDigest | None = None
    try:
        try:
            side_lock.acquire(wait=lock_wait)
        except LockHeld as held:
            raise SaveInProgress(given, str(held)) from None
        if side_lock.held:
            remove_side_files(real)
        existing = _stat_or_none(real)
        if existing is not None:
            if not stat.S_ISREG(existing.st_mode):
                raise SaveFailed(given, "it is not an ordinary file")
            if _target_read_only(real, existing):
                raise ReadOnlyFile(given)
            if same_target and not force:
                fingerprint = project.disk_fingerprint()
                if fingerprint is not None and changed_on_disk(real, fingerprint):
                    raise FileChangedOnDisk(given)
        try:
            project_id, revision, saved_at = _write_new_file(project, tmp, app_version)
            _give_permissions(existing, tmp)
            if os.name == "nt":  # an open file cannot be replaced on Windows: hash it now
                digest = sha256_of(tmp)
            else:
                digest, pending = "", BackgroundDigest(tmp.open("rb"))
            project.info.saving = {
                "target": str(real),
                "path": str(given),
                "project_id": project_id,
                "revision": revision,
                "saved_at": saved_at,
                "app_version": app_version,
            }
            project.session.write_info(project.info)
            os.replace(tmp, real)
            _fsync_dir(real.parent)
            status = real.stat()
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise SaveFailed(given, reason) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if project.info.saving is not None:
            project.info.saving = None
            with contextlib.suppress(OSError):
                project.session.write_info(project.info)
        if new_lock is not None:
            new_lock.release()
        raise
    finally:
        side_lock.release()
    # The new file is durably in place: only now does the working copy count as saved.
    if new_lock is not None:
        if project.path_lock is not None:
            project.path_lock.release()
        project.path_lock = new_lock
    project.info.original = str(given)
    project.info.fingerprint = DiskFingerprint.of(status, digest)
    project.pending_digest = pending
    project.session.write_info(project.info)
    project.db.mark_saved(revision, saved_at, app_version)
    project.info.saving = None
    project.session.write_info(project.info)
    return given


# -- recovery ------------------------------------------------------------------------------


def _landed(saving: dict[str, Any]) -> DiskFingerprint | None:
    """If the file of an interrupted save replaced its target, that target's fingerprint."""
    target = Path(str(saving.get("target", "")))
    try:
        before = target.stat()
        validate_structure(target)
        conn = connect_read_only(target)
        try:
            row = conn.execute("SELECT id, revision, saved_at FROM project").fetchone()
        finally:
            conn.close()
        digest = sha256_of(target)
    except (ProjectFileError, sqlite3.Error, OSError):
        return None
    if row is None:
        return None
    found = tuple(v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in row)
    if found != (saving.get("project_id"), saving.get("revision"), saving.get("saved_at")):
        return None
    return DiskFingerprint.of(before, digest)


def _roll_back_interrupted_write(copy: Path) -> None:
    """A process killed in the middle of a write leaves a hot journal beside the working copy,
    and the copy itself half-written. The checks below read the copy as an immutable file,
    which ignores the journal: let SQLite roll the unfinished write back first, as it would on
    any normal open. (The working copy is our own private file, validated when it was made.)"""
    journal = copy.with_name(copy.name + "-journal")
    if not journal.exists():
        return
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _settle_interrupted_save(session: SessionFolder, info: SessionInfo) -> None:
    """A session that died while saving: if the new file landed, the working copy is saved
    (mark it so); if not, its work is still unsaved and is offered for recovery."""
    saving = info.saving
    if not saving:
        return
    fingerprint = _landed(saving)
    if fingerprint is not None:
        db = ProjectDatabase(session.working_copy)
        try:
            db.mark_saved(
                int(saving["revision"]), str(saving["saved_at"]), str(saving["app_version"])
            )
        finally:
            db.close()
        info.original = str(saving.get("path") or saving["target"])
        info.fingerprint = fingerprint
    info.saving = None
    session.write_info(info)
    tidy_beside(Path(str(saving["target"])))


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
        shown = Path(info.original) if info.original else session.working_copy
        try:
            _roll_back_interrupted_write(session.working_copy)
            _settle_interrupted_save(session, info)
            validate_file(session.working_copy, shown, saved_file=False, check_evidence=False)
            db = ProjectDatabase(session.working_copy, shown_as=shown)
            try:
                unsaved = db.has_unsaved_changes()
                organisation = db.organisation().name
                entries = db.change_log(limit=1)
            finally:
                db.close()
        except (ProjectFileError, sqlite3.Error, OSError, KeyError, ValueError):
            session.remove()  # nothing readable to recover
            continue
        if info.original:
            tidy_beside(Path(info.original))
        if not unsaved:
            session.remove()
            continue
        session.empty_opened_folder()
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
        _roll_back_interrupted_write(session.working_copy)
        _settle_interrupted_save(session, info)
        shown = Path(info.original) if info.original else session.working_copy
        if info.original:
            lock = _lock_path(Path(info.original))
        validate_file(session.working_copy, shown, saved_file=False, check_evidence=False)
        db = ProjectDatabase(session.working_copy, clock, shown_as=shown)
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
    GUI), and the user's file is only ever read; nothing is written next to it.
    """

    def __init__(self, path: Path, clock: Clock = utc_now) -> None:
        self.path = Path(os.path.abspath(path))
        self.clock = clock
        self._session: SessionFolder | None = None
        self.db: ProjectDatabase | None = None
        self.revision = 0
        self.legacy: dict[str, str] = {}
        """Values of an older format that migration moved (see services.fingerprint)."""

    def __enter__(self) -> ProjectDatabase:
        read_header(self.path)
        self._session = _new_session()
        copy = self._session.working_copy
        try:
            try:
                _copy_with_hash(self.path, copy)
            except OSError as exc:
                raise FileUnreadable(self.path, exc.strerror or str(exc)) from None
            self.revision = _validate_copy(copy, self.path, legacy=self.legacy)
            self.db = ProjectDatabase(copy, self.clock, shown_as=self.path)
        except BaseException:
            self._cleanup()
            raise
        return self.db

    def _cleanup(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self._session is not None:
            self._session.remove()
            self._session = None

    def __exit__(self, *_exc: object) -> None:
        self._cleanup()
