"""Checks on improvement (clause 10) and on AI incidents (A.3.3, A.8.4).

That a closed nonconformity has an effectiveness check is not a check here: it is a rule of the
nonconformity register, so such a record cannot be saved at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.dates import day_text
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.registers.improvement import (
    AIIncident,
    IncidentStatus,
    Nonconformity,
    NonconformityStatus,
)
from aims_desktop.domain.registers.keys import AI_INCIDENT, NONCONFORMITY
from aims_desktop.domain.snapshot import ProjectSnapshot


def corrective_action_overdue(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    today = snapshot.today
    for nc in snapshot.records(NONCONFORMITY):
        if not isinstance(nc, Nonconformity) or nc.action_due is None or nc.action_due >= today:
            continue
        if nc.status in (NonconformityStatus.ACTION_DONE, NonconformityStatus.CLOSED):
            continue
        owner = f" ({nc.action_owner})" if nc.action_owner.strip() else ""
        yield Finding(
            "corrective-action-overdue",
            f"The corrective action of nonconformity {nc.ref} “{nc.title}”{owner} was due on "
            f"{day_text(nc.action_due)} and is not done. An auditor looks for corrective "
            "action taken in good time (10.2).",
            f"register:{NONCONFORMITY}:{nc.id}",
            nc.ref or "10.2",
        )


def action_done_unchecked(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """A corrective action done long ago whose effect nobody has checked."""
    today = snapshot.today
    for nc in snapshot.records(NONCONFORMITY):
        if not isinstance(nc, Nonconformity) or nc.status is not NonconformityStatus.ACTION_DONE:
            continue
        since = nc.action_due
        if since is None or (today - since).days <= 90:
            continue
        yield Finding(
            "effectiveness-not-checked",
            f"The corrective action of nonconformity {nc.ref} “{nc.title}” was due on "
            f"{day_text(since)}, but nobody has checked yet whether it worked. Check it and "
            "close the nonconformity, or take further action.",
            f"register:{NONCONFORMITY}:{nc.id}",
            nc.ref or "10.2",
        )


def authority_not_informed(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    for incident in snapshot.records(AI_INCIDENT):
        if not isinstance(incident, AIIncident) or not incident.authority_required:
            continue
        if incident.authority_informed_on is not None:
            continue
        yield Finding(
            "incident-authority",
            f"Incident {incident.ref} “{incident.title}” must be reported to an authority, and "
            "no date is recorded for telling it. Legal deadlines for such reports are short "
            "(often 72 hours).",
            f"register:{AI_INCIDENT}:{incident.id}",
            incident.ref or "A.8.4",
        )


def serious_incident_without_nonconformity(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    for incident in snapshot.records(AI_INCIDENT):
        if not isinstance(incident, AIIncident) or incident.severity is None:
            continue
        if not incident.severity.serious or incident.nonconformity:
            continue
        status = "was closed" if incident.status is IncidentStatus.CLOSED else "is being handled"
        yield Finding(
            "incident-no-nonconformity",
            f"Incident {incident.ref} “{incident.title}” is of "
            f"{incident.severity.label.lower()} severity and {status} without a nonconformity: "
            "an auditor expects its cause to be found and corrected through 10.2.",
            f"register:{AI_INCIDENT}:{incident.id}",
            incident.ref or "10.2",
        )


RULES = (
    corrective_action_overdue,
    action_done_unchecked,
    authority_not_informed,
    serious_incident_without_nonconformity,
)
