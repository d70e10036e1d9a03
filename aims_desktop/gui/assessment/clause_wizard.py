"""Clause-by-clause wizard: one page per requirement of a clause, then a summary of the clause.

Contract with the main window:
    ClauseWorkspace(context, clause_id, parent=None)  # clause_id "4".."10"
    navigateRequested = Signal(str)                     # a target: "6.1.2", "A.5", "7", "dashboard"
    show_item(item_id)                                  # jump to a sub-clause's page
    commit_pending()                                    # save text still being typed (Save, Close)
It follows context.sessionChanged / context.changed itself.

A stepper embedded in the main window rather than a QWizard dialog: the manager moves freely
between clauses, the dashboard and Annex A, and finds each clause at the step they left it, in
this session and the next (the step is remembered per project in the settings).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QIcon, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.status import Status
from aims_desktop.gui.assessment.editor import CONTENT_WIDTH, AssessmentEditor
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.settings import app_settings
from aims_desktop.gui.widgets.dates import format_date
from aims_desktop.gui.widgets.fields import (
    LinkButton,
    plain_label,
    set_muted,
    set_point_size,
)
from aims_desktop.gui.widgets.flow import flow_row
from aims_desktop.gui.widgets.status_labels import (
    status_color,
    status_icon,
    status_label,
    touched_items,
)

SUMMARY = "summary"
CLAUSES = ("4", "5", "6", "7", "8", "9", "10")
_STEP_ROLE = Qt.ItemDataRole.UserRole
_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The step's text before wrapping, "depth:bold:text", so it can be wrapped again on resize."""
STEPS_SHARE = 0.3
"""Of the workspace's width the list of steps takes, between 15 and 24 letters wide."""


