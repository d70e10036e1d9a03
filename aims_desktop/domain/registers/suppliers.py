"""Suppliers and AI providers (A.10): who supplies what, which AI systems depend on them, the
responsibilities agreed, the due diligence done and when they are reviewed next."""

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
from aims_desktop.domain.registers.keys import AI_SYSTEM, DOCUMENT, SUPPLIER
from aims_desktop.domain.registers.spec import RegisterSpec


class SupplierKind(StrEnum):
    AI_PROVIDER = "ai_provider"
    DATA = "data"
    CLOUD = "cloud"
    SOFTWARE = "software"
    SERVICES = "services"

    @property
    def label(self) -> str:
        return {
            "ai_provider": "AI system or model provider",
            "data": "Data provider",
            "cloud": "Cloud or hosting",
            "software": "Software or tools",
            "services": "Services or consultancy",
        }[self.value]


class Supplier(RegisterRecord):
    ref: str = text("Reference", "A short number, such as SU-004.")
    name: str = text("Supplier", "Who they are.", required=True)
    kind: SupplierKind | None = choice("Kind")
    supplies: str = long_text("What they supply", lines=2)
    ai_systems: tuple[str, ...] = link(
        "AI systems that depend on them", AI_SYSTEM, "Systems they provide, host or feed."
    )
    responsibilities: str = long_text(
        "Responsibilities agreed",
        "Who does what over the AI system's life: updates, incidents, data, monitoring.",
        lines=3,
    )
    due_diligence: str = long_text(
        "Due diligence done",
        "What you checked before relying on them: certifications, terms, security, a trial.",
        lines=3,
    )
    agreements: tuple[str, ...] = link("Contracts and agreements", DOCUMENT)
    owner: str = person("Relationship owner")
    reviewed_on: date | None = date_field("Last review")
    review_date: date | None = date_field("Next review")


SUPPLIERS = RegisterSpec(
    key=SUPPLIER,
    model=Supplier,
    title="Supplier",
    plural="Suppliers",
    slug="suppliers",
    description=(
        "Suppliers and AI providers: what they supply, which AI systems depend on them, the "
        "responsibilities agreed, the due diligence done and their next review."
    ),
    evidence_for=("A.10.2", "A.10.3"),
    columns=("ref", "name", "kind", "owner", "reviewed_on", "review_date"),
    sort=("ref", False),
    label_fields=("ref", "name"),
    group="operation",
    ref_prefix="SU",
)
