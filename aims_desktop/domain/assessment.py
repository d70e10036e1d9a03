"""One assessment record per catalogue item, and the rules every edit must respect."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from aims_desktop.catalog import CatalogItem
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.status import Answer, Status, suggest_status
from aims_desktop.domain.text_limits import MAX_TEXT_LENGTH


class Assessment(BaseModel):
    """Where the organisation stands on one clause or control, in its own words.

    For an Annex A control, status NOT_APPLICABLE is the exclusion recorded in the Statement of
    Applicability; `justification` then says why, and for an included control why it is needed.
    """

    model_config = ConfigDict(validate_assignment=True)

    item_id: str
    status: Status = Status.NOT_ASSESSED
    justification: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    answers: dict[str, Answer] = Field(default_factory=dict)
    notes: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    owner: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    target_date: date | None = None

    @property
    def applicable(self) -> bool:
        return self.status is not Status.NOT_APPLICABLE

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
    keys = {q.key for q in item.questions}
    unknown = set(assessment.answers) - keys
    if unknown:
        raise RuleViolation(f"{item.id} has no guidance question {sorted(unknown)[0]}.")
