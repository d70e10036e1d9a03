"""The lineage of a project: an id for every saved revision it descends from.

A file keeps one `project_revision` row per save (its own, and those of the copies it was merged
with), each with its own UUID. Two copies of one project share the rows of the revisions they
both descend from, so the last revision they share is the newest row both hold: where a merge
starts from (store/merge.py).

Each row also records the head of the hash chain when it was saved (store/chain.py), so a
history cut short after a save is noticed.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

from aims_desktop.store import chain
from aims_desktop.store.schema import SAVED


@dataclass(frozen=True)
class Revision:
    """One saved revision of the lineage."""

    id: str
    number: int
    saved_at: str
    saved_by: str
    head: str
    imported: bool
    """Saved by another copy, and brought in by a merge."""


def record_save(conn: sqlite3.Connection, *, revision: int, saved_at: str, who: str) -> str:
    """Seal the entries not saved yet and add the row of the revision about to be saved, in
    the working copy, before it is copied to the target; returns the new revision's id.

    A save that failed left its row behind: it is replaced (the revision was never saved)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        (saved,) = conn.execute("SELECT revision FROM project").fetchone()
        conn.execute(
            "DELETE FROM project_revision WHERE kind = ? AND imported_by IS NULL AND number > ?",
            (SAVED, int(saved)),
        )
        head, last_seq = chain.seal(conn, after_revision=int(saved))
        revision_id = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO project_revision (id, number, kind, saved_at, saved_by, head, last_seq, "
            "imported_by, created_at, updated_at, changed_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
            (revision_id, revision, SAVED, saved_at, who, head, last_seq, saved_at, saved_at, who),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return revision_id


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def revisions(conn: sqlite3.Connection, schema: str = "main") -> list[Revision]:
    """Every saved revision the file knows, oldest first (by when it was saved); `schema`
    names an attached database (store/merge.py)."""
    rows = conn.execute(
        "SELECT CAST(id AS BLOB), number, CAST(saved_at AS BLOB), CAST(saved_by AS BLOB), "
        f"CAST(head AS BLOB), imported_by FROM {schema}.project_revision "
        "WHERE kind = ? ORDER BY saved_at, number",
        (SAVED,),
    ).fetchall()
    return [
        Revision(
            id=_text(r[0]),
            number=int(r[1]),
            saved_at=_text(r[2]),
            saved_by=_text(r[3]),
            head=_text(r[4]),
            imported=r[5] is not None,
        )
        for r in rows
    ]


def last_shared(ours: list[Revision], theirs: list[Revision]) -> Revision | None:
    """The newest saved revision both lineages hold: where two copies parted."""
    theirs_ids = {r.id for r in theirs}
    shared = [r for r in ours if r.id in theirs_ids]
    return max(shared, key=lambda r: (r.saved_at, r.number)) if shared else None
