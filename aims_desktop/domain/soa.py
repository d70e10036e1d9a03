"""The Statement of Applicability (6.1.3), traced: for every control, whether it applies, why,
the risks whose treatment chose it, the evidence that it is in place, and how far it is
implemented; then the organisation's own controls, which 6.1.3 counts as much as Annex A's.

Computed from a project snapshot with lookups built once (risks by control, evidence by item),
so the statement of a project with thousands of risks is as quick as that of a small one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from aims_desktop.catalog import CatalogItem
from aims_desktop.domain.assessment import Applicability, Assessment
from aims_desktop.domain.evidence import EvidenceRecord
from aims_desktop.domain.registers.keys import ORGANISATION_CONTROL, RISK
from aims_desktop.domain.status import Status

if TYPE_CHECKING:
    from aims_desktop.domain.snapshot import ProjectSnapshot

NUMBER_LIMIT = 100


class StatementOfApplicability(BaseModel):
    """The statement as a controlled document: its number, version and approval."""

    model_config = ConfigDict(frozen=True)

    number: str = ""
    version: str = ""
    approved_by: str = ""
    approved_on: date | None = None

    @property
    def approved(self) -> bool:
        return bool(self.approved_by.strip()) and self.approved_on is not None


SOA_FIELDS = {
    "number": "document number",
    "version": "version",
    "approved_by": "approver",
    "approved_on": "approval date",
}


def soa_problems(document: StatementOfApplicability) -> list[str]:
    found = []
    for name in ("number", "version"):
        if len(getattr(document, name)) > NUMBER_LIMIT:
            found.append(
                f"The {SOA_FIELDS[name]} of the Statement of Applicability is longer than "
                f"{NUMBER_LIMIT} characters."
            )
    if len(document.approved_by) > 500:
        found.append("The approver's name is longer than 500 characters.")
    return found


@dataclass(frozen=True)
class TracedControl:
    """One line of the statement."""

    id: str
    title: str
    applicability: Applicability
    status: Status
    reason: str
    """The justification the organisation wrote (why included, or why excluded)."""
    risks: tuple[tuple[str, str], ...]
    """(record id, label) of every live risk whose treatment chose the control."""
    evidence: tuple[EvidenceRecord, ...]
    owner: str
    notes: str
    own: bool = False
    """A control of the organisation's own (not in Annex A)."""
    related: tuple[str, ...] = ()
    """For an own control: the Annex A controls it relates to."""

    @property
    def has_reason(self) -> bool:
        return bool(self.reason.strip()) or bool(self.risks)


def risks_by_control(snapshot: ProjectSnapshot) -> dict[str, list[Any]]:
    """Control id (Annex A id, or own-control record id) -> live risks whose treatment chose it."""
    from aims_desktop.domain.registers.risks import RiskStatus

    found: dict[str, list[Any]] = defaultdict(list)
    for risk in snapshot.records(RISK):
        if risk.status is RiskStatus.CLOSED:  # type: ignore[attr-defined]
            continue
        for control in (*risk.controls, *risk.organisation_controls):  # type: ignore[attr-defined]
            found[control].append(risk)
    return found


def evidence_by_item(evidence: tuple[EvidenceRecord, ...]) -> dict[str, list[EvidenceRecord]]:
    found: dict[str, list[EvidenceRecord]] = defaultdict(list)
    for record in evidence:
        if record.item_id:
            found[record.item_id].append(record)
    return found


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in re.split(r"(\d+)", text)
    )


def _labels(snapshot: ProjectSnapshot, risks: list[Any]) -> tuple[tuple[str, str], ...]:
    """(id, label) of each risk, by reference ("R-2" before "R-10")."""
    found = [(r.id, snapshot.link_labels.get((RISK, r.id), r.title)) for r in risks]
    return tuple(sorted(found, key=lambda pair: _natural(pair[1])))


def annex_a_entry(
    snapshot: ProjectSnapshot,
    item: CatalogItem,
    risks: Mapping[str, list[Any]],
    evidence: Mapping[str, list[EvidenceRecord]],
) -> TracedControl:
    a: Assessment = snapshot.assessment(item.id)
    return TracedControl(
        id=item.id,
        title=item.title,
        applicability=Applicability.EXCLUDED if a.excluded else a.applicability,
        status=a.status,
        reason=a.justification.strip(),
        risks=_labels(snapshot, risks.get(item.id, [])),
        evidence=tuple(evidence.get(item.id, ())),
        owner=a.owner,
        notes=a.notes,
    )


def traced(snapshot: ProjectSnapshot) -> list[TracedControl]:
    """Every Annex A control, then every control of the organisation's own, traced."""
    risks = risks_by_control(snapshot)
    evidence = evidence_by_item(snapshot.evidence)
    entries = [annex_a_entry(snapshot, c, risks, evidence) for c in snapshot.catalog.controls]
    entries.extend(own_controls(snapshot, risks))
    return entries


def own_controls(
    snapshot: ProjectSnapshot, risks: Mapping[str, list[Any]] | None = None
) -> list[TracedControl]:
    """The organisation's own controls: applicable by being recorded (6.1.3 lists the controls
    that are needed), with their implementation and reason."""
    from aims_desktop.domain.registers.controls import Implementation

    risks = risks if risks is not None else risks_by_control(snapshot)
    entries = []
    for control in snapshot.records(ORGANISATION_CONTROL):
        implementation = control.implementation  # type: ignore[attr-defined]
        status = (
            implementation.status
            if isinstance(implementation, Implementation)
            else Status.NOT_ASSESSED
        )
        evidence_text = control.evidence.strip()  # type: ignore[attr-defined]
        entries.append(
            TracedControl(
                id=control.ref or control.name,  # type: ignore[attr-defined]
                title=control.name,  # type: ignore[attr-defined]
                applicability=Applicability.APPLICABLE,
                status=status,
                reason=control.reason.strip(),  # type: ignore[attr-defined]
                risks=_labels(snapshot, risks.get(control.id, [])),
                evidence=(),
                owner=control.owner,  # type: ignore[attr-defined]
                notes=evidence_text,
                own=True,
                related=tuple(control.related),  # type: ignore[attr-defined]
            )
        )
    return entries


@dataclass(frozen=True)
class ApplicabilityCounts:
    applicable: int
    excluded: int
    undecided: int
    own: int

    @property
    def total(self) -> int:
        return self.applicable + self.excluded + self.undecided


def applicability_counts(snapshot: ProjectSnapshot) -> ApplicabilityCounts:
    counts: dict[Applicability, int] = defaultdict(int)
    for control in snapshot.catalog.controls:
        a = snapshot.assessment(control.id)
        counts[Applicability.EXCLUDED if a.excluded else a.applicability] += 1
    return ApplicabilityCounts(
        applicable=counts[Applicability.APPLICABLE],
        excluded=counts[Applicability.EXCLUDED],
        undecided=counts[Applicability.UNDECIDED],
        own=len(snapshot.records(ORGANISATION_CONTROL)),
    )
