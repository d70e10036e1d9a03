"""A table per register, generated from the register's declaration, and the one link table.

Columns follow the field kinds: text as TEXT (never NULL, "" when empty), dates as ISO text,
choices as their stored value, several choices as comma-separated values in declaration order,
scales, numbers and flags as integers. Links are not columns: every link of every register is a
row of `record_link`, so both ends of a link can find it and a merge can treat each link as one
fact. No SQL foreign keys and no cascades: the services keep references whole, and the file
contains nothing that runs on its own.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.sql.schema import SchemaItem

from aims_desktop.domain.fields import FieldKind, FieldSpec
from aims_desktop.domain.registers.spec import RegisterSpec
from aims_desktop.store.column_rules import (
    IntRange,
    IsoDate,
    IsoTimestamp,
    MaxLength,
    OneOf,
    Rule,
    SetOf,
    Uuid,
    Where,
)

CATALOG = "catalog"
"""The `to_register` of a link to a clause or control of the catalogue."""


_UUID = {"rule": Uuid()}
_STAMP = {"rule": IsoTimestamp()}


def _stamps() -> list[Column[str]]:
    return [
        Column("created_at", String, nullable=False, info=_STAMP),
        Column("updated_at", String, nullable=False, info=_STAMP),
        Column("changed_by", String, nullable=False, info={"rule": MaxLength(1000)}),
    ]


def rule_for(field: FieldSpec) -> Rule | None:
    """What a stored value of the field may be, checked when a file is opened (so a file that
    opens can always be read, edited and saved)."""
    kind = field.kind
    values = [member.value for member in field.enum] if field.enum is not None else []
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.PERSON):
        return MaxLength(field.max_length or 1_000_000)
    if kind is FieldKind.DATE:
        return IsoDate()
    if kind is FieldKind.CHOICE:
        return OneOf(values)
    if kind is FieldKind.CHOICES:
        return SetOf(values)
    if kind in (FieldKind.SCALE, FieldKind.NUMBER):
        low = field.minimum if field.minimum is not None else -(2**62)
        high = field.maximum if field.maximum is not None else 2**62
        return IntRange(low, high)
    if kind is FieldKind.FLAG:
        return IntRange(0, 1)
    return None


_FILE_SHA256 = Where(
    "{c} != '' AND (length({c}) != 64 OR {c} GLOB '*[^0-9a-f]*')",
    "empty, or the SHA-256 fingerprint of a stored file (64 hexadecimal digits)",
)


def column_for(field: FieldSpec, *, file_sha256: bool = False) -> Column[object]:
    """The column that keeps one field, with its value rule in `info`. `file_sha256`: the
    field names a stored file by its SHA-256 (empty when the record holds no file)."""
    rule = _FILE_SHA256 if file_sha256 else rule_for(field)
    info: dict[str, object] = {"kind": field.kind.value}
    if rule is not None:
        info["rule"] = rule
    kind = field.kind
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.PERSON, FieldKind.CHOICES):
        return Column(field.name, Text, nullable=False, info=info)
    if kind in (FieldKind.DATE, FieldKind.CHOICE):
        return Column(field.name, String, nullable=True, info=info)
    if kind in (FieldKind.SCALE, FieldKind.NUMBER):
        return Column(field.name, Integer, nullable=True, info=info)
    if kind is FieldKind.FLAG:
        return Column(field.name, Integer, nullable=False, info=info)
    raise ValueError(f"a {kind.value} field has no column")


def register_table(metadata: MetaData, spec: RegisterSpec) -> Table:
    columns: list[SchemaItem] = [Column("id", String, primary_key=True, info=_UUID)]
    extra: list[SchemaItem] = []
    if spec.parent is not None:
        columns.append(Column("parent_id", String, nullable=False, info=_UUID))
        extra.append(Index(f"ix_{spec.key}_parent_id", "parent_id"))
    file_sha256 = spec.stored_file.sha256 if spec.stored_file is not None else None
    columns.extend(column_for(f, file_sha256=f.name == file_sha256) for f in spec.value_fields)
    return Table(spec.key, metadata, *columns, *_stamps(), *extra)


def link_table(metadata: MetaData, registers: list[str]) -> Table:
    return Table(
        "record_link",
        metadata,
        Column("id", String, primary_key=True, info=_UUID),
        Column("from_register", String, nullable=False, info={"rule": OneOf(registers)}),
        Column("from_id", String, nullable=False, info=_UUID),
        Column("relation", String, nullable=False, info={"rule": MaxLength(100, minimum=1)}),
        Column("to_register", String, nullable=False, info={"rule": OneOf([*registers, CATALOG])}),
        Column("to_id", String, nullable=False, info={"rule": MaxLength(100, minimum=1)}),
        *_stamps(),
        UniqueConstraint("from_id", "relation", "to_register", "to_id"),
        Index("ix_record_link_from", "from_register", "from_id"),
        Index("ix_record_link_to", "to_register", "to_id"),
    )
