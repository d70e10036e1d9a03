"""A table as tall as its rows, its columns sharing its width and its text wrapping: the page
around it scrolls, never the table itself, and nothing scrolls sideways, down to 800 logical
pixels wide (a 1600-pixel screen at 200%)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget


class FittedTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._pending = False
        self._fitted_width = -1
        self.first_column_share = 0.0
        """When set (0.3), the first column takes that share of the width (a name column
        beside many narrow ones); the others share the rest."""
        header.sectionResized.connect(lambda *_a: self.refit_later())

    def refit_later(self) -> None:
        """Fit after Qt has finished laying out the columns (their widths come last)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.refit)

    def refit(self) -> None:
        self._pending = False
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + 2 * self.frameWidth() + 2
        height += sum(self.rowHeight(row) for row in range(self.rowCount()))
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._fitted_width:
            self._fitted_width = event.size().width()
            if self.first_column_share and self.columnCount() > 1:
                header = self.horizontalHeader()
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(0, int(self.viewport().width() * self.first_column_share))
            self.refit()
