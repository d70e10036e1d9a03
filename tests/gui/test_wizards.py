"""The new-project wizard and the clause wizards, driven with clicks and keys like a user would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QLabel,
    QRadioButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from aims_desktop.domain.organisation import AIRole, OrgSize
from aims_desktop.domain.status import Answer, Status
from aims_desktop.gui.assessment.clause_wizard import SUMMARY, ClauseWorkspace
from aims_desktop.gui.assessment.editor import ANSWERS, DEFAULT_LEAD_TIME, AssessmentEditor
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.shell.new_project_wizard import NewProjectWizard
from aims_desktop.gui.widgets.fields import LinkButton
from aims_desktop.services import assessments
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.services.session import ProjectSession

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click where a user would: on a check box or radio button that is its indicator (the
    widget may be stretched far wider than its clickable part)."""
    if isinstance(widget, (QCheckBox, QRadioButton)):
        qtbot.mouseClick(widget, LEFT, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, LEFT)


def answer_button(editor: AssessmentEditor, key: str, answer: Answer) -> QAbstractButton:
    button = editor.answer_groups[key].button(ANSWERS.index(answer))
    assert button is not None
    return button


def checked_answer(editor: AssessmentEditor, key: str) -> Answer | None:
    index = editor.answer_groups[key].checkedId()
    return ANSWERS[index] if index >= 0 else None


def status_button(editor: AssessmentEditor, status: Status) -> QAbstractButton:
    from aims_desktop.domain.status import CLAUSE_STATUSES

    button = editor.status_group.button(CLAUSE_STATUSES.index(status))
    assert button is not None
    return button


