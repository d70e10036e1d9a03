"""The register pages of clauses 9 and 10 and of the auditor's visit: the generic page plus what
these registers need beyond it.

- Internal audits: the audit programme's coverage above the list; each audit's findings, a
  finding raised into a nonconformity with one click, and the audit report.
- Monitoring: each measure's trend chart and results, a result added with its value and date.
- Management reviews: the inputs drafted from the project with one click, the actions agreed,
  and the minutes.
- AI incidents: an incident raised into a nonconformity.
- Review comments: editable in review mode (they are the reviewer's own records), and a way to
  go to what a comment is about.

The child records (findings, results, actions) are listed by `ChildRecordsPanel`, a small
interim table kept to these pages; the register page's own list of child records replaces it
once the framework has one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.fields import FieldKind, FieldSpec, RegisterRecord
from aims_desktop.domain.registers import REGISTERS, RegisterSpec
from aims_desktop.domain.registers.keys import (
    AI_INCIDENT,
    AUDIT_FINDING,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
    MEASUREMENT_RESULT,
    MONITORING_MEASURE,
    REVIEW_ACTION,
    REVIEW_COMMENT,
)
from aims_desktop.domain.registers.spec import display
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers.links_panel import LinksPanel
from aims_desktop.gui.registers.record_form import RecordForm
from aims_desktop.gui.registers.register_page import RegisterPage
from aims_desktop.gui.registers.trend_chart import TrendChart
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import (
    DateEdit,
    LineEdit,
    LinkButton,
    plain_label,
    set_muted,
    set_point_size,
)
from aims_desktop.gui.widgets.flow import FlowLayout, flow_row
from aims_desktop.gui.widgets.plain_text import plain_tooltip
from aims_desktop.gui.widgets.review_box import Frozen, freeze_inputs, thaw_inputs
from aims_desktop.services import registers
from aims_desktop.services.errors import UserFacingError

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChildRecordsPanel(QWidget):
    """The child records of one parent record: a table, Add and Delete, and the selected child's
    form and links. Every edit is one service call through the context.

    Signals:
        currentChanged(str): the selected child's id ("" for none).
        navigateRequested(str): a link of the child was followed.
    """

    currentChanged = Signal(str)
    navigateRequested = Signal(str)

    def __init__(
        self,
        context: ProjectContext,
        spec: RegisterSpec,
        title: str,
        new_values: Callable[[], dict[str, Any]] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"children_{spec.key}")
        self.context = context
        self.spec = spec
        self.parent_id: str | None = None
        self._new_values = new_values
        self._records: list[RegisterRecord] = []
        self._frozen: Frozen = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(6)
        self.title = plain_label(title)
        set_point_size(self.title, 1.1, bold=True)
        layout.addWidget(self.title)
        self.columns = [spec.field(name) for name in spec.columns]
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"table_{spec.key}")
        self.table.setAccessibleName(spec.plural)
        self.table.setHorizontalHeaderLabels([f.title for f in self.columns])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)  # one line a row: the form below has the full text
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        wide = next((n for n, f in enumerate(self.columns) if f.kind is FieldKind.TEXT
                     and f.name != "ref"), 0)  # fmt: skip
        header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_a: self._show_current())
        layout.addWidget(self.table)
        self.empty = plain_label()
        set_muted(self.empty)
        layout.addWidget(self.empty)
        self.buttons = FlowLayout()
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName(f"add_{spec.key}")
        self.add_button.setAccessibleName(
            self.tr("Add %1").replace("%1", registers.in_sentence(spec.title))
        )
        self.add_button.clicked.connect(lambda _c=False: self.add())
        self.add_button.setVisible(new_values is not None)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName(f"delete_{spec.key}")
        self.delete_button.setAccessibleName(
            self.tr("Delete the selected %1").replace("%1", registers.in_sentence(spec.title))
        )
        self.delete_button.clicked.connect(self.delete_current)
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.delete_button)
        buttons = QWidget(self)
        buttons.setLayout(self.buttons)
        layout.addWidget(buttons)
        self.detail = QWidget(self)
        column = QVBoxLayout(self.detail)
        column.setContentsMargins(12, 4, 0, 0)
        self.detail_title = plain_label()
        set_point_size(self.detail_title, 1.0, bold=True)
        column.addWidget(self.detail_title)
        self.form = RecordForm(spec.fields, self.detail, people=self._people)
        self.form.fieldCommitted.connect(self._committed)
        column.addWidget(self.form)
        self.links: LinksPanel | None = None
        if spec.link_fields:
            self.links = LinksPanel(
                spec.fields,
                link=self._link,
                unlink=self._unlink,
                choices=self._choices,
                parent=self.detail,
            )
            self.links.navigateRequested.connect(self.navigateRequested)
            column.addWidget(self.links)
        layout.addWidget(self.detail)
        context.changed.connect(self._changed)
        self.set_parent(None)

    # -- reading ---------------------------------------------------------------------------

    def set_parent(self, parent_id: str | None) -> None:
        changed = parent_id != self.parent_id
        self.parent_id = parent_id
        self.reload(keep=None if changed else self.current_id())

    def _changed(self, change_set: object) -> None:
        if isinstance(change_set, ChangeSet) and any(
            c.entity == self.spec.key for c in change_set.changes
        ):
            self.reload(keep=self.current_id())

    def records(self) -> list[RegisterRecord]:
        return list(self._records)

    def reload(self, keep: str | None = None) -> None:
        session = self.context.session
        if session is None or self.parent_id is None:
            self._records = []
        else:
            found = registers.records(session, self.spec.key, parent_id=self.parent_id)
            sort, descending = self.spec.sort
            if sort:
                found.sort(key=lambda r: _sort_key(getattr(r, sort)), reverse=descending)
            self._records = found
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            for column, field in enumerate(self.columns):
                text = _cell(field, getattr(record, field.name))
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, record.id)
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._fit()
        self.table.setVisible(bool(self._records))
        self.empty.setText(
            self.tr("No %1 yet.").replace("%1", registers.in_sentence(self.spec.plural))
        )
        self.empty.setVisible(not self._records)
        row = next((n for n, r in enumerate(self._records) if r.id == keep), 0)
        if self._records:
            self.table.setCurrentCell(row, 0)
        self._show_current()

    def _fit(self) -> None:
        """As tall as its rows: the detail pane scrolls, never the table."""
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows + 2 * self.table.frameWidth() + 2)

    def current_id(self) -> str | None:
        row = self.table.currentRow()
        if 0 <= row < len(self._records):
            return self._records[row].id
        return None

    def current(self) -> RegisterRecord | None:
        row = self.table.currentRow()
        return self._records[row] if 0 <= row < len(self._records) else None

    def select(self, child_id: str) -> bool:
        for row, record in enumerate(self._records):
            if record.id == child_id:
                self.table.setCurrentCell(row, 0)
                return True
        return False

    def _show_current(self) -> None:
        record = self.current()
        self.detail.setVisible(record is not None)
        editable = not self.context.review_mode
        self.delete_button.setEnabled(record is not None and editable)
        self.add_button.setEnabled(self.parent_id is not None and editable)
        if record is not None:
            self.detail_title.setText(self.spec.label(record))
            self.form.clear_error()
            self.form.show_values(record.model_dump())
            session = self.context.session
            if self.links is not None and session is not None:
                found = registers.links_of(session, self.spec.key, record.id)
                self.links.show_links(
                    [
                        (f.name, [(t.register, t.id, t.label) for t in targets])
                        for f, targets in found.outgoing
                    ],
                    [(i.register, i.id, i.label) for i in found.incoming],
                )
        self.currentChanged.emit(record.id if record is not None else "")

    def _people(self) -> list[str]:
        session = self.context.session
        return registers.people(session) if session is not None else []

    # -- editing ---------------------------------------------------------------------------

    def apply(self, operation: Callable[[Any], ChangeSet]) -> ChangeSet | None:
        try:
            change_set = self.context.apply(operation)
        except UserFacingError as error:
            self.form.show_error(str(error))
            self.detail.setVisible(True)
            return None
        self.form.clear_error()
        return change_set

    def add(self, values: dict[str, Any] | None = None) -> str | None:
        parent = self.parent_id
        if parent is None:
            return None
        wanted = values if values is not None else (self._new_values or dict)()
        change = self.apply(lambda s: registers.add(s, self.spec.key, wanted, parent_id=parent))
        if not change:
            return None
        new_id = change.changes[0].entity_id
        self.reload(keep=new_id)
        return new_id

    def delete_current(self) -> None:
        child = self.current_id()
        if child is not None:
            self.apply(lambda s: registers.delete(s, self.spec.key, child))

    def _committed(self, name: str, value: object) -> None:
        child = self.current_id()
        if child is None:
            return
        if self.apply(lambda s: registers.edit(s, self.spec.key, child, **{name: value})) is None:
            self.form.refused(name)

    def _link(self, field: str, ids: list[str]) -> None:
        child = self.current_id()
        if child is not None:
            self.apply(lambda s: registers.link(s, self.spec.key, child, field, ids))

    def _unlink(self, field: str, ids: list[str]) -> None:
        child = self.current_id()
        if child is not None:
            self.apply(lambda s: registers.unlink(s, self.spec.key, child, field, ids))

    def _choices(self, field: FieldSpec) -> list[tuple[str, str]]:
        session = self.context.session
        if session is None:
            return []
        return [(t.id, t.label) for t in registers.link_targets(session, field)]

    def set_read_only(self, read_only: bool) -> None:
        self.form.set_read_only(read_only)
        if read_only and not self._frozen and self.links is not None:
            self._frozen = freeze_inputs(self.links)
        elif not read_only and self._frozen:
            thaw_inputs(self._frozen)
            self._frozen = []
        self._show_current()


def _cell(field: FieldSpec, value: Any) -> str:
    if isinstance(value, date):
        return format_date(value)
    text = display(field, value)
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= 120 else first[:119] + "…"


def _sort_key(value: Any) -> Any:
    if value is None:
        return (1, "")
    if isinstance(value, date):
        return (0, value.isoformat())
    return (0, str(getattr(value, "value", value)).casefold())


class EvaluationPage(RegisterPage):
    """A register page with room for more in its detail pane.

    Signals:
        reportRequested(str, str): make the report of this kind ("internal-audit",
            "management-review") for the record with this reference.
    """

    def _build_detail(self) -> QWidget:
        scroll = super()._build_detail()
        self._extend_detail()
        return scroll

    def _extend_detail(self) -> None:
        """Add widgets to the detail pane with `insert_detail` (called while it is built)."""

    def insert_detail(self, widget: QWidget, *, top: bool = False) -> None:
        """Put `widget` in the detail pane: under the record's title (`top`), or above the
        reviewer's comments. It shows with a record and hides without one."""
        column = self.review_box.parentWidget().layout()
        assert isinstance(column, QVBoxLayout)
        anchor = self.record_title if top else self.review_box
        column.insertWidget(column.indexOf(anchor) + (1 if top else 0), widget)
        self._detail_parts.append(widget)

    def current_record(self) -> RegisterRecord | None:
        session = self.context.session
        if session is None or self._current_id is None:
            return None
        try:
            return registers.record(session, self.spec.key, self._current_id)
        except UserFacingError:
            return None

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: slot())
        return button

    def _run(self, operation: Callable[[Any], ChangeSet]) -> ChangeSet | None:
        return self._apply(operation)

    def _request_report(self, kind: str) -> None:
        record = self.current_record()
        if record is not None:
            self.reportRequested.emit(kind, str(getattr(record, "ref", "")) or record.id)


