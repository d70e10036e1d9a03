"""Keyboard focus that never lands out of sight.

Tab inside a scroll area scrolls by itself, but a mnemonic (Alt+O jumps to Notes) or a page
setting the focus does not: the cursor then blinks in a field the user cannot see. Once
installed, every focus change scrolls each scroll area around the new focus widget so that the
widget shows, whatever moved the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

_INSTALLED = "aimsDesktopKeepsFocusInView"
MARGIN = 16
"""Room kept around the focused widget, so its label or frame shows too."""


def keep_focus_in_view(app: QApplication | None = None) -> None:
    """Install the behaviour once per application (calling again does nothing)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication) or app.property(_INSTALLED):
        return
    app.setProperty(_INSTALLED, True)
    app.focusChanged.connect(_focus_changed)


def _focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
    if new is not None:
        scroll_into_view(new)


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area that holds `widget`, innermost first, so that all of it shows
    (its top, when it is taller than the view). QScrollArea.ensureWidgetVisible is not enough:
    for a text box it only brings the text cursor into view, leaving the box half hidden."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            content = parent.widget()
            if content is not None and content.isAncestorOf(widget):
                top_left = widget.mapTo(content, QPoint(0, 0))
                bottom = top_left.y() + widget.height()
                parent.ensureVisible(top_left.x(), bottom, MARGIN, MARGIN)
                parent.ensureVisible(top_left.x(), top_left.y(), MARGIN, MARGIN)
        parent = parent.parentWidget()
