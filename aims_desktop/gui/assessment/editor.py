"""The editor for one clause or control: guidance, questions, status, owner, date, notes.

The same editor is a page of a clause wizard and the detail panel of the Annex A review, so a
manager learns one form. Every edit is one service call through `ProjectContext.apply` (one
undo step). The editor follows `context.changed` itself: after an Undo, or an edit made
elsewhere, it shows the stored values again, without throwing away text the user is still typing
in another field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.catalog import CatalogItem
from aims_desktop.domain.assessment import Applicability, Assessment
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.status import CLAUSE_STATUSES, Answer, Status
from aims_desktop.gui.assessment.evidence_box import EvidenceBox
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import (
    DateEdit,
    LineEdit,
    LinkButton,
    NotesEdit,
    plain_label,
    set_muted,
    set_point_size,
)
from aims_desktop.gui.widgets.flow import flow_row
from aims_desktop.gui.widgets.review_box import Frozen, ReviewBox, freeze_inputs, thaw_inputs
from aims_desktop.gui.widgets.status_labels import (
    answer_label,
    status_color,
    status_label,
    touched_items,
)
from aims_desktop.services import assessments
from aims_desktop.services.errors import RuleViolation, UserFacingError
from aims_desktop.services.session import ProjectSession

ANSWERS = (Answer.YES, Answer.PARTLY, Answer.NO, Answer.NOT_SURE)
DEFAULT_LEAD_TIME = timedelta(days=30)
BREADCRUMB_SEPARATOR = "  \u203a  "
CONTENT_WIDTH = 760
"""Lines of prose longer than this are tiring to read; the form stays this wide at most."""


def _section_title(text: str) -> QLabel:
    label = plain_label(text)
    set_point_size(label, 1.1, bold=True)
    label.setContentsMargins(0, 10, 0, 0)
    return label


def _bullets(lines: tuple[str, ...]) -> QLabel:
    return plain_label("\n".join(f"•  {line}" for line in lines))


def _basis(widget: QWidget, required_by: str | None) -> str:
    """ "required by 5.2" or "good practice": which records the standard makes mandatory."""
    if required_by:
        return widget.tr("required by %1").replace("%1", required_by)
    return widget.tr("good practice")


def _changed_fields(change_set: ChangeSet, item_id: str) -> set[str]:
    fields: set[str] = set()
    for change in change_set.changes:
        if change.entity == "assessment" and change.subject == item_id:
            fields.add(change.field)
        elif change.entity == "guidance_answer" and change.subject.startswith(item_id + " "):
            fields.add("answers")
    return fields


class AssessmentEditor(QWidget):
    """Assess one catalogue item.

    Signals:
        navigateRequested(str): the user followed a link to a related clause or control.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, item_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        session = context.session
        if session is None:
            raise RuntimeError("an assessment editor needs an open project")
        self.context = context
        self.item: CatalogItem = session.catalog.item(item_id)
        self.item_id = item_id
        self._stored = session.assessment(item_id)
        self._loading = False
        self.setAccessibleName(self.tr("Assessment of %1").replace("%1", item_id))

        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 24)
        self._outer = outer
        column = QWidget()
        column.setMaximumWidth(CONTENT_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        outer.addWidget(column, 1)
        outer.addStretch(0)
        self._layout = QVBoxLayout(column)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)

        self._build_header(session)
        self.error_label = plain_label()
        self.error_label.setObjectName("assessmentError")
        self.error_label.setStyleSheet(
            "QLabel#assessmentError { border: 1px solid #c0392b; border-radius: 4px;"
            " padding: 6px; }"
        )
        self.error_label.hide()
        if self.item.is_control:
            self._build_applicability()
        self._layout.addWidget(self.error_label)
        self._build_questions()
        self._build_assessment()
        self._build_auditor_view(session)
        self.review_box = ReviewBox(context, item_id)
        self._layout.addWidget(self.review_box)
        self._layout.addStretch(1)
        self._show(self._stored)
        context.changed.connect(self._on_changed)
        self._frozen: Frozen = []
        context.reviewModeChanged.connect(self._review_mode_changed)
        self._review_mode_changed(context.review_mode)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Narrow (a detail panel at 800 logical pixels): the text gets the margins' room.
        side = 24 if event.size().width() > 520 else 12
        if self._outer.contentsMargins().left() != side:
            self._outer.setContentsMargins(side, 16, side, 24)
        super().resizeEvent(event)

    # -- building --------------------------------------------------------------------------

    def _build_header(self, session: ProjectSession) -> None:
        catalog = session.catalog
        trail = []
        parent: str | None = self.item.parent
        while parent is not None:
            heading = catalog.heading(parent)
            trail.append(f"{heading.id} {heading.title}")
            parent = heading.parent
        trail.reverse()
        if self.item.is_control:
            trail.insert(0, self.tr("Annex A"))
        else:
            trail[0] = self.tr("Clause %1").replace("%1", trail[0])
        crumbs = plain_label(BREADCRUMB_SEPARATOR.join(trail))
        set_muted(crumbs)
        self._layout.addWidget(crumbs)
        self.title_label = plain_label(f"{self.item.id}  {self.item.title}")
        set_point_size(self.title_label, 1.45, bold=True)
        self.title_label.setAccessibleName(self.title_label.text())
        self._layout.addWidget(self.title_label)
        if self.item.is_control:
            heading = catalog.heading(self.item.parent)
            if heading.objective:
                objective = plain_label(self.tr("Objective: %1").replace("%1", heading.objective))
                set_muted(objective)
                self._layout.addWidget(objective)
        summary = plain_label(self.item.summary)
        summary.setContentsMargins(0, 6, 0, 0)
        set_point_size(summary, 1.05)
        self._layout.addWidget(summary)

    def _build_applicability(self) -> None:
        self._layout.addWidget(_section_title(self.tr("Does this control apply to you?")))
        self.undecided_radio = QRadioButton(self.tr("Not decided yet"))
        self.applies_radio = QRadioButton(self.tr("It applies to us"))
        self.excluded_radio = QRadioButton(self.tr("Excluded"))
        self.applicability_group = QButtonGroup(self)
        self.applicability_radios = {
            Applicability.UNDECIDED: self.undecided_radio,
            Applicability.APPLICABLE: self.applies_radio,
            Applicability.EXCLUDED: self.excluded_radio,
        }
        for index, (value, radio) in enumerate(self.applicability_radios.items()):
            radio.setAccessibleName(self.tr("Applicability: %1").replace("%1", radio.text()))
            radio.setObjectName(f"applicability_{value.value}")
            self.applicability_group.addButton(radio, index)
        self.applicability_group.idClicked.connect(
            lambda index: self._applicability_clicked(list(self.applicability_radios)[index])
        )
        self._layout.addWidget(
            flow_row(self.undecided_radio, self.applies_radio, self.excluded_radio, spacing=18)
        )
        self.applicability_note = plain_label(
            self.tr(
                "The Statement of Applicability prints a control not decided yet as such, never "
                "as applicable."
            )
        )
        set_muted(self.applicability_note)
        self._layout.addWidget(self.applicability_note)
        self.justification_label = plain_label()
        self.justification_hint = plain_label(
            self.tr(
                "The auditor reads this in the Statement of Applicability. For an included "
                "control, say why you need it (a risk whose treatment chose it counts as a "
                "reason too); to exclude a control, first say why it does not apply to you."
            )
        )
        set_muted(self.justification_hint)
        self.justification_edit = NotesEdit()
        self.justification_edit.setAccessibleName(self.tr("Justification"))
        self.justification_edit.editingFinished.connect(self._justification_finished)
        self.justification_label.setBuddy(self.justification_edit)
        self._layout.addWidget(self.justification_label)
        self._layout.addWidget(self.justification_hint)
        self._layout.addWidget(self.justification_edit)

    def _build_questions(self) -> None:
        self._layout.addWidget(_section_title(self.tr("Questions to check where you stand")))
        self.excluded_note = plain_label(
            self.tr(
                "This control is excluded, so its questions, owner and target date are switched "
                "off: there is nothing to implement. Choose “It applies to us” above to assess "
                "it again."
            )
        )
        self.excluded_note.setObjectName("excludedNote")
        set_muted(self.excluded_note)
        self.excluded_note.hide()
        self._layout.addWidget(self.excluded_note)
        hint = plain_label(
            self.tr("Your answers are saved straight away. Use “Not sure” rather than guessing.")
        )
        set_muted(hint)
        self._layout.addWidget(hint)
        self.answer_groups: dict[str, QButtonGroup] = {}
        for number, question in enumerate(self.item.questions, start=1):
            text = plain_label(f"{number}.  {question.text}")
            text.setContentsMargins(0, 8, 0, 0)
            self._layout.addWidget(text)
            group = QButtonGroup(self)
            group.setExclusive(True)
            buttons = []
            for index, answer in enumerate(ANSWERS):
                button = QRadioButton(answer_label(answer))
                button.setAccessibleName(
                    self.tr("Question %1: %2")
                    .replace("%1", str(number))
                    .replace("%2", answer_label(answer))
                )
                group.addButton(button, index)
                buttons.append(button)
            row = flow_row(*buttons, spacing=18)  # wraps in a narrow window
            row.setContentsMargins(18, 0, 0, 0)
            group.idClicked.connect(
                lambda index, key=question.key: self._answer_clicked(key, ANSWERS[index])
            )
            self.answer_groups[question.key] = group
            self._layout.addWidget(row)

    def _build_assessment(self) -> None:
        self._layout.addWidget(_section_title(self.tr("Your assessment")))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        status_box = QWidget()
        status_layout = QVBoxLayout(status_box)
        status_layout.setContentsMargins(0, 0, 0, 0)
        self.status_group = QButtonGroup(self)
        radios = []
        for index, status in enumerate(CLAUSE_STATUSES):
            button = QRadioButton(status_label(status))
            button.setAccessibleName(self.tr("Status: %1").replace("%1", status_label(status)))
            self.status_group.addButton(button, index)
            radios.append(button)
        self.status_group.idClicked.connect(lambda index: self._set_status(CLAUSE_STATUSES[index]))
        status_layout.addWidget(flow_row(*radios, spacing=18))
        self.suggestion_label = plain_label()
        set_muted(self.suggestion_label)
        self.use_suggestion_button = QPushButton(self.tr("Use suggestion"))
        self.use_suggestion_button.clicked.connect(self._use_suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion_label, 1)
        suggestion_row.addWidget(self.use_suggestion_button, 0, Qt.AlignmentFlag.AlignTop)
        status_layout.addLayout(suggestion_row)
        form.addRow(self._form_label(self.tr("Status")), status_box)

        self.owner_edit = LineEdit()
        self.owner_edit.setAccessibleName(self.tr("Owner"))
        self.owner_edit.setPlaceholderText(self.tr("Who makes sure this gets done (name or role)"))
        self.owner_edit.editingFinished.connect(self._owner_finished)
        # Alt+N is Next and Alt+S Summary in the clause wizard, Alt+E the Edit menu: one
        # letter per window (tests/gui/test_mnemonics.py walks every page)
        form.addRow(self._form_label(self.tr("O&wner"), self.owner_edit), self.owner_edit)

        self.date_edit = DateEdit()
        self.date_edit.setAccessibleName(self.tr("Target date"))
        self.date_edit.editingFinished.connect(self._commit_target_date)
        calendar = self.date_edit.calendarWidget()
        # The pop-up sets the date after telling us about the click: commit once it has.
        calendar.clicked.connect(lambda _d: QTimer.singleShot(0, self, self._commit_target_date))
        calendar.activated.connect(lambda _d: QTimer.singleShot(0, self, self._commit_target_date))
        self.no_date_check = QCheckBox(self.tr("No target date"))
        self.no_date_check.clicked.connect(self._no_date_clicked)
        date_box = flow_row(self.date_edit, self.no_date_check, spacing=18)
        date_column = QWidget()
        date_rows = QVBoxLayout(date_column)
        date_rows.setContentsMargins(0, 0, 0, 0)
        date_rows.addWidget(date_box)
        self.past_date_label = plain_label()
        self.past_date_label.setObjectName("pastDateNote")
        self.past_date_label.hide()
        date_rows.addWidget(self.past_date_label)
        self.date_edit.dateChanged.connect(lambda _d: self._show_past_date())
        form.addRow(self._form_label(self.tr("&Target date"), self.date_edit), date_column)

        self.notes_edit = NotesEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setPlaceholderText(
            self.tr("What is already in place, what is missing, and the next step.")
        )
        self.notes_edit.editingFinished.connect(self._notes_finished)
        form.addRow(self._form_label(self.tr("N&otes"), self.notes_edit), self.notes_edit)
        self._layout.addLayout(form)

    def _form_label(self, text: str, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _build_auditor_view(self, session: ProjectSession) -> None:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self._layout.addSpacing(8)
        self._layout.addWidget(line)
        self._layout.addWidget(_section_title(self.tr("What an auditor will ask to see")))
        self._layout.addWidget(_bullets(self.item.evidence))
        if self.item.records:
            self._layout.addWidget(_section_title(self.tr("Records to keep")))
            self.records_label = _bullets(
                tuple(
                    f"{record.text} ({_basis(self, record.required_by)})"
                    for record in self.item.records
                )
            )
            self.records_label.setObjectName("recordsToKeep")
            self._layout.addWidget(self.records_label)
        self._layout.addWidget(_section_title(self.tr("Documents serving this requirement")))
        self.evidence_box = EvidenceBox(self.context, self.item_id)
        self.evidence_box.navigateRequested.connect(self.navigateRequested)
        self._layout.addWidget(self.evidence_box)
        self._build_records_linked(session)
        related = session.catalog.related(self.item_id)
        if related:
            self._layout.addWidget(_section_title(self.tr("Related requirements")))
            self.related_links: list[LinkButton] = []
            for target in related:
                title = session.catalog.title_in_context(target)  # never a bare "General"
                link = LinkButton(f"{target}  {title}", target)
                link.clicked.connect(lambda _=False, t=target: self.navigateRequested.emit(t))
                self.related_links.append(link)
                self._layout.addWidget(link)

    def _review_mode_changed(self, on: bool) -> None:
        """Review mode: the answers, status, owner, date and notes are read, not edited (the
        evidence box and the comment box stay usable; the project refuses any other edit)."""
        if on and not self._frozen:
            self._frozen = freeze_inputs(self, keep=(self.review_box, self.evidence_box))
        elif not on and self._frozen:
            thaw_inputs(self._frozen)
            self._frozen = []

    def _build_records_linked(self, session: ProjectSession) -> None:
        """Records that point at this item: for a control, the risks whose treatment chose it
        (its reason in the Statement of Applicability); for any item, the register records
        that are its evidence. Each one opens the record."""
        from aims_desktop.services import registers

        found = registers.catalog_links(session, self.item_id)
        self.record_links: list[LinkButton] = []
        if not found:
            return
        self._layout.addWidget(
            _section_title(
                self.tr("Risks and records that rely on it")
                if self.item.is_control
                else self.tr("Records that refer to it")
            )
        )
        for incoming in sorted(found, key=lambda i: i.label):
            target = f"register:{incoming.register}:{incoming.id}"
            link = LinkButton(incoming.label, target)
            link.clicked.connect(lambda _=False, t=target: self.navigateRequested.emit(t))
            self.record_links.append(link)
            self._layout.addWidget(link)

    # -- showing stored values -------------------------------------------------------------

    @property
    def stored(self) -> Assessment:
        """The assessment as last read from the project."""
        return self._stored

    def _show(self, stored: Assessment, fields: set[str] | None = None) -> None:
        """Put stored values into the widgets. Text fields the user is still editing keep their
        text unless this change set touched that very field (e.g. Undo of it)."""
        previous = self._stored
        self._loading = True
        try:
            for key, group in self.answer_groups.items():
                self._check(group, stored.answers.get(key), ANSWERS)
            if stored.status in CLAUSE_STATUSES:
                self._check(self.status_group, stored.status, CLAUSE_STATUSES)
            else:
                self._check(self.status_group, None, CLAUSE_STATUSES)

            def refresh(name: str) -> bool:
                return fields is None or name in fields

            owner = self.owner_edit.text()
            if (refresh("owner") or owner.strip() == previous.owner) and owner != stored.owner:
                self.owner_edit.setText(stored.owner)
            notes = self.notes_edit.toPlainText()
            if (refresh("notes") or notes == previous.notes) and notes != stored.notes:
                self.notes_edit.setPlainText(stored.notes)
            if refresh("target_date") or self._shown_target_date() == previous.target_date:
                self._show_target_date(stored.target_date)
            if self.item.is_control:
                if (
                    refresh("justification")
                    or self.justification_edit.toPlainText().strip() == previous.justification
                ) and self.justification_edit.toPlainText() != stored.justification:
                    self.justification_edit.setPlainText(stored.justification)
                self.applicability_radios[self._applicability(stored)].setChecked(True)
                self._show_applicability(stored, stored.target_date is not None)
        finally:
            self._loading = False
        self._stored = stored
        self._show_suggestion()
        self._show_past_date()

    @staticmethod
    def _applicability(stored: Assessment) -> Applicability:
        return Applicability.EXCLUDED if stored.excluded else stored.applicability

    def _show_applicability(self, stored: Assessment, has_date: bool) -> None:
        """An excluded control has nothing to assess: its questions, status, owner and date are
        switched off, with a note that says why; the justification's label and example follow
        the choice."""
        applicability = self._applicability(stored)
        applicable = applicability is not Applicability.EXCLUDED
        self.justification_label.setText(
            {
                Applicability.APPLICABLE: self.tr("Why it is included"),
                Applicability.EXCLUDED: self.tr("Why it is excluded"),
                Applicability.UNDECIDED: self.tr("Why it is included or excluded"),
            }[applicability]
        )
        self.justification_edit.setPlaceholderText(
            self.tr(
                "For example: it treats the risk of unfair decisions in our risk register, and "
                "our customers' contracts ask for it."
            )
            if applicable
            else self.tr("For example: we do not develop AI systems ourselves, we only buy them.")
        )
        for group in (*self.answer_groups.values(), self.status_group):
            for button in group.buttons():
                button.setEnabled(applicable)
        self.owner_edit.setEnabled(applicable)
        self.no_date_check.setEnabled(applicable)
        self.date_edit.setEnabled(applicable and has_date)
        self.excluded_note.setVisible(not applicable)

    @staticmethod
    def _check(group: QButtonGroup, value: Any, values: tuple[Any, ...]) -> None:
        """Check the button for `value`, or none: an unanswered question shows no answer."""
        target: QAbstractButton | None = (
            group.button(values.index(value)) if value is not None else None
        )
        if target is not None:
            target.setChecked(True)
            return
        group.setExclusive(False)  # an exclusive group cannot be emptied otherwise
        for button in group.buttons():
            button.setChecked(False)
        group.setExclusive(True)

    def _shown_target_date(self) -> date | None:
        if self.no_date_check.isChecked():
            return None
        value = self.date_edit.date().toPython()
        assert isinstance(value, date)
        return value

    def _show_target_date(self, value: date | None) -> None:
        self.no_date_check.setChecked(value is None)
        self.date_edit.setEnabled(value is not None and not self._stored.excluded)
        session = self.context.session
        shown = value or ((session.today() if session else date.today()) + DEFAULT_LEAD_TIME)
        if self.date_edit.date().toPython() != shown:
            self.date_edit.setDate(QDate(shown.year, shown.month, shown.day))

    def _show_past_date(self) -> None:
        """A target date in the past is allowed (it may be meant), but never passes unnoticed."""
        session = self.context.session
        value = self._shown_target_date()
        today = session.today() if session is not None else date.today()
        past = value is not None and value < today and self.date_edit.isEnabled()
        if past and value is not None:
            days = (today - value).days
            self.past_date_label.setText(
                self.tr("This date is in the past: %1 was yesterday.").replace(
                    "%1", format_date(value)
                )
                if days == 1
                else self.tr("This date is in the past: %1 was %2 days ago.")
                .replace("%1", format_date(value))
                .replace("%2", str(days))
            )
            self.past_date_label.setStyleSheet(
                f"color: {status_color(Status.NOT_MET, self.palette()).name()}"
            )
        self.past_date_label.setVisible(past)

    def _show_suggestion(self) -> None:
        stored = self._stored
        suggestion = stored.suggested_status(self.item)
        applicable = not stored.excluded
        if not applicable:
            text = self.tr("Excluded controls have no implementation status.")
        elif suggestion is None:
            text = self.tr("Answer the questions above and a status will be suggested here.")
        elif suggestion is stored.status:
            text = self.tr("Your answers suggest “%1”, the status you have chosen.").replace(
                "%1", status_label(suggestion)
            )
        else:
            text = self.tr("Your answers suggest “%1”.").replace("%1", status_label(suggestion))
        self.suggestion_label.setText(text)
        self.suggestion = suggestion
        self.use_suggestion_button.setEnabled(
            applicable and suggestion is not None and suggestion is not stored.status
        )

    def _on_changed(self, change_set: ChangeSet) -> None:
        session = self.context.session
        if session is None or self.item_id not in touched_items(change_set):
            return
        fields = _changed_fields(change_set, self.item_id)
        if not fields:
            return  # only evidence: the evidence box follows on its own
        self._show(session.assessment(self.item_id), fields)

    # -- editing ---------------------------------------------------------------------------

    def _apply(self, operation: Callable[[ProjectSession], ChangeSet]) -> bool:
        """Run one service call; a refused edit shows its message here and changes nothing."""
        if self.context.session is None:
            return False
        try:
            self.context.apply(operation)
        except UserFacingError as error:
            self.show_error(str(error))
            return False
        self.show_error("")
        return True

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _answer_clicked(self, key: str, answer: Answer) -> None:
        if not self._loading:
            self._apply(lambda s: assessments.set_answer(s, self.item_id, key, answer))

    def _set_status(self, status: Status) -> None:
        if self._loading or status is self._stored.status:
            return
        if not self._apply(lambda s: assessments.update_assessment(s, self.item_id, status=status)):
            self._show(self._stored, set())

    def _use_suggestion(self) -> None:
        if self.suggestion is not None:
            self._set_status(self.suggestion)

    def _owner_finished(self) -> None:
        owner = self.owner_edit.text().strip()
        if not self._loading and owner != self._stored.owner:
            self._apply(lambda s: assessments.update_assessment(s, self.item_id, owner=owner))

    def _notes_finished(self) -> None:
        notes = self.notes_edit.toPlainText()
        if not self._loading and notes != self._stored.notes:
            self._apply(lambda s: assessments.update_assessment(s, self.item_id, notes=notes))

    def _commit_target_date(self) -> None:
        value = self._shown_target_date()
        if not self._loading and value != self._stored.target_date:
            self._apply(lambda s: assessments.update_assessment(s, self.item_id, target_date=value))

    def _no_date_clicked(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked)
        self._commit_target_date()
        self._show_past_date()
        if not checked:
            self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _justification_finished(self, *, deferrable: bool = True) -> None:
        if self._loading or not self.item.is_control:
            return
        if deferrable and QApplication.focusWidget() in self.applicability_radios.values():
            return  # the click on the choice takes the text with it, as one undoable step
        text = self.justification_edit.toPlainText().strip()
        if text == self._stored.justification:
            return
        if not self._apply(
            lambda s: assessments.update_assessment(s, self.item_id, justification=text)
        ):
            self._show(self._stored, {"justification"})

    def _applicability_clicked(self, choice: Applicability) -> None:
        if self._loading or choice is self._applicability(self._stored):
            return
        text = self.justification_edit.toPlainText().strip()
        if choice is not Applicability.EXCLUDED:
            self._apply(lambda s: assessments.set_applicability(s, self.item_id, choice))
            self._justification_finished(deferrable=False)
            return
        try:
            self.context.apply(lambda s: assessments.exclude_control(s, self.item_id, text))
        except RuleViolation as error:
            self.applicability_radios[self._applicability(self._stored)].setChecked(True)
            self.show_error(str(error))
            self.justification_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except UserFacingError as error:
            self.applicability_radios[self._applicability(self._stored)].setChecked(True)
            self.show_error(str(error))
            return
        self.show_error("")

    def commit_pending(self) -> None:
        """Save text the user typed but has not yet left (page change, Save, close)."""
        if self.context.session is None:
            return
        self._owner_finished()
        self._notes_finished()
        self._commit_target_date()
        if self.item.is_control:
            self._justification_finished(deferrable=False)
