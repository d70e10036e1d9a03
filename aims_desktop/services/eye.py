"""The auditor's eye for the application: the consistency findings of the open project or of a
file, computed from one snapshot (see domain/eye)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.eye import Finding, findings
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.services.session import ProjectSession
from aims_desktop.services.snapshots import gather
from aims_desktop.store.projectfile import ReadOnlySnapshot
from aims_desktop.store.repository import ProjectDatabase

__all__ = ["Finding", "file_findings", "project_findings", "snapshot_of"]


def snapshot_of(
    db: ProjectDatabase, catalog: Catalog, now: datetime, revision: int
) -> ProjectSnapshot:
    return gather(
        db,
        catalog,
        now=now,
        revision=revision,
        fingerprint="",
        prepared_by="",
        confidentiality="",
        file_name="",
    )


def project_findings(session: ProjectSession) -> list[Finding]:
    """The findings of the open project, as the dashboard lists them."""
    snap = snapshot_of(session.db, session.catalog, session.now(), session.revision)
    return findings(snap)


def file_findings(path: Path | str, catalog: Catalog | None = None) -> list[Finding]:
    """The findings of a project file, read without opening it for editing (`check`)."""
    reader = ReadOnlySnapshot(Path(path))
    with reader as db:
        snap = snapshot_of(db, catalog or load_catalog(), datetime.now(UTC), db.project().revision)
    return findings(snap)
