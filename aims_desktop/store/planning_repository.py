"""Reads and logged writes of the risk criteria and of the Statement of Applicability's
document details (store/planning_tables.py), on an open working copy.

The criteria are one value for the change log and for undo (entity "risk_criteria", field
"criteria"): a change of the scales, the matrix and the acceptance level is one decision, and is
written with the re-scored risks in the same transaction (`criteria_operation`).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from aims_desktop.domain.changes import FieldChange
from aims_desktop.domain.risk_criteria import (
    CONSEQUENCE,
    DEFAULT_CRITERIA,
    LIKELIHOOD,
    RISK_LEVEL,
    RiskCriteria,
    from_stored,
)
from aims_desktop.domain.soa import StatementOfApplicability
from aims_desktop.store.register_repository import Also
from aims_desktop.store.repository import ProjectDatabase, stamp
from aims_desktop.store.schema import risk_criteria, risk_scale_level, soa_document

CRITERIA = "risk_criteria"
"""Change-log entity of the risk criteria (the table's name)."""
CRITERIA_FIELD = "criteria"
SOA = "soa_document"
CRITERIA_SUBJECT = "Risk criteria"
SOA_SUBJECT = "Statement of Applicability"


def criteria_log(criteria: RiskCriteria) -> str:
    """The criteria as the change log keeps them: every scale, the matrix, the acceptance."""
    content = {
        "likelihood": [[lv.label, lv.description] for lv in criteria.likelihood],
        "consequence": [[lv.label, lv.description] for lv in criteria.consequence],
        "levels": [[lv.label, lv.description] for lv in criteria.levels],
        "matrix": criteria.matrix_text(),
        "acceptance": criteria.acceptance,
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True)


class PlanningStore:
    """The risk criteria and the Statement of Applicability's details of one working copy."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    # -- risk criteria ---------------------------------------------------------------------

    def criteria(self) -> RiskCriteria:
        """The stored criteria, or the defaults where none are stored."""
        with self.db._read() as conn:
            row = conn.execute(select(risk_criteria)).first()
            levels = [
                (r.scale, int(r.level), str(r.label), str(r.description))
                for r in conn.execute(select(risk_scale_level))
            ]
        if row is None and not levels:
            return DEFAULT_CRITERIA
        matrix = str(row.matrix) if row is not None else None
        acceptance = row.acceptance if row is not None else None
        return from_stored(levels, matrix, acceptance if isinstance(acceptance, int) else None)

    def criteria_operation(self, new: RiskCriteria) -> Also:
        """Writing `new` criteria, as an operation of RegisterStore.write (same transaction
        as the risks it re-scores)."""

        def run(
            conn: Connection, who: str, now: str
        ) -> list[tuple[FieldChange, str | None, str | None]]:
            return [self._write_criteria(conn, new, who, now)]

        return Also(run)

    def _write_criteria(
        self, conn: Connection, new: RiskCriteria, who: str, now: str
    ) -> tuple[FieldChange, str | None, str | None]:
        row = conn.execute(select(risk_criteria)).first()
        old_levels = [
            (r.scale, int(r.level), str(r.label), str(r.description))
            for r in conn.execute(select(risk_scale_level))
        ]
        if row is None and not old_levels:
            old = DEFAULT_CRITERIA
        else:
            old = from_stored(
                old_levels,
                str(row.matrix) if row is not None else None,
                row.acceptance if row is not None else None,
            )
        if row is None:
            criteria_id = str(uuid.uuid4())
            conn.execute(
                insert(risk_criteria).values(
                    id=criteria_id,
                    matrix=new.matrix_text(),
                    acceptance=new.acceptance,
                    created_at=now,
                    updated_at=now,
                    changed_by=who,
                )
            )
        else:
            criteria_id = str(row.id)
            conn.execute(
                update(risk_criteria)
                .where(risk_criteria.c.id == criteria_id)
                .values(
                    matrix=new.matrix_text(),
                    acceptance=new.acceptance,
                    updated_at=now,
                    changed_by=who,
                )
            )
        conn.execute(delete(risk_scale_level))
        rows: list[dict[str, Any]] = [
            {
                "id": str(uuid.uuid4()),
                "scale": scale,
                "level": number,
                "label": level.label,
                "description": level.description,
                "created_at": now,
                "updated_at": now,
                "changed_by": who,
            }
            for scale, levels in (
                (LIKELIHOOD, new.likelihood),
                (CONSEQUENCE, new.consequence),
                (RISK_LEVEL, new.levels),
            )
            for number, level in enumerate(levels, start=1)
        ]
        conn.execute(insert(risk_scale_level), rows)
        change = FieldChange(CRITERIA, criteria_id, CRITERIA_FIELD, old, new, CRITERIA_SUBJECT)
        return change, criteria_log(old), criteria_log(new)

    # -- the Statement of Applicability ----------------------------------------------------

    def soa_document(self) -> StatementOfApplicability:
        with self.db._read() as conn:
            row = conn.execute(select(soa_document)).first()
        if row is None:
            return StatementOfApplicability()
        from datetime import date

        approved_on = None
        if row.approved_on:
            try:
                approved_on = date.fromisoformat(str(row.approved_on))
            except ValueError:
                approved_on = None
        return StatementOfApplicability(
            number=str(row.number),
            version=str(row.version),
            approved_by=str(row.approved_by),
            approved_on=approved_on,
        )

    def update_soa_document(self, values: dict[str, Any], who: str) -> list[FieldChange]:
        """Change fields of the statement's details in one transaction, logged per field."""
        now = stamp(self.db.clock())
        changes: list[FieldChange] = []
        texts: list[tuple[str | None, str | None]] = []
        with self.db._write() as conn:
            row = conn.execute(select(soa_document)).first()
            if row is None:
                document_id = str(uuid.uuid4())
                conn.execute(
                    insert(soa_document).values(
                        id=document_id,
                        number="",
                        version="",
                        approved_by="",
                        approved_on=None,
                        created_at=now,
                        updated_at=now,
                        changed_by=who,
                    )
                )
                row = conn.execute(select(soa_document)).one()
            columns: dict[str, Any] = {}
            for name, value in values.items():
                new_text = _soa_text(name, value)
                old_text = getattr(row, name)
                if new_text == old_text:
                    continue
                columns[name] = new_text
                old_value = _soa_value(name, old_text)
                changes.append(FieldChange(SOA, str(row.id), name, old_value, value, SOA_SUBJECT))
                texts.append((old_text, new_text))
            if columns:
                conn.execute(
                    update(soa_document)
                    .where(soa_document.c.id == row.id)
                    .values(updated_at=now, changed_by=who, **columns)
                )
                self.db._log(conn, who, changes, texts=texts)
        return changes


def _soa_text(name: str, value: Any) -> str | None:
    if name == "approved_on":
        return value.isoformat() if value is not None else None
    return str(value or "")


def _soa_value(name: str, text: Any) -> Any:
    if name == "approved_on":
        from datetime import date

        try:
            return date.fromisoformat(str(text)) if text else None
        except ValueError:
            return None
    return str(text or "")
