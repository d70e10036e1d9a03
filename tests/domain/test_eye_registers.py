"""The auditor's eye on the registers of issue 10: each check fires when the records disagree
with what an auditor expects, and stays quiet when they agree (one test of each)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.eye import RULES, findings
from aims_desktop.domain.eye.competence import unmet_competence
from aims_desktop.domain.eye.documents import (
    document_review_overdue,
    mandatory_record_not_approved,
)
from aims_desktop.domain.eye.impact import impact_assessment_missing_or_outdated
from aims_desktop.domain.eye.objectives import objective_without_measure
from aims_desktop.domain.eye.suppliers import supplier_not_reviewed
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status
from tests.domain.test_eye import snapshot

TODAY = date(2026, 11, 29)  # the snapshot's date


def record(key: str, **values: Any) -> Any:
    spec = REGISTERS[key]
    data = {f.name: f.empty() for f in spec.fields}
    data.update(values)
    return spec.model.model_validate(data)


def with_records(base: ProjectSnapshot | None = None, **registers: list[Any]) -> ProjectSnapshot:
    base = base or snapshot()
    merged = dict(base.registers)
    merged.update({k: tuple(v) for k, v in registers.items()})
    return dataclasses.replace(base, registers=merged)


def rules(found: list[Any]) -> list[str]:
    return [f.rule for f in found]


# -- documents ----------------------------------------------------------------------------


def test_a_document_past_its_review_date_is_found() -> None:
    late = record("document", ref="DOC-001", title="AI policy", review_date=date(2026, 11, 1))
    due_later = record("document", ref="DOC-002", title="Scope", review_date=date(2027, 1, 1))
    withdrawn = record("document", title="Old", review_date=date(2025, 1, 1), status="withdrawn")
    found = list(document_review_overdue(with_records(document=[late, due_later, withdrawn])))
    assert rules(found) == ["document-review-overdue"]
    assert found[0].subject == "DOC-001" and "1 November 2026" in found[0].message
    assert found[0].target == f"register:document:{late.id}"
    assert not list(document_review_overdue(with_records(document=[due_later, withdrawn])))


def _policy_asserted(status: Status) -> ProjectSnapshot:
    return dataclasses.replace(
        snapshot(), assessments={"5.2": Assessment(item_id="5.2", status=status)}
    )


def test_a_met_clause_whose_mandatory_record_has_only_a_draft_is_found() -> None:
    draft = record("document", ref="DOC-001", title="AI policy", records=("5.2:r1",))
    found = list(
        mandatory_record_not_approved(with_records(_policy_asserted(Status.MET), document=[draft]))
    )
    assert rules(found) == ["mandatory-record-missing"]
    assert (
        found[0].subject == "5.2" and "only a draft so far (DOC-001 AI policy)" in found[0].message
    )
    approved = record(
        "document",
        title="AI policy",
        records=("A.2.2:r1",),  # named under A.2.2: the same record
        status="approved",
        approver="Tom",
        approved_on=date(2026, 10, 1),
    )
    quiet = with_records(_policy_asserted(Status.MET), document=[draft, approved])
    assert not list(mandatory_record_not_approved(quiet))
    # a clause nobody claims is met is a known gap, not an inconsistency
    not_met = with_records(_policy_asserted(Status.NOT_MET), document=[draft])
    assert not list(mandatory_record_not_approved(not_met))


# -- impact assessments ------------------------------------------------------------------


def test_an_in_scope_or_high_risk_system_without_a_current_assessment_is_found() -> None:
    chatbot = record("ai_system", ref="AI-001", name="Chatbot", in_scope=True)
    hiring = record(
        "ai_system",
        ref="AI-002",
        name="HireMatch",
        in_scope=False,
        scope_reason="Pilot",
        eu_ai_act="high_risk",
    )
    ignored = record("ai_system", ref="AI-003", name="Spellcheck", in_scope=False, scope_reason="x")
    old = record(
        "impact_assessment",
        title="Chatbot",
        ai_systems=(chatbot.id,),
        status="completed",
        assessed_on=date(2025, 1, 1),
        assessor="Priya",
        result="acceptable",
        review_date=date(2026, 1, 1),
    )
    draft = record("impact_assessment", title="Hiring", ai_systems=(hiring.id,), status="draft")
    found = list(
        impact_assessment_missing_or_outdated(
            with_records(ai_system=[chatbot, hiring, ignored], impact_assessment=[old, draft])
        )
    )
    assert [(f.rule, f.subject) for f in found] == [
        ("impact-assessment-missing", "AI-001"),
        ("impact-assessment-missing", "AI-002"),
    ]
    assert "due for review on 1 January 2026" in found[0].message
    assert "not completed yet" in found[1].message
    current = old.model_copy(update={"review_date": date(2027, 6, 1)})
    done = draft.model_copy(
        update={
            "status": old.status,
            "assessed_on": TODAY,
            "assessor": "Priya",
            "result": old.result,
        }
    )
    assert not list(
        impact_assessment_missing_or_outdated(
            with_records(ai_system=[chatbot, hiring, ignored], impact_assessment=[current, done])
        )
    )
    nothing = with_records(ai_system=[chatbot])
    assert (
        "has no impact assessment" in next(impact_assessment_missing_or_outdated(nothing)).message
    )


# -- objectives, competence, suppliers ------------------------------------------------------


def test_an_objective_with_no_measure_is_found() -> None:
    vague = record("objective", ref="OB-001", objective="Be responsible")
    measured = record("objective", objective="Fast handover", measure="Median wait, monthly")
    dropped = record("objective", objective="Old idea", status="dropped")
    found = list(objective_without_measure(with_records(objective=[vague, measured, dropped])))
    assert [(f.rule, f.subject) for f in found] == [("objective-without-measure", "OB-001")]
    assert not list(objective_without_measure(with_records(objective=[measured, dropped])))


def test_a_person_in_a_role_with_unmet_competence_is_found() -> None:
    literacy = record("competence", name="AI literacy")
    gdpr = record("competence", name="Data protection")
    reviewer = record("role", name="Reviewer", competences=(literacy.id, gdpr.id))
    grace = record("person", name="Grace", roles=(reviewer.id,))
    done = record(
        "training",
        parent_id=grace.id,
        title="E-learning",
        completed_on=date(2026, 1, 1),
        competences=(literacy.id,),
    )
    planned = record(
        "training",
        parent_id=grace.id,
        title="GDPR course",
        status="planned",
        due_on=date(2026, 12, 10),
        competences=(gdpr.id,),
    )
    registers = {"competence": [literacy, gdpr], "role": [reviewer], "person": [grace]}
    found = list(unmet_competence(with_records(training=[done, planned], **registers)))
    assert [(f.rule, f.subject) for f in found] == [("competence-gap", "Grace")]
    assert "Data protection (planned for 2026-12-10)" in found[0].message
    assert "AI literacy" not in found[0].message
    gdpr_done = planned.model_copy(update={"status": done.status, "completed_on": TODAY})
    assert not list(unmet_competence(with_records(training=[done, gdpr_done], **registers)))
    lapsed = done.model_copy(update={"valid_until": date(2026, 11, 1)})
    assert (
        "AI literacy"
        in next(unmet_competence(with_records(training=[lapsed, gdpr_done], **registers))).message
    )


@pytest.mark.parametrize(
    ("reviewed", "due", "fires"),
    [
        (None, None, True),
        (date(2025, 6, 1), date(2026, 6, 1), True),
        (date(2026, 6, 1), date(2027, 6, 1), False),
        (date(2026, 6, 1), None, False),
    ],
)
def test_a_supplier_with_no_review_or_an_overdue_one_is_found(
    reviewed: date | None, due: date | None, fires: bool
) -> None:
    supplier = record(
        "supplier", ref="SU-001", name="Northwind", reviewed_on=reviewed, review_date=due
    )
    found = list(supplier_not_reviewed(with_records(supplier=[supplier])))
    assert [f.rule for f in found] == (["supplier-not-reviewed"] if fires else [])


def test_the_new_checks_are_collected_and_quiet_on_an_empty_project() -> None:
    names = {rule.__name__ for rule in RULES}
    assert {
        "document_review_overdue",
        "mandatory_record_not_approved",
        "impact_assessment_missing_or_outdated",
        "objective_without_measure",
        "unmet_competence",
        "supplier_not_reviewed",
    } <= names
    assert findings(snapshot()) == []
