"""The content fingerprint: one SHA-256 over what a project says, not how its file is laid out.

Printed on every report cover and by `aims-desktop check`, so an auditor holding a report and a
file can tell whether they match. Saving, vacuuming or moving the file does not change it; any
change to the organisation, an assessment, an answer or the evidence does. The change log and
time stamps are left out: they describe history, not content.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from aims_desktop.domain.assessment import Assessment
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.repository import ProjectDatabase


def content_fingerprint(session: ProjectSession) -> str:
    return content_fingerprint_of(session.db)


def content_fingerprint_of(db: ProjectDatabase) -> str:
    org = db.organisation()
    assessments = db.assessments()
    content: dict[str, Any] = {
        "organisation": {
            "name": org.name,
            "sector": org.sector,
            "size": org.size.value,
            "country": org.country,
            "roles": sorted(r.value for r in org.roles),
            "ai_systems": org.ai_systems,
            "scope": org.scope,
        },
        "assessments": {
            item_id: {
                "status": a.status.value,
                "justification": a.justification,
                "notes": a.notes,
                "owner": a.owner,
                "target_date": a.target_date.isoformat() if a.target_date else None,
                "answers": {k: v.value for k, v in sorted(a.answers.items())},
            }
            for item_id, a in sorted(assessments.items())
            if a != Assessment(item_id=item_id)  # an untouched item and a reset one are alike
        },
        "evidence": sorted(
            (
                {
                    "item_id": e.item_id,
                    "title": e.title,
                    "file_name": e.file_name,
                    "sha256": e.sha256,
                    "note": e.note,
                }
                for e in db.evidence()
            ),
            key=lambda e: (e["item_id"] or "", e["sha256"], e["title"], e["file_name"]),
        ),
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
