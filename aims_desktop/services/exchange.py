"""Registers to and from spreadsheets: export to XLSX or CSV, import through a column mapping.

Import is all or nothing: every row is parsed and checked against the register's rules first;
if any row cannot be imported, nothing is, and each such row is listed with its reason. Empty
rows are skipped. The whole import is one transaction and one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.fields import (
    CATALOG_TARGETS,
    CONTROLS,
    RECORDS,
    FieldSpec,
    RegisterRecord,
)
from aims_desktop.domain.registers import REGISTERS, RegisterSpec, by_slug, register
from aims_desktop.domain.registers.tabular import (
    PARENT,
    Cell,
    ImportPlan,
    RowProblem,
    export_headers,
    export_row,
    guess_mapping,
    parent_field,
    plan_import,
)
from aims_desktop.services import registers
from aims_desktop.services.session import ProjectSession
from aims_desktop.spreadsheets import Sheet, SpreadsheetError, read_sheet, write_csv, write_xlsx
from aims_desktop.spreadsheets.write import WriteFailed
from aims_desktop.store.errors import ProjectFileError
from aims_desktop.store.projectfile import ReadOnlySnapshot
from aims_desktop.store.repository import ProjectDatabase

FORMATS = ("xlsx", "csv")

__all__ = [
    "FORMATS",
    "ExportFailed",
    "ImportFailed",
    "ImportPlan",
    "RowProblem",
    "Sheet",
    "export_file_register",
    "export_register",
    "find_register",
    "import_plan",
    "mapping_for",
    "plan",
    "read_spreadsheet",
]


class ExportFailed(ProjectFileError):
    exit_code = 17
    title = "The register could not be exported"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"“{Path(path).name}” could not be written ({reason}). Nothing else was changed; "
            "choose another folder or name and export again.",
        )


class ImportFailed(ProjectFileError):
    exit_code = 18
    title = "The spreadsheet could not be imported"

    def __init__(self, path: Path | str | None, message: str) -> None:
        super().__init__(path, message)


def find_register(name: str) -> RegisterSpec:
    """A register named on the command line ("ai-systems"), or a message listing them."""
    spec = by_slug(name)
    if spec is None:
        known = ", ".join(s.slug for s in REGISTERS.values())
        raise RuleViolation(f"There is no register called “{name}”. The registers are: {known}.")
    return spec


# -- export ------------------------------------------------------------------------------------


def _rows(
    db: ProjectDatabase, catalog: Catalog, spec: RegisterSpec
) -> tuple[list[str], list[list[Cell]]]:
    found = db.registers.records(spec)
    context = registers.context_of(db) if spec.computed else None
    labels: dict[tuple[str, str], str] = {}
    parent = parent_field(spec)
    for f in (*spec.link_fields, *([parent] if parent else [])):
        target = f.target or ""
        if target in CATALOG_TARGETS:
            continue
        other = register(target)
        wanted = {
            i
            for rec in found
            for i in ((getattr(rec, PARENT),) if f.name == PARENT else getattr(rec, f.name))
        }
        for rec in db.registers.records(other, ids=wanted):
            labels[(target, rec.id)] = other.label(rec)

    def link_label(field: FieldSpec, target_id: str) -> str:
        if (field.target or "") in CATALOG_TARGETS:
            return target_id
        return labels.get((field.target or "", target_id), target_id)

    return export_headers(spec), [export_row(spec, rec, link_label, context) for rec in found]


def _write(
    path: Path, fmt: str, spec: RegisterSpec, headers: list[str], rows: list[list[Cell]]
) -> Path:
    if fmt not in FORMATS:
        raise RuleViolation(f"Export to {fmt!r} is not possible; choose xlsx or csv.")
    try:
        if fmt == "csv":
            return write_csv(path, headers, rows)
        return write_xlsx(path, headers, rows, sheet_title=spec.plural)
    except WriteFailed as exc:
        raise ExportFailed(path, exc.reason) from None


def export_register(session: ProjectSession, key: str, path: Path | str, fmt: str) -> Path:
    spec = register(key)
    headers, rows = _rows(session.db, session.catalog, spec)
    return _write(Path(path), fmt, spec, headers, rows)


def export_file_register(
    file: Path | str, name: str, path: Path | str, fmt: str, catalog: Catalog | None = None
) -> tuple[Path, int]:
    """Export a register of a project file without opening it for editing (the CLI)."""
    spec = find_register(name)
    with ReadOnlySnapshot(Path(file)) as db:
        headers, rows = _rows(db, catalog or load_catalog(), spec)
    return _write(Path(path), fmt, spec, headers, rows), len(rows)


# -- import ------------------------------------------------------------------------------------


def read_spreadsheet(path: Path | str) -> Sheet:
    try:
        return read_sheet(Path(path))
    except SpreadsheetError as exc:
        raise ImportFailed(path, str(exc)) from None


Resolve = Callable[[FieldSpec, str], str]


def _resolver(session: ProjectSession, spec: RegisterSpec) -> Resolve:
    lookups: dict[str, dict[str, str]] = {}

    def resolve(field: FieldSpec, text: str) -> str:
        target = field.target or ""
        wanted = text.strip()
        if target == RECORDS:
            record_id = wanted.split()[0] if wanted.split() else ""
            if not session.catalog.has_record(record_id):
                raise ValueError(f"“{wanted}” is not a record to keep of the catalogue")
            return record_id
        if target in CATALOG_TARGETS:
            item_id = wanted.split()[0] if wanted.split() else ""
            if not session.catalog.has_item(item_id):
                raise ValueError(f"“{wanted}” is not a clause or control number")
            if target == CONTROLS and not session.catalog.item(item_id).is_control:
                raise ValueError(f"“{wanted}” is not an Annex A control")
            return item_id
        if target not in lookups:
            other = register(target)
            table: dict[str, str] = {}
            for rec in session.db.registers.records(other):
                for text_value in (other.label(rec), getattr(rec, "ref", ""), *_names(other, rec)):
                    if text_value:
                        table.setdefault(text_value.casefold(), rec.id)
            lookups[target] = table
        found = lookups[target].get(wanted.casefold())
        if found is None:
            title = register(target).title.lower() if target in REGISTERS else target
            raise ValueError(f"no {title} called “{wanted}”")
        return found

    return resolve


def _names(spec: RegisterSpec, record: RegisterRecord) -> list[str]:
    return [str(getattr(record, f.name)) for f in spec.fields if f.required and f.is_text]


def plan(session: ProjectSession, key: str, sheet: Sheet, mapping: dict[int, str]) -> ImportPlan:
    """What importing `sheet` with `mapping` (column -> field) would do, every row checked
    against the register's rules too."""
    spec = register(key)
    context = registers.record_context(session)
    result = plan_import(
        spec,
        sheet.rows,
        mapping,
        _resolver(session, spec),
        first_row=sheet.header_row + 1,
        context=context,
    )
    checked: list[tuple[int, dict[str, object]]] = []
    taken: list[str] = []
    for number, values in result.rows:
        try:
            data = dict(values)
            parent_id = data.pop(PARENT, None)
            record = registers.prepare(
                session, key, data, parent_id=parent_id, taken_refs=taken, context=context
            )
        except RuleViolation as exc:
            result.problems.append(RowProblem(number, str(exc)))
            continue
        taken.append(str(getattr(record, "ref", "")))
        checked.append((number, values))
    result.rows = checked
    result.problems.sort(key=lambda p: p.row)
    return result


def import_plan(
    session: ProjectSession, key: str, result: ImportPlan, source: str = ""
) -> ChangeSet:
    """Add every row of a plan, or nothing if any row has a problem (one undo step)."""
    spec = register(key)
    if result.problems:
        first = result.problems[0]
        raise RuleViolation(
            f"Nothing was imported: {len(result.problems)} row(s) cannot be imported "
            f"(row {first.row}: {first.message})."
        )
    prepared: list[RegisterRecord] = []
    taken: list[str] = []
    context = registers.record_context(session)
    for _number, values in result.rows:
        data = dict(values)
        parent_id = data.pop(PARENT, None)
        record = registers.prepare(
            session, key, data, parent_id=parent_id, taken_refs=taken, context=context
        )
        taken.append(str(getattr(record, "ref", "")))
        prepared.append(record)
    where = f" from “{source}”" if source else ""
    description = f"Import {len(prepared)} {registers.in_sentence(spec.plural)}{where}"
    return registers.insert_prepared(session, key, prepared, description)


def mapping_for(key: str, headers: Sequence[str]) -> dict[int, str]:
    return guess_mapping(register(key), headers)
