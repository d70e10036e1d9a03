"""A monitoring measure's results over time, painted by hand like the dashboard's chart.

Every point carries its value as text and the target is a dashed line labelled with its value,
so the chart says everything without colour; the palette decides the colours, light or dark.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from aims_desktop.domain.monitoring import Point
from aims_desktop.gui.theme import status_colours


def nice_scale(low: float, high: float, intervals: int = 4) -> tuple[float, float, float]:
    """An axis in round steps (1, 2, 2.5 or 5 times a power of ten) around low..high."""
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    if 0 < low < (high - low) * 0.6:
        low = 0.0
    raw = (high - low) / intervals
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if end - high < step * 0.15:
        end += step
    return start, end, step


def _number(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


class TrendChart(QWidget):
    """The results of one measure, oldest on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.points: list[Point] = []
        self.target: float | None = None
        self.unit = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.setAccessibleName(self.tr("Results over time"))

    def set_points(self, points: Sequence[Point], target: float | None, unit: str) -> None:
        self.points = list(points)
        self.target = target
        self.unit = "%" if unit.strip() == "%" else ""
        described = "; ".join(f"{p.label}: {p.text}{self.unit}" for p in self.points)
        if target is not None:
            described += f"; target {_number(target)}{self.unit}"
        self.setAccessibleDescription(described or self.tr("No results yet"))
        self.setToolTip(described)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(self.fontMetrics().averageCharWidth() * 60, line * 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = palette.color(QPalette.ColorRole.Mid)
        line_colour = status_colours(palette)["bar"]
        metrics = self.fontMetrics()
        line = metrics.height()
        values = [p.value for p in self.points]
        if self.target is not None:
            values.append(self.target)
        low, high, step = nice_scale(min(values), max(values)) if values else (0.0, 1.0, 0.25)
        ticks = []
        value = low
        while value <= high + step / 1000:
            ticks.append(value)
            value += step
        left = max(metrics.horizontalAdvance(_number(t)) for t in ticks) + line // 2
        right = line
        top = line
        bottom = line * 2
        plot = QRectF(left, top, max(self.width() - left - right, 10), self.height() - top - bottom)

        def y_of(v: float) -> float:
            return plot.bottom() - plot.height() * (v - low) / (high - low)

        painter.setPen(QPen(grid, 1))
        for tick in ticks:
            y = y_of(tick)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(muted)
        for tick in ticks:
            y = y_of(tick)
            painter.drawText(
                QRectF(0, y - line / 2, left - line / 4, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                _number(tick),
            )
        if self.target is not None:
            y = y_of(self.target)
            pen = QPen(muted, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = self.tr("Target %1").replace("%1", _number(self.target) + self.unit)
            painter.setPen(text)
            painter.drawText(
                QRectF(plot.left(), y - line, plot.width(), line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                label,
            )
        if not self.points:
            painter.setPen(muted)
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), self.tr("No results yet"))
            painter.end()
            return
        n = len(self.points)
        inset = line * 1.2
        step_x = (plot.width() - 2 * inset) / max(n - 1, 1)
        xs = [plot.left() + inset + (step_x * i if n > 1 else plot.width() / 2 - inset)
              for i in range(n)]  # fmt: skip
        ys = [y_of(p.value) for p in self.points]
        painter.setPen(QPen(line_colour, 2))
        for i in range(n - 1):
            painter.drawLine(QPointF(xs[i], ys[i]), QPointF(xs[i + 1], ys[i + 1]))
        painter.setBrush(line_colour)
        every = max(1, math.ceil(line * 5 / max(step_x, 1.0))) if n > 1 else 1
        room = max(step_x * every, line * 4.0) / 2
        labelled = set(range(n - 1, -1, -every))  # the latest result always has its label
        bold = painter.font()
        bold.setBold(True)
        for i, point in enumerate(self.points):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(xs[i], ys[i]), 3.5, 3.5)
            if i not in labelled:
                continue
            painter.setPen(text)
            painter.setFont(bold)
            painter.drawText(
                QRectF(xs[i] - room, ys[i] - line * 1.3, room * 2, line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                point.text + self.unit,
            )
            painter.setFont(self.font())
            painter.setPen(muted)
            painter.drawText(
                QRectF(xs[i] - room, plot.bottom() + line * 0.3, room * 2, line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                metrics.elidedText(point.label, Qt.TextElideMode.ElideRight, int(room * 2)),
            )
        painter.end()
