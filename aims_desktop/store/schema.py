"""Tables of the .aims file, its identity (application_id) and revision (user_version).

Every table has a UUID primary key (two copies of one project must be mergeable later) and the
stamps created_at / updated_at (UTC, ISO 8601) and changed_by. The one exception is evidence_blob,
keyed by the SHA-256 of its content: a content hash is as globally unique as a UUID and makes the
same file attached twice, or in two copies of a project, one row.
"""

from __future__ import annotations

from sqlalchemy import (
    BLOB,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from aims_desktop.domain.registers import REGISTERS
from aims_desktop.store.planning_tables import planning_tables
from aims_desktop.store.register_tables import link_table, register_table

APPLICATION_ID = 0x41494D53  # "AIMS" in ASCII: lets `file`-like tools recognise our files
SCHEMA_REVISION = 2
"""Bump when the schema changes, add a step to migrations.py and a fixture file under tests."""

metadata = MetaData()


def _stamps() -> list[Column[str]]:
    return [
        Column("created_at", String, nullable=False),
        Column("updated_at", String, nullable=False),
        Column("changed_by", String, nullable=False, default=""),
    ]


project = Table(
    "project",
    metadata,
    Column("id", String, primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("catalog_version", String, nullable=False),
    Column("saved_by_version", String, nullable=False),
    Column("saved_at", String),
    *_stamps(),
)

organisation = Table(
    "organisation",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("sector", String, nullable=False, default=""),
    Column("size", String, nullable=False, default=""),
    Column("country", String, nullable=False, default=""),
    Column("roles", String, nullable=False, default=""),
    Column("scope", Text, nullable=False, default=""),
    *_stamps(),
    # revision 2 (added to the end of the table by the migration, so in this order)
    Column("climate_change", String, nullable=True),
    Column("climate_note", Text, nullable=False, server_default=""),
    Column("scope_version", Text, nullable=False, server_default=""),
    Column("scope_approved_by", Text, nullable=False, server_default=""),
    Column("scope_approved_on", String, nullable=True),
)

assessment = Table(
    "assessment",
    metadata,
    Column("id", String, primary_key=True),
    Column("item_id", String, nullable=False, unique=True),
    Column("status", String, nullable=False),
    Column("justification", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("owner", String, nullable=False, default=""),
    Column("target_date", String),
    *_stamps(),
    # revision 2 (added to the end of the table by the migration): the Statement of
    # Applicability's three-way choice for a control
    Column("applicability", String, nullable=False, server_default="undecided"),
)

guidance_answer = Table(
    "guidance_answer",
    metadata,
    Column("id", String, primary_key=True),
    Column("item_id", String, nullable=False),
    Column("question_key", String, nullable=False),
    Column("answer", String),
    *_stamps(),
    UniqueConstraint("item_id", "question_key"),
)

evidence_blob = Table(
    "evidence_blob",
    metadata,
    Column("sha256", String, primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", BLOB, nullable=False),
    *_stamps(),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", String, primary_key=True),
    Column("item_id", String),
    Column("title", String, nullable=False),
    Column("file_name", String, nullable=False),
    Column("media_type", String, nullable=False, default="application/octet-stream"),
    Column("sha256", String, ForeignKey("evidence_blob.sha256"), nullable=False),
    Column("size", Integer, nullable=False),
    Column("note", Text, nullable=False, default=""),
    *_stamps(),
    Index("ix_evidence_item_id", "item_id"),
)

change_log = Table(
    "change_log",
    metadata,
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),  # order within this file; not a key
    Column("revision", Integer, nullable=False),  # the saved revision this change belongs to
    Column("at", String, nullable=False),
    Column("who", String, nullable=False),
    Column("entity", String, nullable=False),
    Column("entity_id", String, nullable=False),
    Column("field", String, nullable=False),
    Column("subject", String, nullable=False, default=""),
    Column("old", Text),
    Column("new", Text),
    Index("ix_change_log_seq", "seq"),
    Index("ix_change_log_entity", "entity", "entity_id"),
)

REGISTER_TABLES: dict[str, Table] = {
    key: register_table(metadata, spec) for key, spec in REGISTERS.items()
}
"""One table per register (revision 2 on), generated from the register's declaration."""

record_link = link_table(metadata)

risk_criteria, risk_scale_level, soa_document = planning_tables(metadata)
"""Revision 2: the risk criteria (6.1.1) and the Statement of Applicability's details."""


def register_tables() -> dict[str, Table]:
    return REGISTER_TABLES


# What a valid file of each revision contains, and nothing else. Written out literally (not
# derived from `metadata`) so that a later schema change cannot silently widen what old files
# may contain; tests/store/test_schema.py checks the current revision against `metadata`.


class AllowedSchema:
    """The tables (with their columns) and indexes (with their table) of one revision."""

    def __init__(self, tables: dict[str, tuple[str, ...]], indexes: dict[str, str]) -> None:
        self.tables = tables
        self.indexes = indexes


# fmt: off
ALLOWED_SCHEMA: dict[int, AllowedSchema] = {
    1: AllowedSchema(
        tables={
            "project": (
                "id", "revision", "catalog_version", "saved_by_version", "saved_at",
                "created_at", "updated_at", "changed_by",
            ),
            "organisation": (
                "id", "name", "sector", "size", "country", "roles", "ai_systems", "scope",
                "created_at", "updated_at", "changed_by",
            ),
            "assessment": (
                "id", "item_id", "status", "justification", "notes", "owner", "target_date",
                "created_at", "updated_at", "changed_by",
            ),
            "guidance_answer": (
                "id", "item_id", "question_key", "answer", "created_at", "updated_at",
                "changed_by",
            ),
            "evidence_blob": ("sha256", "size", "data", "created_at", "updated_at", "changed_by"),
            "evidence": (
                "id", "item_id", "title", "file_name", "media_type", "sha256", "size", "note",
                "created_at", "updated_at", "changed_by",
            ),
            "change_log": (
                "id", "seq", "revision", "at", "who", "entity", "entity_id", "field", "subject",
                "old", "new",
            ),
        },
        indexes={
            "ix_evidence_item_id": "evidence",
            "ix_change_log_seq": "change_log",
            "ix_change_log_entity": "change_log",
            "sqlite_autoindex_project_1": "project",
            "sqlite_autoindex_organisation_1": "organisation",
            "sqlite_autoindex_assessment_1": "assessment",
            "sqlite_autoindex_assessment_2": "assessment",
            "sqlite_autoindex_guidance_answer_1": "guidance_answer",
            "sqlite_autoindex_guidance_answer_2": "guidance_answer",
            "sqlite_autoindex_evidence_blob_1": "evidence_blob",
            "sqlite_autoindex_evidence_1": "evidence",
            "sqlite_autoindex_change_log_1": "change_log",
        },
    ),
}
# fmt: on


def _current_allowed() -> AllowedSchema:
    """The allow-list of the current revision, read from what `metadata` creates.

    Temporary: the frozen SQL of every revision replaces the allow-list (issue 7).
    """
    import sqlite3

    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        tables: dict[str, tuple[str, ...]] = {}
        indexes: dict[str, str] = {}
        for kind, name, table in conn.execute("SELECT type, name, tbl_name FROM sqlite_master"):
            if kind == "table":
                tables[name] = tuple(r[1] for r in conn.execute(f'PRAGMA table_xinfo("{name}")'))
            elif kind == "index":
                indexes[name] = table
    finally:
        raw.close()
        engine.dispose()
    return AllowedSchema(tables, indexes)


ALLOWED_SCHEMA[SCHEMA_REVISION] = _current_allowed()
