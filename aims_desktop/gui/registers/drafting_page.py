"""Drafting the core documents: the AI policy (5.2), the scope statement (4.3), the AI risk
criteria (6.1.1) and the AI objectives (6.2), first drafted from the project's answers in our
own words, then edited here, saved as a new version of the document in the register, and
exported to Word (DOCX) or PDF.

The editor is plain text with a light convention ("# " a heading, "- " a bullet) that the
exports turn into real headings and lists.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.fields import plain_label, set_muted, set_point_size
from aims_desktop.gui.widgets.flow import FlowLayout
from aims_desktop.gui.widgets.plain_text import show_message
from aims_desktop.services import drafting
from aims_desktop.services.errors import UserFacingError
from aims_desktop.services.reports import ReportNotWritten

KEY = "drafting"

_PLACEHOLDER = re.compile(r"\[[^\]\n]{1,200}\]")


class DraftingPage(QWidget):
    """Signals:
    navigateRequested(str): go to the document in the register.

    `ask_export_path` is an attribute so tests can answer it.
    """

    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("view_drafting")
        self.context = context
        self.ask_export_path = self._ask_export_path
        self._texts: dict[str, str] = {}
        self._kind = drafting.DraftKind.AI_POLICY
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(6)
        title = plain_label(self.tr("Draft a core document"))
        set_point_size(title, 1.45, bold=True)
        layout.addWidget(title)
        about = plain_label(
            self.tr(
                "A first draft from what the project already says, in plain words. Edit it "
                "here (“# ” starts a heading, “- ” a bullet), replace every text in square "
                "brackets, save it as a new version of its document, and export it for Word "
                "or as a PDF. Nothing is invented: what the project does not say is left in "
                "brackets for you."
            )
        )
        set_muted(about)
        layout.addWidget(about)
        chooser_row = QHBoxLayout()
        label = QLabel(self.tr("&Document:"), self)
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("draftKind")
        for kind in drafting.DraftKind:
            self.kind_box.addItem(f"{kind.document_title} ({kind.clause})", kind.value)
        label.setBuddy(self.kind_box)
        self.kind_box.activated.connect(lambda _i: self._kind_chosen())
        chooser_row.addWidget(label)
        chooser_row.addWidget(self.kind_box, 1)
        layout.addLayout(chooser_row)
        self.document_label = plain_label()
        self.document_label.setObjectName("draftDocument")
        set_muted(self.document_label)
        layout.addWidget(self.document_label)
        starts = FlowLayout()
        self.fresh_button = QPushButton(self.tr("Draft again from the answers"), self)
        self.fresh_button.setObjectName("draftAgain")
        self.fresh_button.clicked.connect(self.draft_again)
        self.saved_button = QPushButton(self.tr("Continue the last saved draft"), self)
        self.saved_button.setObjectName("continueSaved")
        self.saved_button.clicked.connect(self.continue_saved)
        self.open_button = QPushButton(self.tr("Show the document in the register"), self)
        self.open_button.clicked.connect(self._show_document)
        for button in (self.fresh_button, self.saved_button, self.open_button):
            starts.addWidget(button)
        layout.addLayout(starts)
        self.editor = QPlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.editor.setObjectName("draftText")
        self.editor.setAccessibleName(self.tr("Draft text"))
        self.editor.textChanged.connect(self._text_changed)
        layout.addWidget(self.editor, 1)
        self.placeholders_label = plain_label()
        self.placeholders_label.setObjectName("draftPlaceholders")
        layout.addWidget(self.placeholders_label)
        actions = FlowLayout()
        self.save_button = QPushButton(self.tr("Save as a new version"), self)
        self.save_button.setObjectName("saveDraft")
        self.save_button.setToolTip(
            self.tr("Stored in the project as a Word file: a new draft version of the document")
        )
        self.save_button.clicked.connect(self.save_version)
        self.docx_button = QPushButton(self.tr("Export to Word (DOCX)…"), self)
        self.docx_button.setObjectName("exportDocx")
        self.docx_button.clicked.connect(lambda: self.export("docx"))
        self.pdf_button = QPushButton(self.tr("Export to PDF…"), self)
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        for button in (self.save_button, self.docx_button, self.pdf_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self.message = plain_label()
        self.message.setObjectName("draftMessage")
        layout.addWidget(self.message)
        context.sessionChanged.connect(self._session_changed)
        context.changed.connect(self._changed)
        self._session_changed()

    # -- state -------------------------------------------------------------------------------

    @property
    def kind(self) -> drafting.DraftKind:
        return self._kind

    def choose(self, kind: drafting.DraftKind | str) -> None:
        """Show the draft of `kind` (the text typed for another kind is kept)."""
        chosen = drafting.DraftKind(kind)
        self.kind_box.setCurrentIndex(self.kind_box.findData(chosen.value))
        self._kind_chosen()

    def _kind_chosen(self) -> None:
        self._texts[self._kind.value] = self.editor.toPlainText()
        self._kind = drafting.DraftKind(self.kind_box.currentData())
        self.message.clear()
        if self._kind.value in self._texts and self._texts[self._kind.value].strip():
            self._set_text(self._texts[self._kind.value])
        else:
            self.draft_again()
        self._describe_document()

    def _session_changed(self) -> None:
        self._texts.clear()
        has = self.context.session is not None
        for widget in (self.kind_box, self.editor, self.save_button, self.docx_button):
            widget.setEnabled(has)
        self.pdf_button.setEnabled(has)
        self._loaded = False
        if has and self.isVisible():
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.context.session is not None and not getattr(self, "_loaded", False):
            self._load()

    def _load(self) -> None:
        self._loaded = True
        self.draft_again()
        self._describe_document()

    def _changed(self, change_set: object) -> None:
        if isinstance(change_set, ChangeSet) and self.isVisible():
            self._describe_document()

    def _describe_document(self) -> None:
        session = self.context.session
        found = drafting.document_for(session, self._kind) if session is not None else None
        if found is None:
            self.document_label.setText(
                self.tr(
                    "No document in the register holds this yet: saving creates one, serving %1."
                ).replace("%1", ", ".join(self._kind.requirements))
            )
        else:
            status = found.status.label if found.status is not None else self.tr("no status")
            self.document_label.setText(
                self.tr("Saved as a new version of %1 (version in force %2, %3).")
                .replace("%1", f"{found.ref} {found.title}")
                .replace("%2", found.version or "—")
                .replace("%3", status.lower())
            )
        self.open_button.setEnabled(found is not None)
        self.saved_button.setEnabled(
            session is not None and drafting.saved_text(session, self._kind) is not None
        )

    def _set_text(self, text: str) -> None:
        self.editor.setPlainText(text)
        self._text_changed()

    def _text_changed(self) -> None:
        found = _PLACEHOLDER.findall(self.editor.toPlainText())
        if found:
            self.placeholders_label.setText(
                self.tr("%n text(s) in square brackets still to replace.", "", len(found))
            )
        else:
            self.placeholders_label.setText(self.tr("No text in square brackets is left."))

    # -- actions -------------------------------------------------------------------------------

    def draft_again(self) -> None:
        session = self.context.session
        if session is not None:
            self._set_text(drafting.draft_text(session, self._kind))

    def continue_saved(self) -> None:
        session = self.context.session
        text = drafting.saved_text(session, self._kind) if session is not None else None
        if text is not None:
            self._set_text(text)

    def save_version(self) -> None:
        text = self.editor.toPlainText()
        kind = self._kind
        try:
            change = self.context.apply(lambda s: drafting.save_as_version(s, kind, text))
        except UserFacingError as error:
            show_message(self, self.tr("Could not save the draft"), str(error))
            return
        self.message.setText(change.description + ".")
        self._describe_document()

    def _ask_export_path(self, suggested: str, fmt: str) -> Path | None:
        filters = self.tr("Word documents (*.docx)") if fmt == "docx" else self.tr("PDF (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the draft"), suggested, filters)
        return Path(path) if path else None

    def export(self, fmt: str) -> Path | None:
        session = self.context.session
        if session is None:
            return None
        try:
            parsed = drafting.parse(session, self._kind, self.editor.toPlainText())
        except UserFacingError as error:
            show_message(self, self.tr("Could not export the draft"), str(error))
            return None
        suggested = f"{session.organisation().name} - {parsed.title}.{fmt}"
        path = self.ask_export_path(suggested, fmt)
        if path is None:
            return None
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        try:
            written = drafting.export(parsed, path, author=session.user, created=session.now())
        except ReportNotWritten as error:
            show_message(self, self.tr("Could not export the draft"), str(error))
            return None
        self.message.setText(self.tr("Exported to %1.").replace("%1", str(written)))
        return written

    def _show_document(self) -> None:
        session = self.context.session
        found = drafting.document_for(session, self._kind) if session is not None else None
        if found is not None:
            self.navigateRequested.emit(f"register:document:{found.id}")
