"""What a stored value may be: the rules a column carries, evaluated in SQL.

Every column of the current schema is checked when a file is opened: its storage class (typeof)
matches the declared type, NOT NULL holds, and the semantic rule the column carries as
`Column(..., info={"rule": ...})` holds. A file whose values pass can always be read, edited and
saved; one that fails is refused as damaged, naming the table, column and row.

Rules are SQL conditions, so a table is checked by one query that stops at the first bad row:
200 MB of evidence or a million log entries are never loaded into Python. A rule's `bad(c)`
returns a condition that is true (or NULL) when the non-NULL value `c`, of the declared storage
class, breaks the rule; it may use the row's other columns by name. A register table added later
only sets `info`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT = 1_000_000
"""Characters in any text column without a tighter rule (the domain's MAX_TEXT_LENGTH)."""

WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
"""Every character Python's str.strip() removes, so "blank" means the same in SQL and Python."""


def literal(value: str) -> str:
    """A value as an SQL string literal (only our own constants are ever written this way)."""
    return "'" + value.replace("'", "''") + "'"


def _values(values: Iterable[str]) -> str:
    return ", ".join(literal(v) for v in values)


Values = Iterable[str] | Callable[[], Iterable[str]]
"""Allowed values, or a function giving them when first needed (the catalogue loads lazily)."""


def _resolve(values: Values) -> list[str]:
    return sorted(values() if callable(values) else values)


class Rule:
    """One semantic rule; subclasses say what is allowed and how to test it in SQL."""

    description = "a valid value"

    def bad(self, column: str) -> str:  # pragma: no cover - every rule overrides it
        raise NotImplementedError


@dataclass(frozen=True)
class MaxLength(Rule):
    limit: int
    minimum: int = 0

    @property
    def description(self) -> str:  # type: ignore[override]
        if self.minimum:
            return f"a text of {self.minimum} to {self.limit:,} characters"
        return f"a text of at most {self.limit:,} characters"

    def bad(self, column: str) -> str:
        # Bytes are counted in constant time; characters (never more than bytes) only then.
        too_long = (
            f"(length(CAST({column} AS BLOB)) > {self.limit} AND length({column}) > {self.limit})"
        )
        if not self.minimum:
            return too_long
        return f"{too_long} OR length({column}) < {self.minimum}"


@dataclass(frozen=True)
class NotBlank(Rule):
    limit: int = MAX_TEXT
    description = "a text that is not blank"

    def bad(self, column: str) -> str:
        return f"length({column}) > {self.limit} OR trim({column}, {literal(WHITESPACE)}) = ''"


_DIGIT = "[0-9]"
_DATE_GLOB = f"{_DIGIT * 4}-{_DIGIT * 2}-{_DIGIT * 2}"
_HEX = "[0-9a-f]"


@dataclass(frozen=True)
class IsoDate(Rule):
    description = "a date written as YYYY-MM-DD"

    def bad(self, column: str) -> str:
        return (
            f"NOT ({column} GLOB '{_DATE_GLOB}' AND date({column}, '+0 days') = {column} "
            f"AND {column} >= '0001-01-01')"
        )


@dataclass(frozen=True)
class IsoTimestamp(Rule):
    """A UTC time stamp as AIMS Desktop writes it: 2026-11-27T12:00:00.000000Z. Its shape is
    checked, cheaply, as a log may hold a million of them; a time that does not exist (month
    13) is shown as written."""

    description = "a UTC time stamp such as 2026-11-27T12:00:00.000000Z"

    def bad(self, column: str) -> str:
        pattern = f"{_DATE_GLOB}T{_DIGIT * 2}:{_DIGIT * 2}:{_DIGIT * 2}.{_DIGIT * 6}Z"
        return f"NOT ({column} GLOB '{pattern}' AND {column} >= '0001')"


@dataclass(frozen=True)
class Uuid(Rule):
    description = "an identifier such as 0f8fad5b-d9cb-469f-a165-70867728950e"

    def bad(self, column: str) -> str:
        pattern = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
        return f"NOT ({column} GLOB '{pattern}')"


@dataclass(frozen=True)
class Sha256Hex(Rule):
    description = "a SHA-256 fingerprint (64 hexadecimal digits)"

    def bad(self, column: str) -> str:
        return f"length({column}) != 64 OR {column} GLOB '*[^0-9a-f]*'"


@dataclass(frozen=True)
class OneOf(Rule):
    """One of a fixed set of values, typically the values of a domain enum."""

    values: Values

    @property
    def description(self) -> str:  # type: ignore[override]
        shown = _resolve(self.values)
        listed = ", ".join(f"“{v}”" for v in shown[:8]) + (", …" if len(shown) > 8 else "")
        return f"one of {listed}"

    def bad(self, column: str) -> str:
        return f"{column} NOT IN ({_values(_resolve(self.values))})"


@dataclass(frozen=True)
class SetOf(Rule):
    """A comma-separated set of distinct values, each one of `values` ("" is the empty set)."""

    values: Values

    @property
    def description(self) -> str:  # type: ignore[override]
        return "a comma-separated list of " + ", ".join(f"“{v}”" for v in _resolve(self.values))

    def bad(self, column: str) -> str:
        remaining = f"',' || {column} || ','"
        for value in _resolve(self.values):
            remaining = f"replace({remaining}, {literal(',' + value + ',')}, ',')"
        return f"{column} != '' AND {remaining} != ','"


@dataclass(frozen=True)
class Unread(Rule):
    """Any text: for a column the application never reads back (only its storage class is
    checked). Reading it would cost: a column stored after a large blob is reached only by
    walking the blob's pages."""

    description = "any text"

    def bad(self, column: str) -> str:
        return "0"


@dataclass(frozen=True)
class IntRange(Rule):
    low: int
    high: int

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"a whole number from {self.low:,} to {self.high:,}"

    def bad(self, column: str) -> str:
        return f"{column} < {self.low} OR {column} > {self.high}"


@dataclass(frozen=True)
class Where(Rule):
    """A rule that involves the row's other columns: `condition` is SQL with `{c}` for this
    column and `{name}` for each named list of values, true when the row is bad; `words` says
    in words what is required."""

    condition: str
    words: str
    values: Mapping[str, Values] = field(default_factory=dict)

    @property
    def description(self) -> str:  # type: ignore[override]
        return self.words

    def bad(self, column: str) -> str:
        named = {name: _values(_resolve(values)) for name, values in self.values.items()}
        return self.condition.format(c=column, **named)


@dataclass(frozen=True)
class All(Rule):
    """Several rules at once; the message names the first description."""

    rules: Sequence[Rule] = field(default_factory=tuple)

    @property
    def description(self) -> str:  # type: ignore[override]
        return " and ".join(r.description for r in self.rules)

    def bad(self, column: str) -> str:
        return " OR ".join(f"({r.bad(column)})" for r in self.rules)


# -- storage classes ---------------------------------------------------------------------

STORAGE_CLASS = {"VARCHAR": "text", "TEXT": "text", "INTEGER": "integer", "BLOB": "blob"}
"""The SQL type names our schema declares, and the storage class their values must have."""


def valid_utf8(data: bytes | str | None) -> bool:
    """Registered as an SQL function on the validating connection: SQLite does not check that
    text is UTF-8, but Python cannot read text that is not (nor text with NUL characters)."""
    if data is None:
        return True
    if isinstance(data, str):  # never for a CAST(... AS BLOB) argument
        data = data.encode("utf-8", "surrogatepass")
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


UTF8_FUNCTION = "aims_valid_utf8"


@dataclass(frozen=True)
class ColumnCheck:
    """The SQL that finds a bad value in one column, with words for the message."""

    column: str
    condition: str
    problem: str


def column_checks(column: Any) -> list[ColumnCheck]:
    """Every check of one SQLAlchemy Column: storage class, NOT NULL, text sanity, its rule."""
    name = f'"{column.name}"'
    declared = column.type.compile().split("(")[0].upper()
    storage = STORAGE_CLASS[declared]
    allowed = [storage] + ([] if not column.nullable else ["null"])
    problem = f"is not stored as {storage}" if column.nullable else f"is missing or not {storage}"
    checks = [ColumnCheck(column.name, f"typeof({name}) NOT IN ({_values(allowed)})", problem)]
    guard = f"typeof({name}) = '{storage}' AND "
    rule: Rule | None = column.info.get("rule")
    if isinstance(rule, Unread):
        return checks
    if storage == "text" and not getattr(column.type, "lenient", False):
        checks.append(ColumnCheck(column.name, f"NOT {readable_text([name])}", READABLE))
    if rule is None and storage == "text":
        rule = MaxLength(MAX_TEXT)
    if rule is not None:
        checks.append(
            ColumnCheck(
                column.name,
                guard + f"coalesce(({rule.bad(name)}), 1)",
                f"is not {rule.description}",
            )
        )
    return checks


READABLE = "is not readable text"


def readable_text(columns: Sequence[str]) -> str:
    """SQL true when the text in all of `columns` is UTF-8 without NUL characters, in one call
    per row (much faster than one per column). SQLite cannot tell valid UTF-8 from other bytes,
    so this one check calls into Python: it is left out for columns read leniently (the change
    log, which may hold a million rows), so those rows never pass through Python. Each value
    is followed by a byte that no UTF-8 sequence continues with, so a broken end of one cannot
    pair with the start of the next."""
    joined = " || x'01' || ".join(f"coalesce(CAST({c} AS BLOB), x'')" for c in columns)
    return f"{UTF8_FUNCTION}(CAST({joined} AS BLOB))"


def table_checks(table: Any) -> list[ColumnCheck]:
    """Every check of every column of `table`, to name the column of a bad row."""
    return [check for column in table.columns for check in column_checks(column)]


def table_filter(table: Any) -> str:
    """One SQL condition true for any bad row of `table`: the checks of `table_checks`, with
    the readable-text checks of all its text columns folded into one."""
    checks = table_checks(table)
    text_columns = [f'"{c.column}"' for c in checks if c.problem == READABLE]
    parts = [f"({c.condition})" for c in checks if c.problem != READABLE]
    if text_columns:
        parts.append(f"NOT {readable_text(text_columns)}")
    return " OR ".join(parts)
