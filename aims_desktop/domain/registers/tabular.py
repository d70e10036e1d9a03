"""A register as rows and columns: what export writes and what import reads, from the spec.

Export writes every field, one column each, headed by the field's title; import maps a
spreadsheet's columns to fields (guessing from the headings), parses every cell by the field's
kind and reports each row that cannot be imported with its reason, in the user's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from aims_desktop.domain.fields import FieldKind, FieldSpec, RegisterRecord, enum_label
from aims_desktop.domain.registers.spec import RecordContext, RegisterSpec, display

Cell = str | int | float | date | datetime | bool | None


PARENT = "parent_id"
"""The column of a child register's spreadsheet that names the record each row belongs to."""


def parent_field(spec: RegisterSpec) -> FieldSpec | None:
    """For a child register (a document's versions), the first column of its spreadsheet: the
    record each row belongs to, named as a link to the parent register is."""
    if spec.parent is None:
        return None
    from aims_desktop.domain.registers import register

    parent = register(spec.parent)
    return FieldSpec(
        name=PARENT,
        title=parent.title,
        help="",
        kind=FieldKind.LINK,
        required=True,
        target=parent.key,
        max_links=1,
    )


def export_headers(spec: RegisterSpec) -> list[str]:
    """The parent's label (a child record), every field's title, then the computed columns (a
    risk's levels), which import ignores."""
    parent = parent_field(spec)
    return (
        ([parent.title] if parent else [])
        + [f.title for f in spec.fields]
        + [c.title for c in spec.computed]
    )


def export_row(
    spec: RegisterSpec,
    record: RegisterRecord,
    link_label: Callable[[FieldSpec, str], str],
    context: RecordContext | None = None,
) -> list[Cell]:
    """One record as cells: dates stay dates (a spreadsheet can sort them), numbers numbers,
    everything else the text a person reads. A child record starts with its parent's label."""
    row: list[Cell] = []
    parent = parent_field(spec)
    if parent is not None:
        row.append(link_label(parent, str(getattr(record, PARENT, ""))))
    for f in spec.fields:
        value = getattr(record, f.name)
        if f.kind is FieldKind.DATE or f.kind in (FieldKind.SCALE, FieldKind.NUMBER):
            row.append(value)
        elif f.kind is FieldKind.LINK:
            row.append("; ".join(link_label(f, v) for v in value))
        else:
            row.append(display(f, value))
    for column in spec.computed:
        row.append(column.text(record, context or RecordContext()))
    return row


# -- import ------------------------------------------------------------------------------------


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def guess_mapping(spec: RegisterSpec, headers: Sequence[str]) -> dict[int, str]:
    """Column index -> field name for headings that name a field (by title or name). Fields
    the application sets (a stored file's fingerprint) are never imported."""
    by_name: dict[str, str] = {}
    parent = parent_field(spec)
    for f in (*([parent] if parent else []), *spec.editable_fields):
        by_name[_normal(f.title)] = f.name
        by_name[_normal(f.name)] = f.name
    for f in spec.fields:  # other words for a column ("impact"), never over a field's own name
        for alias in f.aliases:
            by_name.setdefault(_normal(alias), f.name)
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        key = _normal(str(header or ""))
        name = by_name.get(key)
        if name is None and key:
            # "likelihood (1-5)" -> "likelihood"; "System name" -> "name"
            candidates = [n for k, n in by_name.items() if k and (k in key.split() or key in k)]
            name = candidates[0] if len(candidates) == 1 else None
        if name is not None and name not in used:
            mapping[index] = name
            used.add(name)
    return mapping


_TRUE = {"yes", "y", "true", "1", "x", "✓", "ja", "oui", "tak", "si", "sí"}
_FALSE = {"no", "n", "false", "0", "", "nein", "non", "nie"}

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%Y/%m/%d",
    "%d/%m/%y",
    "%b %Y",
    "%Y-%m",
)


def parse_date(raw: Cell) -> date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a date this application understands (use 2026-03-31)")


def _enum_member(field: FieldSpec, text: str) -> StrEnum:
    wanted = _normal(text)
    for member in field.enum or ():
        if wanted in (_normal(member.value), _normal(enum_label(member))):
            return member
    for member in field.enum or ():  # other words for it ("Done", "In progress")
        aliases = getattr(member, "aliases", ())
        if isinstance(aliases, tuple) and wanted in {_normal(str(a)) for a in aliases}:
            return member
    allowed = ", ".join(enum_label(m) for m in field.enum or ())
    raise ValueError(f"“{text}” is not one of: {allowed}")


