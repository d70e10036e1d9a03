"""Evidence attached to a requirement: a file stored inside the project, described for auditors."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

DEFAULT_EVIDENCE_LIMIT = 100 * 1_000_000
"""Largest evidence file accepted (bytes): big enough for a scanned policy or a screen recording
extract, small enough that the project file can still be emailed or shared."""


class EvidenceRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    item_id: str | None
    title: str
    file_name: str
    media_type: str
    sha256: str
    size: int
    note: str = ""
    created_at: str = ""
    changed_by: str = ""
