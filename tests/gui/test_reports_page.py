"""The Reports page: generate a PDF in the background, cancel one mid-way, stay responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.reports import reports_page
from aims_desktop.gui.reports.reports_page import ReportsPage
from aims_desktop.gui.settings import app_settings
from aims_desktop.services.demo import build_demo

pytestmark = pytest.mark.gui


def _clock() -> datetime:
    return datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


@pytest.fixture
def context(qtbot: QtBot) -> Iterator[ProjectContext]:
    ctx = ProjectContext()
    session = build_demo(clock=_clock)
    ctx.set_session(session)
    yield ctx
    ctx.set_session(None)
    session.project.close()


@pytest.fixture
def page(qtbot: QtBot, context: ProjectContext) -> Iterator[ReportsPage]:
    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    opened: list[Path] = []
    widget.open_pdf = opened.append
    widget.opened = opened  # type: ignore[attr-defined]
    yield widget
    widget.wait_for_worker()


def _answer_save_dialog(page: ReportsPage, path: Path | None) -> list[Path]:
    asked: list[Path] = []

    def ask(suggested: Path) -> Path | None:
        asked.append(suggested)
        return path

    page.ask_save_path = ask
    return asked


def test_generate_builds_the_pdf_in_the_background_and_offers_to_open_it(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path
) -> None:
    asked = _answer_save_dialog(page, tmp_path / "gap report")
    page.prepared_by.clear()
    qtbot.keyClicks(page.prepared_by, "Ana Lopez")
    page.confidentiality.setCurrentText("Internal use only")

    with qtbot.waitSignal(page.reportFinished, timeout=60_000) as finished:
        qtbot.mouseClick(page.cards["gap"].generate, Qt.MouseButton.LeftButton)
        assert page.progress_panel.isVisible()
        assert not page.cards["soa"].generate.isEnabled()  # one report at a time
    output = tmp_path / "gap report.pdf"
    assert finished.args == [str(output)]
    assert asked[0].name == "Kestrel Freight Solutions Ltd - Gap analysis - 2026-11-27.pdf"
    assert output.read_bytes().startswith(b"%PDF")
    assert not page.progress_panel.isVisible()
    assert page.result_panel.isVisible()
    assert "gap report.pdf" in page.result_label.text()

    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert page.opened == [output]  # type: ignore[attr-defined]

    from pypdf import PdfReader

    cover = PdfReader(output).pages[0].extract_text()
    assert "Ana Lopez" in cover and "INTERNAL USE ONLY" in cover
    # the next dialog starts in the folder the user chose, and the marking is remembered
    asked.clear()
    _answer_save_dialog(page, None)
    assert page.generate("soa") is False
    assert app_settings().value(reports_page.LAST_FOLDER_KEY) == str(tmp_path)
    assert app_settings().value(reports_page.MARKING_KEY) == "Internal use only"


def test_cancel_stops_a_build_midway_and_saves_nothing(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_build = reports_page.reports.build_report

    def held_build(*args: Any, progress: Callable[[float, str], None], **kwargs: Any) -> Path:
        def progress_then_hold(fraction: float, message: str) -> None:
            progress(fraction, message)
            if 0.2 < fraction < 0.9:
                release.wait(30)  # hold the build mid-way until the test has pressed Cancel

        return real_build(*args, progress=progress_then_hold, **kwargs)

    monkeypatch.setattr(reports_page.reports, "build_report", held_build)
    _answer_save_dialog(page, tmp_path / "soa.pdf")

    qtbot.mouseClick(page.cards["soa"].generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.progress.value() > 200, timeout=30_000)
    # the window keeps answering while the worker is busy: type into a field mid-build
    qtbot.keyClicks(page.prepared_by, " (draft)")
    assert page.prepared_by.text().endswith(" (draft)")

    with qtbot.waitSignal(page.cancel_button.clicked):
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.progress_label.text() == "Cancelling…"
    release.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)

    assert list(tmp_path.iterdir()) == []
    assert page.result_label.text() == "The report was cancelled. Nothing was saved."
    assert not page.open_button.isVisible()
    assert page.cards["soa"].generate.isEnabled()


def test_a_failed_save_is_a_clear_message(qtbot: QtBot, page: ReportsPage, tmp_path: Path) -> None:
    _answer_save_dialog(page, tmp_path / "missing" / "gap.pdf")
    qtbot.mouseClick(page.cards["gap"].generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result_panel.isVisible(), timeout=60_000)
    message = page.result_label.text()
    assert "“gap.pdf” could not be written (the folder does not exist)" in message
    assert page.result_label.textFormat() == Qt.TextFormat.PlainText
    assert not page.open_button.isVisible()


def test_without_a_project_the_page_is_disabled_with_a_hint(
    qtbot: QtBot, page: ReportsPage, context: ProjectContext
) -> None:
    assert not page.hint.isVisible()
    session = context.session
    context.set_session(None)
    assert page.hint.isVisible()
    assert not any(card.generate.isEnabled() for card in page.cards.values())
    assert not page.prepared_by.isEnabled()
    assert page.generate("gap") is False
    context.set_session(session)
    assert all(card.generate.isEnabled() for card in page.cards.values())


def test_prepared_by_defaults_to_the_users_name(page: ReportsPage, context: ProjectContext) -> None:
    assert context.session is not None
    assert page.prepared_by.text() == context.session.user == "Priya Shah"
    assert page.confidentiality.currentText() == "Confidential"
