"""The register framework on every register: add, edit, undo, redo, duplicate, delete, link,
save and reopen; and the rules of the first registers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.fields import CATALOG_TARGETS, RECORDS, FieldKind
from aims_desktop.domain.registers import REGISTERS, RegisterSpec
from aims_desktop.services import history, registers
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.services.session import ProjectSession
from tests.support.registers import sample_values

SPECS = list(REGISTERS.values())


@pytest.fixture
def session() -> Iterator[ProjectSession]:
    s = new_project("Acme Ltd", user="Tester")
    yield s
    close_project(s)


def _add(session: ProjectSession, spec: RegisterSpec, n: int = 1, **values: object) -> str:
    parent_id = None
    if spec.parent is not None:
        parent_id = _add(session, REGISTERS[spec.parent], n)
    change = registers.add(session, spec.key, sample_values(spec, n, **values), parent_id=parent_id)
    return change.changes[0].entity_id


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_add_edit_undo_redo_on_every_register(session: ProjectSession, spec: RegisterSpec) -> None:
    record_id = _add(session, spec)
    added = registers.record(session, spec.key, record_id)
    for name, value in sample_values(spec).items():
        assert getattr(added, name) == value, name
    if "ref" in spec.field_map and spec.ref_prefix:
        assert added.ref == f"{spec.ref_prefix}-001"  # type: ignore[attr-defined]

    text_field = next(f for f in spec.value_fields if f.kind is FieldKind.TEXT and f.name != "ref")
    edit = registers.edit(session, spec.key, record_id, **{text_field.name: "Changed"})
    assert getattr(registers.record(session, spec.key, record_id), text_field.name) == "Changed"
    undone = history.revert(session, edit)
    assert getattr(registers.record(session, spec.key, record_id), text_field.name) != "Changed"
    history.revert(session, undone)  # redo
    assert getattr(registers.record(session, spec.key, record_id), text_field.name) == "Changed"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_delete_and_undo_bring_back_the_record_and_its_links(
    session: ProjectSession, spec: RegisterSpec
) -> None:
    record_id = _add(session, spec)
    linked_from = []
    for other in SPECS:  # every link field anywhere that can point at this register
        for field in other.link_fields:
            if field.target == spec.key:
                holder = _add(session, other, 2)
                registers.link(session, other.key, holder, field.name, record_id)
                linked_from.append((other.key, holder, field.name))
    before = registers.record(session, spec.key, record_id)
    deleted = registers.delete(session, spec.key, record_id)
    with pytest.raises(RuleViolation):
        registers.record(session, spec.key, record_id)
    for key, holder, name in linked_from:
        assert record_id not in getattr(registers.record(session, key, holder), name)
    history.revert(session, deleted)
    restored = registers.record(session, spec.key, record_id)
    assert restored.model_dump(exclude={"updated_at"}) == before.model_dump(exclude={"updated_at"})
    for key, holder, name in linked_from:
        assert record_id in getattr(registers.record(session, key, holder), name)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_duplicate_gets_a_new_id_and_reference(session: ProjectSession, spec: RegisterSpec) -> None:
    record_id = _add(session, spec)
    copy = registers.duplicate(session, spec.key, record_id)
    copy_id = copy.changes[0].entity_id
    assert copy_id != record_id
    original = registers.record(session, spec.key, record_id)
    duplicate = registers.record(session, spec.key, copy_id)
    if spec.ref_prefix:
        assert duplicate.ref != original.ref  # type: ignore[attr-defined]
    assert "(copy)" in spec.label(duplicate)
    history.revert(session, copy)
    with pytest.raises(RuleViolation):
        registers.record(session, spec.key, copy_id)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_register_survives_save_and_reopen(
    session: ProjectSession, spec: RegisterSpec, tmp_path: Path
) -> None:
    record_id = _add(session, spec)
    for field in spec.link_fields:
        target = field.target or ""
        if target == RECORDS:
            registers.link(session, spec.key, record_id, field.name, "A.6.2.4:r1")
        elif target in CATALOG_TARGETS:
            registers.link(session, spec.key, record_id, field.name, "A.6.2.4")
        else:
            other = _add(session, REGISTERS[target], 3)
            registers.link(session, spec.key, record_id, field.name, other)
    before = registers.record(session, spec.key, record_id)
    path = save_project(session, tmp_path / "p.aims")
    close_project(session)
    reopened = open_project(path)
    try:
        after = registers.record(reopened, spec.key, record_id)
        assert after.model_dump(exclude={"updated_at", "created_at"}) == before.model_dump(
            exclude={"updated_at", "created_at"}
        )
        entries = [e for e in reopened.change_log() if e.entity == spec.key]
        assert any(e.entity_id == record_id and e.field == "" for e in entries)
    finally:
        close_project(reopened)


def test_refs_count_up_and_skip_taken_numbers(session: ProjectSession) -> None:
    first = _add(session, REGISTERS["ai_system"])
    registers.edit(session, "ai_system", first, ref="AI-041")
    second = _add(session, REGISTERS["ai_system"], 2)
    assert registers.record(session, "ai_system", second).ref == "AI-042"  # type: ignore[attr-defined]


def test_an_out_of_scope_system_needs_a_reason(session: ProjectSession) -> None:
    record_id = _add(session, REGISTERS["ai_system"], scope_reason="")
    with pytest.raises(RuleViolation, match="outside the scope"):
        registers.edit(session, "ai_system", record_id, in_scope=False)
    assert registers.record(session, "ai_system", record_id).in_scope is True  # type: ignore[attr-defined]
    registers.edit(session, "ai_system", record_id, in_scope=False, scope_reason="Pilot only")
    assert registers.record(session, "ai_system", record_id).in_scope is False  # type: ignore[attr-defined]


def test_special_category_data_is_personal_data(session: ProjectSession) -> None:
    record_id = _add(session, REGISTERS["ai_system"])
    with pytest.raises(RuleViolation, match="personal data"):
        registers.edit(session, "ai_system", record_id, special_category_data=True)
    registers.edit(session, "ai_system", record_id, special_category_data=True, personal_data=True)


def test_texts_over_the_limit_are_refused_with_their_size(session: ProjectSession) -> None:
    record_id = _add(session, REGISTERS["ai_system"])
    with pytest.raises(RuleViolation, match="1,000,001 characters"):
        registers.edit(session, "ai_system", record_id, purpose="x" * 1_000_001)
    with pytest.raises(RuleViolation, match="cannot be left empty"):
        registers.edit(session, "ai_system", record_id, name="   ")


def test_links_to_things_that_do_not_exist_are_refused(session: ProjectSession) -> None:
    party = _add(session, REGISTERS["interested_party"])
    with pytest.raises(RuleViolation, match="does not exist"):
        registers.link(session, "interested_party", party, "ai_systems", "no-such-id")


def test_deleting_several_records_is_one_undo_step(session: ProjectSession) -> None:
    spec = REGISTERS["ai_system"]
    ids = [_add(session, spec, n) for n in range(1, 4)]
    party = _add(session, REGISTERS["interested_party"])
    registers.edit(session, "interested_party", party, ai_systems=tuple(ids))
    deleted = registers.delete(session, "ai_system", ids)
    assert deleted.description == "Delete 3 AI systems"
    assert registers.count(session, "ai_system") == 0
    assert registers.record(session, "interested_party", party).ai_systems == ()  # type: ignore[attr-defined]
    history.revert(session, deleted)
    assert registers.count(session, "ai_system") == 3
    assert set(registers.record(session, "interested_party", party).ai_systems) == set(ids)  # type: ignore[attr-defined]


def test_the_wizards_ai_system_lines_become_records() -> None:
    session = new_project(
        "Acme", user="T", ai_systems="ShelfBot: counts stock\nPriceWise - dynamic pricing\n\n"
    )
    try:
        found = [(r.name, r.purpose) for r in registers.records(session, "ai_system")]  # type: ignore[attr-defined]
        assert found == [("ShelfBot", "counts stock"), ("PriceWise", "dynamic pricing")]
    finally:
        close_project(session)


def test_links_panel_data_both_ways(session: ProjectSession) -> None:
    system = _add(session, REGISTERS["ai_system"])
    party = _add(session, REGISTERS["interested_party"])
    registers.link(session, "interested_party", party, "ai_systems", system)
    outgoing = registers.links_of(session, "interested_party", party).outgoing
    assert [(f.name, [t.id for t in targets]) for f, targets in outgoing] == [
        ("ai_systems", [system])
    ]
    incoming = registers.links_of(session, "ai_system", system).incoming
    assert [(i.register, i.id) for i in incoming] == [("interested_party", party)]


def test_a_record_with_a_link_to_a_deleted_record_stays_editable(
    session: ProjectSession, tmp_path: Path
) -> None:
    """A copy from elsewhere may link to a record deleted there: the record still edits and
    saves, and the link shows as deleted."""
    import sqlite3

    system = _add(session, REGISTERS["ai_system"])
    party = _add(session, REGISTERS["interested_party"])
    registers.link(session, "interested_party", party, "ai_systems", system)
    raw = sqlite3.connect(session.db.path)
    raw.execute("DELETE FROM ai_system WHERE id = ?", (system,))
    raw.commit()
    raw.close()
    registers.edit(session, "interested_party", party, owner="Still editable")
    targets = registers.links_of(session, "interested_party", party).outgoing[0][1]
    assert [t.label for t in targets] == ["(deleted AI system)"]
    with pytest.raises(RuleViolation, match="does not exist"):
        registers.link(session, "interested_party", party, "ai_systems", "another-missing-id")
