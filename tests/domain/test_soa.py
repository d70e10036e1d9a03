"""The traced Statement of Applicability and the three-way applicability, as domain rules."""

from __future__ import annotations

import pytest

from aims_desktop.catalog import load_catalog
from aims_desktop.domain.assessment import Applicability, Assessment, check_assessment
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers.controls import Implementation, OrganisationControl
from aims_desktop.domain.registers.risks import RiskStatus
from aims_desktop.domain.soa import applicability_counts, traced
from aims_desktop.domain.status import Status
from tests.domain.test_eye_risk import a_risk, snapshot

CATALOG = load_catalog()


def test_an_exclusion_is_a_status_and_an_applicability_at_once() -> None:
    assert Assessment(item_id="A.7.3", status=Status.NOT_APPLICABLE).applicability is (
        Applicability.EXCLUDED
    )
    assert Assessment(item_id="A.7.3", applicability=Applicability.EXCLUDED).excluded
    assert not Assessment(item_id="A.7.3").decided_applicable
    mixed = Assessment(
        item_id="A.7.3", status=Status.MET, applicability=Applicability.EXCLUDED, justification="x"
    )
    with pytest.raises(RuleViolation, match="must say the same"):
        check_assessment(CATALOG.item("A.7.3"), mixed)
    with pytest.raises(RuleViolation, match="cannot be excluded"):
        check_assessment(
            CATALOG.item("6.1.2"), Assessment(item_id="6.1.2", applicability=Applicability.EXCLUDED)
        )


def test_every_control_is_traced_to_its_risks_reason_and_evidence() -> None:
    own = OrganisationControl(
        ref="OC-001",
        name="Weekly chat review",
        reason="Treats wrong answers.",
        implementation=Implementation.MET,
        evidence="Review log.",
        related=("A.6.2.6",),
    )
    chosen = a_risk(controls=("A.6.2.4",), organisation_controls=(own.id,))
    closed = a_risk("R-002", controls=("A.6.2.4",), status=RiskStatus.CLOSED)
    snap = snapshot(
        risks=[chosen, closed],
        assessments={
            "A.6.2.4": Assessment(item_id="A.6.2.4", applicability=Applicability.APPLICABLE),
            "A.7.3": Assessment(
                item_id="A.7.3", status=Status.NOT_APPLICABLE, justification="None acquired."
            ),
        },
    )
    snap.registers["organisation_control"] = (own,)
    entries = {e.id: e for e in traced(snap)}
    assert len(entries) == 39, "38 Annex A controls and one of our own"
    a624 = entries["A.6.2.4"]
    assert a624.applicability is Applicability.APPLICABLE
    assert [label for _id, label in a624.risks] == ["R-001 Chatbot gives a wrong answer"]
    assert a624.has_reason, "a risk whose treatment chose it is its reason"
    assert entries["A.7.3"].applicability is Applicability.EXCLUDED
    assert entries["A.2.2"].applicability is Applicability.UNDECIDED
    mine = entries["OC-001"]
    assert mine.own and mine.status is Status.MET and mine.related == ("A.6.2.6",)
    assert [label for _id, label in mine.risks] == ["R-001 Chatbot gives a wrong answer"]
    counts = applicability_counts(snap)
    assert (counts.applicable, counts.excluded, counts.undecided, counts.own) == (1, 1, 36, 1)
