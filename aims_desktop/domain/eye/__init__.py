"""The auditor's eye: consistency checks an auditor makes across a project.

Records and answers must agree, as an auditor would check them: "6.1.2 is met" with no risk
recorded, a scope that still holds placeholder text, a risk above the acceptance level with no
treatment. Each check is a pure function over a ProjectSnapshot that yields Findings: what is
wrong, in the user's words, and where it is fixed. The dashboard lists them after every edit,
the gap report prints them, and `aims-desktop check` counts them.

Checks live in one module per area of the standard (context.py, ...); each module has a list
`RULES`, collected here in the standard's order. A check must stay fast: the dashboard runs all
of them after every edit, on projects with thousands of records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from aims_desktop.domain.eye import (
    competence,
    context,
    documents,
    evaluation,
    evidence,
    impact,
    improvement,
    objectives,
    risk,
    soa,
    suppliers,
)
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.snapshot import ProjectSnapshot

Rule = Callable[[ProjectSnapshot], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    *context.RULES,
    *risk.RULES,
    *soa.RULES,
    *evidence.RULES,
    *evaluation.RULES,
    *improvement.RULES,
    *impact.RULES,
    *objectives.RULES,
    *competence.RULES,
    *documents.RULES,
    *suppliers.RULES,
)


def findings(snapshot: ProjectSnapshot, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """Every finding of every check, in the order of the checks."""
    found: list[Finding] = []
    for check in rules:
        found.extend(check(snapshot))
    return found


__all__ = ["RULES", "Finding", "Rule", "findings"]
