"""Drafting the core documents from the project: the AI policy, the scope, the risk criteria
and the objectives. A draft is edited as plain text, saved as a new version (a DOCX file) of
its document in the register, and exported to DOCX or PDF; `aims-desktop draft` does the same
headless.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.drafting import (
    Draft,
    DraftInputs,
    DraftKind,
    RiskCriteriaFacts,
    draft,
    from_text,
    to_text,
)
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.documents import Document, DocumentKind
from aims_desktop.domain.registers.keys import (
    AI_SYSTEM,
    CONTEXT_ISSUE,
    DOCUMENT,
    INTERESTED_PARTY,
    OBJECTIVE,
    PERSON,
    ROLE,
)
from aims_desktop.reports.draft import write_draft_pdf
from aims_desktop.services import documents, registers
from aims_desktop.services.session import ProjectSession, default_user
from aims_desktop.store.projectfile import ReadOnlySnapshot
from aims_desktop.store.repository import ProjectDatabase
from aims_desktop.wordfiles import DocxInfo, docx_bytes, docx_text

__all__ = [
    "RISK_CRITERIA_SOURCE",
    "DraftKind",
    "document_for",
    "draft_file",
    "draft_text",
    "export",
    "parse",
    "save_as_version",
    "saved_text",
]

RISK_CRITERIA_SOURCE: Callable[[ProjectDatabase], RiskCriteriaFacts | None] = lambda _db: None  # noqa: E731
"""Where the risk criteria draft finds the project's criteria. The risk register sets this to
an adapter reading its criteria (domain.drafting.RiskCriteriaFacts); until then the draft
states the criteria with placeholders and the catalogue's guidance."""


def _inputs(db: ProjectDatabase, catalog: Catalog, today: Any) -> DraftInputs:
    store = db.registers

    def rows(key: str) -> list[Any]:
        return list(store.records(REGISTERS[key]))

    systems = rows(AI_SYSTEM)
    return DraftInputs(
        catalog=catalog,
        organisation=db.organisation(),
        assessments=db.assessments(),
        today=today,
        ai_systems=systems,
        interested_parties=rows(INTERESTED_PARTY),
        issues=rows(CONTEXT_ISSUE),
        objectives=rows(OBJECTIVE),
        roles=rows(ROLE),
        people=rows(PERSON),
        risk_criteria=RISK_CRITERIA_SOURCE(db),
        labels={s.id: REGISTERS[AI_SYSTEM].label(s) for s in systems},
    )


def make_draft(session: ProjectSession, kind: DraftKind | str) -> Draft:
    """A fresh draft from the project's answers and records."""
    return draft(DraftKind(kind), _inputs(session.db, session.catalog, session.today()))


def draft_text(session: ProjectSession, kind: DraftKind | str) -> str:
    return to_text(make_draft(session, kind))


def parse(session: ProjectSession, kind: DraftKind | str, text: str) -> Draft:
    """The edited text as a draft, titled and named for the organisation."""
    chosen = DraftKind(kind)
    organisation = session.organisation().name
    parsed = from_text(text, organisation=organisation, fallback_title=chosen.document_title)
    if not parsed.blocks:
        raise RuleViolation("The draft is empty: write something before saving or exporting it.")
    return parsed


def document_for(session: ProjectSession, kind: DraftKind | str) -> Document | None:
    """The document of the register that holds this kind of draft: the first one (not
    withdrawn) that names the kind's record to keep, such as the AI policy for 5.2."""
    chosen = DraftKind(kind)
    for record in registers.records(session, DOCUMENT):
        assert isinstance(record, Document)
        status = record.status.value if record.status is not None else ""
        if chosen.record in record.records and status != "withdrawn":
            return record
    return None


def saved_text(session: ProjectSession, kind: DraftKind | str) -> str | None:
    """The text of the newest DOCX version of the kind's document, to keep editing it; None
    when there is none."""
    found = document_for(session, kind)
    if found is None:
        return None
    for version in reversed(documents.versions(session, found.id)):
        if version.file_name.lower().endswith(".docx") and version.sha256:
            try:
                return docx_text(documents.file_bytes(session, version.id))
            except Exception:  # a DOCX someone else made may not parse: start afresh
                return None
    return None


def _file_name(parsed: Draft, number: str) -> str:
    from aims_desktop.domain.file_names import safe_file_name

    return f"{safe_file_name(parsed.title)} v{safe_file_name(number)}.docx"


def save_as_version(
    session: ProjectSession,
    kind: DraftKind | str,
    text: str,
    *,
    number: str | None = None,
    changes: str = "",
) -> ChangeSet:
    """Save the edited draft as a new draft version (a DOCX file) of its document, creating
    the document the first time. One undo step; earlier versions and their approvals stay."""
    chosen = DraftKind(kind)
    parsed = parse(session, chosen, text)
    data = docx_bytes(parsed, DocxInfo(author=session.user, created=session.now()))
    existing = document_for(session, chosen)
    note = changes or "Drafted in AIMS Desktop from the project's answers."
    if existing is None:
        number = (number or "").strip() or "0.1"
        copy = documents.store_bytes(session, data, _file_name(parsed, number))
        change = documents.add_document_with_file(
            session,
            copy,
            title=parsed.title,
            requirements=chosen.requirements,
            records=(chosen.record,),
            kind=DocumentKind(chosen.document_kind),
            number=number,
            changes=note,
            owner=session.user,
        )
        return ChangeSet(f"Save the draft {chosen.document_title} as a document", change.changes)
    found = documents.versions(session, existing.id)
    number = (number or "").strip() or documents.next_version_number(found)
    copy = documents.store_bytes(session, data, _file_name(parsed, number))
    change = documents.add_version(session, existing.id, copy, number=number, changes=note)
    return ChangeSet(f"Save the draft {chosen.document_title} as version {number}", change.changes)


def export(
    parsed: Draft, output: Path | str, *, author: str = "", created: datetime | None = None
) -> Path:
    """Write the draft to DOCX or PDF, chosen by the file's suffix (DOCX otherwise).
    ReportNotWritten when the file cannot be written."""
    target = Path(output)
    if target.suffix.lower() == ".pdf":
        return write_draft_pdf(parsed, target)
    if target.suffix.lower() != ".docx":
        target = target.with_name(target.name + ".docx")
    from aims_desktop.reports.document import write_atomically

    write_atomically(target, docx_bytes(parsed, DocxInfo(author=author, created=created)))
    return target


def draft_file(
    file: Path | str,
    kind: DraftKind | str,
    output: Path | str,
    *,
    catalog: Catalog | None = None,
    author: str | None = None,
) -> Path:
    """Draft from a project file, read without opening it for editing (`aims-desktop
    draft`), and write it to DOCX or PDF."""
    with ReadOnlySnapshot(Path(file)) as db:
        inputs = _inputs(db, catalog or load_catalog(), datetime.now(UTC).date())
    parsed = draft(DraftKind(kind), inputs)
    return export(parsed, output, author=author if author is not None else default_user())
