"""What we write and what we accept are the same text, and the queries' tables agree with it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from aims_desktop.store.schema import (
    APPLICATION_ID,
    SCHEMA_REVISION,
    SCHEMA_SQL,
    expected_schema,
    metadata,
)
from aims_desktop.store.sql_text import normalise_sql

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _master(path: Path) -> list[tuple[str, str, str, str | None]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()


def test_revision_1_is_exactly_what_the_released_version_wrote() -> None:
    released = [sql for _kind, _name, _table, sql in _master(FIXTURES / "revision-1.aims")]
    assert [s for s in released if s is not None] == list(SCHEMA_SQL[1])


def test_a_new_file_holds_exactly_the_current_schema_text(demo_file: Path) -> None:
    rows = _master(demo_file)
    assert [sql for *_, sql in rows if sql is not None] == list(SCHEMA_SQL[SCHEMA_REVISION])
    found = {(kind, name, table): normalise_sql(sql) for kind, name, table, sql in rows}
    assert found == expected_schema(SCHEMA_REVISION)
    conn = sqlite3.connect(demo_file)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_REVISION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def _structure(conn: sqlite3.Connection) -> dict[str, object]:
    """Tables with their columns (name, type, not null, default, key), indexes with their
    columns and uniqueness, and foreign keys: everything a query relies on."""
    shape: dict[str, object] = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in sorted(tables):
        shape[f"{table}.columns"] = [
            (name, kind, notnull, default, pk)
            for _cid, name, kind, notnull, default, pk, _hidden in conn.execute(
                f'PRAGMA table_xinfo("{table}")'
            )
        ]
        indexes = {}
        for _seq, index, unique, origin, partial in conn.execute(f'PRAGMA index_list("{table}")'):
            columns = [r[2] for r in conn.execute(f'PRAGMA index_info("{index}")')]
            key = index if origin == "c" else f"{origin}:{columns}"
            indexes[key] = (unique, partial, columns)
        shape[f"{table}.indexes"] = indexes
        shape[f"{table}.foreign_keys"] = sorted(
            (r[2], r[3], r[4], r[5], r[6])
            for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')
        )
    return shape


def test_metadata_agrees_with_the_current_revision_sql(tmp_path: Path) -> None:
    from_metadata = tmp_path / "metadata.db"
    engine = create_engine(f"sqlite:///{from_metadata}")
    metadata.create_all(engine)
    engine.dispose()
    from_sql = sqlite3.connect(":memory:")
    for statement in SCHEMA_SQL[SCHEMA_REVISION]:
        from_sql.execute(statement)
    with sqlite3.connect(from_metadata) as conn:
        assert _structure(conn) == _structure(from_sql)
    from_sql.close()


def test_every_column_of_the_metadata_has_a_known_storage_class() -> None:
    from aims_desktop.store.column_rules import table_checks

    for table in metadata.sorted_tables:
        assert table_checks(table), table.name


def test_every_row_has_a_uuid_key_and_stamps(demo_file: Path) -> None:
    conn = sqlite3.connect(demo_file)
    try:
        for table in metadata.sorted_tables:
            columns = [c.name for c in table.columns]
            if table.name == "evidence_blob":
                assert columns[0] == "sha256"  # content-addressed: keyed by its hash
            else:
                assert columns[0] == "id"
                ids = [r[0] for r in conn.execute(f'SELECT id FROM "{table.name}"')]
                assert all(len(i) == 36 and i.count("-") == 4 for i in ids), table.name
            if table.name != "change_log":
                assert {"created_at", "updated_at", "changed_by"} <= set(columns), table.name
    finally:
        conn.close()


# -- normalisation: equal where SQLite reads the same, different wherever it does not ----


BASE = (
    "CREATE TABLE evidence (\n\tid VARCHAR NOT NULL, \n\tnote TEXT NOT NULL, "
    "\n\tPRIMARY KEY (id)\n)"
)


@pytest.mark.parametrize(
    "same",
    [
        BASE.replace("TABLE evidence", 'TABLE "evidence"'),
        "create table [evidence](id varchar not null,note text not null,primary key(id))",
        'CREATE TABLE `evidence` (  "id" VARCHAR  NOT NULL ,note TEXT NOT NULL, PRIMARY KEY (id) )',
    ],
)
def test_quoting_case_and_spacing_do_not_matter(same: str) -> None:
    assert normalise_sql(same) == normalise_sql(BASE)


@pytest.mark.parametrize(
    "different",
    [
        BASE.replace("note TEXT NOT NULL", "note TEXT NOT NULL CHECK (length(note) < 5)"),
        BASE.replace("note TEXT NOT NULL", "note TEXT NOT NULL DEFAULT (random())"),
        BASE.replace("note TEXT NOT NULL", "note TEXT NOT NULL DEFAULT 'x'"),
        BASE.replace("note TEXT NOT NULL", "note TEXT GENERATED ALWAYS AS (id) VIRTUAL"),
        BASE + " STRICT",
        BASE + " WITHOUT ROWID",
        BASE.replace("TEXT", "TEXT /* a comment */"),
        BASE.replace("TEXT", "TEXT -- a comment\n"),
        BASE.replace("PRIMARY KEY (id)", "PRIMARY KEY (id) ON CONFLICT REPLACE"),
        BASE.replace("note TEXT", "note VARCHAR"),
        BASE.replace('"', "").replace("evidence", '"evidence x"'),
    ],
)
def test_every_real_difference_shows(different: str) -> None:
    assert normalise_sql(different) != normalise_sql(BASE)


def test_string_literals_keep_their_case() -> None:
    assert normalise_sql("CHECK (x = 'A')") != normalise_sql("CHECK (x = 'a')")
    assert normalise_sql("CHECK (X = 'A')") == normalise_sql("check (x = 'A')")


def test_index_variants_differ() -> None:
    plain = "CREATE INDEX ix_evidence_item_id ON evidence (item_id)"
    assert normalise_sql(plain + " WHERE item_id IS NOT NULL") != normalise_sql(plain)
    assert normalise_sql(plain.replace("(item_id)", "(lower(item_id))")) != normalise_sql(plain)
    assert normalise_sql(plain.replace("INDEX", "UNIQUE INDEX")) != normalise_sql(plain)


def test_migrating_every_revision_gives_exactly_the_next_revisions_text() -> None:
    """What the migration writes and what a new file holds are the same text, object by
    object: the frozen SQL of a revision is the previous revision migrated."""
    from aims_desktop.store.migrations import migrate
    from aims_desktop.store.schema import schema_text

    for revision in range(1, SCHEMA_REVISION):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for statement in SCHEMA_SQL[revision]:
                conn.execute(statement)
            conn.execute("INSERT INTO project VALUES ('p', 0, '', '', NULL, '', '', '')")
            conn.execute(
                "INSERT INTO organisation (id, name, sector, size, country, roles, ai_systems, "
                "scope, created_at, updated_at, changed_by) "
                "VALUES ('o', 'x', '', '', '', '', 'A: one\nB - two', '', '', '', '')"
                if revision == 1
                else "SELECT 1"
            )
            migrate(conn, revision)
            rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        finally:
            conn.close()
        assert {(k, n, t): sql for k, n, t, sql in rows} == schema_text(revision + 1)
