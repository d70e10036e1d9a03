"""The main window's project life cycle: open, save, close, unsaved changes, bad files, undo."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.domain.status import Status
from aims_desktop.gui.shell.dialogs import FileChangedChoice, UnsavedChoice
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.widgets.dates import format_moment
from aims_desktop.gui.widgets.plain_text import plain_tooltip
from aims_desktop.services import errors
from aims_desktop.services.errors import SaveFailed
from tests.gui.shell_helpers import answer_modal, edit, status_in_file
from tests.support.badfiles import BAD_KINDS, EXPECTED_ERROR, EXPECTED_PHRASE, make_bad_file

pytestmark = pytest.mark.gui


def test_starts_on_the_welcome_screen_with_project_actions_disabled(window: MainWindow) -> None:
    assert window.central.currentWidget() is window.welcome
    assert window.windowTitle() == "AIMS Desktop"
    assert not window.save_action.isEnabled()
    assert not window.close_action.isEnabled()
    assert window.new_action.isEnabled() and window.open_action.isEnabled()


def test_opening_a_file_shows_its_name_dashboard_and_readiness(
    window: MainWindow, demo_file: Path
) -> None:
    assert window.open_file(demo_file)
    assert window.central.currentWidget() is window.workspace
    assert window.windowTitle() == f"{demo_file.name}[*] — AIMS Desktop"
    assert not window.isWindowModified()
    assert window.current_section() == "dashboard"
    assert window.path_label.text() == str(demo_file)
    assert window.saved_label.text().startswith("Last saved:")
    report = window.session.readiness()  # type: ignore[union-attr]
    assert window.sidebar.percent_of("dashboard") == report.overall.percent
    for clause in report.clauses:
        assert window.sidebar.percent_of(clause.key) == clause.percent
    assert window.sidebar.percent_of("A") == report.annex_a.percent


# -- closing with unsaved changes --------------------------------------------------------


def test_close_with_save_writes_the_file_and_closes(window: MainWindow, demo_file: Path) -> None:
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    assert window.isWindowModified()
    window.answers.unsaved.append(UnsavedChoice.SAVE)  # type: ignore[attr-defined]
    assert window.close()
    assert not window.isVisible()
    assert window.session is None
    assert status_in_file(demo_file, "8.1") is Status.MET


def test_close_with_discard_leaves_the_file_untouched_and_closes(
    window: MainWindow, demo_file: Path
) -> None:
    before = demo_file.read_bytes()
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    window.answers.unsaved.append(UnsavedChoice.DISCARD)  # type: ignore[attr-defined]
    assert window.close()
    assert not window.isVisible()
    assert demo_file.read_bytes() == before


def test_close_with_cancel_keeps_the_window_and_the_changes(
    window: MainWindow, demo_file: Path
) -> None:
    before = demo_file.read_bytes()
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    window.answers.unsaved.append(UnsavedChoice.CANCEL)  # type: ignore[attr-defined]
    assert not window.close()
    assert window.isVisible()
    assert window.session is not None
    assert window.session.assessment("8.1").status is Status.MET
    assert window.isWindowModified()
    assert demo_file.read_bytes() == before


def test_a_save_that_fails_keeps_the_window_open_and_nothing_is_lost(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)

    def failing(*_args: object, **_kwargs: object) -> Path:
        raise SaveFailed(demo_file, "the disk is full")

    monkeypatch.setattr("aims_desktop.services.project.save_project", failing)
    window.answers.unsaved.append(UnsavedChoice.SAVE)  # type: ignore[attr-defined]
    assert not window.close()
    assert window.isVisible()
    assert isinstance(window.answers.errors[0], SaveFailed)  # type: ignore[attr-defined]
    assert window.session is not None
    assert window.session.assessment("8.1").status is Status.MET
    assert window.isWindowModified()


def test_closing_the_project_goes_back_to_the_welcome_screen(
    window: MainWindow, demo_file: Path
) -> None:
    window.open_file(demo_file)
    assert window.close_project()
    assert window.central.currentWidget() is window.welcome
    assert window.windowTitle() == "AIMS Desktop"
    assert window.answers.asked == []  # type: ignore[attr-defined]  (nothing unsaved: no question)


def test_opening_another_file_asks_about_unsaved_changes_and_cancel_keeps_the_current(
    window: MainWindow, demo_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.aims"
    shutil.copyfile(demo_file, other)
    window.open_file(demo_file)
    edit(window)
    window.answers.unsaved.append(UnsavedChoice.CANCEL)  # type: ignore[attr-defined]
    assert not window.open_file(other)
    assert window.session is not None and window.session.path == demo_file
    assert window.isWindowModified()
    # the other file was released again: it can be opened once the user agrees
    window.answers.unsaved.append(UnsavedChoice.DISCARD)  # type: ignore[attr-defined]
    assert window.open_file(other)
    assert window.session is not None and window.session.path == other


# -- the modified marker ------------------------------------------------------------------


def test_undo_back_to_the_saved_state_clears_the_modified_marker(
    window: MainWindow, demo_file: Path
) -> None:
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    assert window.isWindowModified()
    assert "8.1" in window.undo_action.text()
    window.undo_action.trigger()
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert window.isWindowModified()
    assert window.save()
    assert not window.isWindowModified()
    window.undo_action.trigger()  # now behind the saved state
    assert window.isWindowModified()
    window.redo_action.trigger()
    assert not window.isWindowModified()


def test_saving_updates_title_status_bar_and_file(window: MainWindow, demo_file: Path) -> None:
    window.open_file(demo_file)
    edit(window, "8.2", status=Status.NOT_MET)
    assert window.save()
    assert not window.isWindowModified()
    assert status_in_file(demo_file, "8.2") is Status.NOT_MET
    assert window.saved_label.text().startswith("Last saved:")


def test_a_new_project_is_unsaved_until_saved_as(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        window,
        "run_new_project_wizard",
        lambda: {"org_name": "Acme Robotics", "sector": "Manufacturing", "scope": "All of it."},
    )
    assert window.new_project()
    session = window.session
    assert session is not None and session.path is None
    assert session.organisation().name == "Acme Robotics"
    assert session.organisation().scope == "All of it."
    assert window.isWindowModified()
    assert window.windowTitle().startswith("Acme Robotics[*]")  # named, never "Untitled"
    assert window.path_label.text() == "New project, not saved to a file yet"
    assert window.saved_label.text() == ""  # said once, not twice
    target = tmp_path / "acme.aims"
    window.answers.save_paths.append(target)  # type: ignore[attr-defined]
    assert window.save()
    assert window.answers.asked[-1].endswith("Acme Robotics.aims")  # type: ignore[attr-defined]
    assert target.exists()
    assert not window.isWindowModified()
    assert window.windowTitle() == "acme.aims[*] — AIMS Desktop"


def test_cancelling_save_as_of_an_untitled_project_keeps_the_window_open(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "run_new_project_wizard", lambda: {"org_name": "Acme"})
    window.new_project()
    window.answers.unsaved.append(UnsavedChoice.SAVE)  # type: ignore[attr-defined]
    window.answers.save_paths.append(None)  # type: ignore[attr-defined]
    assert not window.close()
    assert window.isVisible() and window.session is not None


def test_a_new_project_without_a_name_is_refused_with_a_message(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "run_new_project_wizard", lambda: {"org_name": "  "})
    assert not window.new_project()
    assert "needs a name" in str(window.answers.errors[0])  # type: ignore[attr-defined]
    assert window.session is None


def test_save_as_suggests_the_organisation_name_in_documents(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = tmp_path / "Documents"
    monkeypatch.setattr(window, "_documents", lambda: str(documents))
    assert window.open_demo()
    assert window.suggested_save_path() == documents / "Kestrel Freight Solutions Ltd.aims"


# -- the file changed on disk -------------------------------------------------------------


def _changed_on_disk(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"\0" * 512)  # another program wrote to it


@pytest.mark.parametrize("choice", list(FileChangedChoice))
def test_saving_over_a_file_changed_on_disk_asks_first(
    window: MainWindow,
    demo_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choice: FileChangedChoice,
) -> None:
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    _changed_on_disk(demo_file)
    changed = demo_file.read_bytes()
    asked: list[str] = []

    def ask(error: errors.FileChangedOnDisk) -> FileChangedChoice:
        asked.append(str(error))
        return choice

    monkeypatch.setattr(window, "ask_file_changed", ask)
    elsewhere = tmp_path / "elsewhere.aims"
    window.answers.save_paths.append(elsewhere)  # type: ignore[attr-defined]
    saved = window.save()
    assert "changed on disk" in asked[0]
    if choice is FileChangedChoice.OVERWRITE:
        assert saved and status_in_file(demo_file, "8.1") is Status.MET
    elif choice is FileChangedChoice.SAVE_AS:
        assert saved and status_in_file(elsewhere, "8.1") is Status.MET
        assert demo_file.read_bytes() == changed
    else:
        assert not saved and window.isWindowModified()
        assert demo_file.read_bytes() == changed


# -- bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_each_bad_file_shows_its_own_message_and_the_open_project_stays(
    window: MainWindow, demo_file: Path, tmp_path: Path, kind: str
) -> None:
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    folder = tmp_path / "bad"
    folder.mkdir()
    bad = make_bad_file(kind, demo_file, folder)
    assert not window.open_file(bad)
    (error,) = window.answers.errors  # type: ignore[attr-defined]
    assert type(error).__name__ == EXPECTED_ERROR[kind]
    assert EXPECTED_PHRASE[kind] in str(error)
    session = window.session
    assert session is not None and session.path == demo_file
    assert session.assessment("8.1").status is Status.MET
    assert window.isWindowModified()
    assert window.navigate_to("6.1.2")  # still usable
    window.undo_action.trigger()
    assert session.assessment("8.1").status is not Status.MET


def test_a_bad_file_with_nothing_open_leaves_the_welcome_screen(
    window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.aims"
    bad.write_text("just some notes", encoding="utf-8")
    assert not window.open_file(bad)
    assert isinstance(window.answers.errors[0], errors.NotSQLite)  # type: ignore[attr-defined]
    assert window.central.currentWidget() is window.welcome


def test_a_folder_named_like_a_project_is_refused(window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "folder.aims"
    folder.mkdir()
    assert not window.open_file(folder)
    (error,) = window.answers.errors  # type: ignore[attr-defined]
    assert isinstance(error, errors.FileUnreadable)
    assert "could not be read" in str(error)
    assert window.session is None


def test_a_file_open_in_another_window_is_refused(
    window: MainWindow, demo_file: Path, qtbot: QtBot, no_modals: pytest.MonkeyPatch
) -> None:
    window.open_file(demo_file)
    other = MainWindow()
    qtbot.addWidget(other)
    shown: list[BaseException] = []
    other.show_error = shown.append  # type: ignore[method-assign]
    assert not other.open_file(demo_file)
    assert isinstance(shown[0], errors.AlreadyOpen)
    assert "already open" in str(shown[0])
    assert window.session is not None


def test_the_real_message_box_shows_the_title_and_specific_message(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, real_dialogs: pytest.MonkeyPatch
) -> None:
    del window.show_error  # the real method, with the real QMessageBox
    empty = tmp_path / "empty.aims"
    empty.write_bytes(b"")
    seen: list[QWidget] = []
    texts: list[tuple[str, str]] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append((box.text(), box.informativeText()))
        box.accept()

    answer_modal(qtbot, read_and_close, seen)
    assert not window.open_file(empty)
    assert texts == [("The project could not be opened", str(errors.FileEmpty(empty)))]
    assert seen[0].textFormat() == Qt.TextFormat.PlainText  # type: ignore[attr-defined]
    assert window.isVisible()


@pytest.mark.parametrize(
    ("button", "closed", "saved"),
    [("Save", True, True), ("Discard", True, False), ("Cancel", False, False)],
)
def test_the_real_unsaved_changes_box_does_what_its_buttons_say(
    window: MainWindow,
    demo_file: Path,
    qtbot: QtBot,
    real_dialogs: pytest.MonkeyPatch,
    button: str,
    closed: bool,
    saved: bool,
) -> None:
    del window.ask_unsaved_changes
    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    seen: list[QWidget] = []

    def click(box: QWidget) -> None:
        for candidate in box.findChildren(QPushButton):
            if candidate.text().replace("&", "") == button:
                qtbot.mouseClick(candidate, Qt.MouseButton.LeftButton)
                return
        raise AssertionError(f"no {button} button")

    answer_modal(qtbot, click, seen)
    assert window.close() is closed
    assert seen and "Kestrel Freight.aims" in seen[0].text()  # type: ignore[attr-defined]
    assert window.isVisible() is not closed
    assert (status_in_file(demo_file, "8.1") is Status.MET) is saved
    if not closed:
        window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD  # type: ignore[method-assign]


# -- recent files, drag and drop, the demo ------------------------------------------------


def _recent_menu_paths(window: MainWindow) -> list[str]:
    return [a.statusTip() for a in window.recent_menu.actions() if a.statusTip()]


def test_recent_files_newest_first_at_most_eight(
    window: MainWindow, demo_file: Path, tmp_path: Path
) -> None:
    copies = []
    for n in range(10):
        copy = tmp_path / f"p{n}.aims"
        shutil.copyfile(demo_file, copy)
        copies.append(copy)
        assert window.open_file(copy)
    window._rebuild_recent_menu()
    paths = _recent_menu_paths(window)
    assert paths == [str(c) for c in reversed(copies)][:8]
    # the file name, whose project it is and when it was last saved, not the file name alone
    saved = format_moment(datetime.fromtimestamp(copies[9].stat().st_mtime).astimezone())
    first = window.recent_menu.actions()[0].text()
    assert first == f"&1 p9.aims — Kestrel Freight Solutions Ltd, {saved}"
    assert window.welcome.recent_list.count() == 8
    assert window.welcome.recent_list.item(0).text() == (
        f"Kestrel Freight Solutions Ltd\np9.aims · saved {saved}"
    )
    assert window.welcome.recent_list.item(0).toolTip() == plain_tooltip(str(copies[9]))


def test_a_missing_recent_file_is_marked_explained_and_removed(
    window: MainWindow, demo_file: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.aims"
    shutil.copyfile(demo_file, gone)
    window.open_file(gone)
    window.close_project()
    gone.unlink()
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))  # the user comes back to the app
    window._rebuild_recent_menu()
    (action,) = [a for a in window.recent_menu.actions() if a.statusTip()]
    assert "(not found)" in action.text()
    assert "(not found)" in window.welcome.recent_list.item(0).text()
    action.trigger()
    assert isinstance(window.answers.errors[0], errors.FileMissing)  # type: ignore[attr-defined]
    window._rebuild_recent_menu()
    assert _recent_menu_paths(window) == []
    assert window.welcome.recent_list.item(0).text() == "No recent projects yet."


def test_clear_recent_list(window: MainWindow, demo_file: Path) -> None:
    window.open_file(demo_file)
    window._rebuild_recent_menu()
    clear = window.recent_menu.findChild(type(window.save_action), "clearRecentAction")
    assert clear is not None and clear.isEnabled()
    clear.trigger()
    window._rebuild_recent_menu()
    assert _recent_menu_paths(window) == []


def test_clicking_a_recent_file_on_the_welcome_screen_opens_it(
    window: MainWindow, demo_file: Path, qtbot: QtBot
) -> None:
    window.open_file(demo_file)
    window.close_project()
    listing = window.welcome.recent_list
    rect = listing.visualItemRect(listing.item(0))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session is not None and window.session.path == demo_file


def _drop(window: MainWindow, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_dropping_a_project_file_opens_it(
    window: MainWindow, demo_file: Path, qtbot: QtBot
) -> None:
    event = _drop(window, [demo_file])
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.session is not None)
    assert window.session is not None and window.session.path == demo_file


def test_dropping_other_files_is_ignored(window: MainWindow, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    event = _drop(window, [text])
    assert not event.isAccepted()
    assert window.session is None


def test_the_demo_opens_as_a_practice_copy_that_save_asks_to_place(
    window: MainWindow, tmp_path: Path
) -> None:
    assert window.open_demo()
    assert window.is_demo
    assert "(demo)" in window.windowTitle()
    assert not window.isWindowModified()
    edit(window, "8.1", status=Status.MET)
    target = tmp_path / "mine.aims"
    window.answers.save_paths.append(target)  # type: ignore[attr-defined]
    assert window.save()
    assert window.answers.asked[-1].startswith("save_path:")  # type: ignore[attr-defined]
    assert status_in_file(target, "8.1") is Status.MET
    assert not window.is_demo
    assert window.windowTitle() == "mine.aims[*] — AIMS Desktop"


def test_the_demo_can_be_opened_again_after_closing_it(window: MainWindow) -> None:
    assert window.open_demo()
    assert window.close_project()
    assert window.open_demo()
    assert window.session is not None


def test_save_and_close_first_collect_text_still_being_typed(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(demo_file)
    page = window.page("8")
    typed: list[str] = []

    def commit_pending() -> None:
        typed.append("committed")
        edit(window, "8.1", notes="typed but not yet left")

    monkeypatch.setattr(page, "commit_pending", commit_pending, raising=False)
    assert not window.isWindowModified()
    window.answers.unsaved.append(UnsavedChoice.CANCEL)  # type: ignore[attr-defined]
    assert not window.close_project()  # the pending text made the project modified: asked
    assert typed == ["committed"]
    monkeypatch.setattr(page, "commit_pending", lambda: None, raising=False)
    assert window.save()
    from aims_desktop.store.projectfile import ReadOnlySnapshot

    with ReadOnlySnapshot(demo_file) as db:
        assert db.assessment("8.1").notes == "typed but not yet left"


def test_new_project_with_unsaved_changes_asks_and_cancel_keeps_the_current(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aims_desktop.services.project import recoverable_work

    window.open_file(demo_file)
    edit(window, "8.1", status=Status.MET)
    monkeypatch.setattr(window, "run_new_project_wizard", lambda: {"org_name": "Acme"})
    window.answers.unsaved.append(UnsavedChoice.CANCEL)  # type: ignore[attr-defined]
    assert not window.new_project()
    assert window.session is not None and window.session.path == demo_file
    assert window.session.assessment("8.1").status is Status.MET
    assert recoverable_work() == []  # the new project's working copy was not left behind
