"""Registers from the command line: list them, export any of them, print them as a PDF."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from aims_desktop.cli import main
from aims_desktop.domain.registers import REGISTERS


def test_registers_lists_every_register_with_counts(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    assert main(["registers", str(demo_file)]) == 0
    out = capsys.readouterr().out
    for spec in REGISTERS.values():
        assert spec.plural in out and spec.slug in out
    assert "AI systems" in out and "4" in out.split("AI systems", 1)[1].split("\n", 1)[0]
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_every_register(
    demo_file: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for spec in REGISTERS.values():
        out = tmp_path / f"{spec.slug}.{fmt}"
        assert main(["export", str(demo_file), "--register", spec.slug, "-o", str(out)]) == 0
        if fmt == "xlsx":
            rows = [[c.value for c in r] for r in load_workbook(out).active.iter_rows()]
        else:
            with out.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle))
        parent = [REGISTERS[spec.parent].title] if spec.parent else []
        assert rows[0] == parent + [f.title for f in spec.fields] + [c.title for c in spec.computed]
    assert "Wrote 4 record(s)" in capsys.readouterr().out


def test_export_refuses_overwrite_unknown_register_and_bad_folder(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "systems.xlsx"
    out.write_text("keep me")
    assert main(["export", str(demo_file), "--register", "ai-systems", "-o", str(out)]) == 1
    assert out.read_text() == "keep me"
    assert (
        main(["export", str(demo_file), "--register", "risks!", "-o", str(tmp_path / "x.csv")]) == 2
    )
    assert "There is no register called" in capsys.readouterr().err
    missing = tmp_path / "no" / "x.csv"
    assert main(["export", str(demo_file), "--register", "issues", "-o", str(missing)]) == 17
    assert "could not be written" in capsys.readouterr().err
    bad = tmp_path / "bad.aims"
    bad.write_bytes(b"PK\x03\x04zip")
    assert main(["export", str(bad), "--register", "issues", "-o", str(tmp_path / "y.csv")]) == 5


def test_a_register_prints_as_a_pdf(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "systems.pdf"
    assert main(["report", str(demo_file), "--kind", "ai-systems", "-o", str(out)]) == 0
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in ("RoutePilot", "DocuScan", "ForecastLab", "Kestrel Assist"):
        assert name in text
    assert "Human oversight".upper() in text  # every filled-in field of every record
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert outline == ["Contents", "About this inventory", "The inventory", "Each AI system"]
