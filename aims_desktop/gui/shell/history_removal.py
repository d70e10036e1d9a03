"""Edit > Remove from History…: purge a text that should never have been stored.

The change log keeps old values on purpose (it is the audit trail). When personal data or a
pasted password got into it, this dialog finds the history entries holding a text and replaces
it in all of them with a note of who removed it, when and why, and the SHA-256 of the removed
text (services.history.remove_from_history). A change-log viewer will offer the same action.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.history import LogEntry
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.shell import dialogs
from aims_desktop.gui.widgets.fields import plain_label
from aims_desktop.gui.widgets.plain_text import plain_tooltip
from aims_desktop.services.errors import UserFacingError

EXCERPT = 60
"""Characters shown on each side of the match in the list of entries."""


def excerpt(value: str | None, text: str) -> str:
    """The part of a logged value around `text`, on one line."""
    if not value or text not in value:
        return ""
    at = value.index(text)
    start, end = max(0, at - EXCERPT), min(len(value), at + len(text) + EXCERPT)
    shown = value[start:end].replace("\n", " ")
    return ("…" if start else "") + shown + ("…" if end < len(value) else "")


class HistoryRemovalDialog(QDialog):
    """Find a text in the history, give a reason, remove it from every entry."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyRemovalDialog")
        self.setWindowTitle(self.tr("Remove from History"))
        self.context = context
        self.entries: list[LogEntry] = []
        intro = plain_label(
            self.tr(
                "The history keeps every earlier value of every field, so an auditor can see "
                "what changed. If it holds something that should never have been stored, such "
                "as personal data or a password, remove it here: each entry keeps a note of "
                "who removed it, when and why, and a fingerprint (SHA-256) of the removed text. "
                "Remove the text from the project itself first. This cannot be undone."
            )
        )
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("historyText")
        self.text_edit.setPlaceholderText(self.tr("The exact text, as it was typed"))
        self.find_button = QPushButton(self.tr("&Find"), self)
        self.find_button.clicked.connect(self.find)
        self.text_edit.returnPressed.connect(self.find)
        search = QHBoxLayout()
        text_label = QLabel(self.tr("&Text:"), self)
        text_label.setBuddy(self.text_edit)
        search.addWidget(text_label)
        search.addWidget(self.text_edit, 1)
        search.addWidget(self.find_button)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("historyEntries")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Where the text is")]
        )
        self.table.setAccessibleName(self.tr("History entries holding the text"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.found_label = plain_label("")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("historyReason")
        self.reason_edit.setPlaceholderText(self.tr("For example: personal data of a customer"))
        self.reason_edit.textChanged.connect(self._update_buttons)
        reason = QHBoxLayout()
        reason_label = QLabel(self.tr("&Reason:"), self)
        reason_label.setBuddy(self.reason_edit)
        reason.addWidget(reason_label)
        reason.addWidget(self.reason_edit, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.remove_button = self.buttons.addButton(
            self.tr("&Remove from History"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.remove_button.setObjectName("removeFromHistoryButton")
        self.remove_button.clicked.connect(self.remove)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.found_label)
        layout.addLayout(reason)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        self._update_buttons()

    def find(self) -> None:
        from aims_desktop.services import history

        session = self.context.session
        text = self.text_edit.text()
        self.entries = history.entries_containing(session, text) if session and text else []
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            where = " ".join(p for p in (entry.subject, entry.field) if p) or entry.entity
            if text in (entry.new or ""):
                which, shown = self.tr("new value"), excerpt(entry.new, text)
            else:
                which, shown = self.tr("earlier value"), excerpt(entry.old, text)
            cells = (dialogs.format_stamp(entry.at), entry.who, f"{where} ({which}): {shown}")
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tooltip(value))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.found_label.setText(
            self.tr("%1 history entries hold this text.").replace("%1", str(len(self.entries)))
            if text
            else ""
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.entries) and bool(self.reason_edit.text().strip()))

    def confirm(self, count: int) -> bool:
        """Ask before a removal that cannot be undone (tests replace this)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Remove from History"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("Remove the text from %1 history entries for good?").replace("%1", str(count))
        )
        box.setInformativeText(
            self.tr(
                "This cannot be undone. Save the project afterwards to remove it from the file."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return bool(box.exec() == QMessageBox.StandardButton.Ok)

    def show_error(self, message: str) -> None:
        """A refused removal, in the user's words (tests replace this)."""
        dialogs.show_problem(self, self.tr("The text was not removed"), message)

    def remove(self) -> bool:
        value, reason = self.text_edit.text(), self.reason_edit.text()
        if not self.entries or not self.confirm(len(self.entries)):
            return False
        try:
            result = self.context.remove_from_history(value, reason)
        except UserFacingError as error:
            self.show_error(str(error))
            return False
        self.text_edit.clear()
        self.reason_edit.clear()
        self.entries = []
        self.table.setRowCount(0)
        self.found_label.setText(
            self.tr(
                "Removed from %1 history entries. Save the project to remove it from the file."
            ).replace("%1", str(result.entries))
        )
        self._update_buttons()
        return True
