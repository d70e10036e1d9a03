"""Clause 9: monitoring and measurement, internal audits and management reviews.

These are the records that prove a management system runs rather than sits on a shelf: what is
measured and what the measurements said over time (9.1); audits planned and held, with what they
found (9.2); and the meetings in which top management looked at all of it and decided (9.3).
A measure's results, an audit's findings and a review's actions are child records: they belong
to their measure, audit or review and are deleted with it.
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    REQUIREMENTS,
    ChildRecord,
    RegisterRecord,
    choice,
    date_field,
    flag,
    link,
    long_text,
    person,
    text,
)
from aims_desktop.domain.registers.keys import (
    AI_SYSTEM,
    AUDIT_FINDING,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
    MEASUREMENT_RESULT,
    MONITORING_MEASURE,
    NONCONFORMITY,
    REVIEW_ACTION,
)
from aims_desktop.domain.registers.spec import RegisterSpec

# -- numbers typed as text ---------------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """A measured value as typed ("97.5", "97,5", "1 200", "12%"), or None if it is not one.

    Kept as text so that a result reads back exactly as it was entered; the trend chart and
    the checks read it through this function.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _number_problem(title: str, value: str, *, required: bool) -> str | None:
    if not value.strip():
        return f"“{title}” needs a number, such as 97.5." if required else None
    if parse_number(value) is None:
        return f"“{title}” must be a number, such as 97.5 or 12 (it says “{value.strip()}”)."
    return None


# -- monitoring and measurement (9.1) ------------------------------------------------------------


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    PER_EVENT = "per_event"

    @property
    def label(self) -> str:
        return {
            "daily": "Daily",
            "weekly": "Weekly",
            "monthly": "Monthly",
            "quarterly": "Quarterly",
            "half_yearly": "Every six months",
            "yearly": "Yearly",
            "per_event": "When something happens (a release, a change)",
        }[self.value]

    @property
    def days(self) -> int | None:
        """The usual gap between two results, in days (None: no fixed rhythm)."""
        return {
            "daily": 1,
            "weekly": 7,
            "monthly": 31,
            "quarterly": 92,
            "half_yearly": 183,
            "yearly": 366,
            "per_event": None,
        }[self.value]


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"

    @property
    def label(self) -> str:
        return {"higher": "Higher is better", "lower": "Lower is better"}[self.value]


class MonitoringMeasure(RegisterRecord):
    ref: str = text("Reference", "A short number, such as MM-003.")
    name: str = text(
        "What is measured",
        "The thing you measure, in a few words: “Share of chatbot answers checked as correct”.",
        required=True,
    )
    purpose: str = long_text(
        "Why it is measured",
        "What it tells you: whether an AI system works as intended, whether an objective is "
        "being met, whether a control is effective.",
        lines=3,
    )
    method: str = long_text(
        "Method",
        "How it is measured, so that two people would get the same result: the sample, the "
        "source of the data, the formula.",
        lines=3,
    )
    unit: str = text("Unit", "What a result is counted in: %, complaints, hours, days.")
    target: str = text(
        "Target", "The value you aim for, as a number (leave empty if there is none)."
    )
    direction: Direction | None = choice(
        "Better when", "Whether a higher or a lower result is good."
    )
    frequency: Frequency | None = choice("How often", "When the measurement is taken.")
    measured_by: str = person("Measured by", "Who takes the measurement.")
    analysed_by: str = person("Analysed by", "Who analyses and evaluates the results.")
    evaluation: str = long_text(
        "When and how results are evaluated",
        "When the results are analysed, what counts as a problem, and who hears about it "
        "(for example: monthly, in the operations meeting; below target twice in a row "
        "opens a nonconformity).",
        lines=3,
    )
    ai_systems: tuple[str, ...] = link("AI systems it is about", AI_SYSTEM)
    requirements: tuple[str, ...] = link(
        "Clauses and controls it gives evidence for",
        REQUIREMENTS,
        "The requirements whose working this measurement shows.",
    )
    active: bool = flag(
        "Active", "Still measured: untick when the measurement is no longer taken.", default=True
    )


