"""Add, edit, duplicate, delete, link and unlink the records of any register.

Each function is one user operation: one transaction in the store, one entry per changed field in
the change log, and one ChangeSet that the GUI pushes as one undo step. A register's own rules
(RegisterSpec.rules) refuse an edit with a RuleViolation whose message is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aims_desktop.catalog import Catalog, sort_key
from aims_desktop.domain.changes import ChangeSet, FieldChange
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.fields import (
    CATALOG_TARGETS,
    CONTROLS,
    RECORDS,
    FieldKind,
    FieldSpec,
    RegisterRecord,
    new_id,
)
from aims_desktop.domain.registers import REGISTERS, RegisterSpec, register
from aims_desktop.domain.registers.spec import RecordContext
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.planning_repository import CRITERIA, PlanningStore
from aims_desktop.store.register_repository import Delete, Insert, LinkRow, Operation, Update
from aims_desktop.store.register_tables import CATALOG
from aims_desktop.store.repository import ProjectDatabase

__all__ = [
    "REGISTERS",
    "IncomingLink",
    "LinkTarget",
    "RecordLinks",
    "add",
    "count",
    "counts",
    "delete",
    "duplicate",
    "edit",
    "label",
    "link",
    "link_targets",
    "links_of",
    "people",
    "record",
    "record_context",
    "records",
    "revert_changes",
    "unlink",
]


@dataclass(frozen=True)
class LinkTarget:
    """Something a link field can point at: a record of a register or a catalogue item."""

    register: str  # register key, or "catalog"
    id: str
    label: str


@dataclass(frozen=True)
class IncomingLink:
    """A record of another register whose link field points at this record."""

    register: str
    field: str
    id: str
    label: str


@dataclass(frozen=True)
class RecordLinks:
    outgoing: tuple[tuple[FieldSpec, tuple[LinkTarget, ...]], ...]
    incoming: tuple[IncomingLink, ...]


# -- reads -------------------------------------------------------------------------------------


def records(
    session: ProjectSession, key: str, *, parent_id: str | None = None
) -> list[RegisterRecord]:
    return session.db.registers.records(register(key), parent_id=parent_id)


def record(session: ProjectSession, key: str, record_id: str) -> RegisterRecord:
    spec = register(key)
    found = session.db.registers.record(spec, record_id)
    if found is None:
        raise RuleViolation(
            f"That {in_sentence(spec.title)} no longer exists (it may have been deleted)."
        )
    return found


def record_context(session: ProjectSession) -> RecordContext:
    """What register fields need to know about the project: its risk criteria (the scales
    that bound a likelihood and name its levels)."""
    return context_of(session.db)


def context_of(db: ProjectDatabase) -> RecordContext:
    return RecordContext(criteria=PlanningStore(db).criteria())


def count(session: ProjectSession, key: str) -> int:
    return session.db.registers.count(register(key))


def counts(session: ProjectSession) -> dict[str, int]:
    store = session.db.registers
    return {key: store.count(spec) for key, spec in REGISTERS.items()}


def label(session: ProjectSession, key: str, record_id: str) -> str:
    spec = register(key)
    found = session.db.registers.record(spec, record_id)
    return spec.label(found) if found is not None else f"(deleted {in_sentence(spec.title)})"


def people(session: ProjectSession) -> list[str]:
    """Every name already used in a person field, to offer when typing one (sorted)."""
    names: set[str] = set()
    store = session.db.registers
    for spec in REGISTERS.values():
        for f in spec.value_fields:
            if f.kind is FieldKind.PERSON:
                names.update(store.values(spec, f.name))
    org = session.organisation()
    if org.scope_approved_by:
        names.add(org.scope_approved_by)
    names.update(a.owner for a in session.assessments().values() if a.owner)
    return sorted(names, key=str.casefold)


def link_targets(session: ProjectSession, field: FieldSpec) -> list[LinkTarget]:
    """What a link field may point at, labelled, in the order a picker lists them."""
    target = field.target or ""
    if target == RECORDS:
        return [
            LinkTarget(CATALOG, r.id, session.catalog.record_label(r.id))
            for r in session.catalog.records_to_keep
        ]
    if target in CATALOG_TARGETS:
        items = session.catalog.controls if target == CONTROLS else session.catalog.items
        return [LinkTarget(CATALOG, i.id, f"{i.id} {i.title}") for i in items]
    spec = register(target)
    found = session.db.registers.records(spec)
    labelled = [LinkTarget(spec.key, r.id, spec.label(r)) for r in found]
    return sorted(labelled, key=lambda t: _natural(t.label))


def links_of(session: ProjectSession, key: str, record_id: str) -> RecordLinks:
    """What a record links to (per link field) and which records link to it."""
    spec = register(key)
    current = record(session, key, record_id)
    outgoing = []
    for f in spec.link_fields:
        ids = getattr(current, f.name)
        outgoing.append((f, tuple(_target(session, f, i) for i in ids)))
    incoming = tuple(_incoming(session, session.db.registers.links_to(spec.key, record_id)))
    return RecordLinks(tuple(outgoing), incoming)


def catalog_links(session: ProjectSession, item_id: str) -> list[IncomingLink]:
    """Records of any register that link to a clause or control (its evidence, its risks)."""
    return list(_incoming(session, session.db.registers.links_to(CATALOG, item_id)))


def _incoming(session: ProjectSession, rows: Iterable[LinkRow]) -> Iterable[IncomingLink]:
    for row in rows:
        if row.from_register not in REGISTERS:
            continue
        yield IncomingLink(
            row.from_register,
            row.relation,
            row.from_id,
            label(session, row.from_register, row.from_id),
        )


def _target(session: ProjectSession, field: FieldSpec, target_id: str) -> LinkTarget:
    if field.target == RECORDS:
        text = (
            session.catalog.record_label(target_id)
            if session.catalog.has_record(target_id)
            else f"{target_id} (unknown record)"
        )
        return LinkTarget(CATALOG, target_id, text)
    if (field.target or "") in CATALOG_TARGETS:
        title = (
            session.catalog.title_of(target_id)
            if session.catalog.has_item(target_id)
            else "(unknown item)"
        )
        return LinkTarget(CATALOG, target_id, f"{target_id} {title}")
    key = field.target or ""
    return LinkTarget(key, target_id, label(session, key, target_id))


def in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: "AI systems" stays, "Interested parties" does not."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def _natural(text: str) -> tuple[Any, ...]:
    """Sort "AI-2" before "AI-10"."""
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text))


def contents(
    db: ProjectDatabase, catalog: Catalog
) -> tuple[dict[str, tuple[RegisterRecord, ...]], dict[tuple[str, str], str]]:
    """Every register's records (non-empty registers only) and the label of everything a link
    can point at: what a report or a consistency rule needs, read once."""
    store = db.registers
    found: dict[str, tuple[RegisterRecord, ...]] = {}
    labels: dict[tuple[str, str], str] = {}
    for key, spec in REGISTERS.items():
        rows = tuple(store.records(spec))
        if rows:
            found[key] = rows
        for rec in rows:
            labels[(key, rec.id)] = spec.label(rec)
    for item in catalog.items:
        labels[(CATALOG, item.id)] = f"{item.id} {item.title}"
    for kept in catalog.records_to_keep:
        labels[(CATALOG, kept.id)] = catalog.record_label(kept.id)
    return found, labels


def page_contents(
    session: ProjectSession, key: str, *, ids: Iterable[str] | None = None
) -> tuple[list[RegisterRecord], dict[tuple[str, str], str]]:
    """The records a register page lists (all, or the given ids) and the labels of what their
    link fields point at."""
    spec = register(key)
    store = session.db.registers
    found = store.records(spec, ids=ids)
    labels: dict[tuple[str, str], str] = {}
    for f in spec.link_fields:
        target = f.target or ""
        wanted = {i for rec in found for i in getattr(rec, f.name)}
        if not wanted:
            continue
        if target == RECORDS:
            for record_id in wanted:
                if session.catalog.has_record(record_id):
                    labels[(CATALOG, record_id)] = session.catalog.record_label(record_id)
            continue
        if target in CATALOG_TARGETS:
            for item_id in wanted:
                if session.catalog.has_item(item_id):
                    labels[(CATALOG, item_id)] = f"{item_id} {session.catalog.title_of(item_id)}"
            continue
        other = register(target)
        for rec in store.records(other, ids=wanted):
            labels[(target, rec.id)] = other.label(rec)
    return found, labels


# -- writes ------------------------------------------------------------------------------------


def _subject(spec: RegisterSpec, rec: RegisterRecord) -> str:
    return f"{spec.title} “{spec.label(rec)}”"


def _write(session: ProjectSession, operations: Sequence[Operation]) -> tuple[FieldChange, ...]:
    return tuple(session.db.registers.write(operations, session.user))


def next_ref(session: ProjectSession, spec: RegisterSpec, taken: Iterable[str] = ()) -> str:
    """The next free reference of a register: "AI-004" after "AI-003"."""
    if not spec.ref_prefix or "ref" not in spec.field_map:
        return ""
    pattern = re.compile(rf"^{re.escape(spec.ref_prefix)}-(\d+)$", re.IGNORECASE)
    numbers = [
        int(m.group(1))
        for ref in (*session.db.registers.refs(spec), *taken)
        if (m := pattern.match(ref.strip()))
    ]
    return f"{spec.ref_prefix}-{max(numbers, default=0) + 1:03d}"


def _check_links(
    session: ProjectSession,
    spec: RegisterSpec,
    rec: RegisterRecord,
    before: RegisterRecord | None = None,
) -> None:
    """New links must point at something that exists. Links the record already had are left
    alone: a file from elsewhere may hold one to a record deleted there, and the record must
    stay editable (the links panel shows such a link as deleted)."""
    for f in spec.link_fields:
        kept = set(getattr(before, f.name)) if before is not None else set()
        for target_id in getattr(rec, f.name):
            if target_id not in kept and not _target_exists(session, f, target_id):
                raise RuleViolation(f"“{f.title}” points at something that does not exist.")


def _target_exists(session: ProjectSession, field: FieldSpec, target_id: str) -> bool:
    target = field.target or ""
    if target == RECORDS:
        return session.catalog.has_record(target_id)
    if target in CATALOG_TARGETS:
        if not session.catalog.has_item(target_id):
            return False
        return target != CONTROLS or session.catalog.item(target_id).is_control
    return session.db.registers.record(register(target), target_id) is not None


def prepare(
    session: ProjectSession,
    key: str,
    values: dict[str, Any] | None = None,
    *,
    parent_id: str | None = None,
    taken_refs: Iterable[str] = (),
    context: RecordContext | None = None,
) -> RegisterRecord:
    """A new record built and checked, not yet stored (add and import use it)."""
    spec = register(key)
    data: dict[str, Any] = {f.name: f.empty() for f in spec.fields}
    data.update(values or {})
    data["id"] = data.get("id") or new_id()
    if spec.parent is not None:
        if not parent_id:
            raise RuleViolation(f"A {in_sentence(spec.title)} belongs to a record; none was given.")
        data["parent_id"] = parent_id
    if "ref" in spec.field_map and not str(data.get("ref") or "").strip():
        data["ref"] = next_ref(session, spec, taken_refs)
    return spec.validate(data, context if context is not None else record_context(session))


def add(
    session: ProjectSession,
    key: str,
    values: dict[str, Any] | None = None,
    *,
    parent_id: str | None = None,
) -> ChangeSet:
    """Add one record; the new record's id is `change_set.changes[0].entity_id`."""
    spec = register(key)
    if spec.parent is not None and parent_id is not None:
        record(session, spec.parent, parent_id)  # the parent must exist
    rec = prepare(session, key, values, parent_id=parent_id)
    _check_links(session, spec, rec)
    changes = _write(session, [Insert(spec, rec, _subject(spec, rec))])
    return ChangeSet(f"Add {_subject(spec, rec)}", changes)


