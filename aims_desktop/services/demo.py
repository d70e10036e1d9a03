"""The demo project: a fictional small company, partly assessed, with its registers and documents.

Used by `aims-desktop demo`, the welcome screen's "Open the demo project", the README screenshots
and many tests. Its story lives in resources/demo/demo_project.toml.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

from aims_desktop.domain.assessment import Applicability
from aims_desktop.domain.fields import CATALOG_TARGETS, FieldKind
from aims_desktop.domain.organisation import AIRole, ClimateRelevance, OrgSize
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import MANAGEMENT_REVIEW
from aims_desktop.domain.status import Answer, Status
from aims_desktop.resources import resource_path
from aims_desktop.services import (
    assessments,
    documents,
    evaluation,
    organisation,
    registers,
    soa,
)
from aims_desktop.services.project import new_project, save_project
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.repository import Clock, utc_now

_ANSWER_CODES = {"y": Answer.YES, "p": Answer.PARTLY, "n": Answer.NO, "?": Answer.NOT_SURE}

DEMO_USER = "Priya Shah"


def _story() -> dict[str, Any]:
    with resource_path("demo", "demo_project.toml").open("rb") as handle:
        return tomllib.load(handle)


def build_demo(*, clock: Clock = utc_now, user: str = DEMO_USER) -> ProjectSession:
    """An unsaved session holding the demo project, dated relative to `clock`."""
    story = _story()
    org = story["organisation"]
    session = new_project(org["name"], user=user, clock=clock)
    today = session.today()
    organisation.update_organisation(
        session,
        sector=org["sector"],
        size=OrgSize(org["size"]),
        country=org["country"],
        roles=frozenset(AIRole(r) for r in org["roles"]),
        scope=" ".join(org["scope"].split()),
        climate_change=ClimateRelevance(org["climate_change"]),
        climate_note=" ".join(org["climate_note"].split()),
        scope_version=org["scope_version"],
        scope_approved_by=org["scope_approved_by"],
        scope_approved_on=today + timedelta(days=org["scope_approved_on"]),
    )
    _add_records(session, story.get("records", {}))
    for review in registers.records(session, MANAGEMENT_REVIEW):  # inputs from the project
        evaluation.prefill_review(session, review.id)
    for entry in story["assessment"]:
        item_id = entry["id"]
        for number, code in enumerate(entry.get("answers", ""), start=1):
            if code in _ANSWER_CODES:
                assessments.set_answer(session, item_id, f"q{number}", _ANSWER_CODES[code])
        values: dict[str, Any] = {
            "status": Status(entry.get("status", Status.NOT_ASSESSED.value)),
            "justification": entry.get("justification", ""),
            "notes": entry.get("notes", ""),
            "owner": entry.get("owner", ""),
        }
        if "applicability" in entry:
            values["applicability"] = Applicability(entry["applicability"])
        if "due" in entry:
            values["target_date"] = today + timedelta(days=entry["due"])
        assessments.update_assessment(session, item_id, **values)
    document = dict(story.get("soa_document", {}))
    if isinstance(document.get("approved_on"), int):
        document["approved_on"] = today + timedelta(days=document["approved_on"])
    if document:
        soa.update_document(session, **document)
    return session


def _keys_of(entry: dict[str, Any]) -> list[str]:
    """How other entries may name a record: its reference, its name or its title."""
    return [str(entry[k]) for k in ("ref", "name", "title") if entry.get(k)]


def _add_records(session: ProjectSession, story: dict[str, list[dict[str, Any]]]) -> None:
    """Create the story's register records in register order (a child record names its parent
    by reference with `parent`; a record holding a file names it with `file`, a file of
    resources/demo/evidence), then set every link, naming records by reference (or name)."""
    today = session.today()
    folder = resource_path("demo", "evidence")
    ids: dict[tuple[str, str], str] = {}
    links: list[tuple[str, str, dict[str, list[str]]]] = []
    for key, spec in REGISTERS.items():
        for entry in story.get(key, []):
            values: dict[str, Any] = {}
            pending: dict[str, list[str]] = {}
            parent_id = None
            for name, raw in entry.items():
                if name == "parent":
                    assert spec.parent is not None, f"{key} records have no parent"
                    parent_id = ids[(spec.parent, str(raw))]
                    continue
                if name == "file":
                    assert spec.stored_file is not None, f"{key} records hold no file"
                    copy = documents.store_path(session, folder / str(raw))
                    names = spec.stored_file
                    values[names.name] = copy.file_name
                    values[names.sha256] = copy.sha256
                    values[names.size] = copy.size
                    values[names.media_type] = copy.media_type
                    continue
                field = spec.field(name)
                if field.kind is FieldKind.LINK:
                    pending[name] = list(raw)
                elif field.kind is FieldKind.DATE and isinstance(raw, int):
                    values[name] = today + timedelta(days=raw)
                elif field.kind is FieldKind.LONG_TEXT and isinstance(raw, str):
                    values[name] = " ".join(raw.split())
                else:
                    values[name] = raw
            change = registers.add(session, key, values, parent_id=parent_id)
            record_id = change.changes[0].entity_id
            for name in _keys_of(entry):
                ids[(key, name)] = record_id
            if pending:
                links.append((key, record_id, pending))
    for key, record_id, pending in links:
        spec = REGISTERS[key]
        resolved: dict[str, Any] = {}
        for name, refs in pending.items():
            target = spec.field(name).target or ""
            resolved[name] = tuple(
                ref if target in CATALOG_TARGETS else ids[(target, ref)] for ref in refs
            )
        registers.edit(session, key, record_id, **resolved)


def write_demo(target: Path | str, *, clock: Clock = utc_now) -> Path:
    """Write the demo project to `target` and close it."""
    session = build_demo(clock=clock)
    try:
        return save_project(session, target)
    finally:
        session.project.close()