class InternalAuditPage(EvaluationPage):
    """Internal audits: the programme's coverage, each audit's findings, the audit report."""

    own_children = (AUDIT_FINDING,)

    def __init__(
        self, context: ProjectContext, spec: RegisterSpec, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, spec, parent)
        self.programme = QWidget(self)
        self.programme.setObjectName("auditProgramme")
        column = QVBoxLayout(self.programme)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(2)
        self.programme_label = plain_label()
        self.programme_label.setObjectName("programmeSummary")
        column.addWidget(self.programme_label)
        self.gap_links = FlowLayout()
        holder = QWidget(self.programme)
        holder.setLayout(self.gap_links)
        column.addWidget(holder)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(outer.indexOf(self.splitter), self.programme)
        context.changed.connect(self._programme_changed)
        context.sessionChanged.connect(self.refresh_programme)
        self.refresh_programme()

    def _extend_detail(self) -> None:
        self.report_button = self._button(
            self.tr("Print the audit report…"),
            "auditReportButton",
            lambda: self._request_report("internal-audit"),
        )
        self.insert_detail(flow_row(self.report_button), top=True)
        self.findings = ChildRecordsPanel(
            self.context,
            REGISTERS[AUDIT_FINDING],
            self.tr("Findings"),
            lambda: {"title": self.tr("New finding")},
            self,
        )
        self.raise_button = QPushButton(self.tr("Raise a nonconformity"), self.findings)
        self.raise_button.setObjectName("raiseNonconformity")
        self.raise_button.setToolTip(
            self.tr("Create a nonconformity record for the selected finding and link them")
        )
        self.raise_button.clicked.connect(self.raise_nonconformity)
        self.findings.buttons.addWidget(self.raise_button)
        self.findings.currentChanged.connect(lambda _id: self._update_raise())
        self.findings.navigateRequested.connect(self.navigateRequested)
        self.insert_detail(self.findings)

    def _show_current(self, changed: set[str] | None = None) -> None:
        super()._show_current(changed)
        self.findings.set_parent(self._current_id)

    def _update_raise(self) -> None:
        finding = self.findings.current()
        grade = getattr(finding, "grade", None)
        self.raise_button.setEnabled(
            finding is not None
            and not getattr(finding, "nonconformity", ())
            and not self.context.review_mode
        )
        self.raise_button.setToolTip(
            self.tr("Create a nonconformity record for the selected finding and link them")
            if grade is None or grade.is_nonconformity
            else self.tr("This finding is not a nonconformity; raise one only if it should be")
        )

    def raise_nonconformity(self) -> bool:
        finding = self.findings.current_id()
        if finding is None:
            return False
        from aims_desktop.services import evaluation

        return self.findings.apply(lambda s: evaluation.raise_from_finding(s, finding)) is not None

    def _review_mode_changed(self, _on: bool = False) -> None:
        super()._review_mode_changed(_on)
        self.findings.set_read_only(self.read_only())
        self._update_raise()

    def _programme_changed(self, change_set: object) -> None:
        if isinstance(change_set, ChangeSet) and any(
            c.entity in (INTERNAL_AUDIT, "assessment", "certification_audit")
            for c in change_set.changes
        ):
            self.refresh_programme()

    def refresh_programme(self) -> None:
        session = self.context.session
        while self.gap_links.count():
            item = self.gap_links.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        if session is None:
            self.programme_label.clear()
            return
        from aims_desktop.domain.audit_programme import Coverage
        from aims_desktop.services import evaluation

        coverage = evaluation.programme(session)
        period = coverage.period
        audited = len(coverage.ids(Coverage.AUDITED))
        planned = len(coverage.ids(Coverage.PLANNED))
        missing = coverage.uncovered
        text = (
            self.tr(
                "Audit programme %1 to %2: %3 of %4 clauses and applicable controls audited, "
                "%5 more in planned audits, %6 not covered yet."
            )
            .replace("%1", format_date(period.start))
            .replace("%2", format_date(period.end))
            .replace("%3", str(audited))
            .replace("%4", str(len(coverage.items)))
            .replace("%5", str(planned))
            .replace("%6", str(len(missing)))
        )
        if missing:
            text += " " + self.tr("Not covered:")
        self.programme_label.setText(text)
        shown = missing[:12]
        for item_id in shown:
            link = LinkButton(item_id, item_id)
            link.setToolTip(session.catalog.title_in_context(item_id))
            link.clicked.connect(lambda _c=False, t=item_id: self.navigateRequested.emit(t))
            self.gap_links.addWidget(link)
        if len(missing) > len(shown):
            more = plain_label(
                self.tr("and %1 more").replace("%1", str(len(missing) - len(shown))), wrap=False
            )
            set_muted(more)
            self.gap_links.addWidget(more)


