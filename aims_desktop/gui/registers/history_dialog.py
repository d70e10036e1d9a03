"""The history of changes: who changed what and when, for one record or the whole project.

Auditors ask for this (control of documented information, 7.5.3): it is filterable by who, by
date and by any word in what changed, and the filtered list exports to CSV.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers.record_form import OptionalDateEdit
from aims_desktop.gui.registers.table_model import plain_tooltip
from aims_desktop.gui.widgets.dates import format_stamp
from aims_desktop.gui.widgets.fields import plain_label, set_muted
from aims_desktop.services import changelog
from aims_desktop.services.changelog import HistoryFilter, HistoryRow
from aims_desktop.services.errors import UserFacingError

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("When", "Who", "What", "Field", "Before", "After")


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[HistoryRow] = []

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _text(self, row: HistoryRow, column: int) -> str:
        if column == 0:
            return format_stamp(row.at)
        if column == 1:
            return row.who
        if column == 2:
            return f"{row.kind}: {row.subject}" if row.subject else row.kind
        if column == 3:
            return row.field
        return row.old if column == 4 else row.new

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        text = self._text(row, index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            first = text.split("\n", 1)[0]
            return first if len(first) <= 160 else first[:159] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 4 and text:
            return plain_tooltip(text[:3000])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None


class HistoryDialog(QDialog):
    """The change log, filtered; `scope` narrows it to one register or one record."""

    def __init__(
        self,
        context: ProjectContext,
        *,
        entity: str | None = None,
        entity_id: str | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.context = context
        self.entity = entity or None
        self.entity_id = entity_id or None
        self.setWindowTitle(title or self.tr("History of changes"))
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Every change saved in this project: who made it, when, and the value before "
                "and after. Changes made since the last save are included."
            )
        )
        set_muted(intro)
        layout.addWidget(intro)

        filters = QHBoxLayout()
        self.who_combo = QComboBox(self)
        self.who_combo.setAccessibleName(self.tr("Who"))
        self.who_combo.addItem(self.tr("Everyone"), "")
        session = context.session
        if session is not None:
            for name in changelog.people(session):
                self.who_combo.addItem(name, name)
        self.since_edit = OptionalDateEdit(self)
        self.since_edit.setAccessibleName(self.tr("From"))
        self.until_edit = OptionalDateEdit(self)
        self.until_edit.setAccessibleName(self.tr("Until"))
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText(self.tr("What changed (any word)"))
        self.text_edit.setAccessibleName(self.tr("What changed"))
        self.text_edit.setClearButtonEnabled(True)
        for label, widget in (
            (self.tr("Who"), self.who_combo),
            (self.tr("From"), self.since_edit),
            (self.tr("Until"), self.until_edit),
        ):
            text = plain_label(label, wrap=False)
            text.setBuddy(widget)
            filters.addWidget(text)
            filters.addWidget(widget)
        filters.addWidget(self.text_edit, 1)
        layout.addLayout(filters)

        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        for column, width in enumerate((18, 14, 34, 14, 22)):
            self.table.setColumnWidth(column, width * char)
        layout.addWidget(self.table, 1)
        self.count_label = plain_label()
        set_muted(self.count_label)
        layout.addWidget(self.count_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("Export to CSV…"), self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.who_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.since_edit.editingFinished.connect(self.refresh)
        self.until_edit.editingFinished.connect(self.refresh)
        self.text_edit.textChanged.connect(lambda _t: self._timer.start())
        self.resize(980, 560)
        self.refresh()

    def current_filter(self) -> HistoryFilter:
        since: date | None = self.since_edit.value()
        until: date | None = self.until_edit.value()
        return HistoryFilter(
            entity=self.entity,
            entity_id=self.entity_id,
            who=str(self.who_combo.currentData() or "") or None,
            since=since,
            until=until,
            text=self.text_edit.text(),
        )

    def refresh(self) -> None:
        session = self.context.session
        if session is None:
            return
        rows, total = changelog.entries(session, self.current_filter())
        self.model.set_rows(rows)
        if total > len(rows):
            text = self.tr(
                "Showing the newest %1 of %2 changes; narrow the filters or export them all."
            )
            text = text.replace("%1", f"{len(rows):,}").replace("%2", f"{total:,}")
        else:
            text = self.tr("%n change(s)", "", total)
        self.count_label.setText(text)

    def ask_export_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the history"), "History.csv", self.tr("CSV files (*.csv)")
        )
        return Path(path) if path else None

    def export(self) -> Path | None:
        session = self.context.session
        target = self.ask_export_path()
        if session is None or target is None:
            return None
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        try:
            path, count = changelog.export_csv(session, self.current_filter(), target)
        except UserFacingError as error:
            box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), str(error), parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return None
        self.count_label.setText(
            self.tr("Exported %1 change(s) to %2")
            .replace("%1", f"{count:,}")
            .replace("%2", str(path))
        )
        return path
