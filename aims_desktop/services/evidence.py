"""The evidence of a clause or control: documents of the register that serve it.

Evidence is no longer an anonymous attachment: one document, with its versions and approval,
can serve many requirements, and a requirement lists the documents that serve it. Attaching a
file to a requirement makes a new document (a draft, holding the file as its first version)
linked to it; linking an existing document adds the requirement to what it serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.evidence import DEFAULT_EVIDENCE_LIMIT
from aims_desktop.domain.registers.documents import Document, DocumentVersion
from aims_desktop.domain.registers.keys import DOCUMENT
from aims_desktop.services import documents, registers
from aims_desktop.services.session import ProjectSession

FIELD = "requirements"
"""The document field that says which clauses and controls a document serves."""


@dataclass(frozen=True)
class Evidence:
    """A document serving a requirement, as the evidence box lists it."""

    document: Document
    label: str
    current: DocumentVersion | None
    """The version in force (or the newest), whose file Open and Save a copy use."""

    @property
    def id(self) -> str:
        return self.document.id


def evidence_for(session: ProjectSession, item_id: str) -> list[Evidence]:
    """The documents that serve `item_id`, in the register's order."""
    spec = registers.REGISTERS[DOCUMENT]
    found = []
    for link in registers.catalog_links(session, item_id):
        if link.register != DOCUMENT or link.field != FIELD:
            continue
        doc = documents.document(session, link.id)
        current = documents.current_version(documents.versions(session, doc.id))
        found.append(Evidence(doc, spec.label(doc), current))
    return sorted(found, key=lambda e: registers._natural(e.label))


def attach_evidence(
    session: ProjectSession,
    item_id: str,
    source: Path | str,
    *,
    title: str | None = None,
    note: str = "",
    limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> ChangeSet:
    """A new document holding the file (its first version), serving `item_id`: one undo step.
    The document's id is `changes[0].entity_id`."""
    session.catalog.item(item_id)
    change = documents.add_document_from_file(
        session, source, title=title, requirements=(item_id,), description=note, limit=limit
    )
    return ChangeSet(f"Attach “{Path(source).name}” to {item_id}", change.changes)


def link_document(session: ProjectSession, item_id: str, document_id: str) -> ChangeSet:
    """Say that an existing document serves `item_id` too."""
    session.catalog.item(item_id)
    return registers.link(session, DOCUMENT, document_id, FIELD, item_id)


def unlink_document(session: ProjectSession, item_id: str, document_id: str) -> ChangeSet:
    """The document no longer serves `item_id`; it stays in the register."""
    return registers.unlink(session, DOCUMENT, document_id, FIELD, item_id)
