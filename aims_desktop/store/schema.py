"""Tables of the .aims file, its identity (application_id) and revision (user_version).

Every table has a UUID primary key (two copies of one project must be mergeable later) and the
stamps created_at / updated_at (UTC, ISO 8601) and changed_by. The one exception is evidence_blob,
keyed by the SHA-256 of its content: a content hash is as globally unique as a UUID and makes the
same file attached twice, or in two copies of a project, one row. (Its name dates from file
format 1, when files were anonymous evidence; since format 2 a document version names its file.)

Three things describe the schema, each for one job:

- `SCHEMA_SQL[revision]`: the literal CREATE statements a file of that revision contains, frozen
  as text. New files are created by running them, and validation compares every object of a file
  with them (`expected_schema`), so what we write and what we accept are the same text.
- `metadata`: the SQLAlchemy Core tables the queries use, always of the current revision; a test
  checks that it agrees with `SCHEMA_SQL[SCHEMA_REVISION]`.
- The `info={"rule": ...}` of each column (store/column_rules.py): what a stored value may be,
  checked on open against the current revision after any migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import (
    BLOB,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    cast,
    type_coerce,
)

from aims_desktop.domain.assessment import Applicability
from aims_desktop.domain.organisation import (
    ORGANISATION_NAME_LENGTH,
    AIRole,
    ClimateRelevance,
    OrgSize,
)
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.status import Answer, Status
from aims_desktop.store.column_rules import (
    MAX_TEXT,
    WHITESPACE,
    All,
    IntRange,
    IsoDate,
    IsoTimestamp,
    MaxLength,
    OneOf,
    SetOf,
    Sha256Hex,
    Unread,
    Uuid,
    Where,
    literal,
)
from aims_desktop.store.planning_tables import planning_tables
from aims_desktop.store.register_tables import link_table, register_table
from aims_desktop.store.sql_text import normalise_sql

APPLICATION_ID = 0x41494D53  # "AIMS" in ASCII: lets `file`-like tools recognise our files
SCHEMA_REVISION = 2
"""Bump when the schema changes: add its SCHEMA_SQL, a step to migrations.py and a fixture file
under tests/fixtures."""

MAX_REVISION = 2_000_000_000
"""Highest saved revision a file may claim: far beyond any real project, far below overflow."""

MAX_EVIDENCE_BYTES = 1_000_000_000
"""Largest stored evidence file (SQLite's own limit for one value)."""

ONE_ROW = "one row"
"""Table info: the table holds exactly one row (the project, the organisation)."""

metadata = MetaData()


def _catalog_clauses() -> list[str]:
    from aims_desktop.catalog import load_catalog

    return [item.id for item in load_catalog().items if not item.is_control]


def _catalog_items() -> list[str]:
    from aims_desktop.catalog import load_catalog

    return [item.id for item in load_catalog().items]


def _catalog_questions() -> list[str]:
    from aims_desktop.catalog import load_catalog

    return [f"{item.id} {q.key}" for item in load_catalog().items for q in item.questions]


HISTORIC_ENTITIES = ("evidence",)
"""Entities the change log of an older file may name though their table is gone (format 1's
anonymous evidence became documents in format 2): the history keeps what happened."""


def _entities() -> list[str]:
    return [*metadata.tables, *HISTORIC_ENTITIES]


_TIMESTAMP = {"rule": IsoTimestamp()}
_UUID = {"rule": Uuid()}
_SHORT = {"rule": MaxLength(100)}
_ITEM = {"rule": MaxLength(50, minimum=1)}


def _stamps(read: bool = True) -> list[Column[str]]:
    """created_at, updated_at, changed_by; `read` False for a table whose stamps are never
    read back (evidence_blob: they sit after the file's bytes, and the evidence record has
    its own)."""
    unread = {"rule": Unread()}
    return [
        Column("created_at", String, nullable=False, info=_TIMESTAMP if read else unread),
        Column("updated_at", String, nullable=False, info=_TIMESTAMP if read else unread),
        Column("changed_by", String, nullable=False, default="", info={} if read else unread),
    ]


project = Table(
    "project",
    metadata,
    Column("id", String, primary_key=True, info=_UUID),
    Column("revision", Integer, nullable=False, info={"rule": IntRange(0, MAX_REVISION)}),
    Column("catalog_version", String, nullable=False, info=_SHORT),
    Column("saved_by_version", String, nullable=False, info=_SHORT),
    Column("saved_at", String, info=_TIMESTAMP),
    *_stamps(),
    info={"rows": ONE_ROW},
)

organisation = Table(
    "organisation",
    metadata,
    Column("id", String, primary_key=True, info=_UUID),
    Column(
        "name",
        String,
        nullable=False,
        info={"rule": MaxLength(ORGANISATION_NAME_LENGTH, minimum=1)},
    ),
    Column("sector", String, nullable=False, default=""),
    Column(
        "size", String, nullable=False, default="", info={"rule": OneOf([s.value for s in OrgSize])}
    ),
    Column("country", String, nullable=False, default=""),
    Column(
        "roles", String, nullable=False, default="", info={"rule": SetOf([r.value for r in AIRole])}
    ),
    Column("scope", Text, nullable=False, default=""),
    *_stamps(),
    # revision 2 (added to the end of the table by the migration, so in this order)
    Column(
        "climate_change",
        String,
        nullable=True,
        info={"rule": OneOf([c.value for c in ClimateRelevance])},
    ),
    Column("climate_note", Text, nullable=False, server_default=""),
    Column("scope_version", Text, nullable=False, server_default=""),
    Column("scope_approved_by", Text, nullable=False, server_default=""),
    Column("scope_approved_on", String, nullable=True, info={"rule": IsoDate()}),
    info={"rows": ONE_ROW},
)

_EXCLUSION = Where(
    "{c} = 'not_applicable' AND (item_id IN ({clauses}) "
    f"OR trim(justification, {literal(WHITESPACE)}) = '')",
    "a status allowed for the item (only a control can be excluded, and only with a justification)",
    {"clauses": _catalog_clauses},
)

assessment = Table(
    "assessment",
    metadata,
    Column("id", String, primary_key=True, info=_UUID),
    Column("item_id", String, nullable=False, unique=True, info=_ITEM),
    Column(
        "status",
        String,
        nullable=False,
        info={"rule": All((OneOf([s.value for s in Status]), _EXCLUSION))},
    ),
    Column("justification", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("owner", String, nullable=False, default=""),
    Column("target_date", String, info={"rule": IsoDate()}),
    *_stamps(),
    # revision 2 (added to the end of the table by the migration): the Statement of
    # Applicability's three-way choice for a control
    Column(
        "applicability",
        String,
        nullable=False,
        server_default="undecided",
        info={
            "rule": All(
                (
                    OneOf([a.value for a in Applicability]),
                    Where(
                        "({c} = 'excluded') != (status = 'not_applicable')",
                        "“excluded” exactly when the status is “not applicable”",
                    ),
                )
            )
        },
    ),
)

_QUESTION = Where(
    "length({c}) > 100 OR (item_id IN ({items}) AND (item_id || ' ' || {c}) NOT IN ({questions}))",
    "a guidance question of the item",
    {"items": _catalog_items, "questions": _catalog_questions},
)

guidance_answer = Table(
    "guidance_answer",
    metadata,
    Column("id", String, primary_key=True, info=_UUID),
    Column("item_id", String, nullable=False, info=_ITEM),
    Column("question_key", String, nullable=False, info={"rule": _QUESTION}),
    Column("answer", String, info={"rule": OneOf([a.value for a in Answer])}),
    *_stamps(),
    UniqueConstraint("item_id", "question_key"),
)

_BLOB_SIZE = All(
    (
        IntRange(0, MAX_EVIDENCE_BYTES),
        Where("{c} != length(data)", "the length of the stored file"),
    )
)

evidence_blob = Table(
    "evidence_blob",
    metadata,
    Column("sha256", String, primary_key=True, info={"rule": Sha256Hex()}),
    Column("size", Integer, nullable=False, info={"rule": _BLOB_SIZE}),
    Column("data", BLOB, nullable=False),
    *_stamps(read=False),
)


class LenientText(TypeDecorator[str]):
    """Text read back even where a file holds bytes that are not UTF-8 (shown as U+FFFD).

    Used for the change log: it may hold a million rows, too many to check in Python for valid
    UTF-8 on open (SQLite cannot), and its text is only ever shown, never edited. Stored and
    declared exactly like its `impl` (the schema text does not change)."""

    impl = String
    cache_ok = True
    lenient = True

    def column_expression(self, column: Any) -> Any:
        # Read the bytes as stored (SQLite's driver would refuse text that is not UTF-8) and
        # keep this type, so process_result_value decodes them.
        return type_coerce(cast(column, LargeBinary), self)

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else bytes(value).decode("utf-8", "replace")


class LenientLongText(LenientText):
    impl = Text
    cache_ok = True


LOG_VALUE_LENGTH = 2 * MAX_TEXT + 10_000
"""A logged value: one text field, or a record of a register with all its fields."""

change_log = Table(
    "change_log",
    metadata,
    # A key compared for equality only: checked for length, not for the UUID pattern, which
    # costs more than all other checks of a million-row log together.
    Column("id", LenientText, primary_key=True, info=_SHORT),
    # order within this file; not a key
    Column("seq", Integer, nullable=False, info={"rule": IntRange(0, 2**62)}),
    # the saved revision this change belongs to
    Column("revision", Integer, nullable=False, info={"rule": IntRange(0, MAX_REVISION + 1)}),
    Column("at", LenientText, nullable=False, info=_TIMESTAMP),
    Column("who", LenientText, nullable=False),
    Column("entity", LenientText, nullable=False, info={"rule": OneOf(_entities)}),
    Column("entity_id", LenientText, nullable=False, info=_SHORT),
    Column("field", LenientText, nullable=False, info=_SHORT),
    Column("subject", LenientText, nullable=False, default="", info={"rule": MaxLength(1000)}),
    Column("old", LenientLongText, info={"rule": MaxLength(LOG_VALUE_LENGTH)}),
    Column("new", LenientLongText, info={"rule": MaxLength(LOG_VALUE_LENGTH)}),
    # revision 2 (added to the end of the table by the migration): the hash chain
    # (store/chain.py) and what a merge of two copies needs (store/merge.py). Compared for
    # equality only, so any text is accepted: an altered value is a warning of `check`, never
    # a reason to refuse the file.
    #   old_sha256, new_sha256: SHA-256 of `old` and `new` as they were saved; kept when
    #     "Remove from history" rewrites a value, so the chain stays verifiable;
    #   hash: SHA-256 over the entry (with those digests) and the previous entry's hash;
    #     NULL until the entry is saved;
    #   imported_by: for an entry another copy made, the id of the merge that brought it in;
    #   adopted_from: for a change a merge made, the id of the other copy's entry whose value
    #     it took.
    Column("old_sha256", LenientText, info=_SHORT),
    Column("new_sha256", LenientText, info=_SHORT),
    Column("hash", LenientText, info=_SHORT),
    Column("imported_by", LenientText, info=_SHORT),
    Column("adopted_from", LenientText, info=_SHORT),
    Index("ix_change_log_seq", "seq"),
    Index("ix_change_log_entity", "entity", "entity_id"),
)

SAVED = "saved"
"""A project_revision row of a save (of this file or of a copy it descends from)."""
UPGRADED = "upgraded"
"""The project_revision row of an upgrade from file format 1, where the hash chain begins."""

project_revision = Table(
    "project_revision",
    metadata,
    # id: the revision's own id, the same in every copy that descends from it, so the last
    # revision two copies share can be found (store/merge.py); head: the head of the hash
    # chain when the revision was saved; last_seq: the `seq` of its last change-log entry in
    # the file that saved it; imported_by: for a revision of another copy, the id of the merge
    # that brought it into this file.
    Column("id", String, primary_key=True, info=_UUID),
    Column("number", Integer, nullable=False, info={"rule": IntRange(0, MAX_REVISION + 1)}),
    Column("kind", String, nullable=False, info={"rule": OneOf([SAVED, UPGRADED])}),
    Column("saved_at", String, nullable=False, info=_TIMESTAMP),
    Column("saved_by", String, nullable=False, info={"rule": MaxLength(1000)}),
    Column("head", String, nullable=False, info=_SHORT),
    Column("last_seq", Integer, nullable=False, info={"rule": IntRange(0, 2**62)}),
    Column("imported_by", String, nullable=True, info=_SHORT),
    *_stamps(),
)
"""Revision 2: the lineage of a project, one row per saved revision it descends from."""

REGISTER_TABLES: dict[str, Table] = {
    key: register_table(metadata, spec) for key, spec in REGISTERS.items()
}
"""One table per register (revision 2 on), generated from the register's declaration."""

record_link = link_table(metadata, list(REGISTERS))

risk_criteria, risk_scale_level, soa_document = planning_tables(metadata)
"""Revision 2: the risk criteria (6.1.1) and the Statement of Applicability's details."""

FILE_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (key, spec.stored_file.sha256)
    for key, spec in REGISTERS.items()
    if spec.stored_file is not None
)
"""(table, column) of every register column that names a stored file by its SHA-256: the
files a project keeps are exactly the ones these columns name."""


def referenced_files_sql(schema: str = "main") -> str:
    """SQL selecting the SHA-256 of every stored file a record refers to."""
    return " UNION ".join(
        f'SELECT "{column}" FROM {schema}."{table}" WHERE "{column}" != \'\''
        for table, column in FILE_COLUMNS
    )


def register_tables() -> dict[str, Table]:
    return REGISTER_TABLES


# fmt: off
SCHEMA_SQL: dict[int, tuple[str, ...]] = {
    # Revision 1: exactly what AIMS Desktop 0.1.0 wrote (tests/fixtures/revision-1.aims).
    1: (
        (
            'CREATE TABLE project (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\trevision INTEGER NOT NULL, \n'
            '\tcatalog_version VARCHAR NOT NULL, \n'
            '\tsaved_by_version VARCHAR NOT NULL, \n'
            '\tsaved_at VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE organisation (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tname VARCHAR NOT NULL, \n'
            '\tsector VARCHAR NOT NULL, \n'
            '\tsize VARCHAR NOT NULL, \n'
            '\tcountry VARCHAR NOT NULL, \n'
            '\troles VARCHAR NOT NULL, \n'
            '\tai_systems TEXT NOT NULL, \n'
            '\tscope TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE assessment (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\titem_id VARCHAR NOT NULL, \n'
            '\tstatus VARCHAR NOT NULL, \n'
            '\tjustification TEXT NOT NULL, \n'
            '\tnotes TEXT NOT NULL, \n'
            '\towner VARCHAR NOT NULL, \n'
            '\ttarget_date VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id), \n'
            '\tUNIQUE (item_id)\n'
            ')'
        ),
        (
            'CREATE TABLE guidance_answer (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\titem_id VARCHAR NOT NULL, \n'
            '\tquestion_key VARCHAR NOT NULL, \n'
            '\tanswer VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id), \n'
            '\tUNIQUE (item_id, question_key)\n'
            ')'
        ),
        (
            'CREATE TABLE evidence_blob (\n'
            '\tsha256 VARCHAR NOT NULL, \n'
            '\tsize INTEGER NOT NULL, \n'
            '\tdata BLOB NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (sha256)\n'
            ')'
        ),
        (
            'CREATE TABLE change_log (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tseq INTEGER NOT NULL, \n'
            '\trevision INTEGER NOT NULL, \n'
            '\tat VARCHAR NOT NULL, \n'
            '\twho VARCHAR NOT NULL, \n'
            '\tentity VARCHAR NOT NULL, \n'
            '\tentity_id VARCHAR NOT NULL, \n'
            '\tfield VARCHAR NOT NULL, \n'
            '\tsubject VARCHAR NOT NULL, \n'
            '\told TEXT, \n'
            '\tnew TEXT, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE evidence (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\titem_id VARCHAR, \n'
            '\ttitle VARCHAR NOT NULL, \n'
            '\tfile_name VARCHAR NOT NULL, \n'
            '\tmedia_type VARCHAR NOT NULL, \n'
            '\tsha256 VARCHAR NOT NULL, \n'
            '\tsize INTEGER NOT NULL, \n'
            '\tnote TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id), \n'
            '\tFOREIGN KEY(sha256) REFERENCES evidence_blob (sha256)\n'
            ')'
        ),
        'CREATE INDEX ix_change_log_seq ON change_log (seq)',
        'CREATE INDEX ix_change_log_entity ON change_log (entity, entity_id)',
        'CREATE INDEX ix_evidence_item_id ON evidence (item_id)',
    ),
    # Revision 2: revision 1 migrated (store/migrations.py); print it again with
    # `uv run python -m aims_desktop.store.schema_dump 2` while revision 2 is unreleased.
    2: (
        (
            'CREATE TABLE project (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\trevision INTEGER NOT NULL, \n'
            '\tcatalog_version VARCHAR NOT NULL, \n'
            '\tsaved_by_version VARCHAR NOT NULL, \n'
            '\tsaved_at VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE organisation (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tname VARCHAR NOT NULL, \n'
            '\tsector VARCHAR NOT NULL, \n'
            '\tsize VARCHAR NOT NULL, \n'
            '\tcountry VARCHAR NOT NULL, \n'
            '\troles VARCHAR NOT NULL, \n'
            '\tscope TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, climate_change VARCHAR, '
            "climate_note TEXT DEFAULT '' NOT NULL, "
            "scope_version TEXT DEFAULT '' NOT NULL, "
            "scope_approved_by TEXT DEFAULT '' NOT NULL, "
            'scope_approved_on VARCHAR, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE assessment (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\titem_id VARCHAR NOT NULL, \n'
            '\tstatus VARCHAR NOT NULL, \n'
            '\tjustification TEXT NOT NULL, \n'
            '\tnotes TEXT NOT NULL, \n'
            '\towner VARCHAR NOT NULL, \n'
            '\ttarget_date VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, '
            "applicability VARCHAR DEFAULT 'undecided' NOT NULL, \n"
            '\tPRIMARY KEY (id), \n'
            '\tUNIQUE (item_id)\n'
            ')'
        ),
        (
            'CREATE TABLE guidance_answer (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\titem_id VARCHAR NOT NULL, \n'
            '\tquestion_key VARCHAR NOT NULL, \n'
            '\tanswer VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id), \n'
            '\tUNIQUE (item_id, question_key)\n'
            ')'
        ),
        (
            'CREATE TABLE evidence_blob (\n'
            '\tsha256 VARCHAR NOT NULL, \n'
            '\tsize INTEGER NOT NULL, \n'
            '\tdata BLOB NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (sha256)\n'
            ')'
        ),
        (
            'CREATE TABLE change_log (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tseq INTEGER NOT NULL, \n'
            '\trevision INTEGER NOT NULL, \n'
            '\tat VARCHAR NOT NULL, \n'
            '\twho VARCHAR NOT NULL, \n'
            '\tentity VARCHAR NOT NULL, \n'
            '\tentity_id VARCHAR NOT NULL, \n'
            '\tfield VARCHAR NOT NULL, \n'
            '\tsubject VARCHAR NOT NULL, \n'
            '\told TEXT, \n'
            '\tnew TEXT, old_sha256 VARCHAR, new_sha256 VARCHAR, hash VARCHAR, '
            'imported_by VARCHAR, adopted_from VARCHAR, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE ai_incident (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tkind VARCHAR, \n'
            '\treported_on VARCHAR, \n'
            '\treported_by TEXT NOT NULL, \n'
            '\toccurred_on VARCHAR, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\tseverity VARCHAR, \n'
            '\taffected TEXT NOT NULL, \n'
            '\tinformed TEXT NOT NULL, \n'
            '\tauthority_required INTEGER NOT NULL, \n'
            '\tauthority TEXT NOT NULL, \n'
            '\tauthority_informed_on VARCHAR, \n'
            '\tresponse TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE ai_system (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\tpurpose TEXT NOT NULL, \n'
            '\troles TEXT NOT NULL, \n'
            '\tstage VARCHAR, \n'
            '\towner TEXT NOT NULL, \n'
            '\tin_scope INTEGER NOT NULL, \n'
            '\tscope_reason TEXT NOT NULL, \n'
            '\torigin VARCHAR, \n'
            '\tprovider TEXT NOT NULL, \n'
            '\tdata TEXT NOT NULL, \n'
            '\tpersonal_data INTEGER NOT NULL, \n'
            '\tspecial_category_data INTEGER NOT NULL, \n'
            '\taffected TEXT NOT NULL, \n'
            '\toversight TEXT NOT NULL, \n'
            '\tdeployed_on VARCHAR, \n'
            '\teu_ai_act VARCHAR, \n'
            '\teu_ai_act_note TEXT NOT NULL, \n'
            '\treview_date VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE audit_finding (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tparent_id VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tgrade VARCHAR, \n'
            '\tstatement TEXT NOT NULL, \n'
            '\tevidence TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE awareness_session (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\theld_on VARCHAR, \n'
            '\ttopics TEXT NOT NULL, \n'
            '\tcontent TEXT NOT NULL, \n'
            '\tpresenter TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE certification_audit (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tstage VARCHAR, \n'
            '\tplanned_on VARCHAR, \n'
            '\theld_on VARCHAR, \n'
            '\tbody TEXT NOT NULL, \n'
            '\tlead_auditor TEXT NOT NULL, \n'
            '\toutcome VARCHAR, \n'
            '\tcertificate_number TEXT NOT NULL, \n'
            '\tcertificate_expires VARCHAR, \n'
            '\tfindings TEXT NOT NULL, \n'
            '\tnotes TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE communication (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tsubject TEXT NOT NULL, \n'
            '\taudience TEXT NOT NULL, \n'
            '\tdirection VARCHAR, \n'
            '\ttiming TEXT NOT NULL, \n'
            '\tchannel TEXT NOT NULL, \n'
            '\tcommunicator TEXT NOT NULL, \n'
            '\tlast_done VARCHAR, \n'
            '\tnext_due VARCHAR, \n'
            '\tnote TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE competence (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\tshown_by TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE context_issue (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\torigin VARCHAR, \n'
            '\tcategory VARCHAR, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\teffect TEXT NOT NULL, \n'
            '\tresponse TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\treview_date VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE document (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tkind VARCHAR, \n'
            '\tversion TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\towner TEXT NOT NULL, \n'
            '\tapprover TEXT NOT NULL, \n'
            '\tapproved_on VARCHAR, \n'
            '\treview_date VARCHAR, \n'
            '\tclassification VARCHAR, \n'
            '\tretention TEXT NOT NULL, \n'
            '\tkept VARCHAR, \n'
            '\tlocation TEXT NOT NULL, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE document_version (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tparent_id VARCHAR NOT NULL, \n'
            '\tversion TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\tapprover TEXT NOT NULL, \n'
            '\tapproved_on VARCHAR, \n'
            '\tchanges TEXT NOT NULL, \n'
            '\tfile_name TEXT NOT NULL, \n'
            '\tsha256 TEXT NOT NULL, \n'
            '\tsize INTEGER, \n'
            '\tmedia_type TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE impact (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tparent_id VARCHAR NOT NULL, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\tarea VARCHAR, \n'
            '\tdirection VARCHAR, \n'
            '\twho TEXT NOT NULL, \n'
            '\tseverity INTEGER, \n'
            '\tlikelihood INTEGER, \n'
            '\tmeasures TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE impact_assessment (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tversion TEXT NOT NULL, \n'
            '\tassessed_on VARCHAR, \n'
            '\tstatus VARCHAR, \n'
            '\tintended_use TEXT NOT NULL, \n'
            '\tmisuse TEXT NOT NULL, \n'
            '\taffected TEXT NOT NULL, \n'
            '\tvulnerable TEXT NOT NULL, \n'
            '\tsocietal TEXT NOT NULL, \n'
            '\tmeasures TEXT NOT NULL, \n'
            '\tresult VARCHAR, \n'
            '\tconclusion TEXT NOT NULL, \n'
            '\tassessor TEXT NOT NULL, \n'
            '\treviewer TEXT NOT NULL, \n'
            '\treviewed_on VARCHAR, \n'
            '\treview_date VARCHAR, \n'
            '\treview_trigger TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE improvement (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tsource VARCHAR, \n'
            '\traised_on VARCHAR, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\tdue VARCHAR, \n'
            '\tstatus VARCHAR, \n'
            '\toutcome TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE interested_party (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\torigin VARCHAR, \n'
            '\trequirements TEXT NOT NULL, \n'
            '\taddressed VARCHAR, \n'
            '\taddressed_how TEXT NOT NULL, \n'
            '\tengagement TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\treview_date VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE internal_audit (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\tplanned_on VARCHAR, \n'
            '\theld_on VARCHAR, \n'
            '\treported_on VARCHAR, \n'
            '\tscope TEXT NOT NULL, \n'
            '\tcriteria TEXT NOT NULL, \n'
            '\tauditor TEXT NOT NULL, \n'
            '\tteam TEXT NOT NULL, \n'
            '\tindependence TEXT NOT NULL, \n'
            '\tauditees TEXT NOT NULL, \n'
            '\tconclusion TEXT NOT NULL, \n'
            '\treported_to TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE management_review (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\theld_on VARCHAR, \n'
            '\tchair TEXT NOT NULL, \n'
            '\tattendees TEXT NOT NULL, \n'
            '\tinput_actions TEXT NOT NULL, \n'
            '\tinput_issues TEXT NOT NULL, \n'
            '\tinput_parties TEXT NOT NULL, \n'
            '\tinput_nonconformities TEXT NOT NULL, \n'
            '\tinput_monitoring TEXT NOT NULL, \n'
            '\tinput_audits TEXT NOT NULL, \n'
            '\tinput_objectives TEXT NOT NULL, \n'
            '\tinput_risks TEXT NOT NULL, \n'
            '\tinput_improvement TEXT NOT NULL, \n'
            '\tdiscussion TEXT NOT NULL, \n'
            '\tdecisions TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE measurement_result (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tparent_id VARCHAR NOT NULL, \n'
            '\tperiod TEXT NOT NULL, \n'
            '\tmeasured_on VARCHAR, \n'
            '\tvalue TEXT NOT NULL, \n'
            '\tmeasured_by TEXT NOT NULL, \n'
            '\tnote TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE monitoring_measure (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\tpurpose TEXT NOT NULL, \n'
            '\tmethod TEXT NOT NULL, \n'
            '\tunit TEXT NOT NULL, \n'
            '\ttarget TEXT NOT NULL, \n'
            '\tdirection VARCHAR, \n'
            '\tfrequency VARCHAR, \n'
            '\tmeasured_by TEXT NOT NULL, \n'
            '\tanalysed_by TEXT NOT NULL, \n'
            '\tevaluation TEXT NOT NULL, \n'
            '\tactive INTEGER NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE nonconformity (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tsource VARCHAR, \n'
            '\traised_on VARCHAR, \n'
            '\traised_by TEXT NOT NULL, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\tcorrection TEXT NOT NULL, \n'
            '\troot_cause TEXT NOT NULL, \n'
            '\tcorrective_action TEXT NOT NULL, \n'
            '\taction_owner TEXT NOT NULL, \n'
            '\taction_due VARCHAR, \n'
            '\tstatus VARCHAR, \n'
            '\teffectiveness_check TEXT NOT NULL, \n'
            '\tchecked_by TEXT NOT NULL, \n'
            '\tchecked_on VARCHAR, \n'
            '\teffective INTEGER NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE objective (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tobjective TEXT NOT NULL, \n'
            '\tcategory VARCHAR, \n'
            '\tmeasure TEXT NOT NULL, \n'
            '\ttarget TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\tdue VARCHAR, \n'
            '\tresources TEXT NOT NULL, \n'
            '\tevaluation TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE objective_progress (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tparent_id VARCHAR NOT NULL, \n'
            '\trecorded_on VARCHAR, \n'
            '\tvalue TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\tnote TEXT NOT NULL, \n'
            '\trecorded_by TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE organisation_control (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\treason TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\timplementation VARCHAR, \n'
            '\tevidence TEXT NOT NULL, \n'
            '\treview_date VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE person (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\tjob_title TEXT NOT NULL, \n'
            '\tnote TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE planned_change (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tchange TEXT NOT NULL, \n'
            '\treason TEXT NOT NULL, \n'
            '\tconsequences TEXT NOT NULL, \n'
            '\tresources TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\tplanned_for VARCHAR, \n'
            '\tstatus VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE project_revision (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tnumber INTEGER NOT NULL, \n'
            '\tkind VARCHAR NOT NULL, \n'
            '\tsaved_at VARCHAR NOT NULL, \n'
            '\tsaved_by VARCHAR NOT NULL, \n'
            '\thead VARCHAR NOT NULL, \n'
            '\tlast_seq INTEGER NOT NULL, \n'
            '\timported_by VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE record_link (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tfrom_register VARCHAR NOT NULL, \n'
            '\tfrom_id VARCHAR NOT NULL, \n'
            '\trelation VARCHAR NOT NULL, \n'
            '\tto_register VARCHAR NOT NULL, \n'
            '\tto_id VARCHAR NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id), \n'
            '\tUNIQUE (from_id, relation, to_register, to_id)\n'
            ')'
        ),
        (
            'CREATE TABLE review_action (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tparent_id VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\taction TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\tdue VARCHAR, \n'
            '\tstatus VARCHAR, \n'
            '\tdone_on VARCHAR, \n'
            '\tnote TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE review_comment (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tabout TEXT NOT NULL, \n'
            '\ttarget TEXT NOT NULL, \n'
            '\tkind VARCHAR, \n'
            '\tcomment TEXT NOT NULL, \n'
            '\treviewer TEXT NOT NULL, \n'
            '\tmade_on VARCHAR, \n'
            '\tstatus VARCHAR, \n'
            '\tresponse TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE risk (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\tsources TEXT NOT NULL, \n'
            '\tother_source TEXT NOT NULL, \n'
            '\tobjectives TEXT NOT NULL, \n'
            '\tconsequence_organisation TEXT NOT NULL, \n'
            '\tconsequence_individuals TEXT NOT NULL, \n'
            '\tconsequence_society TEXT NOT NULL, \n'
            '\tlikelihood INTEGER, \n'
            '\tconsequence INTEGER, \n'
            '\towner TEXT NOT NULL, \n'
            '\tstatus VARCHAR, \n'
            '\treview_date VARCHAR, \n'
            '\toption VARCHAR, \n'
            '\ttreatment_plan TEXT NOT NULL, \n'
            '\ttreatment_owner TEXT NOT NULL, \n'
            '\ttreatment_due VARCHAR, \n'
            '\tresidual_likelihood INTEGER, \n'
            '\tresidual_consequence INTEGER, \n'
            '\taccepted_by TEXT NOT NULL, \n'
            '\taccepted_on VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE risk_criteria (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tmatrix VARCHAR NOT NULL, \n'
            '\tacceptance INTEGER NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE risk_scale_level (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tscale VARCHAR NOT NULL, \n'
            '\tlevel INTEGER NOT NULL, \n'
            '\tlabel TEXT NOT NULL, \n'
            '\tdescription TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id), \n'
            '\tUNIQUE (scale, level)\n'
            ')'
        ),
        (
            'CREATE TABLE role (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\tresponsibilities TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE soa_document (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tnumber TEXT NOT NULL, \n'
            '\tversion TEXT NOT NULL, \n'
            '\tapproved_by TEXT NOT NULL, \n'
            '\tapproved_on VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE supplier (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tref TEXT NOT NULL, \n'
            '\tname TEXT NOT NULL, \n'
            '\tkind VARCHAR, \n'
            '\tsupplies TEXT NOT NULL, \n'
            '\tresponsibilities TEXT NOT NULL, \n'
            '\tdue_diligence TEXT NOT NULL, \n'
            '\towner TEXT NOT NULL, \n'
            '\treviewed_on VARCHAR, \n'
            '\treview_date VARCHAR, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        (
            'CREATE TABLE training (\n'
            '\tid VARCHAR NOT NULL, \n'
            '\tparent_id VARCHAR NOT NULL, \n'
            '\ttitle TEXT NOT NULL, \n'
            '\tkind VARCHAR, \n'
            '\tstatus VARCHAR, \n'
            '\tcompleted_on VARCHAR, \n'
            '\tdue_on VARCHAR, \n'
            '\tvalid_until VARCHAR, \n'
            '\tprovider TEXT NOT NULL, \n'
            '\tcreated_at VARCHAR NOT NULL, \n'
            '\tupdated_at VARCHAR NOT NULL, \n'
            '\tchanged_by VARCHAR NOT NULL, \n'
            '\tPRIMARY KEY (id)\n'
            ')'
        ),
        'CREATE INDEX ix_change_log_seq ON change_log (seq)',
        'CREATE INDEX ix_change_log_entity ON change_log (entity, entity_id)',
        'CREATE INDEX ix_audit_finding_parent_id ON audit_finding (parent_id)',
        'CREATE INDEX ix_document_version_parent_id ON document_version (parent_id)',
        'CREATE INDEX ix_impact_parent_id ON impact (parent_id)',
        'CREATE INDEX ix_measurement_result_parent_id ON measurement_result (parent_id)',
        'CREATE INDEX ix_objective_progress_parent_id ON objective_progress (parent_id)',
        'CREATE INDEX ix_record_link_from ON record_link (from_register, from_id)',
        'CREATE INDEX ix_record_link_to ON record_link (to_register, to_id)',
        'CREATE INDEX ix_review_action_parent_id ON review_action (parent_id)',
        'CREATE INDEX ix_training_parent_id ON training (parent_id)',
    ),
}
# fmt: on
"""Every schema object of a file of each revision, in the order they are created. Frozen: a
later release adds a revision, it never edits one."""

SchemaKey = tuple[str, str, str]
"""(type, name, tbl_name) of a row of sqlite_master."""


@cache
def schema_text(revision: int) -> dict[SchemaKey, str | None]:
    """What sqlite_master of a file of `revision` holds, as we write it: {(type, name,
    tbl_name): sql}. Built by running SCHEMA_SQL in memory, so the indexes SQLite creates for
    primary keys and UNIQUE constraints (sql NULL) are included."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA foreign_keys=ON")
        for statement in SCHEMA_SQL[revision]:
            conn.execute(statement)
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return {(kind, name, table): sql for kind, name, table, sql in rows}


@cache
def expected_schema(revision: int) -> dict[SchemaKey, str | None]:
    """{(type, name, tbl_name): normalised sql} of a valid file of `revision`: what validation
    compares every row of a file's sqlite_master with."""
    return {key: normalise_sql(sql) for key, sql in schema_text(revision).items()}


def create_schema(execute: Callable[[str], Any]) -> None:
    """Create the current revision's tables in a new, empty file, running each statement of
    SCHEMA_SQL with `execute` (a connection's execute method)."""
    for statement in SCHEMA_SQL[SCHEMA_REVISION]:
        execute(statement)
