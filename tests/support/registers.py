"""Sample values for any register, built from its field kinds, so that one test covers every
register the application has (and every register added later)."""

from __future__ import annotations

from datetime import date
from typing import Any

from aims_desktop.domain.fields import FieldKind
from aims_desktop.domain.registers import RegisterSpec


def sample_values(spec: RegisterSpec, n: int = 1, **overrides: Any) -> dict[str, Any]:
    """A value for every non-link field: text that says which field it is, the first choice,
    the middle of a scale, a date; flags at their defaults (rules often hang on them)."""
    values: dict[str, Any] = {}
    for field in spec.value_fields:
        kind = field.kind
        if field.name == "ref":
            continue
        if kind in (FieldKind.TEXT, FieldKind.PERSON):
            values[field.name] = f"{field.title} {n} \u2013 Zażółć “Ωμέγα” <b>&amp;"
        elif kind is FieldKind.LONG_TEXT:
            values[field.name] = f"{field.title} {n}\nsecond line, ünïcødé"
        elif kind is FieldKind.DATE:
            values[field.name] = date(2026, 3, min(28, n))
        elif kind is FieldKind.CHOICE and field.enum is not None:
            values[field.name] = list(field.enum)[n % len(field.enum)]
        elif kind is FieldKind.CHOICES and field.enum is not None:
            values[field.name] = frozenset(list(field.enum)[:2])
        elif kind is FieldKind.SCALE:
            low, high = field.minimum or 1, field.maximum or 5
            values[field.name] = (low + high) // 2
        elif kind is FieldKind.NUMBER:
            values[field.name] = 7 * n
    values.update(spec.extra.get("sample", {}))
    values.update(overrides)
    return values
