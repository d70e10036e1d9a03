"""Tables of the planning records that are not registers: the risk criteria (6.1.1) and the
Statement of Applicability's own document details (6.1.3).

Each is at most one row (the criteria's scales one row per level): a project that never set
them reads as the defaults, so older files and new projects need nothing written. Added in
schema revision 2; `store/migrations.py::_to_revision_2` creates them with the same SQL.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, UniqueConstraint

from aims_desktop.domain.risk_criteria import MAX_LEVELS, SCALES
from aims_desktop.store.column_rules import (
    IntRange,
    IsoDate,
    IsoTimestamp,
    MaxLength,
    OneOf,
    Uuid,
    Where,
)

AT_MOST_ONE_ROW = "at most one row"
"""Table info: the table holds one row or none (none reads as the defaults)."""

_UUID = {"rule": Uuid()}
_STAMP = {"rule": IsoTimestamp()}


def _stamps() -> list[Column[str]]:
    return [
        Column("created_at", String, nullable=False, info=_STAMP),
        Column("updated_at", String, nullable=False, info=_STAMP),
        Column("changed_by", String, nullable=False, info={"rule": MaxLength(1000)}),
    ]


def planning_tables(metadata: MetaData) -> tuple[Table, Table, Table]:
    """(risk_criteria, risk_scale_level, soa_document) on `metadata`, with the value rule of
    every column (the matrix is one digit per cell, at most 5 x 5; levels 1 to 5)."""
    risk_criteria = Table(
        "risk_criteria",
        metadata,
        Column("id", String, primary_key=True, info=_UUID),
        Column(
            "matrix",
            String,
            nullable=False,
            info={
                "rule": Where(
                    f"length({{c}}) > {MAX_LEVELS * MAX_LEVELS} OR {{c}} GLOB '*[^1-5]*'",
                    f"at most {MAX_LEVELS * MAX_LEVELS} digits from 1 to 5",
                )
            },
        ),
        Column("acceptance", Integer, nullable=False, info={"rule": IntRange(1, MAX_LEVELS)}),
        *_stamps(),
        info={"rows": AT_MOST_ONE_ROW},
    )
    risk_scale_level = Table(
        "risk_scale_level",
        metadata,
        Column("id", String, primary_key=True, info=_UUID),
        Column("scale", String, nullable=False, info={"rule": OneOf(list(SCALES))}),
        Column("level", Integer, nullable=False, info={"rule": IntRange(1, MAX_LEVELS)}),
        Column("label", Text, nullable=False, info={"rule": MaxLength(60)}),
        Column("description", Text, nullable=False, info={"rule": MaxLength(500)}),
        *_stamps(),
        UniqueConstraint("scale", "level"),
    )
    soa_document = Table(
        "soa_document",
        metadata,
        Column("id", String, primary_key=True, info=_UUID),
        Column("number", Text, nullable=False, info={"rule": MaxLength(100)}),
        Column("version", Text, nullable=False, info={"rule": MaxLength(100)}),
        Column("approved_by", Text, nullable=False, info={"rule": MaxLength(500)}),
        Column("approved_on", String, nullable=True, info={"rule": IsoDate()}),
        *_stamps(),
        info={"rows": AT_MOST_ONE_ROW},
    )
    return risk_criteria, risk_scale_level, soa_document
