"""A form built from field kinds: the detail view of every register, and the Organisation page.

The form holds no rules and saves nothing itself: when the user finishes editing a field it emits
`fieldCommitted(name, value)`; the page turns that into one service call (one undo step) and
shows the service's refusal, if any, with `show_error`. Values always come back from the project
through `show_values`, so what the form shows is what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.fields import FieldKind, FieldSpec, enum_label
from aims_desktop.domain.registers.spec import RecordContext
from aims_desktop.gui.widgets.fields import (
    DateEdit,
    LineEdit,
    NotesEdit,
    plain_label,
    set_muted,
    set_point_size,
)

NO_VALUE = "—"


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a date box showing "Not set", and a clear button.

    Signals:
        editingFinished(): the user chose or cleared a date.
    """

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = DateEdit(self)
        self._floor = QDate(1900, 1, 1)
        self.edit.setMinimumDate(self._floor)
        self.edit.setSpecialValueText(self.tr("Not set"))
        self.edit.editingFinished.connect(self.editingFinished)
        calendar = self.edit.calendarWidget()
        calendar.installEventFilter(self)
        calendar.clicked.connect(lambda _d: QTimer.singleShot(0, self, self.editingFinished.emit))
        calendar.activated.connect(lambda _d: QTimer.singleShot(0, self, self.editingFinished.emit))
        self.clear_button = QToolButton(self)
        self.clear_button.setText("\u00d7")  # a multiplication sign: the usual "clear"
        self.clear_button.setToolTip(self.tr("Clear the date"))
        self.clear_button.setAccessibleName(self.tr("Clear the date"))
        self.clear_button.clicked.connect(self._clear)
        row.addWidget(self.edit)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.setFocusProxy(self.edit)
        self.set_value(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False

    def _clear(self) -> None:
        if self.value() is not None:
            self.set_value(None)
            self.editingFinished.emit()

    def value(self) -> date | None:
        current = self.edit.date()
        if current == self._floor:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.edit.setDate(self._floor)
        else:
            self.edit.setDate(QDate(value.year, value.month, value.day))
        self.clear_button.setEnabled(value is not None)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)


class ChoicesBox(QWidget):
    """Several values of an enumeration as check boxes, each with its explanation if it has one.

    Signals:
        editingFinished(): a box was ticked or unticked.
    """

    editingFinished = Signal()

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.boxes: dict[StrEnum, QCheckBox] = {}
        for member in field.enum or ():
            box = QCheckBox(enum_label(member), self)
            box.clicked.connect(lambda _checked=False: self.editingFinished.emit())
            layout.addWidget(box)
            explanation = getattr(member, "explanation", None)
            if isinstance(explanation, str):
                note = plain_label(explanation)
                set_muted(note)
                note.setContentsMargins(24, 0, 0, 4)
                layout.addWidget(note)
                box.setToolTip(explanation)
            self.boxes[member] = box
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)

    def value(self) -> frozenset[StrEnum]:
        return frozenset(m for m, box in self.boxes.items() if box.isChecked())

    def set_value(self, value: frozenset[Any]) -> None:
        for member, box in self.boxes.items():
            box.setChecked(member in value)


