"""The mandatory documented information: every record the standard's clauses require, with
the document (or register) that covers it, or a gap; and, for each, a way to close it: name an
existing document as holding the record, or go to the clause.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.documented_information import Coverage, MandatoryRecord
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import DOCUMENT
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.theme import status_colours
from aims_desktop.gui.widgets.fields import plain_label, set_muted, set_point_size
from aims_desktop.gui.widgets.fitted_table import FittedTable
from aims_desktop.gui.widgets.flow import FlowLayout
from aims_desktop.gui.widgets.link_picker import LinkPicker
from aims_desktop.gui.widgets.plain_text import show_message
from aims_desktop.gui.widgets.refresh import RefreshWhenShown
from aims_desktop.services import registers, views
from aims_desktop.services.errors import UserFacingError

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

KEY = "mandatory-records"
"""The view's key in the Registers section (navigation target "register:mandatory-records")."""


class MandatoryRecordsPage(RefreshWhenShown):
    """Signals:
    navigateRequested(str): go to a clause or a document.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("view_mandatory_records")
        self.context = context
        self.entries: list[MandatoryRecord] = []
        self._stale = True
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        title = plain_label(self.tr("Mandatory documented information"))
        set_point_size(title, 1.45, bold=True)
        layout.addWidget(title)
        about = plain_label(
            self.tr(
                "Every record that the clauses of ISO/IEC 42001 require you to keep, each once. "
                "A record is covered by an approved document that names it under “Records it "
                "holds”, or by a register of AIMS Desktop that holds such records. Records "
                "that are good practice, not required, are marked in each clause's "
                "requirements."
            )
        )
        set_muted(about)
        layout.addWidget(about)
        self.summary = plain_label()
        self.summary.setObjectName("mandatorySummary")
        layout.addWidget(self.summary)
        self.table = FittedTable(body)
        self.table.setColumnCount(4)
        self.table.setObjectName("mandatoryTable")
        self.table.setAccessibleName(self.tr("Mandatory documented information"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Clause"), self.tr("Required record"), self.tr("Covered by"), self.tr("State")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.go_to_clause())
        layout.addWidget(self.table)
        buttons = FlowLayout()
        self.link_button = QPushButton(self.tr("Name the document that holds it…"), body)
        self.link_button.setObjectName("nameDocument")
        self.link_button.clicked.connect(self.name_document)
        self.clause_button = QPushButton(self.tr("Go to the clause"), body)
        self.clause_button.setObjectName("goToClause")
        self.clause_button.clicked.connect(self.go_to_clause)
        self.documents_button = QPushButton(self.tr("Open the document register"), body)
        self.documents_button.clicked.connect(
            lambda: self.navigateRequested.emit(f"register:{DOCUMENT}")
        )
        for button in (self.link_button, self.clause_button, self.documents_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        context.changed.connect(self.register_changed)
        context.sessionChanged.connect(self.register_changed)
        self.reload()

    def reload(self) -> None:
        session = self.context.session
        self.entries = views.mandatory(session) if session is not None else []
        self._stale = False
        colours = status_colours(self.palette())
        selected = self.selected()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            names = [
                d.label + ("" if d.approved else f" ({d.status or self.tr('not approved')})")
                for d in entry.documents
            ]
            if entry.register:
                names.append(
                    self.tr("%1 register (%2 records)")
                    .replace("%1", REGISTERS[entry.register].plural)
                    .replace("%2", str(entry.register_records))
                )
            also = (
                self.tr(" (also under %1)").replace("%1", ", ".join(entry.also_listed_under))
                if entry.also_listed_under
                else ""
            )
            cells = [
                entry.record.required_by or "",
                entry.record.text + also,
                "; ".join(names) or "—",
                entry.coverage.label,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(RECORD_ROLE, entry.record.id)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            state = self.table.item(row, 3)
            if entry.coverage is Coverage.GAP:
                state.setForeground(colours["not_met"])
                font = state.font()
                font.setBold(True)
                state.setFont(font)
            elif entry.coverage is Coverage.DRAFT:
                state.setForeground(colours["partially_met"])
        self.table.refit()
        covered = sum(1 for e in self.entries if e.coverage.covered)
        self.summary.setText(
            self.tr("%1 of %2 required records are covered.")
            .replace("%1", str(covered))
            .replace("%2", str(len(self.entries)))
        )
        if selected is not None:
            self.select(selected.record.id)
        self._update_buttons()

    def select(self, record_id: str) -> bool:
        for row, entry in enumerate(self.entries):
            if entry.record.id == record_id:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> MandatoryRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return self.entries[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.link_button.setEnabled(chosen)
        self.clause_button.setEnabled(chosen)

    def go_to_clause(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.navigateRequested.emit(entry.record.required_by or entry.record.item_id)

    def ask(self, picker: LinkPicker) -> bool:
        """Show the picker (tests replace this)."""
        return picker.exec() == QDialog.DialogCode.Accepted

    def name_document(self) -> None:
        """Name a document of the register as holding the selected record."""
        entry = self.selected()
        session = self.context.session
        if entry is None or session is None:
            return
        spec = REGISTERS[DOCUMENT]
        choices = [(d.id, spec.label(d)) for d in registers.records(session, DOCUMENT)]
        picker = LinkPicker(
            self.tr("Which document holds “%1”?").replace("%1", entry.record.text),
            choices,
            {d.id for d in entry.documents},
            self,
        )
        if not self.ask(picker):
            return
        for document_id in picker.chosen():
            try:
                self.context.apply(
                    lambda s, d=document_id: registers.link(
                        s, DOCUMENT, d, "records", entry.record.id
                    )
                )
            except UserFacingError as error:
                show_message(self, self.tr("Could not name the document"), str(error))
                return
        self.reload()
