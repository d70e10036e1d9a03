"""The auditor's eye on risk, the Statement of Applicability and evidence: every check fires
when records and answers disagree and stays quiet when they agree (one test of each)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

from aims_desktop.catalog import load_catalog
from aims_desktop.domain.assessment import Applicability, Assessment
from aims_desktop.domain.evidence import EvidenceRecord
from aims_desktop.domain.eye import RULES, findings
from aims_desktop.domain.eye import evidence as evidence_checks
from aims_desktop.domain.eye import risk as risk_checks
from aims_desktop.domain.eye import soa as soa_checks
from aims_desktop.domain.organisation import AIRole, Organisation
from aims_desktop.domain.readiness import compute_readiness
from aims_desktop.domain.registers.ai_systems import AISystem, LifecycleStage
from aims_desktop.domain.registers.risks import Risk, RiskStatus, TreatmentOption
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status

CATALOG = load_catalog()
TODAY = date(2026, 11, 29)


def snapshot(
    *,
    risks: list[Risk] = (),  # type: ignore[assignment]
    systems: list[AISystem] = (),  # type: ignore[assignment]
    assessments: dict[str, Assessment] | None = None,
    evidence: tuple[EvidenceRecord, ...] = (),
    roles: frozenset[AIRole] = frozenset({AIRole.CUSTOMER}),
) -> ProjectSnapshot:
    registers: dict[str, tuple[Any, ...]] = {}
    if risks:
        registers["risk"] = tuple(risks)
    if systems:
        registers["ai_system"] = tuple(systems)
    labels = {("risk", r.id): f"{r.ref} {r.title}" for r in risks}
    labels.update({("ai_system", s.id): f"{s.ref} {s.name}" for s in systems})
    found = assessments or {}
    return ProjectSnapshot(
        catalog=CATALOG,
        organisation=Organisation(name="Acme", scope="All of Acme.", roles=roles),
        assessments=found,
        evidence=evidence,
        readiness=compute_readiness(CATALOG, found),
        actions=(),
        not_assessed=(),
        revision=1,
        fingerprint="",
        generated_at=datetime(2026, 11, 29, 9, tzinfo=UTC),
        prepared_by="",
        registers=registers,
        link_labels=labels,
    )


def a_risk(ref: str = "R-001", **values: Any) -> Risk:
    values.setdefault("title", "Chatbot gives a wrong answer")
    values.setdefault("likelihood", 3)
    values.setdefault("consequence", 3)
    return Risk(ref=ref, **values)


TREATED = {
    "option": TreatmentOption.MODIFY,
    "controls": ("A.6.2.4",),
    "status": RiskStatus.IN_TREATMENT,
}


def rules(found: Any) -> list[str]:
    return [f.rule for f in found]


# -- risk -----------------------------------------------------------------------------------


def test_612_met_with_no_risk_recorded() -> None:
    met = {"6.1.2": Assessment(item_id="6.1.2", status=Status.MET)}
    found = list(risk_checks.met_without_risks(snapshot(assessments=met)))
    assert rules(found) == ["risk-assessment-without-risks"]
    assert found[0].target == "register:risk" and found[0].subject == "6.1.2"
    assert not list(risk_checks.met_without_risks(snapshot(assessments=met, risks=[a_risk()])))
    closed = a_risk(status=RiskStatus.CLOSED)
    assert list(risk_checks.met_without_risks(snapshot(assessments=met, risks=[closed])))


def test_a_risk_above_the_acceptance_level_with_no_treatment() -> None:
    untreated = a_risk()
    found = list(risk_checks.untreated_above_acceptance(snapshot(risks=[untreated])))
    assert rules(found) == ["risk-untreated"]
    assert found[0].target == f"register:risk:{untreated.id}" and found[0].subject == "R-001"
    assert "R-001 Chatbot gives a wrong answer" in found[0].message
    assert "(Low)" in found[0].message
    quiet = [a_risk(**TREATED), a_risk("R-002", likelihood=1, consequence=1)]
    assert not list(risk_checks.untreated_above_acceptance(snapshot(risks=quiet)))


def test_residual_risk_nobody_accepted() -> None:
    treated = a_risk(status=RiskStatus.TREATED, residual_likelihood=1, residual_consequence=2)
    retained = a_risk("R-002", option=TreatmentOption.RETAIN)
    found = list(risk_checks.residual_not_accepted(snapshot(risks=[treated, retained])))
    assert rules(found) == ["risk-residual-not-accepted"]
    assert found[0].subject == "2 risks" and found[0].target == "register:risk"
    accepted = treated.model_copy(
        update={"accepted_by": "Tom Okafor", "accepted_on": date(2026, 11, 1)}
    )
    assert not list(risk_checks.residual_not_accepted(snapshot(risks=[accepted, a_risk("R-3")])))


def test_an_acceptance_with_only_a_name_or_only_a_date() -> None:
    half = a_risk(accepted_by="Tom Okafor")
    assert rules(risk_checks.acceptance_incomplete(snapshot(risks=[half]))) == [
        "risk-acceptance-incomplete"
    ]
    whole = a_risk(accepted_by="Tom Okafor", accepted_on=date(2026, 11, 1))
    assert not list(risk_checks.acceptance_incomplete(snapshot(risks=[whole])))


def test_a_risk_without_a_rating() -> None:
    assert rules(risk_checks.unrated(snapshot(risks=[a_risk(consequence=None)]))) == [
        "risk-unrated"
    ]
    assert not list(risk_checks.unrated(snapshot(risks=[a_risk()])))


def test_a_treatment_past_its_due_date() -> None:
    late = a_risk(treatment_due=date(2026, 11, 1), **TREATED)
    assert rules(risk_checks.overdue_treatment(snapshot(risks=[late]))) == [
        "risk-treatment-overdue"
    ]
    done = late.model_copy(update={"status": RiskStatus.TREATED})
    later = a_risk(treatment_due=date(2027, 1, 1), **TREATED)
    assert not list(risk_checks.overdue_treatment(snapshot(risks=[done, later])))


def test_an_ai_system_in_scope_with_no_risk_assessed() -> None:
    system = AISystem(ref="AI-001", name="RoutePilot")
    outside = AISystem(ref="AI-002", name="Telematics", in_scope=False, scope_reason="Leased.")
    retired = AISystem(ref="AI-003", name="Old bot", stage=LifecycleStage.RETIRED)
    found = list(risk_checks.systems_without_risks(snapshot(systems=[system, outside, retired])))
    assert rules(found) == ["ai-system-without-risks"]
    assert found[0].target == f"register:ai_system:{system.id}" and found[0].subject == "AI-001"
    assessed = a_risk(ai_systems=(system.id,))
    assert not list(risk_checks.systems_without_risks(snapshot(systems=[system], risks=[assessed])))


# -- the Statement of Applicability ----------------------------------------------------------


def decided(**choices: Applicability) -> dict[str, Assessment]:
    """Every control decided applicable with a reason, but those given."""
    found = {
        c.id: Assessment(
            item_id=c.id, applicability=Applicability.APPLICABLE, justification="Needed."
        )
        for c in CATALOG.controls
    }
    for item_id, applicability in choices.items():
        found[item_id.replace("_", ".")] = Assessment(
            item_id=item_id.replace("_", "."), applicability=applicability
        )
    return found


def test_an_included_control_that_treats_no_risk_and_has_no_reason() -> None:
    bare = decided(A_6_2_5=Applicability.APPLICABLE)
    found = list(soa_checks.included_without_reason(snapshot(assessments=bare)))
    assert rules(found) == ["soa-control-without-reason"]
    assert found[0].target == "A.6.2.5" and "A.6.2.5" in found[0].message
    chosen = a_risk(controls=("A.6.2.5",), **{k: v for k, v in TREATED.items() if k != "controls"})
    assert not list(soa_checks.included_without_reason(snapshot(assessments=bare, risks=[chosen])))
    assert not list(soa_checks.included_without_reason(snapshot(assessments=decided())))


def test_controls_not_decided_yet() -> None:
    found = list(
        soa_checks.undecided_controls(snapshot(assessments=decided(A_5_5=Applicability.UNDECIDED)))
    )
    assert rules(found) == ["soa-undecided"] and "(A.5.5)" in found[0].message
    assert not list(soa_checks.undecided_controls(snapshot(assessments=decided())))


def test_an_excluded_control_that_a_treatment_relies_on() -> None:
    out = decided()
    out["A.8.3"] = Assessment(
        item_id="A.8.3", status=Status.NOT_APPLICABLE, justification="No outsiders."
    )
    chosen = a_risk(controls=("A.8.3",))
    found = list(soa_checks.excluded_but_chosen(snapshot(assessments=out, risks=[chosen])))
    assert rules(found) == ["soa-excluded-but-chosen"] and found[0].target == "A.8.3"
    assert "R-001" in found[0].message
    assert not list(soa_checks.excluded_but_chosen(snapshot(assessments=out)))


def test_a_provider_of_ai_without_the_provider_role_or_with_a104_excluded() -> None:
    bot = AISystem(ref="AI-004", name="Kestrel Assist", roles=frozenset({AIRole.PROVIDER}))
    out = decided()
    out["A.10.4"] = Assessment(
        item_id="A.10.4", status=Status.NOT_APPLICABLE, justification="No customers."
    )
    found = list(soa_checks.provider_role(snapshot(assessments=out, systems=[bot])))
    assert rules(found) == ["provider-role-missing", "customers-control-excluded"]
    assert found[0].target == "organisation" and found[1].target == "A.10.4"
    fixed = snapshot(assessments=decided(), systems=[bot], roles=frozenset({AIRole.PROVIDER}))
    assert not list(soa_checks.provider_role(fixed))
    customer = AISystem(ref="AI-001", name="RoutePilot", roles=frozenset({AIRole.CUSTOMER}))
    assert not list(soa_checks.provider_role(snapshot(assessments=out, systems=[customer])))


# -- evidence --------------------------------------------------------------------------------


def test_met_with_no_evidence_and_no_note() -> None:
    bare = {"7.1": Assessment(item_id="7.1", status=Status.MET)}
    found = list(evidence_checks.met_without_evidence(snapshot(assessments=bare)))
    assert rules(found) == ["met-without-evidence"] and found[0].target == "7.1"
    noted = {"7.1": Assessment(item_id="7.1", status=Status.MET, notes="Budget in the minutes.")}
    assert not list(evidence_checks.met_without_evidence(snapshot(assessments=noted)))
    attached = EvidenceRecord(
        id="e",
        item_id="7.1",
        title="Minutes",
        file_name="m.txt",
        media_type="text/plain",
        sha256="0" * 64,
        size=1,
    )
    assert not list(
        evidence_checks.met_without_evidence(snapshot(assessments=bare, evidence=(attached,)))
    )
    register = {"A.4.2": Assessment(item_id="A.4.2", status=Status.MET)}
    inventory = snapshot(assessments=register, systems=[AISystem(name="RoutePilot")])
    assert not list(evidence_checks.met_without_evidence(inventory)), "the inventory is evidence"


def test_a_consistent_project_has_no_risk_soa_or_evidence_findings() -> None:
    system = AISystem(ref="AI-001", name="RoutePilot")
    treated = a_risk(
        ai_systems=(system.id,),
        option=TreatmentOption.MODIFY,
        controls=("A.6.2.4",),
        status=RiskStatus.ACCEPTED,
        residual_likelihood=1,
        residual_consequence=1,
        accepted_by="Tom Okafor",
        accepted_on=date(2026, 11, 1),
    )
    good = snapshot(assessments=decided(), systems=[system], risks=[treated])
    assert findings(good, (*risk_checks.RULES, *soa_checks.RULES, *evidence_checks.RULES)) == []
    assert all(r in RULES for r in risk_checks.RULES + soa_checks.RULES + evidence_checks.RULES)
    assert dataclasses.is_dataclass(findings(snapshot(risks=[a_risk()]))[0])
