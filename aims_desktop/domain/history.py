"""Entries of the change log, as an auditor reads them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class LogEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: str
    who: str
    entity: str
    entity_id: str
    field: str
    subject: str
    old: str | None
    new: str | None
    revision: int
