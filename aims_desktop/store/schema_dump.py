"""Print the frozen SQL of the current schema revision, for store/schema.py (a developer tool).

    uv run python -m aims_desktop.store.schema_dump

A revision's SQL is what migrating a file of the revision before produces: the tables new in
this revision are created as `metadata` declares them, then the step's own changes run. The
printed literal goes into SCHEMA_SQL; tests/store/test_schema.py fails while the two disagree,
and once a revision is released its literal never changes again.
"""

from __future__ import annotations

import sqlite3
import sys

from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from aims_desktop.store.migrations import changes_to_revision_2
from aims_desktop.store.schema import SCHEMA_REVISION, SCHEMA_SQL, metadata, schema_text

_CHANGES = {2: changes_to_revision_2}
"""For each revision, the step's changes to tables that already existed."""


def statements_for(revision: int) -> list[str]:
    conn = sqlite3.connect(":memory:")
    try:
        for statement in SCHEMA_SQL[revision - 1]:
            conn.execute(statement)
        existing = {name for _kind, name, _table in schema_text(revision - 1)}
        dialect = sqlite.dialect()
        for table in metadata.sorted_tables:
            if table.name in existing:
                continue
            conn.execute(str(CreateTable(table).compile(dialect=dialect)).strip())
            for index in sorted(table.indexes, key=lambda i: str(i.name)):
                conn.execute(str(CreateIndex(index).compile(dialect=dialect)).strip())
        change = _CHANGES.get(revision)
        if change is not None:
            conn.execute("INSERT INTO project VALUES ('p', 0, '', '', NULL, '', '', '')")
            conn.execute(
                "INSERT INTO organisation (id, name, sector, size, country, roles, ai_systems, "
                "scope, created_at, updated_at, changed_by) "
                "VALUES ('o', 'x', '', '', '', '', '', '', '', '', '')"
            )
            change(conn)
        # tables, then indexes: the order a saved file has (VACUUM INTO writes them so)
        rows = conn.execute(
            "SELECT sql FROM sqlite_master ORDER BY type = 'index', rowid"
        ).fetchall()
    finally:
        conn.close()
    return [sql for (sql,) in rows if sql]


def literal(statements: list[str]) -> str:
    lines = []
    for statement in statements:
        if "\n" not in statement:
            lines.append(f"        {statement!r},")
            continue
        parts = []
        for line in statement.splitlines(keepends=True):
            while len(line) > 70 and ", " in line[:70]:  # keep the source within 100 columns
                cut = line[:70].rindex(", ") + 2
                parts.append(line[:cut])
                line = line[cut:]
            parts.append(line)
        lines.append("        (")
        lines.extend(f"            {part!r}" for part in parts)
        lines.append("        ),")
    return "\n".join(lines)


def main() -> int:
    revision = int(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_REVISION
    print(f"    {revision}: (")
    print(literal(statements_for(revision)))
    print("    ),")
    return 0


if __name__ == "__main__":
    sys.exit(main())
