"""Tables of the planning records that are not registers: the risk criteria (6.1.1) and the
Statement of Applicability's own document details (6.1.3).

Each is at most one row (the criteria's scales one row per level): a project that never set
them reads as the defaults, so older files and new projects need nothing written. Added in
schema revision 2; `store/migrations.py::_to_revision_2` creates them with the same SQL.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, UniqueConstraint

from aims_desktop.domain.risk_criteria import MAX_LEVELS, SCALES


def _stamps() -> list[Column[str]]:
    return [
        Column("created_at", String, nullable=False),
        Column("updated_at", String, nullable=False),
        Column("changed_by", String, nullable=False),
    ]


def planning_tables(metadata: MetaData) -> tuple[Table, Table, Table]:
    """(risk_criteria, risk_scale_level, soa_document) on `metadata`.

    The `info` of each column says what a stored value may be, for the value checks on open:
    the matrix is one digit per cell (at most 5 x 5), levels 1 to 5, labels one short line.
    """
    risk_criteria = Table(
        "risk_criteria",
        metadata,
        Column("id", String, primary_key=True, info={"kind": "uuid"}),
        Column(
            "matrix",
            String,
            nullable=False,
            info={"kind": "digits", "values": "12345", "max_length": MAX_LEVELS * MAX_LEVELS},
        ),
        Column(
            "acceptance",
            Integer,
            nullable=False,
            info={"kind": "scale", "minimum": 1, "maximum": MAX_LEVELS},
        ),
        *_stamps(),
        info={"rows": "one row"},
    )
    risk_scale_level = Table(
        "risk_scale_level",
        metadata,
        Column("id", String, primary_key=True, info={"kind": "uuid"}),
        Column("scale", String, nullable=False, info={"kind": "choice", "values": SCALES}),
        Column(
            "level",
            Integer,
            nullable=False,
            info={"kind": "scale", "minimum": 1, "maximum": MAX_LEVELS},
        ),
        Column("label", Text, nullable=False, info={"kind": "text", "max_length": 60}),
        Column("description", Text, nullable=False, info={"kind": "text", "max_length": 500}),
        *_stamps(),
        UniqueConstraint("scale", "level"),
    )
    soa_document = Table(
        "soa_document",
        metadata,
        Column("id", String, primary_key=True, info={"kind": "uuid"}),
        Column("number", Text, nullable=False, info={"kind": "text", "max_length": 100}),
        Column("version", Text, nullable=False, info={"kind": "text", "max_length": 100}),
        Column("approved_by", Text, nullable=False, info={"kind": "person", "max_length": 500}),
        Column("approved_on", String, nullable=True, info={"kind": "date"}),
        *_stamps(),
        info={"rows": "one row"},
    )
    return risk_criteria, risk_scale_level, soa_document
