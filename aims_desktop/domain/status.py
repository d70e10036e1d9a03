"""Assessment statuses, guidance answers and the status a set of answers suggests."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Status(StrEnum):
    """How far an item is implemented. Stored by value in project files: never rename a value."""

    NOT_ASSESSED = "not_assessed"
    NOT_MET = "not_met"
    PARTIALLY_MET = "partially_met"
    MET = "met"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def score(self) -> float | None:
        """Contribution to readiness; None means the item does not count at all."""
        return _STATUS_SCORES[self]

    @property
    def is_gap(self) -> bool:
        return self in (Status.NOT_MET, Status.PARTIALLY_MET)


_STATUS_LABELS = {
    Status.NOT_ASSESSED: "Not assessed",
    Status.NOT_MET: "Not met",
    Status.PARTIALLY_MET: "Partially met",
    Status.MET: "Met",
    Status.NOT_APPLICABLE: "Excluded",  # the word the application and the reports use
}

_STATUS_SCORES: dict[Status, float | None] = {
    Status.NOT_ASSESSED: 0.0,
    Status.NOT_MET: 0.0,
    Status.PARTIALLY_MET: 0.5,
    Status.MET: 1.0,
    Status.NOT_APPLICABLE: None,
}

CLAUSE_STATUSES = (Status.NOT_ASSESSED, Status.NOT_MET, Status.PARTIALLY_MET, Status.MET)
"""Clauses 4 to 10 are mandatory: they can be unmet but never excluded."""


class Answer(StrEnum):
    """A manager's answer to one guidance question."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_SURE = "not_sure"

    @property
    def label(self) -> str:
        return {"yes": "Yes", "partly": "Partly", "no": "No", "not_sure": "Not sure"}[self.value]


def suggest_status(answers: Iterable[Answer | None], question_count: int) -> Status | None:
    """The status the guidance answers point to, or None when they do not point anywhere yet.

    The rule (written down for users in the README, "How readiness is counted"):

    - every question answered Yes -> met;
    - more than half of the definite answers (Yes, Partly, No) are No -> not met: a requirement
      that is mostly missing must not count half towards readiness;
    - any other mix that includes a No or a Partly -> partially met;
    - otherwise (only "Not sure", or Yes with questions still open) -> no suggestion, because a
      manager who is unsure has not yet shown the requirement is fulfilled.
    """
    given = [a for a in answers if a is not None]
    if not given or question_count <= 0:
        return None
    definite = [a for a in given if a is not Answer.NOT_SURE]
    if not definite:
        return None
    if all(a is Answer.YES for a in definite):
        return Status.MET if len(definite) == question_count else None
    noes = sum(1 for a in definite if a is Answer.NO)
    if 2 * noes > len(definite):
        return Status.NOT_MET
    return Status.PARTIALLY_MET
