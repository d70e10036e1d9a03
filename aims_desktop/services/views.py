"""Views across registers: the mandatory documented information and the competence matrix,
read from the open project for the pages that show them."""

from __future__ import annotations

from aims_desktop.domain.competence import CompetenceMatrix, competence_matrix
from aims_desktop.domain.documented_information import MandatoryRecord, mandatory_records
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import COMPETENCE, DOCUMENT, PERSON, ROLE, TRAINING
from aims_desktop.services import registers
from aims_desktop.services.session import ProjectSession


def mandatory(session: ProjectSession) -> list[MandatoryRecord]:
    """Every record the standard requires, with the document or register that covers it."""
    return mandatory_records(
        session.catalog,
        registers.records(session, DOCUMENT),
        REGISTERS[DOCUMENT].label,
        registers.counts(session),
    )


def matrix(session: ProjectSession) -> CompetenceMatrix:
    """Who needs which competence, who has it, the gaps and the training due."""
    return competence_matrix(
        registers.records(session, PERSON),
        registers.records(session, ROLE),
        registers.records(session, COMPETENCE),
        registers.records(session, TRAINING),
        session.today(),
    )
