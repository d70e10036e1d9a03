"""Checks on AI system impact assessments (6.1.4, 8.4, A.5)."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.dates import long_date
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.impact import AssessmentState, system_assessments
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import AI_SYSTEM, IMPACT_ASSESSMENT
from aims_desktop.domain.snapshot import ProjectSnapshot


def impact_assessment_missing_or_outdated(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """An AI system in the scope (or judged high-risk) with no completed impact assessment, or
    one whose next review has passed."""
    systems = REGISTERS[AI_SYSTEM]
    assessments = REGISTERS[IMPACT_ASSESSMENT]
    for entry in system_assessments(
        snapshot.records(AI_SYSTEM), snapshot.records(IMPACT_ASSESSMENT), snapshot.today
    ):
        system = systems.label(entry.system)
        why = "is in the scope" if entry.system.in_scope else "is judged high-risk"
        if entry.state is AssessmentState.MISSING:
            message = (
                f"{system} {why} but has no impact assessment. Assess what it could do to "
                "people and society before an auditor asks (6.1.4)."
            )
            target = f"register:{AI_SYSTEM}:{entry.system.id}"
        elif entry.state is AssessmentState.DRAFT_ONLY:
            assert entry.assessment is not None
            message = (
                f"{system} {why}; its impact assessment "
                f"{assessments.label(entry.assessment)} is not completed yet."
            )
            target = f"register:{IMPACT_ASSESSMENT}:{entry.assessment.id}"
        elif entry.state is AssessmentState.OUT_OF_DATE:
            assert entry.assessment is not None
            message = (
                f"The impact assessment {assessments.label(entry.assessment)} of {system} was "
                f"due for review on {long_date(entry.assessment.review_date)}: review it, or "
                "make a new version."
            )
            target = f"register:{IMPACT_ASSESSMENT}:{entry.assessment.id}"
        else:
            continue
        yield Finding(
            "impact-assessment-missing",
            message,
            target,
            getattr(entry.system, "ref", "") or system,
        )


RULES = (impact_assessment_missing_or_outdated,)
