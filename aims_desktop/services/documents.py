"""The document register's own operations: files as document versions, approval, withdrawal,
and getting a version's file back out safely.

A version's file is stored once in the project, by SHA-256, streamed and hashed in one pass
(store.repository.ProjectDatabase.store_file). A new version never replaces an old one: every
version keeps its own approval, and approving one marks the version it replaces as superseded.

A project may come from a stranger, so the names and bytes of its files are untrusted: a stored
name reaches the file system only as a safe base name, only allow-listed document types whose
bytes match their type are handed to the system's default application, and those copies are
written to a private folder of the session that is emptied when the project closes.
"""

from __future__ import annotations

import io
import mimetypes
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.evidence import DEFAULT_EVIDENCE_LIMIT, HEAD_BYTES, opens_directly
from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.file_names import safe_base_name
from aims_desktop.domain.registers.documents import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    Storage,
    VersionStatus,
)
from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION
from aims_desktop.domain.text_limits import check_text_length
from aims_desktop.services import registers
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.errors import EvidenceTooLarge, FileUnreadable, ProjectFileError
from aims_desktop.store.projectfile import open_regular


@dataclass(frozen=True)
class StoredCopy:
    """A file just stored in the project: what a version records about it."""

    file_name: str
    sha256: str
    size: int
    media_type: str


def _store(
    session: ProjectSession, handle: BinaryIO, name: str, size: int, limit: int, path: Path
) -> StoredCopy:
    if size > limit:
        raise EvidenceTooLarge(path, size, limit)
    sha256 = session.db.store_file(handle, size=size, name=name, who=session.user)
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return StoredCopy(file_name=name, sha256=sha256, size=size, media_type=media_type)


def store_path(
    session: ProjectSession, source: Path | str, *, limit: int = DEFAULT_EVIDENCE_LIMIT
) -> StoredCopy:
    """Copy a file the user chose into the project (stored once however often attached).

    Only an ordinary file is accepted: a folder, a device or a pipe is refused at once."""
    path = Path(source)
    handle = open_regular(path)
    try:
        size = os.fstat(handle.fileno()).st_size
        return _store(session, handle, path.name, size, limit, path)
    except ProjectFileError:
        raise
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or str(exc)) from None
    finally:
        handle.close()


def store_bytes(session: ProjectSession, data: bytes, file_name: str) -> StoredCopy:
    """Store bytes the application made (a drafted document exported to DOCX)."""
    return _store(
        session, io.BytesIO(data), file_name, len(data), DEFAULT_EVIDENCE_LIMIT, Path(file_name)
    )


# -- reading -----------------------------------------------------------------------------


def document(session: ProjectSession, document_id: str) -> Document:
    found = registers.record(session, DOCUMENT, document_id)
    assert isinstance(found, Document)
    return found


def version(session: ProjectSession, version_id: str) -> DocumentVersion:
    found = registers.record(session, DOCUMENT_VERSION, version_id)
    assert isinstance(found, DocumentVersion)
    return found


def versions(session: ProjectSession, document_id: str) -> list[DocumentVersion]:
    """Every version of a document, oldest first."""
    found = registers.records(session, DOCUMENT_VERSION, parent_id=document_id)
    return [v for v in found if isinstance(v, DocumentVersion)]


def current_version(
    found: Sequence[DocumentVersion],
) -> DocumentVersion | None:
    """The version in force: the approved one, else the newest."""
    approved = [v for v in found if v.status is VersionStatus.APPROVED]
    if approved:
        return approved[-1]
    return found[-1] if found else None


def next_version_number(found: Sequence[DocumentVersion]) -> str:
    """ "1.0" after nothing, "2" after "1", "0.4" after "0.3", "1.3" after "1.2"."""
    if not found:
        return "1.0"
    last = found[-1].version.strip()
    head, dot, tail = last.rpartition(".")
    if tail.isdigit():
        return f"{head}{dot}{int(tail) + 1}"
    return f"{last} (next)"


# -- adding ------------------------------------------------------------------------------


def _version_values(copy: StoredCopy, number: str, changes: str) -> dict[str, Any]:
    return {
        "version": number,
        "status": VersionStatus.DRAFT,
        "changes": changes,
        "file_name": copy.file_name,
        "sha256": copy.sha256,
        "size": copy.size,
        "media_type": copy.media_type,
    }


