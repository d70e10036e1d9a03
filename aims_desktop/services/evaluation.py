"""Performance evaluation, improvement and the certification path, as the GUI and CLI use them.

Raising a nonconformity from an audit finding or an incident, drafting a management review's
inputs, and reading the project as an audit programme, a certification cycle and a Stage 1
checklist. Edits are one transaction and one undo step each, like every register edit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aims_desktop.domain.audit_programme import ProgrammeCoverage, programme_coverage
from aims_desktop.domain.certification import CertificationCycle, Reminder, cycle_of, reminders
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.monitoring import Point, trend
from aims_desktop.domain.registers import REGISTERS, RegisterSpec
from aims_desktop.domain.registers.evaluation import (
    AuditFinding,
    InternalAudit,
    ManagementReview,
    MeasurementResult,
)
from aims_desktop.domain.registers.improvement import (
    AIIncident,
    NonconformitySource,
    NonconformityStatus,
)
from aims_desktop.domain.registers.keys import (
    AI_INCIDENT,
    AUDIT_FINDING,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
    MEASUREMENT_RESULT,
    NONCONFORMITY,
)
from aims_desktop.domain.review_inputs import ReviewInput, review_inputs
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.stage1 import ReadinessItem, stage1_readiness
from aims_desktop.services import registers
from aims_desktop.services.eye import snapshot_of
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.register_repository import Insert, Update

__all__ = [
    "add_result",
    "certification",
    "certification_reminders",
    "measure_trend",
    "prefill_review",
    "programme",
    "project_snapshot",
    "raise_from_finding",
    "raise_from_incident",
    "review_drafts",
    "stage1",
]


def project_snapshot(session: ProjectSession) -> ProjectSnapshot:
    return snapshot_of(session.db, session.catalog, session.now(), session.revision)


def _subject(spec: RegisterSpec, record: RegisterRecord) -> str:
    return f"{spec.title} “{spec.label(record)}”"


# -- nonconformities from findings and incidents -------------------------------------------------


def _raise(
    session: ProjectSession,
    source_key: str,
    source: RegisterRecord,
    link_field: str,
    values: dict[str, Any],
) -> ChangeSet:
    """A new nonconformity and the source's link to it, in one transaction (one undo step)."""
    source_spec = REGISTERS[source_key]
    existing = getattr(source, link_field)
    if existing:
        label = registers.label(session, NONCONFORMITY, existing[0])
        raise RuleViolation(
            f"{source_spec.title} “{source_spec.label(source)}” already has a nonconformity "
            f"({label})."
        )
    nc_spec = REGISTERS[NONCONFORMITY]
    nc = registers.prepare(session, NONCONFORMITY, values)
    changes = session.db.registers.write(
        [
            Insert(nc_spec, nc, _subject(nc_spec, nc)),
            Update(source_spec, source.id, {link_field: (nc.id,)}, _subject(source_spec, source)),
        ],
        session.user,
    )
    return ChangeSet(
        f"Raise nonconformity {nc_spec.label(nc)} from {_subject(source_spec, source)}",
        tuple(changes),
    )


def raise_from_finding(session: ProjectSession, finding_id: str) -> ChangeSet:
    """Raise a nonconformity for an audit finding; the finding links to it."""
    finding = registers.record(session, AUDIT_FINDING, finding_id)
    assert isinstance(finding, AuditFinding)
    audit = registers.record(session, INTERNAL_AUDIT, finding.parent_id)
    assert isinstance(audit, InternalAudit)
    parts = [f"Found by internal audit {audit.ref} “{audit.title}”."]
    if finding.statement.strip():
        parts.append(finding.statement.strip())
    if finding.evidence.strip():
        parts.append(f"Evidence: {finding.evidence.strip()}")
    values = {
        "title": finding.title,
        "source": NonconformitySource.INTERNAL_AUDIT,
        "raised_on": session.today(),
        "raised_by": audit.auditor or session.user,
        "description": "\n\n".join(parts),
        "requirements": finding.requirements,
        "ai_systems": audit.ai_systems,
        "status": NonconformityStatus.OPEN,
    }
    return _raise(session, AUDIT_FINDING, finding, "nonconformity", values)


def raise_from_incident(session: ProjectSession, incident_id: str) -> ChangeSet:
    """Raise a nonconformity for an AI incident; the incident links to it."""
    incident = registers.record(session, AI_INCIDENT, incident_id)
    assert isinstance(incident, AIIncident)
    parts = [f"Raised from AI incident {incident.ref} “{incident.title}”."]
    if incident.description.strip():
        parts.append(incident.description.strip())
    values = {
        "title": incident.title,
        "source": NonconformitySource.INCIDENT,
        "raised_on": session.today(),
        "raised_by": session.user,
        "description": "\n\n".join(parts),
        "ai_systems": incident.ai_systems,
        "correction": incident.response,
        "status": NonconformityStatus.OPEN,
    }
    return _raise(session, AI_INCIDENT, incident, "nonconformity", values)


# -- management review -------------------------------------------------------------------------


def review_drafts(session: ProjectSession, review_id: str) -> list[ReviewInput]:
    """The inputs of a review, drafted from the project as it is now."""
    review = registers.record(session, MANAGEMENT_REVIEW, review_id)
    assert isinstance(review, ManagementReview)
    return review_inputs(project_snapshot(session), review)


def prefill_review(
    session: ProjectSession, review_id: str, *, overwrite: bool = False
) -> ChangeSet:
    """Fill the review's input fields from the project (one undo step). Fields the manager has
    already written in are kept unless `overwrite`."""
    review = registers.record(session, MANAGEMENT_REVIEW, review_id)
    values = {
        draft.field: draft.text
        for draft in review_drafts(session, review_id)
        if overwrite or not str(getattr(review, draft.field)).strip()
    }
    if not values:
        return ChangeSet("Fill in the review inputs")
    change = registers.edit(session, MANAGEMENT_REVIEW, review_id, **values)
    return ChangeSet(
        f"Fill in the inputs of {_subject(REGISTERS[MANAGEMENT_REVIEW], review)}", change.changes
    )


# -- monitoring --------------------------------------------------------------------------------


def measure_trend(session: ProjectSession, measure_id: str) -> list[Point]:
    """The results of a measure that hold a number, oldest first (what the chart draws)."""
    spec = REGISTERS[MEASUREMENT_RESULT]
    results = session.db.registers.records(spec, parent_id=measure_id)
    return trend(r for r in results if isinstance(r, MeasurementResult))


def add_result(
    session: ProjectSession, measure_id: str, value: str, measured_on: date, period: str = ""
) -> ChangeSet:
    values = {
        "value": value,
        "measured_on": measured_on,
        "period": period or _month(measured_on),
        "measured_by": session.user,
    }
    return registers.add(session, MEASUREMENT_RESULT, values, parent_id=measure_id)


def _month(day: date) -> str:
    names = (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )  # fmt: skip
    return f"{names[day.month - 1]} {day.year}"


# -- the programme, the cycle and the Stage 1 checklist ----------------------------------------


def programme(session: ProjectSession) -> ProgrammeCoverage:
    return programme_coverage(project_snapshot(session))


def certification(session: ProjectSession) -> CertificationCycle:
    return cycle_of(project_snapshot(session))


def certification_reminders(session: ProjectSession) -> list[Reminder]:
    snapshot = project_snapshot(session)
    return reminders(cycle_of(snapshot), snapshot.today)


def stage1(session: ProjectSession) -> list[ReadinessItem]:
    return stage1_readiness(project_snapshot(session))
