"""The change log as an auditor reads it: filter by who, when and what; export to CSV.

Entries are stored in a stable, machine-readable form (choice values, ids, ISO dates); this
module turns them into words: field titles, choice labels, "Yes"/"No", the labels of linked
records, "created"/"deleted" for whole records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from aims_desktop.domain.fields import CATALOG_TARGETS, FieldKind, FieldSpec, enum_label
from aims_desktop.domain.history import LogEntry
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.services.session import ProjectSession
from aims_desktop.spreadsheets import write_csv
from aims_desktop.spreadsheets.write import WriteFailed
from aims_desktop.store.errors import ProjectFileError

DEFAULT_LIMIT = 5000
"""Entries the viewer lists at most; the count says how many more match."""

_ENTITY_TITLES = {
    "organisation": "Organisation",
    "assessment": "Assessment",
    "guidance_answer": "Guidance answer",
    "evidence": "Evidence",
    "risk_criteria": "Risk criteria",
    "soa_document": "Statement of Applicability",
}

_FIELD_TITLES = {
    "status": "Status",
    "justification": "Justification",
    "notes": "Notes",
    "owner": "Owner",
    "target_date": "Target date",
    "answer": "Answer",
    "name": "Name",
    "sector": "Sector",
    "size": "Size",
    "country": "Country",
    "roles": "AI roles",
    "scope": "Scope statement",
    "ai_systems": "AI systems (free text)",
    "applicability": "Applicability",
    "criteria": "Scales, matrix and acceptance level",
    "number": "Document number",
    "version": "Version",
    "approved_by": "Approved by",
    "approved_on": "Approved on",
}


@dataclass(frozen=True)
class HistoryRow:
    """One entry, in words."""

    at: str  # stored UTC stamp
    revision: int
    who: str
    kind: str  # "AI system", "Assessment", ...
    subject: str
    field: str  # the field's title, or "" for a whole record
    old: str
    new: str
    entity: str
    entity_id: str


@dataclass(frozen=True)
class HistoryFilter:
    entity: str | None = None
    entity_id: str | None = None
    who: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    text: str = ""


class HistoryExportFailed(ProjectFileError):
    exit_code = 17
    title = "The history could not be exported"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, f"“{Path(path).name}” could not be written ({reason}).")


def people(session: ProjectSession) -> list[str]:
    return session.db.change_log_people()


def entries(
    session: ProjectSession, wanted: HistoryFilter, *, limit: int | None = DEFAULT_LIMIT
) -> tuple[list[HistoryRow], int]:
    """Matching entries in words, newest first, and how many match in all."""
    found, total = session.db.change_log_query(
        entity=wanted.entity,
        entity_id=wanted.entity_id,
        who=wanted.who,
        since=wanted.since.isoformat() if wanted.since else None,
        until=(wanted.until + timedelta(days=1)).isoformat() if wanted.until else None,
        text=wanted.text.strip() or None,
        limit=limit,
    )
    labels = _Labels(session)
    return [describe(e, labels) for e in found], total


class _Labels:
    """Labels of linked records, looked up once each."""

    def __init__(self, session: ProjectSession) -> None:
        self.session = session
        self.cache: dict[tuple[str, str], str] = {}

    def of(self, field: FieldSpec, target_id: str) -> str:
        target = field.target or ""
        key = (target, target_id)
        if key not in self.cache:
            if target in CATALOG_TARGETS:
                catalog = self.session.catalog
                title = catalog.title_of(target_id) if catalog.has_item(target_id) else ""
                self.cache[key] = f"{target_id} {title}".strip()
            else:
                from aims_desktop.services.registers import label

                self.cache[key] = label(self.session, target, target_id)
        return self.cache[key]


def _value(field: FieldSpec | None, text: str | None, labels: _Labels | None) -> str:
    if text is None:
        return ""
    if field is None:
        return text
    if field.kind is FieldKind.FLAG:
        return {"1": "Yes", "0": "No"}.get(text, text)
    if field.kind is FieldKind.CHOICE and field.enum is not None:
        for member in field.enum:
            if member.value == text:
                return enum_label(member)
        return text
    if field.kind is FieldKind.CHOICES and field.enum is not None:
        chosen = set(text.split(","))
        return ", ".join(enum_label(m) for m in field.enum if m.value in chosen)
    if field.kind is FieldKind.LINK:
        ids = [i for i in text.split("\n") if i]
        if labels is None:
            return "; ".join(ids)
        return "; ".join(labels.of(field, i) for i in ids)
    return text


def describe(entry: LogEntry, labels: _Labels | None = None) -> HistoryRow:
    spec = REGISTERS.get(entry.entity)
    kind = spec.title if spec else _ENTITY_TITLES.get(entry.entity, entry.entity)
    field_title = ""
    old, new = entry.old or "", entry.new or ""
    if entry.field == "":
        if spec is not None:
            old = _record_summary(entry.old) if entry.old else ""
            new = _record_summary(entry.new) if entry.new else ""
        field_title = "created" if entry.old is None else "deleted" if entry.new is None else ""
    elif spec is not None and entry.field in spec.field_map:
        f = spec.field(entry.field)
        field_title = f.title
        old, new = _value(f, entry.old, labels), _value(f, entry.new, labels)
    else:
        field_title = _FIELD_TITLES.get(entry.field, entry.field.replace("_", " ").capitalize())
        if entry.entity == "risk_criteria":
            old, new = _criteria_summary(entry.old), _criteria_summary(entry.new)
    return HistoryRow(
        at=entry.at,
        revision=entry.revision,
        who=entry.who,
        kind=kind,
        subject=entry.subject,
        field=field_title,
        old=old,
        new=new,
        entity=entry.entity,
        entity_id=entry.entity_id,
    )


def _criteria_summary(text: str | None) -> str:
    """Risk criteria as logged (JSON), in words: each scale's levels, and what is accepted."""
    if not text:
        return ""
    try:
        content = json.loads(text)
        levels = [str(pair[0]) for pair in content["levels"]]
        parts = [
            "Likelihood: " + ", ".join(str(p[0]) for p in content["likelihood"]),
            "Consequence: " + ", ".join(str(p[0]) for p in content["consequence"]),
            "Risk levels: " + ", ".join(levels),
            f"accepted up to {levels[int(content['acceptance']) - 1]}",
            f"matrix {content['matrix']}",
        ]
    except (ValueError, KeyError, IndexError, TypeError):
        return text
    return "; ".join(parts)


def _record_summary(text: str) -> str:
    """A created or deleted record's stored content, as "Field: value" lines."""
    try:
        content = json.loads(text)
    except ValueError:
        return text
    if not isinstance(content, dict):
        return text
    return "; ".join(f"{k}: {v}" for k, v in sorted(content.items()) if v not in (None, "", "0"))


def export_csv(
    session: ProjectSession, wanted: HistoryFilter, path: Path | str
) -> tuple[Path, int]:
    """Every matching entry (not only the ones shown) to CSV, oldest first."""
    rows, _total = entries(session, wanted, limit=None)
    rows.reverse()
    headers = ["When (UTC)", "Revision", "Who", "Kind", "Record", "Field", "Old value", "New value"]
    data = [[r.at, r.revision, r.who, r.kind, r.subject, r.field, r.old, r.new] for r in rows]
    try:
        return write_csv(Path(path), headers, data), len(rows)
    except WriteFailed as exc:
        raise HistoryExportFailed(path, exc.reason) from None
