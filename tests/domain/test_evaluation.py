"""Clauses 9 and 10 in the domain: the registers' own rules, the audit programme's coverage,
the certification cycle and the Stage 1 checklist."""

from __future__ import annotations

from datetime import date

import pytest

from aims_desktop.domain.audit_programme import Coverage, programme_coverage
from aims_desktop.domain.certification import (
    MilestoneState,
    certification_cycle,
    reminders,
)
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.monitoring import meets_target, overdue_since, trend
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.certification import (
    AuditOutcome,
    AuditStage,
    CertificationAudit,
)
from aims_desktop.domain.registers.evaluation import (
    AuditFinding,
    AuditStatus,
    Direction,
    FindingGrade,
    Frequency,
    InternalAudit,
    ManagementReview,
    MeasurementResult,
    MonitoringMeasure,
    ReviewStatus,
    parse_number,
)
from aims_desktop.domain.registers.improvement import (
    IncidentStatus,
    NonconformityStatus,
)
from aims_desktop.domain.registers.risks import Risk, TreatmentOption
from aims_desktop.domain.stage1 import stage1_readiness
from aims_desktop.domain.status import Status
from tests.support.snapshots import CATALOG, TODAY, all_met, snapshot

# -- the registers' own rules --------------------------------------------------------------


def test_a_nonconformity_closes_only_with_an_effectiveness_check() -> None:
    spec = REGISTERS["nonconformity"]
    base = {"title": "Chatbot answered outside its scope", "status": NonconformityStatus.CLOSED}
    with pytest.raises(RuleViolation, match="can only be closed") as refused:
        spec.validate(base)
    message = str(refused.value)
    assert "Effectiveness check" in message and "Checked on" in message
    with pytest.raises(RuleViolation, match="The corrective action worked"):
        spec.validate({**base, "effectiveness_check": "Sampled 50 chats.", "checked_on": TODAY})
    closed = spec.validate(
        {**base, "effectiveness_check": "Sampled 50 chats.", "checked_on": TODAY, "effective": True}
    )
    assert closed.status is NonconformityStatus.CLOSED  # type: ignore[attr-defined]
    # any other status needs no check
    spec.validate({**base, "status": NonconformityStatus.ACTION_DONE})


def test_an_effectiveness_check_cannot_come_before_the_nonconformity() -> None:
    with pytest.raises(RuleViolation, match="cannot be before"):
        REGISTERS["nonconformity"].validate(
            {"title": "x", "raised_on": date(2027, 3, 1), "checked_on": date(2027, 2, 1)}
        )


def test_a_completed_audit_needs_its_date_and_auditor() -> None:
    spec = REGISTERS["internal_audit"]
    with pytest.raises(RuleViolation, match="Held on"):
        spec.validate({"title": "IA", "status": AuditStatus.COMPLETED, "auditor": "Sam"})
    with pytest.raises(RuleViolation, match="lead auditor"):
        spec.validate({"title": "IA", "status": AuditStatus.COMPLETED, "held_on": TODAY})
    spec.validate(
        {"title": "IA", "status": AuditStatus.COMPLETED, "held_on": TODAY, "auditor": "S"}
    )
    spec.validate({"title": "IA", "status": AuditStatus.PLANNED})


def test_a_held_review_needs_its_date_and_chair() -> None:
    spec = REGISTERS["management_review"]
    with pytest.raises(RuleViolation, match="chaired"):
        spec.validate({"title": "MR", "status": ReviewStatus.HELD, "held_on": TODAY})
    spec.validate({"title": "MR", "status": ReviewStatus.HELD, "held_on": TODAY, "chair": "H"})


def test_an_incident_for_an_authority_closes_only_once_it_was_told() -> None:
    spec = REGISTERS["ai_incident"]
    values = {"title": "Breach", "authority_required": True, "status": IncidentStatus.CLOSED}
    with pytest.raises(RuleViolation, match="authority"):
        spec.validate(values)
    spec.validate({**values, "authority": "ICO", "authority_informed_on": TODAY})
    spec.validate({**values, "status": IncidentStatus.INVESTIGATING})


