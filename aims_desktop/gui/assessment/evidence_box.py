"""The evidence files attached to one clause or control: attach, open, save a copy, remove.

Projects arrive by email, so an attached file is untrusted: only documents of an allow-listed
type (PDF, pictures, office documents, plain text) whose bytes match that type are opened, from
a private folder emptied when the project closes; everything else can only be saved as a copy,
with a warning. Stored names are reduced to safe base names before they reach the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.evidence import EvidenceRecord
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.fields import plain_label, set_muted
from aims_desktop.gui.widgets.flow import FlowLayout
from aims_desktop.gui.widgets.plain_text import plain_tooltip, show_message
from aims_desktop.gui.widgets.status_labels import touched_items
from aims_desktop.services import evidence
from aims_desktop.services.errors import UserFacingError
from aims_desktop.services.session import ProjectSession


def _shown(text: str, limit: int = 200) -> str:
    """A title or name short enough for one line of the list (the tooltip has the note)."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _size_text(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


class EvidenceBox(QWidget):
    """Lists the files attached to `item_id`; every change is one undoable service call."""

    def __init__(self, context: ProjectContext, item_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.item_id = item_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = plain_label(
            self.tr("No files attached yet. Attach the documents an auditor would ask for.")
        )
        set_muted(self.empty_label)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Attached evidence files"))
        self.list.setWordWrap(True)  # a long title wraps in a narrow window, never scrolls sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        buttons = FlowLayout()  # wraps rather than runs off a narrow page
        self.attach_button = QPushButton(self.tr("Attach file…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for button in (self.attach_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        self.attach_button.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        context.changed.connect(self._on_changed)
        self.reload()

    def _records(self) -> list[EvidenceRecord]:
        session = self.context.session
        return session.evidence(self.item_id) if session else []

    def reload(self) -> None:
        selected = self.selected()
        self.list.clear()
        for record in self._records():
            text = (
                f"{_shown(record.title)}  ({_shown(record.file_name)}, {_size_text(record.size)})"
            )
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, record.id)
            entry.setToolTip(plain_tooltip(record.note or record.file_name))
            self.list.addItem(entry)
            if selected and record.id == selected.id:
                self.list.setCurrentItem(entry)
        has_files = self.list.count() > 0
        rows = min(max(self.list.count(), 1), 5)
        self.list.setFixedHeight(
            self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
        )
        self.list.setVisible(has_files)
        self.empty_label.setVisible(not has_files)
        if has_files and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.save_button, self.remove_button):
            button.setEnabled(chosen)

    def _on_changed(self, change_set: ChangeSet) -> None:
        if any(c.entity == "evidence" for c in change_set.changes) and (
            self.item_id in touched_items(change_set)
        ):
            self.reload()

    def selected(self) -> EvidenceRecord | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        wanted = entry.data(Qt.ItemDataRole.UserRole)
        return next((r for r in self._records() if r.id == wanted), None)

    def _apply_with_message(
        self, title: str, operation: Callable[[ProjectSession], ChangeSet]
    ) -> None:
        try:
            self.context.apply(operation)
        except UserFacingError as error:
            show_message(self, title, str(error))

    def attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach evidence"))
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        self._apply_with_message(
            self.tr("Could not attach the file"),
            lambda s: evidence.attach_evidence(s, self.item_id, path),
        )

    def open_selected(self) -> None:
        record = self.selected()
        session = self.context.session
        if record is None or session is None:
            return
        check = evidence.can_open(session, record.id)
        if not check.allowed:
            self.explain_not_opened(check.name)
            return
        try:
            target = evidence.copy_for_opening(session, record.id)
        except (OSError, UserFacingError) as error:
            show_message(self, self.tr("Could not open the file"), str(error))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def explain_not_opened(self, name: str) -> None:
        """Why this file is not opened, and what to do instead (tests replace this)."""
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
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the evidence"), evidence.copy_name(record)
        )
        if not path:
            return
        try:
            evidence.export_evidence(session, record.id, path)
        except OSError as error:
            show_message(self, self.tr("Could not save the copy"), str(error))

    def remove_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self._apply_with_message(
                self.tr("Could not remove the file"),
                lambda s: evidence.remove_evidence(s, record.id),
            )
