"""One Alt+letter per window: a mnemonic shared by two visible controls does only one thing (in
the clause wizard Alt+N jumped to Notes off screen and never reached Next).

The test walks every window, dialog and wizard page of the application, in each state that shows
a different set of controls, and fails on a letter used twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenuBar,
    QMessageBox,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from aims_desktop.gui.assessment.clause_wizard import CLAUSES
from aims_desktop.gui.shell import dialogs
from aims_desktop.gui.shell.about_dialog import AboutDialog
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.shell.new_project_wizard import NewProjectWizard
from aims_desktop.gui.shell.preferences_dialog import PreferencesDialog
from aims_desktop.gui.widgets.section_labels import SECTION_KEYS

pytestmark = pytest.mark.gui

_MNEMONIC = re.compile(r"&(?!&)(.)")


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a text ("&Next >" -> "n"), None when it has none."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonics(window: QWidget) -> Iterator[tuple[str, str]]:
    """(letter, where) for every control that answers to an Alt+letter in `window` right now:
    menu titles, buttons, labels with a buddy and group boxes that are visible."""
    for bar in window.findChildren(QMenuBar):
        if bar.isVisibleTo(window):
            for action in bar.actions():
                letter = mnemonic(action.text())
                if letter and action.isVisible():
                    yield letter, f"menu {action.text()!r}"
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        letter = mnemonic(text)
        if letter:
            yield letter, f"{type(widget).__name__} {text!r}"


def duplicates(window: QWidget) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for letter, where in mnemonics(window):
        seen.setdefault(letter, []).append(where)
    return {letter: places for letter, places in seen.items() if len(places) > 1}


def check(window: QWidget, state: str, problems: list[str]) -> None:
    QApplication.processEvents()
    for letter, places in duplicates(window).items():
        problems.append(f"{state}: Alt+{letter.upper()} is {', '.join(places)}")


def test_the_detector_finds_a_shared_letter(qtbot: QtBot) -> None:
    """The check itself can fail: two controls answering to Alt+N are caught."""
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label = QLabel("&Notes")
    label.setBuddy(QLineEdit())
    layout.addWidget(label)
    layout.addWidget(label.buddy())
    layout.addWidget(QPushButton("&Next >"))
    layout.addWidget(QPushButton("Save && close"))  # "&&" is a literal ampersand
    window.show()
    assert set(duplicates(window)) == {"n"}
    assert mnemonic("Save && close") is None


def test_every_state_of_the_main_window_has_unique_mnemonics(
    window: MainWindow, demo_file: Path, qtbot: QtBot
) -> None:
    problems: list[str] = []
    window.resize(1280, 800)
    check(window, "welcome", problems)
    assert window.open_file(demo_file)
    for key in SECTION_KEYS:
        window.navigate_to(key)
        check(window, f"section {key}", problems)
    for clause in CLAUSES:
        workspace = window.page(clause)
        window.navigate_to(clause)
        for index in range(len(workspace.steps)):  # type: ignore[attr-defined]
            workspace.go_to(index)  # type: ignore[attr-defined]
            step = workspace.steps[index]  # type: ignore[attr-defined]
            check(window, f"clause {clause}, step {step}", problems)
    annex = window.page("A")
    window.navigate_to("A")
    for target in ("A.2", "A.6", "A.6.1", "A.2.2", "A.10.4", "A.6.2.4"):
        annex.show_item(target)  # type: ignore[attr-defined]
        check(window, f"Annex A at {target}", problems)
    assert problems == []


def _dialogs(parent: QWidget) -> Iterator[tuple[str, QWidget]]:
    wizard = NewProjectWizard(parent)
    wizard.show()
    wizard.organisation_page.name_edit.setText("Acme")
    for page_id in wizard.pageIds():
        while wizard.currentId() != page_id:
            wizard.next()
        yield f"new-project wizard, page {wizard.currentPage().title()!r}", wizard
    wizard.close()
    for name, dialog in (
        ("preferences", PreferencesDialog(parent)),
        ("about", AboutDialog(parent)),
        ("name", dialogs.NameDialog("root", parent)),
        ("unexpected error", dialogs.UnexpectedErrorDialog("details", None, parent)),
    ):
        dialog.show()
        yield name, dialog
        dialog.close()


def test_every_dialog_and_wizard_page_has_unique_mnemonics(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    problems: list[str] = []
    for state, dialog in _dialogs(parent):
        check(dialog, state, problems)
    assert problems == []


@pytest.fixture
def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QWidget]]:
    """Message boxes as the application builds them, shown instead of run."""
    shown: list[QWidget] = []

    def show(box: QDialog) -> int:
        box.show()
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", show)
    monkeypatch.setattr(QDialog, "exec", show)
    yield shown
    for box in shown:  # a modal box left open would swallow the next tests' keys
        if shiboken6.isValid(box):
            box.close()
            box.deleteLater()


def test_every_question_box_has_unique_mnemonics(qtbot: QtBot, shown_boxes: list[QWidget]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs.ask_unsaved_changes(parent, "Acme", never_saved=True)
    dialogs.ask_unsaved_changes(parent, "acme.aims")
    dialogs.ask_file_changed(parent, "Someone else saved it.")
    dialogs.show_problem(parent, "That did not work", "Because.")
    dialogs.ask_recovery(parent, "Acme", None, "2026-11-29T10:00:00Z")
    dialogs.confirm_discard_recovery(parent)
    main = MainWindow()
    qtbot.addWidget(main)
    main.show_readiness_help()
    problems: list[str] = []
    for box in shown_boxes:
        assert not isinstance(box, QWizard)
        check(box, box.objectName() or type(box).__name__, problems)
    assert len(shown_boxes) == 7
    assert problems == []
