"""What the Stage 1 audit pack says beyond the reports it gathers: the facts a certification
body sizes an audit by, and the index from every clause and Annex A control to its documents.

A certification body prices and plans an audit from a few facts (who the organisation is, how
big, where it works, which AI systems it has and what part it plays for them, what others do
for it), then reads the documents requirement by requirement. The index is that reading list:
for each clause and control, the documents of the register that say they serve it, with the
number, version and approval an auditor quotes, and a gap where there is none. Withdrawn
documents serve nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from aims_desktop.domain.organisation import AIRole
from aims_desktop.domain.registers.keys import AI_SYSTEM, DOCUMENT, PERSON, SUPPLIER
from aims_desktop.domain.snapshot import ProjectSnapshot


@dataclass(frozen=True)
class IndexedDocument:
    id: str
    number: str
    title: str
    version: str
    status: str
    """As a person reads it: "Approved", "Draft", or "" when not stated."""
    approved_on: date | None

    @property
    def approved(self) -> bool:
        return self.status == "Approved"


@dataclass(frozen=True)
class IndexEntry:
    item_id: str
    title: str
    is_control: bool
    excluded: bool
    """An Annex A control the Statement of Applicability excludes: no document is expected."""
    documents: tuple[IndexedDocument, ...]

    @property
    def gap(self) -> bool:
        """No document serves a requirement that applies."""
        return not self.documents and not self.excluded


def natural(text: str) -> tuple[Any, ...]:
    """DOC-2 before DOC-10."""
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in re.split(r"(\d+)", text)
    )


def _status(record: Any) -> str:
    status = getattr(record, "status", None)
    return str(getattr(status, "label", "") or "")


def document_index(snapshot: ProjectSnapshot) -> list[IndexEntry]:
    """Every clause requirement and Annex A control, in the standard's order, with the
    documents (not withdrawn) that serve it, by number."""
    serving: dict[str, list[IndexedDocument]] = {}
    for record in snapshot.records(DOCUMENT):
        status = getattr(getattr(record, "status", None), "value", "")
        if status == "withdrawn":
            continue
        entry = IndexedDocument(
            id=record.id,
            number=str(getattr(record, "ref", "")),
            title=str(getattr(record, "title", "")),
            version=str(getattr(record, "version", "")),
            status=_status(record),
            approved_on=getattr(record, "approved_on", None),
        )
        for item_id in dict.fromkeys(getattr(record, "requirements", ())):
            serving.setdefault(item_id, []).append(entry)
    index = []
    for item in snapshot.catalog.items:
        found = sorted(serving.get(item.id, ()), key=lambda d: (natural(d.number), d.title))
        index.append(
            IndexEntry(
                item_id=item.id,
                title=snapshot.catalog.title_in_context(item.id),
                is_control=item.is_control,
                excluded=item.is_control and snapshot.assessment(item.id).excluded,
                documents=tuple(found),
            )
        )
    return index


# -- the cover sheet ---------------------------------------------------------------------------

_SITE = re.compile(r"\b(sites?|offices?|premises|locations?|branch(?:es)?)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def site_sentences(scope: str) -> list[str]:
    """The sentences of the scope statement that speak of sites, offices or locations (the
    project keeps no list of sites of its own; the scope is where an organisation names them)."""
    sentences = [s.strip() for s in _SENTENCE.split(" ".join(scope.split())) if s.strip()]
    return [s for s in sentences if _SITE.search(s)]


def _roles(roles: Any) -> str:
    ordered = sorted(roles or (), key=list(AIRole).index)
    return ", ".join(r.label for r in ordered)


@dataclass(frozen=True)
class CoverFact:
    label: str
    value: str
    missing: bool = False
    """Not recorded in the project: the sheet says so, and what to add."""


def cover_facts(snapshot: ProjectSnapshot) -> list[CoverFact]:
    """What a certification body needs to size the audit, from the project, in the order it
    asks: the organisation, its size and sites, its AI systems and roles, what others do."""
    org = snapshot.organisation
    facts = [CoverFact("Organisation", org.name)]
    facts.append(
        CoverFact("Sector", org.sector) if org.sector.strip() else CoverFact("Sector", "", True)
    )
    facts.append(
        CoverFact("Country", org.country) if org.country.strip() else CoverFact("Country", "", True)
    )
    people = len(snapshot.records(PERSON))
    size = org.size.label if org.size.value else ""
    named = f"{people} people named in the competence records" if people else ""
    headcount = "; ".join(p for p in (size, named) if p)
    facts.append(CoverFact("Size (head count)", headcount, not size))
    sites = site_sentences(org.scope)
    facts.append(
        CoverFact("Sites", " ".join(sites), True)
        if not sites
        else CoverFact("Sites (from the scope statement)", " ".join(sites))
    )
    roles = _roles(org.roles)
    facts.append(CoverFact("The organisation's roles towards AI", roles, not roles))
    systems: tuple[Any, ...] = snapshot.records(AI_SYSTEM)
    inside = [s for s in systems if getattr(s, "in_scope", True)]
    outside = len(systems) - len(inside)
    lines = []
    for system in sorted(inside, key=lambda s: natural(str(getattr(s, "ref", "")))):
        role = _roles(getattr(system, "roles", ()))
        name = " ".join(p for p in (getattr(system, "ref", ""), system.name) if p)
        lines.append(f"{name} ({role.lower()})" if role else name)
    text = "; ".join(lines)
    if outside:
        text += f". {outside} more outside the scope."
    facts.append(CoverFact(f"AI systems in scope ({len(inside)})", text, not inside))
    suppliers: tuple[Any, ...] = snapshot.records(SUPPLIER)
    supplied = []
    for supplier in sorted(suppliers, key=lambda s: natural(str(getattr(s, "ref", "")))):
        kind = getattr(getattr(supplier, "kind", None), "label", "")
        what = " ".join(str(getattr(supplier, "supplies", "")).split()).rstrip(".")
        detail = ": ".join(p for p in (kind, what) if p)
        supplied.append(f"{supplier.name} ({detail})" if detail else supplier.name)
    facts.append(
        CoverFact(
            f"Outsourced processes and suppliers ({len(suppliers)})",
            "; ".join(supplied),
            not suppliers,
        )
    )
    return facts
