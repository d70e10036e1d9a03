"""Which AI systems need an impact assessment, and whether theirs is current (6.1.4, 8.4).

Every AI system in the scope needs one, and so does any system the organisation judges
high-risk under the EU AI Act, in scope or not. An assessment counts once it is completed; the
latest completed one (by date) stands for the system, and it is out of date once its next
review date has passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class AssessmentState(StrEnum):
    CURRENT = "current"
    OUT_OF_DATE = "out_of_date"
    DRAFT_ONLY = "draft_only"
    MISSING = "missing"


@dataclass(frozen=True)
class SystemAssessment:
    system: Any
    state: AssessmentState
    assessment: Any | None
    """The assessment that stands for the system (the latest completed, else the latest)."""


def _value(record: Any, name: str) -> Any:
    value = getattr(record, name, None)
    return getattr(value, "value", value)


def needs_assessment(system: Any) -> bool:
    return bool(system.in_scope) or _value(system, "eu_ai_act") == "high_risk"


def system_assessments(
    systems: Sequence[Any], assessments: Sequence[Any], today: date
) -> list[SystemAssessment]:
    """For every AI system that needs an impact assessment, the state of its assessment."""
    result = []
    for system in systems:
        if not needs_assessment(system):
            continue
        own = [a for a in assessments if system.id in a.ai_systems]
        own = [a for a in own if _value(a, "status") != "superseded"]
        completed = [a for a in own if _value(a, "status") == "completed"]
        key = lambda a: (a.assessed_on or date.min, a.created_at)  # noqa: E731
        if completed:
            latest = max(completed, key=key)
            overdue = latest.review_date is not None and latest.review_date < today
            state = AssessmentState.OUT_OF_DATE if overdue else AssessmentState.CURRENT
            result.append(SystemAssessment(system, state, latest))
        elif own:
            result.append(SystemAssessment(system, AssessmentState.DRAFT_ONLY, max(own, key=key)))
        else:
            result.append(SystemAssessment(system, AssessmentState.MISSING, None))
    return result
