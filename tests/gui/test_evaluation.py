"""Clauses 9 and 10 and the auditor's visit, driven as a user would: an internal audit with its
findings raised into nonconformities, a management review from inputs to minutes, monitoring
results on the trend chart, review mode, what changed since a revision, and the Certification
section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QRadioButton
from pytestqt.qtbot import QtBot

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers.evaluation import FindingGrade
from aims_desktop.domain.status import Status
from aims_desktop.gui.registers.evaluation_pages import (
    InternalAuditPage,
    ManagementReviewPage,
    MonitoringPage,
    ReviewCommentsPage,
)
from aims_desktop.gui.registers.register_page import RegisterPage
from aims_desktop.gui.registers.registers_section import RegistersSection
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services import assessments, registers, review
from aims_desktop.services.project import close_project, new_project, save_project

pytestmark = pytest.mark.gui


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    session = new_project("Acme Analytics Ltd", user="Priya Shah")
    path = save_project(session, tmp_path / "acme.aims")
    close_project(session)
    return path


@pytest.fixture
def fresh(window: MainWindow, empty_file: Path) -> Iterator[MainWindow]:
    window.resize(1280, 860)
    assert window.open_file(empty_file)
    yield window


@pytest.fixture
def demo(window: MainWindow, demo_file: Path) -> Iterator[MainWindow]:
    window.resize(1280, 860)
    assert window.open_file(demo_file)
    yield window


def _page(window: MainWindow, key: str) -> RegisterPage:
    assert window.navigate_to(f"register:{key}")
    section = window.page("registers")
    assert isinstance(section, RegistersSection)
    page = section.current_page()
    assert page is not None and page.spec.key == key
    return page


def _type(qtbot: QtBot, editor: object, text: str) -> None:
    """Replace the text of a line edit as a user would, and leave the field."""
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    editor.editingFinished.emit()


def _choose(combo: object, label: str) -> None:
    assert isinstance(combo, QComboBox)
    index = combo.findText(label)
    assert index >= 0, label
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_an_internal_audit_with_findings_raised_into_nonconformities(
    fresh: MainWindow, qtbot: QtBot
) -> None:
    page = _page(fresh, "internal_audit")
    assert isinstance(page, InternalAuditPage)
    assert "0 of" in page.programme_label.text()  # nothing audited yet
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, page.form.editors["title"], "Risk management")
    session = fresh.session
    assert session is not None
    (audit,) = registers.records(session, "internal_audit")
    assert audit.title == "Risk management"  # type: ignore[attr-defined]

    findings = page.findings
    assert findings.isVisibleTo(page) and findings.parent_id == audit.id
    qtbot.mouseClick(findings.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, findings.form.editors["title"], "Risk register not reviewed this year")
    _choose(findings.form.editors["grade"], FindingGrade.MINOR.label)
    statement = findings.form.editors["statement"]
    assert isinstance(statement, QPlainTextEdit)
    statement.setPlainText("Last reviewed 14 months ago.")
    statement.editingFinished.emit()  # type: ignore[attr-defined]
    (finding,) = registers.records(session, "audit_finding", parent_id=audit.id)
    assert finding.grade is FindingGrade.MINOR  # type: ignore[attr-defined]
    assert [findings.table.item(0, 1).text()] == ["Risk register not reviewed this year"]

    assert page.raise_button.isEnabled()
    qtbot.mouseClick(page.raise_button, Qt.MouseButton.LeftButton)
    (nc,) = registers.records(session, "nonconformity")
    assert nc.title == "Risk register not reviewed this year"  # type: ignore[attr-defined]
    assert "14 months ago" in nc.description  # type: ignore[attr-defined]
    linked = registers.record(session, "audit_finding", finding.id)
    assert linked.nonconformity == (nc.id,)  # type: ignore[attr-defined]
    assert not page.raise_button.isEnabled()  # raised once
    # the finding's links show the nonconformity, and it opens it
    links = findings.links
    assert links is not None
    shown = links.lists["nonconformity"]
    assert "NC-001" in shown.item(0).text()
    shown.opened.emit(shown.item(0).data(Qt.ItemDataRole.UserRole + 1))
    nc_page = fresh.page("registers").current_page()  # type: ignore[attr-defined]
    assert nc_page.spec.key == "nonconformity"

    fresh.undo_action.trigger()  # one step takes the nonconformity and the link away
    assert registers.records(session, "nonconformity") == []
    assert registers.record(session, "audit_finding", finding.id).nonconformity == ()  # type: ignore[attr-defined]


def test_a_finding_opens_within_its_audit(demo: MainWindow) -> None:
    session = demo.session
    assert session is not None
    finding = next(
        f
        for f in registers.records(session, "audit_finding")
        if f.ref == "AF-003"  # type: ignore[attr-defined]
    )
    assert demo.navigate_to(f"register:audit_finding:{finding.id}")
    page = demo.page("registers").current_page()  # type: ignore[attr-defined]
    assert isinstance(page, InternalAuditPage)
    assert page.findings.current_id() == finding.id
    assert (
        page.findings.detail_title.text() == "AF-003 Chat transcripts kept with no retention period"
    )


def test_a_management_review_from_its_inputs_to_its_minutes(
    demo: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(demo, "management_review")
    assert isinstance(page, ManagementReviewPage)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, page.form.editors["title"], "Management review 2027")
    inputs = page.form.editors["input_actions"]
    assert isinstance(inputs, QPlainTextEdit) and inputs.toPlainText() == ""
    qtbot.mouseClick(page.prefill_button, Qt.MouseButton.LeftButton)
    # drafted from the project: the earlier review's actions, the open nonconformities
    assert "MA-001 Approve and publish the AI policy v1.0" in inputs.toPlainText()
    nonconformities = page.form.editors["input_nonconformities"]
    assert "NC-002 AI policy not approved or communicated" in nonconformities.toPlainText()  # type: ignore[attr-defined]
    actions = page.review_actions
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, actions.form.editors["action"], "Book the Stage 2 audit")
    assert actions.table.rowCount() == 1 and actions.table.item(0, 0).text() == "MA-004"

    reports_page = demo.page("reports")
    reports_page.ask_save_path = lambda suggested: tmp_path / "minutes.pdf"  # type: ignore[attr-defined]
    with qtbot.waitSignal(reports_page.reportFinished, timeout=60_000) as done:  # type: ignore[attr-defined]
        qtbot.mouseClick(page.minutes_button, Qt.MouseButton.LeftButton)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(done.args[0]).pages)
    assert "MR-002 Management review 2027" in text and "Book the Stage 2 audit" in text


def test_a_result_joins_the_trend_chart(demo: MainWindow, qtbot: QtBot) -> None:
    page = _page(demo, "monitoring_measure")
    assert isinstance(page, MonitoringPage)
    before = len(page.chart.points)
    assert before == 6 and page.chart.target == 15
    qtbot.keyClicks(page.value_edit, "about ten")
    qtbot.mouseClick(page.add_result_button, Qt.MouseButton.LeftButton)
    assert page.result_error.isVisible() and "must be a number" in page.result_error.text()
    page.value_edit.clear()
    qtbot.keyClicks(page.value_edit, "11,5")
    qtbot.keyClick(page.value_edit, Qt.Key.Key_Return)
    assert len(page.chart.points) == before + 1
    assert page.chart.points[-1].value == 11.5 and page.results.table.rowCount() == before + 1
    assert not page.chart.grab().isNull()


def test_review_mode_comments_without_changing_anything(demo: MainWindow, qtbot: QtBot) -> None:
    session = demo.session
    assert session is not None
    demo.navigate_to("6.1.2")
    editor = demo.page("6").current_editor()  # type: ignore[attr-defined]
    editor.notes_edit.setPlainText("Edited before the review.")
    editor.notes_edit.editingFinished.emit()
    before = session.assessment("6.1.2")

    demo.review_mode_action.trigger()  # View > Review Mode
    assert demo.context.review_mode and demo.review_mode_action.isChecked()
    assert demo.review_label.isVisibleTo(demo) and session.user in demo.review_label.text()
    assert editor.notes_edit.isReadOnly()
    assert not any(b.isEnabled() for b in editor.findChildren(QRadioButton))
    box = editor.review_box
    assert box.isVisibleTo(editor) and box.editor.isVisibleTo(editor)
    box.text.setPlainText("Where is the risk assessment of the new depot?")
    _choose(box.kind, "Finding: minor nonconformity")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    (comment,) = review.comments(session, "6.1.2")
    assert comment.reviewer == session.user and "new depot" in comment.comment
    assert "Finding: minor nonconformity" in box._labels[0].text()
    assert session.assessment("6.1.2") == before  # the manager's answers are untouched

    # nothing else can change: the project refuses, and Undo cannot reach the manager's edit
    with pytest.raises(RuleViolation, match="Review mode is on"):
        demo.context.apply(lambda s: assessments.update_assessment(s, "6.1.2", notes="x"))
    stack = demo.context.undo_stack
    demo.undo_action.trigger()  # undoes the comment: a review change
    assert review.comments(session, "6.1.2") == []
    position = stack.index()
    demo.undo_action.trigger()  # the notes edit: refused, and said so
    qtbot.waitUntil(lambda: bool(demo.answers.errors) and stack.index() == position)  # type: ignore[attr-defined]
    assert "Review mode is on" in str(demo.answers.errors[-1])  # type: ignore[attr-defined]
    assert session.assessment("6.1.2").notes == "Edited before the review."
    demo.redo_action.trigger()  # the comment comes back
    assert len(review.comments(session, "6.1.2")) == 1

    page = _page(demo, "ai_system")
    assert not page.add_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.review_box.isVisibleTo(page)
    comments = _page(demo, "review_comment")
    assert isinstance(comments, ReviewCommentsPage)
    assert comments.model.rowCount() == 1 and comments.add_button.isEnabled()
    qtbot.mouseClick(comments.go_button, Qt.MouseButton.LeftButton)
    assert demo.current_section() == "6"

    demo.review_mode_action.trigger()  # leave review mode
    assert not demo.context.review_mode and not editor.notes_edit.isReadOnly()
    assert editor.status_group.buttons()[0].isEnabled()
    assert box.isVisibleTo(editor) and not box.editor.isVisibleTo(editor)  # still listed


def test_what_changed_since_the_last_revision(
    demo: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from aims_desktop.gui.review.changes_dialog import ChangesDialog

    session = demo.session
    assert session is not None
    demo.context.apply(
        lambda s: assessments.update_assessment(s, "9.2.1", status=Status.MET, notes="IA-001")
    )
    shown: list[ChangesDialog] = []
    demo.run_dialog = lambda d: shown.append(d) or 0  # type: ignore[method-assign]
    demo.changes_action.trigger()  # View > What Changed…
    (dialog,) = shown
    assert dialog.revision.value() == 0  # the revision before the last save
    dialog.revision.setValue(1)  # since the saved demo: only the edit just made
    texts = [dialog.tree.item(i).text() for i in range(dialog.tree.count())]
    assert texts[0] == "Clauses and controls (1)"
    assert texts[1].startswith("9.2.1 ")
    assert any("Status: Not assessed  →  Met" in t for t in texts)
    assert "Changes not saved yet are included." in dialog.summary.text()
    dialog.tree.setCurrentRow(2)
    qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
    assert demo.current_section() == "9"

    reports_page = demo.page("reports")
    reports_page.ask_save_path = lambda suggested: tmp_path / "changes.pdf"  # type: ignore[attr-defined]
    demo.changes_action.trigger()
    other = shown[-1]
    other.revision.setValue(1)
    with qtbot.waitSignal(reports_page.reportFinished, timeout=60_000) as done:  # type: ignore[attr-defined]
        qtbot.mouseClick(other.print_button, Qt.MouseButton.LeftButton)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(done.args[0]).pages)
    assert "What changed since revision 1" in text and "9.2.1" in text


def test_the_certification_section(demo: MainWindow, qtbot: QtBot) -> None:
    assert demo.navigate_to("certification")
    page = demo.page("certification")
    QApplication.processEvents()
    checks = {row.objectName(): row for row in page._rows}  # type: ignore[attr-defined]
    assert set(checks) >= {
        "check_controls-decided",
        "check_internal-audit",
        "check_management-review",
    }
    assert "checks pass" in page.summary.text()  # type: ignore[attr-defined]
    cycle = page.cycle  # type: ignore[attr-defined]
    assert [cycle.item(r, 0).text() for r in range(2)] == [
        "Stage 1 audit",
        "Stage 2 (certification) audit",
    ]
    assert "planned for" in cycle.item(0, 2).text()
    assert "Stage 1 audit on" in page.reminders.text()  # type: ignore[attr-defined]
    go = checks["check_internal-audit"].findChild(object, "checkGo")
    qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    assert demo.current_section() == "registers"
    assert demo.page("registers").current_key() == "internal_audit"  # type: ignore[attr-defined]


def test_the_dashboard_reminds_of_the_stage_1_audit(demo: MainWindow, qtbot: QtBot) -> None:
    demo.navigate_to("dashboard")
    dashboard = demo.page("dashboard")
    table = dashboard.cycle_table  # type: ignore[attr-defined]
    assert table.isVisibleTo(dashboard) and table.rowCount() == 1
    assert table.item(0, 0).text().startswith("Stage 1 audit on ")
    table.activated.emit(table.model().index(0, 0))
    assert demo.page("registers").current_key() == "certification_audit"  # type: ignore[attr-defined]
