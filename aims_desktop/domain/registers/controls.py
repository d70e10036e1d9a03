"""Controls of the organisation's own, beyond Annex A.

Clause 6.1.3 asks for every control needed to treat the AI risks, not only those of Annex A: a
small company often relies on a contract clause, a review meeting or a check in its own process.
Each one kept here can be chosen in a risk's treatment and is printed in the Statement of
Applicability after the Annex A controls, with why it is needed and how far it is in place.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    CONTROLS,
    RegisterRecord,
    choice,
    date_field,
    link,
    long_text,
    person,
    text,
)
from aims_desktop.domain.registers.keys import ORGANISATION_CONTROL
from aims_desktop.domain.registers.spec import RegisterSpec
from aims_desktop.domain.status import Status


class Implementation(StrEnum):
    """How far a control is in place; the values (and words) of the assessment statuses, so
    the Statement of Applicability shows both kinds of control alike."""

    NOT_ASSESSED = "not_assessed"
    NOT_MET = "not_met"
    PARTIALLY_MET = "partially_met"
    MET = "met"

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def status(self) -> Status:
        return Status(self.value)

    @property
    def aliases(self) -> tuple[str, ...]:
        return {
            "not_assessed": ("unknown", "not known"),
            "not_met": ("not in place", "planned", "no"),
            "partially_met": ("partly", "partial", "in progress"),
            "met": ("in place", "implemented", "done", "yes"),
        }[self.value]


class OrganisationControl(RegisterRecord):
    ref: str = text("Reference", "A short number, such as OC-003.")
    name: str = text("Control", "The control in a few words.", required=True)
    description: str = long_text("What it is", "What is done, by whom, how often.")
    reason: str = long_text(
        "Why it is needed",
        "The risks it treats or the obligation it meets: the justification printed in the "
        "Statement of Applicability.",
    )
    related: tuple[str, ...] = link(
        "Related Annex A controls",
        CONTROLS,
        "Annex A controls it supports or goes beyond, if any.",
    )
    owner: str = person("Owner", "Who makes sure it is done.")
    implementation: Implementation | None = choice(
        "Implementation", "How far it is in place.", aliases=("status",)
    )
    evidence: str = long_text(
        "Evidence it is in place", "Records, documents or logs that show it works."
    )
    review_date: date | None = date_field("Next review")


ORGANISATION_CONTROLS = RegisterSpec(
    key=ORGANISATION_CONTROL,
    model=OrganisationControl,
    title="Control of our own",
    plural="Controls of our own",
    slug="own-controls",
    description=(
        "Controls you use beyond the 38 of Annex A to treat your AI risks: a contract clause, "
        "a review, a check in your own process. They are printed in the Statement of "
        "Applicability with the reason for each."
    ),
    evidence_for=("6.1.3",),
    columns=("ref", "name", "implementation", "owner", "review_date"),
    sort=("ref", False),
    label_fields=("ref", "name"),
    group="planning",
    ref_prefix="OC",
)
