"""The pages of issue 10 driven as a user would: the document register and a document's
versions, the evidence box, the mandatory records, drafting a core document, an impact
assessment (its impacts, its PDF, a new version) and the competence matrix."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document as WordDocument
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from aims_desktop.gui.assessment.evidence_box import EvidenceBox
from aims_desktop.gui.registers.child_records import ChildRecordsPanel
from aims_desktop.gui.registers.competence_page import CompetencePage
from aims_desktop.gui.registers.document_versions import DocumentVersionsPanel
from aims_desktop.gui.registers.drafting_page import DraftingPage
from aims_desktop.gui.registers.mandatory_page import MandatoryRecordsPage
from aims_desktop.gui.registers.register_page import RegisterPage
from aims_desktop.gui.registers.registers_section import RegistersSection
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.widgets.link_picker import LinkPicker
from aims_desktop.services import documents, registers

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def opened(window: MainWindow, demo_file: Path) -> Iterator[MainWindow]:
    assert window.open_file(demo_file)
    yield window


def _section(window: MainWindow) -> RegistersSection:
    section = window.page("registers")
    assert isinstance(section, RegistersSection)
    return section


def _page(window: MainWindow, target: str) -> RegisterPage:
    assert window.navigate_to(target)
    page = _section(window).current_page()
    assert page is not None
    return page


def _id(window: MainWindow, key: str, ref: str) -> str:
    session = window.session
    assert session is not None
    return next(
        r.id
        for r in registers.records(session, key)
        if ref in (getattr(r, "ref", ""), getattr(r, "name", ""))
    )


def _versions(page: RegisterPage) -> DocumentVersionsPanel:
    panel = page.children[0]
    assert isinstance(panel, DocumentVersionsPanel)
    return panel


def _rows(panel: ChildRecordsPanel, column: int = 0) -> list[str]:
    return [panel.table.item(r, column).text() for r in range(panel.table.rowCount())]


# -- the document register ---------------------------------------------------------------------


def test_a_new_version_from_a_file_keeps_the_old_one_and_its_approval(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(opened, f"register:document:{_id(opened, 'document', 'DOC-026')}")
    assert page.record_title.text() == "DOC-026 Using generative AI tools at work"
    versions = _versions(page)
    assert _rows(versions) == ["1.0"] and _rows(versions, 1) == ["Approved (in force)"]
    new_file = tmp_path / "generative-ai-v1.1.txt"
    new_file.write_text("Version 1.1: adds the approved tools list.", encoding="utf-8")
    versions.ask_file = lambda: new_file  # type: ignore[method-assign]
    qtbot.mouseClick(versions.add_file_button, LEFT)
    assert _rows(versions) == ["1.0", "1.1"]
    assert _rows(versions, 1) == ["Approved (in force)", "Draft"]
    assert versions.selected().file_name == "generative-ai-v1.1.txt"  # type: ignore[union-attr]
    # the approved version stays in force until the new one is approved
    assert page.form.editors["version"].text() == "1.0"  # type: ignore[attr-defined]
    versions.ask_approval = lambda _v: ("Tom Okafor", date(2026, 11, 28))  # type: ignore[method-assign]
    assert versions.approve_button.isEnabled()
    qtbot.mouseClick(versions.approve_button, LEFT)
    assert _rows(versions, 1) == ["Superseded", "Approved (in force)"]
    assert _rows(versions, 2) == ["Tom Okafor", "Tom Okafor"]  # each keeps its own approval
    assert page.form.editors["version"].text() == "1.1"  # type: ignore[attr-defined]
    # the old file is still there, byte for byte
    versions.table.selectRow(0)
    saved = tmp_path / "old copy.txt"
    versions.ask_save_path = lambda _name: saved  # type: ignore[method-assign]
    qtbot.mouseClick(versions.save_button, LEFT)
    assert saved.read_bytes().startswith(b"Kestrel Freight Solutions Ltd - Using generative AI")
    # one undo step takes the approval back
    opened.context.undo_stack.undo()
    assert _rows(versions, 1) == ["Approved (in force)", "Draft"]


def test_a_version_is_opened_from_the_private_folder_and_withdrawn_stays_readable(
    opened: MainWindow, qtbot: QtBot
) -> None:
    page = _page(opened, f"register:document:{_id(opened, 'document', 'DOC-018')}")
    versions = _versions(page)
    assert _rows(versions, 1) == ["Withdrawn", "Approved (in force)"]
    versions.table.selectRow(0)
    assert not versions.withdraw_button.isEnabled()  # already withdrawn
    urls: list[str] = []
    versions.open_url = lambda url: urls.append(url.toLocalFile()) or True  # type: ignore[method-assign]
    qtbot.mouseClick(versions.open_button, LEFT)
    session = opened.session
    assert session is not None
    assert len(urls) == 1 and session.project.session.opened_folder in Path(urls[0]).parents
    assert Path(urls[0]).read_text(encoding="utf-8").startswith("Kestrel Assist - notice")


def test_adding_a_document_and_a_version_by_keyboard_and_button(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(opened, "register:document")
    page.add_record()
    title = page.form.editors["title"]
    assert isinstance(title, QLineEdit) and title.text() == "New document"
    assert page.spec.label(
        registers.record(opened.session, "document", page.current_id)
    ).startswith(  # type: ignore[arg-type]
        "DOC-027"
    )
    versions = _versions(page)
    assert versions.table.rowCount() == 0 and versions.empty_label.isVisible()
    qtbot.mouseClick(versions.add_button, LEFT)  # a version with no file (kept elsewhere)
    assert _rows(versions) == ["1.0"] and not versions.open_button.isEnabled()
    version_edit = versions.form.editors["version"]
    assert isinstance(version_edit, QLineEdit)
    assert versions.form.editors["sha256"].isReadOnly()  # type: ignore[attr-defined]
    version_edit.setText("1.0 (paper)")
    version_edit.editingFinished.emit()
    assert _rows(versions) == ["1.0 (paper)"]


# -- the evidence box --------------------------------------------------------------------------


def test_the_evidence_box_adds_links_and_unlinks_documents(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    box = EvidenceBox(opened.context, "7.5.3")
    qtbot.addWidget(box)
    box.show()
    assert [e.label for e in box._entries] == [
        "DOC-014 Document control procedure",
        "DOC-015 Records retention schedule",
    ]
    record = tmp_path / "destruction-log.txt"
    record.write_text("Records destroyed in 2026", encoding="utf-8")
    box.ask_file = lambda: record  # type: ignore[method-assign]
    qtbot.mouseClick(box.attach_button, LEFT)
    assert "DOC-027 destruction-log" in box.list.item(2).text()
    assert "destruction-log.txt" in box.list.item(2).text()

    def pick(picker: LinkPicker) -> bool:
        picker.filter_edit.setText("DOC-022")
        picker.list.setCurrentRow(
            next(r for r in range(picker.list.count()) if not picker.list.item(r).isHidden())
        )
        return True

    box.ask = pick  # type: ignore[method-assign]
    qtbot.mouseClick(box.link_button, LEFT)
    labels = [e.label for e in box._entries]
    assert "DOC-022 ISO/IEC 42001:2023 (licensed copy)" in labels and len(labels) == 4
    box.list.setCurrentRow(labels.index("DOC-022 ISO/IEC 42001:2023 (licensed copy)"))
    assert not box.open_button.isEnabled()  # kept elsewhere: no file to open
    with qtbot.waitSignal(box.navigateRequested) as shown:
        qtbot.mouseClick(box.show_button, LEFT)
    assert shown.args == [f"register:document:{_id(opened, 'document', 'DOC-022')}"]
    qtbot.mouseClick(box.remove_button, LEFT)
    assert len(box._entries) == 3
    assert registers.count(opened.session, "document") == 27  # type: ignore[arg-type]


# -- the mandatory documented information ------------------------------------------------------


def test_naming_a_document_closes_a_gap(opened: MainWindow, qtbot: QtBot) -> None:
    opened.navigate_to("register:mandatory-records")
    page = _section(opened).views["mandatory-records"]
    assert isinstance(page, MandatoryRecordsPage)
    assert page.summary.text() == "7 of 19 required records are covered."
    assert page.select("9.3.3:r1")
    assert page.table.item(page.table.currentRow(), 3).text() == "Gap: no document"

    def pick(picker: LinkPicker) -> bool:
        picker.filter_edit.setText("DOC-005")  # the board minutes
        picker.list.setCurrentRow(
            next(r for r in range(picker.list.count()) if not picker.list.item(r).isHidden())
        )
        return True

    page.ask = pick  # type: ignore[method-assign]
    qtbot.mouseClick(page.link_button, LEFT)
    assert page.summary.text() == "8 of 19 required records are covered."
    assert page.select("9.3.3:r1")
    row = page.table.currentRow()
    assert page.table.item(row, 2).text() == "DOC-005 Board minutes, 14 September"
    opened.context.undo_stack.undo()
    assert page.summary.text() == "7 of 19 required records are covered."
    assert page.select("9.3.3:r1")
    with qtbot.waitSignal(page.navigateRequested) as went:
        qtbot.mouseClick(page.clause_button, LEFT)
    assert went.args == ["9.3.3"]


# -- drafting ----------------------------------------------------------------------------------


def test_drafting_the_policy_saving_it_as_a_version_and_exporting_it(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    opened.navigate_to("register:drafting")
    page = _section(opened).views["drafting"]
    assert isinstance(page, DraftingPage)
    QApplication.processEvents()
    text = page.editor.toPlainText()
    assert text.startswith("# AI policy") and "Kestrel Assist" in text
    assert "DOC-001 AI policy" in page.document_label.text()
    assert page.placeholders_label.text() == "3 text(s) in square brackets still to replace."
    page.editor.setPlainText(
        text.replace("[name and role]", "Tom Okafor, Managing Director")
        .replace("[date]", "1 December 2026")
        .replace("[number]", "1.0")
    )
    assert page.placeholders_label.text() == "No text in square brackets is left."
    qtbot.mouseClick(page.save_button, LEFT)
    session = opened.session
    assert session is not None
    policy = _id(opened, "document", "DOC-001")
    last = documents.versions(session, policy)[-1]
    assert (last.version, last.file_name) == ("0.4", "AI policy v0.4.docx")
    assert "as version 0.4" in page.message.text()
    word = WordDocument(__import__("io").BytesIO(documents.file_bytes(session, last.id)))
    assert "Approved by Tom Okafor, Managing Director on 1 December 2026. Version 1.0." in [
        p.text for p in word.paragraphs
    ]
    out = tmp_path / "policy for the board"
    page.ask_export_path = lambda _name, _fmt: out  # type: ignore[method-assign]
    qtbot.mouseClick(page.docx_button, LEFT)
    exported = WordDocument(str(out.with_name(out.name + ".docx")))
    assert exported.paragraphs[0].style.name == "Title"
    assert any(p.style.name == "Heading 1" for p in exported.paragraphs)
    qtbot.mouseClick(page.pdf_button, LEFT)
    assert out.with_name(out.name + ".pdf").read_bytes().startswith(b"%PDF")
    # another kind keeps the policy's text for later
    page.choose("objectives")
    assert page.editor.toPlainText().startswith("# AI objectives and plans to achieve them")
    page.choose("ai-policy")
    assert "Tom Okafor, Managing Director" in page.editor.toPlainText()
    page.editor.setPlainText("scribbles")
    qtbot.mouseClick(page.saved_button, LEFT)  # back to what was saved
    assert "1 December 2026" in page.editor.toPlainText()


# -- an impact assessment ---------------------------------------------------------------------


def test_an_impact_assessment_with_its_impacts_pdf_and_new_version(
    opened: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(opened, f"register:impact_assessment:{_id(opened, 'impact_assessment', 'IA-002')}")
    assert page.record_title.text() == "IA-002 RoutePilot: daily route planning"
    # the guided questions sit with the fields they help to fill in
    guide = page.form.findChild(QLabel, "guide_misuse")
    assert guide is not None and "How could a user rely on it for something" in guide.text()
    impacts = page.children[0]
    assert impacts.spec.key == "impact" and impacts.table.rowCount() == 2
    qtbot.mouseClick(impacts.add_button, LEFT)
    assert impacts.table.rowCount() == 3
    description = impacts.form.editors["description"]
    assert isinstance(description, QLineEdit)
    description.setText("Drivers' shift data seen by the vendor")
    description.editingFinished.emit()
    direction = impacts.form.editors["direction"]
    direction.setCurrentIndex(direction.findText("Negative"))  # type: ignore[attr-defined]
    direction.activated.emit(direction.currentIndex())  # type: ignore[attr-defined]
    assert "Give the severity" in impacts.form.error_label.text()  # the rule, in plain words
    assert direction.currentText() == "—"  # type: ignore[attr-defined]  # refused: back as stored
    severity = impacts.form.editors["severity"]
    assert isinstance(severity, QSpinBox)
    severity.setValue(2)
    severity.editingFinished.emit()
    direction.setCurrentIndex(direction.findText("Negative"))  # type: ignore[attr-defined]
    direction.activated.emit(direction.currentIndex())  # type: ignore[attr-defined]
    assert _rows(impacts, 2)[-1] == "Negative" and _rows(impacts, 3)[-1] == "2"
    # a PDF of this assessment alone, through the Reports page
    reports_page = opened.page("reports")
    output = tmp_path / "ia-002.pdf"
    reports_page.ask_save_path = lambda _suggested: output  # type: ignore[attr-defined]
    with qtbot.waitSignal(reports_page.reportFinished, timeout=60_000):  # type: ignore[attr-defined]
        qtbot.mouseClick(page.record_buttons[0], LEFT)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(output).pages)
    assert "IA-002 RoutePilot" in text and "Drivers' shift data seen by the vendor" in text
    # a new version: a copy to revise, the earlier one kept
    page = _page(opened, f"register:impact_assessment:{_id(opened, 'impact_assessment', 'IA-001')}")
    qtbot.mouseClick(page.record_buttons[1], LEFT)
    assert page.record_title.text() == "IA-003 Kestrel Assist: customer chatbot"
    assert page.form.editors["version"].text() == "1.1"  # type: ignore[attr-defined]
    assert page.children[0].table.rowCount() == 4  # the impacts came along
    assert registers.count(opened.session, "impact_assessment") == 3  # type: ignore[arg-type]


# -- the competence matrix -----------------------------------------------------------------------


def test_the_competence_matrix_shows_the_gaps_and_opens_a_person(
    opened: MainWindow, qtbot: QtBot
) -> None:
    opened.navigate_to("register:competence-matrix")
    page = _section(opened).views["competence-matrix"]
    assert isinstance(page, CompetencePage)
    assert page.summary.text() == "8 people · 2 gap(s) · 3 training item(s) due"
    table = page.table
    people = [table.item(r, 0).text().split("\n")[0] for r in range(table.rowCount())]
    grace = people.index("Grace Mensah")
    texts = [table.item(grace, c).text() for c in range(1, table.columnCount())]
    assert any(t.startswith("Needed\nplanned for 2026-11-24 (overdue)") for t in texts)
    assert "CO-006: AI literacy: what AI can and cannot do" in page.legend.text()
    with qtbot.waitSignal(page.navigateRequested) as went:
        page.table.itemActivated.emit(table.item(grace, 0))
    assert went.args == [f"register:person:{_id(opened, 'person', 'Grace Mensah')}"]
