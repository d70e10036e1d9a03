"""Clause 10 and the AI incidents of Annex A: nonconformities, improvements, incidents.

A nonconformity follows one path whatever raised it (an audit finding, an incident, a
complaint, a measurement): what happened, the correction, the root cause, the corrective action
with its owner and date, and the check that the action worked. Only that check closes it. The
improvement log keeps what the organisation decided to do better (10.1); the incident register
keeps every AI incident and concern reported (A.3.3, A.8.4), with who was told.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    REQUIREMENTS,
    RegisterRecord,
    choice,
    date_field,
    flag,
    link,
    long_text,
    person,
    text,
)
from aims_desktop.domain.registers.keys import AI_INCIDENT, AI_SYSTEM, IMPROVEMENT, NONCONFORMITY
from aims_desktop.domain.registers.spec import RegisterSpec


class NonconformitySource(StrEnum):
    INTERNAL_AUDIT = "internal_audit"
    CERTIFICATION_AUDIT = "certification_audit"
    INCIDENT = "incident"
    COMPLAINT = "complaint"
    MONITORING = "monitoring"
    MANAGEMENT_REVIEW = "management_review"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "internal_audit": "Internal audit finding",
            "certification_audit": "Certification audit finding",
            "incident": "AI incident",
            "complaint": "Complaint",
            "monitoring": "Monitoring result",
            "management_review": "Management review",
            "other": "Other",
        }[self.value]


class NonconformityStatus(StrEnum):
    OPEN = "open"
    ACTION_PLANNED = "action_planned"
    ACTION_DONE = "action_done"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "action_planned": "Corrective action planned",
            "action_done": "Action done, effectiveness to check",
            "closed": "Closed (effective)",
        }[self.value]


class Nonconformity(RegisterRecord):
    ref: str = text("Reference", "A short number, such as NC-012.")
    title: str = text("Nonconformity", "What is wrong, in one line.", required=True)
    source: NonconformitySource | None = choice("Where it came from")
    raised_on: date | None = date_field("Raised on")
    raised_by: str = person("Raised by")
    description: str = long_text(
        "What happened",
        "The facts: what the requirement asks and what was found instead, where and when.",
        lines=3,
    )
    requirements: tuple[str, ...] = link(
        "Requirements not met", REQUIREMENTS, "The clauses and controls that were not met."
    )
    ai_systems: tuple[str, ...] = link("AI systems concerned", AI_SYSTEM)
    correction: str = long_text(
        "Correction",
        "What was done at once to put the immediate problem right and contain its effects.",
        lines=2,
    )
    root_cause: str = long_text(
        "Root cause",
        "Why it happened, and whether it could happen elsewhere too (asking “why?” until the "
        "answer is something you can change).",
        lines=2,
    )
    corrective_action: str = long_text(
        "Corrective action",
        "What will be changed so that it does not happen again.",
        lines=3,
    )
    action_owner: str = person("Action owner", "Who carries out the corrective action.")
    action_due: date | None = date_field("Action due")
    status: NonconformityStatus | None = choice("Status")
    effectiveness_check: str = long_text(
        "Effectiveness check",
        "How you checked, some time after the action, that it worked (the problem has not come "
        "back), and what you found. Only this closes a nonconformity.",
        lines=3,
    )
    checked_by: str = person("Checked by")
    checked_on: date | None = date_field("Checked on")
    effective: bool = flag(
        "The corrective action worked",
        "Tick when the check showed the action was effective.",
    )


def _nonconformity_rules(record: Nonconformity) -> list[str]:
    problems = []
    if record.status is NonconformityStatus.CLOSED:
        missing = []
        if not record.effectiveness_check.strip():
            missing.append("describe in “Effectiveness check” how you checked and what you found")
        if record.checked_on is None:
            missing.append("give the date in “Checked on”")
        if not record.effective:
            missing.append("tick “The corrective action worked”")
        if missing:
            problems.append(
                f"“{record.title}” can only be closed once its corrective action has been "
                "checked and found to work: first " + _and(missing) + "."
            )
    if record.raised_on and record.checked_on and record.checked_on < record.raised_on:
        problems.append("The effectiveness check cannot be before the nonconformity was raised.")
    return problems


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


NONCONFORMITIES = RegisterSpec(
    key=NONCONFORMITY,
    model=Nonconformity,
    title="Nonconformity",
    plural="Nonconformities",
    slug="nonconformities",
    description=(
        "Every requirement found not met, wherever it was found: the correction, the root "
        "cause, the corrective action with its owner and date, and the check that closes it."
    ),
    evidence_for=("10.2",),
    columns=("ref", "title", "source", "raised_on", "action_owner", "action_due", "status"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    rules=_nonconformity_rules,
    group="improvement",
    ref_prefix="NC",
    extra={"sample": {"effective": True}},
)


class ImprovementSource(StrEnum):
    MANAGEMENT_REVIEW = "management_review"
    INTERNAL_AUDIT = "internal_audit"
    NONCONFORMITY = "nonconformity"
    INCIDENT = "incident"
    MONITORING = "monitoring"
    SUGGESTION = "suggestion"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "management_review": "Management review",
            "internal_audit": "Internal audit",
            "nonconformity": "Nonconformity",
            "incident": "AI incident",
            "monitoring": "Monitoring result",
            "suggestion": "Suggestion from staff or others",
            "other": "Other",
        }[self.value]


class ImprovementStatus(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {
            "idea": "Idea",
            "planned": "Planned",
            "in_progress": "In progress",
            "done": "Done",
            "rejected": "Not taken up",
        }[self.value]


class Improvement(RegisterRecord):
    ref: str = text("Reference", "A short number, such as CI-005.")
    title: str = text("Improvement", "What could be done better, in one line.", required=True)
    source: ImprovementSource | None = choice("Where it came from")
    raised_on: date | None = date_field("Raised on")
    description: str = long_text(
        "What and why", "The improvement, and what it should make better.", lines=3
    )
    owner: str = person("Owner")
    due: date | None = date_field("Due")
    status: ImprovementStatus | None = choice("Status")
    outcome: str = long_text(
        "Outcome", "What was done and what it changed (or why it was not taken up).", lines=2
    )
    nonconformities: tuple[str, ...] = link("Nonconformities it came from", NONCONFORMITY)


IMPROVEMENTS = RegisterSpec(
    key=IMPROVEMENT,
    model=Improvement,
    title="Improvement",
    plural="Continual improvement",
    slug="improvements",
    description=(
        "What you decided to do better and where the idea came from (reviews, audits, "
        "incidents, staff), with its owner, status and outcome."
    ),
    evidence_for=("10.1",),
    columns=("ref", "title", "source", "owner", "due", "status"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    group="improvement",
    ref_prefix="CI",
)


class IncidentKind(StrEnum):
    INCIDENT = "incident"
    NEAR_MISS = "near_miss"
    CONCERN = "concern"
    COMPLAINT = "complaint"

    @property
    def label(self) -> str:
        return {
            "incident": "Incident (harm or failure happened)",
            "near_miss": "Near miss",
            "concern": "Concern raised",
            "complaint": "Complaint",
        }[self.value]


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def label(self) -> str:
        return {"low": "Low", "medium": "Medium", "high": "High", "critical": "Critical"}[
            self.value
        ]

    @property
    def serious(self) -> bool:
        return self in (Severity.HIGH, Severity.CRITICAL)


class IncidentStatus(StrEnum):
    OPEN = "open"
    INVESTIGATING = "investigating"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "Open", "investigating": "Being investigated", "closed": "Closed"}[
            self.value
        ]


class AIIncident(RegisterRecord):
    ref: str = text("Reference", "A short number, such as INC-003.")
    title: str = text("Incident or concern", "What happened, in one line.", required=True)
    kind: IncidentKind | None = choice("Kind")
    reported_on: date | None = date_field("Reported on")
    reported_by: str = person(
        "Reported by", "Who reported it: a member of staff, a customer, a supplier."
    )
    occurred_on: date | None = date_field("Happened on")
    description: str = long_text("What happened", "The facts, as far as they are known.", lines=3)
    ai_systems: tuple[str, ...] = link("AI systems involved", AI_SYSTEM)
    severity: Severity | None = choice(
        "Severity", "How serious the effects are, or could have been, for people and for you."
    )
    affected: str = long_text("Who was affected", "People or groups, and how.", lines=2)
    informed: str = long_text(
        "Who was informed",
        "Who was told and when: the people affected, customers, management, suppliers.",
        lines=2,
    )
    authority_required: bool = flag(
        "The law requires telling an authority",
        "For example a personal data breach (the data protection authority) or a serious "
        "incident of a high-risk AI system under the EU AI Act.",
    )
    authority: str = text("Authority", "Which authority was (or must be) told.")
    authority_informed_on: date | None = date_field("Authority informed on")
    response: str = long_text("What was done", "The response, and what was learned.", lines=3)
    status: IncidentStatus | None = choice("Status")
    nonconformity: tuple[str, ...] = link(
        "Nonconformity raised",
        NONCONFORMITY,
        "The nonconformity that deals with what went wrong, if one was raised.",
        max_links=1,
    )


def _incident_rules(record: AIIncident) -> list[str]:
    problems = []
    told = record.authority_informed_on is not None and bool(record.authority.strip())
    if record.authority_required and record.status is IncidentStatus.CLOSED and not told:
        problems.append(
            f"“{record.title}” must be reported to an authority: record which authority "
            "and when it was informed before closing the incident."
        )
    if record.occurred_on and record.reported_on and record.reported_on < record.occurred_on:
        problems.append("An incident cannot be reported before the day it happened.")
    return problems


INCIDENTS = RegisterSpec(
    key=AI_INCIDENT,
    model=AIIncident,
    title="AI incident",
    plural="AI incidents and concerns",
    slug="incidents",
    description=(
        "Every AI incident, near miss, concern and complaint reported: who reported it, the AI "
        "system, how serious it was, who was told (authorities included where the law asks) "
        "and the nonconformity it raised."
    ),
    evidence_for=("A.3.3", "A.8.4", "10.2"),
    columns=("ref", "title", "kind", "reported_on", "severity", "status"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    rules=_incident_rules,
    group="improvement",
    ref_prefix="INC",
)
