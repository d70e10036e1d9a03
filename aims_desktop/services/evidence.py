"""Attaching evidence files to requirements, and getting them back out.

A project may come from a stranger, so the names and bytes of its evidence are untrusted: a
stored name reaches the file system only as a safe base name, only allow-listed document types
whose bytes match their type are handed to the system's default application, and those copies
are written to a private folder of the session that is emptied when the project closes.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.evidence import (
    DEFAULT_EVIDENCE_LIMIT,
    HEAD_BYTES,
    EvidenceRecord,
    opens_directly,
)
from aims_desktop.domain.file_names import safe_base_name
from aims_desktop.domain.text_limits import check_text_length
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.errors import EvidenceTooLarge, FileUnreadable, ProjectFileError
from aims_desktop.store.projectfile import open_regular, sha256_of_handle


def attach_evidence(
    session: ProjectSession,
    item_id: str | None,
    source: Path | str,
    *,
    title: str | None = None,
    note: str = "",
    limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> ChangeSet:
    """Copy a file into the project (stored once however often attached) and link it.

    Only an ordinary file is accepted: a folder, a device or a pipe is refused at once."""
    if item_id is not None:
        session.catalog.item(item_id)
    path = Path(source)
    chosen_title = (title or path.stem).strip() or path.name
    check_text_length("the evidence title", chosen_title)
    check_text_length("the evidence note", note)
    handle = open_regular(path)
    try:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise EvidenceTooLarge(path, size, limit)
        sha256, read = sha256_of_handle(handle)  # the store checks again while copying
        if read != size:
            raise OSError("the file changed while it was being read")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        change = session.db.add_evidence(
            handle,
            file_name=path.name,
            sha256=sha256,
            size=size,
            item_id=item_id,
            title=chosen_title,
            media_type=media_type,
            note=note,
            who=session.user,
        )
    except ProjectFileError:
        raise
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or str(exc)) from None
    finally:
        handle.close()
    where = f" to {item_id}" if item_id else ""
    return ChangeSet(f"Attach “{path.name}”{where}", (change,))


def remove_evidence(session: ProjectSession, evidence_id: str) -> ChangeSet:
    change = session.db.remove_evidence(evidence_id, session.user)
    if change is None:
        return ChangeSet("Remove evidence")
    return ChangeSet(f"Remove “{change.old.file_name}”", (change,))


def export_evidence(session: ProjectSession, evidence_id: str, target: Path | str) -> Path:
    """Write an attached file back out to a place the user chose ("Save a copy…")."""
    record = _record(session, evidence_id)
    target = Path(target)
    with target.open("wb") as handle:
        session.db.export_evidence(record.sha256, handle)
    return target


def copy_name(record: EvidenceRecord) -> str:
    """The name a copy of this evidence gets on disk: the stored name reduced to a safe base
    name ("../../x.txt" -> "x.txt"), whoever wrote the project file."""
    return safe_base_name(record.file_name)


def _record(session: ProjectSession, evidence_id: str) -> EvidenceRecord:
    record = session.db.evidence_record(evidence_id)
    if record is None:
        raise KeyError(evidence_id)
    return record


@dataclass(frozen=True)
class OpenCheck:
    """Whether an evidence file may be opened directly, and its safe name for messages."""

    name: str
    allowed: bool


def can_open(session: ProjectSession, evidence_id: str) -> OpenCheck:
    """May this evidence be handed to the system's default application? Only allow-listed
    types (PDF, pictures, office documents, plain text) whose first bytes match the type."""
    record = _record(session, evidence_id)
    name = copy_name(record)
    return OpenCheck(
        name=name, allowed=opens_directly(name, session.db.evidence_head(record.sha256, HEAD_BYTES))
    )


def copy_for_opening(session: ProjectSession, evidence_id: str) -> Path:
    """Write the evidence to the session's private folder, read-only, for the system's default
    application to open. The folder is emptied when the project closes. Refuses a type that is
    not on the allow-list: that one can only be saved as a copy."""
    check = can_open(session, evidence_id)
    if not check.allowed:
        raise RuleViolation(
            f"“{check.name}” is not a type AIMS Desktop opens directly (only PDF, pictures, "
            "office documents and plain text). Save a copy and check it before you open it."
        )
    record = _record(session, evidence_id)
    target = session.project.session.new_opened_folder() / check.name
    with target.open("xb") as handle:
        session.db.export_evidence(record.sha256, handle)
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