class MonitoringPage(EvaluationPage):
    """Monitoring measures: each measure's trend chart and results."""

    own_children = (MEASUREMENT_RESULT,)

    def _extend_detail(self) -> None:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 10, 0, 0)
        title = plain_label(self.tr("Results over time"))
        set_point_size(title, 1.1, bold=True)
        column.addWidget(title)
        self.chart = TrendChart(box)
        column.addWidget(self.chart)
        self.value_edit = LineEdit(box)
        self.value_edit.setObjectName("resultValue")
        self.value_edit.setAccessibleName(self.tr("New result"))
        self.value_edit.setPlaceholderText(self.tr("Result, such as 12.5"))
        self.value_edit.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("Result, such as 12.5") + 24
        )
        self.value_edit.returnPressed.connect(self.add_result)
        self.date_edit = DateEdit(box)
        self.date_edit.setObjectName("resultDate")
        self.date_edit.setAccessibleName(self.tr("Measured on"))
        self.date_edit.setDate(QDate.currentDate())
        self.add_result_button = QPushButton(self.tr("Add result"), box)
        self.add_result_button.setObjectName("addResult")
        self.add_result_button.clicked.connect(self.add_result)
        column.addWidget(flow_row(self.value_edit, self.date_edit, self.add_result_button))
        self.result_error = plain_label()
        self.result_error.hide()
        column.addWidget(self.result_error)
        self.insert_detail(box, top=True)
        self.results = ChildRecordsPanel(
            self.context, REGISTERS[MEASUREMENT_RESULT], self.tr("Results"), None, self
        )
        self.insert_detail(self.results)
        self.context.changed.connect(self._results_changed)

    def _show_current(self, changed: set[str] | None = None) -> None:
        super()._show_current(changed)
        self.results.set_parent(self._current_id)
        self.refresh_chart()

    def _results_changed(self, change_set: object) -> None:
        if isinstance(change_set, ChangeSet) and any(
            c.entity in (MEASUREMENT_RESULT, MONITORING_MEASURE) for c in change_set.changes
        ):
            self.refresh_chart()

    def refresh_chart(self) -> None:
        session = self.context.session
        record = self.current_record()
        if session is None or record is None:
            self.chart.set_points([], None, "")
            return
        from aims_desktop.domain.monitoring import target_of
        from aims_desktop.services import evaluation

        points = evaluation.measure_trend(session, record.id)
        target = target_of(record)  # type: ignore[arg-type]
        self.chart.set_points(points, target, str(getattr(record, "unit", "")))

    def add_result(self) -> bool:
        measure = self._current_id
        value = self.value_edit.text().strip()
        if measure is None:
            return False
        day = self.date_edit.date().toPython()
        assert isinstance(day, date)
        from aims_desktop.services import evaluation

        try:
            self.context.apply(lambda s: evaluation.add_result(s, measure, value, day))
        except UserFacingError as error:
            self.result_error.setText(str(error))
            self.result_error.show()
            return False
        self.result_error.hide()
        self.value_edit.clear()
        return True

    def _review_mode_changed(self, _on: bool = False) -> None:
        super()._review_mode_changed(_on)
        read_only = self.read_only()
        self.results.set_read_only(read_only)
        for widget in (self.value_edit, self.date_edit, self.add_result_button):
            widget.setEnabled(not read_only)


