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

from aims_desktop.store.schema import SCHEMA_REVISION, schema_text

Step = Callable[[sqlite3.Connection], None]

MIGRATED_BY = "AIMS Desktop (file upgrade)"
"""Who the change log says made the changes an upgrade makes (records it creates)."""


def _split_system(line: str) -> tuple[str, str]:
    """ "RoutePilot: plans routes" -> ("RoutePilot", "plans routes")."""
    for separator in (":", " - ", " – "):  # noqa: RUF001 (an en dash is meant)
        name, found, rest = line.partition(separator)
        if found and name.strip():
            return name.strip(), rest.strip()
    return line.strip(), ""


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
            record_id = str(uuid.uuid4())
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
                    str(uuid.uuid4()),
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


def _to_revision_2(conn: sqlite3.Connection) -> None:
    """Registers: a table per register and the link table (their frozen SQL), then the
    organisation's changes."""
    for statement in added_statements(2):
        conn.execute(statement)
    organisation_to_revision_2(conn)


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
