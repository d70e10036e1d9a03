"""A register's one declaration: its record model plus how it is listed, labelled and checked.

Like a Django ModelAdmin, the spec says what is the same for every register in one place (plural
title, list columns, default sort, a one-line label, the clauses and controls the register is
evidence for, the rules a record must keep). Everything generic (table, page, form, links panel,
import, export, report section, command line) is built from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.fields import (
    FieldKind,
    FieldSpec,
    RegisterRecord,
    enum_label,
    fields_of,
)
from aims_desktop.domain.risk_criteria import (
    CONSEQUENCE,
    DEFAULT_CRITERIA,
    LIKELIHOOD,
    RiskCriteria,
    ScaleLevel,
)

Rule = Callable[[Any], Sequence[str]]
"""A register's own rule: given a candidate record, the problems that refuse the edit (in the
user's words), or nothing."""


def _no_rules(_record: Any) -> Sequence[str]:
    return ()


@dataclass(frozen=True)
class RecordContext:
    """What the generic parts of a register need to know about the project beyond the record:
    the project's own scales (the risk criteria) that bound a scale field, name its levels and
    rate a risk. Services read it once per operation; reports take it from the snapshot."""

    criteria: RiskCriteria = DEFAULT_CRITERIA

    def scale_levels(self, name: str | None) -> tuple[ScaleLevel, ...] | None:
        if name in (LIKELIHOOD, CONSEQUENCE):
            return self.criteria.scale(name)
        return None

    def scale_text(self, field: FieldSpec, value: int | None) -> str:
        """A scale value with the word the project gives it: "3 Possible"."""
        if value is None:
            return ""
        levels = self.scale_levels(field.levels)
        if levels and 1 <= value <= len(levels):
            return f"{value} {levels[value - 1].label}"
        return str(value)


DEFAULT_CONTEXT = RecordContext()


@dataclass(frozen=True)
class ComputedColumn:
    """A list column computed from the record and the project (a risk's inherent level): shown
    in the register's list, its report and its export, never stored or edited."""

    name: str
    title: str
    help: str
    compute: Callable[[Any, RecordContext], tuple[str, Any]]
    """(text, sort key) of a record: the key sorts records as a person expects (by level)."""
    after: str = ""
    """The field it is listed after (default: at the end)."""
    kind: FieldKind = FieldKind.CHOICE
    """How wide it is, like a field of this kind."""

    def text(self, record: Any, context: RecordContext) -> str:
        return self.compute(record, context)[0]


@dataclass(frozen=True)
class StoredFile:
    """The fields of a record that describe a file kept inside the project (a document
    version's file). The bytes live once in the project's file store, keyed by SHA-256; these
    fields are set by the application when a file is attached, never typed in."""

    name: str = "file_name"
    sha256: str = "sha256"
    size: str = "size"
    media_type: str = "media_type"


