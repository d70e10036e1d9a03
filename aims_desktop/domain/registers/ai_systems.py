"""The AI system inventory: every AI system the organisation builds, provides or uses.

An auditor starts from this list (A.4.2 resource documentation, A.6 life cycle, A.9.4 intended
use): which systems exist, what each is for, who owns it, whether it is inside the scope, what
data it touches and who it affects.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    RegisterRecord,
    choice,
    choices,
    date_field,
    flag,
    long_text,
    person,
    text,
)
from aims_desktop.domain.organisation import AIRole
from aims_desktop.domain.registers.keys import AI_SYSTEM
from aims_desktop.domain.registers.spec import RegisterSpec


class LifecycleStage(StrEnum):
    """Stages of an AI system's life (the ISO/IEC 22989 life cycle, simplified)."""

    INCEPTION = "inception"
    DEVELOPMENT = "development"
    VALIDATION = "validation"
    DEPLOYMENT = "deployment"
    OPERATION = "operation"
    REEVALUATION = "reevaluation"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return {
            "inception": "Idea or planning",
            "development": "Design and development",
            "validation": "Verification and validation",
            "deployment": "Being deployed",
            "operation": "In operation",
            "reevaluation": "Being re-evaluated",
            "retired": "Retired",
        }[self.value]


class SystemOrigin(StrEnum):
    BUILT = "built"
    BOUGHT = "bought"
    PUBLIC_SERVICE = "public_service"

    @property
    def label(self) -> str:
        return {
            "built": "Built by us (or for us)",
            "bought": "Bought or licensed",
            "public_service": "Public AI service used by staff",
        }[self.value]


class EUAIActCategory(StrEnum):
    """The EU AI Act risk category, as the organisation judges it (not legal advice)."""

    PROHIBITED = "prohibited"
    HIGH_RISK = "high_risk"
    LIMITED = "limited"
    MINIMAL = "minimal"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {
            "prohibited": "Prohibited practice",
            "high_risk": "High-risk",
            "limited": "Limited (transparency obligations)",
            "minimal": "Minimal risk",
            "not_applicable": "Act does not apply",
        }[self.value]


class AISystem(RegisterRecord):
    ref: str = text("Reference", "A short number, such as AI-003.")
    name: str = text("Name", "What people in the organisation call it.", required=True)
    purpose: str = long_text(
        "Purpose and intended use",
        "What it is for, who uses it and for which decisions; what it must not be used for.",
    )
    roles: frozenset[AIRole] = choices(
        "Our role for this system",
        "Provider if you offer it to others; producer if you build or train it; customer if "
        "you use one made by someone else.",
    )
    stage: LifecycleStage | None = choice("Life-cycle stage")
    owner: str = person("Owner", "Who is accountable for the system.")
    in_scope: bool = flag(
        "In the AIMS scope", "Whether the AI management system covers it.", default=True
    )
    scope_reason: str = long_text(
        "Why in or out of scope", "Needed when a system is left out of the scope."
    )
    origin: SystemOrigin | None = choice(
        "Built, bought or public service", "Where the system comes from."
    )
    provider: str = text("Model or provider", "The vendor, product or model it is built on.")
    data: str = long_text("Data it uses", "Inputs, training data and outputs worth knowing about.")
    personal_data: bool = flag("Uses personal data")
    special_category_data: bool = flag(
        "Uses special-category data",
        "Health, ethnicity, religion, political opinions, trade-union membership, sex life, "
        "genetic or biometric data (UK GDPR and EU GDPR article 9).",
    )
    affected: str = long_text(
        "Who it affects", "People or groups affected by its outputs, including vulnerable ones."
    )
    oversight: str = long_text(
        "Human oversight", "Who checks its outputs, when, and how a person can override it."
    )
    deployed_on: date | None = date_field("In use since")
    eu_ai_act: EUAIActCategory | None = choice(
        "EU AI Act category",
        "Your own judgement of the category under the EU AI Act; record the reasoning below.",
    )
    eu_ai_act_note: str = long_text("EU AI Act reasoning")
    review_date: date | None = date_field("Next review")


def _rules(record: AISystem) -> list[str]:
    problems = []
    if not record.in_scope and not record.scope_reason.strip():
        problems.append(
            f"“{record.name}” is outside the scope: say why in “Why in or out of scope” first. "
            "An auditor checks every exclusion."
        )
    if record.special_category_data and not record.personal_data:
        problems.append(
            "Special-category data is personal data: tick “Uses personal data” as well."
        )
    return problems


AI_SYSTEMS = RegisterSpec(
    key=AI_SYSTEM,
    model=AISystem,
    title="AI system",
    plural="AI systems",
    slug="ai-systems",
    description=(
        "Every AI system you build, provide or use: what it is for, who owns it, whether the "
        "AI management system covers it, the data it uses and the people it affects."
    ),
    evidence_for=("4.3", "A.4.2", "A.6.2.2", "A.9.4"),
    columns=("ref", "name", "stage", "owner", "in_scope", "eu_ai_act"),
    sort=("ref", False),
    label_fields=("ref", "name"),
    rules=_rules,
    group="context",
    ref_prefix="AI",
    hidden_columns=(),
)
