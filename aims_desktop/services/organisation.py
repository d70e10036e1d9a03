"""The organisation profile and the AIMS scope statement."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.organisation import ORGANISATION_NAME_LENGTH, Organisation
from aims_desktop.domain.text_limits import check_text_length
from aims_desktop.services.session import ProjectSession

_LABELS = {
    "name": "organisation name",
    "sector": "sector",
    "size": "size",
    "country": "country",
    "roles": "AI roles",
    "scope": "scope statement",
    "climate_change": "climate change answer",
    "climate_note": "climate change reasoning",
    "scope_version": "scope version",
    "scope_approved_by": "scope approver",
    "scope_approved_on": "scope approval date",
}


def update_organisation(session: ProjectSession, **values: Any) -> ChangeSet:
    unknown = set(values) - set(_LABELS)
    if unknown:
        raise TypeError(f"cannot edit {sorted(unknown)} of the organisation")
    for name, value in values.items():
        if isinstance(value, str):
            check_text_length(f"the {_LABELS[name]}", value)
    current = session.organisation()
    try:
        candidate = Organisation.model_validate({**current.model_dump(), **values})
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        if field == "name" and str(values.get("name", "")).strip():
            raise RuleViolation(
                f"The organisation's name can be at most {ORGANISATION_NAME_LENGTH} characters "
                "long."
            ) from None
        if field == "name":
            raise RuleViolation("The organisation needs a name.") from None
        raise RuleViolation(f"The {_LABELS.get(field, field)} is not valid.") from None
    typed = {k: getattr(candidate, k) for k in values}
    changes = session.db.update_organisation(typed, session.user)
    names = " and ".join(_LABELS[k] for k in values)
    return ChangeSet(f"Edit {names}", tuple(changes))
