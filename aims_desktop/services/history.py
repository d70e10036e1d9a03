"""Undo and redo: apply a change set backwards, as a new logged change.

Reverting writes the old values again through the same store calls as any edit, so the change
log stays a complete record (and Save coalesces an edit and its undo into nothing).
"""

from __future__ import annotations

from aims_desktop.domain.changes import ChangeSet, FieldChange
from aims_desktop.domain.evidence import EvidenceRecord
from aims_desktop.services.session import ProjectSession


def _revert_one(session: ProjectSession, change: FieldChange) -> list[FieldChange]:
    db, who = session.db, session.user
    if change.entity == "evidence":
        if change.old is None:  # it was attached: remove it
            removed = db.remove_evidence(change.entity_id, who)
            return [removed] if removed else []
        assert isinstance(change.old, EvidenceRecord)
        return [db.restore_evidence(change.old, who)]
    if change.entity == "organisation":
        return db.update_organisation({change.field: change.old}, who)
    if change.entity == "assessment":
        return db.update_assessment(change.subject, {change.field: change.old}, who)
    if change.entity == "soa_document":
        from aims_desktop.store.planning_repository import PlanningStore

        return PlanningStore(db).update_soa_document({change.field: change.old}, who)
    if change.entity == "guidance_answer":
        item_id, _, number = change.subject.partition(" question ")
        key = f"q{number}"
        return db.set_answer(item_id, key, change.old, who, change.subject)
    raise ValueError(f"cannot revert a change to {change.entity}")


def revert(session: ProjectSession, change_set: ChangeSet) -> ChangeSet:
    """Undo `change_set`; the result, reverted in turn, redoes it.

    Register changes are reverted together, in one transaction, so undoing "delete a record
    with its links" restores all of it or nothing."""
    from aims_desktop.services import registers

    done: list[FieldChange] = []
    pending: list[FieldChange] = []  # register changes, in their original order
    for change in reversed(change_set.changes):
        if registers.is_register_change(change):
            pending.insert(0, change)
            continue
        if pending:
            done.extend(registers.revert_changes(session, pending))
            pending = []
        done.extend(_revert_one(session, change))
    if pending:
        done.extend(registers.revert_changes(session, pending))
    return ChangeSet(change_set.description, tuple(done))
