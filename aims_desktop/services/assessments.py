"""Answering the guidance questions and recording where the organisation stands on each item."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from aims_desktop.catalog import CatalogItem
from aims_desktop.domain.assessment import Assessment, check_assessment
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.status import Answer, Status
from aims_desktop.domain.text_limits import check_text_length
from aims_desktop.services.session import ProjectSession

EDITABLE = ("status", "justification", "notes", "owner", "target_date")

_FIELD_NAMES = {
    "status": "status",
    "justification": "justification",
    "notes": "notes",
    "owner": "owner",
    "target_date": "target date",
}


def _describe(item: CatalogItem, values: dict[str, Any]) -> str:
    if set(values) == {"status"}:
        return f"Set {item.id} to “{Status(values['status']).label}”"
    if values.get("status") is Status.NOT_APPLICABLE:
        return f"Exclude {item.id} from the Statement of Applicability"
    names = [_FIELD_NAMES[k] for k in values]
    return f"Edit {' and '.join(names)} of {item.id}"


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
    try:
        candidate = Assessment.model_validate({**current.model_dump(), **values})
    except ValidationError as exc:
        raise RuleViolation(f"{item.id}: {exc.errors()[0]['msg']}") from None
    check_assessment(item, candidate)
    typed = {k: getattr(candidate, k) for k in values}
    changes = session.db.update_assessment(item_id, typed, session.user)
    return ChangeSet(_describe(item, typed), tuple(changes))


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
    session: ProjectSession, item_id: str, status: Status = Status.NOT_ASSESSED
) -> ChangeSet:
    """Bring an excluded control back into the Statement of Applicability."""
    if status is Status.NOT_APPLICABLE:
        raise ValueError("include_control needs an implementation status")
    changes = update_assessment(session, item_id, status=status)
    return ChangeSet(f"Include {item_id} in the Statement of Applicability", changes.changes)
