"""The risk criteria: scoring, the rules a set of criteria must keep, re-mapping scores when a
scale changes, and reading whatever a file holds without failing."""

from __future__ import annotations

import pytest

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.risk_criteria import (
    CONSEQUENCE,
    DEFAULT_CRITERIA,
    LIKELIHOOD,
    Rescoring,
    RiskCriteria,
    ScaleLevel,
    check,
    default_rescoring,
    from_stored,
    needs_rescoring,
    problems,
    proposed_mapping,
    remap,
    rescoring_problems,
    resized,
)

C = DEFAULT_CRITERIA


def _levels(*names: str) -> tuple[ScaleLevel, ...]:
    return tuple(ScaleLevel(label=n) for n in names)


def test_the_default_matrix_rates_by_likelihood_and_consequence() -> None:
    assert C.level(1, 1) == 1 and C.level_label(C.level(1, 1)) == "Low"
    assert C.level_label(C.level(3, 3)) == "Medium"
    assert C.level_label(C.level(4, 3)) == "High"
    assert C.level_label(C.level(5, 5)) == "Very high"
    assert C.level(5, 1) == C.level(1, 5) == 2, "symmetric: likelihood and consequence alike"
    assert C.rating_text(4, 3) == "High (4 × 3)"  # noqa: RUF001
    assert C.label_of(LIKELIHOOD, 3) == "3 Possible"
    assert C.label_of(CONSEQUENCE, 5) == "5 Severe"


def test_unrated_or_off_scale_scores_have_no_level() -> None:
    assert C.level(None, 3) is None and C.level(3, None) is None
    assert C.level(6, 3) is None and C.level(0, 3) is None
    assert C.rating_text(None, 2) == ""
    assert C.acceptable(None) is None


def test_acceptance_is_at_or_below_the_acceptance_level() -> None:
    assert C.acceptance == 1
    assert C.acceptable(1) is True and C.acceptable(2) is False
    raised = C.model_copy(update={"acceptance": 2})
    assert raised.acceptable(2) is True and raised.acceptable(3) is False


def test_the_defaults_and_every_resized_proposal_keep_the_rules() -> None:
    assert problems(C) == []
    for likelihood in (3, 4, 5):
        for consequence in (3, 4, 5):
            for levels in (3, 4, 5):
                proposal = resized(C, likelihood, consequence, levels)
                assert problems(proposal) == [], (likelihood, consequence, levels)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"likelihood": _levels("A", "B")}, "needs 3 to 5 levels, not 2"),
        ({"levels": _levels("L", "M", "H", "VH", "X", "Y")}, "needs 3 to 5 levels, not 6"),
        ({"consequence": _levels("A", "", "C", "D", "E")}, "Level 2 of the consequence scale"),
        ({"likelihood": _levels("Rare", "rare", "C", "D", "E")}, "Two levels of the likelihood"),
        ({"likelihood": _levels("x" * 61, "B", "C", "D", "E")}, "longer than 60 characters"),
        ({"acceptance": 5}, "acceptance level must be one of the 4"),
        ({"acceptance": 0}, "acceptance level must be one of the 4"),
        ({"matrix": C.matrix[:4]}, "The matrix needs 5 rows of 5"),
        ({"matrix": ((9, 1, 1, 1, 2), *C.matrix[1:])}, "a risk level from 1 to 4"),
        ({"matrix": (C.matrix[0], (1, 1, 2, 2, 1), *C.matrix[2:])}, "cannot have a lower level"),
        ({"matrix": (*C.matrix[:4], (2, 3, 3, 4, 3))}, "cannot have a lower level"),
    ],
)
def test_criteria_that_cannot_be_used_are_refused_in_words(
    change: dict[str, object], message: str
) -> None:
    bad = C.model_copy(update=change)
    found = problems(bad)
    assert found and message in found[0]
    with pytest.raises(RuleViolation, match=message.split("“")[0][:20]):
        check(bad)


