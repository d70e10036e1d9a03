"""Create, open, save, close and recover projects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aims_desktop import __version__
from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.eye import Finding, findings
from aims_desktop.domain.history import HistoryCheck
from aims_desktop.domain.readiness import ReadinessReport, compute_readiness
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION
from aims_desktop.services.fingerprint import content_fingerprint_of
from aims_desktop.services.session import ProjectSession, default_user
from aims_desktop.store import projectfile
from aims_desktop.store.errors import Damaged
from aims_desktop.store.projectfile import ReadOnlySnapshot, RecoverableWork
from aims_desktop.store.repository import Clock, utc_now

PROJECT_SUFFIX = ".aims"


def new_project(
    org_name: str,
    *,
    user: str | None = None,
    clock: Clock = utc_now,
    catalog: Catalog | None = None,
    **profile: Any,
) -> ProjectSession:
    """A new project in a working copy; nothing is written to the user's folders until saved."""
    catalog = catalog or load_catalog()
    who = user or default_user()
    name = org_name.strip()
    if not name:
        raise RuleViolation("The organisation needs a name.")
    project = projectfile.create_project(
        org_name=name,
        who=who,
        catalog_version=catalog.version,
        app_version=__version__,
        clock=clock,
    )
    session = ProjectSession(project, user=who, catalog=catalog, clock=clock)
    systems = profile.pop("ai_systems", "")
    from aims_desktop.services.organisation import update_organisation
    from aims_desktop.services.registers import add_ai_systems_from_lines

    try:
        if profile:
            update_organisation(session, **profile)
        if systems:
            add_ai_systems_from_lines(session, systems)
    except BaseException:
        project.close()
        raise
    return session


def open_project(
    path: Path | str, *, user: str | None = None, clock: Clock = utc_now
) -> ProjectSession:
    """Open a project file for editing; every problem with the file is a ProjectFileError."""
    project = projectfile.open_project(Path(path), who=user or default_user(), clock=clock)
    session = ProjectSession(project, user=user or default_user(), clock=clock)
    try:
        _read_everything_once(session)
    except BaseException:
        project.close()
        raise
    return session


def _read_everything_once(session: ProjectSession) -> None:
    """Read what the first screens show, so a file the validation let through but that cannot
    be read is reported now, as damaged, not as an error in the middle of the work."""
    try:
        session.readiness()
        session.action_plan()
        session.db.registers.records(REGISTERS[DOCUMENT_VERSION])
        session.organisation()
    except (ValueError, KeyError, TypeError) as exc:
        raise Damaged(session.path or "", f"part of it cannot be read: {exc}") from None


def save_project(
    session: ProjectSession, target: Path | str | None = None, *, force: bool = False
) -> Path:
    """Save to `target`, or where the project came from. Raises FileChangedOnDisk if someone
    else changed that file since it was opened, unless `force`."""
    path = Path(target) if target is not None else None
    if path is not None and path.suffix.lower() != PROJECT_SUFFIX:
        path = path.with_name(path.name + PROJECT_SUFFIX)
    return projectfile.save_project(session.project, path, app_version=__version__, force=force)


def close_project(session: ProjectSession) -> None:
    """Close without saving: the caller has asked the user, or there is nothing unsaved."""
    session.project.close()


def recoverable_work() -> list[RecoverableWork]:
    return projectfile.find_recoverable()


def recover_work(work: RecoverableWork, *, user: str | None = None) -> ProjectSession:
    project = projectfile.recover(work, who=user or default_user())
    return ProjectSession(project, user=user or default_user())


def discard_work(work: RecoverableWork) -> None:
    projectfile.discard(work)


@dataclass(frozen=True)
class FileSummary:
    """What `aims-desktop check` reports about a file."""

    path: Path
    file_format: int
    revision: int
    organisation: str
    saved_at: str | None
    saved_by_version: str
    readiness: ReadinessReport
    documents: int
    stored_files: int
    """Files kept inside the project (each stored once, however many versions name it)."""
    change_log_entries: int
    fingerprint: str
    findings: tuple[Finding, ...] = ()
    """What the auditor's eye finds in the file (domain/eye)."""
    history: HistoryCheck | None = None
    """What checking the history's hash chain found (store/chain.py)."""


def inspect_file(path: Path | str, catalog: Catalog | None = None) -> FileSummary:
    """Validate a file and summarise it, without opening it for editing or writing to it."""
    catalog = catalog or load_catalog()
    snapshot = ReadOnlySnapshot(Path(path))
    with snapshot as db:
        record = db.project()
        assessments = db.assessments()
        from aims_desktop.services.eye import snapshot_of

        eye = snapshot_of(db, catalog, datetime.now(UTC), record.revision)
        return FileSummary(
            path=snapshot.path,
            file_format=snapshot.revision,
            revision=record.revision,
            organisation=db.organisation().name,
            saved_at=record.saved_at,
            saved_by_version=record.saved_by_version,
            readiness=compute_readiness(catalog, assessments),
            documents=db.registers.count(REGISTERS[DOCUMENT]),
            stored_files=len(db.stored_files()),
            change_log_entries=db.change_log_count(),
            fingerprint=content_fingerprint_of(
                db, file_format=snapshot.revision, legacy=snapshot.legacy
            ),
            findings=tuple(findings(eye)),
            history=db.verify_history(),
        )


def register_counts(path: Path | str) -> list[tuple[str, str, int]]:
    """(command-line name, title, record count) of every register of a file, read-only."""
    with ReadOnlySnapshot(Path(path)) as db:
        return [(spec.slug, spec.plural, db.registers.count(spec)) for spec in REGISTERS.values()]
