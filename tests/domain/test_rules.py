from __future__ import annotations

from datetime import date

import pytest

from aims_desktop.catalog import load_catalog
from aims_desktop.domain.actions import action_plan, not_assessed
from aims_desktop.domain.assessment import Assessment, check_assessment
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.organisation import AIRole, Organisation, draft_scope
from aims_desktop.domain.readiness import compute_readiness
from aims_desktop.domain.status import Answer, Status

CATALOG = load_catalog()


def test_clauses_can_never_be_not_applicable() -> None:
    with pytest.raises(RuleViolation, match="cannot be excluded"):
        check_assessment(
            CATALOG.item("6.1.2"),
            Assessment(item_id="6.1.2", status=Status.NOT_APPLICABLE, justification="x"),
        )


def test_controls_are_excluded_only_with_a_justification() -> None:
    item = CATALOG.item("A.7.3")
    with pytest.raises(RuleViolation, match="justification"):
        check_assessment(item, Assessment(item_id="A.7.3", status=Status.NOT_APPLICABLE))
    with pytest.raises(RuleViolation, match="justification"):
        check_assessment(
            item, Assessment(item_id="A.7.3", status=Status.NOT_APPLICABLE, justification="   ")
        )
    check_assessment(
        item,
        Assessment(item_id="A.7.3", status=Status.NOT_APPLICABLE, justification="No data bought"),
    )


def test_answers_must_belong_to_the_item() -> None:
    with pytest.raises(RuleViolation):
        check_assessment(
            CATALOG.item("4.1"), Assessment(item_id="4.1", answers={"q99": Answer.YES})
        )


def test_readiness_counts_each_item_once_and_ignores_exclusions() -> None:
    records = {
        "4.1": Assessment(item_id="4.1", status=Status.MET),
        "4.2": Assessment(item_id="4.2", status=Status.PARTIALLY_MET),
        "4.3": Assessment(item_id="4.3", status=Status.NOT_MET),
        "A.7.3": Assessment(item_id="A.7.3", status=Status.NOT_APPLICABLE, justification="x"),
        "A.7.2": Assessment(item_id="A.7.2", status=Status.MET),
    }
    report = compute_readiness(CATALOG, records)
    context = report.for_key("4")
    assert context.total == 4 and context.counted == 4
    assert context.score == pytest.approx((1 + 0.5 + 0) / 4)
    assert context.gaps == 2 and context.not_assessed == 1
    assert report.annex_a.counted == 37
    assert report.annex_a.score == pytest.approx(1 / 37)
    assert report.overall.counted == 32 + 37
    assert report.overall.score == pytest.approx(2.5 / 69)
    assert report.for_key("A.7").counted == 4
    assert [r.key for r in report.clauses] == ["4", "5", "6", "7", "8", "9", "10"]


def test_action_plan_puts_overdue_first_then_by_date() -> None:
    today = date(2026, 11, 27)
    records = {
        "5.2": Assessment(item_id="5.2", status=Status.NOT_MET, target_date=date(2026, 12, 30)),
        "7.3": Assessment(item_id="7.3", status=Status.NOT_MET, target_date=date(2026, 10, 1)),
        "4.2": Assessment(item_id="4.2", status=Status.PARTIALLY_MET),
        "6.2": Assessment(item_id="6.2", status=Status.PARTIALLY_MET, target_date=today),
        "4.1": Assessment(item_id="4.1", status=Status.MET, target_date=date(2026, 1, 1)),
    }
    plan = action_plan(CATALOG, records, today)
    assert [a.item_id for a in plan] == ["7.3", "6.2", "5.2", "4.2"]
    assert [a.overdue for a in plan] == [True, False, False, False]
    assert "4.1" not in not_assessed(CATALOG, records)
    assert "4.4" in not_assessed(CATALOG, records)


def test_draft_scope_names_the_organisation_roles_and_systems() -> None:
    org = Organisation(
        name="Acme Ltd",
        sector="Retail",
        country="Poland",
        roles=frozenset({AIRole.CUSTOMER, AIRole.PROVIDER}),
    )
    text = draft_scope(org, "ShelfBot: counts stock\nPriceWise - dynamic pricing\n")
    assert "Acme Ltd (Retail)" in text
    assert "AI provider and customer in Poland" in text
    assert "ShelfBot; PriceWise" in text
    assert "Exclusions" in text


@pytest.mark.parametrize(
    ("country", "phrase"),
    [
        ("United Kingdom", "in the United Kingdom"),
        ("Netherlands", "in the Netherlands"),
        ("The Gambia", "in The Gambia"),
        ("Czechia", "in Czechia"),
    ],
)
def test_draft_scope_names_countries_as_people_say_them(country: str, phrase: str) -> None:
    org = Organisation(name="Acme", country=country, roles=frozenset({AIRole.CUSTOMER}))
    assert phrase in draft_scope(org)
