from __future__ import annotations

import pytest

from aims_desktop.domain.status import Answer, Status, suggest_status

Y, P, N, U = Answer.YES, Answer.PARTLY, Answer.NO, Answer.NOT_SURE


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([Y, Y, Y], Status.MET),
        ([N, N, N], Status.NOT_MET),
        ([Y, N, Y], Status.PARTIALLY_MET),
        ([Y, P, Y], Status.PARTIALLY_MET),
        ([P, P, P], Status.PARTIALLY_MET),
        ([N, N, None], Status.NOT_MET),
        ([Y, Y, None], None),  # an unanswered question blocks "met"
        ([Y, Y, U], None),  # so does "not sure"
        ([U, U, U], None),
        ([None, None, None], None),
        ([N, U, None], Status.NOT_MET),
        # mostly No is not met: more than half of the definite answers are No
        ([N, N, N, N, P, U], Status.NOT_MET),
        ([N, N, Y], Status.NOT_MET),
        ([N, N, P, P], Status.PARTIALLY_MET),  # exactly half: something is in place
        ([N, Y], Status.PARTIALLY_MET),
        ([N, P, U, U], Status.PARTIALLY_MET),
    ],
)
def test_suggestion_from_answers(answers: list[Answer | None], expected: Status | None) -> None:
    assert suggest_status(answers, len(answers)) is expected


def test_not_applicable_does_not_count_and_gaps_are_named() -> None:
    assert Status.NOT_APPLICABLE.score is None
    assert Status.PARTIALLY_MET.score == 0.5
    assert {s for s in Status if s.is_gap} == {Status.NOT_MET, Status.PARTIALLY_MET}
