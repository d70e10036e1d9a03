"""A file from an email is untrusted: each kind of bad file is refused with its own message."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from aims_desktop.store.errors import ProjectFileError
from aims_desktop.store.schema import SCHEMA_REVISION
from aims_desktop.store.validation import validate_file
from tests.support.badfiles import BAD_KINDS, EXPECTED_ERROR, EXPECTED_PHRASE, make_bad_file


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_each_bad_file_kind_raises_its_own_error(
    kind: str, demo_file: Path, tmp_path: Path
) -> None:
    bad = make_bad_file(kind, demo_file, tmp_path)
    before = hashlib.sha256(bad.read_bytes()).hexdigest() if bad.exists() else None
    with pytest.raises(ProjectFileError) as caught:
        validate_file(bad)
    assert type(caught.value).__name__ == EXPECTED_ERROR[kind]
    assert EXPECTED_PHRASE[kind] in str(caught.value)
    assert bad.name in str(caught.value)
    if before is not None:  # validation is read-only, even for bad files
        assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    assert not Path(str(bad) + "-journal").exists()


def test_messages_differ_between_kinds(demo_file: Path, tmp_path: Path) -> None:
    messages = {}
    for kind in BAD_KINDS:
        try:
            validate_file(make_bad_file(kind, demo_file, tmp_path))
        except ProjectFileError as error:
            messages[kind] = str(error)
    distinct = {EXPECTED_ERROR[k]: m for k, m in messages.items()}
    assert len(set(distinct.values())) == len(distinct)


def test_the_demo_file_is_valid(demo_file: Path) -> None:
    assert validate_file(demo_file).revision >= 1


def test_a_trigger_is_refused_before_it_could_run(demo_file: Path, tmp_path: Path) -> None:
    """The trigger would rename the organisation on any assessment update: opening must refuse
    the file before anything of it runs, so nothing can fire."""
    from aims_desktop.services.project import open_project

    bad = make_bad_file("trigger", demo_file, tmp_path)
    with pytest.raises(ProjectFileError):
        open_project(bad)


def test_a_table_rebuilt_by_a_migration_is_still_ours(demo_file: Path, tmp_path: Path) -> None:
    """ALTER TABLE x_new RENAME TO x stores CREATE TABLE "x" (...): the same table."""
    from tests.support.badfiles import rebuilt_but_same

    rebuilt = rebuilt_but_same(demo_file, tmp_path)
    assert validate_file(rebuilt).revision == SCHEMA_REVISION


def test_quick_check_alone_would_have_passed_the_bad_index(demo_file: Path, tmp_path: Path) -> None:
    """The README promises SQLite's integrity check: quick_check misses an index that does
    not match its table, which later turns into wrong query results."""
    import sqlite3

    bad = make_bad_file("bad_index", demo_file, tmp_path)
    conn = sqlite3.connect(f"file:{bad}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    finally:
        conn.close()


@pytest.mark.parametrize("kind", ["invalid_utf8", "swapped_evidence", "revision_huge"])
def test_damaged_messages_name_the_users_file_not_the_private_copy(
    kind: str, demo_file: Path, tmp_path: Path
) -> None:
    from aims_desktop.services.project import inspect_file, open_project

    bad = make_bad_file(kind, demo_file, tmp_path)
    for action in (open_project, inspect_file):
        with pytest.raises(ProjectFileError) as caught:
            action(bad)
        message = str(caught.value)
        assert bad.name in message
        assert "project.aims" not in message and "snapshot.aims" not in message


def test_history_text_that_is_not_utf8_is_shown_not_refused(
    demo_file: Path, tmp_path: Path
) -> None:
    """The change log may hold a million rows, too many to check for UTF-8 in Python on open:
    its text is read leniently instead, and the file opens, edits and saves."""
    import sqlite3

    from aims_desktop.services import assessments
    from aims_desktop.services.project import close_project, open_project, save_project

    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE change_log SET new = CAST(x'4142ff43' AS TEXT) WHERE rowid = 3")
    conn.commit()
    conn.close()
    session = open_project(demo_file)
    assert any(e.new == "AB\ufffdC" for e in session.change_log())
    assessments.update_assessment(session, "8.1", notes="still editable")
    save_project(session, tmp_path / "saved.aims")
    close_project(session)
    validate_file(tmp_path / "saved.aims")