def test_a_lower_level_for_a_worse_cell_is_refused_but_equal_is_fine() -> None:
    flat = C.model_copy(update={"matrix": tuple((2,) * 5 for _ in range(5))})
    assert problems(flat) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (5, 3, {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}),
        (3, 5, {1: 1, 2: 3, 3: 5}),
        (4, 5, {1: 1, 2: 2, 3: 4, 4: 5}),
        (5, 4, {1: 1, 2: 2, 3: 3, 4: 3, 5: 4}),
        (4, 4, {1: 1, 2: 2, 3: 3, 4: 4}),
    ],
)
def test_remapping_keeps_each_level_in_its_place(
    old: int, new: int, expected: dict[int, int]
) -> None:
    assert proposed_mapping(old, new) == expected
    assert remap(1, old, new) == 1 and remap(old, old, new) == new, "ends stay ends"
    values = [remap(v, old, new) for v in range(1, old + 1)]
    assert values == sorted(values), "never out of order"


def test_resizing_keeps_the_words_and_proposes_the_matrix() -> None:
    named = C.model_copy(
        update={"likelihood": _levels("Never", "Seldom", "Sometimes", "Often", "Always")}
    )
    smaller = resized(named, 3, 5, 4)
    assert [lv.label for lv in smaller.likelihood] == ["Never", "Seldom", "Sometimes"]
    assert smaller.matrix[0] == C.matrix[0], "the lowest row stays the lowest"
    assert smaller.matrix[2] == C.matrix[4], "the highest row stays the highest"
    bigger = resized(C, 5, 5, 5)
    assert [lv.label for lv in bigger.levels] == ["Low", "Medium", "High", "Very high", "Level 5"]
    assert bigger.matrix[4][4] == 5 and bigger.acceptance == 1


def test_rescoring_is_needed_only_when_a_scale_changes_its_size() -> None:
    relabelled = C.model_copy(update={"likelihood": _levels("a", "b", "c", "d", "e")})
    assert not needs_rescoring(C, relabelled)
    assert not needs_rescoring(C, resized(C, 5, 5, 3)), "risk levels are computed, not stored"
    smaller = resized(C, 3, 4, 4)
    assert needs_rescoring(C, smaller)
    proposal = default_rescoring(C, smaller)
    assert proposal.apply(LIKELIHOOD, 5) == 3 and proposal.apply(CONSEQUENCE, 5) == 4
    assert proposal.apply(LIKELIHOOD, None) is None
    assert rescoring_problems(C, smaller, proposal) == []


def test_a_rescoring_must_place_every_old_level_on_the_new_scale() -> None:
    smaller = resized(C, 3, 5, 4)
    missing = Rescoring(likelihood={1: 1, 2: 1, 3: 2, 4: 3})
    assert "“Almost certain” of the old scale" in rescoring_problems(C, smaller, missing)[0]
    beyond = Rescoring(likelihood={1: 1, 2: 1, 3: 2, 4: 3, 5: 4})
    assert "cannot go to level 4" in rescoring_problems(C, smaller, beyond)[0]


def test_what_a_file_stores_is_read_back_exactly() -> None:
    custom = resized(C, 3, 4, 3).model_copy(update={"acceptance": 2})
    rows = [
        (scale, n, lv.label, lv.description)
        for scale, levels in (
            ("likelihood", custom.likelihood),
            ("consequence", custom.consequence),
            ("level", custom.levels),
        )
        for n, lv in enumerate(levels, start=1)
    ]
    assert from_stored(rows, custom.matrix_text(), 2) == custom


@pytest.mark.parametrize(
    ("rows", "matrix", "acceptance"),
    [
        ([], None, None),
        ([("likelihood", 1, "Only one", "")], "9999", 7),
        ([("colour", 1, "Red", ""), ("likelihood", 9, "Nine", "")], "", -1),
        ([("likelihood", n, f"L{n}", "") for n in (1, 2, 3)], "12x", 1),
    ],
)
def test_whatever_a_file_holds_reads_as_usable_criteria(
    rows: list[tuple[str, int, str, str]], matrix: str | None, acceptance: int | None
) -> None:
    """A file that opens can always be edited: partial or damaged criteria fall back to the
    defaults where they are missing, and the result keeps every rule."""
    criteria = from_stored(rows, matrix, acceptance)
    assert isinstance(criteria, RiskCriteria)
    assert problems(criteria) == []