def add_document_with_file(
    session: ProjectSession,
    copy: StoredCopy,
    *,
    title: str,
    requirements: Sequence[str] = (),
    records: Sequence[str] = (),
    kind: DocumentKind | None = None,
    description: str = "",
    number: str = "1.0",
    changes: str = "",
    owner: str = "",
) -> ChangeSet:
    """A new document (a draft, kept in the project) whose first version holds a stored file:
    one undo step. The new document's id is `changes[0].entity_id`."""
    check_text_length("the document's notes", description)
    doc = registers.prepare(
        session,
        DOCUMENT,
        {
            "title": title.strip()[:500] or copy.file_name[:500],
            "kind": kind,
            "version": number,
            "status": DocumentStatus.DRAFT,
            "kept": Storage.IN_PROJECT,
            "requirements": tuple(requirements),
            "records": tuple(records),
            "description": description,
            "owner": owner,
        },
    )
    first = registers.prepare(
        session, DOCUMENT_VERSION, _version_values(copy, number, changes), parent_id=doc.id
    )
    label = registers.REGISTERS[DOCUMENT].label(doc)
    return registers.add_many(
        session,
        [(DOCUMENT, doc), (DOCUMENT_VERSION, first)],
        f"Add document “{label}” with “{copy.file_name}”",
    )


def add_version(
    session: ProjectSession,
    document_id: str,
    copy: StoredCopy,
    *,
    number: str | None = None,
    changes: str = "",
) -> ChangeSet:
    """A new draft version of a document holding a stored file. Earlier versions stay as they
    are, approval included; until the new one is approved the approved one stays in force. A
    document with no approved version shows the new draft as its version."""
    doc = document(session, document_id)
    found = versions(session, document_id)
    number = (number or "").strip() or next_version_number(found)
    if any(v.version.strip() == number for v in found):
        raise RuleViolation(
            f"“{doc.title}” already has a version {number}: give the new one another number."
        )
    new = registers.prepare(
        session, DOCUMENT_VERSION, _version_values(copy, number, changes), parent_id=document_id
    )
    edits: list[tuple[str, str, dict[str, Any]]] = []
    has_approved = any(v.status is VersionStatus.APPROVED for v in found)
    values: dict[str, Any] = {}
    if not has_approved:
        values.update(version=number, status=DocumentStatus.DRAFT)
    if doc.kept is None:
        values["kept"] = Storage.IN_PROJECT
    if values:
        edits.append((DOCUMENT, document_id, values))
    label = registers.REGISTERS[DOCUMENT].label(doc)
    return registers.add_many(
        session,
        [(DOCUMENT_VERSION, new)],
        f"Add version {number} of “{label}”",
        edits,
    )


