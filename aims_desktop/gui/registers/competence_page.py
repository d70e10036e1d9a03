"""The competence matrix (7.2): people down the side, the competences their roles need across
the top; a gap says "Needed" (with any planned training), and the training due is listed
underneath. Built from the People, Roles, Competences and Training registers; a person opens in
the People register with a double-click or Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QTableWidgetItem, QVBoxLayout, QWidget

from aims_desktop.domain.competence import CellState, CompetenceMatrix
from aims_desktop.domain.registers.keys import COMPETENCE, PERSON
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.theme import status_colours
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import plain_label, set_muted, set_point_size
from aims_desktop.gui.widgets.fitted_table import FittedTable
from aims_desktop.gui.widgets.refresh import RefreshWhenShown
from aims_desktop.services import registers, views

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1

KEY = "competence-matrix"


def _table(parent: QWidget, name: str) -> FittedTable:
    table = FittedTable(parent)
    table.setObjectName(name)
    return table


class CompetencePage(RefreshWhenShown):
    """Signals:
    navigateRequested(str): open a person in the People register.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("view_competence_matrix")
        self.context = context
        self.matrix: CompetenceMatrix | None = None
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
        title = plain_label(self.tr("Competence matrix"))
        set_point_size(title, 1.45, bold=True)
        layout.addWidget(title)
        about = plain_label(
            self.tr(
                "Each person against the competences their roles need. “Has it”: a completed "
                "training, qualification or experience gives it and has not lapsed. "
                "“Needed”: a gap, with any training planned for it. Record training on a "
                "person in People and training; set what a role needs in Roles."
            )
        )
        set_muted(about)
        layout.addWidget(about)
        self.summary = plain_label()
        self.summary.setObjectName("competenceSummary")
        layout.addWidget(self.summary)
        self.legend = plain_label()
        self.legend.setObjectName("competenceLegend")
        set_muted(self.legend)
        layout.addWidget(self.legend)
        self.table = _table(body, "competenceTable")
        self.table.first_column_share = 0.3
        self.table.setAccessibleName(self.tr("Competence matrix"))
        self.table.itemActivated.connect(self._open_person)
        layout.addWidget(self.table)
        self.due_title = plain_label(self.tr("Training due"))
        set_point_size(self.due_title, 1.1, bold=True)
        layout.addWidget(self.due_title)
        self.due = _table(body, "trainingDue")
        self.due.setAccessibleName(self.tr("Training due"))
        self.due.setColumnCount(3)
        self.due.setHorizontalHeaderLabels([self.tr("Person"), self.tr("Training"), self.tr("Due")])
        self.due.itemActivated.connect(self._open_person)
        layout.addWidget(self.due)
        layout.addStretch(1)
        context.changed.connect(self.register_changed)
        context.sessionChanged.connect(self.register_changed)
        self.reload()

    def reload(self) -> None:
        session = self.context.session
        self._stale = False
        if session is None:
            return
        matrix = self.matrix = views.matrix(session)
        colours = status_colours(self.palette())
        self.table.clear()
        self.table.setColumnCount(1 + len(matrix.competences))
        refs = {c.id: (c.ref or c.name) for c in registers.records(session, COMPETENCE)}  # type: ignore[attr-defined]
        self.table.setHorizontalHeaderLabels(
            [self.tr("Person"), *(refs.get(i, name) for i, name in matrix.competences)]
        )
        for column, (_competence_id, name) in enumerate(matrix.competences, start=1):
            header = self.table.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(name)
        self.legend.setText(
            "\n".join(f"{refs.get(i, name)}: {name}" for i, name in matrix.competences)
        )
        self.table.setRowCount(len(matrix.rows))
        words = {
            CellState.HELD: self.tr("Has it"),
            CellState.RENEW: self.tr("Has it; renew"),
            CellState.EXTRA: self.tr("Has it (not needed)"),
            CellState.GAP: self.tr("Needed"),
            CellState.NONE: "",
        }
        for row, person in enumerate(matrix.rows):
            name = QTableWidgetItem(f"{person.person}\n{', '.join(person.roles)}".strip())
            name.setData(PERSON_ROLE, person.person_id)
            self.table.setItem(row, 0, name)
            for column, (competence_id, competence) in enumerate(matrix.competences, start=1):
                entry = person.cells.get(competence_id)
                state = entry.state if entry is not None else CellState.NONE
                text = words[state]
                if entry is not None and entry.note:
                    text += f"\n{entry.note}"
                item = QTableWidgetItem(text)
                item.setData(PERSON_ROLE, person.person_id)
                item.setToolTip(
                    f"{person.person}: {competence}. {entry.state.label if entry else ''}"
                )
                if state is CellState.GAP:
                    item.setForeground(colours["not_met"])
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                elif state is CellState.RENEW:
                    item.setForeground(colours["partially_met"])
                self.table.setItem(row, column, item)
        self.table.refit()
        self.due.setRowCount(len(matrix.due))
        for row, due in enumerate(matrix.due):
            when = format_date(due.due)
            if due.overdue:
                when = self.tr("%1 (overdue)").replace("%1", when)
            kind = self.tr("renewal") if due.renewal else self.tr("planned")
            for column, text in enumerate((due.person, f"{due.training} ({kind})", when)):
                item = QTableWidgetItem(text)
                item.setData(PERSON_ROLE, due.person_id)
                if due.overdue and column == 2:
                    item.setForeground(colours["not_met"])
                self.due.setItem(row, column, item)
        self.due.refit()
        self.due.setVisible(bool(matrix.due))
        self.due_title.setVisible(bool(matrix.due))
        self.summary.setText(
            self.tr("%1 people · %2 gap(s) · %3 training item(s) due")
            .replace("%1", str(len(matrix.rows)))
            .replace("%2", str(matrix.gap_count))
            .replace("%3", str(len(matrix.due)))
        )

    def _open_person(self, item: QTableWidgetItem) -> None:
        person = item.data(PERSON_ROLE)
        if person:
            self.navigateRequested.emit(f"register:{PERSON}:{person}")
