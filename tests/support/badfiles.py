"""Bad project files of every kind the application must refuse, each with its own message.

Besides files that are not ours at all, the crafted kinds below are valid SQLite files that a
stranger could send: schema objects with the same names as ours but different SQL (a CHECK, a
DEFAULT expression, a generated column, STRICT, WITHOUT ROWID, a partial or expression index, a
cascading foreign key), header fields that make every later edit fail, values of the wrong type
or out of range, evidence whose bytes do not match their fingerprint, and an index that only
SQLite's full integrity_check (not quick_check) finds inconsistent.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import zipfile
from pathlib import Path

BAD_KINDS = (
    "missing",
    "empty",
    "zip",
    "pdf",
    "sqlite",
    "newer",
    "damaged",
    "trigger",
    "view",
    "table",
    # schema objects that look like ours
    "check_constraint",
    "default_expression",
    "generated_column",
    "strict_table",
    "without_rowid",
    "partial_index",
    "expression_index",
    "cascading_key",
    # header and integrity
    "write_version",
    "wal_file",
    "bad_index",
    # values
    "revision_text",
    "revision_huge",
    "unknown_status",
    "bad_date",
    "unknown_role",
    "blob_in_text",
    "invalid_utf8",
    "nul_in_text",
    "clause_excluded",
    "unknown_question",
    "two_organisations",
    # evidence
    "swapped_evidence",
    "missing_evidence",
    "unsaved_log",
)

_ALTERED = {
    "check_constraint",
    "default_expression",
    "generated_column",
    "strict_table",
    "without_rowid",
    "partial_index",
    "expression_index",
    "cascading_key",
}
_VALUES = {
    "write_version",
    "wal_file",
    "bad_index",
    "revision_text",
    "revision_huge",
    "unknown_status",
    "bad_date",
    "unknown_role",
    "blob_in_text",
    "invalid_utf8",
    "nul_in_text",
    "clause_excluded",
    "unknown_question",
    "two_organisations",
    "swapped_evidence",
    "missing_evidence",
    "unsaved_log",
}

EXPECTED_ERROR = {
    "missing": "FileMissing",
    "empty": "FileEmpty",
    "zip": "NotSQLite",
    "pdf": "NotSQLite",
    "sqlite": "NotAnAimsProject",
    "newer": "TooNew",
    "damaged": "Damaged",
    "trigger": "ForeignObjects",
    "view": "ForeignObjects",
    "table": "ForeignObjects",
    **{kind: "ForeignObjects" for kind in _ALTERED},
    **{kind: "Damaged" for kind in _VALUES},
}

# A phrase from each kind's message: different kinds must say different things.
EXPECTED_PHRASE = {
    "missing": "could not be found",
    "empty": "is empty",
    "zip": "ZIP archive",
    "pdf": "PDF document",
    "sqlite": "not one made by AIMS Desktop",
    "newer": "newer version of AIMS Desktop",
    "damaged": "is damaged",
    "trigger": "trigger",
    "view": "view",
    "table": "table “stolen”",
    "check_constraint": "altered table “assessment”",
    "default_expression": "altered table “organisation”",
    "generated_column": "altered table “organisation”",
    "strict_table": "altered table “guidance_answer”",
    "without_rowid": "altered table “project”",
    "partial_index": "altered index “ix_document_version_parent_id”",
    "expression_index": "altered index “ix_change_log_entity”",
    "cascading_key": "altered table “document_version”",
    "write_version": "file format versions are 1 and 3",
    "wal_file": "file format versions are 2 and 2",
    "bad_index": "integrity check",
    "revision_text": "“revision” in row 1 of the table “project” is missing or not integer",
    "revision_huge": "“revision” in row 1 of the table “project” is not a whole number",
    "unknown_status": "“status”",
    "bad_date": "“target_date”",
    "unknown_role": "“roles”",
    "blob_in_text": "“notes”",
    "invalid_utf8": "is not readable text",
    "nul_in_text": "“scope”",
    "clause_excluded": "only a control can be excluded",
    "unknown_question": "“question_key”",
    "two_organisations": "holds 2 rows instead of 1",
    "swapped_evidence": "is not what its fingerprint says",
    "missing_evidence": "refers to something that is not there",
    "unsaved_log": "never saved",
}


def _alter(path: Path, *statements: str, writable_schema: bool = False) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if writable_schema:
            conn.execute("PRAGMA writable_schema=ON")
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def _rebuild(path: Path, table: str, new_sql: str, indexes: tuple[str, ...] = ()) -> None:
    """Replace `table` by one made with `new_sql` (its rows copied), as a migration would."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        conn.execute(new_sql.replace(f"CREATE TABLE {table} ", f"CREATE TABLE {table}_new ", 1))
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table}_new)")]
        old_columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        shared = ", ".join(c for c in columns if c in old_columns)
        conn.execute(f"INSERT INTO {table}_new ({shared}) SELECT {shared} FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
        for index in indexes:
            conn.execute(index)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _table_sql(path: Path, name: str) -> str:
    conn = sqlite3.connect(path)
    try:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        return str(sql)
    finally:
        conn.close()


def _poke(path: Path, offset: int, value: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(value)


def rebuilt_but_same(good: Path, folder: Path) -> Path:
    """A valid file whose table a migration rebuilt (SQLite then stores CREATE TABLE "x")."""
    path = folder / "rebuilt.aims"
    shutil.copyfile(good, path)
    _rebuild(path, "organisation", _table_sql(path, "organisation"))
    return path


def make_bad_file(kind: str, good: Path, folder: Path) -> Path:
    """Write a bad file of `kind` into `folder`, using the valid project `good` where needed."""
    path = folder / f"{kind}.aims"
    if kind == "missing":
        return path
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
    elif kind == "pdf":
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    elif kind == "sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE contacts(name TEXT, phone TEXT)")
        conn.commit()
        conn.close()
    else:
        shutil.copyfile(good, path)
        _make_from_good(kind, path)
    return path


def _make_from_good(kind: str, path: Path) -> None:
    if kind == "newer":
        _alter(path, "PRAGMA user_version=99")
    elif kind == "damaged":
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.truncate(size // 2)
    elif kind == "trigger":
        _alter(
            path,
            "CREATE TRIGGER spy AFTER UPDATE ON assessment BEGIN "
            "UPDATE organisation SET name = 'owned'; END",
        )
    elif kind == "view":
        _alter(path, "CREATE VIEW everything AS SELECT * FROM organisation")
    elif kind == "table":
        _alter(path, "CREATE TABLE stolen(data TEXT)")
    elif kind == "check_constraint":
        sql = _table_sql(path, "assessment").replace(
            "notes TEXT NOT NULL", "notes TEXT NOT NULL CHECK (length(notes) < 100000)"
        )
        _rebuild(path, "assessment", sql)
    elif kind == "default_expression":
        sql = _table_sql(path, "organisation").replace(
            "sector VARCHAR NOT NULL", "sector VARCHAR NOT NULL DEFAULT (hex(randomblob(8)))"
        )
        _rebuild(path, "organisation", sql)
    elif kind == "generated_column":
        _alter(
            path,
            "ALTER TABLE organisation ADD COLUMN shout TEXT GENERATED ALWAYS AS (upper(name))",
        )
    elif kind == "strict_table":
        sql = _table_sql(path, "guidance_answer").replace("VARCHAR", "TEXT") + " STRICT"
        _rebuild(path, "guidance_answer", sql)
    elif kind == "without_rowid":
        _rebuild(path, "project", _table_sql(path, "project") + " WITHOUT ROWID")
    elif kind == "partial_index":
        _alter(
            path,
            "DROP INDEX ix_document_version_parent_id",
            "CREATE INDEX ix_document_version_parent_id ON document_version (parent_id) "
            "WHERE parent_id != ''",
        )
    elif kind == "expression_index":
        _alter(
            path,
            "DROP INDEX ix_change_log_entity",
            "CREATE INDEX ix_change_log_entity ON change_log (lower(entity), entity_id)",
        )
    elif kind == "cascading_key":
        # a deleted document would silently take its versions with it
        sql = _table_sql(path, "document_version").replace(
            "parent_id VARCHAR NOT NULL",
            "parent_id VARCHAR NOT NULL REFERENCES document (id) ON DELETE CASCADE",
        )
        assert "CASCADE" in sql
        _rebuild(
            path,
            "document_version",
            sql,
            ("CREATE INDEX ix_document_version_parent_id ON document_version (parent_id)",),
        )
    elif kind == "write_version":
        _poke(path, 18, b"\x01\x03")  # SQLite opens it read-only: every edit would fail
    elif kind == "wal_file":
        _poke(path, 18, b"\x02\x02")
    elif kind == "bad_index":
        # The index ix_change_log_seq then holds `revision` values under the name of an index
        # on `seq`: the schema text is ours, quick_check passes, integrity_check does not.
        original = _table_sql(path, "ix_change_log_seq")
        swapped = original.replace("(seq)", "(revision)")
        _alter(
            path,
            f"UPDATE sqlite_master SET sql = '{swapped}' WHERE name = 'ix_change_log_seq'",
            writable_schema=True,
        )
        _alter(path, "REINDEX ix_change_log_seq")
        _alter(
            path,
            f"UPDATE sqlite_master SET sql = '{original}' WHERE name = 'ix_change_log_seq'",
            writable_schema=True,
        )
    elif kind == "revision_text":
        _alter(path, "UPDATE project SET revision = 'seven'")
    elif kind == "revision_huge":
        _alter(path, f"UPDATE project SET revision = {2**63 - 1}")
    elif kind == "unknown_status":
        _alter(path, "UPDATE assessment SET status = 'compliant' WHERE item_id = '5.1'")
    elif kind == "bad_date":
        _alter(path, "UPDATE assessment SET target_date = '2026-02-30' WHERE rowid = 1")
    elif kind == "unknown_role":
        _alter(path, "UPDATE organisation SET roles = 'provider,overlord'")
    elif kind == "blob_in_text":
        _alter(path, "UPDATE assessment SET notes = x'00ff00ff' WHERE rowid = 1")
    elif kind == "invalid_utf8":
        _alter(path, "UPDATE assessment SET notes = CAST(x'4142ff43' AS TEXT) WHERE rowid = 2")
    elif kind == "nul_in_text":
        _alter(path, "UPDATE organisation SET scope = 'All AI' || char(0) || ' systems'")
    elif kind == "clause_excluded":
        _alter(
            path,
            "UPDATE assessment SET status = 'not_applicable', justification = 'n/a' "
            "WHERE item_id = '5.1'",
        )
    elif kind == "unknown_question":
        _alter(path, "UPDATE guidance_answer SET question_key = 'q99' WHERE rowid = 1")
    elif kind == "two_organisations":
        _alter(
            path,
            "INSERT INTO organisation SELECT '11111111-2222-4333-8444-555555555555', name, "
            "sector, size, country, roles, scope, created_at, updated_at, changed_by, "
            "climate_change, climate_note, scope_version, scope_approved_by, scope_approved_on "
            "FROM organisation",
        )
    elif kind == "swapped_evidence":
        # Other bytes stored under the fingerprint of a genuine document, same length.
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            (size,) = conn.execute("SELECT size FROM evidence_blob ORDER BY rowid").fetchone()
            conn.execute(
                "UPDATE evidence_blob SET data = zeroblob(?) WHERE rowid = "
                "(SELECT min(rowid) FROM evidence_blob)",
                (size,),
            )
        finally:
            conn.close()
    elif kind == "missing_evidence":
        _alter(
            path,
            "PRAGMA foreign_keys=OFF",
            "DELETE FROM evidence_blob WHERE rowid = (SELECT min(rowid) FROM evidence_blob)",
        )
    elif kind == "unsaved_log":
        _alter(path, "UPDATE change_log SET revision = revision + 5 WHERE rowid = 1")
    else:
        raise ValueError(kind)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
