"""What changed since revision N (or since a date): the change log grouped by requirement and
record, in words (domain/change_list.py says how it reads).

Works on the open project (the dialog, which includes unsaved work) and on a file read without
opening it for editing (`aims-desktop changes`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.change_list import (
    ADDED,
    CHANGED,
    DELETED,
    ChangeGroup,
    ChangeLine,
    ChangeList,
)
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.history import REMOVED_ENTITY, LogEntry
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.status import Answer, Status
from aims_desktop.services import changelog
from aims_desktop.services.registers import _natural
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.projectfile import ReadOnlySnapshot
from aims_desktop.store.repository import ProjectDatabase

REQUIREMENTS_SECTION = "Clauses and controls"
ORGANISATION_SECTION = "Organisation and scope"
HISTORY_SECTION = "The history itself"


@dataclass(frozen=True)
class _Reader:
    """What changelog.describe needs to label links: a database and the catalogue."""

    db: ProjectDatabase
    catalog: Catalog


def _check(since_revision: int | None, since: date | None, revision: int) -> None:
    if since_revision is not None and since is not None:
        raise RuleViolation("Say either a revision or a date to compare with, not both.")
    if since_revision is not None and not 0 <= since_revision <= revision:
        raise RuleViolation(
            f"There is no revision {since_revision}: the project has been saved "
            f"{revision} time{'s' if revision != 1 else ''} (revisions 0 to {revision})."
        )


def change_list(
    db: ProjectDatabase,
    catalog: Catalog,
    *,
    since_revision: int | None = None,
    since: date | None = None,
    previous: bool = False,
) -> ChangeList:
    """Changes after `since_revision` was saved, or from the start of `since` (UTC); with
    neither, all of them, or with `previous` those since the revision before the last save
    (what changed in the last save, and anything not saved yet)."""
    revision = db.project().revision
    if previous and since_revision is None and since is None:
        since_revision = max(revision - 1, 0)
    _check(since_revision, since, revision)
    entries, _total = db.change_log_query(
        after_revision=since_revision,
        since=since.isoformat() if since is not None else None,
        limit=None,
    )
    entries.reverse()  # oldest first
    reader = cast(ProjectSession, _Reader(db, catalog))
    groups = _groups(entries, reader, catalog)
    return ChangeList(
        since_revision=since_revision,
        since_date=since,
        revision=revision,
        unsaved=any(e.revision > revision for e in entries),
        groups=tuple(groups),
        entries=len(entries),
    )


def session_change_list(
    session: ProjectSession, *, since_revision: int | None = None, since: date | None = None
) -> ChangeList:
    return change_list(session.db, session.catalog, since_revision=since_revision, since=since)


def file_change_list(
    path: Path | str,
    *,
    since_revision: int | None = None,
    since: date | None = None,
    previous: bool = False,
    catalog: Catalog | None = None,
) -> ChangeList:
    """The change list of a project file, read without opening it for editing."""
    with ReadOnlySnapshot(Path(path)) as db:
        return change_list(
            db,
            catalog or load_catalog(),
            since_revision=since_revision,
            since=since,
            previous=previous,
        )


# -- grouping ----------------------------------------------------------------------------------


def _group_key(entry: LogEntry) -> tuple[str, str]:
    if entry.entity == "assessment":
        return ("item", entry.subject)
    if entry.entity == "guidance_answer":
        return ("item", entry.subject.split(" ", 1)[0])
    if entry.entity == "evidence":
        return ("item", entry.subject) if entry.subject else ("evidence", "")
    if entry.entity == "organisation":
        return ("organisation", "")
    if entry.entity == REMOVED_ENTITY:
        return ("history", "")
    return (entry.entity, entry.entity_id)


def _merge(entries: list[LogEntry]) -> LogEntry | None:
    """The edits of one field (or one record's creation and deletion) as one entry from the
    first old value to the last new one; None when they cancel out."""
    first, last = entries[0], entries[-1]
    if first.field == "" and first.old is None and last.new is None:
        return None  # added and deleted again
    if first.old == last.new and first.field != "":
        return None
    return last.model_copy(update={"old": first.old})


def _record_text(entity: str, text: str | None, labels: changelog._Labels) -> str:
    """A whole record as stored in the log, as "Field: value; Field: value" in words."""
    spec = REGISTERS.get(entity)
    if text is None:
        return ""
    try:
        content = json.loads(text)
    except ValueError:
        return text
    if spec is None or not isinstance(content, dict):
        return text
    parts = []
    for field in spec.fields:
        raw = content.get(field.name)
        if raw in (None, "", "0") or field.hidden:
            continue
        value = changelog._value(field, str(raw), labels)
        if value:
            parts.append(f"{field.title}: {value}")
    return "; ".join(parts)


def _enum_word(enum: type[Answer] | type[Status], value: str | None) -> str:
    if not value:
        return ""
    try:
        return enum(value).label
    except ValueError:
        return value


def _line(merged: LogEntry, entries: list[LogEntry], reader: ProjectSession) -> ChangeLine:
    labels = changelog._Labels(reader)
    row = changelog.describe(merged, labels)
    old, new = row.old, row.new
    if merged.field == "":
        what = ADDED if merged.old is None else DELETED if merged.new is None else CHANGED
        field = ""
        if merged.entity in REGISTERS:
            old = _record_text(merged.entity, merged.old, labels)
            new = _record_text(merged.entity, merged.new, labels)
    else:
        what, field = CHANGED, row.field
    if merged.entity == "evidence":
        field = ""
    elif merged.entity == "guidance_answer":
        field = merged.subject.partition(" ")[2].capitalize() or field
        old, new = _enum_word(Answer, merged.old), _enum_word(Answer, merged.new)
    elif merged.entity == "assessment" and merged.field == "status":
        old, new = _enum_word(Status, merged.old), _enum_word(Status, merged.new)
    who = ", ".join(dict.fromkeys(e.who for e in entries))
    return ChangeLine(what, field, old, new, who, merged.at, merged.revision, len(entries))


def _groups(entries: list[LogEntry], reader: ProjectSession, catalog: Catalog) -> list[ChangeGroup]:
    by_group: dict[tuple[str, str], dict[tuple[str, str, str], list[LogEntry]]] = {}
    for entry in entries:
        fields = by_group.setdefault(_group_key(entry), {})
        fields.setdefault((entry.entity, entry.entity_id, entry.field), []).append(entry)
    groups: list[tuple[tuple[Any, ...], ChangeGroup]] = []
    order = {item.id: n for n, item in enumerate(catalog.items)}
    register_order = {key: n for n, key in enumerate(REGISTERS)}
    for key, fields in by_group.items():
        deleted = any(
            f[2] == "" and es[-1].new is None and es[0].old is not None for f, es in fields.items()
        )
        lines = []
        for (_entity, _id, field), found in fields.items():
            if deleted and field != "":
                continue  # a deleted record: its last content is in the "deleted" line
            merged = _merge(found)
            if merged is not None:
                lines.append(_line(merged, found, reader))
        if not lines:
            continue
        lines.sort(key=lambda line: (line.what == CHANGED, line.at))
        sort, group = _describe_group(key, fields, catalog, order, register_order, reader)
        groups.append((sort, ChangeGroup(group[0], group[1], group[2], tuple(lines))))
    groups.sort(key=lambda g: g[0])
    return [g for _sort, g in groups]


def _describe_group(
    key: tuple[str, str],
    fields: dict[tuple[str, str, str], list[LogEntry]],
    catalog: Catalog,
    order: dict[str, int],
    register_order: dict[str, int],
    reader: ProjectSession,
) -> tuple[tuple[Any, ...], tuple[str, str, str]]:
    """(sort key, (section, title, navigation target)) of a group."""
    kind, ident = key
    if kind == "item":
        title = f"{ident} {catalog.title_in_context(ident)}" if catalog.has_item(ident) else ident
        return (0, order.get(ident, len(order)), ident), (REQUIREMENTS_SECTION, title, ident)
    if kind == "organisation":
        return (1, 0, ""), (ORGANISATION_SECTION, "Organisation and scope", "organisation")
    if kind == "evidence":
        return (1, 1, ""), (ORGANISATION_SECTION, "Evidence files", "dashboard")
    if kind == "history":
        return (9, 0, ""), (HISTORY_SECTION, "Values removed from the history", "dashboard")
    spec = REGISTERS.get(kind)
    if spec is None:  # an entity this version does not know
        return (8, 0, kind), (kind, kind, "dashboard")
    current = reader.db.registers.record(spec, ident)
    if current is not None:
        title = f"{spec.title} {spec.label(current)}"
    else:
        last = [e for es in fields.values() for e in es][-1]
        title = last.subject or f"{spec.title} (deleted)"
    target = f"register:{spec.key}:{ident}" if current is not None else f"register:{spec.key}"
    section_spec = spec
    if spec.parent is not None:
        parent = REGISTERS[spec.parent]
        section_spec = parent
        parent_id = getattr(current, "parent_id", "") if current is not None else ""
        target = f"register:{parent.key}:{parent_id}" if parent_id else f"register:{parent.key}"
    return (
        (2, register_order.get(section_spec.key, 99), _natural(title)),
        (section_spec.plural, title, target),
    )


# -- as text -----------------------------------------------------------------------------------


def _short(text: str, limit: int = 300) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def as_text(changes: ChangeList) -> Iterable[str]:
    """The list as plain lines, for the command line."""
    unsaved = ", with unsaved changes" if changes.unsaved else ""
    yield f"What changed {changes.since_text} (now revision {changes.revision}{unsaved})"
    if not changes.groups:
        yield "Nothing changed."
        return
    for section in changes.sections:
        yield ""
        yield section
        yield "=" * len(section)
        for group in changes.in_section(section):
            yield f"{group.title}"
            for line in group.lines:
                yield "  - " + _line_text(line)


def _line_text(line: ChangeLine) -> str:
    by = f" ({line.who}, revision {line.revision})"
    if line.what == ADDED:
        return f"added: {_short(line.new)}{by}"
    if line.what == DELETED:
        return f"deleted: {_short(line.old)}{by}"
    old = _short(line.old) or "(empty)"
    new = _short(line.new) or "(empty)"
    return f"{line.field}: {old} -> {new}{by}"
