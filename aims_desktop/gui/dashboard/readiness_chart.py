"""Readiness as horizontal bars, one per clause and one for Annex A, each a link to that part.

Painted by hand (QPainter) rather than with a charting library: a handful of bars does not justify
a dependency, and painting ourselves lets every bar carry its figure as text, follow the palette
in dark mode and be driven by keyboard like any other control.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from aims_desktop.gui.theme import status_colours
from aims_desktop.gui.widgets.section_labels import percent_label


@dataclass(frozen=True)
class ChartRow:
    """One bar: `key` is the navigation target ("4".."10", "A")."""

    key: str
    number: str
    title: str
    percent: int
    description: str  # the same figures in words, for tooltips and screen readers


class ReadinessChart(QWidget):
    """Signals:
    rowActivated(str): the user clicked a bar or pressed Enter on it; carries the row's key.
    """

    rowActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChartRow] = []
        self._current = 0
        self._hover = -1
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Readiness by part of the standard"))

    # -- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[ChartRow]) -> None:
        self._rows = list(rows)
        self._current = min(self._current, max(len(self._rows) - 1, 0))
        self.setAccessibleDescription(
            "; ".join(f"{r.number} {r.title}: {r.description}" for r in self._rows)
        )
        self.updateGeometry()
        self.update()

    def rows(self) -> list[ChartRow]:
        return list(self._rows)

    def current_key(self) -> str | None:
        return self._rows[self._current].key if self._rows else None

    # -- geometry --------------------------------------------------------------------------

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 2.1)

    def _margin(self) -> int:
        return max(4, self.fontMetrics().height() // 3)

    def sizeHint(self) -> QSize:
        rows = max(len(self._rows), 1)
        return QSize(420, rows * self._row_height() + 2 * self._margin())

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def row_rect(self, index: int) -> QRect:
        m = self._margin()
        h = self._row_height()
        return QRect(m, m + index * h, self.width() - 2 * m, h)

    def row_at(self, point: QPoint) -> int:
        for index in range(len(self._rows)):
            if self.row_rect(index).contains(point):
                return index
        return -1

    def _columns(self, row: QRect) -> tuple[QRect, QRect, QRect]:
        """Label, bar and figure areas of one row."""
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        figure_width = (
            QFontMetrics(bold).horizontalAdvance(percent_label(100)) + metrics.height() // 2
        )
        widest = max(
            (metrics.horizontalAdvance(f"{r.number}  {r.title}") for r in self._rows), default=0
        )
        label_width = min(widest + metrics.height(), int(row.width() * 0.48))
        pad = metrics.height() // 2
        label = QRect(row.left() + pad, row.top(), label_width, row.height())
        figure = QRect(row.right() - figure_width - pad, row.top(), figure_width, row.height())
        bar = QRect(
            label.right() + pad, row.top(), figure.left() - label.right() - 2 * pad, row.height()
        )
        return label, bar, figure

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        colours = status_colours(palette)
        metrics = self.fontMetrics()
        for index, row in enumerate(self._rows):
            rect = self.row_rect(index)
            if index == self._hover:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
                painter.drawRoundedRect(QRectF(rect), 4, 4)
            label, bar, figure = self._columns(rect)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            text = metrics.elidedText(
                f"{row.number}  {row.title}", Qt.TextElideMode.ElideRight, label.width()
            )
            painter.drawText(
                label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )
            thickness = max(8, metrics.height() * 2 // 3)
            track = QRectF(bar.left(), bar.center().y() - thickness / 2 + 1, bar.width(), thickness)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours["track"])
            painter.drawRoundedRect(track, thickness / 2, thickness / 2)
            if row.percent > 0:
                filled = QRectF(track)
                filled.setWidth(max(thickness, track.width() * row.percent / 100))
                painter.setBrush(colours["bar"])
                painter.drawRoundedRect(filled, thickness / 2, thickness / 2)
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                figure,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                percent_label(row.percent),
            )
            painter.setFont(self.font())
            if index == self._current and self.hasFocus():
                pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 4, 4)
        painter.end()

    # -- interaction -----------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(event.position().toPoint())
        if index != self._hover:
            self._hover = index
            if index >= 0:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            else:
                self.unsetCursor()
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.unsetCursor()
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.row_at(event.position().toPoint())
            if index >= 0:
                self._current = index
                self.update()
                self.rowActivated.emit(self._rows[index].key)
                return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._rows and key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_End):
            if key == Qt.Key.Key_Down:
                self._current = min(self._current + 1, len(self._rows) - 1)
            elif key == Qt.Key.Key_Up:
                self._current = max(self._current - 1, 0)
            elif key == Qt.Key.Key_Home:
                self._current = 0
            else:
                self._current = len(self._rows) - 1
            self._announce()
            self.update()
            return
        if self._rows and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.rowActivated.emit(self._rows[self._current].key)
            return
        super().keyPressEvent(event)

    def _announce(self) -> None:
        row = self._rows[self._current]
        self.setToolTip(f"{row.number} {row.title}: {row.description}")

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.row_at(event.pos())
            if index >= 0:
                row = self._rows[index]
                QToolTip.showText(
                    event.globalPos(),
                    self.tr("%1 %2: %3. Click to work on it.")
                    .replace("%1", row.number)
                    .replace("%2", row.title)
                    .replace("%3", row.description),
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
