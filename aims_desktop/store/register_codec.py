"""Field values of register records to and from their columns and change-log text, by kind."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from typing import Any

from aims_desktop.domain.fields import FieldKind, FieldSpec, RegisterRecord
from aims_desktop.domain.registers.spec import RegisterSpec


def to_column(field: FieldSpec, value: Any) -> Any:
    kind = field.kind
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.PERSON):
        return value or ""
    if kind is FieldKind.DATE:
        return value.isoformat() if isinstance(value, date) else None
    if kind is FieldKind.CHOICE:
        return value.value if isinstance(value, StrEnum) else None
    if kind is FieldKind.CHOICES:
        order = [m.value for m in field.enum] if field.enum else sorted(str(v) for v in value)
        chosen = {str(getattr(v, "value", v)) for v in value}
        return ",".join(v for v in order if v in chosen)
    if kind in (FieldKind.SCALE, FieldKind.NUMBER):
        return int(value) if value is not None else None
    if kind is FieldKind.FLAG:
        return 1 if value else 0
    raise ValueError(f"{field.name}: a {kind.value} field is not kept in a column")


def from_column(field: FieldSpec, raw: Any) -> Any:
    """The field's typed value (enum members, dates, booleans), ready for the record model.
    ValueError if the stored value is not one the field can hold."""
    kind = field.kind
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.PERSON):
        if raw is not None and not isinstance(raw, str):
            raise ValueError(f"{field.name} holds {type(raw).__name__}, not text")
        return raw or ""
    if kind is FieldKind.CHOICE:
        if raw is None:
            return None
        assert field.enum is not None
        return field.enum(raw)
    if kind is FieldKind.CHOICES:
        assert field.enum is not None
        enum = field.enum
        return frozenset(enum(part) for part in (raw or "").split(",") if part)
    if kind is FieldKind.DATE:
        return date.fromisoformat(raw) if raw else None
    if kind is FieldKind.FLAG:
        if raw not in (0, 1):
            raise ValueError(f"{field.name} holds {raw!r}, not 0 or 1")
        return bool(raw)
    if kind in (FieldKind.SCALE, FieldKind.NUMBER):
        if raw is not None and (not isinstance(raw, int) or isinstance(raw, bool)):
            raise ValueError(f"{field.name} holds {raw!r}, not a whole number")
        return raw
    return raw


def to_log(field: FieldSpec, value: Any) -> str | None:
    """A value as the change log keeps it: the stored form, readable and stable."""
    if field.kind is FieldKind.LINK:
        return "\n".join(value) if value else ""
    column = to_column(field, value)
    return None if column is None else str(column)


def record_values(spec: RegisterSpec, record: RegisterRecord) -> dict[str, Any]:
    return {f.name: to_column(f, getattr(record, f.name)) for f in spec.value_fields}


def record_to_log(spec: RegisterSpec, record: RegisterRecord) -> str:
    """A whole record as one change-log value (created or deleted): every field, links too."""
    content: dict[str, Any] = {f.name: to_log(f, getattr(record, f.name)) for f in spec.fields}
    parent = getattr(record, "parent_id", None)
    if parent is not None:
        content["parent_id"] = parent
    return json.dumps(content, ensure_ascii=False, sort_keys=True)
