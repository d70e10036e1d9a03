"""Remove from history: a value that should never have been stored leaves the change log, the
working copy and the saved file; what stays says who removed it, when, why, and its SHA-256."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.services import assessments, history, organisation
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.store.validation import validate_file

SECRET = "hunter2-PASSWORD-7f3a"


def _clock() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _project_with_a_pasted_password(tmp_path: Path) -> Path:
    session = new_project("Acme Ltd", user="Jana", clock=_clock)
    assessments.update_assessment(session, "7.5.3", notes=f"Share drive login: {SECRET}")
    target = save_project(session, tmp_path / "acme.aims")
    assessments.update_assessment(session, "7.5.3", notes="Documents are on the share drive.")
    organisation.update_organisation(session, scope=f"draft {SECRET} draft")
    organisation.update_organisation(session, scope="All AI systems at head office.")
    save_project(session)
    close_project(session)
    assert SECRET.encode() in target.read_bytes()  # the history keeps the old value
    return target


def test_removing_a_value_from_history_leaves_a_verifiable_note(tmp_path: Path) -> None:
    target = _project_with_a_pasted_password(tmp_path)
    session = open_project(target, user="Priya")
    holding = history.entries_containing(session, SECRET)
    assert holding, "the saved history holds the password"
    result = history.remove_from_history(session, SECRET, "a password pasted by mistake")
    assert result.entries == len(holding)
    assert result.digest == hashlib.sha256(SECRET.encode()).hexdigest()
    assert history.entries_containing(session, SECRET) == []
    log = session.change_log()
    notes = [e for e in log if result.digest in (e.old or "") + (e.new or "")]
    assert len(notes) >= len(holding)
    for entry in notes[1:]:
        assert "removed from the history by Priya" in (entry.old or "") + (entry.new or "")
    (removal,) = [e for e in log if e.entity == "change_log"]
    assert removal.who == "Priya" and removal.field == "removed"
    assert "a password pasted by mistake" in (removal.new or "")
    assert result.digest in (removal.new or "")
    # The rest of each entry is kept: only the text itself is replaced.
    assert any("Share drive login: [removed from the history" in (e.old or "") for e in log)

    working_copy = session.db.path
    assert SECRET.encode() not in working_copy.read_bytes()  # not even in free pages
    assert session.has_unsaved_changes()
    save_project(session)
    close_project(session)
    data = target.read_bytes()
    assert SECRET.encode() not in data
    assert result.digest.encode() in data
    validate_file(target)
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_text_still_in_the_project_must_be_removed_there_first(tmp_path: Path) -> None:
    session = new_project("Acme Ltd")
    assessments.update_assessment(session, "4.1", notes=f"login {SECRET}")
    with pytest.raises(RuleViolation) as caught:
        history.remove_from_history(session, SECRET, "password")
    assert "still in the notes of 4.1" in str(caught.value)
    close_project(session)


@pytest.mark.parametrize(
    ("value", "reason", "phrase"),
    [
        ("", "why", "Enter the text"),
        ("ab", "why", "at least three characters"),
        (SECRET, "  ", "Say why"),
        (SECRET, f"it was {SECRET}", "must not contain"),
        ("never typed anywhere", "why", "No history entry"),
    ],
)
def test_a_removal_is_refused_with_a_reason(value: str, reason: str, phrase: str) -> None:
    session = new_project("Acme Ltd")
    assessments.update_assessment(session, "4.1", notes=f"x {SECRET}")
    assessments.update_assessment(session, "4.1", notes="clean")
    before = session.change_log()
    with pytest.raises(RuleViolation) as caught:
        history.remove_from_history(session, value, reason)
    assert phrase in str(caught.value)
    assert session.change_log() == before
    close_project(session)
