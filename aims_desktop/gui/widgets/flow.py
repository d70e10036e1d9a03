"""A layout that places its items left to right and starts a new line when one is full.

For rows of choices and buttons (Yes / Partly / No / Not sure, the four statuses, Attach / Open /
Save a copy / Remove) that fit on one line in a wide window and must wrap, not be cut off, in a
narrow one (800 logical pixels wide: a 1600-pixel screen at 200%).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(
        self, parent: QWidget | None = None, *, spacing: int = -1, line_spacing: int = -1
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = line_spacing
        if parent is None:
            self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- QLayout's item list -----------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self.invalidate()
            return item
        return None

    # -- sizes -------------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        """One line of everything: what the row wants when there is room."""
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in self._items)
        width += self._gap(horizontal=True) * max(0, len(self._items) - 1)
        height = max((item.sizeHint().height() for item in self._items), default=0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item: everything else wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    # -- placing -----------------------------------------------------------------------------

    def _gap(self, *, horizontal: bool) -> int:
        wanted = self._spacing if horizontal else self._line_spacing
        if wanted >= 0:
            return wanted
        parent = self.parentWidget()
        if parent is None:
            return 6
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        value = parent.style().pixelMetric(metric, None, parent)
        return value if value >= 0 else 6

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        gap, line_gap = self._gap(horizontal=True), self._gap(horizontal=False)
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if isinstance(widget, QLabel) and widget.wordWrap():
                # a wrapping label hints a guess; it wants its whole text on one line if it fits
                margins = widget.contentsMargins()
                one_line = max(
                    widget.fontMetrics().horizontalAdvance(line)
                    for line in (widget.text() or " ").splitlines() or [" "]
                )
                hint.setWidth(one_line + margins.left() + margins.right() + 2)
            width = min(hint.width(), max(area.width(), item.minimumSize().width()))
            if x > area.x() and x + width > area.right() + 1:
                x = area.x()
                y += line_height + line_gap
                line_height = 0
            height = hint.height()
            if isinstance(widget, QLabel) and widget.wordWrap():
                height = widget.heightForWidth(width)
            elif widget is not None and widget.sizePolicy().hasHeightForWidth():
                height = max(height, widget.heightForWidth(width))
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + gap
            line_height = max(line_height, height)
        return y + line_height - rect.y() + margins.bottom()


def flow_row(*widgets: QWidget, spacing: int = -1) -> QWidget:
    """The widgets in a FlowLayout, in a plain container that takes the width it is given."""
    box = QWidget()
    layout = FlowLayout(box, spacing=spacing)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    box.setSizePolicy(policy)
    return box
