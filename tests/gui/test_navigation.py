"""Moving around the window: sidebar, navigate_to targets, keyboard shortcuts, page links."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aims_desktop.domain.status import Status
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.widgets.section_labels import SECTION_KEYS, section_of
from tests.gui.shell_helpers import edit

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("target", "section"),
    [
        ("dashboard", "dashboard"),
        ("4", "4"),
        ("10", "10"),
        ("6.1.2", "6"),
        ("10.2", "10"),
        ("A", "A"),
        ("A.6", "A"),
        ("A.6.2.4", "A"),
        ("reports", "reports"),
        ("11", None),
        ("B.1", None),
        ("", None),
    ],
)
def test_targets_map_to_sections(target: str, section: str | None) -> None:
    assert section_of(target) == section


@pytest.fixture
def opened(window: MainWindow, demo_file: Path) -> MainWindow:
    assert window.open_file(demo_file)
    return window


def _spy_show_item(window: MainWindow, key: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    page = window.page(key)
    shown: list[str] = []
    monkeypatch.setattr(page, "show_item", shown.append)
    return shown


def test_navigate_to_an_item_opens_its_clause_and_shows_the_item(
    opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _spy_show_item(opened, "6", monkeypatch)
    assert opened.navigate_to("6.1.2")
    assert opened.current_section() == "6"
    assert opened.pages.currentWidget() is opened.page("6")
    assert getattr(opened.page("6"), "clause_id", "6") == "6"
    assert shown == ["6.1.2"]
    assert opened.sidebar.currentItem().text() == "Planning"


def test_navigate_to_annex_a_controls_and_groups(
    opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _spy_show_item(opened, "A", monkeypatch)
    assert opened.navigate_to("A.6.2.4")
    assert opened.current_section() == "A"
    assert opened.navigate_to("A.6")
    assert opened.navigate_to("A")
    assert shown == ["A.6.2.4", "A.6"]


def test_navigate_to_reports_and_back_to_the_dashboard(opened: MainWindow) -> None:
    assert opened.navigate_to("reports")
    assert opened.pages.currentWidget() is opened.page("reports")
    assert opened.navigate_to("dashboard")
    assert opened.pages.currentWidget() is opened.page("dashboard")


def test_unknown_targets_and_no_project_do_nothing(window: MainWindow, demo_file: Path) -> None:
    assert not window.navigate_to("6.1.2")  # nothing open
    window.open_file(demo_file)
    assert not window.navigate_to("nonsense")
    assert window.current_section() == "dashboard"


def test_every_page_link_is_followed(opened: MainWindow) -> None:
    for key in SECTION_KEYS:
        page = opened.page(key)
        signal = getattr(page, "navigateRequested", None)
        if signal is None:
            continue
        opened.navigate_to("dashboard")
        signal.emit("7")
        assert opened.current_section() == "7", key


def test_choosing_a_sidebar_entry_shows_its_page(opened: MainWindow, qtbot: QtBot) -> None:
    sidebar = opened.sidebar
    item = sidebar.item_for("8")
    qtbot.mouseClick(
        sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualItemRect(item).center()
    )
    assert opened.current_section() == "8"


def test_sidebar_readiness_follows_edits_and_undo(opened: MainWindow) -> None:
    before = opened.sidebar.percent_of("8")
    edit(opened, "8.1", status=Status.MET)
    after = opened.sidebar.percent_of("8")
    assert after is not None and before is not None and after > before
    assert opened.sidebar.percent_of("8") == opened.session.readiness().for_key("8").percent  # type: ignore[union-attr]
    opened.undo_action.trigger()
    assert opened.sidebar.percent_of("8") == before


def test_sidebar_entries_describe_themselves_to_screen_readers(opened: MainWindow) -> None:
    text = opened.sidebar.item_for("6").data(Qt.ItemDataRole.AccessibleTextRole)
    assert text == "Clause 6, Planning, 25 percent ready"


def _press(window: MainWindow, qtbot: QtBot, key: Qt.Key) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.sidebar, key, Qt.KeyboardModifier.ControlModifier)


def test_keyboard_shortcuts_move_between_sections(opened: MainWindow, qtbot: QtBot) -> None:
    _press(opened, qtbot, Qt.Key.Key_3)
    assert opened.current_section() == "5"
    _press(opened, qtbot, Qt.Key.Key_9)
    assert opened.current_section() == "A"
    _press(opened, qtbot, Qt.Key.Key_0)
    assert opened.current_section() == "reports"
    _press(opened, qtbot, Qt.Key.Key_PageDown)
    assert opened.current_section() == "dashboard"  # wraps around
    _press(opened, qtbot, Qt.Key.Key_PageUp)
    assert opened.current_section() == "reports"
    _press(opened, qtbot, Qt.Key.Key_1)
    assert opened.current_section() == "dashboard"


def test_menus_have_mnemonics_and_standard_shortcuts(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Go", "&Help"]
    assert not window.save_action.shortcut().isEmpty()
    assert not window.save_as_action.shortcut().isEmpty()
    assert not window.quit_action.shortcut().isEmpty()
    assert not window.undo_action.shortcut().isEmpty()
    for action in window.section_actions.values():
        assert not action.shortcut().isEmpty()
