"""AI objectives (6.2) with their progress over time, and planned changes to the AIMS (6.3).

An objective an auditor accepts says what will be achieved, how it is measured, by whom, by
when, with what, and how the results are judged; its progress entries show it is followed up.
A planned change says what changes, why, and which consequences were weighed before it was
approved.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    REQUIREMENTS,
    ChildRecord,
    RegisterRecord,
    choice,
    date_field,
    link,
    long_text,
    person,
    text,
)
from aims_desktop.domain.registers.keys import (
    AI_SYSTEM,
    OBJECTIVE,
    OBJECTIVE_PROGRESS,
    PLANNED_CHANGE,
)
from aims_desktop.domain.registers.spec import RegisterSpec


class ObjectiveCategory(StrEnum):
    """The potential AI-related objectives of Annex C.2 (numbers and titles are facts)."""

    ACCOUNTABILITY = "accountability"
    AI_EXPERTISE = "ai_expertise"
    DATA = "data"
    ENVIRONMENT = "environment"
    FAIRNESS = "fairness"
    MAINTAINABILITY = "maintainability"
    PRIVACY = "privacy"
    ROBUSTNESS = "robustness"
    SAFETY = "safety"
    SECURITY = "security"
    TRANSPARENCY = "transparency"

    @property
    def annex_c_id(self) -> str:
        return f"C.2.{list(ObjectiveCategory).index(self) + 1}"

    @property
    def label(self) -> str:
        return {
            "accountability": "Accountability",
            "ai_expertise": "AI expertise",
            "data": "Availability and quality of training and test data",
            "environment": "Environmental impact",
            "fairness": "Fairness",
            "maintainability": "Maintainability",
            "privacy": "Privacy",
            "robustness": "Robustness",
            "safety": "Safety",
            "security": "Security",
            "transparency": "Transparency and explainability",
        }[self.value]


class ObjectiveStatus(StrEnum):
    PLANNED = "planned"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {
            "planned": "Planned",
            "on_track": "On track",
            "at_risk": "At risk",
            "achieved": "Achieved",
            "dropped": "Dropped",
        }[self.value]


class Objective(RegisterRecord):
    ref: str = text("Reference", "A short number, such as OB-003.")
    objective: str = text("Objective", "What will be achieved, in one line.", required=True)
    category: ObjectiveCategory | None = choice(
        "Category (Annex C.2)", "The kind of AI-related objective it is."
    )
    measure: str = long_text(
        "How it is measured", "The figure or evidence that shows progress, and where it comes from."
    )
    target: str = text("Target", "The value to reach, such as “95% within 10 working days”.")
    owner: str = person("Owner", "Who is responsible for reaching it.")
    due: date | None = date_field("Due")
    resources: str = long_text("Resources", "Time, money, people or tools it needs.", lines=2)
    evaluation: str = long_text(
        "How results are evaluated", "Who looks at the results, how often, and where.", lines=2
    )
    status: ObjectiveStatus | None = choice("Status")
    ai_systems: tuple[str, ...] = link("AI systems it concerns", AI_SYSTEM)


OBJECTIVES = RegisterSpec(
    key=OBJECTIVE,
    model=Objective,
    title="Objective",
    plural="AI objectives",
    slug="objectives",
    description=(
        "What your AI management system sets out to achieve: each objective measurable, "
        "owned, dated and resourced, with its progress recorded over time."
    ),
    evidence_for=("6.2", "A.6.1.2", "A.9.3"),
    columns=("ref", "objective", "category", "owner", "due", "status"),
    sort=("ref", False),
    label_fields=("ref", "objective"),
    group="planning",
    ref_prefix="OB",
)


class ObjectiveProgress(ChildRecord):
    recorded_on: date | None = date_field("Date", required=True)
    value: str = text("Result measured", "The figure or finding on that date.", required=True)
    status: ObjectiveStatus | None = choice("Status then")
    note: str = long_text("Note", lines=2)
    recorded_by: str = person("Recorded by")


OBJECTIVE_PROGRESS_ENTRIES = RegisterSpec(
    key=OBJECTIVE_PROGRESS,
    model=ObjectiveProgress,
    title="Progress entry",
    plural="Progress of objectives",
    slug="objective-progress",
    description="What each objective's measure showed, date by date.",
    evidence_for=("6.2", "9.1"),
    columns=("recorded_on", "value", "status", "recorded_by"),
    label_fields=("recorded_on", "value"),
    group="planning",
    parent=OBJECTIVE,
)


class ChangeStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "proposed": "Proposed",
            "approved": "Approved",
            "in_progress": "In progress",
            "done": "Done",
            "cancelled": "Cancelled",
        }[self.value]


class PlannedChange(RegisterRecord):
    ref: str = text("Reference", "A short number, such as CH-004.")
    change: str = text("Change", "What changes in the AI management system.", required=True)
    reason: str = long_text("Why", "What the change is for.", lines=2)
    consequences: str = long_text(
        "Consequences considered",
        "What could go wrong, what else it affects, and how that is handled.",
        lines=3,
    )
    resources: str = long_text("Resources", lines=2)
    owner: str = person("Owner")
    planned_for: date | None = date_field("Planned date")
    status: ChangeStatus | None = choice("Status")
    requirements: tuple[str, ...] = link("Parts of the AIMS it changes", REQUIREMENTS)
    ai_systems: tuple[str, ...] = link("AI systems it affects", AI_SYSTEM)


def _change_rules(record: PlannedChange) -> list[str]:
    decided = (ChangeStatus.APPROVED, ChangeStatus.IN_PROGRESS, ChangeStatus.DONE)
    if record.status in decided and not record.consequences.strip():
        return [
            f"Before “{record.change}” goes ahead, note the consequences considered: "
            "clause 6.3 asks that changes are planned, not just made."
        ]
    return []


PLANNED_CHANGES = RegisterSpec(
    key=PLANNED_CHANGE,
    model=PlannedChange,
    title="Planned change",
    plural="Planned changes",
    slug="planned-changes",
    description=(
        "Changes to the AI management system itself (new processes, roles, tools, scope), "
        "planned with their purpose and consequences before they are made."
    ),
    evidence_for=("6.3",),
    columns=("ref", "change", "owner", "planned_for", "status"),
    sort=("ref", False),
    label_fields=("ref", "change"),
    rules=_change_rules,
    group="planning",
    ref_prefix="CH",
)
