"""What a newcomer reads: one date format, names instead of "Untitled", the user's own name on
their work, and pages that say why something is switched off or looks wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.domain.status import Status
from aims_desktop.gui.assessment.editor import AssessmentEditor
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.reports.reports_page import ReportsPage
from aims_desktop.gui.shell import dialogs
from aims_desktop.gui.shell.dialogs import NameDialog, UnsavedChoice
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.shell.preferences import set_user_name, should_ask_for_name, user_name
from aims_desktop.gui.widgets import dates
from aims_desktop.services import assessments
from aims_desktop.services.project import close_project, new_project
from aims_desktop.services.session import ProjectSession, default_user
from tests.gui.shell_helpers import answer_modal, edit

pytestmark = pytest.mark.gui

READABLE = re.compile(r"^\d{1,2} [^\W\d_]{3,}\.? \d{4}")
"""Day, month in letters, year: "3 Feb 2027" (never "03/02/2027" or "3 2 2027")."""


# -- one date format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "country"),
    [
        (QLocale.Language.English, QLocale.Country.UnitedKingdom),
        (QLocale.Language.English, QLocale.Country.UnitedStates),
        (QLocale.Language.German, QLocale.Country.Germany),
        (QLocale.Language.C, QLocale.Country.AnyCountry),
    ],
)
def test_dates_have_a_readable_month_in_every_locale(
    language: QLocale.Language, country: QLocale.Country
) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(language, country))
    try:
        shown = dates.format_date(date(2024, 12, 29))
        assert READABLE.match(shown), shown
        moment = dates.format_stamp("2026-11-29T17:44:00Z")
        assert READABLE.match(moment), moment
        assert "29 12 2024" not in shown and "2024-12-29" not in shown
    finally:
        QLocale.setDefault(previous)


def test_the_dashboard_status_bar_and_wizard_show_the_same_format(
    window: MainWindow, demo_file: Path
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    window.open_file(demo_file)
    dashboard = window.page("dashboard")
    table = dashboard.actions_table  # type: ignore[attr-defined]
    shown = [table.item(r, 3).text() for r in range(table.rowCount())]
    dated = [text for text in shown if text != "—"]
    assert dated and all(READABLE.match(text) for text in dated), dated
    saved = window.saved_label.text().removeprefix("Last saved: ")
    assert READABLE.match(saved), saved
    wizard = window.page("6")
    editor = wizard.editor_for("6.1.2")  # type: ignore[attr-defined]
    assert editor.date_edit.displayFormat() == dates.DATE_PATTERN


# -- never-saved projects are named -----------------------------------------------------------


def test_the_close_prompt_of_a_never_saved_project_names_the_organisation(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    real_dialogs: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(window, "run_new_project_wizard", lambda: {"org_name": "Acme Robotics"})
    assert window.new_project()
    seen: list[QWidget] = []

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Cancel).click()

    answer_modal(qtbot, cancel, seen)
    # the real question (the fixture answers window.ask_unsaved_changes itself)
    assert MainWindow.ask_unsaved_changes(window) is UnsavedChoice.CANCEL
    box = seen[0]
    assert isinstance(box, QMessageBox)
    assert box.text() == "Do you want to save the new project for “Acme Robotics”?"
    assert "never been saved" in box.informativeText()
    assert "Untitled" not in box.text() + box.informativeText()
    assert "since you last saved" not in box.informativeText()
    _question, detail = dialogs.unsaved_changes_text("Kestrel.aims")
    assert "since you last saved" in detail  # a saved project keeps the usual words


# -- who is working ---------------------------------------------------------------------------


def test_first_start_asks_the_name_once_and_uses_it_everywhere(
    window: MainWindow, demo_file: Path
) -> None:
    window.open_file(demo_file)  # opened from the command line before the question
    asked: list[str] = []

    def answer() -> str | None:
        asked.append("name")
        return "Priya Shah"

    window.ask_user_name = answer  # type: ignore[method-assign]
    assert should_ask_for_name()
    window.start_up()
    assert asked == ["name"]
    assert user_name() == "Priya Shah"
    session = window.session
    assert session is not None and session.user == "Priya Shah"
    edit(window, "8.1", status=Status.MET)
    assert session.change_log(limit=1)[0].who == "Priya Shah"  # not the login ("root")
    window.navigate_to("reports")
    assert window.page("reports").prepared_by.text() == "Priya Shah"  # type: ignore[attr-defined]
    window.start_up()
    assert asked == ["name"]  # once only


def test_skipping_the_name_keeps_the_login_and_never_asks_again(window: MainWindow) -> None:
    asked: list[str] = []
    window.ask_user_name = lambda: asked.append("name") or None  # type: ignore[method-assign]
    assert window.ask_name_once() is False
    assert window.ask_name_once() is False
    assert asked == ["name"]
    assert user_name() == default_user()


def test_a_name_set_in_preferences_means_no_question(window: MainWindow) -> None:
    set_user_name("Alex Auditor")
    assert not should_ask_for_name()


def test_the_name_dialog_is_polite_and_skippable(qtbot: QtBot) -> None:
    dialog = NameDialog("root")
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "“root”" in words and "Preferences" in words  # why, what happens without, where later
    assert not dialog.use_button.isEnabled()  # nothing typed: nothing to use
    assert dialog.skip_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "  Priya Shah ")
    assert dialog.use_button.isEnabled() and dialog.name() == "Priya Shah"


@pytest.fixture
def two_projects() -> Iterator[tuple[ProjectSession, ProjectSession]]:
    first = new_project("First Ltd", user="Priya Shah")
    second = new_project("Second Ltd", user="Priya Shah")
    yield first, second
    close_project(first)
    close_project(second)


def test_prepared_by_starts_from_the_users_name_on_every_project(
    qtbot: QtBot, two_projects: tuple[ProjectSession, ProjectSession]
) -> None:
    first, second = two_projects
    context = ProjectContext()
    context.set_session(first)
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.prepared_by.setText("Somebody Else")  # typed for the first project's report
    context.set_session(second)
    assert page.prepared_by.text() == "Priya Shah"
    second.user = "Priya S. Shah"  # changed in Preferences while the page was away
    page.hide()
    page.show()
    assert page.prepared_by.text() == "Priya S. Shah"
    context.set_session(None)


def test_the_reports_page_says_when_the_project_is_not_saved(
    qtbot: QtBot, two_projects: tuple[ProjectSession, ProjectSession]
) -> None:
    context = ProjectContext()
    context.set_session(two_projects[0])
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.unsaved_hint.isVisible()
    assert "not been saved yet" in page.unsaved_hint.text()
    context.set_session(None)


# -- an excluded control, a date in the past ---------------------------------------------------


@pytest.fixture
def context() -> Iterator[ProjectContext]:
    session = new_project(
        "Editor Ltd", user="Test User", clock=lambda: datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    )
    context = ProjectContext()
    context.set_session(session)
    yield context
    context.set_session(None)
    close_project(session)


def _editor(qtbot: QtBot, context: ProjectContext, item_id: str) -> AssessmentEditor:
    editor = AssessmentEditor(context, item_id)
    qtbot.addWidget(editor)
    editor.resize(800, 1400)
    editor.show()
    return editor


def test_an_excluded_control_switches_off_what_it_does_not_need_and_says_why(
    qtbot: QtBot, context: ProjectContext
) -> None:
    editor = _editor(qtbot, context, "A.10.4")
    assert "include" in editor.justification_edit.placeholderText().lower() or (
        "treats" in editor.justification_edit.placeholderText()
    )
    assert "we only buy them" not in editor.justification_edit.placeholderText()
    assert not editor.excluded_note.isVisible()
    context.apply(
        lambda s: assessments.exclude_control(s, "A.10.4", "We have no customers for AI.")
    )
    answer_buttons = [b for g in editor.answer_groups.values() for b in g.buttons()]
    assert not any(b.isEnabled() for b in answer_buttons)
    assert not any(b.isEnabled() for b in editor.status_group.buttons())
    assert not editor.owner_edit.isEnabled()
    assert not editor.date_edit.isEnabled() and not editor.no_date_check.isEnabled()
    assert editor.excluded_note.isVisible()
    assert "excluded" in editor.excluded_note.text()
    assert editor.justification_label.text() == "Why it is excluded"
    assert "we only buy them" in editor.justification_edit.placeholderText()
    assert editor.notes_edit.isEnabled()  # notes may still explain the decision
    context.undo_stack.undo()
    assert all(b.isEnabled() for b in answer_buttons)
    assert editor.owner_edit.isEnabled() and not editor.excluded_note.isVisible()


def test_a_target_date_in_the_past_is_kept_but_said(qtbot: QtBot, context: ProjectContext) -> None:
    editor = _editor(qtbot, context, "6.1.2")
    assert not editor.past_date_label.isVisible()
    today = date(2026, 11, 27)
    assert editor.no_date_check.isChecked()
    editor.no_date_check.click()  # give it a date
    assert not editor.past_date_label.isVisible()  # the default is ahead, not behind
    editor.date_edit.setDate(QDate(today - timedelta(days=12)))
    editor.commit_pending()
    session = context.session
    assert session is not None
    assert session.assessment("6.1.2").target_date == today - timedelta(days=12)  # not refused
    assert editor.past_date_label.isVisible()
    assert "in the past" in editor.past_date_label.text()
    assert "12 days ago" in editor.past_date_label.text()
    editor.date_edit.setDate(QDate(today + timedelta(days=3)))
    assert not editor.past_date_label.isVisible()
    editor.no_date_check.click()
    assert not editor.past_date_label.isVisible()


def test_general_clauses_carry_their_parent_on_the_dashboard(
    window: MainWindow, demo_file: Path
) -> None:
    window.open_file(demo_file)
    dashboard = window.page("dashboard")
    texts = [
        dashboard.assess_list.item(r).text()  # type: ignore[attr-defined]
        for r in range(dashboard.assess_list.count())  # type: ignore[attr-defined]
    ]
    texts += [
        dashboard.actions_table.item(r, 0).text()  # type: ignore[attr-defined]
        for r in range(dashboard.actions_table.rowCount())  # type: ignore[attr-defined]
    ]
    generals = [t for t in texts if "General" in t]
    assert generals
    assert all(re.search(r"General \(.+\)$", t) for t in generals), generals
    assert "9.3.1  General (Management review)" in texts