@pytest.mark.parametrize(
    ("text", "value"),
    [("97.5", 97.5), ("97,5", 97.5), ("1 200", 1200.0), ("12%", 12.0), ("-3", -3.0)],
)
def test_results_are_numbers_as_people_type_them(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "about ten", "nan", "inf", "1.2.3"])
def test_a_result_that_is_no_number_is_refused(text: str) -> None:
    assert parse_number(text) is None
    with pytest.raises(RuleViolation, match="Result"):
        REGISTERS["measurement_result"].validate(
            {"parent_id": "p", "period": "March", "measured_on": TODAY, "value": text}
        )


# -- monitoring --------------------------------------------------------------------------------


def _result(day: date, value: str, period: str = "") -> MeasurementResult:
    return MeasurementResult(parent_id="m", period=period, measured_on=day, value=value)


def test_the_trend_is_ordered_by_date_and_keeps_the_typed_value() -> None:
    results = [
        _result(date(2027, 2, 1), "91,5", "February"),
        _result(date(2027, 1, 1), "88", "January"),
    ]
    points = trend(results)
    assert [(p.label, p.value, p.text) for p in points] == [
        ("January", 88.0, "88"),
        ("February", 91.5, "91,5"),
    ]
    measure = MonitoringMeasure(name="Answers correct", target="90", direction=Direction.HIGHER)
    assert [meets_target(measure, p.value) for p in points] == [False, True]
    lower = measure.model_copy(update={"direction": Direction.LOWER})
    assert meets_target(lower, 88.0) is True


def test_a_monthly_measure_is_late_after_half_a_month_more() -> None:
    measure = MonitoringMeasure(name="x", frequency=Frequency.MONTHLY)
    points = trend([_result(date(2027, 1, 1), "1")])
    assert overdue_since(measure, points, date(2027, 2, 10)) is None
    assert overdue_since(measure, points, date(2027, 3, 1)) == date(2027, 2, 1)
    stopped = measure.model_copy(update={"active": False})
    assert overdue_since(stopped, points, date(2027, 6, 1)) is None
    assert overdue_since(measure, [], date(2027, 6, 1)) is None


# -- the audit programme -----------------------------------------------------------------------


def _audit(ref: str, items: tuple[str, ...], **values: object) -> InternalAudit:
    return InternalAudit(ref=ref, title=ref, scope_items=items, **values)  # type: ignore[arg-type]


def test_the_programme_shows_what_is_audited_planned_and_not_covered() -> None:
    done = _audit(
        "IA-001",
        ("4.1", "4.2", "A.2.2"),
        status=AuditStatus.COMPLETED,
        held_on=date(2026, 6, 1),
        auditor="Sam",
    )
    planned = _audit("IA-002", ("4.2", "5.1"), status=AuditStatus.PLANNED, planned_on=TODAY)
    cancelled = _audit("IA-003", ("6.1.2",), status=AuditStatus.CANCELLED, planned_on=TODAY)
    excluded = {"A.10.4": Status.NOT_APPLICABLE}
    coverage = programme_coverage(snapshot(done, planned, cancelled, statuses=excluded))
    assert coverage.period.start == date(2026, 1, 1)
    assert coverage.period.end == date(2028, 12, 31)
    assert coverage.items["4.1"] is Coverage.AUDITED
    assert coverage.items["4.2"] is Coverage.AUDITED  # audited beats planned
    assert coverage.items["5.1"] is Coverage.PLANNED
    assert coverage.items["6.1.2"] is Coverage.NOT_COVERED  # a cancelled audit covers nothing
    assert "A.10.4" not in coverage.items  # excluded controls need no audit
    assert len(coverage.items) == len(CATALOG.items) - 1
    assert [a.ref for a in coverage.audits] == ["IA-001", "IA-002"]
    assert not coverage.complete


def test_the_programme_follows_the_certification_cycle() -> None:
    stage_2 = CertificationAudit(
        title="Stage 2", stage=AuditStage.STAGE_2, held_on=date(2026, 10, 5)
    )
    before = _audit(
        "IA-001",
        tuple(i.id for i in CATALOG.items),
        status=AuditStatus.COMPLETED,
        held_on=date(2026, 9, 1),
        auditor="Sam",
    )
    coverage = programme_coverage(snapshot(stage_2, before))
    assert coverage.period.start == date(2026, 10, 5)
    assert coverage.period.end == date(2029, 10, 4)
    assert coverage.audits == ()  # the audit before certification belongs to no cycle now
    after = before.model_copy(update={"held_on": date(2027, 1, 10)})
    assert programme_coverage(snapshot(stage_2, after)).complete


