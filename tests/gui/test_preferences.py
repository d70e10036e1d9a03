"""Preferences: the user's name goes into the change log; the colours follow the choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.domain.status import Status
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.shell.preferences import appearance, stored_user_name, user_name
from aims_desktop.gui.shell.preferences_dialog import PreferencesDialog
from aims_desktop.gui.theme import Appearance
from aims_desktop.services.session import default_user
from tests.gui.shell_helpers import answer_modal, edit

pytestmark = pytest.mark.gui


def _fill_and_press(qtbot: QtBot, name: str, colours: int, button: QDialogButtonBox.StandardButton):
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog)
        dialog.ui.userNameEdit.clear()
        qtbot.keyClicks(dialog.ui.userNameEdit, name)
        dialog.ui.appearanceCombo.setCurrentIndex(colours)
        qtbot.mouseClick(dialog.ui.buttonBox.button(button), Qt.MouseButton.LeftButton)

    return act


def test_the_name_from_preferences_is_the_who_of_the_change_log(
    window: MainWindow, demo_file: Path, qtbot: QtBot, real_dialogs: pytest.MonkeyPatch
) -> None:
    window.open_file(demo_file)
    chosen: list[object] = []
    window.appearanceChosen.connect(chosen.append)
    seen: list[QWidget] = []
    answer_modal(
        qtbot, _fill_and_press(qtbot, "Alex Auditor", 2, QDialogButtonBox.StandardButton.Ok), seen
    )
    assert window.show_preferences()
    assert window.session is not None and window.session.user == "Alex Auditor"
    edit(window, "8.1", status=Status.MET)
    assert window.session.change_log(limit=1)[0].who == "Alex Auditor"
    assert chosen == [Appearance.DARK]
    assert stored_user_name() == "Alex Auditor" and appearance() is Appearance.DARK


def test_the_name_is_used_for_projects_opened_later(
    window: MainWindow, demo_file: Path, qtbot: QtBot, real_dialogs: pytest.MonkeyPatch
) -> None:
    answer_modal(
        qtbot, _fill_and_press(qtbot, "Sam Lee", 0, QDialogButtonBox.StandardButton.Ok), []
    )
    window.show_preferences()
    window.open_file(demo_file)
    assert window.session is not None and window.session.user == "Sam Lee"


def test_cancel_changes_nothing(
    window: MainWindow, qtbot: QtBot, real_dialogs: pytest.MonkeyPatch
) -> None:
    answer_modal(
        qtbot, _fill_and_press(qtbot, "Nobody", 2, QDialogButtonBox.StandardButton.Cancel), []
    )
    assert not window.show_preferences()
    assert stored_user_name() == ""
    assert user_name() == default_user()
    assert appearance() is Appearance.SYSTEM


def test_the_dialog_shows_the_stored_values_and_labels_its_fields(qtbot: QtBot) -> None:
    from aims_desktop.gui.shell.preferences import set_appearance, set_user_name

    set_user_name("Priya Shah")
    set_appearance(Appearance.LIGHT)
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.ui.userNameEdit.text() == "Priya Shah"
    assert dialog.ui.appearanceCombo.currentText() == "Light"
    assert dialog.ui.userNameLabel.buddy() is dialog.ui.userNameEdit
    assert dialog.ui.appearanceLabel.buddy() is dialog.ui.appearanceCombo
    assert "&" in dialog.ui.userNameLabel.text() and "&" in dialog.ui.appearanceLabel.text()
