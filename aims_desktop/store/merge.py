"""A three-way merge of two copies of one project, from the change logs they do not share.

Both copies start from the history they share: the prefix of their change logs with the same
hashes (store/chain.py: equal hashes at one position mean equal histories up to it), and the
last saved revision both lineages hold (store/lineage.py), which the merge names. What each copy
did since is the entries the other copy does not hold (by id). An entry names what it changed:
a table (`entity`), a row (`entity_id`) and a column (`field`), or the whole row (`field` ""
for a record added or deleted). A link field of a register is its rows in `record_link`, and
the risk criteria are their two tables, each read and written as one value.

Per field: changed on one side only, that side's value is taken; changed on both sides to the
same value, nothing to do; to different values, a conflict. A record added on either side is
kept; deleted on one side and edited on the other, a conflict. Evidence files come across by
SHA-256, never twice.

Every table with a UUID `id` that the change log can name is covered, by its name: a new
register is merged without a line here. Everything works on the raw sqlite3 connection of our
working copy, with the other copy (a validated private copy) attached as `theirs`.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, UniqueConstraint

from aims_desktop.domain.history import LogEntry
from aims_desktop.store import lineage
from aims_desktop.store.planning_repository import CRITERIA
from aims_desktop.store.schema import metadata, referenced_files_sql, risk_scale_level

THEIRS = "theirs"
OURS = "ours"
MERGE_FIELD = "merged"
"""The change-log field of the entry that records a merge (on the `project` row)."""

_NOT_RECORDS = {"project", "change_log", "project_revision", "evidence_blob"}
_STAMPS = ("created_at", "updated_at", "changed_by")


def record_tables() -> dict[str, Table]:
    """Every table whose rows are records with a UUID key: what a merge goes through."""
    return {
        name: table
        for name, table in metadata.tables.items()
        if name not in _NOT_RECORDS and "id" in table.c
    }


class DifferentProject(Exception):
    """The other file is a copy of another project."""


@dataclass(frozen=True)
class Edit:
    """The last entry of one side about one field: who, when, and the value as logged."""

    who: str
    at: str
    text: str | None
    entry_id: str


@dataclass(frozen=True)
class Conflict:
    key: tuple[str, str, str]
    """(table, record id, field); field "" for a record deleted on one side."""
    subject: str
    kind: str
    """"field": changed on both sides; "deleted here": we deleted it, they edited it;
    "deleted there": they deleted it, we edited it."""
    ours: Edit | None
    theirs: Edit | None

    @property
    def id(self) -> str:
        return "/".join(self.key)

    @property
    def field_name(self) -> str:
        return self.key[2]


@dataclass
class MergePlan:
    """What merging the other copy into ours would do."""

    project_id: str
    base: lineage.Revision | None
    shared_entries: int
    ours_only: int
    theirs_only: int
    takes: list[tuple[str, str, str]] = field(default_factory=list)
    """Fields and records (field "") whose value is taken from the other copy."""
    conflicts: list[Conflict] = field(default_factory=list)
    ours_entries: list[LogEntry] = field(default_factory=list)
    """What this copy did since the copies parted, oldest first."""
    theirs_entries: list[LogEntry] = field(default_factory=list)
    """What the other copy did since the copies parted, oldest first."""
    _edits: dict[tuple[str, str, str], tuple[Edit | None, Edit | None, str]] = field(
        default_factory=dict
    )


# -- reading ---------------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.c if c.name not in _STAMPS]


def _is_link(entity: str, fieldname: str, tables: dict[str, Table]) -> bool:
    from aims_desktop.domain.registers import REGISTERS

    spec = REGISTERS.get(entity)
    return spec is not None and any(f.name == fieldname for f in spec.link_fields)


def _read(
    conn: sqlite3.Connection, schema: str, key: tuple[str, str, str], tables: dict[str, Table]
) -> Any:
    """The value of one field (or a row, for field "") in `schema` ("main" or "theirs")."""
    entity, entity_id, fieldname = key
    if entity == CRITERIA:
        return _criteria(conn, schema)
    table = tables[entity]
    if fieldname == "":
        return conn.execute(
            f'SELECT 1 FROM {schema}."{entity}" WHERE id = ?', (entity_id,)
        ).fetchone()
    if fieldname in table.c:
        row = conn.execute(
            f'SELECT "{fieldname}" FROM {schema}."{entity}" WHERE id = ?', (entity_id,)
        ).fetchone()
        return None if row is None else row
    return tuple(
        sorted(
            conn.execute(
                f"SELECT to_register, to_id FROM {schema}.record_link "
                "WHERE from_register = ? AND from_id = ? AND relation = ?",
                (entity, entity_id, fieldname),
            ).fetchall()
        )
    )


def _criteria(conn: sqlite3.Connection, schema: str) -> tuple[Any, ...]:
    criteria = conn.execute(f"SELECT matrix, acceptance FROM {schema}.risk_criteria").fetchall()
    levels = conn.execute(
        f"SELECT scale, level, label, description FROM {schema}.risk_scale_level "
        "ORDER BY scale, level"
    ).fetchall()
    return (tuple(criteria), tuple(levels))


def _mergeable(key: tuple[str, str, str], tables: dict[str, Table]) -> bool:
    entity, _, fieldname = key
    if entity == CRITERIA:
        return True
    table = tables.get(entity)
    if table is None:
        return False
    return fieldname == "" or fieldname in table.c or _is_link(entity, fieldname, tables)


# -- the shared history ----------------------------------------------------------------------


def _hash_at(conn: sqlite3.Connection, schema: str, seq: int) -> tuple[int, str] | None:
    row = conn.execute(
        f"SELECT seq, CAST(hash AS BLOB) FROM {schema}.change_log WHERE seq <= ? "
        "ORDER BY seq DESC LIMIT 1",
        (seq,),
    ).fetchone()
    return None if row is None or row[1] is None else (int(row[0]), _text(row[1]))


def shared_prefix(conn: sqlite3.Connection) -> int:
    """The last seq up to which both change logs are the same entry for entry: found by
    comparing chain hashes (equal hashes at one seq mean equal histories up to it)."""
    (top,) = conn.execute("SELECT coalesce(max(seq), 0) FROM main.change_log").fetchone()
    low, high = 0, int(top)
    while low < high:
        mid = (low + high + 1) // 2
        ours = _hash_at(conn, "main", mid)
        if ours is not None and ours == _hash_at(conn, THEIRS, mid):
            low = mid
        else:
            high = mid - 1
    return low


_ENTRY = (
    "e.id, e.seq, CAST(e.entity AS BLOB), CAST(e.entity_id AS BLOB), CAST(e.field AS BLOB), "
    "CAST(e.who AS BLOB), CAST(e.at AS BLOB), CAST(e.old AS BLOB), CAST(e.new AS BLOB), "
    "CAST(e.subject AS BLOB), e.revision"
)


def _only(conn: sqlite3.Connection, schema: str, other: str, after: int) -> list[tuple[Any, ...]]:
    """Entries of `schema` after the shared prefix that `other` does not hold, oldest first."""
    return conn.execute(
        f"SELECT {_ENTRY} FROM {schema}.change_log e WHERE e.seq > ? AND NOT EXISTS "
        f"(SELECT 1 FROM {other}.change_log o WHERE o.id = e.id) ORDER BY e.seq",
        (after,),
    ).fetchall()


@dataclass
class _Side:
    touched: dict[tuple[str, str, str], list[tuple[Any, ...]]] = field(default_factory=dict)
    records: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """Per record, the fields each side touched ("" for added or deleted)."""

    def add(self, entry: tuple[Any, ...]) -> None:
        key = (_text(entry[2]), _text(entry[3]), _text(entry[4]))
        self.touched.setdefault(key, []).append(entry)
        self.records.setdefault(key[:2], set()).add(key[2])

    def edit(self, key: tuple[str, str, str]) -> Edit | None:
        entries = self.touched.get(key)
        if not entries:
            return None
        last = entries[-1]
        return Edit(
            who=_text(last[5]),
            at=_text(last[6]),
            text=None if last[8] is None else _text(last[8]),
            entry_id=_text(last[0]),
        )

    def edited(self, entity: str, entity_id: str) -> bool:
        return any(f != "" for f in self.records.get((entity, entity_id), ()))


def _map_ids(conn: sqlite3.Connection, side: _Side, tables: dict[str, Table]) -> dict[str, str]:
    """Rows of tables with a natural key (an answer per question) made apart on each side get
    different ids: their entries are counted against our row with the same natural key.
    Returns our id to theirs for each row so mapped."""
    mapping: dict[str, str] = {}
    for (entity, entity_id), fields in list(side.records.items()):
        table = tables.get(entity)
        if table is None or entity == CRITERIA:
            continue
        unique = [
            c for c in table.constraints if isinstance(c, UniqueConstraint) and len(c.columns) > 0
        ]
        single = table.info.get("rows") is not None  # one row, or at most one
        if not unique and not single:
            continue
        if conn.execute(f'SELECT 1 FROM main."{entity}" WHERE id = ?', (entity_id,)).fetchone():
            continue
        if single:
            found = conn.execute(f'SELECT id FROM main."{entity}" LIMIT 1').fetchone()
        else:
            names = [c.name for c in unique[0].columns]
            where = " AND ".join(f'm."{n}" = t."{n}"' for n in names)
            found = conn.execute(
                f'SELECT m.id FROM main."{entity}" m JOIN {THEIRS}."{entity}" t ON {where} '
                "WHERE t.id = ?",
                (entity_id,),
            ).fetchone()
        if found is None:
            continue
        ours_id = _text(found[0])
        for name in fields:
            entries = side.touched.pop((entity, entity_id, name))
            side.touched.setdefault((entity, ours_id, name), []).extend(entries)
        side.records.setdefault((entity, ours_id), set()).update(fields)
        del side.records[(entity, entity_id)]
        mapping[ours_id] = entity_id
    return mapping


# -- planning --------------------------------------------------------------------------------


def plan(conn: sqlite3.Connection) -> MergePlan:
    """What merging `theirs` (attached) into our working copy would do; nothing is written."""
    ours_id = _text(conn.execute("SELECT CAST(id AS BLOB) FROM main.project").fetchone()[0])
    theirs_id = _text(conn.execute(f"SELECT CAST(id AS BLOB) FROM {THEIRS}.project").fetchone()[0])
    if ours_id != theirs_id:
        raise DifferentProject(theirs_id)
    tables = record_tables()
    base = lineage.last_shared(lineage.revisions(conn), lineage.revisions(conn, THEIRS))
    prefix = shared_prefix(conn)
    ours, theirs = _Side(), _Side()
    ours_entries = _only(conn, "main", THEIRS, prefix)
    theirs_entries = _only(conn, THEIRS, "main", prefix)
    for entry in ours_entries:
        ours.add(entry)
    for entry in theirs_entries:
        theirs.add(entry)
    mapping = _map_ids(conn, theirs, tables)

    def there(key: tuple[str, str, str]) -> tuple[str, str, str]:
        return (key[0], mapping.get(key[1], key[1]), key[2])

    result = MergePlan(
        project_id=ours_id,
        base=base,
        shared_entries=prefix,
        ours_only=len(ours_entries),
        theirs_only=len(theirs_entries),
    )
    implicit: set[tuple[str, str, str]] = set()
    for key in sorted(theirs.touched):
        if not _mergeable(key, tables):
            continue
        entity, entity_id, fieldname = key
        subject = _text(theirs.touched[key][-1][9])
        edits = (ours.edit(key), theirs.edit(key), subject)
        result._edits[key] = edits
        if entity == CRITERIA:
            if _read(conn, "main", key, tables) == _read(conn, THEIRS, key, tables):
                continue
            if key in ours.touched:
                result.conflicts.append(Conflict(key, subject, "field", *edits[:2]))
            else:
                result.takes.append(key)
            continue
        in_ours = _read(conn, "main", (entity, entity_id, ""), tables) is not None
        in_theirs = _read(conn, THEIRS, there((entity, entity_id, "")), tables) is not None
        if fieldname == "":
            if in_theirs and not in_ours:
                if "" in ours.records.get((entity, entity_id), set()):
                    if theirs.edited(entity, entity_id):  # we deleted it, they edited it
                        ours_edit = ours.edit(key)
                        result.conflicts.append(
                            Conflict(key, subject, "deleted here", ours_edit, theirs.edit(key))
                        )
                else:
                    result.takes.append(key)  # added there
            elif in_ours and not in_theirs:
                if ours.edited(entity, entity_id):  # they deleted it, we edited it
                    result.conflicts.append(
                        Conflict(key, subject, "deleted there", ours.edit(key), theirs.edit(key))
                    )
                elif "" not in ours.records.get((entity, entity_id), set()):
                    result.takes.append(key)  # deleted there
            continue
        record = (entity, entity_id, "")
        if in_theirs and not in_ours and record not in theirs.touched and record not in implicit:
            if "" not in ours.records.get((entity, entity_id), set()):
                implicit.add(record)  # a row made with its first value (an answer)
                result._edits[record] = (None, theirs.edit(key), subject)
                result.takes.append(record)
            continue
        if not (in_ours and in_theirs):
            continue  # the record's own fate decides (above)
        if _read(conn, "main", key, tables) == _read(conn, THEIRS, there(key), tables):
            continue
        if key in ours.touched:
            result.conflicts.append(Conflict(key, subject, "field", *edits[:2]))
        else:
            result.takes.append(key)
    # A record deleted here and edited there, with no entry of its own there: still a conflict.
    for (entity, entity_id), fields in ours.records.items():
        key = (entity, entity_id, "")
        if "" not in fields or key in result._edits or not theirs.edited(entity, entity_id):
            continue
        if not _mergeable(key, tables):
            continue
        in_ours = _read(conn, "main", key, tables) is not None
        in_theirs = _read(conn, THEIRS, key, tables) is not None
        if in_theirs and not in_ours:
            edited = next(k for k in theirs.touched if k[:2] == (entity, entity_id))
            subject = _text(theirs.touched[edited][-1][9])
            result._edits[key] = (ours.edit(key), theirs.edit(edited), subject)
            result.conflicts.append(
                Conflict(key, subject, "deleted here", ours.edit(key), theirs.edit(edited))
            )
    result.ours_entries = [_log_entry(e) for e in ours_entries]
    result.theirs_entries = [_log_entry(e) for e in theirs_entries]
    return result


def _log_entry(row: tuple[Any, ...]) -> LogEntry:
    return LogEntry(
        id=_text(row[0]),
        seq=int(row[1]),
        entity=_text(row[2]),
        entity_id=_text(row[3]),
        field=_text(row[4]),
        who=_text(row[5]),
        at=_text(row[6]),
        old=None if row[7] is None else _text(row[7]),
        new=None if row[8] is None else _text(row[8]),
        subject=_text(row[9]),
        revision=int(row[10]),
    )


# -- applying --------------------------------------------------------------------------------


def _copy_row(conn: sqlite3.Connection, entity: str, entity_id: str) -> None:
    conn.execute(
        f'INSERT OR REPLACE INTO main."{entity}" SELECT * FROM {THEIRS}."{entity}" WHERE id = ?',
        (entity_id,),
    )
    if entity in _register_keys():
        conn.execute(
            "DELETE FROM main.record_link WHERE from_register = ? AND from_id = ?",
            (entity, entity_id),
        )
        conn.execute(
            "INSERT OR IGNORE INTO main.record_link SELECT * FROM theirs.record_link "
            "WHERE from_register = ? AND from_id = ?",
            (entity, entity_id),
        )


def _register_keys() -> set[str]:
    from aims_desktop.domain.registers import REGISTERS

    return set(REGISTERS)


def _delete_row(conn: sqlite3.Connection, entity: str, entity_id: str) -> None:
    conn.execute(f'DELETE FROM main."{entity}" WHERE id = ?', (entity_id,))
    if entity in _register_keys():
        conn.execute(
            "DELETE FROM main.record_link WHERE from_register = ? AND from_id = ?",
            (entity, entity_id),
        )


def _take(
    conn: sqlite3.Connection,
    key: tuple[str, str, str],
    tables: dict[str, Table],
    now: str,
    who: str,
    theirs_id: str,
) -> None:
    entity, entity_id, fieldname = key
    if entity == CRITERIA:
        for table in (CRITERIA, risk_scale_level.name):
            conn.execute(f"DELETE FROM main.{table}")
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM {THEIRS}.{table}")
        return
    if fieldname == "":
        if conn.execute(f'SELECT 1 FROM {THEIRS}."{entity}" WHERE id = ?', (entity_id,)).fetchone():
            _copy_row(conn, entity, entity_id)
        else:
            _delete_row(conn, entity, entity_id)
        return
    if fieldname in tables[entity].c:
        conn.execute(
            f'UPDATE main."{entity}" SET "{fieldname}" = '
            f'(SELECT "{fieldname}" FROM {THEIRS}."{entity}" WHERE id = ?), '
            "updated_at = ?, changed_by = ? WHERE id = ?",
            (theirs_id, now, who, entity_id),
        )
        return
    conn.execute(
        "DELETE FROM main.record_link WHERE from_register = ? AND from_id = ? AND relation = ?",
        (entity, entity_id, fieldname),
    )
    conn.execute(
        "INSERT OR IGNORE INTO main.record_link SELECT * FROM theirs.record_link "
        "WHERE from_register = ? AND from_id = ? AND relation = ?",
        (entity, entity_id, fieldname),
    )


@dataclass(frozen=True)
class Applied:
    merge_id: str
    taken: int
    conflicts_resolved: int
    blobs_copied: int
    entries_imported: int


def apply(
    conn: sqlite3.Connection,
    merge_plan: MergePlan,
    resolutions: dict[str, str],
    *,
    who: str,
    now: str,
    note: str,
) -> Applied:
    """Write the plan into our working copy (one transaction): the fields and records taken,
    each conflict as `resolutions` says (conflict id to OURS or THEIRS; every conflict needs
    one), the other copy's entries and revisions (marked as imported), and one entry for the
    merge itself saying `note`."""
    missing = [c.id for c in merge_plan.conflicts if resolutions.get(c.id) not in (OURS, THEIRS)]
    if missing:
        raise ValueError(f"{len(missing)} conflicts have no resolution")
    tables = record_tables()
    merge_id = str(uuid.uuid4())
    taken = [*merge_plan.takes]
    taken += [c.key for c in merge_plan.conflicts if resolutions[c.id] == THEIRS]
    id_map: dict[str, str] = {}
    conn.execute("BEGIN IMMEDIATE")
    try:
        (blobs_before,) = conn.execute("SELECT count(*) FROM main.evidence_blob").fetchone()
        (saved,) = conn.execute("SELECT revision FROM main.project").fetchone()
        revision = int(saved) + 1
        for key in taken:
            theirs_id = _theirs_id(conn, key, id_map)
            _take(conn, key, tables, now, who, theirs_id)
        # The stored files our records now name and we do not hold, by SHA-256 (once each).
        conn.execute(
            "INSERT INTO main.evidence_blob SELECT b.* FROM theirs.evidence_blob b "
            f"WHERE b.sha256 IN ({referenced_files_sql('main')}) AND NOT EXISTS "
            "(SELECT 1 FROM main.evidence_blob m WHERE m.sha256 = b.sha256)"
        )
        (seq,) = conn.execute("SELECT coalesce(max(seq), 0) FROM main.change_log").fetchone()
        seq = int(seq)
        imported = [e.id for e in merge_plan.theirs_entries]
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS merge_ids (id TEXT PRIMARY KEY, n INTEGER)")
        conn.execute("DELETE FROM temp.merge_ids")
        conn.executemany(
            "INSERT INTO temp.merge_ids VALUES (?, ?)", [(i, n) for n, i in enumerate(imported)]
        )
        conn.execute(
            "INSERT INTO main.change_log (id, seq, revision, at, who, entity, entity_id, field, "
            "subject, old, new, old_sha256, new_sha256, hash, imported_by, adopted_from) "
            "SELECT e.id, ? + m.n + 1, ?, e.at, e.who, e.entity, e.entity_id, e.field, "
            "e.subject, e.old, e.new, e.old_sha256, e.new_sha256, NULL, ?, NULL "
            "FROM theirs.change_log e JOIN temp.merge_ids m ON m.id = e.id",
            (seq, revision, merge_id),
        )
        seq += len(imported)
        rows = []
        for key in taken:
            ours_edit, theirs_edit, subject = merge_plan._edits.get(key, (None, None, ""))
            seq += 1
            rows.append(
                (
                    str(uuid.uuid4()),
                    seq,
                    revision,
                    now,
                    who,
                    key[0],
                    key[1],
                    key[2],
                    subject,
                    ours_edit.text if ours_edit else None,
                    theirs_edit.text if theirs_edit else None,
                    theirs_edit.entry_id if theirs_edit else None,
                )
            )
        seq += 1
        rows.append(
            (
                str(uuid.uuid4()),
                seq,
                revision,
                now,
                who,
                "project",
                merge_plan.project_id,
                MERGE_FIELD,
                "Merge of a copy",
                None,
                note,
                merge_id,
            )
        )
        conn.executemany(
            "INSERT INTO main.change_log (id, seq, revision, at, who, entity, entity_id, field, "
            "subject, old, new, adopted_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.execute(
            "INSERT INTO main.project_revision SELECT t.id, t.number, t.kind, t.saved_at, "
            "t.saved_by, t.head, t.last_seq, ?, t.created_at, t.updated_at, t.changed_by "
            "FROM theirs.project_revision t WHERE NOT EXISTS "
            "(SELECT 1 FROM main.project_revision m WHERE m.id = t.id)",
            (merge_id,),
        )
        (blobs_after,) = conn.execute("SELECT count(*) FROM main.evidence_blob").fetchone()
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return Applied(
        merge_id=merge_id,
        taken=len(merge_plan.takes),
        conflicts_resolved=len(merge_plan.conflicts),
        blobs_copied=int(blobs_after) - int(blobs_before),
        entries_imported=len(imported),
    )


def _theirs_id(conn: sqlite3.Connection, key: tuple[str, str, str], cache: dict[str, str]) -> str:
    """The id of our row in the other copy (it differs for a natural-key row made apart)."""
    entity, entity_id, _ = key
    if entity_id in cache:
        return cache[entity_id]
    found = entity_id
    table = record_tables().get(entity)
    unique = [
        c
        for c in (table.constraints if table is not None else ())
        if isinstance(c, UniqueConstraint)
    ]
    missing = (
        entity != CRITERIA
        and not conn.execute(
            f'SELECT 1 FROM {THEIRS}."{entity}" WHERE id = ?', (entity_id,)
        ).fetchone()
    )
    if missing and table is not None and table.info.get("rows") is not None:
        row = conn.execute(f'SELECT id FROM {THEIRS}."{entity}" LIMIT 1').fetchone()
        if row is not None:
            found = _text(row[0])
    elif unique and missing:
        names = [c.name for c in unique[0].columns]
        where = " AND ".join(f't."{n}" = m."{n}"' for n in names)
        row = conn.execute(
            f'SELECT t.id FROM {THEIRS}."{entity}" t JOIN main."{entity}" m ON {where} '
            "WHERE m.id = ?",
            (entity_id,),
        ).fetchone()
        if row is not None:
            found = _text(row[0])
    cache[entity_id] = found
    return found


def attach(conn: sqlite3.Connection, path: str) -> None:
    conn.execute("ATTACH DATABASE ? AS theirs", (path,))


def detach(conn: sqlite3.Connection) -> None:
    conn.execute("DETACH DATABASE theirs")


def texts(values: Iterable[object]) -> list[str]:
    return [_text(v) for v in values]


def _state_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table a merge may change. Stored files are left out: a merge only adds them,
    and a file no record names any more is not written by the next save. So is the project
    row, which a merge never changes: a save made since the merge stays the saved revision."""
    return [
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT IN ('evidence_blob', 'project') "
            "ORDER BY name"
        )
    ]


def keep_tables(conn: sqlite3.Connection, target: Path) -> None:
    """Copy every table a merge may change into a new file `target` (for Undo or Redo)."""
    conn.execute("ATTACH DATABASE ? AS kept", (str(target),))
    try:
        conn.execute("BEGIN")
        try:
            for table in _state_tables(conn):
                conn.execute(f'CREATE TABLE kept."{table}" AS SELECT * FROM main."{table}"')
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE kept")


def restore_tables(conn: sqlite3.Connection, source: Path) -> None:
    """Put back the tables kept by `keep_tables` in `source`, in one transaction."""
    conn.execute("ATTACH DATABASE ? AS kept", (str(source),))
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            for table in _state_tables(conn):
                conn.execute(f'DELETE FROM main."{table}"')
                conn.execute(f'INSERT INTO main."{table}" SELECT * FROM kept."{table}"')
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE kept")
