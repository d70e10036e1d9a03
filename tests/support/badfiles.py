"""Bad project files of every kind the application must refuse, each with its own message."""

from __future__ import annotations

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
)

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
}


def _alter(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


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
        else:
            raise ValueError(kind)
    return path
