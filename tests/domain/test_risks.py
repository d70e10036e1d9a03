"""A risk's levels, its treatment and acceptance rules, the heat map, and the suggested-risk
library, as pure domain functions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aims_desktop.catalog import load_catalog
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.heat_map import heat_map, in_cell
from aims_desktop.domain.registers.risks import (
    INHERENT,
    RESIDUAL,
    RISKS,
    AIObjective,
    Risk,
    RiskSource,
    RiskStatus,
    TreatmentOption,
    has_treatment,
    inherent_level,
    is_accepted,
    residual_level,
)
from aims_desktop.domain.registers.spec import RecordContext
from aims_desktop.domain.risk_criteria import DEFAULT_CRITERIA, resized
from aims_desktop.domain.risk_library import SUGGESTIONS, USES

CATALOG = load_catalog()


def risk(**values: Any) -> Risk:
    values.setdefault("title", "Chatbot gives a wrong answer")
    return Risk(**values)


def test_levels_are_computed_from_the_criteria_never_stored() -> None:
    r = risk(likelihood=4, consequence=3, residual_likelihood=2, residual_consequence=2)
    assert inherent_level(r, DEFAULT_CRITERIA) == 3
    assert residual_level(r, DEFAULT_CRITERIA) == 1
    stricter = DEFAULT_CRITERIA.model_copy(update={"matrix": tuple((4,) * 5 for _ in range(5))})
    assert inherent_level(r, stricter) == 4, "a new matrix re-rates the risk"
    assert "level" not in {f.name for f in RISKS.fields}


def test_the_list_shows_both_levels_with_their_scores() -> None:
    r = risk(likelihood=4, consequence=3)
    inherent = RISKS.computed_column(INHERENT)
    residual = RISKS.computed_column(RESIDUAL)
    assert inherent is not None and residual is not None
    context = RecordContext()
    assert inherent.compute(r, context)[0] == "High (4 × 3)"  # noqa: RUF001
    assert residual.compute(r, context)[0] == "", "not rated after treatment yet"
    low, high = (
        inherent.compute(risk(likelihood=1, consequence=1), context)[1],
        inherent.compute(r, context)[1],
    )
    assert low < high, "sorted by level"
    assert inherent.compute(risk(), context)[1] > high, "unrated risks sort last"


def test_a_retained_risk_keeps_its_level_after_treatment() -> None:
    r = risk(likelihood=2, consequence=2, option=TreatmentOption.RETAIN)
    assert residual_level(r, DEFAULT_CRITERIA) == inherent_level(r, DEFAULT_CRITERIA) == 1
    assert has_treatment(r)


@pytest.mark.parametrize(
    ("values", "treated"),
    [
        ({}, False),
        ({"option": TreatmentOption.MODIFY}, False),
        ({"option": TreatmentOption.MODIFY, "controls": ("A.6.2.4",)}, True),
        ({"option": TreatmentOption.SHARE, "organisation_controls": ("x",)}, True),
        ({"option": TreatmentOption.AVOID, "treatment_plan": "Stop the trial."}, True),
        ({"option": TreatmentOption.AVOID, "treatment_plan": "   "}, False),
        ({"controls": ("A.6.2.4",)}, False),
    ],
)
def test_a_treatment_is_an_option_and_something_done(values: dict[str, Any], treated: bool) -> None:
    assert has_treatment(risk(**values)) is treated


def test_an_accepted_risk_needs_a_named_approver_and_a_date() -> None:
    base = {"likelihood": 3, "consequence": 3, "residual_likelihood": 1, "residual_consequence": 2}
    for missing in ({}, {"accepted_by": "Tom Okafor"}, {"accepted_on": date(2026, 10, 1)}):
        candidate = risk(status=RiskStatus.ACCEPTED, **base, **missing)
        problems = RISKS.check(candidate)
        assert problems and "named person" in problems[0]
    ok = risk(
        status=RiskStatus.ACCEPTED, accepted_by="Tom Okafor", accepted_on=date(2026, 10, 1), **base
    )
    assert RISKS.check(ok) == [] and is_accepted(ok)


def test_what_is_accepted_must_be_rated_first() -> None:
    accepted = {"accepted_by": "Tom Okafor", "accepted_on": date(2026, 10, 1)}
    unrated = risk(status=RiskStatus.ACCEPTED, option=TreatmentOption.MODIFY, **accepted)
    assert "Rate what remains" in RISKS.check(unrated)[0]
    half = risk(status=RiskStatus.ACCEPTED, residual_likelihood=2, **accepted)
    assert "Rate what remains" in RISKS.check(half)[0]
    retained = risk(
        status=RiskStatus.ACCEPTED,
        option=TreatmentOption.RETAIN,
        likelihood=1,
        consequence=2,
        **accepted,
    )
    assert RISKS.check(retained) == [], "retained as it is: its inherent level is what remains"


def test_other_statuses_need_no_acceptance() -> None:
    for status in (RiskStatus.OPEN, RiskStatus.IN_TREATMENT, RiskStatus.TREATED, None):
        assert RISKS.check(risk(status=status)) == []


def test_scores_are_bounded_by_the_project_scales() -> None:
    three = RecordContext(criteria=resized(DEFAULT_CRITERIA, 3, 4, 4))
    values = {"title": "x", "likelihood": 4, "consequence": 4}
    assert RISKS.check(Risk(**values)) == []  # without the project's scales: up to 5
    problem = RISKS.check(Risk(**values), three)[0]
    assert problem.startswith("“Likelihood” can be at most 3 (Possible)")
    with pytest.raises(RuleViolation, match="at most 3"):
        RISKS.validate(values, three)
    assert RISKS.validate({**values, "likelihood": 3}, three).likelihood == 3  # type: ignore[attr-defined]


def test_the_heat_map_counts_live_risks_in_their_cells() -> None:
    risks = [
        risk(id="a", likelihood=2, consequence=4),
        risk(id="b", likelihood=2, consequence=4, residual_likelihood=1, residual_consequence=4),
        risk(id="c", likelihood=5, consequence=5, status=RiskStatus.CLOSED),
        risk(id="d", likelihood=3),
        risk(id="e", likelihood=2, consequence=2, option=TreatmentOption.RETAIN),
    ]
    inherent = heat_map(risks, DEFAULT_CRITERIA)
    assert inherent.ids(2, 4) == ("a", "b") and inherent.count(2, 4) == 2
    assert inherent.count(5, 5) == 0, "a closed risk is not on the map"
    assert inherent.unrated == ("d",)
    assert inherent.level(2, 4) == 2 and not inherent.acceptable(2, 4)
    assert inherent.by_level() == {1: 1, 2: 2, 3: 0, 4: 0}
    residual = heat_map(risks, DEFAULT_CRITERIA, residual=True)
    assert residual.ids(1, 4) == ("b",) and residual.ids(2, 2) == ("e",)
    assert set(residual.unrated) == {"a", "d"}
    assert in_cell(risks[1], (1, 4), residual=True) and not in_cell(
        risks[1], (1, 4), residual=False
    )


def test_a_heat_map_of_scores_off_a_smaller_scale_does_not_fail() -> None:
    three = resized(DEFAULT_CRITERIA, 3, 3, 3)
    found = heat_map([risk(id="x", likelihood=5, consequence=5)], three)
    assert found.unrated == ("x",) and found.rated == 0


def test_every_suggested_risk_names_real_annex_c_sources_and_annex_a_controls() -> None:
    sources = {e.id for e in CATALOG.risk_sources}
    objectives = {e.id for e in CATALOG.objectives}
    assert {s.value for s in RiskSource} - {"other"} == sources
    assert {o.value for o in AIObjective} == objectives
    for member in (*RiskSource, *AIObjective):
        if member.value != "other":
            assert member.label == f"{member.value} {CATALOG_TITLES[member.value]}", member
    keys = [s.key for s in SUGGESTIONS]
    assert len(keys) == len(set(keys))
    assert {s.use for s in SUGGESTIONS} == {u.key for u in USES}
    assert {u.title for u in USES} >= {
        "Chatbot for customers",
        "CV screening and recruitment",
        "Generative AI used by staff",
        "Forecasting and planning",
        "AI features in software you buy",
    }
    for suggestion in SUGGESTIONS:
        assert suggestion.sources, suggestion.key
        assert {s.value for s in suggestion.sources} <= sources
        assert {o.value for o in suggestion.objectives} <= objectives
        for control in suggestion.controls:
            assert CATALOG.has_item(control) and CATALOG.item(control).is_control, control
        record = RISKS.validate({**suggestion.values(), "status": RiskStatus.OPEN})
        assert record.title == suggestion.title  # type: ignore[attr-defined]


CATALOG_TITLES = {e.id: e.title for e in (*CATALOG.risk_sources, *CATALOG.objectives)}
