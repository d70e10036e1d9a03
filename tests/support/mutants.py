"""Mutated copies of a valid project file, for the fuzz tests of `check` and of opening.

Each mutant is reproducible from its number and the seed. The mutations aim where validation
has to work hardest: random bytes anywhere (mostly in evidence, which the SHA-256 check must
catch), bytes of the first page (header and schema), header fields, truncation, a value of a
random type written into a random column, and a schema statement edited in place.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

HEADER_FIELDS = (16, 18, 19, 20, 21, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 92, 96)

VALUES: tuple[object, ...] = (
    None,
    0,
    -1,
    2**63 - 1,
    -(2**63),
    1.5,
    "",
    " ",
    "x" * 300,
    "not_applicable",
    "met",
    "2026-13-45",
    "2026-02-30",
    "9999-12-31T23:59:59.999999Z",
    "provider,provider",
    "q99",
    b"\x00\xff",
    b"",
    "<img src=x>",
)

SCHEMA_EDITS = (
    lambda sql: sql.replace("NOT NULL", "", 1),
    lambda sql: sql.replace("VARCHAR", "TEXT", 1),
    lambda sql: sql + " ",
    lambda sql: sql.replace("(", "( ", 1),
    lambda sql: sql.lower(),
    lambda sql: sql.replace(")", ", extra TEXT)", 1),
    lambda sql: sql.replace("NOT NULL", "NOT NULL DEFAULT 1", 1),
    lambda sql: sql[: len(sql) // 2],
    lambda sql: sql.replace("CREATE", "CREATE TEMP", 1),
)


def _flip(data: bytearray, rng: random.Random, low: int, high: int, count: int) -> str:
    for _ in range(count):
        at = rng.randrange(low, max(low + 1, min(high, len(data))))
        data[at] ^= rng.randrange(1, 256)
    return f"flipped {count} bytes in [{low}, {high})"


def _sql_mutation(path: Path, rng: random.Random) -> str:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] != "sqlite_sequence"
        ]
        table = rng.choice(tables)
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        column = rng.choice(columns)
        value = rng.choice(VALUES)
        if isinstance(value, bytes) and rng.random() < 0.5:
            # the same bytes, but stored as text (invalid UTF-8 as text)
            conn.execute(
                f'UPDATE "{table}" SET "{column}" = CAST(? AS TEXT) WHERE rowid = '
                f'(SELECT min(rowid) FROM "{table}")',
                (value + b"\xc3\x28",),
            )
        else:
            conn.execute(
                f'UPDATE OR IGNORE "{table}" SET "{column}" = ? WHERE rowid = '
                f'(SELECT max(rowid) FROM "{table}")',
                (value,),
            )
        return f"{table}.{column} = {value!r}"
    except sqlite3.Error as error:  # NOT NULL and the like: still a useful mutant (unchanged)
        return f"{error}"
    finally:
        conn.close()


def _schema_mutation(path: Path, rng: random.Random) -> str:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        name, sql = rng.choice(rows)
        edit = rng.randrange(len(SCHEMA_EDITS))
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE name = ?", (SCHEMA_EDITS[edit](sql), name)
        )
        return f"schema of {name}: edit {edit}"
    finally:
        conn.close()


def make_mutant(good: Path, folder: Path, number: int, seed: int = 7042) -> tuple[Path, str]:
    """Mutant `number` of `good`, written to `folder`, and what was done to it."""
    rng = random.Random(seed * 100_003 + number)
    path = folder / f"mutant-{number}.aims"
    shutil.copyfile(good, path)
    kind = rng.random()
    if kind < 0.2:
        data = bytearray(path.read_bytes())
        what = _flip(data, rng, 0, len(data), rng.randint(1, 8))
        path.write_bytes(bytes(data))
    elif kind < 0.35:
        data = bytearray(path.read_bytes())
        page = int.from_bytes(data[16:18], "big")
        what = _flip(data, rng, 100, page, rng.randint(1, 4))
        path.write_bytes(bytes(data))
    elif kind < 0.45:
        data = bytearray(path.read_bytes())
        at = rng.choice(HEADER_FIELDS)
        data[at] = rng.choice((0, 1, 2, 3, 4, 0x7F, 0xFF))
        what = f"header byte {at} = {data[at]}"
        path.write_bytes(bytes(data))
    elif kind < 0.5:
        size = path.stat().st_size
        cut = rng.choice((rng.randrange(1, 100), rng.randrange(100, size)))
        with path.open("r+b") as handle:
            handle.truncate(cut)
        what = f"cut to {cut} bytes"
    elif kind < 0.55:
        data = bytearray(path.read_bytes())
        start = rng.randrange(0, len(data) - 512)
        data[start : start + 512] = bytes(rng.randrange(256) for _ in range(512))
        what = f"512 random bytes at {start}"
        path.write_bytes(bytes(data))
    elif kind < 0.85:
        what = _sql_mutation(path, rng)
    else:
        what = _schema_mutation(path, rng)
    return path, what
