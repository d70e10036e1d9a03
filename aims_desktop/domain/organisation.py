"""The organisation whose AI management system is being built."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from aims_desktop.domain.text_limits import MAX_TEXT_LENGTH

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


class Organisation(BaseModel):
    """The organisation profile: who they are, what they do with AI, what the AIMS covers."""

    model_config = ConfigDict(validate_assignment=True)

    name: str = Field(min_length=1, max_length=ORGANISATION_NAME_LENGTH)
    sector: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    size: OrgSize = OrgSize.UNKNOWN
    country: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    roles: frozenset[AIRole] = frozenset()
    ai_systems: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    """The AI systems the organisation uses or builds, one per line, until an inventory exists."""
    scope: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    """The AIMS scope statement (clause 4.3)."""


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


def draft_scope(org: Organisation) -> str:
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
    systems = [line.split(":")[0].split(" - ")[0].strip() for line in org.ai_systems.splitlines()]
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
