"""The documents that serve one clause or control: add a file as a new document (or drop one
here), link a document already in the register, open or save a copy of its version in force,
go to it in the register, unlink it.

Evidence is a document of the register, not an anonymous attachment: it has a number, a
version, an approval and a review date, and one document can serve many requirements.
Projects arrive by email, so a file is untrusted: only documents of an allow-listed type (PDF,
pictures, office documents, plain text) whose bytes match that type are opened, from a private
folder emptied when the project closes; everything else can only be saved as a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.fields import plain_label, set_muted
from aims_desktop.gui.widgets.flow import FlowLayout
from aims_desktop.gui.widgets.link_picker import LinkPicker
from aims_desktop.gui.widgets.plain_text import plain_tooltip, show_message
from aims_desktop.services import documents, evidence, registers
from aims_desktop.services.errors import UserFacingError
from aims_desktop.services.evidence import Evidence
from aims_desktop.services.session import ProjectSession


def _shown(text: str, limit: int = 200) -> str:
    """A title or name short enough for one line of the list (the tooltip has the rest)."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _size_text(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


class EvidenceBox(QWidget):
    """Lists the documents that serve `item_id`; every change is one undoable service call.

    Signals:
        navigateRequested(str): show a document in the register.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, item_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.item_id = item_id
        self.ask_file = self._ask_file
        self.ask_save_path = self._ask_save_path
        self.open_url = QDesktopServices.openUrl
        self._entries: list[Evidence] = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = plain_label(
            self.tr(
                "No document serves this yet. Add the file an auditor would ask for (or drop it "
                "here), or link a document already in the register."
            )
        )
        set_muted(self.empty_label)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Documents serving this requirement"))
        self.list.setWordWrap(True)  # a long title wraps in a narrow window, never scrolls sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        buttons = FlowLayout()  # wraps rather than runs off a narrow page
        self.attach_button = QPushButton(self.tr("Add a file…"))
        self.attach_button.setToolTip(
            self.tr("Adds the file to the document register as a new document serving this")
        )
        self.link_button = QPushButton(self.tr("Link a document…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.show_button = QPushButton(self.tr("Show in register"))
        self.remove_button = QPushButton(self.tr("Unlink"))
        self.remove_button.setToolTip(
            self.tr("The document no longer serves this requirement; it stays in the register")
        )
        for button in (
            self.attach_button,
            self.link_button,
            self.open_button,
            self.save_button,
            self.show_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        self.attach_button.clicked.connect(self.attach)
        self.link_button.clicked.connect(self.link_existing)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.show_button.clicked.connect(self.show_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        context.changed.connect(self._on_changed)
        self.reload()

    def _records(self) -> list[Evidence]:
        session = self.context.session
        return evidence.evidence_for(session, self.item_id) if session else []

    def reload(self) -> None:
        selected = self.selected()
        self.list.clear()
        self._entries = self._records()
        for entry in self._entries:
            doc = entry.document
            status = doc.status.label if doc.status is not None else self.tr("no status")
            details = [self.tr("version %1").replace("%1", doc.version)] if doc.version else []
            details.append(status.lower())
            current = entry.current
            if current is not None and current.sha256:
                details.append(f"{_shown(current.file_name)}, {_size_text(current.size or 0)}")
            elif doc.location:
                details.append(self.tr("kept at %1").replace("%1", _shown(doc.location, 80)))
            text = f"{_shown(entry.label)}  ({'; '.join(details)})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setToolTip(plain_tooltip(doc.description or entry.label))
            self.list.addItem(item)
            if selected and doc.id == selected.id:
                self.list.setCurrentItem(item)
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
        chosen = self.selected()
        has_file = chosen is not None and chosen.current is not None and bool(chosen.current.sha256)
        self.open_button.setEnabled(has_file)
        self.save_button.setEnabled(has_file)
        self.show_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)

    def _on_changed(self, change_set: ChangeSet) -> None:
        if any(c.entity in (DOCUMENT, DOCUMENT_VERSION) for c in change_set.changes):
            self.reload()

    def selected(self) -> Evidence | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        wanted = entry.data(Qt.ItemDataRole.UserRole)
        return next((e for e in self._entries if e.id == wanted), None)

    def _apply_with_message(
        self, title: str, operation: Callable[[ProjectSession], ChangeSet]
    ) -> ChangeSet | None:
        try:
            return self.context.apply(operation)
        except UserFacingError as error:
            show_message(self, title, str(error))
            return None

    # -- questions (tests replace these) -------------------------------------------------------

    def _ask_file(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a file as a document"))
        return Path(path) if path else None

    def _ask_save_path(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the file"), suggested)
        return Path(path) if path else None

    def ask(self, picker: LinkPicker) -> bool:
        return picker.exec() == QDialog.DialogCode.Accepted

    # -- actions -------------------------------------------------------------------------------

    def attach(self) -> None:
        path = self.ask_file()
        if path is not None:
            self.attach_file(path)

    def attach_file(self, path: Path) -> None:
        self._apply_with_message(
            self.tr("Could not add the file"),
            lambda s: evidence.attach_evidence(s, self.item_id, path),
        )

    def link_existing(self) -> None:
        session = self.context.session
        if session is None:
            return
        spec = registers.REGISTERS[DOCUMENT]
        choices = [(d.id, spec.label(d)) for d in registers.records(session, DOCUMENT)]
        picker = LinkPicker(
            self.tr("Documents serving %1").replace("%1", self.item_id),
            choices,
            {e.id for e in self._entries},
            self,
        )
        if not self.ask(picker):
            return
        for document_id in picker.chosen():
            if (
                self._apply_with_message(
                    self.tr("Could not link the document"),
                    lambda s, d=document_id: evidence.link_document(s, self.item_id, d),
                )
                is None
            ):
                return

    def open_selected(self) -> None:
        chosen = self.selected()
        session = self.context.session
        if chosen is None or session is None or chosen.current is None:
            return
        try:
            check = documents.can_open(session, chosen.current.id)
            if not check.allowed:
                self.explain_not_opened(check.name)
                return
            target = documents.copy_for_opening(session, chosen.current.id)
        except (OSError, UserFacingError) as error:
            show_message(self, self.tr("Could not open the file"), str(error))
            return
        self.open_url(QUrl.fromLocalFile(str(target)))

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
        chosen = self.selected()
        session = self.context.session
        if chosen is None or session is None or chosen.current is None:
            return
        path = self.ask_save_path(documents.copy_name(chosen.current))
        if path is None:
            return
        try:
            documents.export_version(session, chosen.current.id, path)
        except (OSError, UserFacingError) as error:
            show_message(self, self.tr("Could not save the copy"), str(error))

    def show_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.navigateRequested.emit(f"register:{DOCUMENT}:{chosen.id}")

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._apply_with_message(
                self.tr("Could not unlink the document"),
                lambda s: evidence.unlink_document(s, self.item_id, chosen.id),
            )

    # -- dropping files --------------------------------------------------------------------------

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.context.session is not None and self._dropped(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event)
        if self.context.session is None or not paths:
            return
        event.acceptProposedAction()
        for path in paths:
            self.attach_file(path)