def settings_key(project_id: str, clause_id: str) -> str:
    return f"clauseWizard/{project_id}/clause{clause_id}"


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> str:
    """Break `text` into lines no wider than `width`: item views do not wrap by themselves."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class ClauseSummary(QWidget):
    """The last step of a clause: what is met, the gaps with their actions, what is left.

    Signals:
        itemRequested(str): the user clicked a requirement to go to its page.
    """

    itemRequested = Signal(str)

    def __init__(self, context: ProjectContext, clause_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.clause_id = clause_id
        self._outer = QHBoxLayout(self)
        self._outer.setContentsMargins(24, 16, 24, 24)
        self._column: QWidget | None = None
        self._layout = QVBoxLayout()
        self.links: dict[str, LinkButton] = {}
        self.refresh()

    def _clear(self) -> None:
        """Start from a fresh column: simpler and safer than emptying nested layouts."""
        if self._column is not None:
            self._outer.removeWidget(self._column)
            self._column.deleteLater()
        self._column = QWidget()
        self._column.setMaximumWidth(CONTENT_WIDTH)
        self._column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._outer.addWidget(self._column, 1)
        self._layout = QVBoxLayout(self._column)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.links = {}

    def _link(self, item_id: str, title: str) -> LinkButton:
        link = LinkButton(f"{item_id}  {title}", item_id)
        link.clicked.connect(lambda _=False, target=item_id: self.itemRequested.emit(target))
        self.links[item_id] = link
        return link

    def _section(self, title: str, explanation: str) -> None:
        heading = plain_label(title)
        set_point_size(heading, 1.15, bold=True)
        heading.setContentsMargins(0, 14, 0, 0)
        self._layout.addWidget(heading)
        if explanation:
            hint = plain_label(explanation)
            set_muted(hint)
            self._layout.addWidget(hint)

    def refresh(self) -> None:
        self._clear()
        session = self.context.session
        if session is None:
            return
        catalog = session.catalog
        heading = catalog.heading(self.clause_id)
        items = list(catalog.children_of(self.clause_id))
        stored = session.assessments()
        statuses = {
            i.id: (stored[i.id].status if i.id in stored else Status.NOT_ASSESSED) for i in items
        }

        title = plain_label(
            self.tr("Summary of clause %1: %2")
            .replace("%1", self.clause_id)
            .replace("%2", heading.title)
        )
        set_point_size(title, 1.45, bold=True)
        self._layout.addWidget(title)

        readiness = session.readiness().for_key(self.clause_id)
        met = sum(1 for s in statuses.values() if s is Status.MET)
        counts = plain_label(
            self.tr("%1 of %2 requirements met, %3 with gaps, %4 not assessed yet.")
            .replace("%1", str(met))
            .replace("%2", str(len(items)))
            .replace("%3", str(readiness.gaps))
            .replace("%4", str(readiness.not_assessed))
        )
        self._layout.addWidget(counts)
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setValue(readiness.percent)
        bar.setFormat(self.tr("%1% ready").replace("%1", str(readiness.percent)))
        bar.setAccessibleName(self.tr("Readiness of clause %1").replace("%1", self.clause_id))
        bar.setMaximumWidth(420)
        self._layout.addWidget(bar)

        mine = {i.id for i in items}
        actions = [a for a in session.action_plan() if a.item_id in mine]
        self._section(
            self.tr("Gaps and actions"),
            self.tr("Requirements not fully met yet, who is on them and by when.")
            if actions
            else self.tr("No gaps: nothing assessed in this clause is missing."),
        )
        for action in actions:
            # One block per action, its facts in a row that wraps: nothing runs off a narrow page.
            self._layout.addWidget(self._link(action.item_id, action.title))
            owner = plain_label(
                self.tr("Owner: %1").replace("%1", action.owner)
                if action.owner
                else self.tr("No owner yet")
            )
            if not action.owner:
                set_muted(owner)
            facts = flow_row(
                self._status_cell(action.status),
                owner,
                self._date_cell(action.target_date, action.overdue),
                spacing=18,
            )
            facts.setContentsMargins(8, 0, 0, 0)
            self._layout.addWidget(facts)
            if action.notes.strip():
                first = action.notes.strip().splitlines()[0]
                note = plain_label(first if len(first) <= 140 else first[:139] + "…")
                set_muted(note)
                note.setContentsMargins(8, 0, 0, 0)
                self._layout.addWidget(note)
            self._layout.addSpacing(6)

        done = [i for i in items if statuses[i.id] is Status.MET]
        self._section(
            self.tr("Met"),
            "" if done else self.tr("Nothing in this clause is marked as met yet."),
        )
        for item in done:
            self._layout.addWidget(self._link(item.id, catalog.title_in_context(item.id)))

        open_items = [i for i in items if statuses[i.id] is Status.NOT_ASSESSED]
        if open_items:
            self._section(
                self.tr("Not assessed yet"),
                self.tr("Go through these to complete the picture."),
            )
            for item in open_items:
                self._layout.addWidget(self._link(item.id, catalog.title_in_context(item.id)))

        self._layout.addSpacing(16)
        self._layout.addStretch(1)

    def _status_cell(self, status: Status) -> QWidget:
        cell = QWidget()
        cell.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        icon = QLabel()
        icon.setPixmap(status_icon(status, self.palette()).pixmap(14, 14))
        layout.addWidget(icon)
        layout.addWidget(plain_label(status_label(status), wrap=False))
        return cell

    def _date_cell(self, value: date | None, overdue: bool) -> QLabel:
        if value is None:
            label = plain_label(self.tr("No date"), wrap=False)
            set_muted(label)
            return label
        text = format_date(value)
        text = self.tr("Target: %1").replace("%1", text)
        if overdue:
            text = self.tr("%1 (overdue)").replace("%1", text)
        label = plain_label(text, wrap=False)
        if overdue:
            label.setStyleSheet(f"color: {status_color(Status.NOT_MET, self.palette()).name()}")
        return label


class ClauseWorkspace(QWidget):
    """Guide a manager through the requirements of one clause, step by step.

    Signals:
        navigateRequested(str): go to another part of the application ("6.1.2", "A.5", "7",
            "dashboard"); links to pages of this very clause are followed here instead.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, clause_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        if clause_id not in CLAUSES:
            raise ValueError(f"clause {clause_id!r} has no wizard")
        self.context = context
        self.clause_id = clause_id
        self.steps: list[str] = []
        self.editors: dict[str, AssessmentEditor] = {}  # built when first shown
        self.summary: ClauseSummary | None = None
        self._statuses: dict[str, Status] = {}
        self._step_items: list[QTreeWidgetItem] = []
        self._current = 0
        self._remembered: dict[str, str] = {}  # project id -> step id, for this session

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        body = QHBoxLayout()
        body.setSpacing(0)
        steps_column = QWidget()
        self.steps_column = steps_column
        steps_column.setFixedWidth(self._steps_column_width(10_000))
        steps_layout = QVBoxLayout(steps_column)
        steps_layout.setContentsMargins(12, 16, 4, 8)
        self._steps_width = steps_column.width() - 16
        self.clause_label = plain_label(self.tr("Clause %1").replace("%1", clause_id))
        set_muted(self.clause_label)
        self.clause_title = plain_label()
        set_point_size(self.clause_title, 1.2, bold=True)
        steps_layout.addWidget(self.clause_label)
        steps_layout.addWidget(self.clause_title)
        steps_layout.addSpacing(8)
        self.step_list = QTreeWidget()
        self.step_list.setHeaderHidden(True)
        self.step_list.setRootIsDecorated(False)
        self.step_list.setItemsExpandable(False)
        self.step_list.setIndentation(12)
        self.step_list.setWordWrap(True)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setAccessibleName(self.tr("Steps of clause %1").replace("%1", clause_id))
        self.step_list.setFrameShape(QFrame.Shape.NoFrame)
        self.step_list.viewport().setAutoFillBackground(False)
        self.step_list.setAutoFillBackground(False)
        self.step_list.currentItemChanged.connect(self._step_item_changed)
        steps_layout.addWidget(self.step_list, 1)
        self.stack = QStackedWidget()
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(steps_column)
        body.addWidget(separator)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)
        nav = QHBoxLayout()
        nav.setContentsMargins(16, 8, 16, 8)
        self.step_label = plain_label(wrap=False)
        set_muted(self.step_label)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.step_label)
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)

        context.sessionChanged.connect(self._reload)
        context.changed.connect(self._on_changed)
        self._reload()

    # -- structure -------------------------------------------------------------------------

    def _catalog(self) -> Catalog:
        session = self.context.session
        return session.catalog if session else load_catalog()

    def _reload(self) -> None:
        """A project was opened or closed: rebuild the pages and go back to where the user was
        in this clause of this project."""
        self.step_list.blockSignals(True)
        self.step_list.clear()
        self.step_list.blockSignals(False)
        while self.stack.count():
            page = self.stack.widget(0)
            assert page is not None
            self.stack.removeWidget(page)
            page.deleteLater()
        self.steps, self.editors, self._step_items, self.summary = [], {}, [], None
        self._statuses = {}
        self._current = 0
        session = self.context.session
        if session is None:
            empty = plain_label(self.tr("Open or create a project to assess this clause."))
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(empty)
            self._update_nav()
            return
        catalog = session.catalog
        self.clause_title.setText(catalog.heading(self.clause_id).title)
        stored = session.assessments()
        headings: dict[str, QTreeWidgetItem] = {}
        for item in catalog.children_of(self.clause_id):
            # Pages are built when first shown: opening a project stays quick however many
            # clause workspaces the main window holds.
            self.steps.append(item.id)
            self.stack.addWidget(QWidget())
            found = stored.get(item.id)
            self._statuses[item.id] = found.status if found else Status.NOT_ASSESSED
            depth = 1 if item.parent != self.clause_id else 0
            entry = self._step_item(f"{item.id}  {item.title}", depth)
            entry.setData(0, _STEP_ROLE, item.id)
            entry.setToolTip(0, f"{item.id} {item.title}")
            if item.parent != self.clause_id:
                parent = headings.get(item.parent)
                if parent is None:
                    heading = catalog.heading(item.parent)
                    parent = self._step_item(f"{heading.id}  {heading.title}", 0, bold=True)
                    parent.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a label, not a step
                    parent.setToolTip(0, f"{heading.id} {heading.title}")
                    font = QFont(parent.font(0))
                    font.setBold(True)
                    parent.setFont(0, font)
                    self.step_list.addTopLevelItem(parent)
                    headings[item.parent] = parent
                parent.addChild(entry)
            else:
                self.step_list.addTopLevelItem(entry)
            self._step_items.append(entry)
        self.steps.append(SUMMARY)
        self.stack.addWidget(QWidget())
        summary_entry = self._step_item(self.tr("Summary and actions"), 0)
        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)
        summary_entry.setIcon(0, QIcon(blank))  # lines up with the steps' status dots
        summary_entry.setData(0, _STEP_ROLE, SUMMARY)
        self.step_list.addTopLevelItem(summary_entry)
        self._step_items.append(summary_entry)
        self.step_list.expandAll()
        for item_id in self._statuses:
            self._update_step_icon(item_id)
        self.go_to(self._restore_step(), force=True)

    def _build_page(self, index: int) -> None:
        step = self.steps[index]
        if step in self.editors or (step == SUMMARY and self.summary is not None):
            return
        if step == SUMMARY:
            self.summary = ClauseSummary(self.context, self.clause_id)
            self.summary.itemRequested.connect(self.show_item)
            page: QWidget = self.summary
        else:
            editor = AssessmentEditor(self.context, step)
            editor.navigateRequested.connect(self._follow)
            self.editors[step] = editor
            page = editor
        placeholder = self.stack.widget(index)
        assert placeholder is not None
        self.stack.insertWidget(index, _scrolling(page))
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()

    def editor_for(self, item_id: str) -> AssessmentEditor:
        """The page of `item_id`, built if the user has not been there yet."""
        self._build_page(self.steps.index(item_id))
        return self.editors[item_id]

    def _steps_column_width(self, available: int) -> int:
        unit = self.fontMetrics().horizontalAdvance("M")
        return max(unit * 15, min(unit * 24, int(available * STEPS_SHARE)))

    def _step_item(self, text: str, depth: int, *, bold: bool = False) -> QTreeWidgetItem:
        entry = QTreeWidgetItem([self._step_text(text, depth, bold=bold)])
        entry.setData(0, _TEXT_ROLE, f"{depth}:{int(bold)}:{text}")
        return entry

    def _rewrap_steps(self) -> None:
        """The list of steps got narrower or wider: wrap its texts again."""
        items = [self.step_list.topLevelItem(i) for i in range(self.step_list.topLevelItemCount())]
        while items:
            entry = items.pop()
            items.extend(entry.child(i) for i in range(entry.childCount()))
            raw = entry.data(0, _TEXT_ROLE)
            if raw:
                depth, bold, text = str(raw).split(":", 2)
                entry.setText(0, self._step_text(text, int(depth), bold=bold == "1"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # In a narrow window (800 logical pixels: 200% on a 1600-pixel screen) the steps give
        # up width to the requirement, whose text wraps instead of running off the page.
        wanted = self._steps_column_width(event.size().width())
        if wanted != self.steps_column.width():
            self.steps_column.setFixedWidth(wanted)
            self._steps_width = wanted - 16
            self._rewrap_steps()
        super().resizeEvent(event)

    def _step_text(self, text: str, depth: int, *, bold: bool = False) -> str:
        font = QFont(self.step_list.font())
        font.setBold(bold)
        icon = 0 if bold else self.step_list.iconSize().width() or 16
        width = self._steps_width - depth * self.step_list.indentation() - icon - 32
        return wrap_text(text, QFontMetrics(font), width)

    def _restore_step(self) -> int:
        session = self.context.session
        assert session is not None
        project = session.project_id
        wanted = self._remembered.get(project) or str(
            app_settings().value(settings_key(project, self.clause_id), "") or ""
        )
        return self.steps.index(wanted) if wanted in self.steps else 0

    def _remember_step(self) -> None:
        session = self.context.session
        if session is None or not self.steps:
            return
        step = self.steps[self._current]
        self._remembered[session.project_id] = step
        app_settings().setValue(settings_key(session.project_id, self.clause_id), step)

    def _update_step_icon(self, item_id: str) -> None:
        status = self._statuses[item_id]
        entry = self._step_items[self.steps.index(item_id)]
        entry.setIcon(0, status_icon(status, self.palette()))
        title = self._catalog().item(item_id).title
        entry.setToolTip(0, f"{item_id} {title}: {status_label(status)}")

    # -- moving between steps --------------------------------------------------------------

    @property
    def current_step(self) -> str:
        return self.steps[self._current] if self.steps else ""

    def current_editor(self) -> AssessmentEditor | None:
        return self.editors.get(self.current_step)

    def commit_pending(self) -> None:
        """Save what the user typed on the current page but has not yet left."""
        editor = self.current_editor()
        if editor is not None:
            editor.commit_pending()

    def go_to(self, index: int, *, force: bool = False) -> None:
        if not self.steps or not 0 <= index < len(self.steps):
            return
        if index == self._current and not force:
            return
        self.commit_pending()
        self._current = index
        if self.isVisible():
            self._build_page(index)
        self.stack.setCurrentIndex(index)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentItem(self._step_items[index])
        self.step_list.blockSignals(False)
        if self.steps[index] == SUMMARY and self.summary is not None:
            self.summary.refresh()
        self._update_nav()
        self._remember_step()

    def back(self) -> None:
        self.go_to(self._current - 1)

    def next(self) -> None:
        if self.current_step == SUMMARY:
            self._continue()
        else:
            self.go_to(self._current + 1)

    def show_item(self, item_id: str) -> None:
        """Open the page of `item_id` (or the summary for "summary" or the clause itself)."""
        if item_id == self.clause_id:
            return
        if item_id in self.steps:
            self.go_to(self.steps.index(item_id))

    def _follow(self, target: str) -> None:
        if target in self.steps:
            self.show_item(target)
        else:
            self.commit_pending()
            self.navigateRequested.emit(target)

    def _continue(self) -> None:
        self.commit_pending()
        position = CLAUSES.index(self.clause_id)
        following = CLAUSES[position + 1] if position + 1 < len(CLAUSES) else "A"
        self.navigateRequested.emit(following)

    def _step_item_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        if current is None:
            return
        if current in self._step_items:
            self.go_to(self._step_items.index(current))
            return
        # A group heading such as 6.1 is a label: step over it in the direction of travel.
        first = current.child(0)
        if first not in self._step_items:
            return
        target = self._step_items.index(first)
        if previous is first:
            target = target - 1 if target > 0 else target
        self.go_to(target, force=True)

    def _update_nav(self) -> None:
        has_steps = bool(self.steps)
        self.back_button.setEnabled(has_steps and self._current > 0)
        self.next_button.setEnabled(has_steps)
        if not has_steps:
            self.step_label.setText("")
            return
        if self.current_step == SUMMARY:
            self.step_label.setText(self.tr("Summary of clause %1").replace("%1", self.clause_id))
            position = CLAUSES.index(self.clause_id)
            if position + 1 < len(CLAUSES):
                following = CLAUSES[position + 1]
                self.next_button.setText(
                    self.tr("Continue with clause %1 >").replace("%1", following)
                )
            else:
                self.next_button.setText(self.tr("Continue with Annex A >"))
        else:
            self.step_label.setText(
                self.tr("Requirement %1 of %2")
                .replace("%1", str(self._current + 1))
                .replace("%2", str(len(self.steps) - 1))
            )
            self.next_button.setText(
                self.tr("&Next >")
                if self._current + 1 < len(self.steps) - 1
                else self.tr("&Summary >")
            )

    # -- following the project -------------------------------------------------------------

    def _on_changed(self, change_set: ChangeSet) -> None:
        session = self.context.session
        if session is None:
            return
        touched = touched_items(change_set) & set(self._statuses)
        for item_id in touched:
            self._statuses[item_id] = session.assessment(item_id).status
            self._update_step_icon(item_id)
        if touched and self.current_step == SUMMARY and self.summary is not None:
            self.summary.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self.steps:
            self._build_page(self._current)
            self.stack.setCurrentIndex(self._current)
            if self.current_step == SUMMARY and self.summary is not None:
                self.summary.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving for another page of the main window is a page change too.
        self.commit_pending()
        super().hideEvent(event)
