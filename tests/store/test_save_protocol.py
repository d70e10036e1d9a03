"""Save keeps its promises: nothing overwritten silently, nothing left beside the file, nothing
lost between writing the new file and replacing the old one."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from aims_desktop.domain.status import Status
from aims_desktop.services import assessments, evidence, registers
from aims_desktop.services.project import (
    close_project,
    new_project,
    open_project,
    recoverable_work,
    save_project,
)
from aims_desktop.store import projectfile
from aims_desktop.store.errors import (
    FileChangedOnDisk,
    ReadOnlyFile,
    SaveFailed,
    SaveInProgress,
)
from aims_desktop.store.locking import SideFileLock
from aims_desktop.store.side_files import NAME_MAX, lock_file, side_files, temporary_file
from aims_desktop.store.validation import validate_file


def _beside(path: Path) -> list[str]:
    """Everything in the folder except the file itself."""
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


# -- unsaved until the replace is durable ---------------------------------------------------


def test_a_failed_replace_leaves_the_work_counted_as_unsaved(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_file.read_bytes()
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="must not be lost")
    revision = session.revision

    real_replace = os.replace

    def refuse(source: str | Path, destination: str | Path) -> None:
        if str(source).endswith(".saving"):
            raise PermissionError(13, "Access is denied")
        real_replace(source, destination)

    monkeypatch.setattr(projectfile.os, "replace", refuse)
    with pytest.raises(SaveFailed):
        save_project(session)
    assert session.has_unsaved_changes()
    assert session.revision == revision
    assert session.project.info.saving is None
    assert demo_file.read_bytes() == before
    assert _beside(demo_file) == []
    monkeypatch.undo()
    save_project(session)
    assert not session.has_unsaved_changes() and session.revision == revision + 1
    close_project(session)


def test_the_working_copy_is_marked_saved_only_after_the_replace(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the new file replaces the old one, the working copy still says "unsaved"."""
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="edit")
    seen: list[tuple[bool, bool]] = []
    real_replace = os.replace

    def watching(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".saving"):
            seen.append((session.has_unsaved_changes(), session.project.info.saving is not None))
        real_replace(source, target)

    monkeypatch.setattr(projectfile.os, "replace", watching)
    save_project(session)
    assert seen == [(True, True)]
    assert not session.has_unsaved_changes()
    close_project(session)


def test_a_deleted_documents_file_never_reaches_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = b"PAYROLL-" + os.urandom(16).hex().encode()
    source = tmp_path / "payroll.csv"
    source.write_bytes(marker * 100)
    session = new_project("Acme Ltd")
    attached = evidence.attach_evidence(session, "7.2", source)
    target = save_project(session, tmp_path / "acme.aims")
    registers.delete(session, "document", attached.changes[0].entity_id)
    temporaries: list[bytes] = []
    real_replace = os.replace

    def inspect(source: str | Path, destination: str | Path) -> None:
        if str(source).endswith(".saving"):
            temporaries.append(Path(source).read_bytes())
        real_replace(source, destination)

    monkeypatch.setattr(projectfile.os, "replace", inspect)
    save_project(session)
    assert len(temporaries) == 1 and marker not in temporaries[0]
    assert marker not in target.read_bytes()
    validate_file(target)
    close_project(session)


# -- two savers, and a file changed by someone else ------------------------------------------


def test_a_save_while_someone_else_saves_is_refused_naming_them(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="mine")
    before = demo_file.read_bytes()
    other = SideFileLock(
        lock_file(demo_file), {"user": "Priya Shah", "login": "priya", "host": "LAPTOP-7"}
    )
    other.acquire(wait=0)
    try:
        with pytest.raises(SaveInProgress) as caught:
            projectfile.save_project(session.project, None, app_version="x", lock_wait=0.2)
    finally:
        other.release()
    message = str(caught.value)
    assert "Priya Shah (priya) on LAPTOP-7" in message and "Save As" in message
    assert demo_file.read_bytes() == before
    assert session.has_unsaved_changes()
    save_project(session)  # free again
    assert _beside(demo_file) == []
    close_project(session)