def show_window(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.fixture
def sessions() -> Iterator[list[ProjectSession]]:
    """Sessions a test opens; their working copies are closed however the test ends."""
    opened: list[ProjectSession] = []
    yield opened
    for session in opened:
        close_project(session)


def fill_new_project_wizard(qtbot: QtBot) -> NewProjectWizard:
    wizard = NewProjectWizard()
    show_window(qtbot, wizard)
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    page = wizard.organisation_page
    assert not next_button.isEnabled(), "Next must wait for the organisation name"
    qtbot.keyClicks(page.name_edit, "   ")
    assert not next_button.isEnabled(), "a name of spaces is no name"
    qtbot.keyClick(page.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.name_edit, "Harbour Analytics GmbH")
    assert next_button.isEnabled()
    qtbot.keyClicks(page.sector_combo.lineEdit(), "Health and care")
    page.size_combo.setFocus()
    qtbot.keyClick(page.size_combo, Qt.Key.Key_Down)  # Not stated -> Micro
    qtbot.keyClick(page.size_combo, Qt.Key.Key_Down)  # Micro -> Small
    qtbot.keyClicks(page.country_combo.lineEdit(), "Germany")
    click(qtbot, next_button)

    roles = wizard.roles_page
    assert wizard.currentPage() is roles
    click(qtbot, roles.role_checks[AIRole.CUSTOMER])
    click(qtbot, roles.role_checks[AIRole.PRODUCER])
    click(qtbot, next_button)

    systems = wizard.systems_page
    assert wizard.currentPage() is systems
    qtbot.keyClicks(systems.rows[0].name_edit, "TriageBot")
    qtbot.keyClicks(systems.rows[0].description_edit, "sorts incoming patient messages")
    click(qtbot, systems.add_button)
    assert len(systems.rows) == 3
    qtbot.keyClicks(systems.rows[2].name_edit, "ShiftPlanner")
    qtbot.keyClicks(systems.rows[2].description_edit, "suggests nurse rotas (bought in)")
    click(qtbot, systems.rows[1].remove_button)  # the empty row in between
    qtbot.waitUntil(lambda: len(systems.rows) == 2)
    click(qtbot, next_button)

    scope = wizard.scope_page
    assert wizard.currentPage() is scope
    draft = scope.scope_edit.toPlainText()
    assert "Harbour Analytics GmbH" in draft
    assert "TriageBot; ShiftPlanner" in draft
    assert "provider" not in draft

    # Changing an earlier answer redraws the draft while the user has not edited it...
    back_button = wizard.button(QWizard.WizardButton.BackButton)
    click(qtbot, back_button)
    click(qtbot, back_button)
    assert wizard.currentPage() is roles
    click(qtbot, roles.role_checks[AIRole.PROVIDER])
    click(qtbot, next_button)
    click(qtbot, next_button)
    assert "provider" in scope.scope_edit.toPlainText()

    # ...and once the user has written in it, the text is theirs and survives Back and Next.
    scope.scope_edit.setFocus()
    qtbot.keyClick(scope.scope_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(scope.scope_edit, " The Hamburg clinic network only.")
    edited = scope.scope_edit.toPlainText()
    click(qtbot, back_button)
    click(qtbot, systems.add_button)
    qtbot.keyClicks(systems.rows[2].name_edit, "NoteTaker")
    click(qtbot, next_button)
    assert scope.scope_edit.toPlainText() == edited

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text() == "Create project"
    with qtbot.waitSignal(wizard.finished):
        click(qtbot, finish)
    assert wizard.result() == QDialog.DialogCode.Accepted
    return wizard


def test_new_project_wizard_and_a_whole_clause_wizard_survive_save_and_reopen(
    qtbot: QtBot, tmp_path: Path, sessions: list[ProjectSession]
) -> None:
    wizard = fill_new_project_wizard(qtbot)
    profile = wizard.profile()
    assert profile["org_name"] == "Harbour Analytics GmbH"
    assert profile["size"] is OrgSize.SMALL
    assert profile["roles"] == frozenset({AIRole.PROVIDER, AIRole.PRODUCER, AIRole.CUSTOMER})
    assert profile["ai_systems"] == (
        "TriageBot: sorts incoming patient messages\n"
        "ShiftPlanner: suggests nurse rotas (bought in)\n"
        "NoteTaker"
    )
    assert profile["scope"].endswith("The Hamburg clinic network only.")

    name = profile.pop("org_name")
    session = new_project(name, user="Test User", **profile)
    sessions.append(session)
    context = ProjectContext()
    context.set_session(session)
    today = session.today()

    workspace = ClauseWorkspace(context, "5")
    workspace.resize(1100, 800)
    show_window(qtbot, workspace)
    assert workspace.steps == ["5.1", "5.2", "5.3", SUMMARY]
    assert workspace.current_step == "5.1"
    assert not workspace.back_button.isEnabled()

    # 5.1: every question yes, then the suggested status; no target date for a met item.
    e51 = workspace.editor_for("5.1")
    assert not e51.use_suggestion_button.isEnabled()
    for question in e51.item.questions:
        click(qtbot, answer_button(e51, question.key, Answer.YES))
    assert e51.suggestion is Status.MET
    click(qtbot, e51.use_suggestion_button)
    assert status_button(e51, Status.MET).isChecked()
    click(qtbot, e51.owner_edit)
    qtbot.keyClicks(e51.owner_edit, "Dr. Lena Vogt")
    click(qtbot, e51.notes_edit)
    qtbot.keyClicks(e51.notes_edit, "Board minutes of 3 March approve the AIMS.")
    assert e51.no_date_check.isChecked()
    click(qtbot, workspace.next_button)
    assert workspace.current_step == "5.2"

    # 5.2: a mix of answers, keyboard included; the user overrides the suggestion.
    e52 = workspace.editor_for("5.2")
    keys = [q.key for q in e52.item.questions]
    click(qtbot, answer_button(e52, keys[0], Answer.YES))
    yes = answer_button(e52, keys[1], Answer.YES)
    click(qtbot, yes)
    qtbot.keyClick(yes, Qt.Key.Key_Right)  # arrow keys move within the answers
    assert checked_answer(e52, keys[1]) is Answer.PARTLY
    click(qtbot, answer_button(e52, keys[2], Answer.NO))
    for key in keys[3:]:
        click(qtbot, answer_button(e52, key, Answer.NOT_SURE))
    assert e52.suggestion is Status.PARTIALLY_MET
    click(qtbot, status_button(e52, Status.NOT_MET))
    assert e52.use_suggestion_button.isEnabled()
    click(qtbot, e52.owner_edit)
    qtbot.keyClicks(e52.owner_edit, "Jonas Brandt")
    click(qtbot, e52.no_date_check)  # a gap gets a date: the default is a month ahead
    assert e52.date_edit.isEnabled()
    click(qtbot, e52.notes_edit)
    qtbot.keyClicks(e52.notes_edit, "Policy drafted, not yet approved.")

    # Back and Next never lose input, even text the user has not left yet.
    click(qtbot, workspace.back_button)
    assert workspace.current_step == "5.1"
    assert e51.notes_edit.toPlainText() == "Board minutes of 3 March approve the AIMS."
    assert e51.owner_edit.text() == "Dr. Lena Vogt"
    click(qtbot, workspace.next_button)
    assert workspace.current_step == "5.2"
    assert e52.notes_edit.toPlainText() == "Policy drafted, not yet approved."
    assert checked_answer(e52, keys[1]) is Answer.PARTLY
    assert session.assessment("5.2").notes == "Policy drafted, not yet approved."

    # 5.3: all no; the suggestion is taken; the date is moved on by a day with the keyboard.
    click(qtbot, workspace.next_button)
    e53 = workspace.editor_for("5.3")
    for question in e53.item.questions:
        click(qtbot, answer_button(e53, question.key, Answer.NO))
    click(qtbot, e53.use_suggestion_button)
    assert status_button(e53, Status.NOT_MET).isChecked()
    click(qtbot, e53.owner_edit)
    qtbot.keyClicks(e53.owner_edit, "HR lead")
    click(qtbot, e53.no_date_check)
    e53.date_edit.setFocus()
    qtbot.keyClick(e53.date_edit, Qt.Key.Key_Home)
    qtbot.keyClick(e53.date_edit, Qt.Key.Key_Up)  # the day section: one day later
    click(qtbot, e53.notes_edit)
    qtbot.keyClicks(e53.notes_edit, "Nobody owns AI roles yet.")
    assert workspace.next_button.text().replace("&", "") == "Summary >"
    click(qtbot, workspace.next_button)

    # The summary: what is met, and the gaps as actions with owner and date.
    assert workspace.current_step == SUMMARY
    summary = workspace.summary
    assert summary is not None
    assert set(summary.links) == {"5.1", "5.2", "5.3"}
    labels = [w.text() for w in summary.findChildren(QWidget) if hasattr(w, "text")]
    assert "Owner: Jonas Brandt" in labels and "Owner: HR lead" in labels
    assert "Continue with clause 6" in workspace.next_button.text()
    with qtbot.waitSignal(workspace.navigateRequested) as navigation:
        click(qtbot, workspace.next_button)
    assert navigation.args == ["6"]
    click(qtbot, summary.links["5.2"])
    assert workspace.current_step == "5.2"

    path = save_project(session, tmp_path / "harbour.aims")
    context.set_session(None)
    close_project(sessions.pop())

    reopened = open_project(path, user="Test User")
    sessions.append(reopened)
    org = reopened.organisation()
    assert (org.name, org.sector, org.size, org.country) == (
        "Harbour Analytics GmbH",
        "Health and care",
        OrgSize.SMALL,
        "Germany",
    )
    assert org.roles == frozenset({AIRole.PROVIDER, AIRole.PRODUCER, AIRole.CUSTOMER})
    from aims_desktop.services import registers

    systems = [(r.name, r.purpose) for r in registers.records(reopened, "ai_system")]  # type: ignore[attr-defined]
    assert systems == [
        ("TriageBot", "sorts incoming patient messages"),
        ("ShiftPlanner", "suggests nurse rotas (bought in)"),
        ("NoteTaker", ""),
    ]
    assert org.scope == profile["scope"]

    a51, a52, a53 = (reopened.assessment(i) for i in ("5.1", "5.2", "5.3"))
    assert a51.answers == {q.key: Answer.YES for q in e51.item.questions}
    assert (a51.status, a51.owner, a51.target_date) == (Status.MET, "Dr. Lena Vogt", None)
    assert a51.notes == "Board minutes of 3 March approve the AIMS."
    assert a52.answers == {
        keys[0]: Answer.YES,
        keys[1]: Answer.PARTLY,
        keys[2]: Answer.NO,
        **{k: Answer.NOT_SURE for k in keys[3:]},
    }
    assert (a52.status, a52.owner) == (Status.NOT_MET, "Jonas Brandt")
    assert a52.target_date == today + DEFAULT_LEAD_TIME
    assert a52.notes == "Policy drafted, not yet approved."
    assert a53.answers == {q.key: Answer.NO for q in e53.item.questions}
    assert (a53.status, a53.owner) == (Status.NOT_MET, "HR lead")
    assert a53.target_date == today + DEFAULT_LEAD_TIME + timedelta(days=1)
    assert a53.notes == "Nobody owns AI roles yet."

    # Coming back: the wizard opens where the user left it, showing what was saved.
    context.set_session(reopened)
    assert workspace.current_step == "5.2"
    again = ClauseWorkspace(context, "5")
    qtbot.addWidget(again)
    assert again.current_step == "5.2"
    shown = again.editor_for("5.2")
    assert checked_answer(shown, keys[1]) is Answer.PARTLY
    assert status_button(shown, Status.NOT_MET).isChecked()
    assert shown.owner_edit.text() == "Jonas Brandt"
    assert shown.notes_edit.toPlainText() == "Policy drafted, not yet approved."
    assert not shown.no_date_check.isChecked()
    assert shown.date_edit.date().toPython() == today + DEFAULT_LEAD_TIME


@pytest.fixture
def context(sessions: list[ProjectSession]) -> ProjectContext:
    session = new_project("Undo Ltd", user="Test User")
    sessions.append(session)
    context = ProjectContext()
    context.set_session(session)
    return context


def test_undo_restores_answers_and_notes_but_keeps_text_being_typed(
    qtbot: QtBot, context: ProjectContext
) -> None:
    workspace = ClauseWorkspace(context, "4")
    show_window(qtbot, workspace)
    editor = workspace.editor_for("4.1")
    key = editor.item.questions[0].key
    session = context.session
    assert session is not None

    click(qtbot, answer_button(editor, key, Answer.NO))
    assert session.assessment("4.1").answers == {key: Answer.NO}
    assert editor.suggestion is Status.NOT_MET
    context.undo_stack.undo()
    assert checked_answer(editor, key) is None
    assert editor.suggestion is None
    context.undo_stack.redo()
    assert checked_answer(editor, key) is Answer.NO

    # Notes are one undo step per editing session, however many keys were typed.
    steps = context.undo_stack.count()
    click(qtbot, editor.notes_edit)
    qtbot.keyClicks(editor.notes_edit, "Context workshop planned")
    assert context.undo_stack.count() == steps
    click(qtbot, editor.owner_edit)  # leaving the notes saves them
    assert context.undo_stack.count() == steps + 1
    qtbot.keyClicks(editor.owner_edit, "Ann")  # still being typed
    context.undo_stack.undo()
    assert editor.notes_edit.toPlainText() == ""
    assert session.assessment("4.1").notes == ""
    assert editor.owner_edit.text() == "Ann", "undo must not throw away what is being typed"
    context.undo_stack.redo()
    assert editor.notes_edit.toPlainText() == "Context workshop planned"

    # Status: the step list follows the stored status, through undo as well.
    click(qtbot, status_button(editor, Status.PARTIALLY_MET))
    tip = workspace.step_list.topLevelItem(0).toolTip(0)
    assert tip.endswith("Partially met")
    context.undo_stack.undo()
    assert status_button(editor, Status.NOT_ASSESSED).isChecked()
    assert workspace.step_list.topLevelItem(0).toolTip(0).endswith("Not assessed")


def test_clause_six_shows_its_group_heading_and_jumps_to_related_pages(
    qtbot: QtBot, context: ProjectContext
) -> None:
    workspace = ClauseWorkspace(context, "6")
    show_window(qtbot, workspace)
    assert workspace.steps == ["6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3", SUMMARY]
    heading = workspace.step_list.topLevelItem(0)
    assert heading.text(0).replace("\n", " ").startswith("6.1 Actions to address risks")
    assert heading.childCount() == 4
    assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable

    workspace.show_item("6.1.2")
    editor = workspace.current_editor()
    assert editor is not None and editor.item_id == "6.1.2"
    inside = next(link for link in editor.related_links if link.target == "6.1.3")
    click(qtbot, inside)
    assert workspace.current_step == "6.1.3"
    outside = next(
        link
        for link in workspace.editor_for("6.1.3").related_links
        if link.target not in workspace.steps
    )
    with qtbot.waitSignal(workspace.navigateRequested) as navigation:
        click(qtbot, outside)
    assert navigation.args == [outside.target]

    # Keyboard: the arrow keys walk the steps; the 6.1 heading is a label, never a step.
    workspace.show_item("6.2")
    workspace.step_list.setFocus()
    qtbot.keyClick(workspace.step_list, Qt.Key.Key_Up)
    assert workspace.current_step == "6.1.4"
    workspace.show_item("6.1.1")
    qtbot.keyClick(workspace.step_list, Qt.Key.Key_Up)
    assert workspace.current_step == "6.1.1"
    assert workspace.step_list.currentItem() is heading.child(0)
    assert workspace.stack.currentIndex() == 0


def test_evidence_attached_to_a_clause_can_be_removed_and_undone(
    qtbot: QtBot, context: ProjectContext, tmp_path: Path
) -> None:
    workspace = ClauseWorkspace(context, "4")
    show_window(qtbot, workspace)
    box = workspace.editor_for("4.1").evidence_box
    assert not box.remove_button.isEnabled()
    document = tmp_path / "context-analysis.txt"
    document.write_text("Internal and external issues, reviewed in March.", encoding="utf-8")
    box.attach_file(document)
    assert box.list.count() == 1
    assert "context-analysis.txt" in box.list.item(0).text()
    click(qtbot, box.remove_button)
    assert box.list.count() == 0
    context.undo_stack.undo()
    assert box.list.count() == 1


def test_a_shortcut_such_as_save_sees_the_text_still_being_typed(
    qtbot: QtBot, context: ProjectContext
) -> None:
    workspace = ClauseWorkspace(context, "4")
    show_window(qtbot, workspace)
    editor = workspace.editor_for("4.1")
    session = context.session
    assert session is not None
    seen: list[tuple[str, str]] = []
    save = QAction("Save", workspace)
    save.setShortcut(QKeySequence.StandardKey.Save)
    save.triggered.connect(
        lambda: seen.append((session.assessment("4.1").notes, session.assessment("4.1").owner))
    )
    workspace.addAction(save)

    click(qtbot, editor.notes_edit)
    qtbot.keyClicks(editor.notes_edit, "Typed, not yet left")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, editor.owner_edit)
    qtbot.keyClicks(editor.owner_edit, "Mia")
    qtbot.keyClick(editor.owner_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert seen == [("Typed, not yet left", ""), ("Typed, not yet left", "Mia")]
    # Ctrl+Z inside the notes stays the text box's own undo, as in any editor.
    steps = context.undo_stack.count()
    click(qtbot, editor.notes_edit)
    qtbot.keyClicks(editor.notes_edit, "!")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not editor.notes_edit.toPlainText().endswith("!")
    assert context.undo_stack.count() == steps, "no project undo step while inside the box"


def test_the_summary_follows_edits_and_undo_while_it_is_shown(
    qtbot: QtBot, context: ProjectContext
) -> None:
    workspace = ClauseWorkspace(context, "4")
    show_window(qtbot, workspace)
    workspace.show_item(SUMMARY)
    summary = workspace.summary
    assert summary is not None

    def shown_links() -> list[str]:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return sorted(link.target for link in summary.findChildren(LinkButton))

    assert shown_links() == ["4.1", "4.2", "4.3", "4.4"]  # all not assessed yet
    context.apply(
        lambda s: assessments.update_assessment(s, "4.2", status=Status.NOT_MET, owner="Kim Novak")
    )
    owners = [w.text() for w in summary.findChildren(QLabel) if w.text() == "Owner: Kim Novak"]
    assert owners == ["Owner: Kim Novak"]
    assert shown_links() == ["4.1", "4.2", "4.3", "4.4"]  # 4.2 moved to the gaps, once
    context.undo_stack.undo()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in summary.findChildren(QLabel) if w.text() == "Owner: Kim Novak"]
