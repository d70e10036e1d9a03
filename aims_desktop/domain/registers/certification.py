"""The certification path and the auditor's visit: certification audits, and review comments.

Certification runs in a three-year cycle: a Stage 1 and a Stage 2 audit lead to the certificate,
two surveillance audits follow in the next two years, and a recertification audit renews it.
Each audit is a record here with the dates the user enters; domain/certification.py reads them
as a cycle and says what is due.

An auditor (or a colleague) who reviews the project writes review comments: comments, questions
and findings about a clause, a control or a record, signed with their name. They are kept in
their own register, apart from the manager's answers, so a review never overwrites what the
manager wrote; the manager answers in the comment's response.
"""

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
from aims_desktop.domain.registers.keys import CERTIFICATION_AUDIT, NONCONFORMITY, REVIEW_COMMENT
from aims_desktop.domain.registers.spec import RegisterSpec


class AuditStage(StrEnum):
    STAGE_1 = "stage_1"
    STAGE_2 = "stage_2"
    SURVEILLANCE_1 = "surveillance_1"
    SURVEILLANCE_2 = "surveillance_2"
    RECERTIFICATION = "recertification"
    SPECIAL = "special"

    @property
    def label(self) -> str:
        return {
            "stage_1": "Stage 1 audit",
            "stage_2": "Stage 2 (certification) audit",
            "surveillance_1": "First surveillance audit",
            "surveillance_2": "Second surveillance audit",
            "recertification": "Recertification audit",
            "special": "Special or follow-up audit",
        }[self.value]


class AuditOutcome(StrEnum):
    PASSED = "passed"
    CONDITIONAL = "conditional"
    NOT_PASSED = "not_passed"

    @property
    def label(self) -> str:
        return {
            "passed": "Passed (certification recommended or kept)",
            "conditional": "Passed once nonconformities are closed",
            "not_passed": "Not passed",
        }[self.value]


class CertificationAudit(RegisterRecord):
    ref: str = text("Reference", "A short number, such as CA-002.")
    title: str = text(
        "Audit",
        "A name for the audit, such as “Stage 2 audit, Leeds and Wakefield”.",
        required=True,
    )
    stage: AuditStage | None = choice("Stage in the cycle")
    planned_on: date | None = date_field(
        "Planned for", "The date agreed with the certification body."
    )
    held_on: date | None = date_field("Held on", "The day the audit ended.")
    body: str = text("Certification body", "Who certifies you (and their accreditation).")
    lead_auditor: str = person("Lead auditor", "The certification body's lead auditor.")
    outcome: AuditOutcome | None = choice("Outcome")
    certificate_number: str = text("Certificate number")
    certificate_expires: date | None = date_field(
        "Certificate expires", "The expiry date printed on the certificate."
    )
    findings: str = long_text(
        "Findings", "What the auditors found, in a few lines; their report has the rest.", lines=3
    )
    nonconformities: tuple[str, ...] = link("Nonconformities raised", NONCONFORMITY)
    notes: str = long_text("Notes", "Anything to remember for the next audit.", lines=2)


def _audit_rules(record: CertificationAudit) -> list[str]:
    if record.outcome is not None and record.held_on is None:
        return [f"Give the date “{record.title}” was held before recording its outcome."]
    return []


CERTIFICATION_AUDITS = RegisterSpec(
    key=CERTIFICATION_AUDIT,
    model=CertificationAudit,
    title="Certification audit",
    plural="Certification audits",
    slug="certification-audits",
    description=(
        "The audits of the certification cycle: Stage 1 and Stage 2, two surveillance audits "
        "and the recertification audit, with their dates, the certification body, the outcome "
        "and the certificate. The dashboard reminds you of the next one."
    ),
    evidence_for=(),
    columns=("ref", "title", "stage", "planned_on", "held_on", "outcome"),
    sort=("planned_on", False),
    label_fields=("ref", "title"),
    rules=_audit_rules,
    group="certification",
    ref_prefix="CA",
)


class CommentKind(StrEnum):
    COMMENT = "comment"
    QUESTION = "question"
    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"
    OPPORTUNITY = "opportunity"

    @property
    def label(self) -> str:
        return {
            "comment": "Comment",
            "question": "Question",
            "major": "Finding: major nonconformity",
            "minor": "Finding: minor nonconformity",
            "observation": "Finding: observation",
            "opportunity": "Finding: opportunity for improvement",
        }[self.value]


class CommentStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "Open", "answered": "Answered", "closed": "Closed"}[self.value]


class ReviewComment(RegisterRecord):
    ref: str = text("Reference", "A short number, such as RC-014.")
    about: str = text("About", "The clause, control or record the comment is about.", required=True)
    target: str = text(
        "Where",
        "Where the comment belongs in the project (filled in by AIMS Desktop).",
        hidden=True,
    )
    kind: CommentKind | None = choice("Kind", default=CommentKind.COMMENT)
    comment: str = long_text("Comment", "What the reviewer noticed, asked or found.", lines=3)
    reviewer: str = person("Reviewer", "Who wrote the comment.", required=True)
    made_on: date | None = date_field("Date", "When the comment was written.")
    status: CommentStatus | None = choice("Status", default=CommentStatus.OPEN)
    response: str = long_text(
        "Response", "The answer to the comment, and what was done about it.", lines=3
    )


REVIEW_COMMENTS = RegisterSpec(
    key=REVIEW_COMMENT,
    model=ReviewComment,
    title="Review comment",
    plural="Review comments",
    slug="review-comments",
    description=(
        "Comments, questions and findings written by an auditor or a colleague reviewing the "
        "project, each signed and tied to a clause, control or record. They are kept apart "
        "from your answers: a review never changes what you wrote."
    ),
    evidence_for=(),
    columns=("ref", "about", "kind", "reviewer", "made_on", "status"),
    sort=("ref", False),
    label_fields=("ref", "about"),
    group="certification",
    ref_prefix="RC",
)
