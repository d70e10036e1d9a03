"""Checks on competence (7.2)."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.competence import competence_matrix
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.registers.keys import COMPETENCE, PERSON, ROLE, TRAINING
from aims_desktop.domain.snapshot import ProjectSnapshot


def unmet_competence(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """A person holding a role without a competence the role needs."""
    matrix = competence_matrix(
        snapshot.records(PERSON),
        snapshot.records(ROLE),
        snapshot.records(COMPETENCE),
        snapshot.records(TRAINING),
        snapshot.today,
    )
    for row in matrix.rows:
        if not row.gaps:
            continue
        missing = []
        for competence in row.gaps:
            note = row.cells[competence].note
            missing.append(matrix.name_of(competence) + (f" ({note})" if note else ""))
        roles = ", ".join(row.roles)
        yield Finding(
            "competence-gap",
            f"{row.person} holds the role{'s' if len(row.roles) > 1 else ''} {roles} but has no "
            "evidence of: "
            + "; ".join(missing)
            + ". 7.2 asks that people doing the work are competent and that it can be shown.",
            f"register:{PERSON}:{row.person_id}",
            row.person,
        )


RULES = (unmet_competence,)
