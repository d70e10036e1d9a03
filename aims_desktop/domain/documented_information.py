"""The mandatory documented information: every record the standard's clauses require, with the
document (or register) that covers it, or a gap.

A document covers a required record when it says so ("Records it holds"): serving the clause is
not enough, as a procedure serving 8.2 is not the results 8.2 asks to keep. Only an approved
document counts as covering it; a draft is shown as a draft. A register of the application that
keeps such records (the impact assessments, the objectives) covers it once it holds a record.
Withdrawn documents count for nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aims_desktop.catalog import Catalog, RecordToKeep


class Coverage(StrEnum):
    APPROVED = "approved"
    REGISTER = "register"
    DRAFT = "draft"
    GAP = "gap"

    @property
    def label(self) -> str:
        return {
            "approved": "Covered by an approved document",
            "register": "Kept in a register of AIMS Desktop",
            "draft": "Only a draft so far",
            "gap": "Gap: no document",
        }[self.value]

    @property
    def covered(self) -> bool:
        return self in (Coverage.APPROVED, Coverage.REGISTER)


@dataclass(frozen=True)
class CoveringDocument:
    id: str
    label: str
    status: str
    """The document's status as a person reads it ("Approved", "Draft", "" when not stated)."""
    approved: bool


@dataclass(frozen=True)
class MandatoryRecord:
    record: RecordToKeep
    coverage: Coverage
    documents: tuple[CoveringDocument, ...]
    """Documents that cover it (approved first), withdrawn ones left out."""
    register: str | None = None
    """The register that keeps such records, when it holds any."""
    register_records: int = 0
    also_listed_under: tuple[str, ...] = ()
    """Other items of the catalogue that list the same record (A.2.2 for the AI policy)."""


def _status(document: Any) -> str:
    status = getattr(document, "status", None)
    return str(getattr(status, "value", "") or "")


def mandatory_records(
    catalog: Catalog,
    documents: Sequence[Any],
    label: Any,
    register_counts: Mapping[str, int],
) -> list[MandatoryRecord]:
    """Every required record of the catalogue, in the standard's order, with what covers it.

    `documents` are the document register's records; `label` names one; `register_counts`
    gives the number of records of each register (by key)."""
    result = []
    for record in catalog.required_records:
        group = set(catalog.same_record(record.id))
        covering = []
        for document in documents:
            status = _status(document)
            if status == "withdrawn":
                continue
            if not group & set(getattr(document, "records", ())):
                continue
            covering.append(
                CoveringDocument(
                    id=document.id,
                    label=label(document),
                    status=document.status.label if getattr(document, "status", None) else "",
                    approved=status == "approved",
                )
            )
        covering.sort(key=lambda d: (not d.approved, d.label))
        kept_in = next(
            (
                catalog.record(i).kept_in
                for i in sorted(group)
                if catalog.record(i).kept_in in register_counts
            ),
            None,
        )
        count = register_counts.get(kept_in, 0) if kept_in else 0
        if any(d.approved for d in covering):
            coverage = Coverage.APPROVED
        elif count:
            coverage = Coverage.REGISTER
        elif covering:
            coverage = Coverage.DRAFT
        else:
            coverage = Coverage.GAP
        result.append(
            MandatoryRecord(
                record=record,
                coverage=coverage,
                documents=tuple(covering),
                register=kept_in if count else None,
                register_records=count,
                also_listed_under=tuple(
                    sorted(catalog.record(i).item_id for i in group if i != record.id)
                ),
            )
        )
    return result
