"""Heavy and odd input: a text limit with a message, the change log counted without loading it,
and a full disk under the working copy that the session survives."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.text_limits import MAX_TEXT_LENGTH
from aims_desktop.services import assessments, evidence, organisation
from aims_desktop.services.project import (
    close_project,
    inspect_file,
    new_project,
    open_project,
    save_project,
)
from aims_desktop.store.errors import WorkingCopyProblem
from aims_desktop.store.repository import ProjectDatabase


def test_one_field_holds_at_most_a_megabyte_of_text(tmp_path: Path) -> None:
    session = new_project("Acme Ltd")
    too_long = "x" * (MAX_TEXT_LENGTH + 1)
    with pytest.raises(RuleViolation) as caught:
        assessments.update_assessment(session, "4.1", notes=too_long)
    message = str(caught.value)
    assert "the notes of 4.1" in message and "1,000,001 characters" in message
    assert "at most 1,000,000" in message and "document register" in message
    with pytest.raises(RuleViolation):
        organisation.update_organisation(session, scope=too_long)
    source = tmp_path / "a.txt"
    source.write_text("a")
    with pytest.raises(RuleViolation):
        evidence.attach_evidence(session, "7.2", source, note=too_long)
    with pytest.raises(RuleViolation):
        new_project("Acme Ltd", scope=too_long)
    longest = "é" * MAX_TEXT_LENGTH  # the limit counts characters, not bytes
    assessments.update_assessment(session, "4.1", notes=longest)
    target = save_project(session, tmp_path / "acme.aims")
    close_project(session)
    reopened = open_project(target)
    assert reopened.assessment("4.1").notes == longest
    close_project(reopened)


def test_check_counts_the_change_log_without_reading_it(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the whole change log was read")

    monkeypatch.setattr(ProjectDatabase, "change_log", refuse)
    summary = inspect_file(demo_file)
    assert summary.change_log_entries > 50


def _make_full(session: object) -> None:
    """Let the working copy grow no further: SQLite then fails exactly as on a full disk."""
    raw = session.db.raw_connection()  # type: ignore[attr-defined]
    (pages,) = raw.execute("PRAGMA page_count").fetchone()
    raw.execute(f"PRAGMA max_page_count={pages}")


def test_a_full_working_copy_is_a_message_and_the_session_goes_on(demo_file: Path) -> None:
    session = open_project(demo_file)
    before = session.assessment("9.1").notes
    _make_full(session)
    with pytest.raises(WorkingCopyProblem) as caught:
        assessments.update_assessment(session, "9.1", notes="y" * 200_000)
    message = str(caught.value)
    assert "disk" in message and "full" in message and "Free some space" in message
    assert session.assessment("9.1").notes == before  # nothing half-done
    assert session.readiness().overall.total > 0  # the session is alive
    session.db.raw_connection().execute("PRAGMA max_page_count=1073741823")  # space returns
    assessments.update_assessment(session, "9.1", notes="y" * 200_000)
    save_project(session)
    close_project(session)
    reopened = open_project(demo_file)
    assert reopened.assessment("9.1").notes == "y" * 200_000
    close_project(reopened)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system (tmpfs; needs root), removed afterwards."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root on Linux")
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_really_full_disk_under_the_working_copy(
    small_disk: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIMS_DESKTOP_DATA_DIR", str(small_disk / "data"))
    session = open_project(demo_file)
    filler = small_disk / "filler"
    # take every free block (unbuffered: nothing is left to flush when the file closes)
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    with pytest.raises(WorkingCopyProblem) as caught:
        for n in range(50):  # until the pages SQLite had spare are used up too
            assessments.update_assessment(session, "9.1", notes=f"{n} " + "z" * 50_000)
    assert caught.value.full, str(caught.value)
    assert session.readiness().overall.total > 0
    filler.unlink()
    assessments.update_assessment(session, "9.1", notes="after the space came back")
    save_project(session)
    close_project(session)
    reopened = open_project(demo_file)
    assert reopened.assessment("9.1").notes == "after the space came back"
    close_project(reopened)


def test_a_report_of_a_megabyte_note_prints_a_page_of_it_and_says_so(tmp_path: Path) -> None:
    """Laying out a megabyte in a table cell took hours: the report prints the first page of
    such a text and says how much more is in the project file."""
    from pypdf import PdfReader

    from aims_desktop.domain.status import Status
    from aims_desktop.services import reports

    big = "Lorem ipsum dolor sit amet. " * 35_714
    session = new_project("Big Notes Ltd")
    organisation.update_organisation(session, scope=big)
    assessments.update_assessment(session, "4.1", status=Status.NOT_MET, notes=big)
    snapshot = reports.snapshot(session)
    close_project(session)
    output = reports.build_report(snapshot, "gap", tmp_path / "gap.pdf", deterministic=True)
    text = " ".join(page.extract_text() for page in PdfReader(output).pages)
    assert "more characters are in the project file" in " ".join(text.split())
    assert len(PdfReader(output).pages) < 60
