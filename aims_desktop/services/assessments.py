"""Answering the guidance questions and recording where the organisation stands on each item."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from aims_desktop.catalog import CatalogItem
from aims_desktop.domain.assessment import (
    IMPLEMENTATION_STATUSES,
    Applicability,
    Assessment,
    check_assessment,
)
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.status import Answer, Status
from aims_desktop.domain.text_limits import check_text_length
from aims_desktop.services.session import ProjectSession

EDITABLE = ("status", "justification", "notes", "owner", "target_date", "applicability")

_FIELD_NAMES = {
    "status": "status",
    "justification": "justification",
    "notes": "notes",
    "owner": "owner",
    "target_date": "target date",
    "applicability": "applicability",
}


def _describe(item: CatalogItem, values: dict[str, Any], asked: set[str]) -> str:
    if values.get("status") is Status.NOT_APPLICABLE:
        return f"Exclude {item.id} from the Statement of Applicability"
    if asked == {"applicability"}:
        if values["applicability"] is Applicability.APPLICABLE:
            return f"Include {item.id} in the Statement of Applicability"
        return f"Mark {item.id} as not decided yet"
    if "status" in asked and asked <= {"status", "applicability"}:
        return f"Set {item.id} to “{Status(values['status']).label}”"
    names = [_FIELD_NAMES[k] for k in values if k in asked]
    return f"Edit {' and '.join(names)} of {item.id}"


def _with_applicability(
    item: CatalogItem, current: Assessment, values: dict[str, Any]
) -> dict[str, Any]:
    """Keep a control's applicability and status saying the same thing: excluding sets both;
    leaving the exclusion (by a status or a decision) clears it; recording how far a control is
    implemented decides that it applies."""
    if not item.is_control:
        return values
    values = dict(values)
    status = values.get("status")
    applicability = values.get("applicability")
    if isinstance(applicability, str):
        applicability = values["applicability"] = Applicability(applicability)
    if isinstance(status, str):
        status = values["status"] = Status(status)
    if status is Status.NOT_APPLICABLE:
        values["applicability"] = Applicability.EXCLUDED
    elif applicability is Applicability.EXCLUDED:
        values["status"] = Status.NOT_APPLICABLE
    elif applicability is not None and current.excluded and status is None:
        values["status"] = Status.NOT_ASSESSED
    elif (
        status is not None
        and (current.excluded or status in IMPLEMENTATION_STATUSES)
        and current.applicability is not Applicability.APPLICABLE
    ):
        values["applicability"] = Applicability.APPLICABLE
    return values


def update_assessment(session: ProjectSession, item_id: str, **values: Any) -> ChangeSet:
    """Change fields of one item's assessment in one transaction, enforcing the rules."""
    item = session.catalog.item(item_id)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"cannot edit {sorted(unknown)} of an assessment")
    if isinstance(values.get("target_date"), str):
        values["target_date"] = (
            date.fromisoformat(values["target_date"]) if values["target_date"] else None
        )
    for name in ("justification", "notes", "owner"):
        if isinstance(values.get(name), str):
            check_text_length(f"the {_FIELD_NAMES[name]} of {item.id}", values[name])
    current = session.db.assessment(item_id)
    asked = set(values)
    values = _with_applicability(item, current, values)
    try:
        candidate = Assessment.model_validate({**current.model_dump(), **values})
    except ValidationError as exc:
        raise RuleViolation(f"{item.id}: {exc.errors()[0]['msg']}") from None
    check_assessment(item, candidate)
    typed = {k: getattr(candidate, k) for k in values}
    changes = session.db.update_assessment(item_id, typed, session.user)
    return ChangeSet(_describe(item, typed, asked), tuple(changes))


def set_answer(
    session: ProjectSession, item_id: str, question_key: str, answer: Answer | None
) -> ChangeSet:
    """Record the answer to one guidance question (None clears it)."""
    item = session.catalog.item(item_id)
    keys = [q.key for q in item.questions]
    if question_key not in keys:
        raise RuleViolation(f"{item.id} has no guidance question {question_key}.")
    number = keys.index(question_key) + 1
    subject = f"{item.id} question {number}"
    changes = session.db.set_answer(item_id, question_key, answer, session.user, subject)
    label = answer.label if answer is not None else "no answer"
    return ChangeSet(f"Answer “{label}” to {subject}", tuple(changes))


def exclude_control(session: ProjectSession, item_id: str, justification: str) -> ChangeSet:
    """Exclude an Annex A control from the SoA; refused without a justification."""
    return update_assessment(
        session, item_id, status=Status.NOT_APPLICABLE, justification=justification
    )


def include_control(
    session: ProjectSession, item_id: str, status: Status | None = None
) -> ChangeSet:
    """Decide that a control applies (bringing an excluded one back, with no status yet)."""
    if status is Status.NOT_APPLICABLE:
        raise ValueError("include_control needs an implementation status")
    values: dict[str, Any] = {"applicability": Applicability.APPLICABLE}
    if status is not None:
        values["status"] = status
    changes = update_assessment(session, item_id, **values)
    return ChangeSet(f"Include {item_id} in the Statement of Applicability", changes.changes)


def set_applicability(
    session: ProjectSession,
    item_id: str,
    applicability: Applicability,
    justification: str | None = None,
) -> ChangeSet:
    """The three-way choice of the Annex A review: not decided yet, applicable, or excluded
    (which needs a justification: give it here to make both one step)."""
    if not session.catalog.item(item_id).is_control:
        raise RuleViolation(f"{item_id} is a clause: only Annex A controls can be excluded.")
    values: dict[str, Any] = {"applicability": applicability}
    if justification is not None:
        values["justification"] = justification
    return update_assessment(session, item_id, **values)
