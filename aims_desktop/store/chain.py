"""The hash chain over the change log: a history that shows when it was altered.

Every saved change-log entry carries `hash`, the SHA-256 over the previous entry's hash and the
entry itself: its id, order, revision, time, author, what it changed, and the SHA-256 of its old
and new values (`old_sha256`, `new_sha256`), not the values themselves. "Remove from history"
rewrites a value but keeps its digest, so the chain stays verifiable after a removal; the value
then holds the removal's note, whose digest a later, chained entry records.

Entries are sealed when they are saved (`seal`): until then they may still be coalesced. The
first entry follows from the project's id, so a history cannot be moved into another project
unnoticed. Each save also records the head of the chain in `project_revision`, so entries cut
off the end are noticed too.

What the chain proves, and what it does not: an entry changed, added, removed or reordered by
another program breaks the chain at that entry, and `verify` says which one. Someone who
recomputes every hash after their edit keeps the chain whole, but changes its head: the head
printed on the reports made before (and by `aims-desktop check`) no longer matches. Compare
heads to trust a history. The chain covers the history, not the project's current content,
which the content fingerprint covers.

Everything here works on a raw sqlite3 connection: the migration of an old file, the save of a
working copy and the check of a stranger's file all use it.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable

from aims_desktop.domain.history import (
    CHAIN_BROKEN,
    END_REMOVED,
    NO_HASH,
    REMOVED_ENTITY,
    VALUE_CHANGED,
    AlteredEntry,
    HistoryCheck,
)

KEPT_ALTERED = 20
"""Altered entries listed by a check (all are counted)."""

_NULL = b"\xff" * 8
_NOTE_DIGEST = re.compile(rb"SHA-256 of the removed text ([0-9a-f]{64})\]")
_REMOVAL_DIGEST = re.compile(rb"SHA-256 of the removed text ([0-9a-f]{64})")

_ROW = (
    "CAST(id AS BLOB), seq, revision, CAST(at AS BLOB), CAST(who AS BLOB), "
    "CAST(entity AS BLOB), CAST(entity_id AS BLOB), CAST(field AS BLOB), "
    "CAST(subject AS BLOB), CAST(old AS BLOB), CAST(new AS BLOB), CAST(old_sha256 AS BLOB), "
    "CAST(new_sha256 AS BLOB), CAST(imported_by AS BLOB), CAST(adopted_from AS BLOB), "
    "CAST(hash AS BLOB), rowid"
)
"""One entry as the chain reads it: text as the bytes stored, so nothing is decoded."""


def _bytes(value: object) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, int):
        return str(value).encode("ascii")
    return str(value).encode("utf-8", "surrogatepass")


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def value_digest(value: bytes | None) -> str | None:
    """SHA-256 of a logged value as stored (None for no value)."""
    return None if value is None else hashlib.sha256(value).hexdigest()


def genesis(project_id: str) -> str:
    """What the first entry's hash follows from: the project's identity."""
    return hashlib.sha256(b"AIMS Desktop history of project " + project_id.encode()).hexdigest()


def entry_hash(previous: str, fields: Iterable[object]) -> str:
    """SHA-256 over the previous hash and the fields, each length-prefixed (so no two different
    entries read the same), NULL distinct from empty."""
    parts = [previous.encode("ascii", "replace")]
    for value in fields:
        raw = _bytes(value)
        if raw is None:
            parts.append(_NULL)
        else:
            parts.append(len(raw).to_bytes(8, "big"))
            parts.append(raw)
    return hashlib.sha256(b"".join(parts)).hexdigest()


def _chained(row: tuple[object, ...], old_digest: object, new_digest: object) -> list[object]:
    """The fields of a row the hash covers: everything but the values themselves (their
    digests instead) and the hash."""
    (entry_id, seq, revision, at, who, entity, entity_id, field, subject) = row[:9]
    imported_by, adopted_from = row[13], row[14]
    return [
        entry_id,
        seq,
        revision,
        at,
        who,
        entity,
        entity_id,
        field,
        subject,
        old_digest,
        new_digest,
        imported_by,
        adopted_from,
    ]


def _project_id(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT CAST(id AS BLOB) FROM project").fetchone()
    return _text(row[0]) or "" if row else ""


def _previous(conn: sqlite3.Connection, after_revision: int) -> str:
    row = conn.execute(
        "SELECT CAST(hash AS BLOB) FROM change_log WHERE revision <= ? ORDER BY seq DESC LIMIT 1",
        (after_revision,),
    ).fetchone()
    if row is None:
        return genesis(_project_id(conn))
    return _text(row[0]) or ""


def seal(conn: sqlite3.Connection, after_revision: int) -> tuple[str, int]:
    """Digest and chain every entry of a revision after `after_revision` (the entries not saved
    yet), in order, continuing from the last entry before them. Entries made here get the
    digests of their values as they now are (coalescing may have changed them); entries
    another copy made keep the digests that copy recorded. Returns the head and the last seq.

    Run inside the caller's transaction, on our own working copy only."""
    previous = _previous(conn, after_revision)
    last_seq = 0
    rows = conn.execute(
        f"SELECT {_ROW} FROM change_log WHERE revision > ? ORDER BY seq", (after_revision,)
    ).fetchall()
    updates = []
    for row in rows:
        old_digest, new_digest = _text(row[11]), _text(row[12])
        imported = row[13] is not None
        if not imported or (old_digest is None and row[9] is not None):
            old_digest = value_digest(row[9])
        if not imported or (new_digest is None and row[10] is not None):
            new_digest = value_digest(row[10])
        previous = entry_hash(previous, _chained(row, old_digest, new_digest))
        updates.append((old_digest, new_digest, previous, row[16]))
        last_seq = int(row[1])
    conn.executemany(
        "UPDATE change_log SET old_sha256 = ?, new_sha256 = ?, hash = ? WHERE rowid = ?",
        updates,
    )
    if not rows:
        last = conn.execute("SELECT max(seq) FROM change_log").fetchone()
        last_seq = int(last[0] or 0)
    return previous, last_seq


