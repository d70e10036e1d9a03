"""Annex A review: the 38 controls, whether each applies, and how far it is in place.

Contract with the main window:
    AnnexAPage(context, parent=None)
    navigateRequested = Signal(str)
    show_item(item_id)                   # select a control such as "A.6.2.4" or a group "A.6"
    commit_pending()                     # save text still being typed (Save, Close)
It follows context.sessionChanged / context.changed itself.

This is the data of the Statement of Applicability. The tree on the left gives the overview
(grouped A.2 to A.10, A.6 with its two sub-groups); the panel on the right is the same editor the
clause wizards use, with the applicability choice and its justification on top.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHideEvent,
    QIcon,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.catalog import Catalog, CatalogItem, Heading
from aims_desktop.domain.assessment import Applicability, Assessment
from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.status import Status
from aims_desktop.gui.assessment.editor import CONTENT_WIDTH, AssessmentEditor
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.settings import app_settings
from aims_desktop.gui.widgets.fields import (
    LinkButton,
    plain_label,
    set_muted,
    set_point_size,
)
from aims_desktop.gui.widgets.flow import flow_row
from aims_desktop.gui.widgets.plain_text import plain_tooltip
from aims_desktop.gui.widgets.status_labels import status_icon, status_label, touched_items
from aims_desktop.services.session import ProjectSession

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
GROUP, CONTROL = "group", "control"
OWNER_ROLE = Qt.ItemDataRole.UserRole + 4
TITLE_ROLE = Qt.ItemDataRole.UserRole + 5
APPLICABILITY_ROLE = Qt.ItemDataRole.UserRole + 6
CONTROL_COLUMN, STATUS_COLUMN = range(2)
COMPACT_BELOW = 34
"""Tree width, in letters, under which the status moves under the title (800 pixels at 200%)."""


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: QTreeView wraps text only within the row height it
    computed for one line, which cut titles short ("A.2.2 …") in a narrow window."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QTreeView):
            return hint
        width = view.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= view.iconSize().width() if view.iconSize().isValid() else 16
            width -= 6
        width -= 12  # the style's text margins
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else option.font)
        text = str(index.data() or "")
        box = metrics.boundingRect(
            QRect(0, 0, max(width, 20), 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(hint.width(), max(hint.height(), box.height() + 6))


def _selected_key(project_id: str) -> str:
    return f"annexA/{project_id}/selected"


class AnnexAModel(QStandardItemModel):
    """Groups A.2 to A.10 (A.6 with sub-groups A.6.1 and A.6.2) and their controls.

    Column 0 carries the id (ID_ROLE) and whether the row is a group or a control (KIND_ROLE).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[str, list[QStandardItem]] = {}
        self._catalog: Catalog | None = None
        self._statuses: dict[str, Status] = {}
        self._applicability: dict[str, Applicability] = {}
        self.compact = False
        """Narrow: the status is written under the title, its dot beside it; no Status column."""
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Control"), self.tr("Status")])

    def populate(self, session: ProjectSession | None) -> None:
        # removeRows, not clear(): clear() drops the columns and with them the view's sizing.
        self.removeRows(0, self.rowCount())
        self._rows = {}
        self._statuses = {}
        if session is None:
            return
        self._catalog = session.catalog
        stored = session.assessments()
        for group in session.catalog.annex_a_groups:
            group_row = self._group_row(group)
            self.appendRow(group_row)
            subgroups = session.catalog.sub_headings_of(group.id)
            for sub in subgroups:
                sub_row = self._group_row(sub, group)
                group_row[0].appendRow(sub_row)
                for control in session.catalog.children_of(sub.id):
                    sub_row[0].appendRow(self._control_row(control, stored, (group, sub)))
            if not subgroups:
                for control in session.catalog.children_of(group.id):
                    group_row[0].appendRow(self._control_row(control, stored, (group,)))
        self._update_groups()

    def _group_row(self, heading: Heading, parent: Heading | None = None) -> list[QStandardItem]:
        title = QStandardItem(f"{heading.id}  {heading.title}")
        title.setData(title.text(), TITLE_ROLE)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        title.setData(heading.id, ID_ROLE)
        title.setData(GROUP, KIND_ROLE)
        title.setData(f"{heading.id} {heading.title}".lower(), SEARCH_ROLE)
        if heading.objective:
            title.setToolTip(self.tr("Objective: %1").replace("%1", heading.objective))
        row = [title, QStandardItem()]
        for cell in row:
            cell.setEditable(False)
        self._rows[heading.id] = row
        return row

    def _control_row(
        self, control: CatalogItem, stored: dict[str, Assessment], groups: tuple[Heading, ...]
    ) -> list[QStandardItem]:
        row = [QStandardItem() for _ in range(2)]
        for cell in row:
            cell.setEditable(False)
        row[0].setText(f"{control.id}  {control.title}")
        row[0].setData(row[0].text(), TITLE_ROLE)
        row[0].setToolTip(control.summary)
        row[0].setData(control.id, ID_ROLE)
        row[0].setData(CONTROL, KIND_ROLE)
        groups_text = " ".join(f"{g.id} {g.title}" for g in groups)
        row[0].setData(f"{control.id} {control.title} {groups_text}".lower(), SEARCH_ROLE)
        self._rows[control.id] = row
        self._fill(control.id, stored.get(control.id) or Assessment(item_id=control.id))
        return row

    def _fill(self, item_id: str, assessment: Assessment) -> None:
        row = self._rows[item_id]
        status = assessment.status
        applicability = Applicability.EXCLUDED if assessment.excluded else assessment.applicability
        self._statuses[item_id] = status
        self._applicability[item_id] = applicability
        row[0].setData(status.value, STATUS_ROLE)
        row[0].setData(applicability.value, APPLICABILITY_ROLE)
        if applicability is Applicability.UNDECIDED and status is Status.NOT_ASSESSED:
            row[STATUS_COLUMN].setText(undecided_label())
        else:
            row[STATUS_COLUMN].setText(status_label(status))  # "Excluded" when not applicable
        row[STATUS_COLUMN].setIcon(status_icon(status))
        row[0].setData(assessment.owner, OWNER_ROLE)
        owner = self.tr("Owner: %1").replace("%1", assessment.owner) if assessment.owner else ""
        row[STATUS_COLUMN].setToolTip(plain_tooltip(owner))
        self._show_title(row)

    def _show_title(self, row: list[QStandardItem]) -> None:
        """The title, and in compact mode the status written under it with its dot beside."""
        title = str(row[0].data(TITLE_ROLE))
        status = row[STATUS_COLUMN].text()
        row[0].setText(f"{title}\n{status}" if self.compact and status else title)
        row[0].setIcon(row[STATUS_COLUMN].icon() if self.compact else QIcon())

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        for row in self._rows.values():
            self._show_title(row)

    def update_controls(self, session: ProjectSession, item_ids: set[str]) -> None:
        for item_id in item_ids & set(self._statuses):
            self._fill(item_id, session.assessment(item_id))
        self._update_groups()

    def _update_groups(self) -> None:
        """Group rows show how many of their applicable controls are met."""
        if self._catalog is None:
            return
        for heading_id, row in self._rows.items():
            if row[0].data(KIND_ROLE) != GROUP:
                continue
            statuses = [
                self._statuses[c.id]
                for c in self._catalog.children_of(heading_id)
                if c.id in self._statuses
            ]
            applicable = [s for s in statuses if s is not Status.NOT_APPLICABLE]
            met = sum(1 for s in applicable if s is Status.MET)
            text = self.tr("%1 of %2 met").replace("%1", str(met))
            text = text.replace("%2", str(len(applicable)))
            excluded = len(statuses) - len(applicable)
            if excluded:
                text += self.tr(", %1 excluded").replace("%1", str(excluded))
            row[STATUS_COLUMN].setText(text)
            self._show_title(row)

    def index_of(self, some_id: str) -> QModelIndex:
        row = self._rows.get(some_id)
        return row[0].index() if row else QModelIndex()

    def control_ids(self) -> list[str]:
        return [i for i, r in self._rows.items() if r[0].data(KIND_ROLE) == CONTROL]

    def status_of(self, item_id: str) -> Status:
        return self._statuses[item_id]

    def applicability_of(self, item_id: str) -> Applicability:
        return self._applicability[item_id]