def test_a_rewrite_that_keeps_the_size_and_resets_the_time_is_noticed(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="mine")
    status = demo_file.stat()
    data = bytearray(demo_file.read_bytes())
    data[-100] ^= 0xFF  # someone else's program changes one byte in place ...
    demo_file.write_bytes(bytes(data))
    os.utime(demo_file, ns=(status.st_atime_ns, status.st_mtime_ns))  # ... and hides it
    assert demo_file.stat().st_size == status.st_size
    assert demo_file.stat().st_mtime_ns == status.st_mtime_ns
    with pytest.raises(FileChangedOnDisk):
        save_project(session)
    close_project(session)


def test_without_a_change_time_an_old_check_compares_the_content(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system keeps no inode change time (Windows), size and time stamp are trusted
    only for a recent check; an older one is confirmed by hashing the file."""
    monkeypatch.setattr(projectfile, "HAS_CHANGE_TIME", False)
    session = open_project(demo_file)
    fingerprint = session.project.disk_fingerprint()
    assert fingerprint is not None
    status = demo_file.stat()
    data = bytearray(demo_file.read_bytes())
    data[-100] ^= 0xFF
    demo_file.write_bytes(bytes(data))
    os.utime(demo_file, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert not projectfile.changed_on_disk(demo_file, fingerprint)  # checked a moment ago
    fingerprint.checked_at -= 3600
    assert projectfile.changed_on_disk(demo_file, fingerprint)
    data[-100] ^= 0xFF  # the same bytes again, touched: not a conflict
    demo_file.write_bytes(bytes(data))
    assert not projectfile.changed_on_disk(demo_file, fingerprint)
    close_project(session)


# -- links, permissions, read-only -----------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")
def test_saving_through_a_symbolic_link_updates_the_file_it_names(
    demo_file: Path, tmp_path: Path
) -> None:
    real_folder = tmp_path / "shared"
    real_folder.mkdir()
    real = real_folder / "project.aims"
    shutil.move(demo_file, real)
    link = tmp_path / "link.aims"
    link.symlink_to(real)
    session = open_project(link)
    assessments.update_assessment(session, "8.1", status=Status.MET)
    save_project(session)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert session.path == link
    close_project(session)
    reopened = open_project(real)
    assert reopened.assessment("8.1").status is Status.MET
    close_project(reopened)
    assert _beside(real) == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "link.aims",
        "shared",
    ]


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_save_keeps_the_files_permissions(demo_file: Path) -> None:
    os.chmod(demo_file, 0o600)
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="private")
    save_project(session)
    assert stat.S_IMODE(demo_file.stat().st_mode) == 0o600
    os.chmod(demo_file, 0o640)
    assessments.update_assessment(session, "8.1", notes="shared with the group")
    save_project(session)
    assert stat.S_IMODE(demo_file.stat().st_mode) == 0o640
    close_project(session)


def test_a_read_only_file_is_not_replaced_and_save_as_is_offered(
    demo_file: Path, tmp_path: Path
) -> None:
    os.chmod(demo_file, 0o444)
    before = demo_file.read_bytes()
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="keep me")
    with pytest.raises(ReadOnlyFile) as caught:
        save_project(session)
    assert "read-only" in str(caught.value) and "Save As" in str(caught.value)
    assert demo_file.read_bytes() == before
    assert session.has_unsaved_changes()
    assert _beside(demo_file) == []
    elsewhere = save_project(session, tmp_path / "copy.aims")
    assert elsewhere.exists() and not session.has_unsaved_changes()
    close_project(session)
    os.chmod(demo_file, 0o644)


def test_a_folder_in_the_way_is_a_clear_failure(tmp_path: Path) -> None:
    (tmp_path / "acme.aims").mkdir()
    session = new_project("Acme Ltd")
    with pytest.raises(SaveFailed) as caught:
        save_project(session, tmp_path / "acme.aims")
    assert "not an ordinary file" in str(caught.value)
    close_project(session)


# -- side files ------------------------------------------------------------------------------


def _leave_leftovers(target: Path) -> list[Path]:
    """What interrupted saves of this and the previous version left behind."""
    leftovers = [
        target.parent / f".{target.name}.0badf00d.saving",
        target.parent / f".{target.name}.0badf00d.saving-journal",
        temporary_file(target),
        lock_file(target),
    ]
    for path in leftovers:
        path.write_bytes(b"deleted evidence " * 100)
    return leftovers


def test_leftovers_of_interrupted_saves_go_at_the_next_open(demo_file: Path) -> None:
    unrelated = demo_file.parent / ".other.aims.0badf00d.saving"
    unrelated.write_bytes(b"not ours to delete")
    _leave_leftovers(demo_file)
    assert len(side_files(demo_file, include_lock=True)) == 4
    session = open_project(demo_file)
    assert _beside(demo_file) == [unrelated.name]
    close_project(session)


def test_leftovers_go_at_the_next_save(tmp_path: Path) -> None:
    session = new_project("Acme Ltd")
    target = tmp_path / "acme.aims"
    _leave_leftovers(target)
    save_project(session, target)
    assert _beside(target) == []
    close_project(session)


def test_a_save_in_progress_elsewhere_keeps_its_files(demo_file: Path) -> None:
    """Opening while a colleague saves must not delete their temporary file."""
    theirs = temporary_file(demo_file)
    theirs.write_bytes(b"their save in progress")
    lock = SideFileLock(lock_file(demo_file), {"user": "colleague"})
    lock.acquire(wait=0)
    try:
        session = open_project(demo_file)
        assert theirs.exists()
        close_project(session)
    finally:
        lock.release()
        theirs.unlink()


@pytest.mark.parametrize("length", [200, 231, 240, 255])
def test_a_long_file_name_saves_and_its_side_files_fit(tmp_path: Path, length: int) -> None:
    stem = "é" * ((length - 5) // 2) + "x" * ((length - 5) % 2)  # multi-byte characters
    name = stem + ".aims"
    assert len(name.encode("utf-8")) == length
    target = tmp_path / name
    for side in (temporary_file(target), lock_file(target)):
        assert len(side.name.encode("utf-8")) <= NAME_MAX
    session = new_project("Acme Ltd")
    save_project(session, target)
    assessments.update_assessment(session, "8.1", notes="second save")
    save_project(session)
    close_project(session)
    reopened = open_project(target)
    assert reopened.assessment("8.1").notes == "second save"
    close_project(reopened)
    assert _beside(target) == []


def test_no_journal_is_ever_left_beside_the_file(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file is written without a rollback journal: a kill at any moment leaves
    no `-journal` (which would hold deleted content) next to the project."""
    seen: list[list[str]] = []
    real_replace = os.replace

    def look(source: str | Path, destination: str | Path) -> None:
        if str(source).endswith(".saving"):
            seen.append(_beside(demo_file))
        real_replace(source, destination)

    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="x")
    monkeypatch.setattr(projectfile.os, "replace", look)
    save_project(session)
    (names,) = seen
    assert not [n for n in names if n.endswith("-journal")]
    close_project(session)


def test_recovery_after_a_crash_between_writing_and_replacing(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash between the new file landing and the working copy hearing about it: the next
    start sees the file already holds the work and offers nothing (and loses nothing)."""
    session = open_project(demo_file)
    assessments.update_assessment(session, "9.1", notes="saved just before the crash")

    class Crash(BaseException):
        pass

    def crash(*_args: object, **_kwargs: object) -> None:
        raise Crash

    monkeypatch.setattr(projectfile.ProjectDatabase, "mark_saved", crash)
    with pytest.raises(Crash):
        save_project(session)
    monkeypatch.undo()
    assert session.project.info.saving is not None  # written before the replace
    project = session.project
    project.db.close()
    project.session.lock.release()
    assert project.path_lock is not None
    project.path_lock.release()
    assert recoverable_work() == []  # the file already holds the work
    reopened = open_project(demo_file)
    assert reopened.assessment("9.1").notes == "saved just before the crash"
    close_project(reopened)


def test_check_sees_the_saved_file_not_a_journal(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="x")
    save_project(session)
    close_project(session)
    conn = sqlite3.connect(f"file:{demo_file}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
