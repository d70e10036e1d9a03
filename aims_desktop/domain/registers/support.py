"""Support (7.2, 7.3, 7.4): competence, roles, people and their training, awareness sessions and
the communication plan.

Competence is kept as an auditor checks it: each role names the competences it needs; each
person holds roles; each training, qualification or piece of experience a person has gives
competences, with its evidence. The competence matrix (domain/competence.py) puts them side by
side: who lacks what, and which training is due.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    ChildRecord,
    RegisterRecord,
    choice,
    choices,
    date_field,
    link,
    long_text,
    person,
    text,
)
from aims_desktop.domain.registers.keys import (
    AWARENESS_SESSION,
    COMMUNICATION,
    COMPETENCE,
    DOCUMENT,
    PERSON,
    ROLE,
    TRAINING,
)
from aims_desktop.domain.registers.spec import RegisterSpec


class Competence(RegisterRecord):
    ref: str = text("Reference", "A short number, such as CO-005.")
    name: str = text("Competence", "A skill or piece of knowledge, in a few words.", required=True)
    description: str = long_text("What it means in practice", lines=2)
    shown_by: str = long_text(
        "How it is shown",
        "What counts as evidence: a course certificate, a qualification, supervised practice.",
        lines=2,
    )


COMPETENCES = RegisterSpec(
    key=COMPETENCE,
    model=Competence,
    title="Competence",
    plural="Competences",
    slug="competences",
    description=(
        "The skills and knowledge that AI-related work needs in your organisation, and what "
        "counts as evidence that someone has them."
    ),
    evidence_for=("7.2", "A.4.6"),
    columns=("ref", "name", "shown_by"),
    sort=("ref", False),
    label_fields=("name",),
    group="support",
    ref_prefix="CO",
)


class Role(RegisterRecord):
    ref: str = text("Reference", "A short number, such as RO-002.")
    name: str = text("Role", "Such as “AIMS lead” or “Owner of an AI system”.", required=True)
    responsibilities: str = long_text(
        "Responsibilities and authorities", "What the role does and may decide.", lines=3
    )
    competences: tuple[str, ...] = link(
        "Competence needed", COMPETENCE, "What anyone in the role must be able to do or know."
    )


ROLES = RegisterSpec(
    key=ROLE,
    model=Role,
    title="Role",
    plural="Roles",
    slug="roles",
    description=(
        "The roles of the AI management system, what each is responsible for, and the "
        "competence each needs."
    ),
    evidence_for=("5.3", "7.2", "A.3.2"),
    columns=("ref", "name", "competences"),
    sort=("ref", False),
    label_fields=("name",),
    group="support",
    ref_prefix="RO",
)


class Person(RegisterRecord):
    name: str = text("Name", required=True)
    job_title: str = text("Job title or team")
    roles: tuple[str, ...] = link("Roles held", ROLE)
    note: str = long_text("Note", lines=2)


PEOPLE = RegisterSpec(
    key=PERSON,
    model=Person,
    title="Person",
    plural="People and training",
    slug="people",
    description=(
        "The people who do AI-related work, the roles they hold, and their training, "
        "qualifications and experience with the evidence of each."
    ),
    evidence_for=("7.2", "A.4.6"),
    columns=("name", "job_title", "roles"),
    sort=("name", False),
    label_fields=("name",),
    group="support",
)


class TrainingKind(StrEnum):
    COURSE = "course"
    QUALIFICATION = "qualification"
    EXPERIENCE = "experience"
    ON_THE_JOB = "on_the_job"

    @property
    def label(self) -> str:
        return {
            "course": "Course or training",
            "qualification": "Qualification",
            "experience": "Experience",
            "on_the_job": "Supervised practice",
        }[self.value]


class TrainingStatus(StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "completed": "Completed"}[self.value]


class Training(ChildRecord):
    title: str = text(
        "Training, qualification or experience", "What it was, in a few words.", required=True
    )
    kind: TrainingKind | None = choice("Kind")
    status: TrainingStatus | None = choice("Status", default=TrainingStatus.COMPLETED)
    completed_on: date | None = date_field("Completed on")
    due_on: date | None = date_field("Planned for", "For planned training: when it is due.")
    valid_until: date | None = date_field(
        "Renew by", "When it has to be refreshed, if it does (a certificate's expiry)."
    )
    competences: tuple[str, ...] = link("Competence it gives", COMPETENCE)
    evidence: tuple[str, ...] = link(
        "Evidence", DOCUMENT, "The certificate, attendance list or appraisal in the documents."
    )
    provider: str = text("Given by")


def _training_rules(record: Training) -> list[str]:
    if record.status is TrainingStatus.COMPLETED and record.completed_on is None:
        return [f"Say when “{record.title}” was completed (or mark it as planned)."]
    if record.status is TrainingStatus.PLANNED and record.due_on is None:
        return [f"Say when the planned “{record.title}” is due."]
    return []


TRAININGS = RegisterSpec(
    key=TRAINING,
    model=Training,
    title="Training record",
    plural="Training records",
    slug="training",
    description="Each person's training, qualifications and experience, with its evidence.",
    evidence_for=("7.2",),
    columns=("title", "status", "completed_on", "due_on", "valid_until"),
    label_fields=("title",),
    rules=_training_rules,
    group="support",
    parent=PERSON,
    extra={"today": ("completed_on",)},  # a new record is completed today unless changed
)


class AwarenessTopic(StrEnum):
    POLICY = "policy"
    CONTRIBUTION = "contribution"
    CONSEQUENCES = "consequences"
    SYSTEMS = "systems"

    @property
    def label(self) -> str:
        return {
            "policy": "The AI policy",
            "contribution": "How their work contributes to the AIMS and its benefits",
            "consequences": "What happens when the AIMS is not followed",
            "systems": "The AI systems they use or affect, and their limits",
        }[self.value]


class AwarenessSession(RegisterRecord):
    ref: str = text("Reference", "A short number, such as AW-003.")
    title: str = text("Session", "A briefing, a workshop, an e-learning module.", required=True)
    held_on: date | None = date_field("Held on")
    topics: frozenset[AwarenessTopic] = choices("Topics covered")
    content: str = long_text("Content and material", lines=3)
    presenter: str = person("Presented by")
    attendees: tuple[str, ...] = link("Who attended", PERSON)
    materials: tuple[str, ...] = link("Slides, notes and attendance list", DOCUMENT)


AWARENESS_SESSIONS = RegisterSpec(
    key=AWARENESS_SESSION,
    model=AwarenessSession,
    title="Awareness session",
    plural="Awareness sessions",
    slug="awareness",
    description=(
        "Briefings and training that make people aware of the AI policy, their part in the "
        "AI management system, and what happens when it is not followed."
    ),
    evidence_for=("7.3",),
    columns=("ref", "title", "held_on", "topics", "presenter"),
    sort=("held_on", True),
    label_fields=("ref", "title"),
    group="support",
    ref_prefix="AW",
)


class Audience(StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"

    @property
    def label(self) -> str:
        return {"internal": "Internal", "external": "External"}[self.value]


class Communication(RegisterRecord):
    ref: str = text("Reference", "A short number, such as CM-006.")
    subject: str = text("What", "What is communicated.", required=True)
    audience: str = text("With whom", "Staff, customers, a regulator, suppliers…")
    direction: Audience | None = choice("Internal or external")
    timing: str = text("When", "Such as “yearly”, “when the policy changes”, “at go-live”.")
    channel: str = text("How", "Email, intranet, website, meeting, contract…")
    communicator: str = person("Who communicates")
    last_done: date | None = date_field("Last done")
    next_due: date | None = date_field("Next due")
    note: str = long_text("Note", lines=2)


COMMUNICATIONS = RegisterSpec(
    key=COMMUNICATION,
    model=Communication,
    title="Communication",
    plural="Communication plan",
    slug="communication",
    description=(
        "What you communicate about your AI management system, inside and outside: when, "
        "with whom, how, and who does it."
    ),
    evidence_for=("7.4", "A.8.3", "A.8.5"),
    columns=("ref", "subject", "audience", "direction", "timing", "communicator", "next_due"),
    sort=("ref", False),
    label_fields=("ref", "subject"),
    group="support",
    ref_prefix="CM",
    hidden_columns=("direction",),
)
