"""The Certification section: is the organisation ready for Stage 1, and where is it in the
three-year cycle?

The Stage 1 checklist and the cycle are computed from the project (domain/stage1.py and
domain/certification.py); every line is a link to where it is put right. The dates of the cycle
are the certification audits the user records in their register.

Contract with the main window: `CertificationPage(context, parent)`, `show_item(target)` and the
signal below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.certification import MilestoneState
from aims_desktop.domain.registers.keys import CERTIFICATION_AUDIT
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.theme import status_colours
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import LinkButton, plain_label, set_muted, set_point_size
from aims_desktop.gui.widgets.plain_text import plain_tooltip

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1

_STATE_TONES = {
    MilestoneState.DONE: "met",
    MilestoneState.PLANNED: "",
    MilestoneState.TO_RECORD: "partially_met",
    MilestoneState.DUE: "partially_met",
    MilestoneState.OVERDUE: "not_met",
    MilestoneState.LATER: "",
}


class _Table(QTableWidget):
    """As tall as its rows: the page scrolls, never the table."""

    def fit(self) -> None:
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth() + 2
        self.setFixedHeight(height)


class CertificationPage(QWidget):
    """Signals:
    navigateRequested(str): go to where a checklist item or an audit of the cycle is dealt with.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificationPage")
        self.context = context
        self._stale = True
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Certification"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        line = self.fontMetrics().height()
        layout.setContentsMargins(int(line * 1.6), int(line * 1.2), int(line * 1.6), line)
        layout.setSpacing(int(line * 0.5))
        self.body = body

        title = plain_label(self.tr("Certification"))
        set_point_size(title, 1.6, bold=True)
        layout.addWidget(title)
        intro = plain_label(
            self.tr(
                "Before a certification body audits you, it checks in a Stage 1 audit that the "
                "management system is in place on paper and in records. The checklist below "
                "says what it will look for and what is still missing; the cycle shows the "
                "audits that follow certification, with the dates you record."
            )
        )
        set_muted(intro)
        layout.addWidget(intro)

        layout.addWidget(self._heading(self.tr("Stage 1 readiness")))
        self.summary = plain_label()
        self.summary.setObjectName("stage1Summary")
        layout.addWidget(self.summary)
        self.checklist = QVBoxLayout()
        self.checklist.setSpacing(int(line * 0.4))
        layout.addLayout(self.checklist)
        self._rows: list[QWidget] = []

        layout.addWidget(self._heading(self.tr("The three-year cycle")))
        self.cycle_note = plain_label()
        set_muted(self.cycle_note)
        layout.addWidget(self.cycle_note)
        self.cycle = _Table(0, 4, body)
        self.cycle.setObjectName("cycleTable")
        self.cycle.setAccessibleName(self.tr("The certification cycle"))
        self.cycle.setHorizontalHeaderLabels(
            [self.tr("Audit"), self.tr("Due by"), self.tr("Date"), self.tr("Where it stands")]
        )
        self.cycle.verticalHeader().hide()
        self.cycle.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cycle.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cycle.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cycle.setWordWrap(True)
        self.cycle.setTabKeyNavigation(False)
        self.cycle.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cycle.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cycle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.cycle.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_a: self.cycle.fit())
        self.cycle.activated.connect(lambda index: self._go_row(index.row()))
        self.cycle.clicked.connect(lambda index: self._go_row(index.row()))
        layout.addWidget(self.cycle)
        self.reminders = plain_label()
        self.reminders.setObjectName("cycleReminders")
        layout.addWidget(self.reminders)
        self.audits_button = QPushButton(self.tr("Record a certification audit…"), body)
        self.audits_button.setObjectName("certificationAudits")
        self.audits_button.clicked.connect(
            lambda: self.navigateRequested.emit(f"register:{CERTIFICATION_AUDIT}")
        )
        row = QHBoxLayout()
        row.addWidget(self.audits_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

        context.changed.connect(self._changed)
        context.sessionChanged.connect(self._changed)

    def _heading(self, text: str) -> QLabel:
        label = plain_label(text)
        set_point_size(label, 1.2, bold=True)
        label.setContentsMargins(0, int(self.fontMetrics().height() * 0.6), 0, 0)
        return label

    def _changed(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def show_item(self, _target: str) -> None:
        self.refresh()

    # -- content ---------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.context.session
        if session is None:
            return
        self._stale = False
        from aims_desktop.services import evaluation

        snapshot = evaluation.project_snapshot(session)
        from aims_desktop.domain.certification import cycle_of, reminders
        from aims_desktop.domain.stage1 import stage1_readiness

        self._fill_checklist(stage1_readiness(snapshot))
        cycle = cycle_of(snapshot)
        self._fill_cycle(cycle)
        found = reminders(cycle, snapshot.today)
        self.reminders.setText("\n".join(f"•  {r.message}" for r in found))
        self.reminders.setVisible(bool(found))

    def _fill_checklist(self, items: list) -> None:  # type: ignore[type-arg]
        for row in self._rows:
            self.checklist.removeWidget(row)
            row.deleteLater()
        self._rows = []
        done = sum(1 for i in items if i.done)
        self.summary.setText(
            self.tr("%1 of %2 checks pass.").replace("%1", str(done)).replace("%2", str(len(items)))
            + (" " + self.tr("Ready for Stage 1.") if done == len(items) else "")
        )
        colours = status_colours(self.palette())
        for item in items:
            row = QFrame(self.body)
            row.setObjectName(f"check_{item.key}")
            row.setFrameShape(QFrame.Shape.StyledPanel)
            layout = QHBoxLayout(row)
            line = self.fontMetrics().height()
            layout.setContentsMargins(line // 2, line // 3, line // 2, line // 3)
            state = plain_label(self.tr("Done") if item.done else self.tr("To do"), wrap=False)
            state.setObjectName("checkState")
            tone = colours["met" if item.done else "not_met"]
            state.setStyleSheet(f"color: {tone.name()}; font-weight: bold;")
            state.setMinimumWidth(self.fontMetrics().horizontalAdvance("To do") + line // 2)
            layout.addWidget(state, 0, Qt.AlignmentFlag.AlignTop)
            text = QVBoxLayout()
            text.setSpacing(2)
            title = plain_label(item.title)
            set_point_size(title, 1.0, bold=True)
            detail = plain_label(item.detail)
            if item.done:
                set_muted(detail)
            text.addWidget(title)
            text.addWidget(detail)
            layout.addLayout(text, 1)
            go = LinkButton(self.tr("Go there"), item.target)
            go.setObjectName("checkGo")
            go.setAccessibleName(self.tr("Go to: %1").replace("%1", item.title))
            go.clicked.connect(lambda _c=False, t=item.target: self.navigateRequested.emit(t))
            layout.addWidget(go, 0, Qt.AlignmentFlag.AlignTop)
            self.checklist.addWidget(row)
            self._rows.append(row)

    def _fill_cycle(self, cycle: object) -> None:
        from aims_desktop.domain.certification import CertificationCycle

        assert isinstance(cycle, CertificationCycle)
        if cycle.certified_on is not None and cycle.expires_on is not None:
            self.cycle_note.setText(
                self.tr("Certified on %1; the certificate runs until %2.")
                .replace("%1", format_date(cycle.certified_on))
                .replace("%2", format_date(cycle.expires_on))
            )
        else:
            self.cycle_note.setText(
                self.tr(
                    "Not certified yet. Record the Stage 1 and Stage 2 audits once they are "
                    "booked; the surveillance and recertification dates follow from the Stage 2 "
                    "audit."
                )
            )
        colours = status_colours(self.palette())
        table = self.cycle
        table.setRowCount(len(cycle.milestones))
        for row, milestone in enumerate(cycle.milestones):
            record = milestone.record
            day = milestone.day if record is not None else None
            held = record is not None and record.held_on is not None
            when = ""
            if day is not None:
                when = (self.tr("held %1") if held else self.tr("planned for %1")).replace(
                    "%1", format_date(day)
                )
            state = milestone.state.label
            if not cycle.certified and milestone.state is MilestoneState.LATER:
                state = self.tr("After certification")
            cells = [
                milestone.title,
                format_date(milestone.due_by) if milestone.due_by else "—",
                when or "—",
                state,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(TARGET_ROLE, milestone.target)
                cell.setToolTip(plain_tooltip(text))
                if column == 3 and _STATE_TONES[milestone.state]:
                    cell.setForeground(colours[_STATE_TONES[milestone.state]])
                table.setItem(row, column, cell)
        table.fit()

    def _go_row(self, row: int) -> None:
        item = self.cycle.item(row, 0)
        if item is not None:
            self.navigateRequested.emit(str(item.data(TARGET_ROLE) or ""))
