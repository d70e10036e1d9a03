"""Shared fixtures for the report tests: the demo project as a snapshot, its two PDFs built once,
and helpers that read a PDF back the way an auditor's tools would (text, outline, fonts)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.services import reports
from aims_desktop.services.demo import build_demo
from aims_desktop.services.session import ProjectSession

REPORT_TIME = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    return REPORT_TIME


def normalise(text: str) -> str:
    """Whitespace as a reader sees it: line wraps and non-breaking spaces become one space."""
    return " ".join(text.replace("\xa0", " ").split())


@dataclass
class Pdf:
    path: Path
    reader: PdfReader
    pages: list[str]
    """Text of each page as extracted, line breaks kept."""

    @property
    def text(self) -> str:
        return normalise(" ".join(self.pages))

    def page_text(self, index: int) -> str:
        return normalise(self.pages[index])

    def lines(self, index: int) -> list[str]:
        """The printed lines of a page, top to bottom, each read left to right.

        pypdf's plain extraction follows drawing order, which for the contents page puts a page
        number (drawn after its title's line) next to the following title.
        """
        rows: dict[int, list[tuple[float, str]]] = {}

        def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                rows.setdefault(round(y), []).append((x, text))

        self.reader.pages[index].extract_text(visitor_text=visit)
        return [
            normalise(" ".join(t for _, t in sorted(rows[y]))) for y in sorted(rows, reverse=True)
        ]

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, page index) of every bookmark, in order."""
        found: list[tuple[int, str, int]] = []

        def walk(entries: list[Any], level: int) -> None:
            for entry in entries:
                if isinstance(entry, list):
                    walk(entry, level + 1)
                else:
                    page = self.reader.get_destination_page_number(entry)
                    found.append((level, str(entry.title), page))

        walk(self.reader.outline, 0)
        return found


def read_pdf(path: Path) -> Pdf:
    reader = PdfReader(path)
    return Pdf(path, reader, [page.extract_text() or "" for page in reader.pages])


@pytest.fixture(scope="module")
def isolated_module(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[pytest.MonkeyPatch]:
    """Module-wide data and settings folders: module fixtures run before the per-test ones."""
    folder = tmp_path_factory.mktemp("aims-module-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AIMS_DESKTOP_DATA_DIR", str(folder))
        patch.setenv("AIMS_DESKTOP_SETTINGS_DIR", str(folder / "settings"))
        yield patch


@pytest.fixture(scope="module")
def demo_session(isolated_module: pytest.MonkeyPatch) -> Iterator[ProjectSession]:
    session = build_demo(clock=fixed_clock)
    yield session
    session.project.close()


@pytest.fixture(scope="module")
def demo_snapshot(demo_session: ProjectSession) -> ProjectSnapshot:
    return reports.snapshot(demo_session, prepared_by="Priya Shah")


@pytest.fixture(scope="module")
def gap_pdf(demo_snapshot: ProjectSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    folder = tmp_path_factory.mktemp("gap")
    path = reports.build_report(demo_snapshot, "gap", folder / "gap.pdf", deterministic=True)
    return read_pdf(path)


@pytest.fixture(scope="module")
def soa_pdf(demo_snapshot: ProjectSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    folder = tmp_path_factory.mktemp("soa")
    path = reports.build_report(demo_snapshot, "soa", folder / "soa.pdf", deterministic=True)
    return read_pdf(path)


PAGE_FOOTER = re.compile(r"Page (\d+) of (\d+)")
