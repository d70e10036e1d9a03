"""Reports as the GUI and the CLI ask for them: gather a snapshot, then build a PDF.

The split matters for responsiveness: `snapshot()` reads the database on the calling (GUI)
thread in a few milliseconds; `build_report()` then runs on a worker thread, touching neither the
database nor Qt, while the user keeps working.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import (
    IMPACT_ASSESSMENT,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
)
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.build import build_pdf
from aims_desktop.reports.errors import ReportCancelled, ReportNotWritten
from aims_desktop.reports.text import safe_file_name
from aims_desktop.services.fingerprint import content_fingerprint, content_fingerprint_of
from aims_desktop.services.session import ProjectSession, default_user
from aims_desktop.services.snapshots import gather
from aims_desktop.store.projectfile import ReadOnlySnapshot
from aims_desktop.store.repository import ProjectDatabase

__all__ = [
    "ONE_RECORD_KINDS",
    "REPORT_KINDS",
    "ReportCancelled",
    "ReportKind",
    "ReportNotWritten",
    "ReportOptions",
    "build_report",
    "default_report_name",
    "for_record",
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
    "internal-audit": ReportKind(
        title="Internal audit report",
        description=(
            "One internal audit (the latest, or the one you choose): scope, criteria, auditors "
            "and their independence, findings by grade with their evidence, the conclusion and "
            "the audit programme's coverage."
        ),
        file_label="Internal audit report",
    ),
    "management-review": ReportKind(
        title="Management review minutes",
        description=(
            "One management review (the latest, or the one you choose): attendees, every "
            "input considered, the discussion, decisions and the actions agreed."
        ),
        file_label="Management review minutes",
    ),
    "changes": ReportKind(
        title="What changed",
        description=(
            "Every requirement and record changed since the previous saved revision (or a "
            "revision or date you choose), each field from its old value to its new one."
        ),
        file_label="What changed",
    ),
    "documents": ReportKind(
        title="Master list of documents",
        description=(
            "Every document with its number, version, status, approval and next review, and "
            "the requirements it serves (overdue reviews stand out); the mandatory documented "
            "information and what covers it; every version's file with its SHA-256."
        ),
        file_label="Master list of documents",
    ),
    "impact-assessments": ReportKind(
        title="AI system impact assessments",
        description=(
            "Every impact assessment with its guided questions and answers, its impacts "
            "(severity and likelihood, positive or negative), the result and the sign-off."
        ),
        file_label="Impact assessments",
    ),
    "audit-pack": ReportKind(
        title="Stage 1 audit pack",
        description=(
            "One PDF for the certification body: a cover sheet to size the audit, an index "
            "of documents by clause and control (with the gaps), the scope, the AI policy, the "
            "Statement of Applicability, the risks and their treatment, the impact assessments, "
            "the objectives, and the latest internal audit and management review."
        ),
        file_label="Stage 1 audit pack",
    ),
    "people": ReportKind(
        title="People, training and competence",
        description=(
            "The people doing AI-related work, their roles and training, and the competence "
            "matrix: who lacks what, and which training is due."
        ),
        file_label="Competence",
    ),
}

RECORD_KINDS = {"internal-audit": INTERNAL_AUDIT, "management-review": MANAGEMENT_REVIEW}
"""Reports that describe one record of a register, chosen by its reference."""


@dataclass(frozen=True)
class ReportOptions:
    """What a report describes, where it can describe different things."""

    record: str = ""
    """internal-audit and management-review: the audit's or review's reference (or id); the
    latest one when empty. impact-assessments: only this assessment (all when empty)."""
    since_revision: int | None = None
    """changes: the changes saved after this revision (default: the revision before the last
    save)."""
    since: date | None = None
    """changes: the changes from this day on, instead of a revision."""


def _prepared(
    taken: ProjectSnapshot, db: ProjectDatabase, kind: str | None, options: ReportOptions
) -> ProjectSnapshot:
    """The snapshot with what the report kind needs beyond the project itself."""
    if kind in RECORD_KINDS and options.record.strip():
        key = RECORD_KINDS[kind]
        wanted = options.record.strip()
        found = [
            r
            for r in taken.records(key)
            if wanted.casefold() in (r.id.casefold(), str(getattr(r, "ref", "")).casefold())
        ]
        if not found:
            spec = REGISTERS[key]
            refs = ", ".join(sorted(str(getattr(r, "ref", "")) for r in taken.records(key)))
            raise RuleViolation(
                f"There is no {spec.title.lower()} “{wanted}” in this project. Its "
                f"{spec.plural.lower()}: {refs or 'none yet'}."
            )
        return replace(taken, extra={**taken.extra, "record": wanted})
    if kind == "audit-pack":
        from aims_desktop.reports.audit_pack import POLICY_SOURCE, POLICY_TEXT
        from aims_desktop.services.drafting import policy_for_pack

        text, source = policy_for_pack(db, taken.catalog, taken.today)
        return replace(taken, extra={**taken.extra, POLICY_TEXT: text, POLICY_SOURCE: source})
    if kind == "changes":
        from aims_desktop.services.changes import change_list

        listed = change_list(
            db,
            taken.catalog,
            since_revision=options.since_revision,
            since=options.since,
            previous=True,
        )
        return replace(taken, change_list=listed)
    return taken


ONE_RECORD_KINDS: dict[str, tuple[str, str]] = {
    "impact-assessment": (IMPACT_ASSESSMENT, "Impact assessment"),
}
"""Reports of one record (kind -> (register key, file label)): one impact assessment."""


def snapshot(
    session: ProjectSession,
    *,
    prepared_by: str | None = None,
    confidentiality: str = DEFAULT_CONFIDENTIALITY,
    kind: str | None = None,
    options: ReportOptions | None = None,
) -> ProjectSnapshot:
    """Everything a report (of `kind`, with `options`) needs, read now on the calling thread."""
    taken = gather(
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
    return _prepared(taken, session.db, kind, options or ReportOptions())


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
    if kind not in REPORT_KINDS and kind not in ONE_RECORD_KINDS:
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


def for_record(snapshot: ProjectSnapshot, kind: str, reference: str) -> ProjectSnapshot:
    """The snapshot narrowed to one record (by id or reference) for a report of one record;
    RuleViolation with the references there are when there is no such record."""
    key, _label = ONE_RECORD_KINDS[kind]
    spec = REGISTERS[key]
    found = snapshot.records(key)
    wanted = reference.strip().casefold()
    match = next(
        (r for r in found if wanted in (r.id.casefold(), str(getattr(r, "ref", "")).casefold())),
        None,
    )
    if match is None:
        known = ", ".join(str(getattr(r, "ref", "")) for r in found) or "none yet"
        raise RuleViolation(
            f"There is no {spec.title.lower()} “{reference}” in the project (there are: {known})."
        )
    extra = {**snapshot.extra, "record": match.id, "record_label": spec.label(match)}
    return dataclasses.replace(snapshot, extra=extra)


def default_report_name(snapshot: ProjectSnapshot, kind: str) -> str:
    """'Kestrel Freight Solutions Ltd - Gap analysis - 2026-11-27.pdf'."""
    if kind in ONE_RECORD_KINDS:
        label = f"{ONE_RECORD_KINDS[kind][1]} {snapshot.extra.get('record_label', '')}".strip()
        label = safe_file_name(label)
    else:
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
    options: ReportOptions | None = None,
) -> Path:
    """The report of a project file, read without opening it for editing (`aims-desktop
    report`). In deterministic mode the report is dated by the file's last save, so the same
    file gives the same bytes on any day. `options.record` names one record: the audit or
    review of `internal-audit` and `management-review`, or one assessment of
    `impact-assessments`."""
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
        options = options or ReportOptions()
        taken = _prepared(taken, db, kind, options)
    if options.record.strip() and kind not in RECORD_KINDS:
        kind = next(k for k, (key, _l) in ONE_RECORD_KINDS.items() if _one_kind(kind) == key)
        taken = for_record(taken, kind, options.record)
    return build_report(taken, kind, Path(output), deterministic=deterministic)


def _one_kind(kind: str) -> str:
    """The register a report kind prints, for naming one of its records."""
    spec = next((s for s in REGISTERS.values() if s.slug == kind), None)
    if spec is None or not any(key == spec.key for key, _l in ONE_RECORD_KINDS.values()):
        raise RuleViolation(f"A report of one record is not available for “{kind}”.")
    return spec.key