# -- the certification cycle -------------------------------------------------------------------


def _ca(stage: AuditStage, **values: object) -> CertificationAudit:
    return CertificationAudit(title=stage.label, stage=stage, **values)  # type: ignore[arg-type]


def test_before_certification_the_cycle_is_stage_1_and_2() -> None:
    cycle = certification_cycle([_ca(AuditStage.STAGE_1, planned_on=date(2027, 4, 1))], TODAY)
    assert not cycle.certified
    states = [(m.stage, m.state) for m in cycle.milestones]
    assert states[:2] == [
        (AuditStage.STAGE_1, MilestoneState.PLANNED),
        (AuditStage.STAGE_2, MilestoneState.LATER),
    ]
    assert len(cycle.milestones) == 5
    found = reminders(cycle, TODAY)
    assert [r.message for r in found] == ["Stage 1 audit on 1 Apr 2027 (in 17 days)."]


def test_after_certification_surveillance_is_due_within_a_year() -> None:
    certified = _ca(
        AuditStage.STAGE_2,
        held_on=date(2026, 5, 20),
        outcome=AuditOutcome.PASSED,
        certificate_expires=date(2029, 5, 19),
    )
    cycle = certification_cycle([certified], TODAY)
    assert cycle.certified_on == date(2026, 5, 20) and cycle.expires_on == date(2029, 5, 19)
    by_stage = {m.stage: m for m in cycle.milestones}
    first = by_stage[AuditStage.SURVEILLANCE_1]
    assert first.due_by == date(2027, 5, 20) and first.state is MilestoneState.DUE
    assert by_stage[AuditStage.SURVEILLANCE_2].state is MilestoneState.LATER
    assert by_stage[AuditStage.RECERTIFICATION].due_by == date(2029, 5, 19)
    (reminder,) = reminders(cycle, TODAY)
    assert "First surveillance audit is due by 20 May 2027 (in 66 days)" in reminder.message
    assert reminder.target == "register:certification_audit"
    # once planned, the reminder is about the date; once held, there is none
    planned = _ca(AuditStage.SURVEILLANCE_1, planned_on=date(2027, 4, 20))
    (reminder,) = reminders(certification_cycle([certified, planned], TODAY), TODAY)
    assert reminder.message.startswith("First surveillance audit on 20 Apr 2027")
    held = planned.model_copy(update={"held_on": date(2027, 3, 1)})
    assert reminders(certification_cycle([certified, held], TODAY), TODAY) == []


def test_an_overdue_surveillance_audit_is_urgent() -> None:
    certified = _ca(AuditStage.STAGE_2, held_on=date(2025, 12, 1))
    (reminder,) = reminders(certification_cycle([certified], TODAY), TODAY)
    assert reminder.urgent and "was due by 1 Dec 2026" in reminder.message


# -- the Stage 1 checklist ---------------------------------------------------------------------


def _items(snap: object) -> dict[str, tuple[bool, str, str]]:
    return {i.key: (i.done, i.detail, i.target) for i in stage1_readiness(snap)}  # type: ignore[arg-type]


def test_an_empty_project_is_not_ready_and_says_where_to_start() -> None:
    items = _items(snapshot())
    assert not any(done for done, _d, _t in items.values())
    assert items["controls-decided"][2] == CATALOG.controls[0].id
    assert "38 of 38 Annex A controls are not decided" in items["controls-decided"][1]
    assert items["internal-audit"][2] == "register:internal_audit"
    assert items["management-review"][2] == "register:management_review"
    assert items["risks-assessed"][2] == "register:risk"  # no risk recorded yet
    assert "no risk is recorded in the risk register" in items["risks-assessed"][1]
    assert "findings-raised" not in items  # nothing to say before any finding