def _measure_rules(record: MonitoringMeasure) -> list[str]:
    problem = _number_problem("Target", record.target, required=False)
    return [problem] if problem else []


MONITORING = RegisterSpec(
    key=MONITORING_MEASURE,
    model=MonitoringMeasure,
    title="Monitoring measure",
    plural="Monitoring",
    slug="monitoring",
    description=(
        "What you measure to know whether the AI management system and your AI systems work: "
        "the method, how often, who measures and who evaluates, with every result over time."
    ),
    evidence_for=("9.1",),
    columns=("ref", "name", "target", "frequency", "measured_by", "active"),
    sort=("ref", False),
    label_fields=("ref", "name"),
    rules=_measure_rules,
    group="evaluation",
    ref_prefix="MM",
    extra={"sample": {"target": "95"}},
)


class MeasurementResult(ChildRecord):
    period: str = text(
        "Period",
        "What the result covers, such as “March 2027” or “2027 Q1”.",
        required=True,
    )
    measured_on: date | None = date_field("Measured on", required=True)
    value: str = text("Result", "The measured value, as a number.", required=True)
    measured_by: str = person("Measured by")
    note: str = long_text(
        "Comment", "What the result means, and anything that explains it.", lines=2
    )


def _result_rules(record: MeasurementResult) -> list[str]:
    problem = _number_problem("Result", record.value, required=True)
    return [problem] if problem else []


MEASUREMENT_RESULTS = RegisterSpec(
    key=MEASUREMENT_RESULT,
    model=MeasurementResult,
    title="Measurement result",
    plural="Measurement results",
    slug="measurement-results",
    description="The results of a monitoring measure, one entry per measurement.",
    evidence_for=("9.1",),
    columns=("measured_on", "period", "value", "measured_by", "note"),
    sort=("measured_on", False),
    label_fields=("period", "value"),
    rules=_result_rules,
    group="evaluation",
    parent=MONITORING_MEASURE,
    extra={"sample": {"value": "97.5"}},
)


# -- internal audit (9.2) ----------------------------------------------------------------------


class AuditStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "planned": "Planned",
            "in_progress": "In progress",
            "completed": "Completed",
            "cancelled": "Cancelled",
        }[self.value]


class InternalAudit(RegisterRecord):
    ref: str = text("Reference", "A short number, such as IA-002.")
    title: str = text(
        "Audit", "A name for the audit, such as “Risk management and Annex A.5”.", required=True
    )
    status: AuditStatus | None = choice("Status")
    planned_on: date | None = date_field("Planned for", "When the audit is planned.")
    held_on: date | None = date_field("Held on", "The day the audit took place (its first day).")
    reported_on: date | None = date_field("Report date", "When the audit report was issued.")
    scope: str = long_text(
        "Scope",
        "What the audit covers: processes, sites, teams and AI systems, and anything left out.",
        lines=3,
    )
    scope_items: tuple[str, ...] = link(
        "Clauses and controls audited",
        REQUIREMENTS,
        "Every clause and control the audit looks at: the audit programme counts them to show "
        "what is covered over the three-year cycle.",
    )
    criteria: str = long_text(
        "Audit criteria",
        "What the audit checks against: ISO/IEC 42001:2023, your AI policy, your own "
        "procedures, contracts, laws.",
        lines=2,
    )
    auditor: str = person("Lead auditor", "Who leads the audit.")
    team: str = text("Other auditors", "Anyone auditing with the lead auditor.")
    independence: str = long_text(
        "Independence of the auditors",
        "Why the auditors are objective: they do not audit their own work (for example, "
        "the finance manager audits operations, or an outside consultant audits everything).",
        lines=2,
    )
    auditees: str = long_text("People interviewed", "Who was interviewed or observed.", lines=2)
    ai_systems: tuple[str, ...] = link("AI systems looked at", AI_SYSTEM)
    conclusion: str = long_text(
        "Conclusion",
        "What the audit concluded about the AI management system: does it meet the criteria, "
        "is it effectively implemented and kept up to date?",
        lines=4,
    )
    reported_to: str = person(
        "Results reported to", "The managers who received the results (9.2.2)."
    )