def undecided_label() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("AnnexA", "Not decided yet")


UNDECIDED_FILTER = "undecided"
STATUS_FILTERS: tuple[tuple[str, frozenset[Status]], ...] = (
    ("all", frozenset(Status)),
    (UNDECIDED_FILTER, frozenset(Status)),
    ("applicable", frozenset(s for s in Status if s is not Status.NOT_APPLICABLE)),
    ("gaps", frozenset({Status.NOT_MET, Status.PARTIALLY_MET})),
    ("not_assessed", frozenset({Status.NOT_ASSESSED})),
    ("met", frozenset({Status.MET})),
    ("excluded", frozenset({Status.NOT_APPLICABLE})),
)


class AnnexAFilter(QSortFilterProxyModel):
    """Shows the controls matching the text and status filter, with the groups they are in."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.statuses: frozenset[Status] = frozenset(Status)
        self.undecided_only = False
        self.setRecursiveFilteringEnabled(True)
        # Rows stay put while the user edits them; the filter applies when it is changed.
        self.setDynamicSortFilter(False)

    def set_filter(
        self, text: str, statuses: frozenset[Status], *, undecided_only: bool = False
    ) -> None:
        self.text = text.strip().lower()
        self.statuses = statuses
        self.undecided_only = undecided_only
        self.invalidate()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if index.data(KIND_ROLE) == GROUP:
            return not self.text and self.statuses == frozenset(Status) and not self.undecided_only
        if self.undecided_only and index.data(APPLICABILITY_ROLE) != Applicability.UNDECIDED.value:
            return False
        if self.text:
            owner = str(index.data(OWNER_ROLE) or "").lower()
            if self.text not in str(index.data(SEARCH_ROLE)) and self.text not in owner:
                return False
        return Status(index.data(STATUS_ROLE)) in self.statuses


class GroupPanel(QWidget):
    """What a group of controls is for (its objective), and its controls at a glance.

    Signals:
        itemRequested(str): the user clicked one of the group's controls.
    """

    itemRequested = Signal(str)

    def __init__(self, session: ProjectSession, group_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        catalog = session.catalog
        heading = catalog.heading(group_id)
        stored = session.assessments()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 24)
        column = QWidget()
        column.setMaximumWidth(CONTENT_WIDTH)
        outer.addWidget(column, 1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        crumbs = plain_label(self.tr("Annex A"))
        set_muted(crumbs)
        layout.addWidget(crumbs)
        title = plain_label(f"{heading.id}  {heading.title}")
        set_point_size(title, 1.45, bold=True)
        layout.addWidget(title)
        self.links: dict[str, LinkButton] = {}
        sections = catalog.sub_headings_of(group_id) or (heading,)
        for section in sections:
            if section is not heading:
                sub = plain_label(f"{section.id}  {section.title}")
                set_point_size(sub, 1.15, bold=True)
                sub.setContentsMargins(0, 12, 0, 0)
                layout.addWidget(sub)
            if section.objective:
                objective_title = plain_label(self.tr("Objective"))
                objective_title.setContentsMargins(0, 6, 0, 0)
                set_point_size(objective_title, 1.0, bold=True)
                layout.addWidget(objective_title)
                layout.addWidget(plain_label(section.objective))
            for control in catalog.children_of(section.id):
                found = stored.get(control.id)
                status = found.status if found else Status.NOT_ASSESSED
                row = QHBoxLayout()
                icon = QLabel()
                icon.setPixmap(status_icon(status, self.palette()).pixmap(14, 14))
                link = LinkButton(f"{control.id}  {control.title}", control.id)
                link.clicked.connect(lambda _=False, t=control.id: self.itemRequested.emit(t))
                self.links[control.id] = link
                state = plain_label(status_label(status), wrap=False)
                set_muted(state)
                row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
                # the status follows the title, or goes under it when the panel is narrow
                row.addWidget(flow_row(link, state, spacing=12), 1)
                layout.addLayout(row)
        layout.addStretch(1)


class AnnexAPage(QWidget):
    """Review every Annex A control: applicable or excluded (with why), status, owner, notes.

    Signals:
        navigateRequested(str): the user followed a link to a clause ("6.1.3") or elsewhere.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.editor: AssessmentEditor | None = None
        self.group_panel: GroupPanel | None = None
        self._selected = ""
        self._remembered: dict[str, str] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        title = plain_label(self.tr("Annex A controls"))
        set_point_size(title, 1.45, bold=True)
        intro = plain_label(
            self.tr(
                "Annex A of ISO/IEC 42001 lists 38 controls, in nine groups. For each one, decide "
                "whether it applies to your organisation and how far it is in place. An excluded "
                "control needs a reason. Together these choices are your Statement of "
                "Applicability, the first document an auditor asks for."
            )
        )
        set_muted(intro)
        layout.addWidget(title)
        layout.addWidget(intro)
        self.document_label = plain_label()
        self.document_label.setObjectName("soaDocument")
        self.document_button = QPushButton(self.tr("Document details…"))
        self.document_button.setObjectName("soaDetailsButton")
        self.document_button.setToolTip(
            self.tr("The statement's number, version, and who approved it and when")
        )
        self.document_button.clicked.connect(self.edit_document)
        document_row = QHBoxLayout()
        document_row.addWidget(self.document_label, 1)
        document_row.addWidget(self.document_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(document_row)

        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by number, title or owner"))
        self.filter_edit.setAccessibleName(self.tr("Filter controls"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show controls"))
        labels = {
            "all": self.tr("All controls"),
            UNDECIDED_FILTER: self.tr("Not decided yet"),
            "applicable": self.tr("Applicable"),
            "gaps": self.tr("Gaps (not met or partially met)"),
            "not_assessed": self.tr("Not assessed"),
            "met": self.tr("Met"),
            "excluded": self.tr("Excluded"),
        }
        for key, _statuses in STATUS_FILTERS:
            self.status_filter.addItem(labels[key], key)
        unit = self.fontMetrics().horizontalAdvance("M")
        self.filter_edit.setMinimumWidth(unit * 14)  # never "Fi…", however narrow the window
        self.counts_label = plain_label()  # on a line of its own: it wraps, the filter keeps room
        set_muted(self.counts_label)
        filters.addWidget(self.filter_edit, 3)
        filters.addWidget(self.status_filter, 2)
        layout.addLayout(filters)
        layout.addWidget(self.counts_label)

        self.model = AnnexAModel(self)
        self.proxy = AnnexAFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(self.tr("Annex A controls"))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Titles wrap in a narrow window instead of shrinking to "A.2.2 …"; the status column
        # is as wide as the longest status, so "1 of 3 met, 1 excluded" on a group row wraps
        # within it instead of widening it and cutting the titles shorter.
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CONTROL_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(STATUS_COLUMN, self._status_column_width())
        header.sectionResized.connect(lambda *_args: self.tree.doItemsLayout())
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        self.detail = QScrollArea()
        self.detail.setWidgetResizable(True)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        self.detail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.tree.setMinimumWidth(unit * 20)
        self.splitter.setSizes([unit * 44, unit * 48])
        self.splitter.setChildrenCollapsible(False)
        self.tree.installEventFilter(self)  # its own size decides compact or not
        layout.addWidget(self.splitter, 1)

        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        context.sessionChanged.connect(self._reload)
        context.changed.connect(self._on_changed)
        self._reload()

    def _fit_tree(self) -> None:
        """Narrow: one column, the status under each title; wide: a Status column."""
        compact = self.tree.width() < self.fontMetrics().horizontalAdvance("M") * COMPACT_BELOW
        if compact != self.model.compact:
            self.model.set_compact(compact)
            self.tree.setColumnHidden(STATUS_COLUMN, compact)
        self.tree.doItemsLayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.Resize:
            self._fit_tree()
        return super().eventFilter(watched, event)

    def _status_column_width(self) -> int:
        """Room for the longest status word with its dot, and no more."""
        metrics = self.tree.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(text)
            for text in (*(status_label(s) for s in Status), undecided_label())
        )
        return widest + 16 + 24  # the dot and the cell's padding

    # -- loading ---------------------------------------------------------------------------

    def _reload(self) -> None:
        self.editor = None
        self.group_panel = None
        self._selected = ""
        self.model.populate(self.context.session)
        self.proxy.invalidate()
        self.tree.expandAll()
        self._update_counts()
        self._show_document()
        session = self.context.session
        if session is None:
            empty = plain_label(self.tr("Open or create a project to review Annex A."))
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.detail.setWidget(empty)
            return
        wanted = self._remembered.get(session.project_id) or str(
            app_settings().value(_selected_key(session.project_id), "") or ""
        )
        ids = self.model.control_ids()
        self.show_item(wanted if self.model.index_of(wanted).isValid() else ids[0])

    def _show_document(self) -> None:
        from aims_desktop.gui.assessment.soa_details import describe
        from aims_desktop.services import soa

        session = self.context.session
        if session is None:
            self.document_label.setText("")
            return
        self.document_label.setText(
            self.tr("Statement of Applicability: %1").replace("%1", describe(soa.document(session)))
        )

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a dialog modally (tests replace this to drive it instead)."""
        return dialog.exec()

    def edit_document(self) -> None:
        from aims_desktop.gui.assessment.soa_details import SoADetailsDialog

        if self.context.session is not None:
            self.run_dialog(SoADetailsDialog(self.context, self))

    def _update_counts(self) -> None:
        ids = self.model.control_ids()
        if not ids:
            self.counts_label.setText("")
            return
        decided = [self.model.applicability_of(i) for i in ids]
        applicable = sum(1 for a in decided if a is Applicability.APPLICABLE)
        excluded = sum(1 for a in decided if a is Applicability.EXCLUDED)
        undecided = sum(1 for a in decided if a is Applicability.UNDECIDED)
        met = sum(1 for i in ids if self.model.status_of(i) is Status.MET)
        self.counts_label.setText(
            self.tr("%1 controls: %2 apply, %3 excluded, %5 not decided yet, %4 met")
            .replace("%1", str(len(ids)))
            .replace("%2", str(applicable))
            .replace("%3", str(excluded))
            .replace("%4", str(met))
            .replace("%5", str(undecided))
        )

    def _apply_filter(self) -> None:
        key = self.status_filter.currentData()
        statuses = dict(STATUS_FILTERS)[key]
        self.proxy.set_filter(
            self.filter_edit.text(), statuses, undecided_only=key == UNDECIDED_FILTER
        )
        self.tree.expandAll()
        if self._selected:
            self._select_in_tree(self._selected)

    # -- selection -------------------------------------------------------------------------

    @property
    def selected_id(self) -> str:
        return self._selected

    def show_item(self, item_id: str) -> None:
        """Select a control ("A.6.2.4") or a group ("A.6") and show it in the detail panel."""
        if not self.model.index_of(item_id).isValid():
            return
        if not self._select_in_tree(item_id):
            # Hidden by the filter: clear the filter rather than show something else.
            self.filter_edit.clear()
            self.status_filter.setCurrentIndex(0)
            self._select_in_tree(item_id)
        self._show_detail(item_id)

    def _select_in_tree(self, item_id: str) -> bool:
        index = self.proxy.mapFromSource(self.model.index_of(item_id))
        if not index.isValid():
            return False
        selection = self.tree.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.tree.viewport().update()
        self.tree.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            item_id = str(current.siblingAtColumn(0).data(ID_ROLE))
            if item_id != self._selected:
                self._show_detail(item_id)

    def _show_detail(self, item_id: str) -> None:
        session = self.context.session
        if session is None or item_id == self._selected:
            return
        self.commit_pending()
        self._selected = item_id
        self._remembered[session.project_id] = item_id
        app_settings().setValue(_selected_key(session.project_id), item_id)
        if session.catalog.has_item(item_id):
            self.editor = AssessmentEditor(self.context, item_id)
            self.editor.navigateRequested.connect(self._follow)
            self.group_panel = None
            self.detail.setWidget(self.editor)
        else:
            self.group_panel = GroupPanel(session, item_id)
            self.group_panel.itemRequested.connect(self.show_item)
            self.editor = None
            self.detail.setWidget(self.group_panel)
        self.detail.verticalScrollBar().setValue(0)

    def _follow(self, target: str) -> None:
        if self.model.index_of(target).isValid():
            self.show_item(target)
        else:
            self.commit_pending()
            self.navigateRequested.emit(target)

    def commit_pending(self) -> None:
        """Save text the user typed in the detail panel but has not yet left."""
        if self.editor is not None and self.context.session is not None:
            self.editor.commit_pending()

    # -- following the project -------------------------------------------------------------

    def _on_changed(self, change_set: ChangeSet) -> None:
        session = self.context.session
        if session is None:
            return
        if any(c.entity == "soa_document" for c in change_set.changes):
            self._show_document()
        touched = touched_items(change_set)
        controls = {i for i in touched if i.startswith("A.")}
        if not controls:
            return
        self.model.update_controls(session, controls)
        self._update_counts()
        if self.group_panel is not None and any(
            c.startswith(self._selected + ".") for c in controls
        ):
            selected = self._selected
            self._selected = ""
            self._show_detail(selected)

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit_pending()
        super().hideEvent(event)
