"""Undo and redo, and "Remove from history".

Reverting writes the old values again through the same store calls as any edit, so the change
log stays a complete record (and Save coalesces an edit and its undo into nothing).

Removing from history is the one change to the log itself: see `remove_from_history`.
"""

from __future__ import annotations

from dataclasses import dataclass

from aims_desktop.domain.changes import ChangeSet, FieldChange
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.history import LogEntry, check_removal, removal_note, value_digest
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.merge import MERGE_FIELD


def _revert_one(session: ProjectSession, change: FieldChange) -> list[FieldChange]:
    db, who = session.db, session.user
    if change.entity == "organisation":
        return db.update_organisation({change.field: change.old}, who)
    if change.entity == "assessment":
        return db.update_assessment(change.subject, {change.field: change.old}, who)
    if change.entity == "soa_document":
        from aims_desktop.store.planning_repository import PlanningStore

        return PlanningStore(db).update_soa_document({change.field: change.old}, who)
    if change.entity == "project" and change.field == MERGE_FIELD:
        from aims_desktop.services.merge import revert_merge

        return revert_merge(session, change)
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


# -- remove from history -------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRemoval:
    """What "Remove from history" did: how many entries held the text, and the SHA-256 of the
    removed text that now stands in its place."""

    entries: int
    digest: str
    note: str


_TABLE_WORDS = {
    "organisation": "the organisation profile",
    "assessment": "the assessment",
    "guidance_answer": "the answers",
    "project": "the project record",
}


def _place(table: str, column: str, item_id: str) -> str:
    field = column.replace("_", " ")
    if item_id:
        return f"the {field} of {item_id}"
    return f"the {field} in {_TABLE_WORDS.get(table, table)}"


def entries_containing(session: ProjectSession, text: str) -> list[LogEntry]:
    """History entries whose old or new value contains `text` (exactly, case-sensitive)."""
    if not text:
        return []
    return session.db.log_entries_containing(text)


def remove_from_history(session: ProjectSession, value: str, reason: str) -> HistoryRemoval:
    """Replace `value` in every change-log entry that holds it with a note of who removed it,
    when and why, and the SHA-256 of the removed text; log the removal itself.

    For text that should never have been stored (personal data, a pasted password). The text
    must first be gone from the project itself (an ordinary edit, which the history records):
    this only purges the history. It cannot be undone. With SQLite's secure_delete the old
    values are overwritten in the working copy, and the next save writes a fresh file without
    them."""
    check_removal(value, reason)
    reason = " ".join(reason.split())
    places = session.db.places_holding(value)
    if places:
        table, column, item_id = places[0]
        raise RuleViolation(
            f"The text is still in {_place(table, column, item_id)}. Remove it there first "
            "(that edit is recorded in the history too), then remove it from the history."
        )
    if not session.db.log_entries_containing(value, limit=1):
        raise RuleViolation("No history entry holds that text (the search is case-sensitive).")
    digest = value_digest(value)
    note = removal_note(session.user, session.today().isoformat(), reason, value)
    summary = f"Removed a text from the history: {reason} (SHA-256 of the removed text {digest})"
    count, _change = session.db.remove_from_change_log(value, note, session.user, summary)
    return HistoryRemoval(entries=count, digest=digest, note=note)
