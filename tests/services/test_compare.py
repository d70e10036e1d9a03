"""Compare with another copy or an earlier revision: added, changed, removed, grouped by
requirement and register, printable as a PDF."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aims_desktop.services import assessments, registers
from aims_desktop.services.compare import (
    OTHER_COPY,
    THIS_COPY,
    compare_with_copy,
    compare_with_revision,
    write_comparison,
)
from aims_desktop.services.merge import NotACopy
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from tests.reports.conftest import read_pdf


def _clock() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    session = new_project("Acme Ltd", user="Manager", clock=_clock)
    registers.add(session, "ai_system", {"ref": "AI-001", "name": "RoutePilot"})
    a = save_project(session, tmp_path / "a.aims")
    close_project(session)
    b = tmp_path / "b.aims"
    shutil.copyfile(a, b)
    ours = open_project(a, user="Manager")
    assessments.update_assessment(ours, "7.2", notes="Training plan.")
    save_project(ours)
    close_project(ours)
    theirs = open_project(b, user="HR lead")
    registers.add(theirs, "ai_system", {"ref": "AI-002", "name": "DocuScan"})
    system = next(r for r in registers.records(theirs, "ai_system") if r.ref == "AI-001")  # type: ignore[attr-defined]
    registers.delete(theirs, "ai_system", system.id)
    save_project(theirs)
    close_project(theirs)
    return a, b


def test_compare_with_another_copy(tmp_path: Path) -> None:
    a, b = _copies(tmp_path)
    session = open_project(a, user="Manager")
    try:
        listed = compare_with_copy(session, b)
        sections = listed.sections
        assert any(THIS_COPY in s and "Clauses" in s for s in sections), sections
        assert any(OTHER_COPY in s and "AI systems" in s for s in sections), sections
        theirs = [g for g in listed.groups if OTHER_COPY in g.section]
        whats = sorted(line.what for g in theirs for line in g.lines)
        assert whats == ["added", "deleted"]
        assert listed.since_text == "compared with the copy “b.aims”"
        pdf = write_comparison(session, listed, tmp_path / "compare.pdf")
        text = read_pdf(pdf).text
        assert "DocuScan" in text and "Training plan." in text
    finally:
        close_project(session)


def test_compare_with_an_earlier_revision(tmp_path: Path) -> None:
    a, _b = _copies(tmp_path)
    session = open_project(a, user="Manager")
    try:
        listed = compare_with_revision(session, 1)
        assert listed.groups[0].title.startswith("7.2")
    finally:
        close_project(session)


def test_another_project_is_not_compared(tmp_path: Path) -> None:
    a, _b = _copies(tmp_path)
    other = new_project("Other Ltd", user="x", clock=_clock)
    c = save_project(other, tmp_path / "c.aims")
    close_project(other)
    session = open_project(a, user="Manager")
    try:
        with pytest.raises(NotACopy):
            compare_with_copy(session, c)
    finally:
        close_project(session)
