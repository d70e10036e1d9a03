"""Impact assessments' own operation: a new version that keeps the earlier one on file."""

from __future__ import annotations

from typing import Any

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.impact_assessments import AssessmentStatus
from aims_desktop.domain.registers.keys import IMPACT, IMPACT_ASSESSMENT
from aims_desktop.services import documents, registers
from aims_desktop.services.session import ProjectSession


def new_version(session: ProjectSession, assessment_id: str) -> ChangeSet:
    """A new version of an assessment to revise: a copy of it and of its impacts, dated today,
    in progress, with the next version number and a link to the one it revises (which stays on
    file as it is). One undo step; the new assessment's id is `changes[0].entity_id`."""
    spec = REGISTERS[IMPACT_ASSESSMENT]
    current: Any = registers.record(session, IMPACT_ASSESSMENT, assessment_id)
    values = current.model_dump(
        exclude={"id", "created_at", "updated_at", "changed_by", "ref", "previous"}
    )
    number = documents.next_version_number([current]) if current.version.strip() else "2"
    values.update(
        version=number,
        assessed_on=session.today(),
        status=AssessmentStatus.DRAFT,
        reviewer="",
        reviewed_on=None,
        previous=(assessment_id,),
    )
    new = registers.prepare(session, IMPACT_ASSESSMENT, values)
    records: list[tuple[str, Any]] = [(IMPACT_ASSESSMENT, new)]
    for impact in registers.records(session, IMPACT, parent_id=assessment_id):
        copied = impact.model_dump(exclude={"id", "created_at", "updated_at", "changed_by"})
        copied.pop("parent_id", None)
        records.append((IMPACT, registers.prepare(session, IMPACT, copied, parent_id=new.id)))
    return registers.add_many(
        session, records, f"New version {number} of {spec.title.lower()} “{spec.label(current)}”"
    )