@dataclass(frozen=True)
class RegisterSpec:
    key: str
    """Stable identifier: the table name, the change log's entity, the link table's register."""
    model: type[RegisterRecord]
    title: str
    """One record, as a person says it: "AI system"."""
    plural: str
    """The register, as a person says it: "AI systems"."""
    slug: str
    """The name on the command line and in file names: "ai-systems"."""
    description: str
    """What the register is for, in one or two plain sentences (our own words)."""
    evidence_for: tuple[str, ...]
    """Clauses and controls that this register is evidence for."""
    columns: tuple[str, ...]
    """Fields shown as list columns, in order (the first is the widest)."""
    sort: tuple[str, bool] = ("", False)
    """Default sort: (field, descending). "" keeps the order records were added in."""
    label_fields: tuple[str, ...] = ()
    """Fields joined into a record's one-line label (default: the first list column)."""
    rules: Rule = _no_rules
    group: str = "context"
    """Where the register is listed in the Registers section (see GROUPS)."""
    parent: str | None = None
    """For a child register: the key of the register its records belong to."""
    ref_prefix: str = ""
    """Registers with a `ref` field number new records "PREFIX-001", "PREFIX-002", ..."""
    hidden_columns: tuple[str, ...] = ()
    """List columns that start hidden (the user can show them)."""
    computed: tuple[ComputedColumn, ...] = ()
    """Columns computed from each record and the project (a risk's levels); `columns` may name
    them."""
    stored_file: StoredFile | None = None
    """For records that may hold a file kept in the project: the fields describing it."""
    guide: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Guided questions, in our own words: (field name, questions that help fill it in). The
    register page shows them beside the form, and the reports print them with the answers."""
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def fields(self) -> tuple[FieldSpec, ...]:
        return fields_of(self.model)

    @cached_property
    def field_map(self) -> dict[str, FieldSpec]:
        return {f.name: f for f in self.fields}

    def field(self, name: str) -> FieldSpec:
        try:
            return self.field_map[name]
        except KeyError:
            raise KeyError(f"the register {self.key} has no field {name!r}") from None

    def computed_column(self, name: str) -> ComputedColumn | None:
        return next((c for c in self.computed if c.name == name), None)

    @cached_property
    def value_fields(self) -> tuple[FieldSpec, ...]:
        """Fields kept in the register's own table (links are kept in the link table).
        Cached: reading a long register asks for them once per record."""
        return tuple(f for f in self.fields if not f.is_link)

    @cached_property
    def link_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.is_link)

    @property
    def editable_fields(self) -> tuple[FieldSpec, ...]:
        """Fields a person types in or imports (not those the application sets)."""
        return tuple(f for f in self.fields if not f.read_only)

    def questions_for(self, name: str) -> tuple[str, ...]:
        """The guided questions that help fill in one field."""
        return next((questions for field, questions in self.guide if field == name), ())

    def label(self, record: RegisterRecord) -> str:
        """The one-line label of a record: what lists, links and the change log call it."""
        names = self.label_fields or self.columns[:1]
        parts = [display(self.field(n), getattr(record, n)) for n in names]
        text = " ".join(p for p in parts if p)
        return text or f"(untitled {self.title.lower()})"

    def check(self, record: RegisterRecord, context: RecordContext | None = None) -> list[str]:
        """Every problem that refuses this record: generic limits first (a scale within the
        project's scale, when the context is known), then the register's own rules."""
        problems = [
            p for f in self.fields if (p := field_problem(f, getattr(record, f.name), context))
        ]
        if not problems:
            problems.extend(self.rules(record))
        return problems

    def validate(
        self, values: dict[str, Any], context: RecordContext | None = None
    ) -> RegisterRecord:
        """A record from field values, or RuleViolation with the first problem in plain words."""
        try:
            record = self.model.model_validate(values)
        except ValidationError as exc:
            raise RuleViolation(_pydantic_message(self, exc)) from None
        problems = self.check(record, context)
        if problems:
            raise RuleViolation(problems[0])
        return record


def field_problem(spec: FieldSpec, value: Any, context: RecordContext | None = None) -> str | None:
    """What is wrong with one value of a field, in the user's words, or None."""
    if spec.is_text:
        text = value or ""
        if spec.required and not text.strip():
            return f"“{spec.title}” cannot be left empty."
        if spec.max_length is not None and len(text) > spec.max_length:
            return (
                f"“{spec.title}” is {len(text):,} characters long; it can hold at most "
                f"{spec.max_length:,}. Keep long documents as files in the document register."
            )
    elif spec.kind is FieldKind.DATE:
        if spec.required and value is None:
            return f"“{spec.title}” needs a date."
    elif spec.kind in (FieldKind.SCALE, FieldKind.NUMBER):
        if value is not None:
            if spec.minimum is not None and value < spec.minimum:
                return f"“{spec.title}” cannot be less than {spec.minimum}."
            levels = context.scale_levels(spec.levels) if context is not None else None
            if levels and value > len(levels):
                top = f"{len(levels)} ({levels[-1].label})"
                return (
                    f"“{spec.title}” can be at most {top}: your {spec.levels} scale has "
                    f"{len(levels)} levels (see the risk criteria)."
                )
            if spec.maximum is not None and value > spec.maximum:
                return f"“{spec.title}” cannot be more than {spec.maximum}."
    elif spec.kind is FieldKind.LINK:
        if spec.max_links is not None and len(value) > spec.max_links:
            return f"“{spec.title}” can link to at most {spec.max_links} record(s)."
        if len(set(value)) != len(value):
            return f"“{spec.title}” links to the same record twice."
    elif spec.kind is FieldKind.CHOICE and spec.required and value is None:
        return f"Choose a value for “{spec.title}”."
    return None


def _pydantic_message(spec: RegisterSpec, exc: ValidationError) -> str:
    error = exc.errors()[0]
    name = str(error["loc"][0]) if error["loc"] else ""
    title = spec.field_map[name].title if name in spec.field_map else name
    kind = spec.field_map[name].kind if name in spec.field_map else None
    expected = (
        {
            FieldKind.DATE: "a date (for example 2026-03-31)",
            FieldKind.SCALE: "a whole number",
            FieldKind.NUMBER: "a whole number",
            FieldKind.FLAG: "yes or no",
            FieldKind.CHOICE: "one of the listed values",
            FieldKind.CHOICES: "values from the list",
        }.get(kind)
        if kind
        else None
    )
    if expected:
        return f"“{title}” needs {expected}."
    return f"“{title}” is not valid: {error['msg']}."


def display(spec: FieldSpec, value: Any) -> str:
    """A value as a person reads it in a list, an export or a report (links are not resolved
    here: the caller knows the other registers)."""
    if value is None:
        return ""
    if spec.kind is FieldKind.DATE and isinstance(value, date):
        return value.isoformat()
    if spec.kind is FieldKind.FLAG:
        return "Yes" if value else "No"
    if spec.kind is FieldKind.CHOICE and isinstance(value, StrEnum):
        return enum_label(value)
    if spec.kind is FieldKind.CHOICES:
        order = list(spec.enum) if spec.enum else sorted(value)
        return ", ".join(enum_label(v) for v in order if v in value)
    if spec.kind is FieldKind.LINK:
        return ", ".join(value)
    return str(value)


GROUPS: dict[str, str] = {
    "context": "4 Context",
    "planning": "6 Planning and risk",
    "support": "7 Support",
    "operation": "8 Operation",
    "evaluation": "9 Performance evaluation",
    "improvement": "10 Improvement",
    "certification": "Certification and review",
}
"""The groups of the Registers section, in the standard's order."""
