"""Attaching evidence files to requirements, and getting them back out."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.evidence import DEFAULT_EVIDENCE_LIMIT
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.errors import EvidenceTooLarge, FileUnreadable, ProjectFileError
from aims_desktop.store.projectfile import sha256_of
from aims_desktop.store.validation import readable_size


def attach_evidence(
    session: ProjectSession,
    item_id: str | None,
    source: Path | str,
    *,
    title: str | None = None,
    note: str = "",
    limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> ChangeSet:
    """Copy a file into the project (stored once however often attached) and link it."""
    if item_id is not None:
        session.catalog.item(item_id)
    path = Path(source)
    size = readable_size(path)
    if size > limit:
        raise EvidenceTooLarge(path, size, limit)
    try:
        sha256 = sha256_of(path)  # the store checks again while copying, in case it changes
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        change = session.db.add_evidence(
            path,
            sha256=sha256,
            size=size,
            item_id=item_id,
            title=(title or path.stem).strip() or path.name,
            media_type=media_type,
            note=note,
            who=session.user,
        )
    except ProjectFileError:
        raise
    except OSError as exc:
        raise FileUnreadable(path, exc.strerror or str(exc)) from None
    where = f" to {item_id}" if item_id else ""
    return ChangeSet(f"Attach “{path.name}”{where}", (change,))


def remove_evidence(session: ProjectSession, evidence_id: str) -> ChangeSet:
    change = session.db.remove_evidence(evidence_id, session.user)
    if change is None:
        return ChangeSet("Remove evidence")
    return ChangeSet(f"Remove “{change.old.file_name}”", (change,))


def export_evidence(session: ProjectSession, evidence_id: str, target: Path | str) -> Path:
    """Write an attached file back out, e.g. to open it or hand it to an auditor."""
    record = session.db.evidence_record(evidence_id)
    if record is None:
        raise KeyError(evidence_id)
    target = Path(target)
    with target.open("wb") as handle:
        session.db.export_evidence(record.sha256, handle)
    return target
