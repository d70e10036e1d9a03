"""Conversion between domain values and the text stored in columns and in the change log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from aims_desktop.domain.assessment import Applicability
from aims_desktop.domain.organisation import AIRole, ClimateRelevance, OrgSize
from aims_desktop.domain.status import Answer, Status


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _roles_encode(value: Any) -> str:
    return ",".join(r.value for r in sorted(value, key=list(AIRole).index))


def _roles_decode(text: str | None) -> frozenset[AIRole]:
    return frozenset(AIRole(part) for part in (text or "").split(",") if part)


def _date_encode(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _date_decode(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


Codec = tuple[Callable[[Any], str | None], Callable[[str | None], Any]]

_PLAIN: Codec = (_text, lambda t: t or "")

ORGANISATION_FIELDS: dict[str, Codec] = {
    "name": _PLAIN,
    "sector": _PLAIN,
    "size": (lambda v: OrgSize(v).value, lambda t: OrgSize(t or "")),
    "country": _PLAIN,
    "roles": (_roles_encode, _roles_decode),
    "scope": _PLAIN,
    "climate_change": (
        lambda v: ClimateRelevance(v).value if v is not None else None,
        lambda t: ClimateRelevance(t) if t else None,
    ),
    "climate_note": _PLAIN,
    "scope_version": _PLAIN,
    "scope_approved_by": _PLAIN,
    "scope_approved_on": (_date_encode, _date_decode),
}

ASSESSMENT_FIELDS: dict[str, Codec] = {
    "status": (lambda v: Status(v).value, lambda t: Status(t or Status.NOT_ASSESSED)),
    "justification": _PLAIN,
    "notes": _PLAIN,
    "owner": _PLAIN,
    "target_date": (_date_encode, _date_decode),
    "applicability": (
        lambda v: Applicability(v).value,
        lambda t: Applicability(t or Applicability.UNDECIDED),
    ),
}

ANSWER_FIELDS: dict[str, Codec] = {
    "answer": (
        lambda v: Answer(v).value if v is not None else None,
        lambda t: Answer(t) if t else None,
    ),
}


def encode(fields: dict[str, Codec], name: str, value: Any) -> str | None:
    return fields[name][0](value)


def decode(fields: dict[str, Codec], name: str, text: str | None) -> Any:
    return fields[name][1](text)
