"""The rows of a register as a Qt table model: fast for 100,000 records.

Every cell's text, its sort key and each row's lower-case search text are computed once when the
records are loaded; sorting and filtering then work on plain Python lists and reset the model,
which is far faster than a QSortFilterProxyModel calling back into Python for every comparison.
A keystroke that extends the filter only searches the rows that still match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from aims_desktop.domain.fields import FieldKind, FieldSpec, RegisterRecord
from aims_desktop.domain.registers.spec import RegisterSpec, display

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def _natural_key(text: str) -> tuple[Any, ...]:
    """ "AI-2" before "AI-10"; case does not matter."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def one_line(text: str, limit: int = 200) -> str:
    """A cell shows the first line of a long text, shortened."""
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


class RegisterTableModel(QAbstractTableModel):
    """All records of one register; `columns` are field names (any field can be a column)."""

    def __init__(self, spec: RegisterSpec, parent: Any = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.fields: list[FieldSpec] = [f for f in spec.fields]
        self._records: list[RegisterRecord] = []
        self._cells: list[list[str]] = []  # per record, per field
        self._keys: list[list[Any]] = []
        self._search: list[str] = []
        self._visible: list[int] = []  # record indexes shown, in display order
        self._needle = ""
        self._sort: tuple[int, bool] | None = None  # (field index, descending)
        self._link_labels: dict[tuple[str, str], str] = {}

    # -- loading ---------------------------------------------------------------------------

    def set_records(
        self,
        records: Sequence[RegisterRecord],
        link_labels: dict[tuple[str, str], str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._link_labels = link_labels or {}
        self._records = list(records)
        self._cells = []
        self._keys = []
        self._search = []
        for record in self._records:
            cells, keys, search = self._compute(record)
            self._cells.append(cells)
            self._keys.append(keys)
            self._search.append(search)
        self._visible = self._filtered(range(len(self._records)), self._needle)
        self._apply_sort()
        self.endResetModel()

    def _compute(self, record: RegisterRecord) -> tuple[list[str], list[Any], str]:
        cells = [self._text(f, getattr(record, f.name)) for f in self.fields]
        keys = [
            self._sort_key(f, getattr(record, f.name), c)
            for f, c in zip(self.fields, cells, strict=True)
        ]
        return cells, keys, "\n".join(cells).casefold()

    def update_records(
        self,
        records: Sequence[RegisterRecord],
        link_labels: dict[tuple[str, str], str] | None = None,
    ) -> None:
        """Refresh records that changed in place (same ids), keeping order and filter."""
        self._link_labels.update(link_labels or {})
        where = {r.id: n for n, r in enumerate(self._records)}
        for record in records:
            index = where.get(record.id)
            if index is None:
                continue
            self._records[index] = record
            self._cells[index], self._keys[index], self._search[index] = self._compute(record)
            for row, shown in enumerate(self._visible):
                if shown == index:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.fields) - 1))
                    break

    def _text(self, field: FieldSpec, value: Any) -> str:
        if field.kind is FieldKind.LINK:
            target = "catalog" if field.target in ("requirement", "control") else field.target
            return "; ".join(self._link_labels.get((target or "", v), v) for v in value)
        if field.kind is FieldKind.DATE and isinstance(value, date):
            return value.isoformat()
        text = display(field, value)
        return one_line(text) if field.kind is FieldKind.LONG_TEXT else text

    @staticmethod
    def _sort_key(field: FieldSpec, value: Any, text: str) -> Any:
        if field.kind in (FieldKind.SCALE, FieldKind.NUMBER):
            return (value is None, value or 0)
        if field.kind is FieldKind.DATE:
            return (value is None, value.isoformat() if value else "")
        if field.kind is FieldKind.CHOICE and field.enum is not None and value is not None:
            return (False, list(field.enum).index(value))
        if field.kind is FieldKind.CHOICE:
            return (True, 0)
        return (not text, _natural_key(text))

    # -- filtering and sorting -------------------------------------------------------------

    def _filtered(self, candidates: Any, needle: str) -> list[int]:
        if not needle:
            return list(candidates)
        words = needle.split()
        search = self._search
        return [i for i in candidates if all(w in search[i] for w in words)]

    def set_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        if needle == self._needle:
            return
        self.beginResetModel()
        if self._needle and needle.startswith(self._needle):
            self._visible = self._filtered(self._visible, needle)  # narrowing: keep the order
        else:
            self._visible = self._filtered(range(len(self._records)), needle)
            self._apply_sort()
        self._needle = needle
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        return self._needle

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, descending = self._sort
        keys = self._keys
        self._visible.sort(key=lambda i: keys[i][column], reverse=descending)

    # -- the model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record_index = self._visible[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[record_index][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            field = self.fields[index.column()]
            value = getattr(self._records[record_index], field.name)
            if field.kind is FieldKind.LONG_TEXT and value:
                return plain_tooltip(value if len(value) < 2000 else value[:2000] + "…")
            return None
        if role == ID_ROLE:
            return self._records[record_index].id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._cells[record_index][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.fields[section].title
        if role == Qt.ItemDataRole.ToolTipRole and self.fields[section].help:
            return plain_tooltip(self.fields[section].help)
        return None

    # -- lookups ---------------------------------------------------------------------------

    def column_of(self, name: str) -> int:
        for index, field in enumerate(self.fields):
            if field.name == name:
                return index
        raise KeyError(name)

    def record_at(self, row: int) -> RegisterRecord:
        return self._records[self._visible[row]]

    def row_of(self, record_id: str) -> int | None:
        for row, record_index in enumerate(self._visible):
            if self._records[record_index].id == record_id:
                return row
        return None

    def total(self) -> int:
        return len(self._records)

    def visible_ids(self) -> list[str]:
        return [self._records[i].id for i in self._visible]


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: Qt guesses whether a tooltip is rich text, so
    user text is escaped and marked as rich text explicitly."""
    import html

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
