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

from sqlalchemy import Table

from aims_desktop.store.schema import SCHEMA_REVISION, record_link, register_tables

Step = Callable[[sqlite3.Connection], None]

MIGRATED_BY = "AIMS Desktop (file upgrade)"
"""Who the change log says made the changes an upgrade makes (records it creates)."""


def _create_sql(table: Table) -> list[str]:
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = sqlite.dialect()
    statements = [str(CreateTable(table).compile(dialect=dialect)).strip()]
    for index in sorted(table.indexes, key=lambda i: str(i.name)):
        statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def _split_system(line: str) -> tuple[str, str]:
    """ "RoutePilot: plans routes" -> ("RoutePilot", "plans routes")."""
    for separator in (":", " - ", " – "):  # noqa: RUF001 (an en dash is meant)
        name, found, rest = line.partition(separator)
        if found and name.strip():
            return name.strip(), rest.strip()
    return line.strip(), ""


_PLANNING_SQL = (
    "CREATE TABLE risk_criteria (\n"
    "\tid VARCHAR NOT NULL, \n"
    "\tmatrix VARCHAR NOT NULL, \n"
    "\tacceptance INTEGER NOT NULL, \n"
    "\tcreated_at VARCHAR NOT NULL, \n"
    "\tupdated_at VARCHAR NOT NULL, \n"
    "\tchanged_by VARCHAR NOT NULL, \n"
    "\tPRIMARY KEY (id)\n"
    ")",
    "CREATE TABLE risk_scale_level (\n"
    "\tid VARCHAR NOT NULL, \n"
    "\tscale VARCHAR NOT NULL, \n"
    "\tlevel INTEGER NOT NULL, \n"
    "\tlabel TEXT NOT NULL, \n"
    "\tdescription TEXT NOT NULL, \n"
    "\tcreated_at VARCHAR NOT NULL, \n"
    "\tupdated_at VARCHAR NOT NULL, \n"
    "\tchanged_by VARCHAR NOT NULL, \n"
    "\tPRIMARY KEY (id), \n"
    "\tUNIQUE (scale, level)\n"
    ")",
    "CREATE TABLE soa_document (\n"
    "\tid VARCHAR NOT NULL, \n"
    "\tnumber TEXT NOT NULL, \n"
    "\tversion TEXT NOT NULL, \n"
    "\tapproved_by TEXT NOT NULL, \n"
    "\tapproved_on VARCHAR, \n"
    "\tcreated_at VARCHAR NOT NULL, \n"
    "\tupdated_at VARCHAR NOT NULL, \n"
    "\tchanged_by VARCHAR NOT NULL, \n"
    "\tPRIMARY KEY (id)\n"
    ")",
)
"""The risk criteria and the Statement of Applicability's details (store/planning_tables.py):
empty tables, read as the defaults until the user sets them."""


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


def _to_revision_2(conn: sqlite3.Connection) -> None:
    """Registers: a table per register and the link table; the organisation gains the climate
    change answer and the scope's version and approval; its free-text list of AI systems
    becomes AI system records (one per line), logged as created by the upgrade. Assessments
    gain the three-way applicability of a control; the risk criteria and the Statement of
    Applicability's details get their tables."""
    for table in (*register_tables().values(), record_link):
        for statement in _create_sql(table):
            conn.execute(statement)
    for statement in _PLANNING_SQL:
        conn.execute(statement)
    _applicability(conn)
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
            record_id = str(uuid.uuid4())
            ref = f"AI-{number:03d}"
            created = (moment + timedelta(microseconds=number)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            conn.execute(
                "INSERT INTO ai_system (id, ref, name, purpose, roles, owner, in_scope, "
                "scope_reason, provider, data, personal_data, special_category_data, affected, "
                "oversight, eu_ai_act_note, created_at, updated_at, changed_by) "
                "VALUES (?, ?, ?, ?, '', '', 1, '', '', '', 0, 0, '', '', '', ?, ?, ?)",
                (record_id, ref, name[:500], purpose, created, now, MIGRATED_BY),
            )
            seq += 1
            content = {"ref": ref, "name": name[:500], "purpose": purpose, "in_scope": "1"}
            conn.execute(
                "INSERT INTO change_log (id, seq, revision, at, who, entity, entity_id, field, "
                "subject, old, new) VALUES (?, ?, ?, ?, ?, 'ai_system', ?, '', ?, NULL, ?)",
                (
                    str(uuid.uuid4()),
                    seq,
                    int(saved) + 1,
                    now,
                    MIGRATED_BY,
                    record_id,
                    f"{ref} {name[:500]}",
                    json.dumps(content, ensure_ascii=False, sort_keys=True),
                ),
            )
    conn.execute("ALTER TABLE organisation DROP COLUMN ai_systems")


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
