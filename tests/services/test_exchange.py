"""Registers to spreadsheets and back: export read back with openpyxl and the csv module, and
imports of messy files (odd encodings, extra columns, empty rows, bad dates) that either add
every row or nothing, with a reason per bad row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers import REGISTERS, RegisterSpec
from aims_desktop.services import exchange, history, registers
from aims_desktop.services.errors import UserFacingError
from aims_desktop.services.project import close_project, new_project
from aims_desktop.services.session import ProjectSession
from tests.support.registers import sample_values


@pytest.fixture
def session() -> Iterator[ProjectSession]:
    s = new_project("Zakład Ćma Sp. z o.o.", user="Tester")
    yield s
    close_project(s)


def _import(session: ProjectSession, path: Path, key: str = "ai_system") -> exchange.ImportPlan:
    sheet = exchange.read_spreadsheet(path)
    return exchange.plan(session, key, sheet, exchange.mapping_for(key, sheet.headers))


@pytest.mark.parametrize("spec", list(REGISTERS.values()), ids=lambda s: s.key)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_register_exports_and_reimports(
    session: ProjectSession, spec, fmt: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    parent = _parent_of(session, spec)
    registers.add(session, spec.key, sample_values(spec, 1), parent_id=parent)
    second = {"ref": ""} if "ref" in spec.field_map else {}
    registers.add(session, spec.key, sample_values(spec, 2, **second), parent_id=parent)
    path = exchange.export_register(session, spec.key, tmp_path / f"out.{fmt}", fmt)
    if fmt == "xlsx":
        book = load_workbook(path)
        sheet = book.active
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert sheet["A1"].font.bold
    else:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for UTF-8
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    parent_title = [REGISTERS[spec.parent].title] if spec.parent else []
    assert rows[0] == parent_title + [f.title for f in spec.fields] + [
        c.title for c in spec.computed
    ]
    assert len(rows) == 3
    text_field = next(f for f in spec.value_fields if f.kind.value == "text" and f.name != "ref")
    column = rows[0].index(text_field.title)
    assert rows[1][column] == sample_values(spec, 1)[text_field.name]
    # and back in, into an empty project: the same values (a child record finds its parent by
    # the label in the first column; fields the application sets are not imported)
    other = new_project("Other", user="Tester")
    try:
        other_parent = _parent_of(other, spec)
        plan = _import(other, path, spec.key)
        assert not plan.problems, plan.problems
        for name, value in sample_values(spec, 1).items():
            if name in {f.name for f in spec.link_fields} or spec.field(name).read_only:
                continue
            assert plan.rows[0][1][name] == value, name
        if spec.parent is not None:
            assert plan.rows[0][1]["parent_id"] == other_parent
        exchange.import_plan(other, spec.key, plan)
        assert registers.count(other, spec.key) == 2
    finally:
        close_project(other)


def _parent_of(session: ProjectSession, spec: RegisterSpec) -> str | None:
    """For a child register, a parent record to hang the records on (the same in every
    project, so a reimport finds it by its label)."""
    if spec.parent is None:
        return None
    parent = REGISTERS[spec.parent]
    return registers.add(session, parent.key, sample_values(parent, 1)).changes[0].entity_id


def test_a_child_row_that_names_no_parent_is_explained(
    session: ProjectSession, tmp_path: Path
) -> None:
    path = tmp_path / "versions.csv"
    path.write_text("Document,Version\n,1.0\nDOC-404,2.0\n", encoding="utf-8")
    plan = _import(session, path, "document_version")
    assert [p.row for p in plan.problems] == [2, 3]
    assert "name the record this row belongs to" in plan.problems[0].message
    assert "no document called “DOC-404”" in plan.problems[1].message


def test_formula_like_text_stays_text(session: ProjectSession, tmp_path: Path) -> None:
    registers.add(session, "ai_system", {"name": '=HYPERLINK("http://x","y")', "purpose": "+1"})
    xlsx = exchange.export_register(session, "ai_system", tmp_path / "a.xlsx", "xlsx")
    cell = load_workbook(xlsx).active.cell(2, 2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    out = exchange.export_register(session, "ai_system", tmp_path / "a.csv", "csv")
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text
    plan = _import(session, out)
    assert plan.rows[0][1]["name"].startswith("=HYPERLINK")  # the guard is removed on import


def test_messy_csv_in_windows_1252_with_semicolons(session: ProjectSession, tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    path.write_bytes(
        "\r\n".join(
            [
                "",
                "Name;Purpose;In use since;Uses personal data;Unknown column",
                "Caf\u00e9Bot;Answers caf\u00e9 questions;31/03/2026;yes;zzz",
                ";;;;",
                "PriceWise;Dynamic pricing;2026-04-01;No;",
            ]
        ).encode("cp1252")
    )
    plan = _import(session, path)
    assert not plan.problems and plan.skipped_empty == 1
    names = [values["name"] for _row, values in plan.rows]
    assert names == ["Caf\u00e9Bot", "PriceWise"]
    assert plan.rows[0][1]["deployed_on"] == date(2026, 3, 31)
    assert plan.rows[0][1]["personal_data"] is True
    change = exchange.import_plan(session, "ai_system", plan, "inventory.csv")
    assert change.description == "Import 2 AI systems from “inventory.csv”"
    refs = sorted(r.ref for r in registers.records(session, "ai_system"))  # type: ignore[attr-defined]
    assert refs == ["AI-001", "AI-002"]
    history.revert(session, change)
    assert registers.count(session, "ai_system") == 0


def test_utf16_tab_separated_from_excel(session: ProjectSession, tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(
        "Name\tPurpose\n\u0394\u03b9\u03ac\u03bd\u03bf\u03b9\u03b1\tGreek text\n".encode("utf-16")
    )
    plan = _import(session, path)
    assert [v["name"] for _r, v in plan.rows] == ["\u0394\u03b9\u03ac\u03bd\u03bf\u03b9\u03b1"]


def test_bad_rows_are_listed_and_nothing_is_half_imported(
    session: ProjectSession, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "In use since", "EU AI Act category", "Uses personal data"])
    sheet.append(["Good one", date(2026, 1, 5), "High-risk", "no"])
    sheet.append(["Bad date", "31/31/2026", "minimal", "no"])
    sheet.append(["", None, None, None])
    sheet.append(["Bad choice", None, "Very risky", "maybe"])
    sheet.append(["   ", date(2026, 2, 1), None, "no"])  # data, but no name: the register's rule
    path = tmp_path / "messy.xlsx"
    book.save(path)
    plan = _import(session, path)
    assert [p.row for p in plan.problems] == [3, 5, 6]
    assert "31/31/2026" in plan.problems[0].message
    assert "Very risky" in plan.problems[1].message and "maybe" in plan.problems[1].message
    assert "cannot be left empty" in plan.problems[2].message
    with pytest.raises(RuleViolation, match="Nothing was imported"):
        exchange.import_plan(session, "ai_system", plan)
    assert registers.count(session, "ai_system") == 0


def test_links_import_by_reference_or_name(session: ProjectSession, tmp_path: Path) -> None:
    registers.add(session, "ai_system", {"name": "RoutePilot"})
    path = tmp_path / "parties.csv"
    path.write_text(
        "Interested party,AI systems they have a stake in\nDrivers,AI-001\nCustomers,routepilot\n"
        "Nobody,NoSuchSystem\n",
        encoding="utf-8",
    )
    plan = _import(session, path, "interested_party")
    assert len(plan.rows) == 2 and [p.row for p in plan.problems] == [4]
    assert "NoSuchSystem" in plan.problems[0].message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"\xd0\xcf\x11\xe0rest of an old xls", "old Excel file"),
        (b"PK\x03\x04 not really a zip", "could not be read as an Excel workbook"),
        (b"\x00\x01\x02binary\x00", "not a spreadsheet"),
    ],
)
def test_unreadable_spreadsheets_get_a_message(
    content: bytes, expected: str, tmp_path: Path
) -> None:
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserFacingError, match=expected):
        exchange.read_spreadsheet(path)


def test_export_into_a_missing_folder_is_a_clear_message(
    session: ProjectSession, tmp_path: Path
) -> None:
    with pytest.raises(exchange.ExportFailed, match="folder does not exist"):
        exchange.export_register(session, "ai_system", tmp_path / "nope" / "a.xlsx", "xlsx")
    assert not list(tmp_path.iterdir())  # no partial file anywhere