class ManagementReviewPage(EvaluationPage):
    """Management reviews: inputs drafted from the project, actions, the minutes."""

    own_children = (REVIEW_ACTION,)

    def _extend_detail(self) -> None:
        self.prefill_button = self._button(
            self.tr("Fill in the inputs from the project"), "prefillReview", self.prefill
        )
        self.prefill_button.setToolTip(
            self.tr(
                "Draft each input the review considers from the project's records, since the "
                "previous review. Inputs you have already written in are kept."
            )
        )
        self.minutes_button = self._button(
            self.tr("Print the minutes…"),
            "minutesButton",
            lambda: self._request_report("management-review"),
        )
        self.insert_detail(flow_row(self.prefill_button, self.minutes_button), top=True)
        self.review_actions = ChildRecordsPanel(
            self.context,
            REGISTERS[REVIEW_ACTION],
            self.tr("Actions agreed"),
            lambda: {"action": self.tr("New action")},
            self,
        )
        self.insert_detail(self.review_actions)

    def _show_current(self, changed: set[str] | None = None) -> None:
        super()._show_current(changed)
        self.review_actions.set_parent(self._current_id)

    def prefill(self) -> bool:
        review_id = self._current_id
        if review_id is None:
            return False
        from aims_desktop.services import evaluation

        return self._apply(lambda s: evaluation.prefill_review(s, review_id)) is not None

    def _review_mode_changed(self, _on: bool = False) -> None:
        super()._review_mode_changed(_on)
        self.review_actions.set_read_only(self.read_only())
        self.prefill_button.setEnabled(not self.read_only())


