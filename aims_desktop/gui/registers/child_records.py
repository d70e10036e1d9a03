"""The records that belong to the record a register page shows: a document's versions, an
objective's progress, an impact assessment's impacts, a person's training.

Built from the child register's declaration, like the page itself: a small table of its list
columns (never scrolling sideways, never scrolling inside the page), Add and Delete, and the
selected record's form and links below it. Every change is one service call, one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.fields import FieldKind, FieldSpec, RegisterRecord
from aims_desktop.domain.registers import RegisterSpec
from aims_desktop.domain.registers.spec import display
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers.links_panel import LinksPanel
from aims_desktop.gui.registers.record_form import RecordForm
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import plain_label, set_muted, set_point_size
from aims_desktop.gui.widgets.fitted_table import FittedTable
from aims_desktop.gui.widgets.flow import FlowLayout
from aims_desktop.gui.widgets.plain_text import show_message
from aims_desktop.services import registers
from aims_desktop.services.errors import UserFacingError

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChildRecordsPanel(QWidget):
    """The child records of one register for the record shown.

    Signals:
        navigateRequested(str): go to something a child record links to.
    """

    navigateRequested = Signal(str)

    def __init__(
        self, context: ProjectContext, spec: RegisterSpec, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.spec = spec
        self.parent_id: str | None = None
        self.setObjectName(f"children_{spec.key}")
        self._records: list[RegisterRecord] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(4)
        self.title = plain_label(spec.plural)
        set_point_size(self.title, 1.1, bold=True)
        layout.addWidget(self.title)
        self.empty_label = plain_label(
            self.tr("None yet.") + (" " + spec.description if spec.description else "")
        )
        set_muted(self.empty_label)
        layout.addWidget(self.empty_label)
        self.columns: list[FieldSpec] = [spec.field(name) for name in spec.columns]
        self.table = FittedTable(self)
        self.table.setColumnCount(len(self.columns))
        self.table.setObjectName(f"childTable_{spec.key}")
        self.table.setAccessibleName(spec.plural)
        self.table.setHorizontalHeaderLabels([f.title for f in self.columns])
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        self.buttons = FlowLayout()
        self.add_button = QPushButton(self.add_text(), self)
        self.add_button.setObjectName(f"add_{spec.key}")
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName(f"delete_{spec.key}")
        self.delete_button.setAccessibleName(
            self.tr("Delete the selected %1").replace("%1", registers.in_sentence(spec.title))
        )
        self.delete_button.clicked.connect(self.delete_selected)
        for button in self.leading_buttons():
            self.buttons.addWidget(button)
        self.buttons.addWidget(self.add_button)
        self.add_extra_buttons()
        self.buttons.addWidget(self.delete_button)
        layout.addLayout(self.buttons)
        self.error_label = plain_label()
        self.error_label.setObjectName("formError")
        self.error_label.hide()
        self.form = RecordForm(spec.fields, self, people=self._people, guide=spec.guide)
        self.form.setObjectName(f"childForm_{spec.key}")
        self.form.fieldCommitted.connect(self._field_committed)
        self.form.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.form)
        self.links: LinksPanel | None = None
        if spec.link_fields:
            self.links = LinksPanel(
                spec.fields,
                link=self._link,
                unlink=self._unlink,
                choices=self._choices,
                parent=self,
            )
            self.links.navigateRequested.connect(self.navigateRequested)
            layout.addWidget(self.links)
        context.changed.connect(self._project_changed)
        self._update()

    # -- for subclasses ----------------------------------------------------------------------

    def add_text(self) -> str:
        return self.tr("Add %1").replace("%1", registers.in_sentence(self.spec.title))

    def leading_buttons(self) -> list[QPushButton]:
        """Subclasses' buttons that come before Add (what people come to the panel for)."""
        return []

    def add_extra_buttons(self) -> None:
        """Subclasses add their own buttons to `self.buttons` here, after Add."""

    def selection_changed(self, record: RegisterRecord | None) -> None:
        """Subclasses enable their own buttons here."""

    def new_values(self) -> dict[str, Any]:
        """The values of a record added with Add: a provisional name in each required line of
        text, today in each date a new record needs."""
        values: dict[str, Any] = {}
        for field in self.spec.fields:
            if field.kind is FieldKind.TEXT and field.required and not field.read_only:
                values[field.name] = self.tr("New %1").replace(
                    "%1", registers.in_sentence(self.spec.title)
                )
            if field.kind is FieldKind.DATE and (
                field.required or field.name in self.spec.extra.get("today", ())
            ):
                session = self.context.session
                values[field.name] = session.today() if session else date.today()
        return values

    # -- showing -----------------------------------------------------------------------------

    def show_parent(self, parent_id: str | None) -> None:
        if parent_id != self.parent_id:
            self.form.clear_error()
        self.parent_id = parent_id
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        session = self.context.session
        current = keep or self.selected_id()
        self._records = (
            registers.records(session, self.spec.key, parent_id=self.parent_id)
            if session is not None and self.parent_id is not None
            else []
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            for column, field in enumerate(self.columns):
                item = QTableWidgetItem(self._cell(field, getattr(record, field.name)))
                item.setData(ID_ROLE, record.id)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.refit()
        rows = [r for r, rec in enumerate(self._records) if rec.id == current]
        if rows:
            self.table.selectRow(rows[0])
        elif self._records:
            self.table.selectRow(len(self._records) - 1)  # the newest
        self._update()

    @staticmethod
    def _cell(field: FieldSpec, value: Any) -> str:
        if field.kind is FieldKind.DATE and isinstance(value, date):
            return format_date(value)
        return display(field, value)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return str(item.data(ID_ROLE)) if item is not None else None

    def selected(self) -> RegisterRecord | None:
        wanted = self.selected_id()
        return next((r for r in self._records if r.id == wanted), None)

    def _selection_changed(self) -> None:
        self.form.clear_error()
        self._update()

    def _update(self) -> None:
        record = self.selected()
        has_parent = self.parent_id is not None
        self.table.setVisible(bool(self._records))
        self.empty_label.setVisible(not self._records)
        self.add_button.setEnabled(has_parent)
        self.delete_button.setEnabled(record is not None)
        self.form.setVisible(record is not None)
        if self.links is not None:
            self.links.setVisible(record is not None)
        if record is not None:
            self.form.show_values(record.model_dump())
            if self.links is not None and self.context.session is not None:
                found = registers.links_of(self.context.session, self.spec.key, record.id)
                self.links.show_links(
                    [
                        (f.name, [(t.register, t.id, t.label) for t in targets])
                        for f, targets in found.outgoing
                    ],
                    [(i.register, i.id, i.label) for i in found.incoming],
                )
        self.selection_changed(record)

    def _project_changed(self, change_set: object) -> None:
        if not isinstance(change_set, ChangeSet) or self.parent_id is None:
            return
        if any(c.entity == self.spec.key for c in change_set.changes):
            self.reload()

    def _people(self) -> list[str]:
        session = self.context.session
        return registers.people(session) if session is not None else []

    # -- edits -------------------------------------------------------------------------------

    def apply(self, operation: Callable[[Any], ChangeSet]) -> ChangeSet | None:
        try:
            change_set = self.context.apply(operation)
        except UserFacingError as error:
            self.form.show_error(str(error))
            if not self.form.isVisible():
                show_message(self, self.spec.plural, str(error))
            return None
        self.form.clear_error()
        return change_set

    def add(self) -> None:
        parent_id = self.parent_id
        if parent_id is None:
            return
        values = self.new_values()
        change = self.apply(lambda s: registers.add(s, self.spec.key, values, parent_id=parent_id))
        if change is not None:
            self.reload(keep=change.changes[0].entity_id)
            self.form.focus_first()

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.apply(lambda s: registers.delete(s, self.spec.key, record_id))

    def _field_committed(self, name: str, value: object) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        result = self.apply(lambda s: registers.edit(s, self.spec.key, record_id, **{name: value}))
        if result is None:
            self.form.refused(name)

    def _link(self, field: str, target_ids: list[str]) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.apply(lambda s: registers.link(s, self.spec.key, record_id, field, target_ids))

    def _unlink(self, field: str, target_ids: list[str]) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.apply(lambda s: registers.unlink(s, self.spec.key, record_id, field, target_ids))

    def _choices(self, field: FieldSpec) -> list[tuple[str, str]]:
        session = self.context.session
        if session is None:
            return []
        return [(t.id, t.label) for t in registers.link_targets(session, field)]