def add_version_from_file(
    session: ProjectSession,
    document_id: str,
    source: Path | str,
    *,
    number: str | None = None,
    changes: str = "",
    limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> ChangeSet:
    document(session, document_id)  # it must exist before the file is copied in
    copy = store_path(session, source, limit=limit)
    return add_version(session, document_id, copy, number=number, changes=changes)


def add_document_from_file(
    session: ProjectSession,
    source: Path | str,
    *,
    title: str | None = None,
    requirements: Sequence[str] = (),
    description: str = "",
    limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> ChangeSet:
    path = Path(source)
    chosen = (title or path.stem).strip() or path.name
    check_text_length("the document's title", chosen)
    check_text_length("the document's notes", description)
    for item_id in requirements:
        session.catalog.item(item_id)
    copy = store_path(session, path, limit=limit)
    return add_document_with_file(
        session, copy, title=chosen, requirements=requirements, description=description
    )


# -- approval and withdrawal -------------------------------------------------------------


def approve_version(
    session: ProjectSession, version_id: str, approver: str, approved_on: date
) -> ChangeSet:
    """Approve one version: it comes into force, the version it replaces is kept as
    superseded (with its own approval), and the document shows the new version and approval.
    One undo step."""
    if not approver.strip():
        raise RuleViolation("Say who approved the version.")
    chosen = version(session, version_id)
    doc = document(session, chosen.parent_id)
    edits: list[tuple[str, str, dict[str, Any]]] = []
    for other in versions(session, doc.id):
        if other.id != version_id and other.status is VersionStatus.APPROVED:
            edits.append((DOCUMENT_VERSION, other.id, {"status": VersionStatus.SUPERSEDED}))
    edits.append(
        (
            DOCUMENT_VERSION,
            version_id,
            {"status": VersionStatus.APPROVED, "approver": approver, "approved_on": approved_on},
        )
    )
    edits.append(
        (
            DOCUMENT,
            doc.id,
            {
                "version": chosen.version,
                "status": DocumentStatus.APPROVED,
                "approver": approver,
                "approved_on": approved_on,
            },
        )
    )
    label = registers.REGISTERS[DOCUMENT].label(doc)
    return registers.edit_many(session, edits, f"Approve version {chosen.version} of “{label}”")


def withdraw_version(session: ProjectSession, version_id: str) -> ChangeSet:
    """Withdraw one version: it stays in the project, readable, marked withdrawn. Withdrawing
    the version in force withdraws the document (until another version is approved)."""
    chosen = version(session, version_id)
    doc = document(session, chosen.parent_id)
    edits: list[tuple[str, str, dict[str, Any]]] = [
        (DOCUMENT_VERSION, version_id, {"status": VersionStatus.WITHDRAWN})
    ]
    if chosen.status is VersionStatus.APPROVED:
        edits.append((DOCUMENT, doc.id, {"status": DocumentStatus.WITHDRAWN}))
    label = registers.REGISTERS[DOCUMENT].label(doc)
    return registers.edit_many(session, edits, f"Withdraw version {chosen.version} of “{label}”")


def withdraw_document(session: ProjectSession, document_id: str) -> ChangeSet:
    """Withdraw a document and every version not already withdrawn; all stay readable."""
    doc = document(session, document_id)
    edits: list[tuple[str, str, dict[str, Any]]] = [
        (DOCUMENT_VERSION, v.id, {"status": VersionStatus.WITHDRAWN})
        for v in versions(session, document_id)
        if v.status is not VersionStatus.WITHDRAWN
    ]
    edits.append((DOCUMENT, document_id, {"status": DocumentStatus.WITHDRAWN}))
    label = registers.REGISTERS[DOCUMENT].label(doc)
    return registers.edit_many(session, edits, f"Withdraw “{label}”")


# -- getting a file back out -------------------------------------------------------------


def _with_file(session: ProjectSession, version_id: str) -> DocumentVersion:
    found = version(session, version_id)
    if not found.sha256:
        raise RuleViolation(
            f"Version {found.version} has no file in this project (the document may be kept "
            "elsewhere)."
        )
    return found


def copy_name(found: RegisterRecord) -> str:
    """The name a copy of a version's file gets on disk: the stored name reduced to a safe
    base name ("../../x.txt" -> "x.txt"), whoever wrote the project file."""
    return safe_base_name(str(getattr(found, "file_name", "")))


def export_version(session: ProjectSession, version_id: str, target: Path | str) -> Path:
    """Write a version's file back out to a place the user chose ("Save a copy…")."""
    found = _with_file(session, version_id)
    target = Path(target)
    with target.open("wb") as handle:
        session.db.export_file(found.sha256, handle)
    return target


def file_bytes(session: ProjectSession, version_id: str) -> bytes:
    """A version's file in memory (small files only: a drafted DOCX read back)."""
    found = _with_file(session, version_id)
    buffer = io.BytesIO()
    session.db.export_file(found.sha256, buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class OpenCheck:
    """Whether a version's file may be opened directly, and its safe name for messages."""

    name: str
    allowed: bool


def can_open(session: ProjectSession, version_id: str) -> OpenCheck:
    """May this file be handed to the system's default application? Only allow-listed types
    (PDF, pictures, office documents, plain text) whose first bytes match the type."""
    found = _with_file(session, version_id)
    name = copy_name(found)
    head = session.db.file_head(found.sha256, HEAD_BYTES)
    return OpenCheck(name=name, allowed=opens_directly(name, head))


def copy_for_opening(session: ProjectSession, version_id: str) -> Path:
    """Write the file to the session's private folder, read-only, for the system's default
    application to open. The folder is emptied when the project closes. Refuses a type that is
    not on the allow-list: that one can only be saved as a copy."""
    check = can_open(session, version_id)
    if not check.allowed:
        raise RuleViolation(
            f"“{check.name}” is not a type AIMS Desktop opens directly (only PDF, pictures, "
            "office documents and plain text). Save a copy and check it before you open it."
        )
    found = _with_file(session, version_id)
    target = session.project.session.new_opened_folder() / check.name
    with target.open("xb") as handle:
        session.db.export_file(found.sha256, handle)
    _mark_from_elsewhere(target)
    os.chmod(target, stat.S_IREAD)  # a copy to read: changes to it would be lost at close
    return target


def _mark_from_elsewhere(path: Path) -> None:
    """On Windows, mark the copy as coming from another computer (the "Mark of the Web"), so
    Office opens it in Protected View as it would an email attachment."""
    if os.name != "nt":
        return
    try:
        with open(f"{path}:Zone.Identifier", "w", encoding="ascii") as stream:
            stream.write("[ZoneTransfer]\r\nZoneId=3\r\n")
    except OSError:
        pass