def head(conn: sqlite3.Connection) -> str:
    """The hash of the last sealed entry ("" for a history with none)."""
    row = conn.execute(
        "SELECT CAST(hash AS BLOB) FROM change_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return (_text(row[0]) or "") if row else ""


def _removal_digests(conn: sqlite3.Connection) -> set[bytes]:
    """Digests of the texts removed from the history by AIMS Desktop (each removal is itself
    an entry of the chain)."""
    found: set[bytes] = set()
    for (value,) in conn.execute(
        "SELECT CAST(new AS BLOB) FROM change_log WHERE entity = ?", (REMOVED_ENTITY,)
    ):
        if value:
            found.update(_REMOVAL_DIGEST.findall(value))
    return found


def _removed_in_place(value: bytes | None, removals: set[bytes]) -> bool:
    """A value rewritten by a recorded "Remove from history": it holds a removal's note."""
    if not value or not removals:
        return False
    return any(digest in removals for digest in _NOTE_DIGEST.findall(value))


def _upgrade(conn: sqlite3.Connection) -> tuple[int, str]:
    """(last seq sealed, time) of the upgrade from file format 1, if this file had one."""
    row = conn.execute(
        "SELECT last_seq, CAST(saved_at AS BLOB) FROM project_revision "
        "WHERE kind = 'upgraded' AND imported_by IS NULL ORDER BY last_seq DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), _text(row[1]) or "") if row else (0, "")


def _saved_head(conn: sqlite3.Connection, saved: int) -> str | None:
    """The head recorded when the current revision was saved (None if not recorded)."""
    row = conn.execute(
        "SELECT CAST(head AS BLOB) FROM project_revision WHERE kind = 'saved' "
        "AND imported_by IS NULL AND number = ? ORDER BY saved_at DESC LIMIT 1",
        (saved,),
    ).fetchone()
    return _text(row[0]) if row else None


def verify(conn: sqlite3.Connection) -> HistoryCheck:
    """Check every entry against its digests and the chain, in order, without loading the
    history whole. Entries not saved yet (in a working copy) are counted, not checked."""
    saved_row = conn.execute("SELECT revision FROM project").fetchone()
    saved = int(saved_row[0]) if saved_row else 0
    removals = _removal_digests(conn)
    upgraded_seq, upgraded_at = _upgrade(conn)
    previous = genesis(_project_id(conn))
    altered: list[AlteredEntry] = []
    count = entries = sealed = unsaved = upgraded = removed = 0
    last_sealed = ""
    cursor = conn.execute(f"SELECT {_ROW} FROM change_log ORDER BY seq")
    while batch := cursor.fetchmany(2000):
        for row in batch:
            entries += 1
            revision = int(row[2])
            stored = _text(row[15])
            problem = ""
            if stored is None:
                if revision > saved:
                    unsaved += 1
                    continue
                problem = NO_HASH
            else:
                sealed += 1
                if int(row[1]) <= upgraded_seq:
                    upgraded += 1
                old_digest, new_digest = _text(row[11]), _text(row[12])
                expected = entry_hash(previous, _chained(row, old_digest, new_digest))
                if expected != stored:
                    problem = CHAIN_BROKEN
                else:
                    values_ok = True
                    for value, digest in ((row[9], old_digest), (row[10], new_digest)):
                        if value_digest(value) == digest:
                            continue
                        if _removed_in_place(value, removals):
                            removed += 1
                            continue
                        values_ok = False
                    if not values_ok:
                        problem = VALUE_CHANGED
                previous = stored
                last_sealed = stored
            if problem:
                count += 1
                if len(altered) < KEPT_ALTERED:
                    altered.append(_altered(row, entries, problem))
    recorded = _saved_head(conn, saved)
    if recorded is not None and recorded != _saved_chain_end(conn, saved) and not count:
        count += 1
        altered.append(
            AlteredEntry(
                position=entries,
                seq=0,
                revision=saved,
                at="",
                who="",
                entity="",
                subject="",
                field="",
                problem=END_REMOVED,
            )
        )
    return HistoryCheck(
        entries=entries,
        sealed=sealed,
        unsaved=unsaved,
        head=last_sealed,
        altered=tuple(altered),
        altered_count=count,
        upgraded_entries=upgraded,
        upgraded_at=upgraded_at,
        removed_values=removed,
    )


def _saved_chain_end(conn: sqlite3.Connection, saved: int) -> str:
    row = conn.execute(
        "SELECT CAST(hash AS BLOB) FROM change_log WHERE revision <= ? ORDER BY seq DESC LIMIT 1",
        (saved,),
    ).fetchone()
    return (_text(row[0]) or "") if row else genesis(_project_id(conn))


def _altered(row: tuple[object, ...], position: int, problem: str) -> AlteredEntry:
    return AlteredEntry(
        position=position,
        seq=int(row[1]),  # type: ignore[call-overload]
        revision=int(row[2]),  # type: ignore[call-overload]
        at=_text(row[3]) or "",
        who=_text(row[4]) or "",
        entity=_text(row[5]) or "",
        subject=_text(row[8]) or "",
        field=_text(row[7]) or "",
        problem=problem,
    )
