"""Checks on performance evaluation (clause 9): monitoring, internal audit, management review.

Most of these only speak once the organisation has started the work they check (a measure, an
audit programme, a certification audit, or an answer that claims the requirement is met), so a
new project is not told off for what it has not reached yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from aims_desktop.domain.audit_programme import programme_coverage
from aims_desktop.domain.dates import day_text
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.monitoring import overdue_since, results_of, trend
from aims_desktop.domain.registers.evaluation import (
    ActionStatus,
    AuditFinding,
    AuditStatus,
    InternalAudit,
    ManagementReview,
    MonitoringMeasure,
    ReviewAction,
    ReviewStatus,
)
from aims_desktop.domain.registers.keys import (
    AUDIT_FINDING,
    CERTIFICATION_AUDIT,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
    MONITORING_MEASURE,
    REVIEW_ACTION,
)
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status

YEAR = timedelta(days=366)
NAMED = 5

AUDIT_ITEMS = ("9.2.1", "9.2.2")
REVIEW_ITEMS = ("9.3.1", "9.3.2", "9.3.3")


def _claimed(snapshot: ProjectSnapshot, items: tuple[str, ...]) -> bool:
    """Whether any of the items is answered as met or partially met."""
    return any(snapshot.assessment(i).status in (Status.MET, Status.PARTIALLY_MET) for i in items)


def _audits(snapshot: ProjectSnapshot) -> list[InternalAudit]:
    return [a for a in snapshot.records(INTERNAL_AUDIT) if isinstance(a, InternalAudit)]


def _completed(snapshot: ProjectSnapshot) -> list[InternalAudit]:
    return [
        a for a in _audits(snapshot) if a.status is AuditStatus.COMPLETED and a.held_on is not None
    ]


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:NAMED])
    return shown + (f" and {len(names) - NAMED} more" if len(names) > NAMED else "")


def no_recent_internal_audit(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """No internal audit completed in the last twelve months, once audits matter: 9.2 is
    answered as (partly) met, an audit programme exists, or certification has begun."""
    today = snapshot.today
    completed = _completed(snapshot)
    started = (
        _claimed(snapshot, AUDIT_ITEMS)
        or bool(_audits(snapshot))
        or bool(snapshot.records(CERTIFICATION_AUDIT))
    )
    if not started:
        return
    recent = [a for a in completed if a.held_on and today - a.held_on <= YEAR]
    if recent:
        return
    if completed:
        last = max(completed, key=lambda a: a.held_on or date.min)
        held = day_text(last.held_on) if last.held_on else ""
        message = (
            f"No internal audit has been completed in the last twelve months: the last one "
            f"({last.ref}) was held on {held}. An auditor expects the AI management system to "
            "be audited at planned intervals, at least once a year."
        )
    else:
        message = (
            "No internal audit has been completed yet. Clause 9.2 asks for audits at planned "
            "intervals, and a certification body expects at least one before Stage 2."
        )
    yield Finding("internal-audit-overdue", message, f"register:{INTERNAL_AUDIT}", "9.2")


def no_management_review(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """No management review on record (or none in the last twelve months), once one is due:
    9.3 is answered as (partly) met, an internal audit was completed, or certification has
    begun."""
    today = snapshot.today
    reviews = [r for r in snapshot.records(MANAGEMENT_REVIEW) if isinstance(r, ManagementReview)]
    held = [r for r in reviews if r.status is ReviewStatus.HELD and r.held_on is not None]
    due = (
        _claimed(snapshot, REVIEW_ITEMS)
        or bool(_completed(snapshot))
        or bool(snapshot.records(CERTIFICATION_AUDIT))
    )
    if not due:
        return
    target = f"register:{MANAGEMENT_REVIEW}"
    if not held:
        yield Finding(
            "management-review-missing",
            "No management review is on record as held. Top management must review the AI "
            "management system at planned intervals (9.3), and an auditor asks for the "
            "minutes.",
            target,
            "9.3",
        )
        return
    last = max(held, key=lambda r: r.held_on or date.min)
    if last.held_on is not None and today - last.held_on > YEAR:
        yield Finding(
            "management-review-overdue",
            f"The last management review ({last.ref}) was held on {day_text(last.held_on)}, "
            "more than a year ago: hold the next one.",
            f"{target}:{last.id}",
            "9.3",
        )


def audit_programme_gaps(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """Requirements that no internal audit in the current cycle covers, once there is a
    programme (at least one internal audit)."""
    if not _audits(snapshot):
        return
    coverage = programme_coverage(snapshot)
    missing = coverage.uncovered
    if not missing:
        return
    period = coverage.period
    yield Finding(
        "audit-programme-gaps",
        f"The internal audit programme for {day_text(period.start)} to "
        f"{day_text(period.end)} does not cover {len(missing)} of the "
        f"{len(coverage.items)} clauses and applicable controls ({_names(missing)}). Every one "
        "must be audited within the three-year cycle: add them to a planned audit.",
        f"register:{INTERNAL_AUDIT}",
        "9.2.2",
    )


def audit_without_independence(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    for audit in _completed(snapshot):
        if not audit.independence.strip():
            yield Finding(
                "audit-independence",
                f"Internal audit {audit.ref} does not say why its auditors are independent of "
                "what they audited. An auditor checks that nobody audited their own work.",
                f"register:{INTERNAL_AUDIT}:{audit.id}",
                audit.ref or "9.2.2",
            )


def finding_without_nonconformity(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    audits = {a.id: a for a in _audits(snapshot)}
    for finding in snapshot.records(AUDIT_FINDING):
        if not isinstance(finding, AuditFinding) or finding.grade is None:
            continue
        if finding.grade.is_nonconformity and not finding.nonconformity:
            audit = audits.get(finding.parent_id)
            where = f" of internal audit {audit.ref}" if audit is not None else ""
            yield Finding(
                "finding-not-raised",
                f"Finding {finding.ref} “{finding.title}”{where} is a "
                f"{finding.grade.label.lower()}, but no nonconformity was raised for it: its "
                "correction and corrective action are not tracked.",
                f"register:{INTERNAL_AUDIT}:{finding.parent_id}",
                finding.ref or "9.2.2",
            )


def review_action_overdue(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    today = snapshot.today
    for action in snapshot.records(REVIEW_ACTION):
        if not isinstance(action, ReviewAction) or action.due is None or action.due >= today:
            continue
        if action.status in (ActionStatus.DONE, ActionStatus.CANCELLED):
            continue
        yield Finding(
            "review-action-overdue",
            f"Management review action {action.ref} “{action.action}” was due on "
            f"{day_text(action.due)} and is not done. The next review will ask why.",
            f"register:{MANAGEMENT_REVIEW}:{action.parent_id}",
            action.ref or "9.3.3",
        )


def monitoring_overdue(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    today = snapshot.today
    for measure in snapshot.records(MONITORING_MEASURE):
        if not isinstance(measure, MonitoringMeasure):
            continue
        points = trend(results_of(snapshot, measure.id))
        due = overdue_since(measure, points, today)
        if due is None or measure.frequency is None:
            continue
        yield Finding(
            "monitoring-overdue",
            f"Monitoring measure {measure.ref} “{measure.name}” is measured "
            f"{measure.frequency.label.lower()}, but its last result is from "
            f"{day_text(points[-1].day)}: the next one was due on {day_text(due)}.",
            f"register:{MONITORING_MEASURE}:{measure.id}",
            measure.ref or "9.1",
        )


RULES = (
    monitoring_overdue,
    no_recent_internal_audit,
    audit_programme_gaps,
    audit_without_independence,
    finding_without_nonconformity,
    no_management_review,
    review_action_overdue,
)
