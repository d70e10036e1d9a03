"""The registers of the AI management system: every kind of record the standard asks for.

Each register is declared once, in a module of this package (a pydantic record model and a
RegisterSpec beside it). `REGISTERS` lists them in the order the Registers section shows them;
adding a register is adding its module and one line here (and a schema revision, see
CONTRIBUTING.md).
"""

from __future__ import annotations

from aims_desktop.domain.registers.ai_systems import AI_SYSTEMS
from aims_desktop.domain.registers.certification import CERTIFICATION_AUDITS, REVIEW_COMMENTS
from aims_desktop.domain.registers.context import INTERESTED_PARTIES, ISSUES
from aims_desktop.domain.registers.controls import ORGANISATION_CONTROLS
from aims_desktop.domain.registers.documents import DOCUMENT_VERSIONS, DOCUMENTS
from aims_desktop.domain.registers.evaluation import (
    AUDIT_FINDINGS,
    INTERNAL_AUDITS,
    MANAGEMENT_REVIEWS,
    MEASUREMENT_RESULTS,
    MONITORING,
    REVIEW_ACTIONS,
)
from aims_desktop.domain.registers.impact_assessments import IMPACT_ASSESSMENTS, IMPACTS
from aims_desktop.domain.registers.improvement import IMPROVEMENTS, INCIDENTS, NONCONFORMITIES
from aims_desktop.domain.registers.objectives import (
    OBJECTIVE_PROGRESS_ENTRIES,
    OBJECTIVES,
    PLANNED_CHANGES,
)
from aims_desktop.domain.registers.risks import RISKS
from aims_desktop.domain.registers.spec import GROUPS, RegisterSpec
from aims_desktop.domain.registers.suppliers import SUPPLIERS
from aims_desktop.domain.registers.support import (
    AWARENESS_SESSIONS,
    COMMUNICATIONS,
    COMPETENCES,
    PEOPLE,
    ROLES,
    TRAININGS,
)

REGISTERS: dict[str, RegisterSpec] = {
    spec.key: spec
    for spec in (
        ISSUES,
        INTERESTED_PARTIES,
        AI_SYSTEMS,
        RISKS,
        ORGANISATION_CONTROLS,
        IMPACT_ASSESSMENTS,
        IMPACTS,
        OBJECTIVES,
        OBJECTIVE_PROGRESS_ENTRIES,
        PLANNED_CHANGES,
        ROLES,
        COMPETENCES,
        PEOPLE,
        TRAININGS,
        AWARENESS_SESSIONS,
        COMMUNICATIONS,
        DOCUMENTS,
        DOCUMENT_VERSIONS,
        SUPPLIERS,
        # clauses 9 and 10, the certification path
        MONITORING,
        MEASUREMENT_RESULTS,
        INTERNAL_AUDITS,
        AUDIT_FINDINGS,
        MANAGEMENT_REVIEWS,
        REVIEW_ACTIONS,
        NONCONFORMITIES,
        IMPROVEMENTS,
        INCIDENTS,
        CERTIFICATION_AUDITS,
        REVIEW_COMMENTS,
    )
}


def children_of(key: str) -> list[RegisterSpec]:
    """The child registers whose records belong to records of `key` (a document's versions)."""
    return [spec for spec in REGISTERS.values() if spec.parent == key]


def register(key: str) -> RegisterSpec:
    try:
        return REGISTERS[key]
    except KeyError:
        raise KeyError(f"no register {key!r}") from None


def by_slug(slug: str) -> RegisterSpec | None:
    """The register a person names on the command line ("ai-systems"), if there is one."""
    wanted = slug.strip().lower().replace("_", "-")
    for spec in REGISTERS.values():
        if wanted in (spec.slug, spec.key.replace("_", "-")):
            return spec
    return None


__all__ = ["GROUPS", "REGISTERS", "RegisterSpec", "by_slug", "children_of", "register"]
