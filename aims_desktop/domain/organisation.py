"""The organisation whose AI management system is being built."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from aims_desktop.domain.fields import (
    choice,
    choices,
    date_field,
    long_text,
    person,
    text,
)

ORGANISATION_NAME_LENGTH = 200
"""Longest organisation name: it heads every report cover and page."""


class AIRole(StrEnum):
    """Roles an organisation can play towards AI (ISO/IEC 22989 vocabulary, as 42001 uses)."""

    PROVIDER = "provider"
    PRODUCER = "producer"
    CUSTOMER = "customer"
    PARTNER = "partner"
    SUBJECT = "subject"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def explanation(self) -> str:
        return _ROLE_EXPLANATIONS[self]


_ROLE_EXPLANATIONS = {
    AIRole.PROVIDER: "You offer an AI product or service to others, built by you or for you.",
    AIRole.PRODUCER: "You design, develop, train or test AI systems or models yourself.",
    AIRole.CUSTOMER: "You buy or use AI products and services that others provide.",
    AIRole.PARTNER: "You supply parts of AI systems: data, tools, integration or evaluation.",
    AIRole.SUBJECT: "People or your organisation are affected by decisions AI makes about them.",
}


class OrgSize(StrEnum):
    """Head-count bands as SMEs describe themselves (EU recommendation 2003/361 bands)."""

    UNKNOWN = ""
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def label(self) -> str:
        return {
            "": "Not stated",
            "micro": "Micro (fewer than 10 people)",
            "small": "Small (10 to 49 people)",
            "medium": "Medium (50 to 249 people)",
            "large": "Large (250 people or more)",
        }[self.value]


class ClimateRelevance(StrEnum):
    """The organisation's answer to whether climate change is a relevant issue (clause 4.1 as
    amended in 2024)."""

    RELEVANT = "relevant"
    NOT_RELEVANT = "not_relevant"

    @property
    def label(self) -> str:
        return {"relevant": "Relevant", "not_relevant": "Not relevant"}[self.value]


class Organisation(BaseModel):
    """The organisation profile: who they are, what they do with AI, what the AIMS covers.

    Declared with field kinds like a register record, so the Organisation page is built by the
    same form as every register.
    """

    model_config = ConfigDict(validate_assignment=True)

    name: str = Field(
        min_length=1,
        max_length=ORGANISATION_NAME_LENGTH,
        title="Organisation name",
        description="The legal or trading name, as it should appear on reports.",
        json_schema_extra={
            "kind": "text",
            "required": True,
            "max_length": ORGANISATION_NAME_LENGTH,
        },
    )
    sector: str = text("Sector", "What the organisation does, in a few words.")
    size: OrgSize = choice(
        "Size", "Head count, as small businesses describe themselves.", default=OrgSize.UNKNOWN
    )
    country: str = text("Country", "Where the organisation is based.")
    roles: frozenset[AIRole] = choices(
        "Roles towards AI",
        "The parts the organisation plays for AI (the ISO/IEC 22989 roles that ISO/IEC 42001 "
        "uses). Most small companies are customers; building AI makes you a producer too.",
    )
    climate_change: ClimateRelevance | None = choice(
        "Is climate change a relevant issue?",
        "Since 2024 the standard asks every organisation to decide whether climate change is "
        "relevant to its management system. Either answer is acceptable; write down why.",
    )
    climate_note: str = long_text("Why (climate change)", "The reasoning behind the answer.")
    scope: str = long_text(
        "Scope statement",
        "What the AI management system covers (clause 4.3): activities, AI systems, sites, and "
        "anything left out, with the reason.",
        lines=9,
    )
    scope_version: str = text("Scope version", "For example 1.0; raise it when the scope changes.")
    scope_approved_by: str = person("Scope approved by", "Who in top management approved it.")
    scope_approved_on: date | None = date_field("Scope approved on")


PLACEHOLDER = re.compile(r"\[[^\]\n]{3,}\]")
"""Text in square brackets left from a draft, such as "[describe any sites ...]"."""


def placeholders(text: str) -> list[str]:
    """Placeholder passages a draft left in `text`, for the user to replace before printing."""
    return PLACEHOLDER.findall(text or "")


_COUNTRIES_WITH_THE = {
    "bahamas",
    "central african republic",
    "comoros",
    "czech republic",
    "democratic republic of the congo",
    "dominican republic",
    "gambia",
    "maldives",
    "marshall islands",
    "netherlands",
    "philippines",
    "seychelles",
    "solomon islands",
}


def _with_article(country: str) -> str:
    """ "in the United Kingdom", "in the Netherlands", but "in Poland"."""
    lowered = country.lower()
    if lowered.startswith(("the ", "united ")) or lowered in _COUNTRIES_WITH_THE:
        return country if lowered.startswith("the ") else f"the {country}"
    return country


def draft_scope(org: Organisation, ai_systems: Sequence[str] | str = ()) -> str:
    """A first scope statement assembled from the profile, for the user to edit.

    It names the organisation, its roles and its AI systems, which is what an auditor looks for
    first in a scope statement; boundaries and exclusions are left for the user to add.
    """
    roles = sorted(org.roles, key=list(AIRole).index)
    role_text = (
        ", ".join(r.value for r in roles[:-1])
        + (" and " if len(roles) > 1 else "")
        + roles[-1].value
        if roles
        else "user"
    )
    lines = ai_systems.splitlines() if isinstance(ai_systems, str) else list(ai_systems)
    systems = [line.split(":")[0].split(" - ")[0].strip() for line in lines]
    systems = [s for s in systems if s]
    where = f" in {_with_article(org.country.strip())}" if org.country.strip() else ""
    sector = f" ({org.sector})" if org.sector else ""
    text = (
        f"The AI management system of {org.name}{sector} covers the activities in which it acts as "
        f"AI {role_text}{where}"
    )
    if systems:
        text += ", in particular for the following AI systems: " + "; ".join(systems) + "."
    else:
        text += "."
    text += (
        " It includes the people, processes, data and suppliers involved in the life cycle of these"
        " systems. Exclusions and boundaries: [describe any sites, products or activities that are"
        " outside the scope and why]."
    )
    return text
