"""A document's versions: add one from a file (or drop a file here), open or save a copy of a
version's file, approve a version, withdraw one.

A new version never replaces an old one: each keeps its own approval, and withdrawn versions
stay readable. Files come from a project that may be a stranger's, so a version's file opens
only when it is an allow-listed type whose bytes match it, from a private folder emptied when
the project closes; anything else can only be saved as a copy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.registers import RegisterSpec
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.registers.child_records import ChildRecordsPanel
from aims_desktop.gui.widgets.fields import DateEdit, LineEdit, plain_label, set_muted
from aims_desktop.gui.widgets.plain_text import show_message
from aims_desktop.services import documents
from aims_desktop.services.errors import UserFacingError


class ApprovalDialog(QDialog):
    """Who approved a version, and when."""

    def __init__(self, version: str, who: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Approve version %1").replace("%1", version))
        layout = QVBoxLayout(self)
        note = plain_label(
            self.tr(
                "The approved version comes into force; the version it replaces stays in the "
                "project with its own approval, marked superseded."
            )
        )
        set_muted(note)
        layout.addWidget(note)
        form = QFormLayout()
        self.approver = LineEdit(self)
        self.approver.setText(who)
        self.approver.setMaxLength(500)
        self.approver.setAccessibleName(self.tr("Approved by"))
        self.approved_on = DateEdit(self)
        self.approved_on.setDate(QDate(today.year, today.month, today.day))
        self.approved_on.setAccessibleName(self.tr("Approved on"))
        form.addRow(self.tr("Approved &by:"), self.approver)
        form.addRow(self.tr("Approved &on:"), self.approved_on)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Approve"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, date]:
        day = self.approved_on.date()
        return self.approver.text().strip(), date(day.year(), day.month(), day.day())


class DocumentVersionsPanel(ChildRecordsPanel):
    """The versions of the document the page shows. `ask_file`, `ask_save_path`,
    `ask_approval` and `open_url` are attributes so tests can answer them."""

    def __init__(
        self, context: ProjectContext, spec: RegisterSpec, parent: QWidget | None = None
    ) -> None:
        self.ask_file = self._ask_file
        self.ask_save_path = self._ask_save_path
        self.ask_approval = self._ask_approval
        self.open_url = QDesktopServices.openUrl
        super().__init__(context, spec, parent)
        self.setAcceptDrops(True)
        self.drop_hint = plain_label(self.tr("Drop a file here to add it as a new version."))
        set_muted(self.drop_hint)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.drop_hint)

    def add_text(self) -> str:
        return self.tr("Add a version without a file")

    def leading_buttons(self) -> list[QPushButton]:
        self.add_file_button = QPushButton(self.tr("New version from a file…"), self)
        self.add_file_button.setObjectName("addVersionFromFile")
        self.add_file_button.clicked.connect(self.add_from_file)
        return [self.add_file_button]

    def add_extra_buttons(self) -> None:
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("openVersion")
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton(self.tr("Save a copy…"), self)
        self.save_button.setObjectName("saveVersion")
        self.save_button.clicked.connect(self.save_selected)
        self.approve_button = QPushButton(self.tr("Approve…"), self)
        self.approve_button.setObjectName("approveVersion")
        self.approve_button.clicked.connect(self.approve_selected)
        self.withdraw_button = QPushButton(self.tr("Withdraw"), self)
        self.withdraw_button.setObjectName("withdrawVersion")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        for button in (self.open_button, self.save_button, self.approve_button):
            self.buttons.addWidget(button)
        self.buttons.addWidget(self.withdraw_button)

    def selection_changed(self, record: RegisterRecord | None) -> None:
        if not hasattr(self, "open_button"):
            return
        has_file = record is not None and bool(getattr(record, "sha256", ""))
        status = getattr(getattr(record, "status", None), "value", None)
        self.add_file_button.setEnabled(self.parent_id is not None)
        self.open_button.setEnabled(has_file)
        self.save_button.setEnabled(has_file)
        self.approve_button.setEnabled(record is not None and status != "approved")
        self.withdraw_button.setEnabled(record is not None and status != "withdrawn")

    def new_values(self) -> dict[str, Any]:
        session = self.context.session
        number = "1.0"
        if session is not None and self.parent_id is not None:
            number = documents.next_version_number(documents.versions(session, self.parent_id))
        return {"version": number}

    # -- questions (tests replace these) -------------------------------------------------------

    def _ask_file(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a new version from a file"))
        return Path(path) if path else None

    def _ask_save_path(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the file"), suggested)
        return Path(path) if path else None

    def _ask_approval(self, version: str) -> tuple[str, date] | None:
        session = self.context.session
        who = session.user if session else ""
        today = session.today() if session else date.today()
        dialog = ApprovalDialog(version, who, today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    # -- actions -------------------------------------------------------------------------------

    def add_from_file(self) -> None:
        path = self.ask_file()
        if path is not None:
            self.add_file(path)

    def add_file(self, path: Path) -> None:
        parent_id = self.parent_id
        if parent_id is None:
            return
        change = self.apply(lambda s: documents.add_version_from_file(s, parent_id, path))
        if change is not None:
            added = next((c.entity_id for c in change.changes if c.entity == self.spec.key), None)
            self.reload(keep=added)

    def open_selected(self) -> None:
        record = self.selected()
        session = self.context.session
        if record is None or session is None:
            return
        try:
            check = documents.can_open(session, record.id)
            if not check.allowed:
                self.explain_not_opened(check.name)
                return
            target = documents.copy_for_opening(session, record.id)
        except (OSError, UserFacingError) as error:
            show_message(self, self.tr("Could not open the file"), str(error))
            return
        self.open_url(QUrl.fromLocalFile(str(target)))

    def explain_not_opened(self, name: str) -> None:
        show_message(
            self,
            self.tr("Save a copy instead"),
            self.tr(
                "AIMS Desktop opens only PDF documents, pictures, office documents and plain "
                "text, and “%1” is not one of them (or its contents do not match its name). "
                "Files of other types can run programs or contain content that is not what it "
                "seems. Use “Save a copy…” and check the file before you open it yourself."
            ).replace("%1", name),
            icon=QMessageBox.Icon.Information,
        )

    def save_selected(self) -> None:
        record = self.selected()
        session = self.context.session
        if record is None or session is None:
            return
        path = self.ask_save_path(documents.copy_name(record))
        if path is None:
            return
        try:
            documents.export_version(session, record.id, path)
        except (OSError, UserFacingError) as error:
            show_message(self, self.tr("Could not save the copy"), str(error))

    def approve_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = self.ask_approval(str(getattr(record, "version", "")))
        if answer is None:
            return
        who, when = answer
        self.apply(lambda s: documents.approve_version(s, record.id, who, when))

    def withdraw_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.apply(lambda s: documents.withdraw_version(s, record.id))

    # -- dropping a file -----------------------------------------------------------------------

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.parent_id is not None and len(self._dropped(event)) == 1:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event)
        if self.parent_id is not None and len(paths) == 1:
            event.acceptProposedAction()
            self.add_file(paths[0])
