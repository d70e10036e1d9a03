"""Reports as the GUI and the CLI ask for them: gather a snapshot, then build a PDF.

The split matters for responsiveness: `snapshot()` reads the database on the calling (GUI)
thread in a few milliseconds; `build_report()` then runs on a worker thread, touching neither the
database nor Qt, while the user keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.build import build_pdf
from aims_desktop.reports.errors import ReportCancelled, ReportNotWritten
from aims_desktop.reports.text import safe_file_name
from aims_desktop.services.fingerprint import content_fingerprint, content_fingerprint_of
from aims_desktop.services.session import ProjectSession, default_user
from aims_desktop.services.snapshots import gather
from aims_desktop.store.projectfile import ReadOnlySnapshot

__all__ = [
    "REPORT_KINDS",
    "ReportCancelled",
    "ReportKind",
    "ReportNotWritten",
    "build_report",
    "default_report_name",
    "snapshot",
    "write_report",
]

DEFAULT_CONFIDENTIALITY = "Confidential"

DETERMINISTIC_TIME = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
"""The report date of a deterministic CLI report of a file that was never saved."""


@dataclass(frozen=True)
class ReportKind:
    title: str
    description: str
    file_label: str
    """How the report is named in a default file name."""


REPORT_KINDS: dict[str, ReportKind] = {
    "gap": ReportKind(
        title="Gap analysis and readiness",
        description=(
            "Readiness per clause, the biggest gaps, every requirement with its answers, "
            "the action plan and what is not yet assessed."
        ),
        file_label="Gap analysis",
    ),
    "soa": ReportKind(
        title="Statement of Applicability",
        description=(
            "All 38 Annex A controls and your own: applicable, excluded or not decided and why, "
            "the risks each treats, its evidence and implementation, with the approval."
        ),
        file_label="Statement of Applicability",
    ),
    "registers": ReportKind(
        title="Registers",
        description="Every register of the AI management system, each as an overview table.",
        file_label="Registers",
    ),
    **{
        spec.slug: ReportKind(
            title=spec.plural,
            description=spec.description,
            file_label=spec.plural,
        )
        for spec in REGISTERS.values()
        if spec.parent is None
    },
    "risks": ReportKind(
        title="AI risk register",
        description=(
            "Every AI risk with its inherent and residual heat maps, the risk criteria, the "
            "consequences and the treatment plan with who accepted the residual risk."
        ),
        file_label="AI risk register",
    ),
    "ai-systems": ReportKind(
        title="AI system inventory",
        description=(
            "Every AI system: purpose, role, owner, scope, data, people affected, oversight, "
            "EU AI Act category and the risks assessed for it."
        ),
        file_label="AI system inventory",
    ),
}


def snapshot(
    session: ProjectSession,
    *,
    prepared_by: str | None = None,
    confidentiality: str = DEFAULT_CONFIDENTIALITY,
) -> ProjectSnapshot:
    """Everything a report needs, read now on the calling thread."""
    return gather(
        session.db,
        session.catalog,
        now=session.now(),
        revision=session.revision,
        fingerprint=content_fingerprint(session),
        prepared_by=session.user if prepared_by is None else prepared_by,
        confidentiality=confidentiality,
        file_name=session.display_name,
        unsaved=session.path is None or session.has_unsaved_changes(),
        shorten=True,
        history_head=session.history_head(),
    )


def build_report(
    snapshot: ProjectSnapshot,
    kind: str,
    output: Path,
    *,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    deterministic: bool = False,
) -> Path:
    """Write the report to `output` (atomically). Safe on a worker thread.

    Raises ReportCancelled when `cancelled()` turns true, ReportNotWritten when the file cannot
    be saved; `output` is then untouched. `deterministic` gives byte-identical files for the
    same snapshot (tests, reproducible CI artefacts).
    """
    if kind not in REPORT_KINDS:
        raise ValueError(f"unknown report kind {kind!r}")
    result = build_pdf(
        snapshot,
        kind,
        Path(output),
        progress=progress,
        cancelled=cancelled,
        deterministic=deterministic,
    )
    return result.path


def default_report_name(snapshot: ProjectSnapshot, kind: str) -> str:
    """'Kestrel Freight Solutions Ltd - Gap analysis - 2026-11-27.pdf'."""
    label = REPORT_KINDS[kind].file_label
    org = safe_file_name(snapshot.organisation.name)
    return f"{org} - {label} - {snapshot.today.isoformat()}.pdf"


def _saved_time(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None


def write_report(
    file: Path | str,
    kind: str,
    output: Path | str,
    *,
    deterministic: bool = False,
    prepared_by: str | None = None,
    confidentiality: str = DEFAULT_CONFIDENTIALITY,
    catalog: Catalog | None = None,
) -> Path:
    """The report of a project file, read without opening it for editing (`aims-desktop
    report`). In deterministic mode the report is dated by the file's last save, so the same
    file gives the same bytes on any day."""
    catalog = catalog or load_catalog()
    reader = ReadOnlySnapshot(Path(file))
    with reader as db:
        record = db.project()
        now = datetime.now(UTC)
        if deterministic:
            now = _saved_time(record.saved_at) or DETERMINISTIC_TIME
        taken = gather(
            db,
            catalog,
            now=now,
            revision=record.revision,
            fingerprint=content_fingerprint_of(
                db, file_format=reader.revision, legacy=reader.legacy
            ),
            prepared_by=default_user() if prepared_by is None else prepared_by,
            confidentiality=confidentiality,
            file_name=reader.path.name,
            shorten=True,
            history_head=db.history_head(),
        )
    return build_report(taken, kind, Path(output), deterministic=deterministic)
