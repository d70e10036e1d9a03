"""How a register declares its fields: a pydantic field plus a title, help text and a kind.

The kind is what every generic part of the application reads: the store picks a column type, the
form picks a widget, import parses a spreadsheet cell, export writes one, a report prints one. A
register therefore never needs its own table, form or exporter; it declares its fields with the
helpers below and says nothing else about how they are kept or shown.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

TEXT_LIMIT = 500
"""Characters in a one-line field: a name, a title, a reference."""

LONG_TEXT_LIMIT = 1_000_000
"""Characters in a long text field (about 1 MB): far more than any description needs, small
enough that the window, the reports and the file stay responsive."""


class FieldKind(StrEnum):
    """What a field holds, as every generic part of the application understands it."""

    TEXT = "text"  # one line of text
    LONG_TEXT = "long_text"  # paragraphs
    PERSON = "person"  # a person's name or role, offered from the names already used
    DATE = "date"
    CHOICE = "choice"  # one value of an enumeration, or none yet
    CHOICES = "choices"  # any number of values of an enumeration
    SCALE = "scale"  # a level on a small ordered scale (likelihood 1..5)
    NUMBER = "number"  # a whole number
    FLAG = "flag"  # yes or no
    LINK = "link"  # records of another register, or clauses and controls of the catalogue


REQUIREMENTS = "requirement"
"""Link target: any clause (4.1 to 10.2) or Annex A control of the catalogue."""
CONTROLS = "control"
"""Link target: Annex A controls only."""
RECORDS = "record_to_keep"
"""Link target: a record to keep that the catalogue names ("5.2:r1", the approved AI policy)."""
CATALOG_TARGETS = (REQUIREMENTS, CONTROLS, RECORDS)


def new_id() -> str:
    return str(uuid.uuid4())


def _field(
    kind: FieldKind,
    title: str,
    help: str,
    default: Any = ...,
    *,
    default_factory: Any = None,
    required: bool = False,
    **extra: Any,
) -> Any:
    meta = {"kind": kind.value, "required": required, **extra}
    if default_factory is not None:
        return Field(
            default_factory=default_factory,
            title=title,
            description=help,
            json_schema_extra=meta,
        )
    return Field(default=default, title=title, description=help, json_schema_extra=meta)


def text(
    title: str,
    help: str = "",
    *,
    required: bool = False,
    placeholder: str = "",
    aliases: tuple[str, ...] = (),
    hidden: bool = False,
    read_only: bool = False,
) -> Any:
    """One line of text. `hidden`: kept, exported and logged, but not shown in the record's
    form (a value the application fills in, such as where a review comment belongs).
    `read_only`: set by the application (a stored file's name), shown but never typed in or
    imported."""
    return _field(
        FieldKind.TEXT,
        title,
        help,
        "",
        required=required,
        placeholder=placeholder,
        max_length=TEXT_LIMIT,
        aliases=list(aliases),
        hidden=hidden,
        read_only=read_only,
    )


def long_text(
    title: str,
    help: str = "",
    *,
    placeholder: str = "",
    lines: int = 4,
    aliases: tuple[str, ...] = (),
) -> Any:
    return _field(
        FieldKind.LONG_TEXT,
        title,
        help,
        "",
        placeholder=placeholder,
        max_length=LONG_TEXT_LIMIT,
        lines=lines,
        aliases=list(aliases),
    )


def person(
    title: str, help: str = "", *, required: bool = False, aliases: tuple[str, ...] = ()
) -> Any:
    return _field(
        FieldKind.PERSON,
        title,
        help,
        "",
        required=required,
        max_length=TEXT_LIMIT,
        aliases=list(aliases),
    )


def date_field(title: str, help: str = "", *, required: bool = False) -> Any:
    return _field(FieldKind.DATE, title, help, None, required=required)


def choice(
    title: str, help: str = "", *, default: StrEnum | None = None, aliases: tuple[str, ...] = ()
) -> Any:
    """One value of the field's enumeration (its annotation: `MyEnum | None`)."""
    return _field(
        FieldKind.CHOICE, title, help, default, required=default is not None, aliases=list(aliases)
    )


def choices(title: str, help: str = "") -> Any:
    """Any number of values of the field's enumeration (annotation: `frozenset[MyEnum]`)."""
    return _field(FieldKind.CHOICES, title, help, default_factory=frozenset)


def scale(
    title: str,
    help: str = "",
    *,
    minimum: int = 1,
    maximum: int = 5,
    levels: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Any:
    """A level on a small scale. `levels` names a scale the project defines (the risk criteria's
    "likelihood"): its levels then bound the value and give it words ("3 Possible")."""
    return _field(
        FieldKind.SCALE,
        title,
        help,
        None,
        minimum=minimum,
        maximum=maximum,
        levels=levels,
        aliases=list(aliases),
    )


def number(
    title: str,
    help: str = "",
    *,
    minimum: int = 0,
    maximum: int = 10**9,
    read_only: bool = False,
) -> Any:
    return _field(
        FieldKind.NUMBER,
        title,
        help,
        None,
        minimum=minimum,
        maximum=maximum,
        read_only=read_only,
    )


def flag(title: str, help: str = "", *, default: bool = False) -> Any:
    return _field(FieldKind.FLAG, title, help, default)


def link(
    title: str,
    target: str,
    help: str = "",
    *,
    max_links: int | None = None,
    aliases: tuple[str, ...] = (),
) -> Any:
    """Links to records of the register `target`, or to catalogue items (REQUIREMENTS,
    CONTROLS). Kept in the project's one link table, so both ends can show them."""
    return _field(
        FieldKind.LINK,
        title,
        help,
        default_factory=tuple,
        target=target,
        max_links=max_links,
        aliases=list(aliases),
    )


class RegisterRecord(BaseModel):
    """Base of every record kept in a register: a UUID and the stamps the store keeps.

    Records are frozen: an edit makes a new record through `Model.model_validate`, so every rule
    of the model is checked again on every change.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    id: str = Field(default_factory=new_id)
    created_at: str = Field(default="", json_schema_extra={"kind": "meta"})
    updated_at: str = Field(default="", json_schema_extra={"kind": "meta"})
    changed_by: str = Field(default="", json_schema_extra={"kind": "meta"})


class ChildRecord(RegisterRecord):
    """A record that belongs to one record of another register (a document's versions, an
    objective's progress entries); it is deleted with its parent."""

    parent_id: str = Field(json_schema_extra={"kind": "meta"})


META_FIELDS = ("id", "created_at", "updated_at", "changed_by", "parent_id")


@dataclass(frozen=True)
class FieldSpec:
    """Everything the generic parts of the application need to know about one field."""

    name: str
    title: str
    help: str
    kind: FieldKind
    required: bool = False
    enum: type[StrEnum] | None = None
    target: str | None = None
    max_links: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    placeholder: str = ""
    default: Any = None
    lines: int = 4
    """Height of a long text field in lines, as the form shows it."""
    levels: str | None = None
    """For a scale: the project-defined scale that bounds it and names its levels."""
    aliases: tuple[str, ...] = ()
    """Other headings a spreadsheet may give this field's column ("impact" for consequence)."""
    hidden: bool = False
    """Filled in by the application, not typed: the form does not show it."""
    read_only: bool = False
    """Set by the application, never typed in or imported (a stored file's fingerprint)."""

    @property
    def is_link(self) -> bool:
        return self.kind is FieldKind.LINK

    @property
    def is_text(self) -> bool:
        return self.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.PERSON)

    def choice_label(self, value: StrEnum) -> str:
        return enum_label(value)

    def empty(self) -> Any:
        """The value of this field in a new record."""
        if self.kind is FieldKind.LINK:
            return ()
        if self.kind is FieldKind.CHOICES:
            return frozenset()
        return self.default


def enum_label(value: StrEnum) -> str:
    """The label an enumeration gives its value (`.label`), or its value made readable."""
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    return value.value.replace("_", " ").capitalize()


def _enum_of(annotation: Any) -> type[StrEnum] | None:
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation
    for arg in get_args(annotation):
        found = _enum_of(arg)
        if found is not None:
            return found
    return None


def field_spec(name: str, info: FieldInfo) -> FieldSpec | None:
    """The FieldSpec of a model field, or None for a field without a kind (meta fields)."""
    extra = info.json_schema_extra
    if not isinstance(extra, dict) or extra.get("kind") in (None, "meta"):
        return None
    kind = FieldKind(str(extra["kind"]))
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    return FieldSpec(
        name=name,
        title=info.title or name.replace("_", " ").capitalize(),
        help=info.description or "",
        kind=kind,
        required=bool(extra.get("required", False)),
        enum=_enum_of(info.annotation) if kind in (FieldKind.CHOICE, FieldKind.CHOICES) else None,
        target=_str_or_none(extra.get("target")),
        max_links=_int_or_none(extra.get("max_links")),
        minimum=_int_or_none(extra.get("minimum")),
        maximum=_int_or_none(extra.get("maximum")),
        max_length=_int_or_none(extra.get("max_length")),
        placeholder=str(extra.get("placeholder", "") or ""),
        default=default,
        lines=_int_or_none(extra.get("lines")) or 4,
        levels=_str_or_none(extra.get("levels")),
        aliases=_strings(extra.get("aliases")),
        hidden=bool(extra.get("hidden", False)),
        read_only=bool(extra.get("read_only", False)),
    )


def _int_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, int) else None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _str_or_none(value: Any) -> str | None:
    return str(value) if isinstance(value, str) else None


def fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The declared fields of a model, in declaration order (meta fields left out)."""
    specs = (field_spec(name, info) for name, info in model.model_fields.items())
    return tuple(s for s in specs if s is not None)


def is_date_annotation(annotation: Any) -> bool:
    return annotation is date or date in get_args(annotation) or get_origin(annotation) is date
