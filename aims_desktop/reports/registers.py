"""Any register as a report section, printed from its declaration: an overview table of the
register's list columns, then (optionally) one block per record with every field filled in.

Nothing here knows about a particular register: a register added later prints the day it is
declared. Long registers are one long table whose header repeats on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from aims_desktop.domain.fields import CATALOG_TARGETS, FieldKind, FieldSpec, RegisterRecord
from aims_desktop.domain.registers import REGISTERS, RegisterSpec, children_of
from aims_desktop.domain.registers.spec import ComputedColumn, display
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.flowables import Heading, Para, cell, house_table
from aims_desktop.reports.style import styles
from aims_desktop.reports.text import long_date, markup

Check = Callable[[], None]

_SHARE = {
    FieldKind.TEXT: 3.0,
    FieldKind.LONG_TEXT: 4.0,
    FieldKind.PERSON: 2.0,
    FieldKind.DATE: 1.6,
    FieldKind.CHOICE: 2.0,
    FieldKind.CHOICES: 2.2,
    FieldKind.SCALE: 1.1,
    FieldKind.NUMBER: 1.1,
    FieldKind.FLAG: 1.0,
    FieldKind.LINK: 3.0,
}
"""Relative column widths by field kind."""


def value_text(snapshot: ProjectSnapshot, field: FieldSpec, value: Any) -> str:
    """A field's value as a report prints it (links by their labels, dates in words, a scale
    with the project's word for its level)."""
    if field.kind is FieldKind.SCALE and field.levels:
        return snapshot.record_context.scale_text(field, value)
    if field.kind is FieldKind.LINK:
        target = "catalog" if (field.target or "") in CATALOG_TARGETS else (field.target or "")
        return "; ".join(snapshot.link_labels.get((target, v), v) for v in value)
    if field.kind is FieldKind.DATE and isinstance(value, date):
        return long_date(value)
    return display(field, value)


def _widths(fields: Sequence[FieldSpec | ComputedColumn], width: float) -> list[float]:
    shares = [_SHARE[f.kind] for f in fields]
    total = sum(shares)
    return [width * s / total for s in shares]


def column_text(
    snapshot: ProjectSnapshot, column: FieldSpec | ComputedColumn, record: RegisterRecord
) -> str:
    """One list column of a record as printed: a field's value or a computed column's text."""
    if isinstance(column, ComputedColumn):
        return column.text(record, snapshot.record_context)
    text = value_text(snapshot, column, getattr(record, column.name))
    if column.kind is FieldKind.LONG_TEXT:
        text = text.split("\n", 1)[0][:240]
    return text


def list_columns(spec: RegisterSpec) -> list[FieldSpec | ComputedColumn]:
    """The register's list columns, fields and computed ones, in the spec's order."""
    return [spec.computed_column(n) or spec.field(n) for n in spec.columns]


def overview_table(
    snapshot: ProjectSnapshot, spec: RegisterSpec, records: tuple[RegisterRecord, ...], width: float
) -> Flowable:
    s = styles()
    fields = list_columns(spec)
    rows = []
    for record in records:
        row = []
        for index, f in enumerate(fields):
            text = column_text(snapshot, f, record)
            row.append(cell(text or "—", s.cell_bold if index == 0 else s.cell))
        rows.append(row)
    return house_table([f.title for f in fields], rows, _widths(fields, width), zebra=True)


Children = dict[str, dict[str, list[RegisterRecord]]]
"""child register key -> parent id -> its records, in the order they were added."""


def children_index(snapshot: ProjectSnapshot, spec: RegisterSpec) -> Children:
    index: Children = {}
    for child in children_of(spec.key):
        grouped: dict[str, list[RegisterRecord]] = {}
        for rec in snapshot.records(child.key):
            grouped.setdefault(str(getattr(rec, "parent_id", "")), []).append(rec)
        index[child.key] = grouped
    return index


def children_table(
    snapshot: ProjectSnapshot, child: RegisterSpec, records: list[RegisterRecord], width: float
) -> list[Flowable]:
    """A record's child records (a document's versions, an objective's progress) as a small
    table of the child register's list columns."""
    s = styles()
    fields = [child.field(name) for name in child.columns]
    rows = [
        [cell(value_text(snapshot, f, getattr(rec, f.name)) or "—") for f in fields]
        for rec in records
    ]
    return [
        Para(markup(child.plural), s.label.clone("ChildTitle", spaceBefore=4)),
        house_table([f.title for f in fields], rows, _widths(fields, width)),
    ]


def record_block(
    snapshot: ProjectSnapshot,
    spec: RegisterSpec,
    record: RegisterRecord,
    width: float,
    key: str,
    level: int = 1,
    children: Children | None = None,
) -> list[Flowable]:
    """Every filled-in field of one record, as label and value, then its child records."""
    s = styles()
    rows = []
    for f in spec.fields:
        text = value_text(snapshot, f, getattr(record, f.name))
        if not text.strip() or f.name == "ref":
            continue
        rows.append([cell(f.title.upper(), s.label), cell(text)])
        for computed in spec.computed:  # a risk's level, under the scores it comes from
            if computed.after == f.name and (
                shown := computed.text(record, snapshot.record_context)
            ):
                rows.append([cell(computed.title.upper(), s.label), cell(shown)])
    heading = Heading(spec.label(record), level, key, toc=False)
    kids: list[Flowable] = []
    for child_key, grouped in (children or {}).items():
        own = grouped.get(record.id, [])
        if own:
            kids.extend(children_table(snapshot, REGISTERS[child_key], own, width))
    if not rows and not kids:
        return [heading, Para("Nothing recorded yet.", s.muted)]
    parts: list[Flowable] = [heading]
    if rows:
        parts.append(house_table(None, rows, [46 * mm, width - 46 * mm]))
    # A record stays on one page with its heading when it fits on one; a longer one flows on.
    return [CondPageBreak(40 * mm), KeepTogether(parts + kids)]


def register_section(
    snapshot: ProjectSnapshot,
    spec: RegisterSpec,
    width: float,
    check: Check,
    *,
    level: int = 0,
    details: bool = True,
) -> list[Flowable]:
    """A register as a section: what it is for, its overview table, then each record."""
    s = styles()
    records = snapshot.records(spec.key)
    story: list[Flowable] = [Heading(spec.plural, level, f"register-{spec.key}")]
    story.append(Para(markup(spec.description), s.lead))
    if spec.evidence_for:
        names = ", ".join(f"{i} {snapshot.catalog.title_of(i)}" for i in spec.evidence_for)
        story.append(Para(f"Evidence for: {markup(names)}.", s.muted))
    if not records:
        story.append(Para("No records yet.", s.body))
        return story
    story.append(Para(f"{len(records):,} record{'s' if len(records) != 1 else ''}.", s.muted))
    story.append(overview_table(snapshot, spec, records, width))
    check()
    if details:
        children = children_index(snapshot, spec)
        for number, record in enumerate(records):
            key = f"{spec.key}-{number}"
            story.extend(record_block(snapshot, spec, record, width, key, level + 1, children))
            if number % 200 == 0:
                check()
    return story


def register_story(key: str) -> Callable[[ProjectSnapshot, float, Check], list[Flowable]]:
    spec = REGISTERS[key]

    def story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
        return register_section(snapshot, spec, width, check)

    return story


def all_registers_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    story: list[Flowable] = []
    for spec in REGISTERS.values():
        if spec.parent is None:
            story.extend(register_section(snapshot, spec, width, check, details=False))
    return story
