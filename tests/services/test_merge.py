"""Merging two copies of one project: every kind of change, conflicts each way, undo, refusal."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aims_desktop.domain.status import Answer, Status
from aims_desktop.services import assessments, evidence, history, organisation, registers
from aims_desktop.services.merge import (
    OURS,
    THEIRS,
    MergeConflicts,
    NotACopy,
    OtherCopy,
    describe_conflict,
    merge_copy,
)
from aims_desktop.services.project import (
    close_project,
    inspect_file,
    new_project,
    open_project,
    save_project,
)
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.validation import validate_file


def _clock() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


Edit = Callable[[ProjectSession], object]


@pytest.fixture
def copies(tmp_path: Path) -> Callable[[Edit, Edit], tuple[Path, Path]]:
    """Two copies of one saved project, each edited by its own person and saved."""

    def make(ours: Edit, theirs: Edit) -> tuple[Path, Path]:
        session = new_project("Acme Ltd", user="Manager", clock=_clock)
        registers.add(session, "ai_system", {"ref": "AI-001", "name": "RoutePilot"})
        assessments.update_assessment(session, "7.2", notes="Base notes.")
        a = save_project(session, tmp_path / "a.aims")
        close_project(session)
        b = tmp_path / "b.aims"
        shutil.copyfile(a, b)
        for path, edit, who in ((a, ours, "Manager"), (b, theirs, "HR lead")):
            opened = open_project(path, user=who)
            edit(opened)
            save_project(opened)
            close_project(opened)
        return a, b

    return make


def _nothing(_session: ProjectSession) -> None:
    pass


def _system(session: ProjectSession, ref: str = "AI-001") -> object:
    return next(r for r in registers.records(session, "ai_system") if r.ref == ref)  # type: ignore[attr-defined]


def test_a_change_on_one_side_is_taken(copies: Callable[..., tuple[Path, Path]]) -> None:
    a, b = copies(
        _nothing,
        lambda s: assessments.update_assessment(s, "7.2", notes="HR notes.", status=Status.MET),
    )
    session = open_project(a, user="Manager")
    try:
        result = merge_copy(session, b)
        assert result.taken == 2 and result.conflicts_resolved == 0
        assert session.assessment("7.2").notes == "HR notes."
        assert session.assessment("7.2").status is Status.MET
        log = session.change_log()
        assert log[0].field == "merged" and inspect_file(b).fingerprint in (log[0].new or "")
        assert any(e.who == "HR lead" and e.new == "HR notes." for e in log)  # their entries too
        save_project(session)
    finally:
        close_project(session)
    validate_file(a)
    summary = inspect_file(a)
    assert summary.history is not None and summary.history.intact, summary.history.summary()


def test_our_change_is_kept_and_theirs_is_taken_on_other_fields(
    copies: Callable[..., tuple[Path, Path]],
) -> None:
    a, b = copies(
        lambda s: assessments.update_assessment(s, "7.2", notes="Manager notes."),
        lambda s: assessments.update_assessment(s, "7.3", notes="Awareness."),
    )
    session = open_project(a, user="Manager")
    try:
        merge_copy(session, b)
        assert session.assessment("7.2").notes == "Manager notes."
        assert session.assessment("7.3").notes == "Awareness."
    finally:
        close_project(session)


def test_both_sides_same_value_is_no_conflict(copies: Callable[..., tuple[Path, Path]]) -> None:
    same: Edit = lambda s: assessments.update_assessment(s, "7.2", notes="Agreed.")  # noqa: E731
    a, b = copies(same, same)
    session = open_project(a, user="Manager")
    try:
        with OtherCopy(session, b) as other:
            assert other.conflicts == []
            other.merge()
        assert session.assessment("7.2").notes == "Agreed."
    finally:
        close_project(session)


def _conflicting(copies: Callable[..., tuple[Path, Path]]) -> tuple[Path, Path]:
    return copies(
        lambda s: assessments.update_assessment(s, "7.2", notes="Manager's view."),
        lambda s: assessments.update_assessment(s, "7.2", notes="HR's view."),
    )


@pytest.mark.parametrize(("side", "expected"), [(OURS, "Manager's view."), (THEIRS, "HR's view.")])
def test_a_conflict_is_resolved_each_way(
    copies: Callable[..., tuple[Path, Path]], side: str, expected: str
) -> None:
    a, b = _conflicting(copies)
    session = open_project(a, user="Manager")
    try:
        with OtherCopy(session, b) as other:
            (conflict,) = other.conflicts
            assert conflict.kind == "field" and conflict.field_name == "notes"
            assert conflict.ours is not None and conflict.ours.who == "Manager"
            assert conflict.theirs is not None and conflict.theirs.who == "HR lead"
            assert conflict.theirs.text == "HR's view."
            assert "HR's view." in describe_conflict(conflict)
            with pytest.raises(MergeConflicts):
                other.merge()  # nothing decided silently
            assert session.assessment("7.2").notes == "Manager's view."
            other.merge({conflict.id: side})
        assert session.assessment("7.2").notes == expected
    finally:
        close_project(session)


def test_prefer_resolves_every_conflict(copies: Callable[..., tuple[Path, Path]]) -> None:
    a, b = _conflicting(copies)
    session = open_project(a, user="Manager")
    try:
        merge_copy(session, b, prefer=THEIRS)
        assert session.assessment("7.2").notes == "HR's view."
    finally:
        close_project(session)


def test_records_added_on_both_sides_are_kept(copies: Callable[..., tuple[Path, Path]]) -> None:
    a, b = copies(
        lambda s: registers.add(s, "ai_system", {"ref": "AI-002", "name": "DocuScan"}),
        lambda s: registers.add(s, "ai_system", {"ref": "AI-003", "name": "ForecastLab"}),
    )
    session = open_project(a, user="Manager")
    try:
        merge_copy(session, b)
        refs = sorted(r.ref for r in registers.records(session, "ai_system"))  # type: ignore[attr-defined]
        assert refs == ["AI-001", "AI-002", "AI-003"]
    finally:
        close_project(session)


def test_a_delete_on_one_side_is_taken(copies: Callable[..., tuple[Path, Path]]) -> None:
    a, b = copies(
        _nothing,
        lambda s: registers.delete(s, "ai_system", _system(s).id),  # type: ignore[attr-defined]
    )
    session = open_project(a, user="Manager")
    try:
        merge_copy(session, b)
        assert registers.records(session, "ai_system") == []
    finally:
        close_project(session)


@pytest.mark.parametrize("deleted_here", [True, False])
def test_delete_and_edit_is_a_conflict(
    copies: Callable[..., tuple[Path, Path]], deleted_here: bool
) -> None:
    delete: Edit = lambda s: registers.delete(s, "ai_system", _system(s).id)  # type: ignore[attr-defined]  # noqa: E731
    edit: Edit = lambda s: registers.edit(s, "ai_system", _system(s).id, name="RoutePilot 2")  # type: ignore[attr-defined]  # noqa: E731
    a, b = copies(delete, edit) if deleted_here else copies(edit, delete)
    session = open_project(a, user="Manager")
    try:
        with OtherCopy(session, b) as other:
            (conflict,) = other.conflicts
            assert conflict.kind == ("deleted here" if deleted_here else "deleted there")
            other.merge({conflict.id: THEIRS})
        names = [r.name for r in registers.records(session, "ai_system")]  # type: ignore[attr-defined]
        assert names == (["RoutePilot 2"] if deleted_here else [])
    finally:
        close_project(session)


def test_evidence_from_both_sides_comes_across_once(
    copies: Callable[..., tuple[Path, Path]], tmp_path: Path
) -> None:
    shared = tmp_path / "policy.txt"
    shared.write_text("The AI policy, approved.", encoding="utf-8")
    own = tmp_path / "training.txt"
    own.write_text("Training records.", encoding="utf-8")

    def ours(s: ProjectSession) -> None:
        evidence.attach_evidence(s, "5.2", shared)

    def theirs(s: ProjectSession) -> None:
        evidence.attach_evidence(s, "5.2", shared)
        evidence.attach_evidence(s, "7.2", own)

    a, b = copies(ours, theirs)
    session = open_project(a, user="Manager")
    try:
        result = merge_copy(session, b)
        assert result.blobs_copied == 1  # the policy was here already, by SHA-256
        assert len(evidence.evidence_for(session, "5.2")) == 2  # a document from each copy
        assert len(evidence.evidence_for(session, "7.2")) == 1
        raw = session.db.raw_connection()
        assert raw.execute("SELECT count(*) FROM evidence_blob").fetchone()[0] == 2
        save_project(session)
    finally:
        close_project(session)
    validate_file(a)


def test_links_and_answers_merge(copies: Callable[..., tuple[Path, Path]]) -> None:
    def ours(s: ProjectSession) -> None:
        assessments.set_answer(s, "6.1.2", "q2", Answer.NO)
        registers.add(s, "ai_system", {"ref": "AI-002", "name": "DocuScan"})

    def theirs(s: ProjectSession) -> None:
        assessments.set_answer(s, "6.1.2", "q1", Answer.YES)
        system = _system(s).id  # type: ignore[attr-defined]
        registers.edit(s, "ai_system", system, purpose="Plans delivery routes.")
        registers.add(s, "risk", {"ref": "R-001", "title": "Wrong routes", "ai_systems": (system,)})

    a, b = copies(ours, theirs)
    session = open_project(a, user="Manager")
    try:
        merge_copy(session, b)
        answers = session.assessment("6.1.2").answers
        assert answers.get("q1") is Answer.YES and answers.get("q2") is Answer.NO
        system = _system(session)
        assert system.purpose == "Plans delivery routes."  # type: ignore[attr-defined]
        (risk,) = registers.records(session, "risk")
        assert risk.ai_systems == (system.id,)  # type: ignore[attr-defined]
        # a link added to a record both copies hold
        second = _system(session, "AI-002").id  # type: ignore[attr-defined]
        registers.link(session, "risk", risk.id, "ai_systems", second)
        save_project(session)
    finally:
        close_project(session)
    session = open_project(b, user="HR lead")
    try:
        merge_copy(session, a)
        (risk,) = registers.records(session, "risk")
        assert len(risk.ai_systems) == 2  # type: ignore[attr-defined]
        assert session.assessment("6.1.2").answers.get("q2") is Answer.NO
    finally:
        close_project(session)


def test_the_whole_merge_is_one_undo_step(copies: Callable[..., tuple[Path, Path]]) -> None:
    a, b = copies(
        _nothing,
        lambda s: (
            assessments.update_assessment(s, "7.2", notes="HR notes."),
            organisation.update_organisation(s, scope="Head office."),
            registers.add(s, "ai_system", {"ref": "AI-009", "name": "Chat"}),
        ),
    )
    session = open_project(a, user="Manager")
    try:
        entries = len(session.change_log())
        result = merge_copy(session, b)
        assert len(result.change_set.changes) == 1
        undone = history.revert(session, result.change_set)
        assert session.assessment("7.2").notes == "Base notes."
        assert session.organisation().scope == ""
        assert len(registers.records(session, "ai_system")) == 1
        assert len(session.change_log()) == entries
        history.revert(session, undone)  # redo
        assert session.assessment("7.2").notes == "HR notes."
        assert len(registers.records(session, "ai_system")) == 2
    finally:
        close_project(session)


def test_another_project_is_refused(tmp_path: Path) -> None:
    one = new_project("Acme Ltd", user="Manager", clock=_clock)
    a = save_project(one, tmp_path / "a.aims")
    other = new_project("Acme Ltd", user="Manager", clock=_clock)
    b = save_project(other, tmp_path / "b.aims")
    close_project(other)
    try:
        with pytest.raises(NotACopy, match="another project"):
            merge_copy(one, b)
        assert not one.has_unsaved_changes()
        assert a.exists()
    finally:
        close_project(one)


def test_merging_twice_takes_nothing_new(copies: Callable[..., tuple[Path, Path]]) -> None:
    a, b = copies(
        lambda s: assessments.update_assessment(s, "7.2", notes="Manager notes."),
        lambda s: assessments.update_assessment(s, "7.3", notes="Awareness."),
    )
    session = open_project(a, user="Manager")
    try:
        merge_copy(session, b)
        save_project(session)
        with OtherCopy(session, b) as again:
            assert again.plan.takes == [] and again.conflicts == []
    finally:
        close_project(session)
    # and the other way round: B takes A's change, and nothing conflicts
    session = open_project(b, user="HR lead")
    try:
        with OtherCopy(session, a) as other:
            assert other.conflicts == []
            other.merge()
        assert session.assessment("7.2").notes == "Manager notes."
        assert session.assessment("7.3").notes == "Awareness."
    finally:
        close_project(session)


def test_every_register_table_is_merged(copies: Callable[..., tuple[Path, Path]]) -> None:
    """Records added in the other copy to every register come across (declared registers,
    not a list here: a register added later is covered too)."""
    from aims_desktop.domain.registers import REGISTERS
    from aims_desktop.store.merge import record_tables
    from tests.support.registers import sample_values

    assert set(REGISTERS) <= set(record_tables())

    def add_everywhere(s: ProjectSession) -> None:
        for spec in REGISTERS.values():
            if spec.parent is not None:
                continue
            registers.add(s, spec.key, sample_values(spec, 3))

    a, b = copies(_nothing, add_everywhere)
    session = open_project(a, user="Manager")
    try:
        before = registers.counts(session)
        merge_copy(session, b)
        after = registers.counts(session)
        for spec in REGISTERS.values():
            if spec.parent is None:
                assert after[spec.key] == before[spec.key] + 1, spec.key
        save_project(session)
    finally:
        close_project(session)
    validate_file(a)


def test_a_one_row_table_made_on_both_sides_stays_one_row(
    copies: Callable[..., tuple[Path, Path]],
) -> None:
    """The Statement of Applicability's details are one row, made on first edit: both copies
    made their own. Their fields merge as one record."""
    from aims_desktop.services import soa

    a, b = copies(
        lambda s: soa.update_document(s, number="SOA-1", version="1.0"),
        lambda s: soa.update_document(s, number="SOA-1", approved_by="Director"),
    )
    session = open_project(a, user="Manager")
    try:
        with OtherCopy(session, b) as other:
            assert other.conflicts == []
            other.merge()
        found = soa.document(session)
        assert (found.number, found.version, found.approved_by) == ("SOA-1", "1.0", "Director")
        raw = session.db.raw_connection()
        assert raw.execute("SELECT count(*) FROM soa_document").fetchone()[0] == 1
        save_project(session)
    finally:
        close_project(session)
    validate_file(a)


def test_a_merge_undone_after_a_save_leaves_a_sound_history(
    copies: Callable[..., tuple[Path, Path]],
) -> None:
    a, b = copies(_nothing, lambda s: assessments.update_assessment(s, "7.3", notes="HR."))
    session = open_project(a, user="Manager")
    try:
        result = merge_copy(session, b)
        save_project(session)
        revision = session.revision
        history.revert(session, result.change_set)
        assert session.assessment("7.3").notes == ""
        assert session.revision == revision  # the save stays saved
        save_project(session)
    finally:
        close_project(session)
    summary = inspect_file(a)
    assert summary.history is not None and summary.history.intact, summary.history.summary()
