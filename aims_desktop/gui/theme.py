"""Light and dark appearance: one Fusion style, two palettes, the system's choice by default.

Fusion looks the same on Windows, macOS and Linux, so screenshots in the README and the help match
what every user sees. The palettes are explicit (not the platform's) so that dark mode works the
same everywhere, including where the platform theme has no dark palette of its own.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

ACCENT_LIGHT = "#1f5fa8"
ACCENT_DARK = "#5b9bec"
FOCUS_LIGHT = ACCENT_LIGHT
FOCUS_DARK = "#9cc4f7"
"""The keyboard-focus ring: at least 3:1 against the window in both palettes (WCAG 2.4.11)."""


class Appearance(StrEnum):
    """What the user chose in Preferences. Stored by value in the settings file."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one; widgets that paint themselves pick their colours by it."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def light_palette() -> QPalette:
    palette = QPalette(QColor("#f3f4f6"), QColor("#ffffff"))
    _set(palette, QPalette.ColorRole.Window, "#f3f4f6")
    _set(palette, QPalette.ColorRole.WindowText, "#1d2127")
    _set(palette, QPalette.ColorRole.Base, "#ffffff")
    _set(palette, QPalette.ColorRole.AlternateBase, "#f6f7f9")
    _set(palette, QPalette.ColorRole.Text, "#1d2127")
    _set(palette, QPalette.ColorRole.Button, "#e9ebef")
    _set(palette, QPalette.ColorRole.ButtonText, "#1d2127")
    _set(palette, QPalette.ColorRole.BrightText, "#ffffff")
    _set(palette, QPalette.ColorRole.Highlight, ACCENT_LIGHT)
    _set(palette, QPalette.ColorRole.HighlightedText, "#ffffff")
    _set(palette, QPalette.ColorRole.Link, ACCENT_LIGHT)
    _set(palette, QPalette.ColorRole.LinkVisited, "#6b3fa0")
    _set(palette, QPalette.ColorRole.ToolTipBase, "#ffffff")
    _set(palette, QPalette.ColorRole.ToolTipText, "#1d2127")
    _set(palette, QPalette.ColorRole.PlaceholderText, "#6b7280")
    _set(palette, QPalette.ColorRole.Light, "#ffffff")
    _set(palette, QPalette.ColorRole.Midlight, "#e3e6ea")
    _set(palette, QPalette.ColorRole.Mid, "#c4c9d0")
    _set(palette, QPalette.ColorRole.Dark, "#9aa1ab")
    _set(palette, QPalette.ColorRole.Shadow, "#6b7280")
    _set(palette, QPalette.ColorRole.Accent, ACCENT_LIGHT)
    _disabled(palette, "#8b919a")
    return palette


def dark_palette() -> QPalette:
    palette = QPalette(QColor("#2a2c30"), QColor("#1e1f22"))
    _set(palette, QPalette.ColorRole.Window, "#25272b")
    _set(palette, QPalette.ColorRole.WindowText, "#e6e8eb")
    _set(palette, QPalette.ColorRole.Base, "#1c1d20")
    _set(palette, QPalette.ColorRole.AlternateBase, "#232529")
    _set(palette, QPalette.ColorRole.Text, "#e6e8eb")
    _set(palette, QPalette.ColorRole.Button, "#33363b")
    _set(palette, QPalette.ColorRole.ButtonText, "#e6e8eb")
    _set(palette, QPalette.ColorRole.BrightText, "#ffffff")
    _set(palette, QPalette.ColorRole.Highlight, "#2f6fc0")
    _set(palette, QPalette.ColorRole.HighlightedText, "#ffffff")
    _set(palette, QPalette.ColorRole.Link, ACCENT_DARK)
    _set(palette, QPalette.ColorRole.LinkVisited, "#b59ce6")
    _set(palette, QPalette.ColorRole.ToolTipBase, "#33363b")
    _set(palette, QPalette.ColorRole.ToolTipText, "#e6e8eb")
    _set(palette, QPalette.ColorRole.PlaceholderText, "#8d939c")
    _set(palette, QPalette.ColorRole.Light, "#4a4e55")
    _set(palette, QPalette.ColorRole.Midlight, "#3a3d43")
    _set(palette, QPalette.ColorRole.Mid, "#2e3135")
    _set(palette, QPalette.ColorRole.Dark, "#16171a")
    _set(palette, QPalette.ColorRole.Shadow, "#0b0c0d")
    _set(palette, QPalette.ColorRole.Accent, ACCENT_DARK)
    _disabled(palette, "#7d838c")
    return palette


def _set(palette: QPalette, role: QPalette.ColorRole, colour: str) -> None:
    palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))


def _disabled(palette: QPalette, colour: str) -> None:
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.HighlightedText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    palette.setColor(
        QPalette.ColorGroup.Disabled,
        QPalette.ColorRole.Highlight,
        palette.color(QPalette.ColorRole.Mid),
    )


