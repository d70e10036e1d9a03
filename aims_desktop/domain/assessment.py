"""One assessment record per catalogue item, and the rules every edit must respect."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from aims_desktop.catalog import CatalogItem
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.status import Answer, Status, suggest_status
from aims_desktop.domain.text_limits import MAX_TEXT_LENGTH


class Applicability(StrEnum):
    """Whether an Annex A control is part of the AI management system. Stored by value.

    Three-way on purpose: a control nobody has decided on yet is neither applied nor excluded,
    and the Statement of Applicability must not print it as applicable.
    """

    UNDECIDED = "undecided"
    APPLICABLE = "applicable"
    EXCLUDED = "excluded"

    @property
    def label(self) -> str:
        return {
            "undecided": "Not decided yet",
            "applicable": "Applicable",
            "excluded": "Excluded",
        }[self.value]


IMPLEMENTATION_STATUSES = (Status.NOT_MET, Status.PARTIALLY_MET, Status.MET)
"""Statuses that say how far a control is implemented: recording one decides that it applies."""


class Assessment(BaseModel):
    """Where the organisation stands on one clause or control, in its own words.

    For an Annex A control, `applicability` is its line in the Statement of Applicability; an
    excluded control also has status NOT_APPLICABLE (kept together by `check_assessment`), and
    `justification` says why it is excluded, or for an included control why it is needed.
    """

    model_config = ConfigDict(validate_assignment=True)

    item_id: str
    status: Status = Status.NOT_ASSESSED
    justification: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    answers: dict[str, Answer] = Field(default_factory=dict)
    notes: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    owner: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    target_date: date | None = None
    applicability: Applicability = Applicability.UNDECIDED

    @model_validator(mode="before")
    @classmethod
    def _exclusion_is_both(cls, data: Any) -> Any:
        """An exclusion is a status and an applicability: giving either gives both."""
        if isinstance(data, dict):
            status = str(data.get("status") or "")
            applicability = str(data.get("applicability") or "")
            if status == Status.NOT_APPLICABLE.value and not applicability:
                data = {**data, "applicability": Applicability.EXCLUDED}
            elif applicability == Applicability.EXCLUDED.value and not status:
                data = {**data, "status": Status.NOT_APPLICABLE}
        return data

    @property
    def excluded(self) -> bool:
        """Excluded from the Statement of Applicability (nothing to implement)."""
        return self.status is Status.NOT_APPLICABLE

    @property
    def decided_applicable(self) -> bool:
        """Decided to apply: what the Statement of Applicability prints as "Applicable"."""
        return self.applicability is Applicability.APPLICABLE and not self.excluded

    def suggested_status(self, item: CatalogItem) -> Status | None:
        return suggest_status(
            (self.answers.get(q.key) for q in item.questions), len(item.questions)
        )


def check_assessment(item: CatalogItem, assessment: Assessment) -> None:
    """Raise RuleViolation with a message for the user if the record breaks a rule."""
    if assessment.status is Status.NOT_APPLICABLE:
        if not item.is_control:
            raise RuleViolation(
                f"Clause {item.id} is a requirement of the standard: it can be not met, "
                "but it cannot be excluded."
            )
        if not assessment.justification.strip():
            raise RuleViolation(
                f"Control {item.id} can only be excluded with a justification. Say why it does "
                "not apply to your organisation; the auditor will read it in the Statement of "
                "Applicability."
            )
    if item.is_control:
        if (assessment.applicability is Applicability.EXCLUDED) != assessment.excluded:
            raise RuleViolation(
                f"Control {item.id} is either excluded (with a justification) or not: its "
                "applicability and its status must say the same."
            )
    elif assessment.applicability is Applicability.EXCLUDED:
        raise RuleViolation(
            f"Clause {item.id} is a requirement of the standard: it can be not met, "
            "but it cannot be excluded."
        )
    keys = {q.key for q in item.questions}
    unknown = set(assessment.answers) - keys
    if unknown:
        raise RuleViolation(f"{item.id} has no guidance question {sorted(unknown)[0]}.")
