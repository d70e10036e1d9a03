"""Checks on evidence: a requirement marked as met must show how (7.5, 9.2)."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status

LISTED = 8


def met_without_evidence(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """Items marked as met with no evidence file, no note, and no register that is evidence for
    them holding any record."""
    with_files = {e.item_id for e in snapshot.evidence if e.item_id}
    with_records = {
        item
        for key, spec in REGISTERS.items()
        if snapshot.records(key)
        for item in spec.evidence_for
    }
    found = [
        item.id
        for item in snapshot.catalog.items
        if (a := snapshot.assessments.get(item.id)) is not None
        and a.status is Status.MET
        and not a.notes.strip()
        and item.id not in with_files
        and item.id not in with_records
    ]
    if not found:
        return
    more = len(found) - LISTED
    listed = ", ".join(found[:LISTED]) + (f" and {more} more" if more > 0 else "")
    yield Finding(
        "met-without-evidence",
        f"{len(found)} item{'s are' if len(found) != 1 else ' is'} marked as met with no "
        f"evidence attached and no note of where the evidence is ({listed}). An auditor will "
        "ask to see it: attach a file or say where it is kept.",
        found[0],
        found[0] if len(found) == 1 else f"{len(found)} items",
    )


RULES = (met_without_evidence,)