def test_a_ready_project_passes_every_check() -> None:
    audit = _audit(
        "IA-001",
        tuple(i.id for i in CATALOG.items),
        status=AuditStatus.COMPLETED,
        held_on=date(2027, 1, 10),
        auditor="Sam",
    )
    finding = AuditFinding(
        parent_id=audit.id, ref="AF-001", title="x", grade=FindingGrade.MINOR, nonconformity=("n",)
    )
    review = ManagementReview(
        ref="MR-001", title="MR", status=ReviewStatus.HELD, held_on=date(2027, 2, 1), chair="H"
    )
    risk = Risk(
        ref="R-001", title="Wrong answers", likelihood=2, consequence=3,
        option=TreatmentOption.MODIFY, treatment_plan="Test set before each release.",
    )  # fmt: skip
    items = _items(snapshot(audit, finding, review, risk, statuses=all_met()))
    assert all(done for done, _d, _t in items.values()), items
    assert items["internal-audit"][2] == f"register:internal_audit:{audit.id}"


def test_an_old_audit_and_an_unraised_finding_are_named() -> None:
    audit = _audit(
        "IA-001", ("4.1",), status=AuditStatus.COMPLETED, held_on=date(2025, 11, 1), auditor="S"
    )
    finding = AuditFinding(parent_id=audit.id, ref="AF-001", title="x", grade=FindingGrade.MAJOR)
    items = _items(snapshot(audit, finding))
    assert "more than a year ago" in items["internal-audit"][1]
    assert items["findings-raised"][0] is False and "AF-001" in items["findings-raised"][1]
    assert items["findings-raised"][2] == f"register:internal_audit:{audit.id}"


def test_further_checks_join_the_list() -> None:
    """The document register adds its checks the same way."""
    from aims_desktop.domain.stage1 import CHECKS, ReadinessItem

    def documents(_snapshot: object) -> list[ReadinessItem]:
        return [ReadinessItem("policy", "AI policy approved", False, "Approve it.", "5.2")]

    items = stage1_readiness(snapshot(), (*CHECKS, documents))  # type: ignore[arg-type]
    assert items[-1].key == "policy"


def test_with_a_risk_register_risks_must_be_scored_and_treated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The risk register (another part of the application) is read by its field names:
    likelihood, consequence, a treatment option and a status."""
    from enum import StrEnum

    from aims_desktop.domain.fields import RegisterRecord, choice, scale, text
    from aims_desktop.domain.registers.spec import RegisterSpec

    class Option(StrEnum):
        MODIFY = "modify"

    class State(StrEnum):
        OPEN = "open"
        CLOSED = "closed"

    class Risk(RegisterRecord):
        ref: str = text("Reference")
        title: str = text("Risk", required=True)
        likelihood: int | None = scale("Likelihood")
        consequence: int | None = scale("Consequence")
        option: Option | None = choice("Treatment option")
        status: State | None = choice("Status")

    spec = RegisterSpec(
        key="risk", model=Risk, title="Risk", plural="Risks", slug="risks", description="",
        evidence_for=(), columns=("ref", "title"), label_fields=("ref", "title"),
    )  # fmt: skip
    monkeypatch.setitem(REGISTERS, "risk", spec)
    met = {"6.1.2": Status.MET, "6.1.3": Status.MET}
    items = _items(snapshot(keys={Risk: "risk"}, statuses=met))
    assert items["risks-assessed"][:1] == (False,)
    assert "no risk is recorded" in items["risks-assessed"][1].lower()
    unscored = Risk(ref="R-001", title="Wrong answers", likelihood=3)
    untreated = Risk(ref="R-002", title="Bias", likelihood=2, consequence=4)
    closed = Risk(ref="R-003", title="Old", status=State.CLOSED)
    items = _items(snapshot(unscored, untreated, closed, keys={Risk: "risk"}, statuses=met))
    assert "R-001" in items["risks-assessed"][1] and "R-003" not in items["risks-assessed"][1]
    assert "R-002" in items["risks-treated"][1] and "R-001" in items["risks-treated"][1]
    assert items["risks-treated"][2] == "register:risk"
    good = [
        r.model_copy(update={"likelihood": 2, "consequence": 2, "option": Option.MODIFY})
        for r in (unscored, untreated)
    ]
    items = _items(snapshot(*good, keys={Risk: "risk"}, statuses=met))
    assert items["risks-assessed"][0] and items["risks-treated"][0]
