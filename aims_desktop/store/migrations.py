"""Bring a working copy of an older file up to the current schema revision.

Migrations run on the working copy only: the user's original stays exactly as it was, so opening
an old file in a new version and closing it without saving changes nothing. Each step takes a
revision to the next one; tests/fixtures holds a file of every released revision.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from aims_desktop.store.schema import SCHEMA_REVISION

Step = Callable[[sqlite3.Connection], None]

STEPS: dict[int, Step] = {
    # from_revision: function migrating from_revision -> from_revision + 1
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