def _audit_rules(record: InternalAudit) -> list[str]:
    problems = []
    if record.status is AuditStatus.COMPLETED:
        if record.held_on is None:
            problems.append(
                f"Say when “{record.title}” was held (“Held on”) before marking it completed."
            )
        if not record.auditor.strip():
            problems.append(
                f"Name the lead auditor of “{record.title}” before marking it completed: an "
                "auditor checks who audited."
            )
    if record.held_on and record.reported_on and record.reported_on < record.held_on:
        problems.append("The report date cannot be before the day the audit was held.")
    return problems


INTERNAL_AUDITS = RegisterSpec(
    key=INTERNAL_AUDIT,
    model=InternalAudit,
    title="Internal audit",
    plural="Internal audits",
    slug="internal-audits",
    description=(
        "The audit programme and every internal audit: what it covers, the criteria, who "
        "audited and why they are independent, the dates, and each finding graded and linked "
        "to the requirement and the nonconformity it raised."
    ),
    evidence_for=("9.2.1", "9.2.2"),
    columns=("ref", "title", "status", "planned_on", "held_on", "auditor"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    rules=_audit_rules,
    group="evaluation",
    ref_prefix="IA",
)


class FindingGrade(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"
    OPPORTUNITY = "opportunity"

    @property
    def label(self) -> str:
        return {
            "major": "Major nonconformity",
            "minor": "Minor nonconformity",
            "observation": "Observation",
            "opportunity": "Opportunity for improvement",
        }[self.value]

    @property
    def is_nonconformity(self) -> bool:
        return self in (FindingGrade.MAJOR, FindingGrade.MINOR)


class AuditFinding(ChildRecord):
    ref: str = text("Reference", "A short number, such as AF-007.")
    title: str = text("Finding", "The finding in one line.", required=True)
    grade: FindingGrade | None = choice(
        "Grade",
        "Major: a requirement is not met at all, or the system fails to achieve its results. "
        "Minor: a single lapse. Observation: not yet a nonconformity, but it could become one. "
        "Opportunity: a way to do better.",
    )
    requirements: tuple[str, ...] = link(
        "Clauses and controls", REQUIREMENTS, "The requirements the finding is about."
    )
    statement: str = long_text(
        "What was found",
        "The finding as the auditor states it: what the requirement asks, and what was found "
        "instead (or what could be better).",
        lines=3,
    )
    evidence: str = long_text(
        "Evidence seen",
        "The documents, records, interviews and observations behind the finding, named so "
        "that someone else can find them (document number and version, record reference).",
        lines=3,
    )
    nonconformity: tuple[str, ...] = link(
        "Nonconformity raised",
        NONCONFORMITY,
        "The nonconformity record that deals with it.",
        max_links=1,
    )


AUDIT_FINDINGS = RegisterSpec(
    key=AUDIT_FINDING,
    model=AuditFinding,
    title="Audit finding",
    plural="Audit findings",
    slug="audit-findings",
    description="What an internal audit found, graded, with its evidence.",
    evidence_for=("9.2.1",),
    columns=("ref", "title", "grade"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    group="evaluation",
    parent=INTERNAL_AUDIT,
    ref_prefix="AF",
)


# -- management review (9.3) -------------------------------------------------------------------


class ReviewStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "held": "Held"}[self.value]


REVIEW_TOPICS: tuple[tuple[str, str], ...] = (
    ("input_actions", "Actions from earlier reviews"),
    ("input_issues", "Changes in internal and external issues"),
    ("input_parties", "Changes in what interested parties need and expect"),
    ("input_nonconformities", "Nonconformities, incidents and corrective actions"),
    ("input_monitoring", "Monitoring and measurement results"),
    ("input_audits", "Audit results"),
    ("input_objectives", "How far the AI objectives are met"),
    ("input_risks", "Risks and opportunities"),
    ("input_improvement", "Opportunities for continual improvement"),
)
"""The inputs a management review considers (the topics of 9.3.2, in our words), as the names
of the review's fields and their titles."""


def _topic(name: str, help: str) -> str:
    title = dict(REVIEW_TOPICS)[name]
    result: str = long_text(title, help, lines=4)
    return result


class ManagementReview(RegisterRecord):
    ref: str = text("Reference", "A short number, such as MR-002.")
    title: str = text(
        "Review", "A name for the meeting, such as “Management review 2027”.", required=True
    )
    status: ReviewStatus | None = choice("Status")
    held_on: date | None = date_field("Date", "When the review is (or was) held.")
    chair: str = person("Chaired by", "Who from top management led the review.")
    attendees: str = long_text("Attendees", "Who took part, with their roles.", lines=2)
    input_actions: str = _topic(
        "input_actions", "What became of the actions agreed at earlier reviews."
    )
    input_issues: str = _topic(
        "input_issues", "Issues that are new, changed or no longer matter (clause 4.1)."
    )
    input_parties: str = _topic(
        "input_parties", "What interested parties need or expect now (clause 4.2)."
    )
    input_nonconformities: str = _topic(
        "input_nonconformities", "Nonconformities, AI incidents and how corrective action went."
    )
    input_monitoring: str = _topic(
        "input_monitoring", "What the measurements show, and how they are trending."
    )
    input_audits: str = _topic("input_audits", "What internal and external audits found.")
    input_objectives: str = _topic(
        "input_objectives", "Progress against each AI objective (clause 6.2)."
    )
    input_risks: str = _topic(
        "input_risks", "Risks above the acceptance level, treatments late or done."
    )
    input_improvement: str = _topic("input_improvement", "Ideas and suggestions for doing better.")
    discussion: str = long_text(
        "Discussion and conclusions",
        "What was discussed, and whether the AI management system is still suitable, adequate "
        "and effective.",
        lines=4,
    )
    decisions: str = long_text(
        "Decisions",
        "What top management decided: improvements, changes to the AI management system, "
        "resources (9.3.3). Actions with owners and dates are listed below.",
        lines=4,
    )


def _review_rules(record: ManagementReview) -> list[str]:
    problems = []
    if record.status is ReviewStatus.HELD:
        if record.held_on is None:
            problems.append(f"Give the date “{record.title}” was held before marking it held.")
        if not record.chair.strip():
            problems.append(
                f"Say who chaired “{record.title}” before marking it held: a management review "
                "is led by top management."
            )
    return problems


MANAGEMENT_REVIEWS = RegisterSpec(
    key=MANAGEMENT_REVIEW,
    model=ManagementReview,
    title="Management review",
    plural="Management reviews",
    slug="management-reviews",
    description=(
        "Top management's reviews of the AI management system: who attended, the inputs "
        "(filled in from the project so you discuss rather than compile), the decisions, and "
        "the actions agreed."
    ),
    evidence_for=("9.3.1", "9.3.2", "9.3.3"),
    columns=("ref", "title", "status", "held_on", "chair"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    rules=_review_rules,
    group="evaluation",
    ref_prefix="MR",
)


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"open": "Open", "done": "Done", "cancelled": "Cancelled"}[self.value]


class ReviewAction(ChildRecord):
    ref: str = text("Reference", "A short number, such as MA-004.")
    action: str = text("Action", "What is to be done, in one line.", required=True)
    owner: str = person("Owner", "Who makes sure it is done.")
    due: date | None = date_field("Due")
    status: ActionStatus | None = choice("Status")
    done_on: date | None = date_field("Done on")
    note: str = long_text("Notes", "Progress, or why it was cancelled.", lines=2)


def _action_rules(record: ReviewAction) -> list[str]:
    if record.status is ActionStatus.DONE and record.done_on is None:
        return [f"Give the date “{record.action}” was done before marking it done."]
    return []


REVIEW_ACTIONS = RegisterSpec(
    key=REVIEW_ACTION,
    model=ReviewAction,
    title="Review action",
    plural="Review actions",
    slug="review-actions",
    description="The actions a management review agreed, with owners and due dates.",
    evidence_for=("9.3.3",),
    columns=("ref", "action", "owner", "due", "status"),
    sort=("ref", False),
    label_fields=("ref", "action"),
    rules=_action_rules,
    group="evaluation",
    parent=MANAGEMENT_REVIEW,
    ref_prefix="MA",
)
