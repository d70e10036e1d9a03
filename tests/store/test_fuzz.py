"""`check` on a few hundred mutated files: never a traceback, never a change to the file, and
every file it accepts can be opened, edited and saved."""

from __future__ import annotations

import contextlib
import hashlib
import io
import traceback
from pathlib import Path

import pytest

from aims_desktop.cli import HISTORY_ALTERED, main
from aims_desktop.domain.status import Status
from aims_desktop.services import assessments, evidence, organisation, registers
from aims_desktop.services.project import close_project, open_project, save_project
from aims_desktop.store.validation import validate_file
from tests.support.mutants import make_mutant

MUTANTS = 300


def _edit_and_save(path: Path, folder: Path, attachment: Path) -> None:
    """Everything a user does with a file that opened: every kind of edit, then Save and
    Save As, then open the result again."""
    session = open_project(path)
    try:
        assessments.update_assessment(session, "4.1", status=Status.MET, notes="fuzz <b>x</b>")
        assessments.update_assessment(
            session, "A.10.4", status=Status.NOT_APPLICABLE, justification="We sell no AI."
        )
        assessments.set_answer(session, "6.1.2", "q1", None)
        organisation.update_organisation(session, scope="After the fuzz.")
        for record in registers.records(session, "document")[:1]:
            registers.delete(session, "document", record.id)
        evidence.attach_evidence(session, "7.2", attachment)
        session.change_log(limit=20)
        save_project(session)
        copy = save_project(session, folder / f"{path.stem}-saved.aims")
    finally:
        close_project(session)
    validate_file(copy)
    reopened = open_project(copy)
    assert reopened.assessment("4.1").notes == "fuzz <b>x</b>"
    close_project(reopened)


@pytest.mark.slow
def test_check_never_tracebacks_and_accepted_files_can_be_edited_and_saved(
    demo_file: Path, tmp_path: Path
) -> None:
    attachment = tmp_path / "minutes.txt"
    attachment.write_text("Minutes of the management review.", encoding="utf-8")
    failures: list[str] = []
    accepted = 0
    for number in range(MUTANTS):
        folder = tmp_path / f"m{number}"
        folder.mkdir()
        path, what = make_mutant(demo_file, folder, number)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["check", str(path)])
        except BaseException:
            failures.append(f"mutant {number} ({what}): check raised\n{traceback.format_exc()}")
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != before:
            failures.append(f"mutant {number} ({what}): check changed the file")
        if "Traceback" in out.getvalue() + err.getvalue():
            failures.append(f"mutant {number} ({what}): a traceback was printed")
        if code not in (0, HISTORY_ALTERED):  # an altered history still opens
            assert err.getvalue().startswith("aims-desktop: "), (number, what, err.getvalue())
            continue
        accepted += 1
        try:
            _edit_and_save(path, folder, attachment)
        except BaseException:
            failures.append(
                f"mutant {number} ({what}): accepted but not editable\n{traceback.format_exc()}"
            )
    summary = "\n".join(f.splitlines()[0] + " | " + f.splitlines()[-1] for f in failures)
    assert not failures, summary + "\n\n" + "\n\n".join(failures[:3])
    print(f"{accepted} of {MUTANTS} mutants accepted, each then edited and saved")
    assert 10 < accepted < MUTANTS - 50, f"{accepted} of {MUTANTS} mutants accepted"
