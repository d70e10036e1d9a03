"""Edit > Remove from History…: find a pasted password in the history and remove it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from aims_desktop.gui.shell.history_removal import HistoryRemovalDialog, excerpt
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services import assessments
from aims_desktop.services.project import close_project, new_project, save_project
from tests.gui.shell_helpers import edit

pytestmark = pytest.mark.gui

SECRET = "Tr0ub4dor&3-secret"


@pytest.fixture
def project_with_a_password(tmp_path: Path) -> Path:
    session = new_project("Acme Ltd")
    assessments.update_assessment(session, "7.5.3", notes=f"Login for the share: {SECRET}")
    target = save_project(session, tmp_path / "acme.aims")
    assessments.update_assessment(session, "7.5.3", notes="Documents live on the share.")
    save_project(session)
    close_project(session)
    return target


def test_the_dialog_finds_and_removes_the_text(
    window: MainWindow, project_with_a_password: Path, qtbot: QtBot
) -> None:
    assert window.remove_history_action.isEnabled() is False
    window.open_file(project_with_a_password)
    assert window.remove_history_action.isEnabled()
    edit(window, "8.1", notes="an edit that could be undone")
    dialog = HistoryRemovalDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda count: True  # type: ignore[method-assign]
    dialog.text_edit.setText(SECRET)
    dialog.find()
    assert dialog.table.rowCount() == 2  # where it was typed, and where it was replaced
    assert SECRET in dialog.table.item(0, 2).text()
    assert not dialog.remove_button.isEnabled()  # no reason yet
    dialog.reason_edit.setText("a password pasted by mistake")
    assert dialog.remove_button.isEnabled()
    assert dialog.remove()
    assert "Removed from 2 history entries" in dialog.found_label.text()
    assert window.isWindowModified()
    assert not window.context.undo_stack.canUndo()  # the undo stack held the old text
    assert window.save()
    assert SECRET.encode() not in project_with_a_password.read_bytes()


def test_a_refusal_is_shown_and_nothing_changes(
    window: MainWindow, project_with_a_password: Path, qtbot: QtBot
) -> None:
    window.open_file(project_with_a_password)
    edit(window, "4.1", notes=f"again {SECRET}")
    dialog = HistoryRemovalDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda count: True  # type: ignore[method-assign]
    shown: list[str] = []
    dialog.show_error = shown.append  # type: ignore[method-assign]
    dialog.text_edit.setText(SECRET)
    dialog.find()
    dialog.reason_edit.setText("password")
    assert not dialog.remove()
    assert shown and "still in the notes of 4.1" in shown[0]
    assert window.context.undo_stack.canUndo()


def test_the_excerpt_shows_the_text_in_context() -> None:
    value = "a" * 100 + SECRET + "b" * 100
    shown = excerpt(value, SECRET)
    assert shown.startswith("…") and shown.endswith("…") and SECRET in shown
    assert excerpt(None, SECRET) == ""
