"""Merge another copy of the same project into the open one (File > Merge a copy…, and
`aims-desktop merge`).

`OtherCopy` reads the other file (a validated private copy, never the file itself), works out
what a merge would do (store/merge.py) and lists the conflicts; `OtherCopy.merge` then writes it
into the working copy with each conflict resolved as the user chose, as one undo step, and logs
it as a merge with the other file's content fingerprint.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from aims_desktop.domain.changes import ChangeSet, FieldChange
from aims_desktop.services.fingerprint import content_fingerprint_of
from aims_desktop.services.session import ProjectSession
from aims_desktop.store import merge as store_merge
from aims_desktop.store.errors import ProjectFileError
from aims_desktop.store.merge import OURS, THEIRS, Conflict, MergePlan
from aims_desktop.store.projectfile import ReadOnlySnapshot
from aims_desktop.store.repository import stamp

__all__ = ["OURS", "THEIRS", "Conflict", "MergeConflicts", "NotACopy", "OtherCopy", "merge_copy"]

MERGE_DESCRIPTION = "Merge a copy"


class NotACopy(ProjectFileError):
    """The other file is another project: only copies of one project merge."""

    title = "The files are not copies of one project"
    exit_code = 23

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"“{Path(path).name}” is another project, not a copy of this one: only copies of "
            "the same project can be merged (each project has its own identity, kept by every "
            "copy and every Save As). Nothing was changed.",
        )


class MergeConflicts(ProjectFileError):
    """Both copies changed the same things differently and no side was chosen."""

    title = "The copies disagree"
    exit_code = 22

    def __init__(self, path: Path | str, conflicts: list[Conflict]) -> None:
        count = len(conflicts)
        super().__init__(
            path,
            f"{count} {'change conflicts' if count == 1 else 'changes conflict'} between the "
            "copies. Nothing was written. Choose a side for every conflict with "
            "--prefer ours or --prefer theirs, or merge in the application to choose one by one.",
        )
        self.conflicts = conflicts


@dataclass(frozen=True)
class MergeState:
    """The working copy as it was before or after a merge, kept for Undo and Redo."""

    path: Path

    def __str__(self) -> str:
        return "the project before the merge"


@dataclass(frozen=True)
class MergeResult:
    change_set: ChangeSet
    taken: int
    conflicts_resolved: int
    blobs_copied: int
    entries_imported: int


def describe_conflict(conflict: Conflict) -> str:
    """One line for a conflict: what, and what each side did."""
    table, _, fieldname = conflict.key
    what = conflict.subject or table.replace("_", " ")
    if conflict.kind == "deleted here":
        return f"{what}: deleted in this copy, edited in the other"
    if conflict.kind == "deleted there":
        return f"{what}: edited in this copy, deleted in the other"
    field_words = fieldname.replace("_", " ")
    ours = conflict.ours.text if conflict.ours else ""
    theirs = conflict.theirs.text if conflict.theirs else ""
    return f"{what}, {field_words}: “{_short(ours)}” here, “{_short(theirs)}” in the other copy"


def _short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class OtherCopy:
    """The other copy, read and compared with the open project until closed."""

    def __init__(self, session: ProjectSession, path: Path | str) -> None:
        self.session = session
        self.path = Path(path)
        self._snapshot = ReadOnlySnapshot(self.path, clock=session.clock)
        db = self._snapshot.__enter__()
        self._attached = False
        try:
            self.fingerprint = content_fingerprint_of(
                db, file_format=self._snapshot.revision, legacy=self._snapshot.legacy
            )
            other_path = str(db.path)
            db.close()  # the private copy is read through our connection from now on
            self._snapshot.db = None
            self._conn = session.db.raw_connection()
            store_merge.attach(self._conn, other_path)
            self._attached = True
            try:
                self.plan: MergePlan = store_merge.plan(self._conn)
            except store_merge.DifferentProject:
                raise NotACopy(self.path) from None
        except BaseException:
            self.close()
            raise

    @property
    def conflicts(self) -> list[Conflict]:
        return self.plan.conflicts

    def close(self) -> None:
        if self._attached:
            store_merge.detach(self._conn)
            self._attached = False
        self._snapshot.__exit__(None, None, None)

    def __enter__(self) -> OtherCopy:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    def merge(
        self,
        resolutions: dict[str, str] | None = None,
        *,
        prefer: str | None = None,
        undoable: bool = True,
    ) -> MergeResult:
        """Merge into the working copy: every conflict as `resolutions` says (conflict id to
        OURS or THEIRS), or `prefer` for those not given. Raises MergeConflicts if one has no
        side. Undoable as one step (the working copy before and after is kept for it)."""
        chosen = dict(resolutions or {})
        for conflict in self.conflicts:
            if chosen.get(conflict.id) not in (OURS, THEIRS):
                if prefer is None:
                    raise MergeConflicts(self.path, self.conflicts)
                chosen[conflict.id] = prefer
        session = self.session
        before = self._keep("before") if undoable else None
        plan = self.plan
        note = (
            f"Merged the copy “{self.path.name}” (content fingerprint {self.fingerprint}): "
            f"{len(plan.takes)} changes taken from it"
            + (f", {len(plan.conflicts)} conflicts resolved" if plan.conflicts else "")
            + (
                f"; the copies parted after revision {plan.base.number} "
                f"saved by {plan.base.saved_by} on {plan.base.saved_at[:10]}"
                if plan.base
                else ""
            )
            + "."
        )
        try:
            applied = store_merge.apply(
                self._conn, plan, chosen, who=session.user, now=stamp(session.now()), note=note
            )
        except sqlite3.Error as error:
            raise session.db._user_error(error) from None
        # Only the state before is kept now: Undo keeps the state it leaves (for Redo).
        change = FieldChange(
            "project",
            plan.project_id,
            store_merge.MERGE_FIELD,
            MergeState(before) if before else None,
            None,
            "Merge of a copy",
        )
        return MergeResult(
            change_set=ChangeSet(MERGE_DESCRIPTION, (change,)),
            taken=applied.taken,
            conflicts_resolved=applied.conflicts_resolved,
            blobs_copied=applied.blobs_copied,
            entries_imported=applied.entries_imported,
        )

    def _keep(self, when: str) -> Path:
        return keep_state(self.session, when)


def keep_state(session: ProjectSession, when: str) -> Path:
    """The project as it is now (every table but the stored files), beside the working copy,
    for Undo or Redo of a merge (removed with the session's folder)."""
    target = session.db.path.parent / f"merge-{uuid.uuid4().hex[:12]}-{when}.sqlite"
    store_merge.keep_tables(session.db.raw_connection(), target)
    return target


def restore(session: ProjectSession, state: MergeState) -> None:
    """Put the project back as it was kept (Undo or Redo of a merge), in one transaction."""
    store_merge.restore_tables(session.db.raw_connection(), state.path)


def revert_merge(session: ProjectSession, change: FieldChange) -> list[FieldChange]:
    """Undo (or redo) a merge: the working copy as it was before (or after) it; the state
    left is kept, so that reverting the result goes back to it."""
    if not isinstance(change.old, MergeState):
        raise ValueError("this merge cannot be undone")
    left = MergeState(keep_state(session, "left"))
    restore(session, change.old)
    change.old.path.unlink(missing_ok=True)
    return [
        FieldChange(change.entity, change.entity_id, change.field, left, change.old, change.subject)
    ]


def merge_copy(
    session: ProjectSession,
    other: Path | str,
    *,
    prefer: str | None = None,
    resolutions: dict[str, str] | None = None,
    undoable: bool = True,
) -> MergeResult:
    """Merge the copy `other` into the open project in one go (see OtherCopy)."""
    with OtherCopy(session, other) as copy:
        return copy.merge(resolutions, prefer=prefer, undoable=undoable)