def edit(session: ProjectSession, key: str, record_id: str, **values: Any) -> ChangeSet:
    """Change fields of one record; refused (nothing stored) if the result breaks a rule.
    Fields the application sets (a stored file's fingerprint) are refused here."""
    spec = register(key)
    fixed = [spec.field(n).title for n in values if n in spec.field_map and spec.field(n).read_only]
    if fixed:
        raise RuleViolation(
            f"“{fixed[0]}” is set by AIMS Desktop when a file is attached; it cannot be changed "
            "by hand."
        )
    return edit_many(session, [(key, record_id, values)])


def edit_many(
    session: ProjectSession,
    edits: Sequence[tuple[str, str, dict[str, Any]]],
    description: str = "",
) -> ChangeSet:
    """Change fields of several records as one operation (one transaction, one undo step):
    every candidate is checked against its register's rules first, so all or none change.
    Read-only fields may be set here: services that attach files use it."""
    operations: list[Operation] = []
    subjects: list[str] = []
    context = record_context(session)
    for key, record_id, values in edits:
        spec = register(key)
        current = record(session, key, record_id)
        unknown = set(values) - set(spec.field_map)
        if unknown:
            raise TypeError(f"{spec.key} has no field(s) {sorted(unknown)}")
        candidate = spec.validate({**current.model_dump(), **values}, context)
        _check_links(session, spec, candidate, current)
        typed = {name: getattr(candidate, name) for name in values}
        operations.append(Update(spec, record_id, typed, _subject(spec, candidate)))
        subjects.append(_subject(spec, candidate))
    changes = _write(session, operations)
    if description:
        return ChangeSet(description, changes)
    key, _record_id, values = edits[0]
    spec = register(key)
    if len(edits) == 1 and len(values) == 1:
        (name,) = values
        description = f"Edit {in_sentence(spec.field(name).title)} of {subjects[0]}"
    else:
        description = f"Edit {subjects[0]}"
    return ChangeSet(description, changes)


