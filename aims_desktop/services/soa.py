"""The Statement of Applicability as a controlled document: its number, version and approval,
kept in the project file and printed on the statement."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.soa import SOA_FIELDS, StatementOfApplicability, soa_problems
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.planning_repository import PlanningStore


def document(session: ProjectSession) -> StatementOfApplicability:
    return PlanningStore(session.db).soa_document()


def update_document(session: ProjectSession, **values: Any) -> ChangeSet:
    """Change the statement's number, version, approver or approval date (one undo step)."""
    unknown = set(values) - set(SOA_FIELDS)
    if unknown:
        raise TypeError(f"cannot edit {sorted(unknown)} of the Statement of Applicability")
    if isinstance(values.get("approved_on"), str):
        text = values["approved_on"].strip()
        try:
            values["approved_on"] = date.fromisoformat(text) if text else None
        except ValueError:
            raise RuleViolation(f"“{text}” is not a date (use 2026-03-31).") from None
    for name in ("number", "version", "approved_by"):
        if name in values:
            values[name] = " ".join(str(values[name] or "").split())
    current = document(session)
    try:
        candidate = StatementOfApplicability.model_validate({**current.model_dump(), **values})
    except ValidationError:
        raise RuleViolation(
            "The approval date of the Statement of Applicability is not valid."
        ) from None
    problems = soa_problems(candidate)
    if problems:
        raise RuleViolation(problems[0])
    typed = {k: getattr(candidate, k) for k in values}
    changes = PlanningStore(session.db).update_soa_document(typed, session.user)
    names = " and ".join(SOA_FIELDS[k] for k in values)
    return ChangeSet(f"Edit the {names} of the Statement of Applicability", tuple(changes))
