"""The project file never loses, corrupts or leaks data while it travels."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from aims_desktop.domain.status import Status
from aims_desktop.services import assessments, evidence, organisation, registers
from aims_desktop.services.project import (
    close_project,
    discard_work,
    new_project,
    open_project,
    recover_work,
    recoverable_work,
    save_project,
)
from aims_desktop.store.errors import AlreadyOpen, FileChangedOnDisk, SaveFailed
from aims_desktop.store.workspace import all_sessions


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(path: Path) -> list[str]:
    return [
        p.name
        for p in path.parent.iterdir()
        if p.name != path.name and p.name.startswith((path.name, "." + path.name))
    ]


def test_opening_and_closing_leaves_the_file_byte_for_byte_unchanged(demo_file: Path) -> None:
    before, mtime = _digest(demo_file), demo_file.stat().st_mtime_ns
    session = open_project(demo_file)
    session.organisation()
    session.readiness()
    close_project(session)
    assert _digest(demo_file) == before
    assert demo_file.stat().st_mtime_ns == mtime
    assert _leftovers(demo_file) == []


def test_edits_go_to_the_working_copy_not_the_file(demo_file: Path) -> None:
    before = _digest(demo_file)
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", status=Status.MET)
    assert _digest(demo_file) == before
    assert session.has_unsaved_changes()
    close_project(session)
    assert _digest(demo_file) == before


def test_save_leaves_no_journal_wal_or_temporary_files(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", status=Status.MET)
    save_project(session)
    assert _leftovers(demo_file) == []
    conn = sqlite3.connect(f"file:{demo_file}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    close_project(session)
    reopened = open_project(demo_file)
    assert reopened.assessment("8.1").status is Status.MET
    assert reopened.revision == 2
    close_project(reopened)


def test_text_deleted_before_saving_is_not_in_the_saved_bytes(tmp_path: Path) -> None:
    secret = "SALARY-LIST-7f3a9c"
    session = new_project("Acme Ltd")
    assessments.update_assessment(session, "4.1", notes=f"Do not share: {secret}")
    organisation.update_organisation(session, scope=f"Scope draft {secret}")
    assessments.update_assessment(session, "4.1", notes="Context reviewed in March.")
    organisation.update_organisation(session, scope="All AI systems at head office.")
    target = save_project(session, tmp_path / "acme.aims")
    close_project(session)
    data = target.read_bytes()
    assert secret.encode() not in data
    assert b"Context reviewed in March." in data


def test_a_deleted_document_leaves_no_trace_after_save(tmp_path: Path) -> None:
    marker = b"CONFIDENTIAL-PAYROLL-EXTRACT-" + os.urandom(8).hex().encode()
    attachment = tmp_path / "payroll.csv"
    attachment.write_bytes(marker * 50)
    session = new_project("Acme Ltd")
    change = evidence.attach_evidence(session, "7.2", attachment)
    target = save_project(session, tmp_path / "acme.aims")
    assert marker in target.read_bytes()
    registers.delete(session, "document", change.changes[0].entity_id)  # its file goes too
    save_project(session)
    assert marker not in target.read_bytes()
    close_project(session)


def test_save_refuses_to_overwrite_a_file_changed_on_disk(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "8.1", notes="mine")
    with demo_file.open("r+b") as other:  # a colleague's sync tool rewrites the file
        other.seek(0, os.SEEK_END)
        other.write(b"\0" * 4096)
    theirs = _digest(demo_file)
    with pytest.raises(FileChangedOnDisk) as caught:
        save_project(session)
    assert "changed on disk" in str(caught.value)
    assert _digest(demo_file) == theirs
    save_project(session, force=True)
    assert _digest(demo_file) != theirs
    close_project(session)


def test_a_touched_but_unchanged_file_is_not_a_conflict(demo_file: Path) -> None:
    session = open_project(demo_file)
    os.utime(demo_file, ns=(1, 1))
    assessments.update_assessment(session, "8.1", notes="mine")
    save_project(session)
    close_project(session)


def test_a_second_open_of_the_same_file_is_told(demo_file: Path) -> None:
    first = open_project(demo_file)
    with pytest.raises(AlreadyOpen) as caught:
        open_project(demo_file)
    assert "already open" in str(caught.value)
    close_project(first)
    open_project(demo_file).project.close()


def test_save_as_moves_the_lock_to_the_new_file(demo_file: Path, tmp_path: Path) -> None:
    session = open_project(demo_file)
    copy = save_project(session, tmp_path / "copy.aims")
    open_project(demo_file).project.close()  # the old path is free again
    with pytest.raises(AlreadyOpen):
        open_project(copy)
    close_project(session)


def test_save_to_an_unwritable_place_keeps_the_work(tmp_path: Path) -> None:
    session = new_project("Acme Ltd")
    assessments.update_assessment(session, "4.1", notes="keep me")
    with pytest.raises(SaveFailed) as caught:
        save_project(session, tmp_path / "no-such-folder" / "acme.aims")
    assert "the folder" in str(caught.value) and "does not exist" in str(caught.value)
    assert "Nothing was overwritten" in str(caught.value)
    assert session.has_unsaved_changes()
    assert session.assessment("4.1").notes == "keep me"
    saved = save_project(session, tmp_path / "acme.aims")
    assert saved.exists() and not session.has_unsaved_changes()
    close_project(session)


def test_work_left_by_a_crash_can_be_recovered(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "9.1", notes="typed before the crash")
    # Simulate the process dying: the OS releases its locks, nothing is cleaned up.
    session.db.close()
    session.project.session.lock.release()
    assert session.project.path_lock is not None
    session.project.path_lock.release()

    found = recoverable_work()
    assert [w.original for w in found] == [str(demo_file)]
    assert found[0].organisation == "Kestrel Freight Solutions Ltd"
    recovered = recover_work(found[0])
    assert recovered.assessment("9.1").notes == "typed before the crash"
    assert recovered.path == demo_file
    save_project(recovered)
    close_project(recovered)
    assert recoverable_work() == []
    reopened = open_project(demo_file)
    assert reopened.assessment("9.1").notes == "typed before the crash"
    close_project(reopened)


def test_crashed_sessions_without_unsaved_work_are_cleaned_up(demo_file: Path) -> None:
    session = open_project(demo_file)
    session.db.close()
    session.project.session.lock.release()
    assert recoverable_work() == []
    assert all_sessions() == []


def test_discarding_recovered_work_removes_it(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "9.1", notes="not wanted")
    session.db.close()
    session.project.session.lock.release()
    assert session.project.path_lock is not None
    session.project.path_lock.release()
    (work,) = recoverable_work()
    discard_work(work)
    assert recoverable_work() == []


def test_a_live_session_is_not_offered_for_recovery(demo_file: Path) -> None:
    session = open_project(demo_file)
    assessments.update_assessment(session, "9.1", notes="still editing")
    assert recoverable_work() == []
    close_project(session)