def add_many(
    session: ProjectSession,
    records: Sequence[tuple[str, RegisterRecord]],
    description: str,
    edits: Sequence[tuple[str, str, dict[str, Any]]] = (),
) -> ChangeSet:
    """Store records built by `prepare` (a document and its first version) and edit others,
    as one operation: one transaction, one undo step."""
    operations: list[Operation] = []
    for key, rec in records:
        spec = register(key)
        if spec.parent is not None:
            parent = getattr(rec, "parent_id", "")
            known = {r.id for _k, r in records}
            if parent not in known:
                record(session, spec.parent, parent)  # the parent must exist
        _check_links(session, spec, rec)
        operations.append(Insert(spec, rec, _subject(spec, rec)))
    for key, record_id, values in edits:
        spec = register(key)
        current = record(session, key, record_id)
        candidate = spec.validate({**current.model_dump(), **values}, record_context(session))
        _check_links(session, spec, candidate, current)
        typed = {name: getattr(candidate, name) for name in values}
        operations.append(Update(spec, record_id, typed, _subject(spec, candidate)))
    return ChangeSet(description, _write(session, operations))


def duplicate(session: ProjectSession, key: str, record_id: str) -> ChangeSet:
    """A copy of a record (its links too, not its child records), with a new reference."""
    spec = register(key)
    original = record(session, key, record_id)
    values = original.model_dump(exclude={"id", "created_at", "updated_at", "changed_by"})
    values.pop("parent_id", None)
    if "ref" in values:
        values["ref"] = ""
    names = [f for f in spec.fields if f.kind is FieldKind.TEXT and f.required]
    if names:
        first = names[0].name
        values[first] = f"{values[first]} (copy)"[: names[0].max_length or None]
    parent = getattr(original, "parent_id", None)
    rec = prepare(session, key, values, parent_id=parent)
    changes = _write(session, [Insert(spec, rec, _subject(spec, rec))])
    return ChangeSet(f"Duplicate {_subject(spec, original)}", changes)


