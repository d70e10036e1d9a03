"""One page for every register: a filterable, sortable list, a detail form and a links panel.

Keyboard first: Ins or Ctrl+N adds a record, Del deletes the selected ones (Undo brings them
back, so nothing asks "are you sure"), Enter opens the current record's form, Ctrl+F goes to the
filter, and Esc in the filter clears it. Everything the user changes is one service call through
the ProjectContext: one transaction, one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.fields import FieldKind, FieldSpec
from aims_desktop.domain.registers import RegisterSpec, children_of
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers.child_records import ChildRecordsPanel
from aims_desktop.gui.registers.links_panel import LinksPanel
from aims_desktop.gui.registers.record_form import RecordForm
from aims_desktop.gui.registers.register_extras import (
    CHILD_PANELS,
    record_buttons,
    toolbar_buttons,
)
from aims_desktop.gui.registers.table_model import ID_ROLE, RegisterTableModel
from aims_desktop.gui.settings import app_settings
from aims_desktop.gui.widgets.dates import format_stamp
from aims_desktop.gui.widgets.fields import LinkButton, plain_label, set_muted, set_point_size
from aims_desktop.gui.widgets.flow import FlowLayout
from aims_desktop.gui.widgets.review_box import Frozen, ReviewBox, freeze_inputs, thaw_inputs
from aims_desktop.services import registers
from aims_desktop.services.errors import UserFacingError

_WIDTHS = {
    FieldKind.TEXT: 22,
    FieldKind.LONG_TEXT: 28,
    FieldKind.PERSON: 14,
    FieldKind.DATE: 10,
    FieldKind.CHOICE: 15,
    FieldKind.CHOICES: 16,
    FieldKind.SCALE: 8,
    FieldKind.NUMBER: 8,
    FieldKind.FLAG: 8,
    FieldKind.LINK: 22,
}
"""Default column widths in average characters, by kind."""

WIDE = 1100
"""From this width the list and the form sit side by side; below it, one above the other."""


class _RecordTable(QTableView):
    """The list: Del deletes, Enter opens; both reported to the page.

    Signals:
        deleteRequested(): Del or Backspace was pressed on the list.
        openRequested(): Enter was pressed on the current row.
    """

    deleteRequested = Signal()
    openRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.deleteRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.openRequested.emit()
            return
        super().keyPressEvent(event)


class RegisterPage(QWidget):
    """Everything about one register.

    Signals:
        navigateRequested(str): go to a clause, a control or a record of another register.
        historyRequested(str, str): show the change history of (register key, record id); an
            empty record id means the whole register.
        importRequested(): the user asked to import records from a spreadsheet.
        exportRequested(str): the user asked to export the register ("xlsx" or "csv").
        reportRequested(str, str): print one record as a PDF (report kind, record id).
    """

    navigateRequested = Signal(str)
    historyRequested = Signal(str, str)
    importRequested = Signal()
    exportRequested = Signal(str)
    reportRequested = Signal(str, str)
    """(report kind, record id or reference): print one record (an impact assessment, an
    internal audit, a management review) as a PDF."""

    own_children: tuple[str, ...] = ()
    """Child registers the page shows its own way (an audit's findings); the others get the
    generic panel."""

    def __init__(
        self, context: ProjectContext, spec: RegisterSpec, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.spec = spec
        self.setObjectName(f"register_{spec.key}")
        self._current_id: str | None = None
        self._stale = True

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(6)
        self._build_header(outer)
        self._build_toolbar(outer)
        self._build_extra_toolbar(outer)

        self.model = RegisterTableModel(spec, self)
        self.table = _RecordTable(self)
        self.table.setObjectName("recordTable")
        self.table.setAccessibleName(spec.plural)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda _p: self._columns_menu().exec(header.mapToGlobal(_p))
        )
        char = self.fontMetrics().averageCharWidth()
        self._preferred: dict[int, int] = {}
        """Each column's comfortable width; narrower tables share what room there is."""
        for column, field in enumerate(self.model.fields):
            chars = max(_WIDTHS[field.kind], min(len(field.title) + 3, 30))
            if field.name == "ref":
                chars = max(9, len(field.title) + 3)  # "AI-004", "R-017": short by nature
            self._preferred[column] = chars * char + 16
            header.resizeSection(column, self._preferred[column])
        self.table.viewport().installEventFilter(self)
        self.table.deleteRequested.connect(self.delete_selected)
        self.table.openRequested.connect(self.open_current)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.table.doubleClicked.connect(lambda _i: self.open_current())

        self.detail = self._build_detail()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_list_area(self.table))
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        outer.addWidget(self.splitter, 1)

        self._restore_columns()
        if spec.sort[0] and spec.sort[0] in spec.field_map:
            order = Qt.SortOrder.DescendingOrder if spec.sort[1] else Qt.SortOrder.AscendingOrder
            self.table.sortByColumn(self.model.column_of(spec.sort[0]), order)
        self._shortcuts()
        context.changed.connect(self._project_changed)
        context.sessionChanged.connect(self._session_changed)
        context.reviewModeChanged.connect(self._review_mode_changed)
        self._frozen: Frozen = []
        self.reload()
        self._review_mode_changed(context.review_mode)

    # -- building --------------------------------------------------------------------------

    def _build_extra_toolbar(self, outer: QVBoxLayout) -> None:
        """A register page that needs more (the risk register's heat map) adds it here."""

    def _build_list_area(self, table: QTableView) -> QWidget:
        """What sits above (or beside) the detail: the list, and whatever a register adds."""
        return table

    def _build_header(self, outer: QVBoxLayout) -> None:
        self.title_label = plain_label(self.spec.plural)
        set_point_size(self.title_label, 1.45, bold=True)
        outer.addWidget(self.title_label)
        about = plain_label(self.spec.description)
        set_muted(about)
        outer.addWidget(about)
        if self.spec.evidence_for:
            # wraps in a narrow window: a register may be evidence for half a dozen items
            holder = QWidget(self)
            row = FlowLayout(holder, spacing=2)
            label = plain_label(self.tr("Evidence for:"), wrap=False)
            set_muted(label)
            row.addWidget(label)
            session = self.context.session
            for item_id in self.spec.evidence_for:
                title = session.catalog.title_of(item_id) if session else ""
                link = LinkButton(item_id, item_id)
                link.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                link.setToolTip(title)
                link.setAccessibleName(f"{item_id} {title}")
                link.clicked.connect(lambda _c=False, t=item_id: self.navigateRequested.emit(t))
                row.addWidget(link)
            outer.addWidget(holder)

    def _build_toolbar(self, outer: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("addButton")
        self.add_button.setToolTip(self.tr("Add a record (Ins or Ctrl+N)"))
        self.add_button.clicked.connect(self.add_record)
        self.duplicate_button = QPushButton(self.tr("Duplicate"), self)
        self.duplicate_button.setObjectName("duplicateButton")
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip(
            self.tr("Delete the selected records (Del); Undo brings them back")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Filter (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Filter %1").replace("%1", self.spec.plural))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.filter_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.filter_edit.installEventFilter(self)
        self.count_label = plain_label("", wrap=False)
        set_muted(self.count_label)
        self.columns_menu = QMenu(self.tr("Columns"), self)
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("More"))
        self.more_button.setAccessibleName(self.tr("Columns, import, export and history"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self)
        more.addMenu(self.columns_menu)
        more.addSeparator()
        self.import_action = more.addAction(self.tr("Import from a spreadsheet…"))
        self.import_action.triggered.connect(lambda: self.importRequested.emit())
        more.addSeparator()
        self.export_xlsx_action = more.addAction(self.tr("Export to Excel (XLSX)…"))
        self.export_xlsx_action.triggered.connect(lambda: self.exportRequested.emit("xlsx"))
        self.export_csv_action = more.addAction(self.tr("Export to CSV…"))
        self.export_csv_action.triggered.connect(lambda: self.exportRequested.emit("csv"))
        more.addSeparator()
        self.history_action = more.addAction(self.tr("History of this register…"))
        self.history_action.triggered.connect(lambda: self.historyRequested.emit(self.spec.key, ""))
        self.more_button.setMenu(more)
        for widget in (self.add_button, self.duplicate_button, self.delete_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.more_button)
        outer.addLayout(row)
        shortcuts = toolbar_buttons(self)
        if shortcuts:
            extra_row = FlowLayout()
            for button in shortcuts:
                extra_row.addWidget(button)
            outer.addLayout(extra_row)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.count_label)
        outer.addLayout(filter_row)

    def _build_detail(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("recordDetail")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 8, 12, 12)
        column.setSpacing(6)
        self.record_title = plain_label()
        set_point_size(self.record_title, 1.2, bold=True)
        column.addWidget(self.record_title)
        self.empty_label = plain_label(
            self.tr(
                "No %1 yet. Add the first one with Add (Ins or Ctrl+N), or import a "
                "spreadsheet from More."
            ).replace("%1", registers.in_sentence(self.spec.plural))
        )
        set_muted(self.empty_label)
        column.addWidget(self.empty_label)
        self.record_buttons = record_buttons(self)
        actions = QWidget(inner)
        actions_row = FlowLayout(actions)
        for button in self.record_buttons:
            actions_row.addWidget(button)
        actions.setVisible(bool(self.record_buttons))
        column.addWidget(actions)
        self.form = RecordForm(self.spec.fields, inner, people=self._people, guide=self.spec.guide)
        self.form.fieldCommitted.connect(self._field_committed)
        column.addWidget(self.form)
        self.links = LinksPanel(
            self.spec.fields,
            link=self._link,
            unlink=self._unlink,
            choices=self._link_choices,
            parent=inner,
        )
        self.links.navigateRequested.connect(self.navigateRequested)
        links_title = plain_label(self.tr("Links"))
        set_point_size(links_title, 1.1, bold=True)
        links_title.setContentsMargins(0, 10, 0, 0)
        column.addWidget(links_title)
        column.addWidget(self.links)
        self.children: list[ChildRecordsPanel] = []
        for child in children_of(self.spec.key):
            if child.key in self.own_children:
                continue  # the page shows these records its own way
            panel = CHILD_PANELS.get(child.key, ChildRecordsPanel)(self.context, child, inner)
            panel.navigateRequested.connect(self.navigateRequested)
            column.addWidget(panel)
            self.children.append(panel)
        self.review_box = ReviewBox(self.context, "", inner)
        column.addWidget(self.review_box)
        self.meta_label = plain_label()
        set_muted(self.meta_label)
        self.record_history_button = QPushButton(self.tr("History of this record…"))
        self.record_history_button.clicked.connect(
            lambda: self.historyRequested.emit(self.spec.key, self._current_id or "")
        )
        meta_row = QHBoxLayout()
        meta_row.addWidget(self.meta_label, 1)
        meta_row.addWidget(self.record_history_button)
        column.addLayout(meta_row)
        column.addStretch(1)
        scroll.setWidget(inner)
        self._detail_parts = [
            self.record_title,
            self.form,
            links_title,
            self.links,
            *self.children,
            self.meta_label,
            self.record_history_button,
        ]
        if self.record_buttons:
            self._detail_parts.append(actions)
        return scroll

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.add_record),
            (QKeySequence.StandardKey.Find, self.focus_filter),
        ):
            shortcut = QShortcut(keys, self, context=context)
            shortcut.activated.connect(slot)
        # Ctrl+N means "new project" in the window; here it means "new record": claim it
        # before the window's shortcut sees it (see eventFilter / event).
        self.installEventFilter(self)
        self.table.installEventFilter(self)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.New)
        ):
            event.accept()
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_columns()
            return False
        if isinstance(event, QKeyEvent):
            is_new = event.matches(QKeySequence.StandardKey.New)
            if event.type() == QEvent.Type.ShortcutOverride and is_new:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress and is_new:
                self.add_record()
                return True
            if (
                watched is self.filter_edit
                and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape
                and self.filter_edit.text()
            ):
                self.filter_edit.clear()
                return True
            if (
                watched is self.filter_edit
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            ):
                self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
                if self.model.rowCount() and not self.table.currentIndex().isValid():
                    self.select_row(0)
                return True
        return False

    # -- loading ---------------------------------------------------------------------------

    def _session_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        session = self.context.session
        if session is None:
            self.model.set_records([])
            return
        keep = self._current_id
        records, labels = registers.page_contents(session, self.spec.key)
        context = registers.record_context(session) if self._uses_context() else None
        self.model.set_records(records, labels, context)
        if context is not None:
            self.form.set_context(context)
        self._records_loaded(records)
        self._stale = False
        self._update_count()
        if keep is not None and self.model.row_of(keep) is not None:
            self.show_record(keep, focus=False)
        elif self.model.rowCount():
            self.select_row(0)
        else:
            self._current_id = None
            self._show_current()

    def _uses_context(self) -> bool:
        """Whether the page shows anything that depends on the project's scales."""
        return bool(self.spec.computed) or any(f.levels for f in self.spec.fields)

    def _records_loaded(self, records: list[Any]) -> None:
        """Called with every record after a full reload (the risk register redraws its map)."""

    def _records_updated(self) -> None:
        """Called after records changed in place (an edit of one field)."""

    def _project_changed(self, change_set: object) -> None:
        if not isinstance(change_set, ChangeSet):
            return
        touched = {c.entity for c in change_set.changes}
        if "risk_criteria" in touched and self._uses_context():
            if self.isVisible():
                self.reload()
            else:
                self._stale = True
            return
        if not touched & set(registers.REGISTERS) and "organisation" not in touched:
            return
        if not self.isVisible():
            self._stale = True
            return
        ours = [c for c in change_set.changes if c.entity == self.spec.key]
        structural = any(c.field == "" for c in change_set.changes)
        if ours and not structural and self.model.total():
            changed_ids = {c.entity_id for c in ours}
            session = self.context.session
            assert session is not None
            records, labels = registers.page_contents(session, self.spec.key, ids=changed_ids)
            self.model.update_records(records, labels)
            self._records_updated()
            if self._current_id in changed_ids:
                self._show_current({c.field for c in ours if c.entity_id == self._current_id})
            return
        self.reload()

    # -- list ------------------------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        current = self._current_id
        self.model.set_filter(text)
        self._update_count()
        if current is not None and self.model.row_of(current) is not None:
            self.show_record(current, focus=False)
        elif self.model.rowCount():
            self.select_row(0)
        else:
            self._current_id = None
            self._show_current()

    def _update_count(self) -> None:
        total, shown = self.model.total(), self.model.rowCount()
        if shown == total:
            text = self.tr("%n record(s)", "", total)
        else:
            text = self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total))
        self.count_label.setText(text)
        self._update_actions()

    def _update_actions(self) -> None:
        has = bool(self.selected_ids()) or self._current_id is not None
        editable = not self.read_only()
        self.duplicate_button.setEnabled(self._current_id is not None and editable)
        self.delete_button.setEnabled(has and editable)
        self.add_button.setEnabled(editable)
        self.import_action.setEnabled(editable)

    def read_only(self) -> bool:
        """In review mode a register is read, not edited (the review comments excepted)."""
        return self.context.review_mode

    def _review_mode_changed(self, _on: bool = False) -> None:
        """Review mode hides the editing: the form and the links' buttons go read-only, and the
        detail pane shows the reviewer's comments on the record."""
        read_only = self.read_only()
        self.form.set_read_only(read_only)
        if read_only and not self._frozen:
            self._frozen = freeze_inputs(self.links)
        elif not read_only and self._frozen:
            thaw_inputs(self._frozen)
            self._frozen = []
        self._update_actions()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [str(self.model.index(r, 0).data(ID_ROLE)) for r in rows]

    def show_record(self, record_id: str, *, focus: bool = True) -> bool:
        """Select a record (clearing the filter if it hides it)."""
        row = self.model.row_of(record_id)
        if row is None and self.filter_edit.text():
            self.filter_edit.clear()
            row = self.model.row_of(record_id)
        if row is None:
            return False
        self.select_row(row)
        if focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def open_current(self) -> None:
        if self._current_id is not None:
            self.form.focus_first()

    # -- detail ----------------------------------------------------------------------------

    def _show_current(self, changed: set[str] | None = None) -> None:
        index = self.table.currentIndex()
        record_id = str(index.data(ID_ROLE)) if index.isValid() else None
        if record_id != self._current_id:
            self.form.clear_error()
            changed = None
        self._current_id = record_id
        session = self.context.session
        has = record_id is not None and session is not None
        for part in self._detail_parts:
            part.setVisible(has)
        if not has:
            self.review_box.set_target("")
        self.empty_label.setVisible(not has and self.model.total() == 0)
        self._update_actions()
        if not has or session is None or record_id is None:
            for panel in self.children:
                panel.show_parent(None)
            return
        try:
            record = registers.record(session, self.spec.key, record_id)
        except UserFacingError:
            return
        self.record_title.setText(self.spec.label(record))
        self.review_box.set_target(self.review_target(record_id))
        self.form.show_values(record.model_dump(), changed)
        links = registers.links_of(session, self.spec.key, record_id)
        self.links.show_links(
            [
                (f.name, [(t.register, t.id, t.label) for t in targets])
                for f, targets in links.outgoing
            ],
            [(i.register, i.id, i.label) for i in links.incoming],
        )
        for panel in self.children:
            if changed is None or panel.parent_id != record_id:
                panel.show_parent(record_id)
        self.meta_label.setText(
            self.tr("Added %1 · last changed %2 by %3")
            .replace("%1", format_stamp(record.created_at))
            .replace("%2", format_stamp(record.updated_at))
            .replace("%3", record.changed_by or "—")
        )

    def review_target(self, record_id: str) -> str:
        """What a review comment on the shown record is about ("" for no comment box)."""
        return f"register:{self.spec.key}:{record_id}"

    @property
    def current_id(self) -> str | None:
        return self._current_id

    def request_report(self, kind: str) -> None:
        if self._current_id is not None:
            self.reportRequested.emit(kind, self._current_id)

    def apply_change(self, operation: Callable[[Any], ChangeSet]) -> ChangeSet | None:
        """Run one service call for an extra button; refusals show in the form."""
        return self._apply(operation)

    def _people(self) -> list[str]:
        session = self.context.session
        return registers.people(session) if session is not None else []

    # -- edits -----------------------------------------------------------------------------

    def _apply(self, operation: Callable[[Any], ChangeSet]) -> ChangeSet | None:
        try:
            change_set = self.context.apply(operation)
        except UserFacingError as error:
            self.form.show_error(str(error))
            return None
        self.form.clear_error()
        return change_set

    def _field_committed(self, name: str, value: object) -> None:
        record_id = self._current_id
        if record_id is None:
            return
        result = self._apply(lambda s: registers.edit(s, self.spec.key, record_id, **{name: value}))
        if result is None:
            self.form.refused(name)

    def _link(self, field: str, target_ids: list[str]) -> None:
        record_id = self._current_id
        if record_id is not None:
            self._apply(lambda s: registers.link(s, self.spec.key, record_id, field, target_ids))

    def _unlink(self, field: str, target_ids: list[str]) -> None:
        record_id = self._current_id
        if record_id is not None:
            self._apply(lambda s: registers.unlink(s, self.spec.key, record_id, field, target_ids))

    def _link_choices(self, field: FieldSpec) -> list[tuple[str, str]]:
        session = self.context.session
        if session is None:
            return []
        targets = registers.link_targets(session, field)
        return [(t.id, t.label) for t in targets if t.id != self._current_id]

    def add_record(self) -> None:
        """Add a record with a provisional name, select it and put the cursor in its form."""
        if self.context.session is None or self.spec.parent is not None:
            return
        values: dict[str, object] = {}
        first_text: str | None = None
        for field in self.spec.fields:
            if field.kind is FieldKind.TEXT and field.required:
                values[field.name] = self.tr("New %1").replace(
                    "%1", registers.in_sentence(self.spec.title)
                )
                first_text = first_text or field.name
        change_set = self._apply(lambda s: registers.add(s, self.spec.key, values))
        if not change_set:
            return
        new_id = change_set.changes[0].entity_id
        if self.filter_edit.text():
            self.filter_edit.clear()
        self.reload()
        self.show_record(new_id, focus=False)
        editor = self.form.editors.get(first_text or "")
        if isinstance(editor, QLineEdit):
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            editor.selectAll()
        else:
            self.form.focus_first()

    def duplicate_current(self) -> None:
        record_id = self._current_id
        if record_id is None:
            return
        change_set = self._apply(lambda s: registers.duplicate(s, self.spec.key, record_id))
        if change_set:
            self.reload()
            self.show_record(change_set.changes[0].entity_id)

    def delete_selected(self) -> None:
        ids = self.selected_ids() or ([self._current_id] if self._current_id else [])
        if not ids:
            return
        row = self.table.currentIndex().row()
        change_set = self._apply(lambda s: registers.delete(s, self.spec.key, ids))
        if change_set:
            self.reload()
            if self.model.rowCount():
                self.select_row(min(max(row, 0), self.model.rowCount() - 1))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- columns ---------------------------------------------------------------------------

    def _settings_key(self) -> str:
        return f"registers/{self.spec.key}/columns"

    def visible_columns(self) -> list[str]:
        return [
            f.name
            for column, f in enumerate(self.model.fields)
            if not self.table.isColumnHidden(column)
        ]

    def _restore_columns(self) -> None:
        stored = app_settings().value(self._settings_key())
        names = [str(n) for n in stored] if isinstance(stored, list) else None
        wanted = set(names) if names else set(self.spec.columns) - set(self.spec.hidden_columns)
        for column, field in enumerate(self.model.fields):
            self.table.setColumnHidden(column, field.name not in wanted)
        self.model.set_search_columns(self.visible_columns())

    def set_column_visible(self, name: str, visible: bool) -> None:
        column = self.model.column_of(name)
        if not visible and len(self.visible_columns()) <= 1:
            return  # keep at least one column
        self.table.setColumnHidden(column, not visible)
        self._fit_columns()
        app_settings().setValue(self._settings_key(), self.visible_columns())
        self.model.set_search_columns(self.visible_columns())
        self._update_count()

    def _columns_menu(self) -> QMenu:
        menu = QMenu(self)
        self._fill_menu(menu)
        return menu

    def _fill_columns_menu(self) -> None:
        self._fill_menu(self.columns_menu)

    def _fill_menu(self, menu: QMenu) -> None:
        menu.clear()
        for column, field in enumerate(self.model.fields):
            action = QAction(field.title, menu)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, n=field.name: self.set_column_visible(n, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(self.tr("Reset to the usual columns"))
        reset.triggered.connect(self._reset_columns)

    def _reset_columns(self) -> None:
        app_settings().remove(self._settings_key())
        self._restore_columns()

    # -- layout ----------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Shown columns at their comfortable widths when they fit; when the list is narrower
        (800 logical pixels at 200%), each gets its share of the room and long texts end in
        "…" (the record's form shows them whole), so the list never scrolls sideways."""
        shown = [c for c in self._preferred if not self.table.isColumnHidden(c)]
        if not shown:
            return
        room = self.table.viewport().width()
        wanted = sum(self._preferred[c] for c in shown)
        header = self.table.horizontalHeader()
        if wanted <= room:
            for column in shown:
                if header.sectionSize(column) < self._preferred[column]:
                    header.resizeSection(column, self._preferred[column])
            return
        floor = self.fontMetrics().averageCharWidth() * 5
        for column in shown:
            header.resizeSection(column, max(floor, self._preferred[column] * room // wanted))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = Qt.Orientation.Horizontal if self.width() >= WIDE else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
        QTimer.singleShot(0, self, self._fit_columns)

    def show_message(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
