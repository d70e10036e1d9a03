"""Reads and logged writes of register records and their links, on an open working copy.

A service composes one user operation (add a record, delete one with its children and the links
pointing at it, import a spreadsheet) as a list of operations; `write` runs the list in one
transaction and logs every change, so an operation is whole or not at all, and is one undo step.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, func, insert, select, update

from aims_desktop.domain.changes import FieldChange
from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.registers.spec import RegisterSpec
from aims_desktop.store.errors import Damaged
from aims_desktop.store.register_codec import (
    from_column,
    record_to_log,
    record_values,
    to_column,
    to_log,
)
from aims_desktop.store.repository import ProjectDatabase, stamp
from aims_desktop.store.schema import record_link, register_tables


@dataclass(frozen=True)
class Insert:
    spec: RegisterSpec
    record: RegisterRecord
    subject: str


@dataclass(frozen=True)
class Update:
    spec: RegisterSpec
    record_id: str
    values: dict[str, Any]
    subject: str


@dataclass(frozen=True)
class Delete:
    spec: RegisterSpec
    record_id: str
    subject: str


@dataclass(frozen=True)
class Also:
    """Another write that belongs to the same user operation (new risk criteria, with the
    risks they re-score), run in the same transaction: `run(conn, who, now)` writes and returns
    each change with its (old, new) change-log text."""

    run: Callable[[Connection, str, str], list[tuple[FieldChange, str | None, str | None]]]


Operation = Insert | Update | Delete | Also


@dataclass(frozen=True)
class LinkRow:
    """One link, as the link table keeps it."""

    from_register: str
    from_id: str
    relation: str
    to_register: str
    to_id: str


@dataclass
class _Batch:
    changes: list[FieldChange] = field(default_factory=list)
    texts: list[tuple[str | None, str | None]] = field(default_factory=list)

    def add(self, change: FieldChange, old: str | None, new: str | None) -> None:
        self.changes.append(change)
        self.texts.append((old, new))


class RegisterStore:
    """Register records and links of one working copy."""

    def __init__(self, db: ProjectDatabase) -> None:
        self.db = db

    @staticmethod
    def table(spec: RegisterSpec) -> Table:
        return register_tables()[spec.key]

    # -- reads -----------------------------------------------------------------------------

    def count(self, spec: RegisterSpec) -> int:
        with self.db._read() as conn:
            return int(
                conn.execute(select(func.count()).select_from(self.table(spec))).scalar_one()
            )

    def records(
        self, spec: RegisterSpec, *, parent_id: str | None = None, ids: Iterable[str] | None = None
    ) -> list[RegisterRecord]:
        """Every record of the register (or of one parent), with its links, in the order added."""
        table = self.table(spec)
        query = select(table).order_by(table.c.created_at, table.c.id)
        if parent_id is not None:
            query = query.where(table.c.parent_id == parent_id)
        wanted = list(ids) if ids is not None else None
        if wanted is not None:
            query = query.where(table.c.id.in_(wanted))
        with self.db._read() as conn:
            rows = conn.execute(query).all()
            links = self._links_from(conn, spec, [r.id for r in rows] if wanted else None)
        return [self._record_from(spec, row, links.get(row.id, {})) for row in rows]

    def record(self, spec: RegisterSpec, record_id: str) -> RegisterRecord | None:
        found = self.records(spec, ids=[record_id])
        return found[0] if found else None

    def refs(self, spec: RegisterSpec) -> list[str]:
        table = self.table(spec)
        with self.db._read() as conn:
            return [str(r[0]) for r in conn.execute(select(table.c.ref))]

    def values(self, spec: RegisterSpec, column: str) -> list[str]:
        """The distinct non-empty values of one text column (to offer names already used)."""
        table = self.table(spec)
        col = table.c[column]
        with self.db._read() as conn:
            return [str(r[0]) for r in conn.execute(select(col).where(col != "").distinct())]

    def links_to(self, to_register: str, to_id: str) -> list[LinkRow]:
        """Links that point at one record (or catalogue item), from any register."""
        with self.db._read() as conn:
            rows = conn.execute(
                select(record_link).where(
                    record_link.c.to_register == to_register, record_link.c.to_id == to_id
                )
            ).all()
        return [_link_row(r) for r in rows]

    def all_links(self) -> list[LinkRow]:
        with self.db._read() as conn:
            return [_link_row(r) for r in conn.execute(select(record_link))]

    def _links_from(
        self, conn: Connection, spec: RegisterSpec, ids: list[str] | None
    ) -> dict[str, dict[str, list[str]]]:
        if not spec.link_fields:
            return {}
        query = select(record_link.c.from_id, record_link.c.relation, record_link.c.to_id).where(
            record_link.c.from_register == spec.key
        )
        if ids is not None:
            query = query.where(record_link.c.from_id.in_(ids))
        grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for from_id, relation, to_id in conn.execute(query.order_by(record_link.c.to_id)):
            grouped[from_id][relation].append(to_id)
        return grouped

    def _record_from(
        self, spec: RegisterSpec, row: Any, links: dict[str, list[str]]
    ) -> RegisterRecord:
        values: dict[str, Any] = {
            "id": row.id,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
            "changed_by": row.changed_by,
        }
        if spec.parent is not None:
            values["parent_id"] = row.parent_id
        try:
            for f in spec.value_fields:
                values[f.name] = from_column(f, getattr(row, f.name))
        except ValueError as exc:
            raise Damaged(self.db.path, f"a record of “{spec.plural}” is invalid: {exc}") from None
        for f in spec.link_fields:
            values[f.name] = tuple(links.get(f.name, ()))
        # Typed by the codec and checked when the file was opened: no need to validate again
        # (that would be most of the time it takes to show a long register).
        return spec.model.model_construct(**values)

    # -- writes ----------------------------------------------------------------------------

    def write(self, operations: Sequence[Operation], who: str) -> list[FieldChange]:
        """Run the operations in one transaction and log every change; returns the changes."""
        batch = _Batch()
        moment = self.db.clock()
        now = stamp(moment)
        inserted = 0
        with self.db._write() as conn:
            for op in operations:
                if isinstance(op, Insert):
                    # records added together keep their order: each a microsecond later
                    created = stamp(moment + timedelta(microseconds=inserted))
                    inserted += 1
                    self._insert(conn, op, who, now, batch, created)
                elif isinstance(op, Update):
                    self._update(conn, op, who, now, batch)
                elif isinstance(op, Also):
                    for change, old, new in op.run(conn, who, now):
                        batch.add(change, old, new)
                else:
                    self._delete(conn, op, batch)
            self.db._log(conn, who, batch.changes, texts=batch.texts)
        return batch.changes

    def _insert(
        self, conn: Connection, op: Insert, who: str, now: str, batch: _Batch, created: str
    ) -> None:
        spec, record = op.spec, op.record
        row = record_values(spec, record)
        row.update(
            id=record.id,
            created_at=record.created_at or created,
            updated_at=now,
            changed_by=who,
        )
        if spec.parent is not None:
            row["parent_id"] = record.parent_id  # type: ignore[attr-defined]
        conn.execute(insert(self.table(spec)).values(**row))
        for f in spec.link_fields:
            self._add_links(conn, spec, record.id, f.name, f.target or "", getattr(record, f.name))
        stored = record.model_copy(
            update={"created_at": row["created_at"], "updated_at": now, "changed_by": who}
        )
        change = FieldChange(spec.key, record.id, "", None, stored, op.subject)
        batch.add(change, None, record_to_log(spec, record))

    def _update(self, conn: Connection, op: Update, who: str, now: str, batch: _Batch) -> None:
        spec = op.spec
        table = self.table(spec)
        row = conn.execute(select(table).where(table.c.id == op.record_id)).first()
        if row is None:
            raise KeyError(f"no record {op.record_id} in {spec.key}")
        links = self._links_from(conn, spec, [op.record_id]).get(op.record_id, {})
        current = self._record_from(spec, row, links)
        columns: dict[str, Any] = {}
        for name, value in op.values.items():
            f = spec.field(name)
            if f.is_link:
                old_links = tuple(links.get(name, ()))
                if set(old_links) == set(value):
                    continue
                self._remove_links(conn, spec, op.record_id, name, set(old_links) - set(value))
                added = tuple(v for v in value if v not in old_links)
                self._add_links(conn, spec, op.record_id, name, f.target or "", added)
                change = FieldChange(
                    spec.key, op.record_id, name, old_links, tuple(value), op.subject
                )
                batch.add(change, to_log(f, old_links), to_log(f, value))
                continue
            new_raw = to_column(f, value)
            old_raw = getattr(row, name)
            if new_raw == old_raw:
                continue
            columns[name] = new_raw
            old_value = getattr(current, name)
            change = FieldChange(spec.key, op.record_id, name, old_value, value, op.subject)
            batch.add(change, to_log(f, old_value), to_log(f, value))
        if columns or any(c.entity_id == op.record_id for c in batch.changes):
            conn.execute(
                update(table)
                .where(table.c.id == op.record_id)
                .values(updated_at=now, changed_by=who, **columns)
            )

    def _delete(self, conn: Connection, op: Delete, batch: _Batch) -> None:
        spec = op.spec
        table = self.table(spec)
        row = conn.execute(select(table).where(table.c.id == op.record_id)).first()
        if row is None:
            return
        links = self._links_from(conn, spec, [op.record_id]).get(op.record_id, {})
        record = self._record_from(spec, row, links)
        conn.execute(delete(table).where(table.c.id == op.record_id))
        conn.execute(
            delete(record_link).where(
                record_link.c.from_register == spec.key, record_link.c.from_id == op.record_id
            )
        )
        change = FieldChange(spec.key, op.record_id, "", record, None, op.subject)
        batch.add(change, record_to_log(spec, record), None)

    def _add_links(
        self,
        conn: Connection,
        spec: RegisterSpec,
        from_id: str,
        relation: str,
        to_register: str,
        to_ids: Sequence[str],
    ) -> None:
        if not to_ids:
            return
        now = stamp(self.db.clock())
        conn.execute(
            insert(record_link),
            [
                {
                    "id": str(uuid.uuid4()),
                    "from_register": spec.key,
                    "from_id": from_id,
                    "relation": relation,
                    "to_register": _stored_target(to_register),
                    "to_id": to_id,
                    "created_at": now,
                    "updated_at": now,
                    "changed_by": "",
                }
                for to_id in to_ids
            ],
        )

    def _remove_links(
        self, conn: Connection, spec: RegisterSpec, from_id: str, relation: str, to_ids: set[str]
    ) -> None:
        if not to_ids:
            return
        conn.execute(
            delete(record_link).where(
                and_(
                    record_link.c.from_register == spec.key,
                    record_link.c.from_id == from_id,
                    record_link.c.relation == relation,
                    record_link.c.to_id.in_(sorted(to_ids)),
                )
            )
        )


def _stored_target(target: str) -> str:
    from aims_desktop.domain.fields import CATALOG_TARGETS
    from aims_desktop.store.register_tables import CATALOG

    return CATALOG if target in CATALOG_TARGETS else target


def _link_row(row: Any) -> LinkRow:
    return LinkRow(
        from_register=row.from_register,
        from_id=row.from_id,
        relation=row.relation,
        to_register=row.to_register,
        to_id=row.to_id,
    )