def focus_colour(palette: QPalette) -> QColor:
    return QColor(FOCUS_DARK if is_dark(palette) else FOCUS_LIGHT)


def draw_focus_ring(painter: QPainter, rect: QRectF, palette: QPalette, radius: float = 4) -> None:
    """A 2-pixel ring in the focus colour: what every control shows when Tab reaches it."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(focus_colour(palette), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    painter.restore()


def wants_dark(appearance: Appearance) -> bool:
    if appearance is Appearance.SYSTEM:
        return system_prefers_dark()
    return appearance is Appearance.DARK


class ClearIndicatorsStyle(QProxyStyle):
    """Fusion, with radio buttons and check boxes that can be told apart in both palettes.

    Fusion draws their outline a shade darker than the window and the checked dot in grey, which
    almost disappears on a dark window; the answers to guidance questions are radio buttons, so
    whether one is chosen must be obvious. Checked indicators use the accent colour, unchecked
    ones a clearly visible ring. The focus frame of buttons, radio buttons and check boxes is a
    2-pixel ring in the focus colour instead of Fusion's faint one, in light and dark alike.
    """

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and isinstance(
            widget, QAbstractButton
        ):
            draw_focus_ring(painter, QRectF(option.rect), option.palette)  # type: ignore[attr-defined]
            return
        radio = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
        check = element == QStyle.PrimitiveElement.PE_IndicatorCheckBox
        if not (radio or check):
            super().drawPrimitive(element, option, painter, widget)
            return
        state = option.state  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        on = bool(state & QStyle.StateFlag.State_On)
        partly = bool(state & QStyle.StateFlag.State_NoChange)
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        accent = palette.color(QPalette.ColorRole.Highlight)
        ring = palette.color(QPalette.ColorRole.PlaceholderText)
        if not enabled:
            accent = ring = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        elif state & QStyle.StateFlag.State_MouseOver:
            ring = accent
        rect = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if radio:
            painter.setPen(QPen(accent if on else ring, 1.5))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawEllipse(rect)
            if on:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent)
                radius = rect.width() * 0.27
                painter.drawEllipse(rect.center(), radius, radius)
        else:
            filled = on or partly
            painter.setPen(QPen(accent if filled else ring, 1.5))
            painter.setBrush(accent if filled else palette.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(rect, 2.5, 2.5)
            mark = QPen(palette.color(QPalette.ColorRole.HighlightedText), 1.8)
            mark.setCapStyle(Qt.PenCapStyle.RoundCap)
            mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(mark)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            w, h, x, y = rect.width(), rect.height(), rect.x(), rect.y()
            if on:
                path = QPainterPath(QPointF(x + w * 0.24, y + h * 0.52))
                path.lineTo(QPointF(x + w * 0.43, y + h * 0.72))
                path.lineTo(QPointF(x + w * 0.78, y + h * 0.3))
                painter.drawPath(path)
            elif partly:
                painter.drawLine(QPointF(x + w * 0.25, y + h / 2), QPointF(x + w * 0.75, y + h / 2))
        painter.restore()


def apply_appearance(app: QApplication, appearance: Appearance) -> None:
    app.setStyle(ClearIndicatorsStyle())
    app.setPalette(dark_palette() if wants_dark(appearance) else light_palette())


class ThemeFollower(QObject):
    """Re-applies the palette when the system switches between light and dark, as long as the
    user left Preferences on "Follow the system"."""

    def __init__(self, app: QApplication, appearance: Appearance) -> None:
        super().__init__(app)
        self._app = app
        self.appearance = appearance
        apply_appearance(app, appearance)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._system_changed)

    def set_appearance(self, appearance: Appearance) -> None:
        self.appearance = appearance
        apply_appearance(self._app, appearance)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.appearance is Appearance.SYSTEM:
            apply_appearance(self._app, self.appearance)


def status_colours(palette: QPalette) -> dict[str, QColor]:
    """Colours for met / partly met / not met / not assessed that read well on this palette.

    Colour is never the only carrier of meaning: every figure is also written as text.
    """
    if is_dark(palette):
        return {
            "met": QColor("#4cb782"),
            "partially_met": QColor("#e0a63a"),
            "not_met": QColor("#ef6b6b"),
            "not_assessed": QColor("#8d939c"),
            "bar": QColor(ACCENT_DARK),
            "track": QColor("#34373c"),
        }
    return {
        "met": QColor("#1f7a4d"),
        "partially_met": QColor("#a86500"),
        "not_met": QColor("#b3261e"),
        "not_assessed": QColor("#6b7280"),
        "bar": QColor(ACCENT_LIGHT),
        "track": QColor("#e3e6ea"),
    }
