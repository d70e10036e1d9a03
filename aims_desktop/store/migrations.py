"""Bring a working copy of an older file up to the current schema revision.

Migrations run on the working copy only: the user's original stays exactly as it was, so opening
an old file in a new version and closing it without saving changes nothing. Each step takes a
revision to the next one; tests/fixtures holds a file of every released revision.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from aims_desktop.store import chain
from aims_desktop.store.schema import SAVED, SCHEMA_REVISION, UPGRADED, schema_text

Step = Callable[[sqlite3.Connection], None]

MIGRATED_BY = "AIMS Desktop (file upgrade)"
"""Who the change log says made the changes an upgrade makes (records it creates)."""

_IDS = uuid.UUID("6f1d3b0e-5a43-4c9e-9a51-2f7c0a9d8e11")
"""Namespace of the ids an upgrade makes up. They follow from the project and what it held, so
two copies of one old file upgraded apart (by two people) get the same ids and still merge."""


def _made_up_id(conn: sqlite3.Connection, what: str) -> str:
    (project_id,) = conn.execute("SELECT id FROM project").fetchone()
    return str(uuid.uuid5(_IDS, f"{project_id} {what}"))


def _split_system(line: str) -> tuple[str, str]:
    """ "RoutePilot: plans routes" -> ("RoutePilot", "plans routes")."""
    for separator in (":", " - ", " – "):  # noqa: RUF001 (an en dash is meant)
        name, found, rest = line.partition(separator)
        if found and name.strip():
            return name.strip(), rest.strip()
    return line.strip(), ""


def _applicability(conn: sqlite3.Connection) -> None:
    """Applicability becomes three-way. An excluded control stays excluded; a control whose
    implementation was assessed (met, partially met, not met), or whose reason for inclusion was
    written, was decided to apply (revision 1 had no other way to say so); every other control
    is not decided yet, and no longer prints as applicable."""
    conn.execute(
        "ALTER TABLE assessment ADD COLUMN applicability VARCHAR DEFAULT 'undecided' NOT NULL"
    )
    conn.execute("UPDATE assessment SET applicability = 'excluded' WHERE status = 'not_applicable'")
    conn.execute(
        "UPDATE assessment SET applicability = 'applicable' "
        "WHERE item_id LIKE 'A.%' AND status != 'not_applicable' "
        "AND (status IN ('met', 'partially_met', 'not_met') "
        "OR trim(justification, ' ' || char(9, 10, 13)) != '')"
    )


def added_statements(revision: int) -> list[str]:
    """The frozen CREATE statements of `revision` for objects the revision before lacks, in
    the order a file of `revision` holds them."""
    before = schema_text(revision - 1)
    return [sql for key, sql in schema_text(revision).items() if key not in before and sql]


def _insert_row(conn: sqlite3.Connection, table: str, values: dict[str, object]) -> None:
    """A row with `values`; every other NOT NULL column gets the empty value of its type (the
    table's columns are read from the file, so this stays right whatever revision 2 holds)."""
    row = dict(values)
    for _cid, name, kind, notnull, default, _pk in conn.execute(f'PRAGMA table_info("{table}")'):
        if name not in row and notnull and default is None:
            row[name] = 0 if "INT" in str(kind).upper() else ""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def organisation_to_revision_2(conn: sqlite3.Connection) -> None:
    """The organisation gains the climate change answer and the scope's version and approval;
    its free-text list of AI systems becomes AI system records (one per line), logged as
    created by the upgrade; the free-text column goes."""
    for column in (
        "climate_change VARCHAR",
        "climate_note TEXT DEFAULT '' NOT NULL",
        "scope_version TEXT DEFAULT '' NOT NULL",
        "scope_approved_by TEXT DEFAULT '' NOT NULL",
        "scope_approved_on VARCHAR",
    ):
        conn.execute(f"ALTER TABLE organisation ADD COLUMN {column}")
    (text,) = conn.execute("SELECT ai_systems FROM organisation").fetchone()
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if lines:
        moment = datetime.now(UTC)
        now = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        (saved,) = conn.execute("SELECT revision FROM project").fetchone()
        (seq,) = conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
        for number, line in enumerate(lines, start=1):
            name, purpose = _split_system(line)
            name = name[:500]
            record_id = _made_up_id(conn, f"ai_system {number} {line}")
            ref = f"AI-{number:03d}"
            created = (moment + timedelta(microseconds=number)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            _insert_row(
                conn,
                "ai_system",
                {
                    "id": record_id,
                    "ref": ref,
                    "name": name,
                    "purpose": purpose,
                    "in_scope": 1,
                    "created_at": created,
                    "updated_at": now,
                    "changed_by": MIGRATED_BY,
                },
            )
            seq += 1
            content = {"ref": ref, "name": name, "purpose": purpose, "in_scope": "1"}
            conn.execute(
                "INSERT INTO change_log (id, seq, revision, at, who, entity, entity_id, field, "
                "subject, old, new) VALUES (?, ?, ?, ?, ?, 'ai_system', ?, '', ?, NULL, ?)",
                (
                    _made_up_id(conn, f"ai_system {number} {line} created"),
                    seq,
                    int(saved),  # part of the saved state: the file holds these systems
                    now,
                    MIGRATED_BY,
                    record_id,
                    f"{ref} {name}",
                    json.dumps(content, ensure_ascii=False, sort_keys=True),
                ),
            )
    conn.execute("ALTER TABLE organisation DROP COLUMN ai_systems")


def _log_created(
    conn: sqlite3.Connection,
    entity: str,
    record_id: str,
    subject: str,
    content: dict[str, str],
    *,
    seq: int,
    saved: int,
    now: str,
) -> None:
    """A change-log entry saying the upgrade created a record (part of the saved state)."""
    conn.execute(
        "INSERT INTO change_log (id, seq, revision, at, who, entity, entity_id, field, "
        "subject, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, NULL, ?)",
        (
            str(uuid.uuid4()),
            seq,
            saved,
            now,
            MIGRATED_BY,
            entity,
            record_id,
            subject,
            json.dumps(content, ensure_ascii=False, sort_keys=True),
        ),
    )


def evidence_to_documents(conn: sqlite3.Connection) -> None:
    """Format 1's anonymous evidence becomes documents: one document per distinct file (the
    same file attached to several requirements is one document serving all of them), with one
    version holding the file and a link to every requirement it was attached to. The notes
    attached with the file become the document's notes. The evidence table goes; the files stay
    where they are (evidence_blob, by SHA-256)."""
    rows = conn.execute(
        "SELECT item_id, title, file_name, media_type, sha256, size, note, created_at, "
        "changed_by FROM evidence ORDER BY created_at, rowid"
    ).fetchall()
    groups: dict[tuple[str, str, str], list[tuple[object, ...]]] = {}
    for row in rows:
        groups.setdefault((str(row[4]), str(row[2]), str(row[1])), []).append(row)
    if groups:
        moment = datetime.now(UTC)
        now = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        (saved,) = conn.execute("SELECT revision FROM project").fetchone()
        (seq,) = conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
        for number, ((sha256, file_name, title), members) in enumerate(groups.items(), start=1):
            first = members[0]
            created, who = str(first[7]), str(first[8])
            items = list(dict.fromkeys(str(m[0]) for m in members if m[0]))
            notes = [(str(m[0] or ""), str(m[6] or "").strip()) for m in members]
            notes = [(item, text) for item, text in notes if text]
            if len({text for _item, text in notes}) == 1 and len(notes) == len(members):
                description = notes[0][1]
            else:
                description = "\n".join(f"{item}: {text}" if item else text for item, text in notes)
            document_id, version_id = str(uuid.uuid4()), str(uuid.uuid4())
            ref = f"DOC-{number:03d}"
            name = title[:500] or file_name[:500]
            _insert_row(
                conn,
                "document",
                {
                    "id": document_id,
                    "ref": ref,
                    "title": name,
                    "version": "1",
                    "kept": "in_project",
                    "description": description,
                    "created_at": created,
                    "updated_at": now,
                    "changed_by": who,
                },
            )
            _insert_row(
                conn,
                "document_version",
                {
                    "id": version_id,
                    "parent_id": document_id,
                    "version": "1",
                    "file_name": file_name,
                    "sha256": sha256,
                    "size": int(str(first[5])),
                    "media_type": str(first[3]),
                    "created_at": created,
                    "updated_at": now,
                    "changed_by": who,
                },
            )
            for item in items:
                conn.execute(
                    "INSERT INTO record_link (id, from_register, from_id, relation, "
                    "to_register, to_id, created_at, updated_at, changed_by) "
                    "VALUES (?, 'document', ?, 'requirements', 'catalog', ?, ?, ?, ?)",
                    (str(uuid.uuid4()), document_id, item, created, now, who),
                )
            seq += 1
            _log_created(
                conn,
                "document",
                document_id,
                f"Document “{ref} {name}”",
                {
                    "ref": ref,
                    "title": name,
                    "version": "1",
                    "kept": "in_project",
                    "description": description,
                    "requirements": "\n".join(sorted(items)),
                },
                seq=seq,
                saved=int(saved),
                now=now,
            )
            seq += 1
            _log_created(
                conn,
                "document_version",
                version_id,
                "Document version “1”",
                {
                    "parent_id": document_id,
                    "version": "1",
                    "file_name": file_name,
                    "sha256": sha256,
                    "size": str(first[5]),
                    "media_type": str(first[3]),
                },
                seq=seq,
                saved=int(saved),
                now=now,
            )
    conn.execute("DROP INDEX ix_evidence_item_id")
    conn.execute("DROP TABLE evidence")


def _to_revision_2(conn: sqlite3.Connection) -> None:
    """The tables new in revision 2 (their frozen SQL): a table per register, the link table,
    the risk criteria and the Statement of Applicability's details. Then the changes to
    tables that existed: assessments gain the three-way applicability of a control; the
    organisation gains the climate-change answer and the scope's approval, and its free-text
    list of AI systems becomes AI system records; evidence becomes documents."""
    for statement in added_statements(2):
        conn.execute(statement)
    changes_to_revision_2(conn)
    seal_upgraded_history(conn)


def changes_to_revision_2(conn: sqlite3.Connection) -> None:
    """Revision 2's changes to the tables revision 1 already had (schema_dump runs them too)."""
    _applicability(conn)
    organisation_to_revision_2(conn)
    evidence_to_documents(conn)
    for column in ("old_sha256", "new_sha256", "hash", "imported_by", "adopted_from"):
        conn.execute(f"ALTER TABLE change_log ADD COLUMN {column} VARCHAR")


def seal_upgraded_history(conn: sqlite3.Connection) -> None:
    """The history of a format-1 file had no hash chain: seal every entry now (the chain
    begins at this upgrade, and `check` says so), and give each saved revision the log shows
    an id, so that copies of the same old file share their lineage.

    A revision's id follows from the project and the ids of its entries: two copies that saved
    different changes as "revision 6" get different ids."""
    (saved, saved_at) = conn.execute("SELECT revision, saved_at FROM project").fetchone()
    head, last_seq = chain.seal(conn, after_revision=-1)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    revisions = conn.execute(
        "SELECT revision, max(seq), max(at), group_concat(id, ' ') FROM "
        "(SELECT revision, seq, at, id FROM change_log WHERE revision <= ? ORDER BY seq) "
        "GROUP BY revision ORDER BY revision",
        (int(saved),),
    ).fetchall()
    rows = []
    for number, seq, at, ids in revisions:
        (hash_,) = conn.execute("SELECT hash FROM change_log WHERE seq = ?", (seq,)).fetchone()
        when = saved_at if number == saved and saved_at else at
        rows.append(
            (
                _made_up_id(conn, f"revision {number} {ids}"),
                int(number),
                SAVED,
                when,
                MIGRATED_BY,
                hash_,
                int(seq),
            )
        )
    rows.append(
        (
            _made_up_id(conn, f"upgrade {saved} {saved_at}"),
            int(saved),
            UPGRADED,
            now,
            MIGRATED_BY,
            head,
            last_seq,
        )
    )
    conn.executemany(
        "INSERT INTO project_revision (id, number, kind, saved_at, saved_by, head, last_seq, "
        "imported_by, created_at, updated_at, changed_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?4, ?4, ?5)",
        rows,
    )


STEPS: dict[int, Step] = {
    # from_revision: function migrating from_revision -> from_revision + 1
    1: _to_revision_2,
}


def migrate(conn: sqlite3.Connection, from_revision: int) -> int:
    """Apply every step from `from_revision` to the current revision, each in a transaction."""
    revision = from_revision
    while revision < SCHEMA_REVISION:
        step = STEPS[revision]
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            conn.execute(f"PRAGMA user_version={revision + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        revision += 1
    return revision
