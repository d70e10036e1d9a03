"""A project as one read-only snapshot: what reports print and what the auditor's eye checks.

Reading it takes a few milliseconds on the calling thread; the snapshot is then handed to a
worker thread (reports) or to pure domain functions (the consistency checks). Kept apart from
services.reports so the dashboard can check the project without loading reportlab.
"""

from __future__ import annotations

from datetime import datetime

from aims_desktop import __version__
from aims_desktop.catalog import Catalog
from aims_desktop.domain.actions import action_plan, not_assessed
from aims_desktop.domain.readiness import compute_readiness
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.services import registers
from aims_desktop.store.planning_repository import PlanningStore
from aims_desktop.store.repository import ProjectDatabase


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
) -> ProjectSnapshot:
    """Everything a report or a consistency check needs, read once from the project."""
    assessments = db.assessments()
    today = now.date()
    records, link_labels = registers.contents(db, catalog)
    planning = PlanningStore(db)
    return ProjectSnapshot(
        catalog=catalog,
        organisation=db.organisation(),
        assessments=assessments,
        evidence=tuple(db.evidence()),
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
    )
