"""What changed since revision N (or since a date), for an auditor returning to a project.

The list comes from services.changes: every requirement and record that changed, grouped by
part of the project, each field from its value then to its value now. A group opens where the
requirement or record is shown; the list prints as a PDF through the Reports page.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.change_list import ADDED, DELETED, ChangeLine, ChangeList
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.dates import format_stamp
from aims_desktop.gui.widgets.fields import DateEdit, plain_label, set_muted
from aims_desktop.gui.widgets.flow import flow_row
from aims_desktop.gui.widgets.plain_text import plain_tooltip

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_LIMIT = 300
"""Characters of a value the list shows (the PDF prints more, the history viewer all of it)."""


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= VALUE_LIMIT else one[: VALUE_LIMIT - 1] + "…"


def line_text(line: ChangeLine) -> str:
    """One change in words, as the list shows it."""
    who = f"{line.who}, {format_stamp(line.at)}, revision {line.revision}"
    if line.what == ADDED:
        return f"Added: {_short(line.new)}  ({who})"
    if line.what == DELETED:
        return f"Deleted: {_short(line.old)}  ({who})"
    old = _short(line.old) or "(empty)"
    new = _short(line.new) or "(empty)"
    name = line.field or "Changed"
    return f"{name}: {old}  →  {new}  ({who})"


class ChangesDialog(QDialog):
    """Signals:
    navigateRequested(str): show a requirement or record of the list (the dialog closes).
    printRequested(object, object): print the list as a PDF: (since revision or None, since
        date or None).
    """

    navigateRequested = Signal(str)
    printRequested = Signal(object, object)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle(self.tr("What changed"))
        self.context = context
        self.listed: ChangeList | None = None
        session = context.session
        revision = session.revision if session is not None else 0
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Every clause, control and record that changed, each field from its value then "
                "to its value now. Choose where to start from:"
            )
        )
        layout.addWidget(intro)
        self.by_revision = QRadioButton(self.tr("Since revision"))
        self.by_date = QRadioButton(self.tr("Since the day"))
        group = QButtonGroup(self)
        group.addButton(self.by_revision)
        group.addButton(self.by_date)
        self.revision = QSpinBox(self)
        self.revision.setObjectName("sinceRevision")
        self.revision.setAccessibleName(self.tr("Since revision"))
        self.revision.setRange(0, max(revision, 0))
        self.revision.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 8 + 40)
        self.revision.setValue(max(revision - 1, 0))
        self.day = DateEdit(self)
        self.day.setObjectName("sinceDate")
        self.day.setAccessibleName(self.tr("Since the day"))
        today = session.today() if session is not None else date.today()
        self.day.setDate(QDate(today.year, today.month, 1))
        self.by_revision.setChecked(True)
        layout.addWidget(
            flow_row(self.by_revision, self.revision, self.by_date, self.day, spacing=12)
        )
        self.summary = plain_label()
        self.summary.setObjectName("changesSummary")
        layout.addWidget(self.summary)
        # A list rather than a tree: its rows wrap long titles and values in a narrow window.
        self.tree = QListWidget(self)
        self.tree.setObjectName("changesList")
        self.tree.setAccessibleName(self.tr("What changed"))
        self.tree.setWordWrap(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tree.setUniformItemSizes(False)
        self.tree.itemActivated.connect(self.go_to)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.tree, 1)
        hint = plain_label(
            self.tr("Open a clause, control or record with Enter or a double click.")
        )
        set_muted(hint)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.go_button = QPushButton(self.tr("Go to it"), self)
        self.go_button.setObjectName("goToChange")
        self.go_button.clicked.connect(lambda: self.go_to(self.tree.currentItem()))
        self.print_button = QPushButton(self.tr("Save as PDF…"), self)
        self.print_button.setObjectName("printChanges")
        self.print_button.clicked.connect(self._print)
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(buttons)
        layout.addLayout(row)
        self.revision.valueChanged.connect(lambda _v: self._choose(by_revision=True))
        self.day.dateChanged.connect(lambda _d: self._choose(by_revision=False))
        self.by_revision.toggled.connect(lambda _on: self.refresh())
        line = self.fontMetrics().height()
        self.resize(line * 48, line * 32)
        self.refresh()

    def _choose(self, *, by_revision: bool) -> None:
        button = self.by_revision if by_revision else self.by_date
        if not button.isChecked():
            button.setChecked(True)  # toggled refreshes
        else:
            self.refresh()

    def since(self) -> tuple[int | None, date | None]:
        if self.by_revision.isChecked():
            return self.revision.value(), None
        day = self.day.date().toPython()
        assert isinstance(day, date)
        return None, day

    def refresh(self) -> None:
        session = self.context.session
        self.tree.clear()
        if session is None:
            return
        from aims_desktop.services import changes
        from aims_desktop.services.errors import UserFacingError

        since_revision, since_day = self.since()
        try:
            listed = changes.session_change_list(
                session, since_revision=since_revision, since=since_day
            )
        except UserFacingError as error:
            self.summary.setText(str(error))
            self.listed = None
            self._update_buttons()
            return
        self.listed = listed
        count = len(listed.groups)
        text = (
            self.tr("%n clause(s), control(s) or record(s) changed", "", count)
            + " "
            + listed.since_text
            + "."
        )
        if listed.unsaved:
            text += " " + self.tr("Changes not saved yet are included.")
        self.summary.setText(
            text if count else self.tr("Nothing changed %1.").replace("%1", listed.since_text)
        )
        for section in listed.sections:
            groups = listed.in_section(section)
            top = QListWidgetItem(f"{section} ({len(groups)})")
            font = top.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.1)
            top.setFont(font)
            top.setData(TARGET_ROLE, "")
            self.tree.addItem(top)
            for group in groups:
                item = QListWidgetItem(group.title)
                bold = item.font()
                bold.setBold(True)
                item.setFont(bold)
                item.setData(TARGET_ROLE, group.target)
                item.setToolTip(plain_tooltip(group.title))
                self.tree.addItem(item)
                for change in group.lines:
                    text_line = line_text(change)
                    child = QListWidgetItem("    " + text_line)
                    child.setData(TARGET_ROLE, group.target)
                    child.setToolTip(plain_tooltip(text_line))
                    self.tree.addItem(child)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        self.go_button.setEnabled(item is not None and bool(item.data(TARGET_ROLE)))
        self.print_button.setEnabled(self.listed is not None)

    def go_to(self, item: QListWidgetItem | None) -> bool:
        target = str(item.data(TARGET_ROLE) or "") if item is not None else ""
        if not target:
            return False
        self.navigateRequested.emit(target)
        self.accept()
        return True

    def _print(self) -> None:
        since_revision, since_day = self.since()
        self.printRequested.emit(since_revision, since_day)
        self.accept()
