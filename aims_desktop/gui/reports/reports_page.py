"""The Reports page: pick a report, say who prepared it and how confidential it is, save a PDF.

Contract with the main window: `ReportsPage(context, parent=None)`; it follows
`context.sessionChanged` itself.

The snapshot of the project is taken here, on the GUI thread, in a few milliseconds; the PDF is
then built on a worker thread with a progress bar and a Cancel button, so the window stays
responsive and the user can keep working while a long report is laid out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QStandardPaths,
    Qt,
    QThread,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.settings import app_settings
from aims_desktop.services import reports
from aims_desktop.services.errors import UserFacingError

log = logging.getLogger(__name__)

LAST_FOLDER_KEY = "reports/last_folder"
MARKING_KEY = "reports/confidentiality"
PROGRESS_STEPS = 1000

_RUNNING: dict[QThread, ReportWorker] = {}
"""Builds in progress, kept here rather than on the page so a thread outlives a closed page."""


def stop_all_reports(msecs: int = 30_000) -> None:
    """Cancel every running build and wait for it: called when the application quits, because
    Qt aborts the process if a QThread object is destroyed while it still runs."""
    for thread, worker in list(_RUNNING.items()):
        worker.cancel()
        try:
            thread.quit()
            thread.wait(msecs)
        except RuntimeError:  # already finished and deleted by Qt
            pass
        _RUNNING.pop(thread, None)


_quit_hooked = False


def _stop_all_at_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(stop_all_reports)
        _quit_hooked = True


class ReportWorker(QObject):
    """Builds one PDF on a worker thread from a snapshot; touches no database and no widget.

    Signals (delivered to the GUI thread):
        progressed(float, str): fraction done 0..1 and a short message.
        succeeded(str): the path of the finished PDF.
        failed(str): a message for the user; nothing was written.
        cancelled(): the user cancelled; nothing was written.
    """

    progressed = Signal(float, str)
    succeeded = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, snapshot: ProjectSnapshot, kind: str, output: Path) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.kind = kind
        self.output = output
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Safe from any thread: the build stops at its next page or table row."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            path = reports.build_report(
                self.snapshot,
                self.kind,
                self.output,
                progress=self.progressed.emit,
                cancelled=self._cancel.is_set,
            )
        except reports.ReportCancelled:
            self.cancelled.emit()
        except reports.ReportNotWritten as error:
            self.failed.emit(str(error))
        except Exception:  # a bug in AIMS Desktop: log it, tell the user in plain words
            log.exception("building the %s report failed", self.kind)
            self.failed.emit(
                QCoreApplication.translate(
                    "ReportsPage",
                    "The report could not be built because of an unexpected error in AIMS "
                    "Desktop. Nothing was saved. Please report this problem; the log file has "
                    "the details.",
                )
            )
        else:
            self.succeeded.emit(str(path))


class ReportCard(QFrame):
    """One report: its title, what it contains, and the button that makes it."""

    def __init__(self, kind: str, title: str, description: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"report_{kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 12, 12)
        text = QVBoxLayout()
        self.title = QLabel(title, self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.description = QLabel(description, self)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        text.addWidget(self.title)
        text.addWidget(self.description)
        layout.addLayout(text, 1)
        self.generate = QPushButton(self.tr("Generate PDF…"), self)
        self.generate.setObjectName(f"generate_{kind}")
        layout.addWidget(self.generate, 0, Qt.AlignmentFlag.AlignVCenter)


class ReportsPage(QWidget):
    """Lists the reports and builds the chosen one in the background.

    `ask_save_path(suggested)` and `open_pdf(path)` are attributes so that tests (and a future
    "export all" command) can replace the file dialog and the PDF viewer without monkeypatching.
    """

    reportFinished = Signal(str)
    """Emitted with the PDF's path when a report was saved."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ask_save_path: Callable[[Path], Path | None] = self._ask_save_path
        self.open_pdf: Callable[[Path], None] = self._open_pdf
        self._thread: QThread | None = None
        self._worker: ReportWorker | None = None
        self._last_pdf: Path | None = None
        self._default_author = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)

        heading = QLabel(self.tr("Reports"), body)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(
            self.tr(
                "Audit-ready PDF documents built from the project as it is now. Each one shows "
                "the project's revision and content fingerprint on its cover, so an auditor can "
                "tell which version of the file it describes."
            ),
            body,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.hint = QLabel(self.tr("Open or create a project to generate its reports."), body)
        self.hint.setObjectName("reports_hint")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.hint)

        form = QWidget(body)
        form.setMaximumWidth(640)
        details = QFormLayout(form)
        details.setContentsMargins(0, 4, 0, 4)
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.prepared_by = QLineEdit(body)
        self.prepared_by.setObjectName("prepared_by")
        self.prepared_by.setMaxLength(200)
        self.prepared_by.setPlaceholderText(self.tr("Your name, as it should appear on the cover"))
        details.addRow(self.tr("Prepared &by:"), self.prepared_by)
        self.confidentiality = QComboBox(body)
        self.confidentiality.setObjectName("confidentiality")
        self.confidentiality.setEditable(True)
        self.confidentiality.addItems(
            [
                self.tr("Confidential"),
                self.tr("Internal use only"),
                self.tr("Restricted"),
                self.tr("Public"),
            ]
        )
        self.confidentiality.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.confidentiality.setMinimumWidth(240)
        self.confidentiality.lineEdit().setMaxLength(80)
        self.confidentiality.setToolTip(
            self.tr("Printed on the cover and at the foot of every page.")
        )
        saved_marking = app_settings().value(MARKING_KEY, "", str)
        if saved_marking:
            self.confidentiality.setCurrentText(str(saved_marking))
        details.addRow(self.tr("Confidentiality &marking:"), self.confidentiality)
        layout.addWidget(form)

        self.unsaved_hint = QLabel(body)
        self.unsaved_hint.setObjectName("reports_unsaved")
        self.unsaved_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.unsaved_hint.setWordWrap(True)
        self.unsaved_hint.hide()
        layout.addWidget(self.unsaved_hint)

        self.cards: dict[str, ReportCard] = {}
        texts = self._kind_texts()
        for kind, info in reports.REPORT_KINDS.items():
            title, description = texts.get(kind, (info.title, info.description))
            card = ReportCard(kind, title, description, body)
            card.generate.clicked.connect(lambda _=False, k=kind: self.generate(k))
            layout.addWidget(card)
            self.cards[kind] = card

        self.progress_panel = QFrame(body)
        self.progress_panel.setObjectName("report_progress")
        progress_layout = QHBoxLayout(self.progress_panel)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar(self.progress_panel)
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self.progress_panel)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setMinimumWidth(200)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.progress_panel)
        self.cancel_button.setObjectName("cancel_report")
        self.cancel_button.clicked.connect(self.cancel)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.cancel_button)
        self.progress_panel.hide()
        layout.addWidget(self.progress_panel)

        self.result_panel = QFrame(body)
        self.result_panel.setObjectName("report_result")
        self.result_panel.setFrameShape(QFrame.Shape.StyledPanel)
        result_layout = QHBoxLayout(self.result_panel)
        self.result_label = QLabel(self.result_panel)
        self.result_label.setObjectName("report_message")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.open_button = QPushButton(self.tr("Open PDF"), self.result_panel)
        self.open_button.setObjectName("open_report")
        self.open_button.clicked.connect(self._open_last)
        self.folder_button = QPushButton(self.tr("Show in Folder"), self.result_panel)
        self.folder_button.clicked.connect(self._open_folder)
        result_layout.addWidget(self.result_label, 1)
        result_layout.addWidget(self.open_button)
        result_layout.addWidget(self.folder_button)
        self.result_panel.hide()
        layout.addWidget(self.result_panel)
        layout.addStretch(1)

        context.sessionChanged.connect(self._session_changed)
        context.changed.connect(self._project_changed)
        context.saved.connect(self._update_saved_hint)
        self._session_changed()

    def _kind_texts(self) -> dict[str, tuple[str, str]]:
        """The report names and descriptions in the user's language (services keep English)."""
        return {
            "gap": (
                self.tr("Gap analysis and readiness"),
                self.tr(
                    "Readiness per clause, the biggest gaps, every requirement with its answers, "
                    "the action plan and what is not yet assessed."
                ),
            ),
            "soa": (
                self.tr("Statement of Applicability"),
                self.tr(
                    "All 38 Annex A controls: applicable or excluded and why, implementation "
                    "status and owner, with a sign-off block."
                ),
            ),
        }

    # -- state -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def _session_changed(self) -> None:
        session = self.context.session
        if not self.busy:
            self.result_panel.hide()  # it spoke of the previous project
        if session is not None:
            # Every project starts from the user's own name (Preferences), never from a
            # name typed for another project.
            self.prepared_by.setText(session.user)
            self._default_author = session.user
        self._update_enabled()
        self._update_saved_hint()

    def _project_changed(self, _change_set: object = None) -> None:
        if self.isVisible():
            self._update_saved_hint()

    def _update_saved_hint(self) -> None:
        """A report of unsaved work describes no file: say so before it is made."""
        session = self.context.session
        text = ""
        if session is not None and session.path is None:
            text = self.tr(
                "This project has not been saved yet: the reports will say so on their cover, "
                "and no file will match their fingerprint. Save it first (File, Save) to tie "
                "the reports to the project file."
            )
        elif session is not None and session.has_unsaved_changes():
            text = self.tr(
                "This project has changes that are not saved yet: the reports will say so on "
                "their cover. Save first (File, Save) to tie the reports to the project file."
            )
        self.unsaved_hint.setText(text)
        self.unsaved_hint.setVisible(bool(text))

    def _follow_user_name(self) -> None:
        """The name in Preferences changed while this page was away: follow it, unless the user
        typed another name for this report."""
        session = self.context.session
        if session is None or session.user == self._default_author:
            return
        current = self.prepared_by.text().strip()
        if not current or current == self._default_author:
            self.prepared_by.setText(session.user)
        self._default_author = session.user

    def showEvent(self, event: QShowEvent) -> None:
        self._follow_user_name()
        self._update_saved_hint()
        super().showEvent(event)

    def _update_enabled(self) -> None:
        has_project = self.context.session is not None
        self.hint.setVisible(not has_project)
        for card in self.cards.values():
            card.generate.setEnabled(has_project and not self.busy)
        self.prepared_by.setEnabled(has_project)
        self.confidentiality.setEnabled(has_project)

    # -- generating --------------------------------------------------------------------------

    def generate(self, kind: str, options: reports.ReportOptions | None = None) -> bool:
        """Ask where to save, then build the report in the background. False if nothing
        was started (no project, a build already running, or the user cancelled the dialog).
        `options` choose the record or period a report describes (the latest by default)."""
        session = self.context.session
        if session is None or self.busy:
            return False
        marking = self.confidentiality.currentText().strip()
        try:
            snapshot = reports.snapshot(
                session,
                prepared_by=self.prepared_by.text().strip(),
                confidentiality=marking,
                kind=kind,
                options=options,
            )
        except UserFacingError as error:
            self._show_result(str(error), success=False)
            return False
        suggested = self._last_folder() / reports.default_report_name(snapshot, kind)
        chosen = self.ask_save_path(suggested)
        if chosen is None:
            return False
        output = (
            chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")
        )
        settings = app_settings()
        settings.setValue(LAST_FOLDER_KEY, str(output.parent))
        settings.setValue(MARKING_KEY, marking)
        self._start(snapshot, kind, output)
        return True

    def generate_record(self, kind: str, record_id: str) -> bool:
        """Build the report of one record (an impact assessment), as `generate` does."""
        session = self.context.session
        if session is None or self.busy:
            return False
        marking = self.confidentiality.currentText().strip()
        snapshot = reports.snapshot(
            session, prepared_by=self.prepared_by.text().strip(), confidentiality=marking
        )
        try:
            snapshot = reports.for_record(snapshot, kind, record_id)
        except UserFacingError as error:
            self._show_result(str(error), success=False)
            return False
        suggested = self._last_folder() / reports.default_report_name(snapshot, kind)
        chosen = self.ask_save_path(suggested)
        if chosen is None:
            return False
        output = (
            chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")
        )
        app_settings().setValue(LAST_FOLDER_KEY, str(output.parent))
        self._start(snapshot, kind, output)
        return True

    def _start(self, snapshot: ProjectSnapshot, kind: str, output: Path) -> None:
        self.result_panel.hide()
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Preparing the report…"))
        self.cancel_button.setEnabled(True)
        self.progress_panel.show()
        worker = ReportWorker(snapshot, kind, output)
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        for done in (worker.succeeded, worker.failed, worker.cancelled):
            done.connect(thread.quit)
        thread.finished.connect(worker.deleteLater)
        thread.finished.connect(thread.deleteLater)
        thread.finished.connect(lambda: _RUNNING.pop(thread, None))
        _RUNNING[thread] = worker
        _stop_all_at_quit()
        self._worker = worker
        self._thread = thread
        self._update_enabled()
        thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    def wait_for_worker(self, msecs: int = 30_000) -> None:
        """Stop a running build and wait for its thread: call before the window is destroyed."""
        thread = self._thread
        if self._worker is not None:
            self._worker.cancel()
        if thread is not None:
            try:
                thread.quit()
                thread.wait(msecs)
            except RuntimeError:  # already finished and deleted by Qt
                pass

    @Slot(float, str)
    def _progressed(self, fraction: float, message: str) -> None:
        if self._worker is None or not self.cancel_button.isEnabled():
            return
        self.progress.setValue(round(fraction * PROGRESS_STEPS))
        self.progress_label.setText(message)

    def _finished(self) -> None:
        if self._thread is not None:
            _RUNNING.pop(self._thread, None)
        self._worker = None
        self._thread = None
        self.progress_panel.hide()
        self._update_enabled()

    @Slot(str)
    def _succeeded(self, path: str) -> None:
        self._finished()
        self._last_pdf = Path(path)
        self._show_result(
            self.tr("Saved “{name}” in {folder}.").format(
                name=self._last_pdf.name, folder=self._last_pdf.parent
            ),
            success=True,
        )
        self.reportFinished.emit(path)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finished()
        self._show_result(message, success=False)

    @Slot()
    def _cancelled(self) -> None:
        self._finished()
        self._show_result(self.tr("The report was cancelled. Nothing was saved."), success=False)

    def _show_result(self, message: str, *, success: bool) -> None:
        self.result_label.setText(message)
        self.open_button.setVisible(success)
        self.folder_button.setVisible(success)
        self.result_panel.show()

    # -- files -------------------------------------------------------------------------------

    def _last_folder(self) -> Path:
        saved = app_settings().value(LAST_FOLDER_KEY, "", str)
        if saved and Path(str(saved)).is_dir():
            return Path(str(saved))
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents else Path.home()

    def _ask_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Report As"), str(suggested), self.tr("PDF documents (*.pdf)")
        )
        return Path(name) if name else None

    def _open_pdf(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _open_last(self) -> None:
        if self._last_pdf is not None:
            self.open_pdf(self._last_pdf)

    def _open_folder(self) -> None:
        if self._last_pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_pdf.parent)))
