"""The navigation sidebar: one entry per part of the work, each with its readiness.

Showing the percentage beside every clause turns the sidebar into a progress overview, so the user
sees where the gaps are without opening the dashboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from aims_desktop.gui.theme import status_colours
from aims_desktop.gui.widgets.section_labels import (
    ASSESSED_KEYS,
    CLAUSE_KEYS,
    SECTION_KEYS,
    percent_label,
    section_titles,
)

if TYPE_CHECKING:
    from aims_desktop.domain.readiness import ReadinessReport

# Every role always holds a real value ("" for no number, -1 for no percentage): None never
# travels through a QVariant, which some PySide6 builds handle badly.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2
PERCENT_ROLE = Qt.ItemDataRole.UserRole + 3


class _SectionDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = option.fontMetrics.height()
        return QSize(200, int(line * 2.3))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette: QPalette = option.palette
        rect: QRect = option.rect
        line = option.fontMetrics.height()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        area = rect.adjusted(line // 3, 1, -line // 3, -1)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(area, 5, 5)
        elif hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Midlight))
            painter.drawRoundedRect(area, 5, 5)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText
        )
        muted = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        inner = area.adjusted(line // 2, 0, -line // 2, 0)
        number = str(index.data(NUMBER_ROLE) or "")
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        percent = int(index.data(PERCENT_ROLE))
        number_width = option.fontMetrics.horizontalAdvance("10") + line // 2
        text_top = inner.top() + int(line * 0.35)
        text_rect = QRect(inner.left(), text_top, inner.width(), line)
        percent_text = percent_label(percent) if percent >= 0 else ""
        bold = QFont(option.font)
        bold.setBold(True)
        percent_width = option.fontMetrics.horizontalAdvance(percent_label(100)) + 4
        painter.setFont(option.font)
        if number:
            painter.setPen(muted)
            painter.drawText(
                QRect(text_rect.left(), text_top, number_width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                number,
            )
        title_left = text_rect.left() + (number_width if number else 0)
        title_rect = QRect(
            title_left, text_top, text_rect.right() - title_left - percent_width, line
        )
        painter.setPen(text_colour)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            option.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        if percent_text:
            painter.setFont(bold)
            painter.drawText(
                QRect(text_rect.right() - percent_width, text_top, percent_width, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                percent_text,
            )
            bar_top = text_top + line + max(2, line // 5)
            thickness = max(3, line // 5)
            bar = QRect(title_left, bar_top, text_rect.right() - title_left, thickness)
            colours = status_colours(palette)
            painter.setPen(Qt.PenStyle.NoPen)
            track = muted if selected else colours["track"]
            if selected:
                track.setAlpha(90)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, thickness / 2, thickness / 2)
            if percent > 0:
                filled = QRect(bar)
                filled.setWidth(max(thickness, int(bar.width() * percent / 100)))
                painter.setBrush(text_colour if selected else colours["bar"])
                painter.drawRoundedRect(filled, thickness / 2, thickness / 2)
        painter.restore()


class NavigationSidebar(QListWidget):
    """Signals:
    sectionChosen(str): the user picked a section ("dashboard", "organisation", "4".."10", "A",
        "registers", "reports").
    """

    sectionChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigationSidebar")
        self.setAccessibleName(self.tr("Sections"))
        self.setItemDelegate(_SectionDelegate(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        titles = section_titles()
        for key in SECTION_KEYS:
            item = QListWidgetItem(titles[key])
            item.setData(KEY_ROLE, key)
            item.setData(NUMBER_ROLE, key if key in CLAUSE_KEYS or key == "A" else "")
            item.setData(PERCENT_ROLE, -1)
            self.addItem(item)
        self.currentItemChanged.connect(self._current_changed)
        line = self.fontMetrics().height()
        self.setMinimumWidth(int(line * 16.5))
        self.setViewportMargins(0, line // 3, 0, line // 3)
        self.setMaximumWidth(line * 20)

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.sectionChosen.emit(str(current.data(KEY_ROLE)))

    def keys(self) -> list[str]:
        return [str(self.item(row).data(KEY_ROLE)) for row in range(self.count())]

    def item_for(self, key: str) -> QListWidgetItem:
        return self.item(self.keys().index(key))

    def select(self, key: str) -> None:
        """Show `key` as current without announcing it (the window already switched)."""
        row = self.keys().index(key)
        if self.currentRow() != row:
            self.blockSignals(True)
            self.setCurrentRow(row)
            self.blockSignals(False)

    def set_readiness(self, report: ReadinessReport | None) -> None:
        for row in range(self.count()):
            item = self.item(row)
            key = str(item.data(KEY_ROLE))
            percent: int | None = None
            if report is not None and (key == "dashboard" or key in ASSESSED_KEYS):
                part = report.overall if key == "dashboard" else report.for_key(key)
                percent = part.percent
            item.setData(PERCENT_ROLE, -1 if percent is None else percent)
            described = item.text()
            if key in CLAUSE_KEYS:
                described = self.tr("Clause %1, %2").replace("%1", key).replace("%2", item.text())
            if percent is not None:
                described += self.tr(", %1 percent ready").replace("%1", str(percent))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, described)
            item.setToolTip(described)

    def percent_of(self, key: str) -> int | None:
        value = int(self.item_for(key).data(PERCENT_ROLE))
        return None if value < 0 else value

    def sizeHint(self) -> QSize:
        return QSize(int(self.fontMetrics().height() * 17), 400)
