"""The hash chain over the change log: a good file verifies; a value edited, an entry removed
off the end, or an entry without a hash, made by another program, is named by `check`."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aims_desktop.cli import HISTORY_ALTERED, main
from aims_desktop.services import assessments, history, organisation, reports
from aims_desktop.services.project import (
    close_project,
    inspect_file,
    new_project,
    open_project,
    save_project,
)
from aims_desktop.store.validation import validate_file
from tests.reports.conftest import read_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _clock() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _saved_twice(tmp_path: Path) -> Path:
    session = new_project("Acme Ltd", user="Jana", clock=_clock)
    assessments.update_assessment(session, "7.2", notes="Training plan for 2027.")
    target = save_project(session, tmp_path / "acme.aims")
    assessments.update_assessment(session, "7.3", notes="Awareness sessions each quarter.")
    organisation.update_organisation(session, scope="All AI systems at head office.")
    save_project(session)
    close_project(session)
    return target


def test_a_saved_file_verifies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _saved_twice(tmp_path)
    summary = inspect_file(target)
    assert summary.history is not None
    assert summary.history.intact, summary.history.summary()
    assert summary.history.sealed == summary.history.entries > 0
    assert len(summary.history.head) == 64
    assert main(["check", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"History head:  {summary.history.head}" in out
    assert "the hash chain is intact" in out


def test_editing_one_value_with_sqlite3_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _saved_twice(tmp_path)
    before = inspect_file(target)
    with sqlite3.connect(target) as conn:
        (seq,) = conn.execute(
            "SELECT seq FROM change_log WHERE new = 'Awareness sessions each quarter.'"
        ).fetchone()
        conn.execute("UPDATE change_log SET new = 'Awareness sessions once.' WHERE seq = ?", (seq,))
    conn.close()
    validate_file(target)  # still a valid file: it opens
    summary = inspect_file(target)
    assert summary.fingerprint == before.fingerprint  # the content did not change
    assert summary.history is not None and not summary.history.intact
    (altered,) = summary.history.altered
    assert altered.seq == seq and altered.revision == 2
    assert altered.problem == "value changed"
    assert main(["check", str(target)]) == HISTORY_ALTERED
    out = capsys.readouterr().out
    assert "HISTORY ALTERED OUTSIDE AIMS DESKTOP" in out
    assert "revision 2" in out and "by Jana" in out and "its recorded value was changed" in out
    # the file still opens, and says why it should not be trusted
    session = open_project(target, user="Priya")
    try:
        assert not session.history_check().intact
        assert session.assessment("7.3").notes == "Awareness sessions each quarter."
    finally:
        close_project(session)


def test_editing_an_entrys_author_breaks_the_chain(tmp_path: Path) -> None:
    target = _saved_twice(tmp_path)
    with sqlite3.connect(target) as conn:
        conn.execute("UPDATE change_log SET who = 'Someone else' WHERE seq = 1")
    conn.close()
    summary = inspect_file(target)
    assert summary.history is not None
    assert [a.problem for a in summary.history.altered] == ["chain broken"]
    assert summary.history.altered[0].position == 1


def test_entries_removed_off_the_end_are_noticed(tmp_path: Path) -> None:
    target = _saved_twice(tmp_path)
    with sqlite3.connect(target) as conn:
        conn.execute("DELETE FROM change_log WHERE revision = 2")
    conn.close()
    summary = inspect_file(target)
    assert summary.history is not None and not summary.history.intact
    assert summary.history.altered[0].problem == "end removed"
    assert "were removed" in summary.history.summary()


def test_an_entry_put_in_by_another_program_has_no_hash(tmp_path: Path) -> None:
    target = _saved_twice(tmp_path)
    with sqlite3.connect(target) as conn:
        conn.execute(
            "INSERT INTO change_log (id, seq, revision, at, who, entity, entity_id, field, "
            "subject, old, new) SELECT id || 'x', seq + 1000, revision, at, who, entity, "
            "entity_id, field, subject, old, new FROM change_log WHERE seq = 1"
        )
    conn.close()
    summary = inspect_file(target)
    assert summary.history is not None
    assert [a.problem for a in summary.history.altered] == ["no hash"]


def test_a_removal_from_history_keeps_the_chain(tmp_path: Path) -> None:
    secret = "hunter2-very-secret"
    session = new_project("Acme Ltd", user="Jana", clock=_clock)
    assessments.update_assessment(session, "7.5.3", notes=f"Login: {secret}")
    target = save_project(session, tmp_path / "acme.aims")
    assessments.update_assessment(session, "7.5.3", notes="On the share drive.")
    save_project(session)
    history.remove_from_history(session, secret, "a password pasted by mistake")
    save_project(session)
    close_project(session)
    summary = inspect_file(target)
    assert summary.history is not None
    assert summary.history.intact, summary.history.summary()
    assert summary.history.removed_values >= 1


def test_a_revision_1_file_is_chained_when_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "revision-1.aims"
    shutil.copyfile(FIXTURES / path.name, path)
    session = open_project(path, user="Priya")
    try:
        found = session.history_check()
        assert found.intact, found.summary()
        assert found.upgraded_entries == found.sealed > 0
        assert "file format 1" in found.summary()
        assessments.update_assessment(session, "7.2", notes="After the upgrade.")
        save_project(session)
    finally:
        close_project(session)
    summary = inspect_file(path)
    assert summary.history is not None and summary.history.intact
    assert summary.history.sealed == summary.history.entries


def test_reports_print_the_head_next_to_the_fingerprint(tmp_path: Path) -> None:
    target = _saved_twice(tmp_path)
    output = reports.write_report(target, "gap", tmp_path / "gap.pdf")
    cover = read_pdf(output).page_text(0)
    summary = inspect_file(target)
    assert summary.history is not None
    assert summary.fingerprint in cover
    assert summary.history.head in cover
    assert "HISTORY CHAIN HEAD" in cover.upper()
