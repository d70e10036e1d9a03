"""Checks on documented information (7.5): reviews that are overdue, and mandatory records
with no approved document where the answers say the clause is (partly) met."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.dates import long_date
from aims_desktop.domain.documented_information import Coverage, mandatory_records
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import DOCUMENT
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status


def document_review_overdue(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """A document in use whose next review date has passed."""
    spec = REGISTERS[DOCUMENT]
    for document in snapshot.records(DOCUMENT):
        review = getattr(document, "review_date", None)
        status = getattr(getattr(document, "status", None), "value", None)
        if review is None or review >= snapshot.today or status == "withdrawn":
            continue
        label = spec.label(document)
        yield Finding(
            "document-review-overdue",
            f"“{label}” was due for review on {long_date(review)}. An auditor checks "
            "that documents in use are reviewed when planned: review it, then set its next "
            "review date.",
            f"register:{DOCUMENT}:{document.id}",
            getattr(document, "ref", "") or label,
        )


_ASSERTED = (Status.MET, Status.PARTIALLY_MET)


def mandatory_record_not_approved(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """A record the standard requires, for a clause the answers call met or partly met, that
    no approved document (or register of the application) covers."""
    spec = REGISTERS[DOCUMENT]
    counts = {key: len(records) for key, records in snapshot.registers.items()}
    documents = snapshot.records(DOCUMENT)
    for entry in mandatory_records(snapshot.catalog, documents, spec.label, counts):
        if entry.coverage.covered:
            continue
        clause = entry.record.required_by or entry.record.item_id
        status = snapshot.assessment(clause).status
        if status not in _ASSERTED:
            continue
        drafts = [d.label for d in entry.documents]
        where = (
            f"only a draft so far ({'; '.join(drafts)})"
            if entry.coverage is Coverage.DRAFT
            else "no document in the register says it holds it"
        )
        yield Finding(
            "mandatory-record-missing",
            f"{clause} is marked {status.label.lower()}, but the record it requires, "
            f"“{entry.record.text}”, has no approved document: {where}. Approve the document "
            "or name it under “Records it holds”.",
            "register:mandatory-records",
            clause,
        )


RULES = (document_review_overdue, mandatory_record_not_approved)
