"""The Certification section's way to the auditor: the documents' checks linking to the
mandatory documented information, the Stage 1 audit pack built on the Reports page, and the
evidence ZIP with its progress dialog (File > Export Evidence)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aims_desktop.gui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def demo(window: MainWindow, demo_file: Path) -> Iterator[MainWindow]:
    window.resize(1280, 860)
    assert window.open_file(demo_file)
    yield window


def test_the_documents_checks_link_to_the_mandatory_records(demo: MainWindow, qtbot: QtBot) -> None:
    assert demo.navigate_to("certification")
    page = demo.page("certification")
    QApplication.processEvents()
    checks = {row.objectName(): row for row in page._rows}  # type: ignore[attr-defined]
    present = checks["check_documents-present"]
    assert present.findChild(object, "checkState").text() == "To do"
    go = present.findChild(object, "checkGo")
    qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    assert demo.current_section() == "registers"
    assert demo.page("registers").current_key() == "mandatory-records"  # type: ignore[attr-defined]


def test_the_audit_pack_from_the_certification_section(
    demo: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert demo.navigate_to("certification")
    page = demo.page("certification")
    reports_page = demo.page("reports")
    reports_page.ask_save_path = lambda suggested: tmp_path / "pack.pdf"  # type: ignore[attr-defined]
    with qtbot.waitSignal(reports_page.reportFinished, timeout=120_000) as done:  # type: ignore[attr-defined]
        qtbot.mouseClick(page.pack_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert demo.current_section() == "reports"
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(done.args[0]).pages[:6])
    assert "Stage 1 audit pack" in text and "Index of documents by requirement" in text
    assert "audit-pack" in reports_page.cards  # type: ignore[attr-defined]


def test_export_evidence_with_progress_and_cancel(
    demo: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert demo.export_evidence_action.isEnabled()
    demo.ask_evidence_path = lambda suggested: tmp_path / "evidence"  # type: ignore[method-assign]
    seen: list[int] = []
    original = QApplication.processEvents

    def watch(*args: object) -> None:
        if demo.evidence_progress is not None:
            seen.append(demo.evidence_progress.value())
        original(*args)  # type: ignore[arg-type]

    QApplication.processEvents = watch  # type: ignore[method-assign]
    try:
        demo.export_evidence_action.trigger()
    finally:
        QApplication.processEvents = original  # type: ignore[method-assign]
    written = tmp_path / "evidence.zip"
    with zipfile.ZipFile(written) as archive:
        assert {"index.csv", "SHA256SUMS"} <= set(archive.namelist())
    assert seen and seen[-1] >= 990
    assert "Exported 6 file(s)" in demo.statusBar().currentMessage()
    assert demo.evidence_progress is None

    # Cancel in the progress dialog: nothing is written, the earlier ZIP stays
    before = written.read_bytes()

    def cancel_at_once(*args: object) -> None:
        if demo.evidence_progress is not None:
            demo.evidence_progress.cancel()
        original(*args)  # type: ignore[arg-type]

    QApplication.processEvents = cancel_at_once  # type: ignore[method-assign]
    try:
        assert demo.export_evidence() is None
    finally:
        QApplication.processEvents = original  # type: ignore[method-assign]
    assert written.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Kestrel Freight.aims", "evidence.zip"]
    assert "cancelled" in demo.statusBar().currentMessage()


def test_the_certification_buttons(demo: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    assert demo.navigate_to("certification")
    page = demo.page("certification")
    demo.ask_evidence_path = lambda suggested: None  # type: ignore[method-assign]
    with qtbot.waitSignal(page.evidenceRequested):  # type: ignore[attr-defined]
        qtbot.mouseClick(page.evidence_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert page.pack_button.isVisibleTo(page)  # type: ignore[attr-defined]
