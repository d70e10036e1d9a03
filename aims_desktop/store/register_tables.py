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

CATALOG = "catalog"
"""The `to_register` of a link to a clause or control of the catalogue."""


def _stamps() -> list[Column[str]]:
    return [
        Column("created_at", String, nullable=False),
        Column("updated_at", String, nullable=False),
        Column("changed_by", String, nullable=False),
    ]


def column_for(field: FieldSpec) -> Column[object]:
    """The column that keeps one field, with what the value checks on open need in `info`."""
    info: dict[str, object] = {"kind": field.kind.value}
    if field.enum is not None:
        info["values"] = tuple(member.value for member in field.enum)
    if field.max_length is not None:
        info["max_length"] = field.max_length
    if field.minimum is not None:
        info["minimum"] = field.minimum
    if field.maximum is not None:
        info["maximum"] = field.maximum
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
    columns: list[SchemaItem] = [Column("id", String, primary_key=True, info={"kind": "uuid"})]
    extra: list[SchemaItem] = []
    if spec.parent is not None:
        columns.append(Column("parent_id", String, nullable=False, info={"kind": "uuid"}))
        extra.append(Index(f"ix_{spec.key}_parent_id", "parent_id"))
    columns.extend(column_for(f) for f in spec.value_fields)
    return Table(spec.key, metadata, *columns, *_stamps(), *extra)


def link_table(metadata: MetaData) -> Table:
    return Table(
        "record_link",
        metadata,
        Column("id", String, primary_key=True, info={"kind": "uuid"}),
        Column("from_register", String, nullable=False),
        Column("from_id", String, nullable=False, info={"kind": "uuid"}),
        Column("relation", String, nullable=False),
        Column("to_register", String, nullable=False),
        Column("to_id", String, nullable=False),
        *_stamps(),
        UniqueConstraint("from_id", "relation", "to_register", "to_id"),
        Index("ix_record_link_from", "from_register", "from_id"),
        Index("ix_record_link_to", "to_register", "to_id"),
    )
