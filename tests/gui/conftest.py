"""Fixtures for the GUI tests: a main window whose questions tests answer, and no stray modals.

A modal dialog nobody answers would hang the test run, so with `no_modals` every QDialog.exec
raises, and the `window` fixture's questions (unsaved changes, file names, errors) are answered
from queues the test fills; a test that wants a real dialog asks for `real_dialogs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from aims_desktop.gui.app import Application
from aims_desktop.gui.shell.dialogs import UnsavedChoice
from aims_desktop.gui.shell.main_window import MainWindow
from tests.gui.shell_helpers import Answers, UnexpectedDialog, refuse

_DIALOG_EXEC = QDialog.exec


@pytest.fixture(scope="session")
def qapp_cls() -> type[Application]:
    """The application's own QApplication subclass (it handles the platform's file-open events)."""
    return Application


_MESSAGE_BOX_EXEC = QMessageBox.exec


@pytest.fixture
def no_modals(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    yield monkeypatch


@pytest.fixture
def real_dialogs(no_modals: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Let real modal dialogs run (the test answers them with answer_modal)."""
    no_modals.setattr(QDialog, "exec", _DIALOG_EXEC)
    no_modals.setattr(QMessageBox, "exec", _MESSAGE_BOX_EXEC)
    return no_modals


@pytest.fixture
def window(qtbot: QtBot, no_modals: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    win = MainWindow()
    answers = Answers()
    win.answers = answers  # type: ignore[attr-defined]

    def ask_unsaved() -> UnsavedChoice:
        answers.asked.append("unsaved")
        if not answers.unsaved:
            raise UnexpectedDialog("asked about unsaved changes unexpectedly")
        return answers.unsaved.pop(0)

    def ask_save_path(suggested: Path) -> Path | None:
        answers.asked.append(f"save_path:{suggested}")
        if not answers.save_paths:
            raise UnexpectedDialog("asked for a file name unexpectedly")
        return answers.save_paths.pop(0)

    def show_error(error: BaseException) -> None:
        answers.asked.append("error")
        answers.errors.append(error)

    win.ask_unsaved_changes = ask_unsaved  # type: ignore[method-assign]
    win.ask_save_path = ask_save_path  # type: ignore[method-assign]
    win.ask_open_path = refuse  # type: ignore[method-assign]
    win.show_error = show_error  # type: ignore[method-assign]
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Not qtbot.addWidget: pytest-qt would close the window before this teardown could answer.
    answers.unsaved = [UnsavedChoice.DISCARD] * 3
    win.close()
    win.deleteLater()
