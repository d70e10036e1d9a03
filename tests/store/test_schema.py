"""The schema the code creates is exactly the allow-list that validation enforces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from aims_desktop.store.schema import ALLOWED_SCHEMA, APPLICATION_ID, SCHEMA_REVISION


def test_new_file_matches_the_allow_list_of_the_current_revision(demo_file: Path) -> None:
    conn = sqlite3.connect(demo_file)
    try:
        rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
        allowed = ALLOWED_SCHEMA[SCHEMA_REVISION]
        tables = {name for kind, name, _ in rows if kind == "table"}
        indexes = {name: table for kind, name, table in rows if kind == "index"}
        assert tables == set(allowed.tables)
        assert indexes == allowed.indexes
        for table, columns in allowed.tables.items():
            found = tuple(r[1] for r in conn.execute(f'PRAGMA table_xinfo("{table}")'))
            assert found == columns, table
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_REVISION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def test_every_row_has_a_uuid_key_and_stamps(demo_file: Path) -> None:
    conn = sqlite3.connect(demo_file)
    try:
        for table, columns in ALLOWED_SCHEMA[SCHEMA_REVISION].tables.items():
            if table == "evidence_blob":
                assert columns[0] == "sha256"  # content-addressed: keyed by its hash
            else:
                assert columns[0] == "id"
                ids = [r[0] for r in conn.execute(f'SELECT id FROM "{table}"')]
                assert all(len(i) == 36 and i.count("-") == 4 for i in ids), table
            if table != "change_log":
                assert {"created_at", "updated_at", "changed_by"} <= set(columns), table
    finally:
        conn.close()
