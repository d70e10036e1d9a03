"""A project as one read-only snapshot: what reports print and what the auditor's eye checks.

Reading it takes a few milliseconds on the calling thread; the snapshot is then handed to a
worker thread (reports) or to pure domain functions (the consistency checks). Kept apart from
services.reports so the dashboard can check the project without loading reportlab.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aims_desktop import __version__
from aims_desktop.catalog import Catalog
from aims_desktop.domain.actions import action_plan, not_assessed
from aims_desktop.domain.evidence import evidence_records
from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.readiness import compute_readiness
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.services import registers
from aims_desktop.store.planning_repository import PlanningStore
from aims_desktop.store.repository import ProjectDatabase

REPORT_TEXT_LIMIT = 4000
"""Characters of one user text (a note, a justification, the scope) printed in a report: about
a page. Laying out a longer text in a table cell costs time that grows with the square of its
length (a one-megabyte note would take hours), and a report is a summary: the full text stays in
the project file, and the report says how much was left out."""


def for_report(text: str, limit: int = REPORT_TEXT_LIMIT) -> str:
    """`text` shortened to `limit` characters, saying so."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rstrip()
    return f"{cut} … [{len(text) - len(cut):,} more characters are in the project file]"


def _shortened(model: Any, fields: tuple[str, ...]) -> Any:
    long = {f: for_report(getattr(model, f)) for f in fields if len(getattr(model, f)) > 0}
    long = {f: v for f, v in long.items() if v != getattr(model, f)}
    return model.model_copy(update=long) if long else model


def _shortened_records(
    records: dict[str, tuple[RegisterRecord, ...]],
) -> dict[str, tuple[RegisterRecord, ...]]:
    shortened: dict[str, tuple[RegisterRecord, ...]] = {}
    for key, found in records.items():
        texts = tuple(f.name for f in REGISTERS[key].fields if f.is_text)
        shortened[key] = tuple(_shortened(r, texts) for r in found)
    return shortened


def gather(
    db: ProjectDatabase,
    catalog: Catalog,
    *,
    now: datetime,
    revision: int,
    fingerprint: str,
    prepared_by: str,
    confidentiality: str,
    file_name: str,
    unsaved: bool = False,
    shorten: bool = False,
    history_head: str = "",
) -> ProjectSnapshot:
    """Everything a report or a consistency check needs, read once from the project.
    `shorten` cuts every user text to about a page, as reports print them."""
    assessments = db.assessments()
    organisation = db.organisation()
    records, link_labels = registers.contents(db, catalog)
    planning = PlanningStore(db)
    document_spec = REGISTERS[DOCUMENT]
    evidence = evidence_records(
        records.get(DOCUMENT, ()), records.get(DOCUMENT_VERSION, ()), document_spec.label
    )
    if shorten:  # for a report: at most about a page of any one text
        assessments = {
            item_id: _shortened(a, ("justification", "notes", "owner"))
            for item_id, a in assessments.items()
        }
        organisation = _shortened(
            organisation, ("name", "sector", "country", "scope", "climate_note")
        )
        evidence = tuple(_shortened(e, ("title", "file_name", "note")) for e in evidence)
        records = _shortened_records(records)
        prepared_by = for_report(prepared_by)
        confidentiality = for_report(confidentiality)
    today = now.date()
    return ProjectSnapshot(
        catalog=catalog,
        organisation=organisation,
        assessments=assessments,
        evidence=evidence,
        readiness=compute_readiness(catalog, assessments),
        actions=tuple(action_plan(catalog, assessments, today)),
        not_assessed=tuple(not_assessed(catalog, assessments)),
        revision=revision,
        fingerprint=fingerprint,
        generated_at=now,
        prepared_by=prepared_by.strip(),
        confidentiality=confidentiality.strip(),
        app_version=__version__,
        file_name=file_name,
        registers=records,
        link_labels=link_labels,
        unsaved=unsaved,
        risk_criteria=planning.criteria(),
        soa_document=planning.soa_document(),
        history_head=history_head,
    )