def _deletions(session: ProjectSession, spec: RegisterSpec, record_id: str) -> list[Operation]:
    """Deleting a record deletes its child records, and removes the links pointing at any of
    them, so nothing is left dangling (Undo brings all of it back)."""
    operations: list[Operation] = []
    store = session.db.registers
    for child in REGISTERS.values():
        if child.parent == spec.key:
            for kid in store.records(child, parent_id=record_id):
                operations.extend(_deletions(session, child, kid.id))
    for row in store.links_to(spec.key, record_id):
        source = REGISTERS.get(row.from_register)
        if source is None or row.from_id == record_id:
            continue
        holder = store.record(source, row.from_id)
        if holder is None:
            continue
        remaining = tuple(i for i in getattr(holder, row.relation) if i != record_id)
        operations.append(
            Update(source, holder.id, {row.relation: remaining}, _subject(source, holder))
        )
    current = store.record(spec, record_id)
    if current is not None:
        operations.append(Delete(spec, record_id, _subject(spec, current)))
    return operations


def delete(session: ProjectSession, key: str, record_ids: str | Sequence[str]) -> ChangeSet:
    """Delete one record or several (one undo step), with their child records and the links
    that point at them."""
    spec = register(key)
    ids = [record_ids] if isinstance(record_ids, str) else list(record_ids)
    if not ids:
        return ChangeSet("Delete")
    first = record(session, key, ids[0])
    operations: list[Operation] = []
    for record_id in ids:
        operations.extend(_merge_updates(operations, _deletions(session, spec, record_id)))
    changes = _write(session, operations)
    if len(ids) == 1:
        description = f"Delete {_subject(spec, first)}"
    else:
        description = f"Delete {len(ids)} {in_sentence(spec.plural)}"
    return ChangeSet(description, changes)


def _merge_updates(done: list[Operation], new: list[Operation]) -> list[Operation]:
    """When several deleted records are linked from the same record, the later update of that
    record's link field must start from the earlier one's result."""
    result: list[Operation] = []
    for op in new:
        if isinstance(op, Update):
            for index, previous in enumerate(done):
                if (
                    isinstance(previous, Update)
                    and previous.record_id == op.record_id
                    and set(previous.values) == set(op.values)
                ):
                    merged = {
                        name: tuple(v for v in previous.values[name] if v in set(value))
                        for name, value in op.values.items()
                    }
                    done[index] = Update(op.spec, op.record_id, merged, op.subject)
                    break
            else:
                result.append(op)
            continue
        result.append(op)
    return result


