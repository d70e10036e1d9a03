"""The auditor's eye on clauses 9 and 10: each check fires when records and answers disagree
and stays quiet when they agree (one test of each), and a new project is not told off for
work it has not reached yet."""

from __future__ import annotations

from datetime import date

from aims_desktop.domain.eye import evaluation, findings, improvement
from aims_desktop.domain.eye.evaluation import (
    audit_programme_gaps,
    audit_without_independence,
    finding_without_nonconformity,
    monitoring_overdue,
    no_management_review,
    no_recent_internal_audit,
    review_action_overdue,
)
from aims_desktop.domain.eye.improvement import (
    action_done_unchecked,
    authority_not_informed,
    corrective_action_overdue,
    serious_incident_without_nonconformity,
)
from aims_desktop.domain.registers.certification import AuditStage, CertificationAudit
from aims_desktop.domain.registers.evaluation import (
    ActionStatus,
    AuditFinding,
    AuditStatus,
    FindingGrade,
    Frequency,
    InternalAudit,
    ManagementReview,
    MeasurementResult,
    MonitoringMeasure,
    ReviewAction,
    ReviewStatus,
)
from aims_desktop.domain.registers.improvement import (
    AIIncident,
    Nonconformity,
    NonconformityStatus,
    Severity,
)
from aims_desktop.domain.status import Status
from tests.support.snapshots import CATALOG, snapshot

DONE = {"status": AuditStatus.COMPLETED, "auditor": "Sam", "independence": "Not their area."}


def _audit(held: date, items: tuple[str, ...] = ("4.1",), **values: object) -> InternalAudit:
    merged = {**DONE, **values}
    return InternalAudit(ref="IA-001", title="IA", held_on=held, scope_items=items, **merged)  # type: ignore[arg-type]


def _rules(snap: object) -> list[str]:
    rules = (*evaluation.RULES, *improvement.RULES)
    return [f.rule for f in findings(snap, rules)]  # type: ignore[arg-type]


def test_a_new_project_has_no_evaluation_findings() -> None:
    assert _rules(snapshot()) == []


def test_no_internal_audit_for_a_year_fires_once_audits_matter() -> None:
    old = _audit(date(2025, 12, 1))
    (found,) = no_recent_internal_audit(snapshot(old))
    assert found.rule == "internal-audit-overdue" and "1 Dec 2025" in found.message
    assert found.target == "register:internal_audit"
    claimed = snapshot(statuses={"9.2.1": Status.MET})
    assert (
        "No internal audit has been completed yet"
        in next(no_recent_internal_audit(claimed)).message
    )
    assert not list(no_recent_internal_audit(snapshot(_audit(date(2026, 9, 1)))))
    assert not list(no_recent_internal_audit(snapshot()))


def test_no_management_review_fires_once_one_is_due() -> None:
    audit = _audit(date(2026, 9, 1))
    (found,) = no_management_review(snapshot(audit))
    assert found.rule == "management-review-missing"
    review = ManagementReview(
        ref="MR-001", title="MR", status=ReviewStatus.HELD, held_on=date(2025, 10, 1), chair="H"
    )
    (found,) = no_management_review(snapshot(audit, review))
    assert found.rule == "management-review-overdue" and "MR-001" in found.message
    recent = review.model_copy(update={"held_on": date(2026, 12, 1)})
    assert not list(no_management_review(snapshot(audit, recent)))
    planned = review.model_copy(update={"status": ReviewStatus.PLANNED})
    stage_2 = CertificationAudit(title="S2", stage=AuditStage.STAGE_2, planned_on=date(2027, 5, 1))
    assert [f.rule for f in no_management_review(snapshot(planned, stage_2))] == [
        "management-review-missing"
    ]


def test_the_programme_must_cover_every_clause_and_applicable_control() -> None:
    partial = _audit(date(2026, 9, 1), ("4.1", "4.2"))
    (found,) = audit_programme_gaps(snapshot(partial))
    assert found.rule == "audit-programme-gaps"
    assert f"does not cover {len(CATALOG.items) - 2} of the {len(CATALOG.items)}" in found.message
    everything = _audit(date(2026, 9, 1), tuple(i.id for i in CATALOG.items))
    assert not list(audit_programme_gaps(snapshot(everything)))
    assert not list(audit_programme_gaps(snapshot()))  # no programme yet: nothing to say


