"""Small input widgets that save once per editing session, not once per keystroke.

A text field commits when it loses focus, when the user changes page, and just before an
application shortcut (Ctrl+S, Ctrl+Z, ...) runs while it has focus, so "Save" never misses the
sentence being typed and "Undo" undoes the whole sentence, not one letter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from aims_desktop.gui.widgets.dates import DATE_PATTERN

_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


_MODIFIER_KEYS = frozenset(
    int(key.value)
    for key in (
        Qt.Key.Key_Control,
        Qt.Key.Key_Shift,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
    )
)


def _key_code(event: QKeyEvent) -> int:
    key = event.key()
    return int(key.value) if isinstance(key, Qt.Key) else int(key)  # not every code is a Qt.Key


def _is_application_shortcut(event: QEvent) -> bool:
    """A shortcut the focused text widget did not claim: it goes to the application's actions.

    Pressing Ctrl (or another modifier) on its own is not one: it also starts Ctrl+Z, which the
    text box keeps for its own undo."""
    return (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and not event.isAccepted()
        and bool(event.modifiers() & _SHORTCUT_MODIFIERS)
        and _key_code(event) not in _MODIFIER_KEYS
    )


LONG_TEXT = 100_000
"""Characters above which a text field lays its text out the fast way."""


class NotesEdit(QPlainTextEdit):
    """Multi-line text (notes, justification) committed as one edit per editing session.

    Signals:
        editingFinished(): the user left the field or is about to trigger a shortcut.
    """

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as everywhere else in a form
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 16)

    def setPlainText(self, text: str) -> None:
        """Long text (up to the one-megabyte limit) is laid out without typographic shaping
        where its script does not need it: two to three times faster, so a page holding such
        a text still opens in about a second."""
        font = self.font()
        strategy = (
            QFont.StyleStrategy.PreferNoShaping
            if len(text) > LONG_TEXT
            else QFont.StyleStrategy.PreferDefault
        )
        if font.styleStrategy() != strategy:
            font.setStyleStrategy(strategy)
            self.setFont(font)
        super().setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if _is_application_shortcut(event):
            self.editingFinished.emit()
        return handled


class LineEdit(QLineEdit):
    """A one-line field that also commits before an application shortcut runs."""

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if _is_application_shortcut(event):
            self.editingFinished.emit()
        return handled


class DateEdit(QDateEdit):
    """A date with a calendar pop-up and an unambiguous display (3 Feb 2027, not 03/02/27)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_PATTERN)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if _is_application_shortcut(event):
            self.editingFinished.emit()
        return handled


class LinkButton(QPushButton):
    """A flat, left-aligned button that reads like a link but is a real tab stop and button.

    Buttons rather than rich-text links: they are reachable with Tab, pressed with Space,
    announced by screen readers, and their text is never interpreted as markup. A long title
    wraps onto more lines in a narrow panel, like the text around it, instead of being cut.
    """

    def __init__(self, text: str, target: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.target = target
        self.full_text = text
        self.setAccessibleName(text)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._color = ""
        self._restyle()
        self._one_line = super().sizeHint().height()

    def _restyle(self) -> None:
        palette = self.palette()
        link = palette.color(QPalette.ColorRole.Link)
        if palette.color(QPalette.ColorRole.Window).lightness() < 128 and link.lightness() < 140:
            link = link.lighter(180)  # the default link blue is unreadable on a dark window
        if link.name() == self._color:
            return  # restyling emits PaletteChange again: stop once the colour is right
        self._color = link.name()
        self.setStyleSheet(
            "QPushButton { text-align: left; border: none; padding: 2px 4px;"
            f" color: {link.name()}; }}"
            " QPushButton:hover, QPushButton:focus { text-decoration: underline; }"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def _padding(self) -> int:
        return 8 + 4  # the style sheet's padding, and a little slack for rounding

    def _wrapped(self, width: int) -> str:
        return wrap_words(self.full_text, self.fontMetrics(), max(width - self._padding(), 1))

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self.full_text) + self._padding()
        return QSize(width, self._one_line)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 8, self._one_line)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        lines = self._wrapped(width).count("\n") + 1
        return self._one_line + (lines - 1) * self.fontMetrics().lineSpacing()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        shown = self._wrapped(self.width())
        if shown != self.text():
            self.setText(shown)
            self.updateGeometry()


def wrap_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` broken into lines no wider than `width` (a word longer than that keeps a line)."""
    lines: list[str] = []
    for word in text.split(" "):  # not split(): "6.1.1  General" keeps its two spaces
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label that shows text exactly as written: user and catalogue text is never markup."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def set_point_size(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = widget.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def set_muted(label: QLabel) -> None:
    """Secondary text in the palette's placeholder colour; a role, not a fixed colour, so it
    follows a switch between light and dark mode while the application runs."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
