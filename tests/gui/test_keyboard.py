"""Working without a mouse: a focus ring that shows in light and dark, Ctrl+Enter where Return
is taken, and a focused field that is always in view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog, QRadioButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.gui.shell.new_project_wizard import NewProjectWizard
from aims_desktop.gui.theme import Appearance, apply_appearance, focus_colour

pytestmark = pytest.mark.gui


@pytest.fixture(params=[Appearance.LIGHT, Appearance.DARK], ids=["light", "dark"])
def appearance(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Appearance]:
    palette, style = qapp.palette(), qapp.style().name()
    apply_appearance(qapp, request.param)
    yield request.param
    qapp.setPalette(palette)
    qapp.setStyle(style)


def _pixels_near(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red())
                + abs(pixel.green() - colour.green())
                + abs(pixel.blue() - colour.blue())
                <= tolerance
            ):
                count += 1
    return count


def _tab_to(qtbot: QtBot, window: QWidget, target: QWidget) -> None:
    """Reach `target` with the Tab key, as a keyboard user does (focus rings show for that)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    before = target.previousInFocusChain()
    before.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(target.hasFocus)


def _ring(widget: QWidget) -> int:
    """Pixels of the focus colour in a grab of `widget` (its own drawing, not the window's)."""
    return _pixels_near(widget.grab().toImage(), focus_colour(widget.palette()))


def test_the_welcome_links_show_where_the_keyboard_is(
    window: MainWindow, qtbot: QtBot, appearance: Appearance
) -> None:
    button = window.welcome.open_button
    without = _ring(button)  # the chevron shares the colour: compare with and without focus
    _tab_to(qtbot, window, button)
    assert _ring(button) > without + 100, f"no focus ring on the welcome page ({appearance})"


def test_answer_buttons_show_a_clear_focus_ring_in_dark_mode_too(
    qtbot: QtBot, appearance: Appearance
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    yes = QRadioButton("Yes", holder)
    no = QRadioButton("No", holder)
    no.move(0, 40)
    holder.resize(200, 80)
    holder.show()
    without = _ring(yes)
    _tab_to(qtbot, holder, yes)
    assert _ring(yes) > without + 30, f"faint focus ring on a radio button ({appearance})"
    colour = focus_colour(yes.palette())
    window_colour = yes.palette().color(yes.backgroundRole())
    assert _contrast(colour, window_colour) >= 3.0


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_ctrl_enter_on_the_scope_page_creates_the_project(qtbot: QtBot) -> None:
    wizard = NewProjectWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    qtbot.keyClicks(wizard.organisation_page.name_edit, "Acme Ltd")
    qtbot.keyClick(
        wizard.organisation_page.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert wizard.currentPage() is wizard.roles_page  # Ctrl+Enter moves on like Next
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.scope_page
    edit = wizard.scope_page.scope_edit
    edit.setFocus()
    before = edit.toPlainText()
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Return is a new line in the scope text
    assert edit.toPlainText().count("\n") == before.count("\n") + 1
    assert wizard.result() != QDialog.DialogCode.Accepted
    with qtbot.waitSignal(wizard.accepted, timeout=2000):
        qtbot.keyClick(edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert wizard.profile()["org_name"] == "Acme Ltd"


def test_a_field_reached_by_its_mnemonic_scrolls_into_view(
    window: MainWindow, demo_file: Path, qtbot: QtBot
) -> None:
    """Alt+O reaches Notes at the foot of a long requirement page: it must come into view."""
    window.resize(900, 520)
    window.open_file(demo_file)
    window.navigate_to("6.1.2")
    editor = window.page("6").editor_for("6.1.2")  # type: ignore[attr-defined]
    area = next(w for w in _ancestors(editor) if isinstance(w, QScrollArea))
    qtbot.waitUntil(lambda: area.isVisible())
    area.verticalScrollBar().setValue(0)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not _shows(area, editor.notes_edit)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.notes_edit.hasFocus)
    assert _shows(area, editor.notes_edit)


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def _shows(area: QScrollArea, widget: QWidget) -> bool:
    viewport = area.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom = top_left.y() + min(widget.height(), viewport.height())
    return top_left.y() >= 0 and bottom <= viewport.height()