def test_an_audit_must_say_why_its_auditor_is_independent() -> None:
    (found,) = audit_without_independence(snapshot(_audit(date(2026, 9, 1), independence=" ")))
    assert found.rule == "audit-independence" and found.subject == "IA-001"
    assert not list(audit_without_independence(snapshot(_audit(date(2026, 9, 1)))))


def test_a_nonconformity_finding_must_raise_a_nonconformity() -> None:
    audit = _audit(date(2026, 9, 1))
    minor = AuditFinding(parent_id=audit.id, ref="AF-001", title="No log", grade=FindingGrade.MINOR)
    (found,) = finding_without_nonconformity(snapshot(audit, minor))
    assert found.rule == "finding-not-raised" and "IA-001" in found.message
    assert found.target == f"register:internal_audit:{audit.id}"
    raised = minor.model_copy(update={"nonconformity": ("nc",)})
    observation = minor.model_copy(update={"grade": FindingGrade.OBSERVATION})
    assert not list(finding_without_nonconformity(snapshot(audit, raised, observation)))


def test_an_overdue_review_action_is_found() -> None:
    action = ReviewAction(parent_id="r", ref="MA-001", action="Train staff", due=date(2027, 1, 1))
    (found,) = review_action_overdue(snapshot(action))
    assert found.rule == "review-action-overdue" and found.target == "register:management_review:r"
    done = action.model_copy(update={"status": ActionStatus.DONE, "done_on": date(2027, 1, 2)})
    later = action.model_copy(update={"due": date(2027, 6, 1)})
    assert not list(review_action_overdue(snapshot(done, later)))


def test_a_measure_without_recent_results_is_found() -> None:
    measure = MonitoringMeasure(ref="MM-001", name="Accuracy", frequency=Frequency.MONTHLY)
    old = MeasurementResult(
        parent_id=measure.id, period="Dec", measured_on=date(2026, 12, 1), value="9"
    )
    (found,) = monitoring_overdue(snapshot(measure, old))
    assert found.rule == "monitoring-overdue" and "1 Jan 2027" in found.message
    recent = old.model_copy(update={"measured_on": date(2027, 3, 1)})
    assert not list(monitoring_overdue(snapshot(measure, recent)))


def test_an_overdue_corrective_action_is_found() -> None:
    nc = Nonconformity(
        ref="NC-001",
        title="x",
        action_due=date(2027, 2, 1),
        action_owner="Dan",
        status=NonconformityStatus.ACTION_PLANNED,
    )
    (found,) = corrective_action_overdue(snapshot(nc))
    assert found.rule == "corrective-action-overdue" and "(Dan)" in found.message
    done = nc.model_copy(update={"status": NonconformityStatus.ACTION_DONE})
    assert not list(corrective_action_overdue(snapshot(done)))


def test_a_corrective_action_done_long_ago_needs_its_check() -> None:
    nc = Nonconformity(
        ref="NC-001",
        title="x",
        action_due=date(2026, 10, 1),
        status=NonconformityStatus.ACTION_DONE,
    )
    (found,) = action_done_unchecked(snapshot(nc))
    assert found.rule == "effectiveness-not-checked"
    recent = nc.model_copy(update={"action_due": date(2027, 2, 1)})
    assert not list(action_done_unchecked(snapshot(recent)))


def test_an_incident_for_an_authority_must_be_reported() -> None:
    incident = AIIncident(ref="INC-001", title="Data leak", authority_required=True)
    (found,) = authority_not_informed(snapshot(incident))
    assert found.rule == "incident-authority"
    told = incident.model_copy(update={"authority_informed_on": date(2027, 3, 2)})
    assert not list(authority_not_informed(snapshot(told)))


def test_a_serious_incident_needs_a_nonconformity() -> None:
    incident = AIIncident(ref="INC-001", title="Wrong refund", severity=Severity.HIGH)
    (found,) = serious_incident_without_nonconformity(snapshot(incident))
    assert found.rule == "incident-no-nonconformity"
    raised = incident.model_copy(update={"nonconformity": ("nc",)})
    low = incident.model_copy(update={"severity": Severity.LOW})
    assert not list(serious_incident_without_nonconformity(snapshot(raised, low)))