def _scale_level(field: FieldSpec, text: str, context: RecordContext | None) -> int | None:
    """A level of a project scale named by its word ("Likely"), or "4 Likely"; None if the
    text is no such word."""
    levels = context.scale_levels(field.levels) if context is not None else None
    if not levels:
        return None
    wanted = _normal(text)
    for number, level in enumerate(levels, start=1):
        if wanted in (_normal(level.label), _normal(f"{number} {level.label}")):
            return number
    return None


def parse_cell(
    field: FieldSpec,
    raw: Cell,
    resolve: Callable[[FieldSpec, str], str],
    context: RecordContext | None = None,
) -> Any:
    """A spreadsheet cell as the field's value; ValueError with a plain message if it is not
    one. `resolve` turns a reference or name of a linked record into its id; `context` gives
    the words of the project's scales, so "Likely" reads as a likelihood of 4."""
    kind = field.kind
    text = "" if raw is None else (str(raw) if not isinstance(raw, float) else _number_text(raw))
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # the guard our CSV export puts before formula-like text
    if kind in (FieldKind.TEXT, FieldKind.PERSON):
        return " ".join(text.split())
    if kind is FieldKind.LONG_TEXT:
        return text.strip()
    if kind is FieldKind.DATE:
        return parse_date(raw)
    if kind is FieldKind.FLAG:
        lowered = text.strip().casefold()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"“{text}” is not yes or no")
    if kind is FieldKind.CHOICE:
        return _enum_member(field, text) if text.strip() else None
    if kind is FieldKind.CHOICES:
        parts = [p for p in re.split(r"[;,\n]", text) if p.strip()]
        return frozenset(_enum_member(field, p) for p in parts)
    if kind in (FieldKind.SCALE, FieldKind.NUMBER):
        if not text.strip():
            return None
        try:
            number = float(text.strip())
        except ValueError:
            level = _scale_level(field, text, context)
            if level is not None:
                return level
            levels = context.scale_levels(field.levels) if context is not None else None
            if levels:
                words = ", ".join(f"{n} {lv.label}" for n, lv in enumerate(levels, start=1))
                raise ValueError(f"“{text}” is not a level of the scale ({words})") from None
            raise ValueError(f"“{text}” is not a number") from None
        if number != int(number):
            raise ValueError(f"“{text}” is not a whole number")
        return int(number)
    if kind is FieldKind.LINK:
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        return tuple(dict.fromkeys(resolve(field, p) for p in parts))
    raise ValueError(f"a {kind.value} field cannot be imported")


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it (the heading is row 1)
    message: str


@dataclass
class ImportPlan:
    """What an import would add: the values of each good row, and each bad row's reason."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped_empty: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def plan_import(
    spec: RegisterSpec,
    rows: Sequence[Sequence[Cell]],
    mapping: dict[int, str],
    resolve: Callable[[FieldSpec, str], str],
    *,
    first_row: int = 2,
    context: RecordContext | None = None,
) -> ImportPlan:
    """Parse every row by the mapping; empty rows are skipped, bad ones explained."""
    plan = ImportPlan()
    for offset, row in enumerate(rows):
        number = first_row + offset
        if all(c is None or str(c).strip() == "" for c in row):
            plan.skipped_empty += 1
            continue
        values: dict[str, Any] = {}
        problems: list[str] = []
        parent = parent_field(spec)
        for column, name in mapping.items():
            f = parent if parent is not None and name == PARENT else spec.field(name)
            raw = row[column] if column < len(row) else None
            try:
                if name == PARENT:  # one record, named whole (a label may hold a ";")
                    text = "" if raw is None else str(raw).strip()
                    if text:
                        values[PARENT] = resolve(f, text)
                    continue
                values[name] = parse_cell(f, raw, resolve, context)
            except ValueError as exc:
                problems.append(f"{f.title}: {exc}")
        if parent is not None and PARENT not in values and not problems:
            problems.append(f"{parent.title}: name the record this row belongs to")
        if problems:
            plan.problems.append(RowProblem(number, "; ".join(problems)))
        else:
            plan.rows.append((number, values))
    return plan