class RecordForm(QWidget):
    """Editors for a list of fields (links excluded: the links panel shows those).

    Signals:
        fieldCommitted(str, object): the user finished editing field `name` with a new value.
    """

    fieldCommitted = Signal(str, object)

    def __init__(
        self,
        fields: Sequence[FieldSpec],
        parent: QWidget | None = None,
        *,
        people: Callable[[], list[str]] | None = None,
        guide: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> None:
        super().__init__(parent)
        self.fields = [f for f in fields if not f.is_link and not f.hidden]
        self._guide = {name: tuple(questions) for name, questions in guide}
        self._read_only = {f.name for f in self.fields if f.read_only}
        self._people = people
        self._values: dict[str, Any] = {}
        self._loading = False
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.error_label = plain_label()
        self.error_label.setObjectName("formError")
        self.error_label.setStyleSheet(
            "QLabel#formError { border: 1px solid #c0392b; border-radius: 4px; padding: 6px; }"
        )
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self._completer_model = QStringListModel(self)
        self._scales: dict[str, tuple[QComboBox, FieldSpec]] = {}
        """Scale fields whose levels the project defines (likelihood): a list of its words."""
        self.context = RecordContext()
        for field in self.fields:
            layout.addWidget(self._row(field))
        layout.addStretch(1)

    # -- building --------------------------------------------------------------------------

    def _row(self, field: FieldSpec) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 0)
        column.setSpacing(2)
        editor = self._editor(field)
        editor.setObjectName(f"field_{field.name}")
        editor.setAccessibleName(field.title)
        if field.help:
            editor.setAccessibleDescription(field.help)
        self.editors[field.name] = editor
        if field.kind is not FieldKind.FLAG:
            marked = field.required and (field.is_text or field.kind is FieldKind.DATE)
            label = plain_label(field.title + (" *" if marked else ""))
            set_point_size(label, 1.0, bold=True)
            label.setBuddy(editor)
            self.labels[field.name] = label
            column.addWidget(label)
        if field.help:
            help_label = plain_label(field.help)
            set_muted(help_label)
            if field.kind is FieldKind.FLAG:
                help_label.setContentsMargins(24, 0, 0, 0)
                column.addWidget(editor)
                column.addWidget(help_label)
                return box
            column.addWidget(help_label)
        questions = self._guide.get(field.name, ())
        if questions:
            # guided questions, in our own words: what to think about before writing
            asked = plain_label("\n".join(f"\u2022 {q}" for q in questions))
            asked.setObjectName(f"guide_{field.name}")
            set_muted(asked)
            asked.setContentsMargins(8, 0, 0, 2)
            column.addWidget(asked)
            if field.help:
                editor.setAccessibleDescription(field.help + " " + " ".join(questions))
            else:
                editor.setAccessibleDescription(" ".join(questions))
        column.addWidget(editor)
        if field.read_only:
            self._set_read_only(editor)
        return box

    @staticmethod
    def _set_read_only(editor: QWidget) -> None:
        """Shown, never edited: a value the application sets (a stored file's fingerprint)."""
        if isinstance(editor, NotesEdit | LineEdit):
            editor.setReadOnly(True)
        else:
            editor.setEnabled(False)

    def _editor(self, field: FieldSpec) -> QWidget:
        kind = field.kind
        name = field.name
        if kind in (FieldKind.TEXT, FieldKind.PERSON):
            line = LineEdit(self)
            if field.max_length:
                line.setMaxLength(field.max_length)
            if field.placeholder:
                line.setPlaceholderText(field.placeholder)
            if kind is FieldKind.PERSON:
                completer = QCompleter(self._completer_model, line)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                line.setCompleter(completer)
                line.installEventFilter(self)
            line.editingFinished.connect(lambda n=name: self._commit(n))
            return line
        if kind is FieldKind.LONG_TEXT:
            notes = NotesEdit(self)
            notes.setFixedHeight(notes.fontMetrics().lineSpacing() * field.lines + 16)
            if field.placeholder:
                notes.setPlaceholderText(field.placeholder)
            notes.editingFinished.connect(lambda n=name: self._commit(n))
            return notes
        if kind is FieldKind.DATE:
            dated = OptionalDateEdit(self)
            dated.editingFinished.connect(lambda n=name: self._commit(n))
            return dated
        if kind is FieldKind.CHOICE:
            combo = QComboBox(self)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            if not field.required:
                combo.addItem(NO_VALUE, None)
            for member in field.enum or ():
                combo.addItem(enum_label(member), member)
            combo.activated.connect(lambda _i, n=name: self._commit(n))
            return combo
        if kind is FieldKind.CHOICES:
            boxes = ChoicesBox(field, self)
            boxes.editingFinished.connect(lambda n=name: self._commit(n))
            return boxes
        if kind is FieldKind.SCALE and field.levels:
            combo = QComboBox(self)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            self._scales[name] = (combo, field)
            self._fill_scale(combo, field)
            combo.activated.connect(lambda _i, n=name: self._commit(n))
            return combo
        if kind in (FieldKind.SCALE, FieldKind.NUMBER):
            spin = QSpinBox(self)
            low = field.minimum if field.minimum is not None else 0
            spin.setRange(low - 1, field.maximum if field.maximum is not None else 10**9)
            spin.setSpecialValueText(NO_VALUE)
            spin.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            # room to read and type the value, whatever the style's arrows take
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("M") * 8 + 48)
            spin.editingFinished.connect(lambda n=name: self._commit(n))
            return spin
        if kind is FieldKind.FLAG:
            check = QCheckBox(field.title, self)
            check.clicked.connect(lambda _c=False, n=name: self._commit(n))
            return check
        raise ValueError(f"no editor for a {kind.value} field")

    def _fill_scale(self, combo: QComboBox, field: FieldSpec) -> None:
        """The levels of the project's scale, as "3 Possible", with their meaning as a tooltip."""
        combo.clear()
        combo.addItem(NO_VALUE, None)
        for number, level in enumerate(self.context.scale_levels(field.levels) or (), start=1):
            combo.addItem(f"{number} {level.label}", number)
            if level.description:
                combo.setItemData(combo.count() - 1, level.description, Qt.ItemDataRole.ToolTipRole)

    def set_context(self, context: RecordContext) -> None:
        """The project's scales changed (or a project was opened): list their levels."""
        if context == self.context:
            return
        self.context = context
        self._loading = True
        try:
            for name, (combo, field) in self._scales.items():
                self._fill_scale(combo, field)
                self._set(combo, self._values.get(name))
        finally:
            self._loading = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and self._people is not None:
            self._completer_model.setStringList(self._people())  # names used so far
        return False

    # -- values ----------------------------------------------------------------------------

    def value_of(self, name: str) -> Any:
        field = next(f for f in self.fields if f.name == name)
        editor = self.editors[name]
        kind = field.kind
        if isinstance(editor, NotesEdit):
            return editor.toPlainText()
        if isinstance(editor, LineEdit):
            return editor.text()
        if isinstance(editor, OptionalDateEdit | ChoicesBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            value = editor.value()
            return None if value == editor.minimum() else value
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        raise ValueError(f"no value for {kind.value}")

    def _commit(self, name: str) -> None:
        if self._loading or name in self._read_only:
            return
        value = self.value_of(name)
        if value == self._values.get(name):
            return
        self.fieldCommitted.emit(name, value)

    def show_values(self, values: dict[str, Any], changed: set[str] | None = None) -> None:
        """Show stored values. A text field the user is typing in keeps its text unless this
        very field changed (an undo of it, say)."""
        self._loading = True
        try:
            for field in self.fields:
                name = field.name
                value = values.get(name, field.empty())
                editor = self.editors[name]
                previous = self._values.get(name, object())
                typing = editor.hasFocus() and isinstance(editor, LineEdit | NotesEdit)
                if typing and changed is not None and name not in changed:
                    self._values[name] = value
                    continue
                if previous == value and name in self._values and changed is not None:
                    continue
                self._set(editor, value)
                self._values[name] = value
        finally:
            self._loading = False

    def refused(self, name: str) -> None:
        """The project refused an edit of `name`: a choice, date or box goes back to the stored
        value at once; typed text stays where the user is typing, for them to correct."""
        editor = self.editors[name]
        if not (isinstance(editor, LineEdit | NotesEdit) and editor.hasFocus()):
            self.restore(name)

    def restore(self, name: str) -> None:
        """Put the stored value back into one editor."""
        self._loading = True
        try:
            self._set(self.editors[name], self._values.get(name))
        finally:
            self._loading = False

    @staticmethod
    def _set(editor: QWidget, value: Any) -> None:
        if isinstance(editor, NotesEdit):
            if editor.toPlainText() != (value or ""):
                editor.setPlainText(value or "")
        elif isinstance(editor, LineEdit):
            if editor.text() != (value or ""):
                editor.setText(value or "")
                editor.setCursorPosition(0)
        elif isinstance(editor, OptionalDateEdit):
            editor.set_value(value)
        elif isinstance(editor, ChoicesBox):
            editor.set_value(value or frozenset())
        elif isinstance(editor, QComboBox):
            index = editor.findData(value) if value is not None else 0
            if index < 0 and isinstance(value, int):  # a score outside the project's scale
                editor.addItem(f"{value} (not on the scale)", value)
                index = editor.count() - 1
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(editor.minimum() if value is None else int(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))

    def set_read_only(self, read_only: bool) -> None:
        for name, editor in self.editors.items():
            fixed = read_only or name in self._read_only
            if isinstance(editor, NotesEdit | LineEdit):
                editor.setReadOnly(fixed)
            else:
                editor.setEnabled(not fixed)

    # -- messages --------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.hide()
        self.error_label.clear()

    def focus_first(self) -> None:
        if self.fields:
            self.editors[self.fields[0].name].setFocus(Qt.FocusReason.OtherFocusReason)