class IncidentPage(EvaluationPage):
    """AI incidents: raise a nonconformity from one."""

    def _extend_detail(self) -> None:
        self.raise_button = self._button(
            self.tr("Raise a nonconformity"), "raiseIncidentNonconformity", self.raise_nc
        )
        self.insert_detail(flow_row(self.raise_button), top=True)

    def _show_current(self, changed: set[str] | None = None) -> None:
        super()._show_current(changed)
        record = self.current_record()
        self.raise_button.setEnabled(
            record is not None and not getattr(record, "nonconformity", ()) and not self.read_only()
        )

    def raise_nc(self) -> bool:
        incident = self._current_id
        if incident is None:
            return False
        from aims_desktop.services import evaluation

        return self._apply(lambda s: evaluation.raise_from_incident(s, incident)) is not None

    def _review_mode_changed(self, _on: bool = False) -> None:
        super()._review_mode_changed(_on)
        self._show_current()


class ReviewCommentsPage(EvaluationPage):
    """Review comments: the reviewer's own records, editable in review mode too."""

    def _extend_detail(self) -> None:
        self.go_button = self._button(
            self.tr("Go to what it is about"), "goToReviewed", self.go_to_subject
        )
        self.insert_detail(flow_row(self.go_button), top=True)

    def read_only(self) -> bool:
        return False

    def review_target(self, record_id: str) -> str:
        return ""  # no comments on comments: the response answers them

    def _apply(self, operation: Callable[[Any], ChangeSet]) -> ChangeSet | None:
        try:
            change_set = self.context.apply(operation, review=True)
        except UserFacingError as error:
            self.form.show_error(str(error))
            return None
        self.form.clear_error()
        return change_set

    def go_to_subject(self) -> bool:
        record = self.current_record()
        target = str(getattr(record, "target", "")) if record is not None else ""
        if not target:
            return False
        self.navigateRequested.emit(target)
        return True


PAGE_CLASSES: dict[str, type[RegisterPage]] = {
    INTERNAL_AUDIT: InternalAuditPage,
    MONITORING_MEASURE: MonitoringPage,
    MANAGEMENT_REVIEW: ManagementReviewPage,
    AI_INCIDENT: IncidentPage,
    REVIEW_COMMENT: ReviewCommentsPage,
}
"""Registers whose page shows more than the generic one (RegistersSection picks these)."""

CHILD_PANELS = {
    AUDIT_FINDING: "findings",
    MEASUREMENT_RESULT: "results",
    REVIEW_ACTION: "review_actions",
}
"""Child register -> the attribute of its parent's page that lists it."""
