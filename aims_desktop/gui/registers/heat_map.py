"""The risk heat map, drawn with QPainter: likelihood up, consequence across, one cell per pair.

Each cell prints how many risks sit in it and its risk level in words, so colour is never the
only carrier of meaning; cells above the acceptance level have a heavy frame. Clicking a cell (or
moving to it with the arrow keys and pressing Enter or Space) asks the register to show only its
risks; clicking it again shows them all.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from aims_desktop.domain.heat_map import Cell, HeatMap
from aims_desktop.gui.theme import draw_focus_ring, is_dark

_LIGHT = {
    3: ("#d9efe0", "#fbe6bd", "#f4c3bc"),
    4: ("#d9efe0", "#fbe6bd", "#f4c3bc", "#e29189"),
    5: ("#d9efe0", "#eef3c6", "#fbe6bd", "#f4c3bc", "#e29189"),
}
_DARK = {
    3: ("#24503a", "#6b5217", "#74302a"),
    4: ("#24503a", "#6b5217", "#74302a", "#9a2f28"),
    5: ("#24503a", "#4f5a1e", "#6b5217", "#74302a", "#9a2f28"),
}


def level_colour(level: int, levels: int, palette: QPalette) -> QColor:
    """The fill of a cell at `level` of `levels`: pale in light mode, deep in dark mode, so the
    text on it stays readable in both."""
    table = (_DARK if is_dark(palette) else _LIGHT).get(levels) or _LIGHT[5]
    return QColor(table[max(0, min(level, len(table)) - 1)])


class HeatMapView(QWidget):
    """Signals:
    cellActivated(int, int): the user clicked or pressed Enter on the cell (likelihood,
        consequence).
    """

    cellActivated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heat_map: HeatMap | None = None
        self.selected: Cell | None = None
        self.current: Cell = (1, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)

    # -- data ------------------------------------------------------------------------------

    def set_map(self, heat_map: HeatMap) -> None:
        self.heat_map = heat_map
        rows, columns = self._dimensions()
        self.current = (min(self.current[0], rows), min(self.current[1], columns))
        if self.selected is not None and (self.selected[0] > rows or self.selected[1] > columns):
            self.selected = None
        self.setAccessibleName(heat_map.title)
        self.setAccessibleDescription(self.summary())
        self.setMaximumWidth(self._label_width() + 2 + columns * self.maximumCellWidth())
        self.updateGeometry()
        self.update()

    def set_selected(self, cell: Cell | None) -> None:
        self.selected = cell
        if cell is not None:
            self.current = cell
        self.update()

    def _dimensions(self) -> tuple[int, int]:
        if self.heat_map is None:
            return 5, 5
        criteria = self.heat_map.criteria
        return len(criteria.likelihood), len(criteria.consequence)

    def cell_text(self, cell: Cell) -> str:
        """A cell in words: what a screen reader and a tooltip say about it."""
        if self.heat_map is None:
            return ""
        likelihood, consequence = cell
        criteria = self.heat_map.criteria
        count = self.heat_map.count(*cell)
        level = criteria.level_label(self.heat_map.level(*cell))
        risks = f"{count} risk{'s' if count != 1 else ''}"
        above = "" if self.heat_map.acceptable(*cell) else ", above the acceptance level"
        return (
            f"{criteria.likelihood[likelihood - 1].label} likelihood, "
            f"{criteria.consequence[consequence - 1].label.lower()} consequence: "
            f"{level}{above}; {risks}"
        )

    def summary(self) -> str:
        if self.heat_map is None:
            return ""
        parts = [
            self.cell_text(cell)
            for cell in sorted(self.heat_map.cells, key=lambda c: (-c[0], c[1]))
        ]
        return "; ".join(parts) or "No rated risks."

    # -- geometry --------------------------------------------------------------------------

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        if self.heat_map is None:
            return metrics.horizontalAdvance("M") * 10
        widest = max(
            metrics.horizontalAdvance(f"{n} {lv.label}")
            for n, lv in enumerate(self.heat_map.criteria.likelihood, start=1)
        )
        return min(widest + 10, metrics.horizontalAdvance("M") * 12)

    def _cell_height(self) -> int:
        return int(self.fontMetrics().height() * 2.5)

    def _axis_height(self) -> int:
        return int(self.fontMetrics().height() * 2.4)

    def sizeHint(self) -> QSize:
        rows, columns = self._dimensions()
        unit = self.fontMetrics().horizontalAdvance("M")
        return QSize(
            self._label_width() + columns * unit * 7,
            rows * self._cell_height() + self._axis_height(),
        )

    def minimumSizeHint(self) -> QSize:
        rows, columns = self._dimensions()
        unit = self.fontMetrics().horizontalAdvance("M")
        return QSize(
            self._label_width() + columns * unit * 4,
            rows * self._cell_height() + self._axis_height(),
        )

    def maximumCellWidth(self) -> int:
        return self.fontMetrics().horizontalAdvance("M") * 9

    def _cell_width(self) -> float:
        _rows, columns = self._dimensions()
        return (self.width() - self._label_width() - 2) / columns

    def cell_rect(self, cell: Cell) -> QRect:
        rows, _columns = self._dimensions()
        likelihood, consequence = cell
        width = self._cell_width()
        x = self._label_width() + width * (consequence - 1)
        y = self._cell_height() * (rows - likelihood)
        return QRect(int(x), int(y), int(width), self._cell_height())

    def cell_at(self, point: QPoint) -> Cell | None:
        rows, columns = self._dimensions()
        if point.x() < self._label_width():
            return None
        consequence = int((point.x() - self._label_width()) // max(self._cell_width(), 1)) + 1
        likelihood = rows - point.y() // self._cell_height()
        if 1 <= consequence <= columns and 1 <= likelihood <= rows:
            return likelihood, consequence
        return None

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.heat_map is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        criteria = self.heat_map.criteria
        rows, columns = self._dimensions()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        base_font = QFont(self.font())
        bold = QFont(base_font)
        bold.setBold(True)
        big = QFont(bold)
        big.setPointSizeF(max(base_font.pointSizeF(), 1) * 1.25)
        small = QFont(base_font)
        small.setPointSizeF(max(base_font.pointSizeF(), 1) * 0.82)
        label_width = self._label_width()
        for likelihood in range(1, rows + 1):
            row_rect = self.cell_rect((likelihood, 1))
            painter.setFont(base_font)
            painter.setPen(text)
            label = f"{likelihood} {criteria.likelihood[likelihood - 1].label}"
            painter.drawText(
                QRect(0, row_rect.top(), label_width - 6, row_rect.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                QFontMetrics(base_font).elidedText(
                    label, Qt.TextElideMode.ElideRight, label_width - 6
                ),
            )
            for consequence in range(1, columns + 1):
                cell = (likelihood, consequence)
                rect = self.cell_rect(cell)
                level = self.heat_map.level(*cell)
                fill = level_colour(level, len(criteria.levels), palette)
                painter.fillRect(rect.adjusted(1, 1, -1, -1), fill)
                if not self.heat_map.acceptable(*cell):
                    painter.setPen(QPen(text, 1.6))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(QRectF(rect).adjusted(2.5, 2.5, -2.5, -2.5))
                count = self.heat_map.count(*cell)
                painter.setFont(big if count else base_font)
                painter.setPen(text if count else muted)
                upper = QRect(rect.left(), rect.top() + 2, rect.width(), rect.height() * 3 // 5)
                painter.drawText(
                    upper, Qt.AlignmentFlag.AlignCenter, str(count) if count else "\u2013"
                )
                painter.setFont(small)
                painter.setPen(text)
                lower = QRect(
                    rect.left() + 2,
                    upper.bottom(),
                    rect.width() - 4,
                    rect.bottom() - upper.bottom(),
                )
                painter.drawText(
                    lower,
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    QFontMetrics(small).elidedText(
                        criteria.level_label(level), Qt.TextElideMode.ElideRight, lower.width()
                    ),
                )
                if cell == self.selected:
                    painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3.5))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
                if cell == self.current and self.hasFocus():
                    draw_focus_ring(painter, QRectF(rect).adjusted(3, 3, -3, -3), palette, 3)
        top = rows * self._cell_height() + 2
        line = self.fontMetrics().height()
        for consequence in range(1, columns + 1):
            rect = self.cell_rect((1, consequence))
            painter.setFont(base_font)
            painter.setPen(text)
            label = f"{consequence} {criteria.consequence[consequence - 1].label}"
            painter.drawText(
                QRect(rect.left(), top, rect.width(), line),
                Qt.AlignmentFlag.AlignCenter,
                self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - 2),
            )
        painter.setFont(bold)
        painter.setPen(muted)
        painter.drawText(
            QRect(label_width, top + line, self.width() - label_width, line),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("Consequence →"),
        )
        painter.drawText(
            QRect(0, top + line, label_width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.tr("↑ Likelihood"),
        )
        painter.end()

    # -- input -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.current = cell
            self.cellActivated.emit(*cell)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.cell_text(cell), self)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        rows, columns = self._dimensions()
        likelihood, consequence = self.current
        key = event.key()
        if key == Qt.Key.Key_Up:
            likelihood = min(rows, likelihood + 1)
        elif key == Qt.Key.Key_Down:
            likelihood = max(1, likelihood - 1)
        elif key == Qt.Key.Key_Right:
            consequence = min(columns, consequence + 1)
        elif key == Qt.Key.Key_Left:
            consequence = max(1, consequence - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.cellActivated.emit(*self.current)
            return
        else:
            super().keyPressEvent(event)
            return
        self.current = (likelihood, consequence)
        self.setAccessibleDescription(self.cell_text(self.current))
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
