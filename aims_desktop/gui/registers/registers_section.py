"""The Registers section: every register of the AIMS, grouped by clause, each with its count.

Contract with the main window: `RegistersSection(context, parent)`, `show_item(target)` for the
targets "register:KEY" and "register:KEY:RECORD_ID", and the signals below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.registers import GROUPS, REGISTERS
from aims_desktop.domain.registers.keys import RISK
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers import competence_page, drafting_page, mandatory_page
from aims_desktop.gui.registers.evaluation_pages import CHILD_PANELS, PAGE_CLASSES
from aims_desktop.gui.registers.register_page import RegisterPage

KEY_ROLE = Qt.ItemDataRole.UserRole + 1

VIEWS: dict[str, tuple[str, str, type[QWidget]]] = {
    mandatory_page.KEY: (
        "support",
        "Mandatory records",
        mandatory_page.MandatoryRecordsPage,
    ),
    competence_page.KEY: ("support", "Competence matrix", competence_page.CompetencePage),
    drafting_page.KEY: ("support", "Draft a core document", drafting_page.DraftingPage),
}
"""Pages across registers, listed in a group after its registers: key -> (group, title, page)."""


def page_class(key: str) -> type[RegisterPage]:
    """The page of a register: the generic one, or a register's own where it needs a picture
    (the risk register's heat map)."""
    if key == RISK:
        from aims_desktop.gui.registers.risk_page import RiskRegisterPage

        return RiskRegisterPage
    return PAGE_CLASSES.get(key, RegisterPage)


class RegistersSection(QWidget):
    """Signals:
    navigateRequested(str): go to a clause, control, or another register's record.
    historyRequested(str, str): show the history of (register, record id or "").
    importRequested(str): import a spreadsheet into the register with this key.
    exportRequested(str, str): export (register key, "xlsx" or "csv").
    reportRequested(str, str): make a report of one record (report kind, its reference or
        id).
    """

    navigateRequested = Signal(str)
    historyRequested = Signal(str, str)
    importRequested = Signal(str)
    exportRequested = Signal(str, str)
    reportRequested = Signal(str, str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_registers")
        self.context = context
        self.pages: dict[str, RegisterPage] = {}
        self.views: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # On a narrow window the list gives way to a drop-down above the page.
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("registerChooser")
        self.chooser.setAccessibleName(self.tr("Register"))
        chooser_row = QHBoxLayout()
        chooser_row.setContentsMargins(16, 8, 16, 0)
        chooser_label = QLabel(self.tr("Register:"), self)
        chooser_label.setBuddy(self.chooser)
        chooser_row.addWidget(chooser_label)
        chooser_row.addWidget(self.chooser, 1)
        self.chooser_bar = QWidget(self)
        self.chooser_bar.setLayout(chooser_row)
        outer.addWidget(self.chooser_bar)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        outer.addLayout(row, 1)
        self.list = QTreeWidget(self)
        self.list.setObjectName("registerList")
        self.list.setAccessibleName(self.tr("Registers"))
        self.list.setHeaderHidden(True)
        self.list.setColumnCount(2)
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setIndentation(10)
        self.items: dict[str, QTreeWidgetItem] = {}
        for group, title in GROUPS.items():
            members = [s for s in REGISTERS.values() if s.group == group and s.parent is None]
            views = [(k, v) for k, v in VIEWS.items() if v[0] == group]
            if not members and not views:
                continue
            heading = QTreeWidgetItem([title])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.list.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            self.chooser.addItem(title, None)
            model = self.chooser.model()
            heading_index = model.index(self.chooser.count() - 1, 0)
            model.setData(heading_index, 0, Qt.ItemDataRole.UserRole - 1)  # not selectable
            for spec in members:
                self.chooser.addItem("    " + spec.plural, spec.key)
                item = QTreeWidgetItem([spec.plural, ""])
                item.setData(0, KEY_ROLE, spec.key)
                item.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                heading.addChild(item)
                self.items[spec.key] = item
            for key, (_group, view_title, _page) in views:
                shown = self.tr(view_title)
                self.chooser.addItem("    " + shown, key)
                item = QTreeWidgetItem([shown, ""])
                item.setData(0, KEY_ROLE, key)
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
                heading.addChild(item)
                self.items[key] = item
            heading.setExpanded(True)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, self.list.header().ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(1, self.list.header().ResizeMode.ResizeToContents)
        char = self.fontMetrics().averageCharWidth()
        self.list.setFixedWidth(char * 36)
        # Start narrow (the drop-down): a list shown before the first resize would make a small
        # window grow to fit it. resizeEvent shows the list when there is room.
        self.list.hide()
        self.list.currentItemChanged.connect(self._chosen)
        self.chooser.activated.connect(self._chooser_activated)
        self.stack = QStackedWidget(self)
        row.addWidget(self.list)
        row.addWidget(self.stack, 1)
        context.changed.connect(self._changed)
        context.sessionChanged.connect(self.refresh_counts)
        self.refresh_counts()
        first = next(iter(self.items.values()), None)
        if first is not None:
            self.list.setCurrentItem(first)

    def _changed(self, change_set: object) -> None:
        if isinstance(change_set, ChangeSet) and any(
            c.field == "" and c.entity in REGISTERS for c in change_set.changes
        ):
            self.refresh_counts()

    def refresh_counts(self) -> None:
        session = self.context.session
        if session is None:
            return
        from aims_desktop.services import registers

        for key, count in registers.counts(session).items():
            item = self.items.get(key)
            if item is not None:
                item.setText(1, str(count))
                index = self.chooser.findData(key)
                if index >= 0:
                    self.chooser.setItemText(index, f"    {REGISTERS[key].plural} ({count})")
                item.setData(
                    1, Qt.ItemDataRole.AccessibleTextRole, self.tr("%n record(s)", "", count)
                )

    def page(self, key: str) -> RegisterPage:
        if key not in self.pages:
            spec = REGISTERS[key]
            page = page_class(key)(self.context, spec, self.stack)
            page.navigateRequested.connect(self.navigateRequested)
            page.historyRequested.connect(self.historyRequested)
            page.importRequested.connect(lambda k=key: self.importRequested.emit(k))
            page.exportRequested.connect(lambda kind, k=key: self.exportRequested.emit(k, kind))
            page.reportRequested.connect(self.reportRequested)
            self.stack.addWidget(page)
            self.pages[key] = page
        return self.pages[key]

    def view(self, key: str) -> QWidget:
        """A page across registers (the mandatory records, the competence matrix, drafting)."""
        if key not in self.views:
            page = VIEWS[key][2](self.context, self.stack)  # type: ignore[call-arg]
            navigate = getattr(page, "navigateRequested", None)
            if navigate is not None:
                navigate.connect(self.navigateRequested)
            self.stack.addWidget(page)
            self.views[key] = page
        return self.views[key]

    def _chosen(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            return
        key = current.data(0, KEY_ROLE)
        if not key:
            return
        if str(key) in VIEWS:
            self.stack.setCurrentWidget(self.view(str(key)))
        else:
            self.stack.setCurrentWidget(self.page(str(key)))
        index = self.chooser.findData(str(key))
        if index >= 0 and self.chooser.currentIndex() != index:
            self.chooser.setCurrentIndex(index)

    def _chooser_activated(self, index: int) -> None:
        key = self.chooser.itemData(index)
        if key:
            self.list.setCurrentItem(self.items[str(key)])

    NARROW = 980
    """Below this width the list is replaced by the drop-down."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < self.NARROW
        self.list.setVisible(not narrow)
        self.chooser_bar.setVisible(narrow)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None else None
        return str(key) if key else None

    def current_page(self) -> RegisterPage | None:
        key = self.current_key()
        return self.pages.get(key) if key else None

    def show_view(self, key: str) -> QWidget:
        self.list.setCurrentItem(self.items[key])
        return self.view(key)

    def show_register(self, key: str) -> RegisterPage:
        self.list.setCurrentItem(self.items[key])
        return self.page(key)

    def show_item(self, target: str) -> None:
        """ "register:ai_system" shows the register; "register:ai_system:ID" one record."""
        parts = target.split(":")
        if len(parts) == 2 and parts[1] in VIEWS:
            self.show_view(parts[1]).setFocus()
            return
        if len(parts) < 2 or parts[1] not in REGISTERS:
            return
        spec = REGISTERS[parts[1]]
        key = spec.parent or spec.key  # a child record is shown within its parent register
        page = self.show_register(key)
        if len(parts) > 2 and parts[2] and spec.parent is not None:
            self._show_child(page, spec.key, parts[2])
        elif len(parts) > 2 and parts[2]:
            page.show_record(parts[2])
        else:
            page.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_child(self, page: RegisterPage, key: str, child_id: str) -> None:
        """A child record: its parent in the list, then the child in the parent's panel."""
        session = self.context.session
        if session is None:
            return
        from aims_desktop.services import registers
        from aims_desktop.services.errors import UserFacingError

        try:
            child = registers.record(session, key, child_id)
        except UserFacingError:
            return
        page.show_record(str(getattr(child, "parent_id", "")))
        panel = getattr(page, CHILD_PANELS.get(key, ""), None)
        if panel is not None:
            panel.select(child_id)