def link(
    session: ProjectSession,
    key: str,
    record_id: str,
    field: str,
    target_ids: str | Sequence[str],
) -> ChangeSet:
    """Link a record to one or more targets through one of its link fields (one undo step)."""
    spec = register(key)
    f = spec.field(field)
    if not f.is_link:
        raise TypeError(f"{field} is not a link field of {key}")
    wanted = [target_ids] if isinstance(target_ids, str) else list(target_ids)
    current = record(session, key, record_id)
    ids = tuple(getattr(current, field))
    added = [t for t in wanted if t not in ids]
    if not added:
        return ChangeSet("Link")
    change = edit(session, key, record_id, **{field: (*ids, *added)})
    if len(added) == 1:
        what = f"“{_target(session, f, added[0]).label}”"
    else:
        what = f"{len(added)} {in_sentence(f.title)}"
    return ChangeSet(f"Link {_subject(spec, current)} to {what}", change.changes)


def unlink(
    session: ProjectSession,
    key: str,
    record_id: str,
    field: str,
    target_ids: str | Sequence[str],
) -> ChangeSet:
    spec = register(key)
    f = spec.field(field)
    if not f.is_link:
        raise TypeError(f"{field} is not a link field of {key}")
    unwanted = {target_ids} if isinstance(target_ids, str) else set(target_ids)
    current = record(session, key, record_id)
    ids = tuple(getattr(current, field))
    removed = [i for i in ids if i in unwanted]
    if not removed:
        return ChangeSet("Unlink")
    if len(removed) == 1:
        what = f"“{_target(session, f, removed[0]).label}”"
    else:
        what = f"{len(removed)} {in_sentence(f.title)}"
    change = edit(session, key, record_id, **{field: tuple(i for i in ids if i not in unwanted)})
    return ChangeSet(f"Unlink {what} from {_subject(spec, current)}", change.changes)


def insert_prepared(
    session: ProjectSession, key: str, prepared: Sequence[RegisterRecord], description: str
) -> ChangeSet:
    """Store records built by `prepare` (an import) in one transaction: all or none."""
    spec = register(key)
    for rec in prepared:
        _check_links(session, spec, rec)
    changes = _write(session, [Insert(spec, rec, _subject(spec, rec)) for rec in prepared])
    return ChangeSet(description, changes)


# -- undo and redo -----------------------------------------------------------------------------


def is_register_change(change: FieldChange) -> bool:
    """Changes reverted together by `revert_changes`, in one transaction: register records and
    the risk criteria that re-scored them."""
    return change.entity in REGISTERS or change.entity == CRITERIA


def revert_changes(session: ProjectSession, changes: Sequence[FieldChange]) -> list[FieldChange]:
    """Apply register changes backwards (last first) in one transaction; the result, reverted
    in turn, redoes them."""
    operations: list[Operation] = []
    for change in reversed(changes):
        if change.entity == CRITERIA:
            operations.append(PlanningStore(session.db).criteria_operation(change.old))
            continue
        spec = register(change.entity)
        if change.field == "":
            if change.old is None:
                operations.append(Delete(spec, change.entity_id, change.subject))
            else:
                operations.append(Insert(spec, change.old, change.subject))
        else:
            operations.append(
                Update(spec, change.entity_id, {change.field: change.old}, change.subject)
            )
    return list(_write(session, operations))


def sort_catalog_ids(ids: Iterable[str]) -> list[str]:
    return sorted(ids, key=sort_key)


def split_system_line(line: str) -> tuple[str, str]:
    """ "RoutePilot: plans routes" -> ("RoutePilot", "plans routes"), as people list systems."""
    for separator in (":", " - ", " – "):  # noqa: RUF001 (an en dash is meant)
        name, found, rest = line.partition(separator)
        if found and name.strip():
            return name.strip(), rest.strip()
    return line.strip(), ""


def add_ai_systems_from_lines(session: ProjectSession, text: str | Sequence[str]) -> ChangeSet:
    """AI system records from a list typed one per line (the new-project wizard)."""
    lines = text.splitlines() if isinstance(text, str) else list(text)
    prepared: list[RegisterRecord] = []
    for line in (raw.strip() for raw in lines):
        if not line:
            continue
        name, purpose = split_system_line(line)
        taken = [getattr(r, "ref", "") for r in prepared]
        prepared.append(
            prepare(session, "ai_system", {"name": name, "purpose": purpose}, taken_refs=taken)
        )
    return insert_prepared(session, "ai_system", prepared, "Add AI systems")
