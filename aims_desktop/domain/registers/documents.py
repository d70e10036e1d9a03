"""Documented information (7.5): the document register and each document's versions.

An auditor's first request after the Statement of Applicability is the list of documents: which
exist, which version is in force, who approved it and when, when it is reviewed next, and which
requirements it serves. A document is kept inside the project (each version's file stored once,
by SHA-256) or elsewhere (a reference to where it lives). A new version never replaces the old
one: every version keeps its own approval, and withdrawn versions stay readable.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from aims_desktop.domain.fields import (
    RECORDS,
    REQUIREMENTS,
    ChildRecord,
    RegisterRecord,
    choice,
    date_field,
    link,
    long_text,
    number,
    person,
    text,
)
from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION
from aims_desktop.domain.registers.spec import RegisterSpec, StoredFile

MAX_FILE_BYTES = 1_000_000_000
"""The largest file a version can hold (SQLite's own limit for one value)."""

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class DocumentKind(StrEnum):
    POLICY = "policy"
    PROCEDURE = "procedure"
    PLAN = "plan"
    RECORD = "record"
    EXTERNAL = "external"

    @property
    def label(self) -> str:
        return {
            "policy": "Policy",
            "procedure": "Procedure or process",
            "plan": "Plan",
            "record": "Record",
            "external": "External document",
        }[self.value]


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {"draft": "Draft", "approved": "Approved", "withdrawn": "Withdrawn"}[self.value]


class VersionStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "draft": "Draft",
            "approved": "Approved (in force)",
            "superseded": "Superseded",
            "withdrawn": "Withdrawn",
        }[self.value]


class Classification(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    RESTRICTED = "restricted"

    @property
    def label(self) -> str:
        return {
            "public": "Public",
            "internal": "Internal",
            "confidential": "Confidential",
            "restricted": "Restricted",
        }[self.value]


class Storage(StrEnum):
    IN_PROJECT = "in_project"
    ELSEWHERE = "elsewhere"

    @property
    def label(self) -> str:
        return {
            "in_project": "In this project (its files are attached)",
            "elsewhere": "Elsewhere (see “Where it is kept”)",
        }[self.value]


class Document(RegisterRecord):
    ref: str = text("Number", "A short number, such as DOC-014.")
    title: str = text("Title", "The document's name, as people know it.", required=True)
    kind: DocumentKind | None = choice("Kind")
    version: str = text(
        "Version in force",
        "The version people should use, such as 1.2. Approving a version sets it.",
    )
    status: DocumentStatus | None = choice(
        "Status", "Draft until someone with the authority approves it; withdrawn when retired."
    )
    owner: str = person("Owner", "Who keeps the document up to date.")
    approver: str = person("Approved by", "Who approved the version in force.")
    approved_on: date | None = date_field("Approved on")
    review_date: date | None = date_field(
        "Next review", "When the owner checks that it is still right; an auditor checks this."
    )
    classification: Classification | None = choice(
        "Classification", "Who may see it: decides how it is shared and stored."
    )
    retention: str = text(
        "Retention period",
        "How long it is kept once replaced or withdrawn, such as “six years”.",
    )
    kept: Storage | None = choice(
        "Where the document lives",
        "Attach its files to this project, or record where it is kept (a shared folder, "
        "a system, a cabinet).",
    )
    location: str = text(
        "Where it is kept", "For a document kept elsewhere: the folder, system or place."
    )
    requirements: tuple[str, ...] = link(
        "Requirements and controls it serves",
        REQUIREMENTS,
        "One document can serve several clauses and controls.",
    )
    records: tuple[str, ...] = link(
        "Records it holds",
        RECORDS,
        "The records to keep (required by the standard or good practice) that this document "
        "is: the mandatory documented information view counts them.",
    )
    description: str = long_text("Purpose and notes", "What it is for and anything worth knowing.")


def _document_rules(record: Document) -> list[str]:
    problems = []
    if record.status is DocumentStatus.APPROVED and not (
        record.approver.strip() and record.approved_on
    ):
        problems.append(
            f"“{record.title}” is marked approved: record who approved it and when, so the "
            "approval can be shown."
        )
    if record.kept is Storage.ELSEWHERE and not record.location.strip():
        problems.append(f"Say where “{record.title}” is kept: an auditor will ask to see it there.")
    return problems


DOCUMENTS = RegisterSpec(
    key=DOCUMENT,
    model=Document,
    title="Document",
    plural="Documents",
    slug="documents",
    description=(
        "The documented information of your AI management system: policies, procedures, "
        "plans, records and external documents, each with its version in force, approval, "
        "next review and the requirements it serves."
    ),
    evidence_for=("7.5.1", "7.5.2", "7.5.3"),
    columns=("ref", "title", "kind", "version", "status", "owner", "review_date"),
    sort=("ref", False),
    label_fields=("ref", "title"),
    rules=_document_rules,
    group="support",
    ref_prefix="DOC",
    hidden_columns=("owner",),
)


class DocumentVersion(ChildRecord):
    version: str = text("Version", "Such as 0.3 or 1.0.", required=True)
    status: VersionStatus | None = choice("Status")
    approver: str = person("Approved by")
    approved_on: date | None = date_field("Approved on")
    changes: str = long_text("What changed", "What is new in this version, and why.", lines=3)
    file_name: str = text("File", "The file kept in the project.", read_only=True)
    sha256: str = text(
        "SHA-256 fingerprint",
        "Identifies the file's exact content: a changed byte gives another fingerprint.",
        read_only=True,
    )
    size: int | None = number("Size (bytes)", maximum=MAX_FILE_BYTES, read_only=True)
    media_type: str = text("File type", read_only=True)


def _version_rules(record: DocumentVersion) -> list[str]:
    problems = []
    if record.sha256 and not _SHA256.match(record.sha256):
        problems.append("The file's fingerprint is not a SHA-256 (64 hexadecimal digits).")
    if record.sha256 and not record.file_name.strip():
        problems.append("A version that holds a file needs the file's name.")
    if record.status is VersionStatus.APPROVED and not (
        record.approver.strip() and record.approved_on
    ):
        problems.append(
            f"Version {record.version} is marked approved: record who approved it and when."
        )
    return problems


DOCUMENT_VERSIONS = RegisterSpec(
    key=DOCUMENT_VERSION,
    model=DocumentVersion,
    title="Document version",
    plural="Document versions",
    slug="document-versions",
    description=(
        "Every version of every document, with its own approval and file: a new version "
        "keeps the old ones, and withdrawn versions stay readable."
    ),
    evidence_for=("7.5.3",),
    columns=("version", "status", "approver", "approved_on", "file_name"),
    sort=("", False),
    label_fields=("version",),
    rules=_version_rules,
    group="support",
    parent=DOCUMENT,
    stored_file=StoredFile(),
    extra={"sample": {"file_name": "", "sha256": "", "size": None, "media_type": ""}},
)
