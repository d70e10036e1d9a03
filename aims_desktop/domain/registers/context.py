"""Clause 4: the issues that shape the AI management system, and the interested parties.

4.1 asks which internal and external issues affect what the AIMS can achieve (climate change
among them since 2024); 4.2 asks who has a stake, what they require, and which of those
requirements the AIMS will address.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    RegisterRecord,
    choice,
    date_field,
    link,
    long_text,
    person,
    text,
)
from aims_desktop.domain.registers.keys import AI_SYSTEM, CONTEXT_ISSUE, INTERESTED_PARTY
from aims_desktop.domain.registers.spec import RegisterSpec


class Origin(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"

    @property
    def label(self) -> str:
        return {"internal": "Internal", "external": "External"}[self.value]


class IssueCategory(StrEnum):
    LEGAL = "legal"
    TECHNOLOGY = "technology"
    MARKET = "market"
    SOCIAL = "social"
    ECONOMIC = "economic"
    ENVIRONMENT = "environment"
    ORGANISATION = "organisation"
    ETHICAL = "ethical"

    @property
    def label(self) -> str:
        return {
            "legal": "Legal and regulatory",
            "technology": "Technology",
            "market": "Market and competition",
            "social": "Social and cultural",
            "economic": "Economic and financial",
            "environment": "Environment and climate",
            "organisation": "Organisation and people",
            "ethical": "Ethics and values",
        }[self.value]


class ContextIssue(RegisterRecord):
    ref: str = text("Reference", "A short number to refer to the issue, such as IS-004.")
    title: str = text("Issue", "The issue in a few words.", required=True)
    origin: Origin | None = choice(
        "Internal or external", "Internal: within the organisation. External: outside it."
    )
    category: IssueCategory | None = choice("Category")
    description: str = long_text("What it is", "What the issue is and where it comes from.")
    effect: str = long_text(
        "Effect on the AIMS",
        "How it helps or hinders what the AI management system is meant to achieve.",
    )
    response: str = long_text(
        "How we take it into account", "Decisions, risks, objectives or controls it led to."
    )
    owner: str = person("Owner", "Who keeps an eye on this issue.")
    review_date: date | None = date_field("Next review")


ISSUES = RegisterSpec(
    key=CONTEXT_ISSUE,
    model=ContextIssue,
    title="Issue",
    plural="Internal and external issues",
    slug="issues",
    description=(
        "The internal and external issues that affect what your AI management system can "
        "achieve: laws, technology, customers, your own culture and resources, and whether "
        "climate change matters to you."
    ),
    evidence_for=("4.1",),
    columns=("ref", "title", "origin", "category", "owner", "review_date"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    group="context",
    ref_prefix="IS",
)


class AddressedBy(StrEnum):
    ALL = "all"
    SOME = "some"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "all": "All of them",
            "some": "Some of them",
            "none": "None (explained)",
        }[self.value]


class InterestedParty(RegisterRecord):
    ref: str = text("Reference", "A short number, such as IP-002.")
    name: str = text(
        "Interested party", "A person, group or organisation with a stake.", required=True
    )
    origin: Origin | None = choice("Internal or external")
    requirements: str = long_text(
        "Their relevant requirements",
        "What they need or expect from you about AI: laws, contract terms, commitments you "
        "made, reasonable expectations.",
    )
    addressed: AddressedBy | None = choice(
        "Addressed through the AIMS",
        "Which of their requirements your AI management system will address.",
    )
    addressed_how: str = long_text(
        "How (or why not)",
        "How the AIMS addresses them, or why some are left to other parts of the business.",
    )
    engagement: str = long_text("How we keep in touch", "Meetings, surveys, contracts, reports.")
    ai_systems: tuple[str, ...] = link(
        "AI systems they have a stake in", AI_SYSTEM, "The AI systems that matter to them."
    )
    owner: str = person("Owner", "Who looks after the relationship.")
    review_date: date | None = date_field("Next review")


def _party_rules(record: InterestedParty) -> list[str]:
    if record.addressed is AddressedBy.NONE and not record.addressed_how.strip():
        return [
            f"Say why none of the requirements of “{record.name}” are addressed through the "
            "AIMS; an auditor will ask."
        ]
    return []


INTERESTED_PARTIES = RegisterSpec(
    key=INTERESTED_PARTY,
    model=InterestedParty,
    title="Interested party",
    plural="Interested parties",
    slug="interested-parties",
    description=(
        "Who has a stake in your use of AI (customers, staff, regulators, suppliers, people "
        "affected by your AI systems), what they require, and which of those requirements your "
        "AI management system addresses."
    ),
    evidence_for=("4.2",),
    columns=("ref", "name", "origin", "addressed", "owner", "review_date"),
    sort=("ref", False),
    label_fields=("ref", "name"),
    rules=_party_rules,
    group="context",
    ref_prefix="IP",
)
