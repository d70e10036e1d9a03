"""The content fingerprint: one SHA-256 over what a project says, not how its file is laid out.

Printed on every report cover and by `aims-desktop check`, so an auditor holding a report and a
file can tell whether they match. Saving, vacuuming or moving the file does not change it; any
change to the organisation, an assessment, an answer or a register record (documents and the
SHA-256 of their files included) does.
The change log and time stamps are left out: they describe history, not content.

A file keeps the fingerprint its own format defines: an unchanged file of an older format
(opened read-only by `check` or `report`) gets the fingerprint that the version which wrote it
printed, so an old report still matches its file after AIMS Desktop is updated.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.planning_repository import PlanningStore, criteria_log
from aims_desktop.store.register_codec import to_log
from aims_desktop.store.repository import ProjectDatabase
from aims_desktop.store.schema import SCHEMA_REVISION


def content_fingerprint(session: ProjectSession) -> str:
    return content_fingerprint_of(session.db)


def _assessments(db: ProjectDatabase, *, applicability: bool = True) -> dict[str, Any]:
    content: dict[str, Any] = {}
    for item_id, a in sorted(db.assessments().items()):
        if a == Assessment(item_id=item_id):  # an untouched item and a reset one are alike
            continue
        entry: dict[str, Any] = {
            "status": a.status.value,
            "justification": a.justification,
            "notes": a.notes,
            "owner": a.owner,
            "target_date": a.target_date.isoformat() if a.target_date else None,
            "answers": {k: v.value for k, v in sorted(a.answers.items())},
        }
        if applicability:  # format 2 on: a control's three-way applicability
            entry["applicability"] = a.applicability.value
        content[item_id] = entry
    return content


def _planning(db: ProjectDatabase) -> dict[str, Any]:
    """The risk criteria and the Statement of Applicability's details (format 2 on)."""
    store = PlanningStore(db)
    document = store.soa_document()
    return {
        "risk_criteria": json.loads(criteria_log(store.criteria())),
        "soa_document": {
            "number": document.number,
            "version": document.version,
            "approved_by": document.approved_by,
            "approved_on": document.approved_on.isoformat() if document.approved_on else None,
        },
    }


def _legacy_evidence(legacy: dict[str, str] | None) -> list[dict[str, Any]]:
    """Format 1's evidence (anonymous files per requirement), as the file held it before
    migration made documents of it."""
    rows: list[dict[str, Any]] = json.loads((legacy or {}).get("evidence", "[]"))
    return sorted(
        rows,
        key=lambda e: (e["item_id"] or "", e["sha256"], e["title"], e["file_name"]),
    )


def _registers(db: ProjectDatabase) -> dict[str, Any]:
    content: dict[str, Any] = {}
    for key, spec in REGISTERS.items():
        found = db.registers.records(spec)
        if not found:
            continue
        rows = []
        for rec in found:
            row: dict[str, Any] = {f.name: to_log(f, getattr(rec, f.name)) for f in spec.fields}
            for f in spec.link_fields:  # links are a set: their stored order does not matter
                row[f.name] = sorted(getattr(rec, f.name))
            row["id"] = rec.id
            if spec.parent is not None:
                row["parent_id"] = getattr(rec, "parent_id", None)
            rows.append(row)
        content[key] = sorted(rows, key=lambda r: r["id"])
    return content


def content_fingerprint_of(
    db: ProjectDatabase, *, file_format: int = SCHEMA_REVISION, legacy: dict[str, str] | None = None
) -> str:
    org = db.organisation()
    organisation: dict[str, Any] = {
        "name": org.name,
        "sector": org.sector,
        "size": org.size.value,
        "country": org.country,
        "roles": sorted(r.value for r in org.roles),
    }
    content: dict[str, Any]
    if file_format < 2:
        # Format 1 kept AI systems as free text in the organisation record.
        organisation["ai_systems"] = (legacy or {}).get("ai_systems", "")
        organisation["scope"] = org.scope
        content = {
            "organisation": organisation,
            "assessments": _assessments(db, applicability=False),
            "evidence": _legacy_evidence(legacy),
        }
    else:
        organisation.update(
            scope=org.scope,
            climate_change=org.climate_change.value if org.climate_change else None,
            climate_note=org.climate_note,
            scope_version=org.scope_version,
            scope_approved_by=org.scope_approved_by,
            scope_approved_on=(
                org.scope_approved_on.isoformat() if org.scope_approved_on else None
            ),
        )
        content = {
            "organisation": organisation,
            "assessments": _assessments(db),
            "registers": _registers(db),
            **_planning(db),
        }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
