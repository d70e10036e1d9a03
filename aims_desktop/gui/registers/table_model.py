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
from aims_desktop.domain.registers.spec import (
    ComputedColumn,
    RecordContext,
    RegisterSpec,
    display,
)

Column = FieldSpec | ComputedColumn

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


_DIGITS = re.compile(r"(\d+)")


def _pad(match: re.Match[str]) -> str:
    return match.group(0).rjust(20, "0")


def _natural_key(text: str) -> str:
    """ "AI-2" before "AI-10", case ignored: every number padded to the same width, so plain
    string comparison (fast, in C) gives the natural order."""
    return _DIGITS.sub(_pad, text.casefold())


def one_line(text: str, limit: int = 200) -> str:
    """A cell shows the first line of a long text, shortened."""
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


class RegisterTableModel(QAbstractTableModel):
    """All records of one register; every field is a column (the view hides some).

    Cell texts and sort keys are computed a whole column at a time, when that column is first
    shown or sorted; the filter searches the columns the user can see.
    """

    def __init__(self, spec: RegisterSpec, parent: Any = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.fields: list[Column] = columns_of(spec)
        self.context = RecordContext()
        self._row_filter: Any = None  # a predicate on records (a heat-map cell), or None
        self._records: list[RegisterRecord] = []
        self._texts: list[list[str] | None] = [None] * len(self.fields)
        self._keys: list[list[Any] | None] = [None] * len(self.fields)
        self._search: list[str] | None = None
        self._search_columns: list[int] = list(range(len(self.fields)))
        self._visible: list[int] = []  # record indexes shown, in display order
        self._needle = ""
        self._sort: tuple[int, bool] | None = None  # (field index, descending)
        self._rank: list[int] | None = None  # each record's place in the current sort order
        self._link_labels: dict[tuple[str, str], str] = {}

    # -- loading ---------------------------------------------------------------------------

    def set_records(
        self,
        records: Sequence[RegisterRecord],
        link_labels: dict[tuple[str, str], str] | None = None,
        context: RecordContext | None = None,
    ) -> None:
        self.beginResetModel()
        self._link_labels = link_labels or {}
        if context is not None:
            self.context = context
        self._records = list(records)
        self._texts = [None] * len(self.fields)
        self._keys = [None] * len(self.fields)
        self._search = None
        self._rank = None
        self._search_text()  # built now, so that the first keystroke is as quick as the rest
        self._visible = self._filtered(range(len(self._records)), self._needle)
        self._apply_sort()
        self.endResetModel()

    def set_search_columns(self, names: Sequence[str]) -> None:
        """The filter looks in these columns (the ones the user can see)."""
        wanted = [self.column_of(n) for n in names if n in {f.name for f in self.fields}]
        if wanted and wanted != self._search_columns:
            self._search_columns = wanted
            self._search = None
            if self._needle:
                needle, self._needle = self._needle, ""
                self.set_filter(needle)

    def _column_texts(self, column: int) -> list[str]:
        texts = self._texts[column]
        if texts is None:
            field = self.fields[column]
            name = field.name
            if isinstance(field, ComputedColumn):
                texts = [field.compute(r, self.context)[0] for r in self._records]
            else:
                texts = [self._text(field, getattr(r, name)) for r in self._records]
            self._texts[column] = texts
        return texts

    def _column_keys(self, column: int) -> list[Any]:
        keys = self._keys[column]
        if keys is None:
            field = self.fields[column]
            name = field.name
            if isinstance(field, ComputedColumn):
                keys = [field.compute(r, self.context)[1] for r in self._records]
            else:
                texts = self._column_texts(column)
                keys = [
                    self._sort_key(field, getattr(r, name), text)
                    for r, text in zip(self._records, texts, strict=True)
                ]
            self._keys[column] = keys
        return keys

    def _search_text(self) -> list[str]:
        if self._search is None:
            columns = [self._column_texts(c) for c in self._search_columns]
            self._search = ["\n".join(parts).casefold() for parts in zip(*columns, strict=True)]
            if not columns:
                self._search = [""] * len(self._records)
        return self._search

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
            for column, field in enumerate(self.fields):
                texts = self._texts[column]
                keys = self._keys[column]
                if isinstance(field, ComputedColumn):
                    text, key = field.compute(record, self.context)
                    if texts is not None:
                        texts[index] = text
                    if keys is not None:
                        keys[index] = key
                else:
                    value = getattr(record, field.name)
                    if texts is not None:
                        texts[index] = self._text(field, value)
                    if keys is not None:
                        keys[index] = self._sort_key(
                            field, value, self._column_texts(column)[index]
                        )
                if keys is not None and self._sort is not None and self._sort[0] == column:
                    self._rank = None
            if self._search is not None:
                parts = [self._column_texts(c)[index] for c in self._search_columns]
                self._search[index] = "\n".join(parts).casefold()
            for row, shown in enumerate(self._visible):
                if shown == index:
                    last = len(self.fields) - 1
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                    break

    def _text(self, field: FieldSpec, value: Any) -> str:
        if field.kind is FieldKind.LINK:
            target = "catalog" if field.target in ("requirement", "control") else field.target
            return "; ".join(self._link_labels.get((target or "", v), v) for v in value)
        if field.kind is FieldKind.DATE and isinstance(value, date):
            return value.isoformat()
        if field.kind in (FieldKind.TEXT, FieldKind.PERSON):
            return value or ""
        if field.kind is FieldKind.SCALE and field.levels:
            return self.context.scale_text(field, value)
        text = display(field, value)
        return one_line(text) if field.kind is FieldKind.LONG_TEXT else text

    @staticmethod
    def _sort_key(field: FieldSpec, value: Any, text: str) -> Any:
        if field.kind in (FieldKind.SCALE, FieldKind.NUMBER):
            return (value is None, value or 0)
        if field.kind is FieldKind.DATE:
            return (value is None, text)
        if field.kind is FieldKind.CHOICE and field.enum is not None and value is not None:
            return (False, _position(field.enum, value))
        if field.kind is FieldKind.CHOICE:
            return (True, 0)
        return (not text, _natural_key(text))

    # -- filtering and sorting -------------------------------------------------------------

    def _filtered(self, candidates: Any, needle: str) -> list[int]:
        if self._row_filter is not None:
            keep = self._row_filter
            candidates = [i for i in candidates if keep(self._records[i])]
        if not needle:
            return list(candidates)
        words = needle.split()
        search = self._search_text()
        if len(words) == 1:
            word = words[0]
            return [i for i in candidates if word in search[i]]
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

    def set_row_filter(self, keep: Any) -> None:
        """Show only records for which `keep(record)` is true (None: all), with the text filter
        on top; the register page uses it for a heat-map cell."""
        self.beginResetModel()
        self._row_filter = keep
        self._visible = self._filtered(range(len(self._records)), self._needle)
        self._apply_sort()
        self.endResetModel()

    @property
    def row_filtered(self) -> bool:
        return self._row_filter is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._rank = None
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        """Order the shown rows. The whole register is sorted once per sort order; after that
        a filter only reorders its matches by their rank, which is a cheap integer sort."""
        if self._sort is None:
            return
        if self._rank is None:
            column, descending = self._sort
            keys = self._column_keys(column)
            order = sorted(range(len(self._records)), key=keys.__getitem__, reverse=descending)
            rank = [0] * len(order)
            for position, record_index in enumerate(order):
                rank[record_index] = position
            self._rank = rank
            if len(self._visible) == len(self._records):
                self._visible = order
                return
        self._visible.sort(key=self._rank.__getitem__)

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
            return self._column_texts(index.column())[record_index]
        if role == Qt.ItemDataRole.ToolTipRole:
            field = self.fields[index.column()]
            if isinstance(field, ComputedColumn):
                return None
            value = getattr(self._records[record_index], field.name)
            if field.kind is FieldKind.LONG_TEXT and value:
                return plain_tooltip(value if len(value) < 2000 else value[:2000] + "…")
            return None
        if role == ID_ROLE:
            return self._records[record_index].id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._column_texts(index.column())[record_index]
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

    def all_records(self) -> list[RegisterRecord]:
        """Every record loaded, whatever the filters show."""
        return list(self._records)

    def visible_ids(self) -> list[str]:
        return [self._records[i].id for i in self._visible]


def columns_of(spec: RegisterSpec) -> list[Column]:
    """Every field of the register, with each computed column after the field it follows."""
    columns: list[Column] = []
    for field in spec.fields:
        columns.append(field)
        columns.extend(c for c in spec.computed if c.after == field.name)
    placed = {c.name for c in columns}
    columns.extend(c for c in spec.computed if c.name not in placed)
    return columns


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: Qt guesses whether a tooltip is rich text, so
    user text is escaped and marked as rich text explicitly."""
    import html

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


_POSITIONS: dict[type, dict[Any, int]] = {}


def _position(enum: type, value: Any) -> int:
    """A choice's place in its enumeration (the order a person expects, not alphabetical)."""
    table = _POSITIONS.get(enum)
    if table is None:
        table = {member: n for n, member in enumerate(enum)}  # type: ignore[var-annotated]
        _POSITIONS[enum] = table
    return table.get(value, len(table))
