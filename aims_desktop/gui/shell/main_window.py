"""The main window: one project at a time, a sidebar of sections, and the File/Edit/Go/Help menus.

The window owns the project's life cycle (new, open, save, close, recover) and nothing else: pages
edit through the ProjectContext, and every question put to the user goes through a small method
(`ask_unsaved_changes`, `show_error`, ...) so tests can answer it while the real logic runs.

Opening a file validates it before the current project is touched: a bad file shows its message
and the project already open stays open, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from aims_desktop import APP_NAME
from aims_desktop.domain.file_names import safe_file_name
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.settings import app_settings
from aims_desktop.gui.shell import dialogs
from aims_desktop.gui.shell.dialogs import FileChangedChoice, RecoveryChoice, UnsavedChoice
from aims_desktop.gui.shell.errorlog import data_folder, log
from aims_desktop.gui.shell.navigation import NavigationSidebar
from aims_desktop.gui.shell.preferences import (
    mark_asked_for_name,
    set_user_name,
    should_ask_for_name,
    user_name,
)
from aims_desktop.gui.shell.recent import (
    add_recent,
    clear_recent,
    recent_entries,
    remember_organisation,
    remove_recent,
)
from aims_desktop.gui.shell.welcome_page import WelcomePage
from aims_desktop.gui.theme import Appearance
from aims_desktop.gui.widgets.dates import format_moment
from aims_desktop.gui.widgets.focus import keep_focus_in_view
from aims_desktop.gui.widgets.icons import app_icon
from aims_desktop.gui.widgets.section_labels import (
    CLAUSE_KEYS,
    SECTION_KEYS,
    section_of,
    section_titles,
)
from aims_desktop.services.errors import (
    FileChangedOnDisk,
    FileMissing,
    ReadOnlyFile,
    UserFacingError,
)
from aims_desktop.services.workspace import same_file

if TYPE_CHECKING:
    from aims_desktop.services.session import ProjectSession

PROJECT_FILTER = "*.aims"
SECTION_SHORTCUTS = {
    "dashboard": "Ctrl+1",
    "organisation": "Ctrl+Shift+O",
    **{key: f"Ctrl+{n}" for n, key in enumerate(CLAUSE_KEYS, start=2)},
    "A": "Ctrl+9",
    "registers": "Ctrl+Shift+R",
    "certification": "Ctrl+Shift+C",
    "reports": "Ctrl+0",
}
"""Ctrl+1 to Ctrl+0 as they were before the Organisation and Registers sections existed."""
DEMO_FOLDER = "demo"
DEMO_FILE = "AIMS Desktop demo project.aims"
GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"


class _LazyProjectService:
    """aims_desktop.services.project, imported on first use: it brings in the store and
    SQLAlchemy, which the welcome screen does not need, so the window appears sooner."""

    def __getattr__(self, name: str) -> Any:
        from aims_desktop.services import project

        return getattr(project, name)


project_service = _LazyProjectService()


def _safe_file_name(name: str) -> str:
    """An organisation name as a file name every platform accepts."""
    return safe_file_name(name, fallback="Project")[:80].rstrip(" .") or "Project"


def _standard(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's shortcut, or ours where the platform has none (Save As on Windows)."""
    keys = QKeySequence.keyBindings(key)
    return keys or [QKeySequence(fallback)]


class MainWindow(QMainWindow):
    """Signals:
    appearanceChosen(object): the user picked an Appearance in Preferences; the app applies it.
    firstShown(): emitted once, when the window has painted for the first time.
    """

    appearanceChosen = Signal(object)
    firstShown = Signal()

    def __init__(self, context: ProjectContext | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = context or ProjectContext(self)
        self._never_saved = (
            False  # untitled or recovered work: unsaved whatever the undo stack says
        )
        self._demo = False
        self._pages: dict[str, QWidget] = {}
        self.evidence_progress: QProgressDialog | None = None
        """The evidence export's progress dialog while it runs (tests press its Cancel)."""
        self._section = "dashboard"
        self._busy = False
        self._first_shown = False
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        keep_focus_in_view()  # Alt+letter or a page's setFocus scrolls the field into view

        self.welcome = WelcomePage(self)
        self.sidebar = NavigationSidebar(self)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.workspace = QWidget(self)
        stack = QVBoxLayout(self.workspace)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(0)
        self.history_bar = self._build_history_bar()
        stack.addWidget(self.history_bar)
        body = QWidget(self.workspace)
        stack.addWidget(body, 1)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        rule = QFrame(body)
        rule.setFrameShape(QFrame.Shape.VLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setForegroundRole(rule.backgroundRole())
        row.addWidget(rule)
        row.addWidget(self.pages, 1)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.workspace)
        self.opening_label = QLabel(self.central)  # "Opening <file>…" while a file opens
        self.opening_label.setObjectName("openingLabel")
        self.opening_label.setTextFormat(Qt.TextFormat.PlainText)
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.central.addWidget(self.opening_label)
        self._before_opening: QWidget = self.welcome
        self.setCentralWidget(self.central)

        self._build_actions()
        self._build_menus()
        self._build_status_bar()

        self.welcome.newRequested.connect(self.new_project)
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.demoRequested.connect(self.open_demo)
        self.welcome.recentRequested.connect(self.open_file)
        self.sidebar.sectionChosen.connect(self.show_section)

        self.context.sessionChanged.connect(self._session_changed)
        self.context.changed.connect(self._project_changed)
        self.context.saved.connect(self._update_state)
        self.context.saved.connect(self._remember_recent_details)
        self.context.undo_stack.cleanChanged.connect(self._update_state)
        self.context.problem.connect(self.show_error)
        self.context.reviewModeChanged.connect(self._review_mode_changed)

        self._restore_geometry()
        self._refresh_recent()
        self._session_changed()

    # -- building --------------------------------------------------------------------------

    def _build_history_bar(self) -> QFrame:
        """The warning shown above the pages when the history of the file just opened was
        altered outside AIMS Desktop (the file still opens: its content may be needed)."""
        bar = QFrame(self)
        bar.setObjectName("historyWarning")
        bar.setStyleSheet(
            "QFrame#historyWarning { background: #fff4d6; border-bottom: 1px solid #b9770e; }"
            " QFrame#historyWarning QLabel { color: #3d2a00; }"
        )
        line = QHBoxLayout(bar)
        line.setContentsMargins(12, 8, 12, 8)
        self.history_warning = QLabel(bar)
        self.history_warning.setObjectName("historyWarningText")
        self.history_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.history_warning.setWordWrap(True)
        self.history_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        line.addWidget(self.history_warning, 1)
        dismiss = QPushButton(self.tr("&Dismiss"), bar)
        dismiss.setObjectName("historyWarningDismiss")
        dismiss.clicked.connect(bar.hide)
        line.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        bar.hide()
        return bar

    def _show_history_warning(self) -> None:
        session = self.session
        found = session.project.history if session is not None else None
        if found is None or found.intact:
            self.history_bar.hide()
            return
        self.history_warning.setText(found.summary())
        self.history_bar.show()

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcuts: list[QKeySequence] | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(shortcuts)
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        sk = QKeySequence.StandardKey
        self.new_action = self._action(
            self.tr("&New Project…"), self.new_project, _standard(sk.New, "Ctrl+N"), "newAction"
        )
        self.open_action = self._action(
            self.tr("&Open…"), self.open_dialog, _standard(sk.Open, "Ctrl+O"), "openAction"
        )
        self.demo_action = self._action(
            self.tr("Open the &Demo Project"), self.open_demo, None, "demoAction"
        )
        self.save_action = self._action(
            self.tr("&Save"), self.save, _standard(sk.Save, "Ctrl+S"), "saveAction"
        )
        self.save_as_action = self._action(
            self.tr("Save &As…"), self.save_as, _standard(sk.SaveAs, "Ctrl+Shift+S"), "saveAsAction"
        )
        self.close_action = self._action(
            self.tr("&Close Project"),
            self.close_project,
            _standard(sk.Close, "Ctrl+W"),
            "closeAction",
        )
        self.merge_action = self._action(
            self.tr("&Merge a Copy…"), self.merge_copy, None, "mergeAction"
        )
        self.compare_action = self._action(
            self.tr("Compare &With…"), self.show_compare, None, "compareAction"
        )
        self.quit_action = self._action(
            self.tr("&Quit"), self.close, _standard(sk.Quit, "Ctrl+Q"), "quitAction"
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.context.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(_standard(sk.Undo, "Ctrl+Z"))
        self.undo_action.setObjectName("undoAction")
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(_standard(sk.Redo, "Ctrl+Shift+Z"))
        self.redo_action.setObjectName("redoAction")
        self.remove_history_action = self._action(
            self.tr("Remove from &History…"), self.show_history_removal, None, "removeHistoryAction"
        )
        self.preferences_action = self._action(
            self.tr("&Preferences…"),
            self.show_preferences,
            _standard(sk.Preferences, "Ctrl+,"),
            "preferencesAction",
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.section_actions: dict[str, QAction] = {}
        titles = section_titles()
        for key in SECTION_KEYS:
            label = titles[key]
            if key in CLAUSE_KEYS:
                label = self.tr("Clause %1: %2").replace("%1", key).replace("%2", label)
            action = self._action(
                label,
                lambda k=key: self.navigate_to(k),
                [QKeySequence(SECTION_SHORTCUTS[key])],
                f"go_{key}",
            )
            self.section_actions[key] = action
        self.history_action = self._action(
            self.tr("&History of Changes…"),
            lambda: self.show_history(),
            [QKeySequence("Ctrl+Shift+H")],
            "historyAction",
        )
        self.next_section_action = self._action(
            self.tr("&Next Section"),
            lambda: self._step_section(1),
            [QKeySequence("Ctrl+PgDown")],
            "nextSectionAction",
        )
        self.previous_section_action = self._action(
            self.tr("&Previous Section"),
            lambda: self._step_section(-1),
            [QKeySequence("Ctrl+PgUp")],
            "previousSectionAction",
        )

        # the auditor's visit
        self.review_mode_action = self._action(
            self.tr("&Review Mode"),
            lambda: self.set_review_mode(self.review_mode_action.isChecked()),
            [QKeySequence("Ctrl+Shift+M")],
            "reviewModeAction",
        )
        self.review_mode_action.setCheckable(True)
        self.review_mode_action.setStatusTip(
            self.tr("Comment on the project without changing it, as an auditor would")
        )
        self.review_comments_action = self._action(
            self.tr("Review &Comments"),
            lambda: self.navigate_to("register:review_comment"),
            None,
            "reviewCommentsAction",
        )
        self.changes_action = self._action(
            self.tr("What C&hanged…"),
            self.show_changes,
            [QKeySequence("Ctrl+Shift+D")],
            "changesAction",
        )

        self.export_evidence_action = self._action(
            self.tr("Export &Evidence…"), self.export_evidence, None, "exportEvidenceAction"
        )
        self.export_evidence_action.setStatusTip(
            self.tr(
                "Save a ZIP of every document's current file, with an index and SHA-256 sums, "
                "for the auditor"
            )
        )

        self.readiness_help_action = self._action(
            self.tr("How &Readiness Is Calculated"), self.show_readiness_help, None, "readinessHelp"
        )
        self.about_action = self._action(self.tr("&About AIMS Desktop"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(self.tr("About &Qt"), QApplication.aboutQt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_evidence_action)
        file_menu.addAction(self.merge_action)
        file_menu.addAction(self.compare_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.history_action)
        edit_menu.addAction(self.remove_history_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.review_mode_action)
        view_menu.addAction(self.review_comments_action)
        view_menu.addSeparator()
        view_menu.addAction(self.changes_action)
        self.view_menu = view_menu

        go_menu = bar.addMenu(self.tr("&Go"))
        for key, action in self.section_actions.items():
            go_menu.addAction(action)
            if key in ("organisation", "10", "A", "registers"):
                go_menu.addSeparator()
        go_menu.addSeparator()
        go_menu.addAction(self.previous_section_action)
        go_menu.addAction(self.next_section_action)
        self.go_menu = go_menu

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.readiness_help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.review_label = QLabel(self)
        self.review_label.setObjectName("reviewModeLabel")
        self.review_label.setTextFormat(Qt.TextFormat.PlainText)
        self.review_label.hide()
        bar.addWidget(self.path_label, 1)
        bar.addPermanentWidget(self.review_label)
        bar.addPermanentWidget(self.saved_label)

    # -- state -----------------------------------------------------------------------------

    @property
    def session(self) -> ProjectSession | None:
        return self.context.session

    @property
    def is_demo(self) -> bool:
        return self._demo

    def is_modified(self) -> bool:
        if self.session is None:
            return False
        return self._never_saved or not self.context.undo_stack.isClean()

    def display_name(self) -> str:
        session = self.session
        if session is None:
            return APP_NAME
        if self._demo:
            return self.tr("%1 (demo)").replace("%1", session.organisation().name)
        if session.path is None:  # never saved: the organisation names it, not "Untitled"
            return session.organisation().name
        return session.path.name

    def _session_changed(self) -> None:
        session = self.session
        has_project = session is not None
        self.central.setCurrentWidget(self.workspace if has_project else self.welcome)
        for action in (
            self.save_action,
            self.save_as_action,
            self.close_action,
            self.history_action,
            self.remove_history_action,
            self.merge_action,
            self.compare_action,
            self.review_mode_action,
            self.review_comments_action,
            self.changes_action,
            self.export_evidence_action,
            self.next_section_action,
            self.previous_section_action,
            *self.section_actions.values(),
        ):
            action.setEnabled(has_project)
        self._show_history_warning()
        if has_project:
            self._refresh_readiness()
            self.show_section("dashboard")
            self._remember_recent_details()
        else:
            self.sidebar.set_readiness(None)
            self._refresh_recent()
        self._update_state()

    def _project_changed(self, change_set: object = None) -> None:
        changes = getattr(change_set, "changes", ())
        if any(c.entity == "project" and c.field == "merged" for c in changes):
            QTimer.singleShot(0, self._refresh_after_merge)  # a merge undone or redone
        self._refresh_readiness()
        self._update_state()

    def _refresh_readiness(self) -> None:
        if self.session is not None:
            self.sidebar.set_readiness(self.session.readiness())

    def _update_state(self, *_args: object) -> None:
        """Title, modified marker, and the status bar's file and last-saved figures."""
        session = self.session
        if session is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowFilePath("")
            self.setWindowModified(False)
            self.path_label.setText(self.tr("No project open"))
            self.saved_label.clear()
            return
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_NAME}")
        self.setWindowFilePath("" if self._demo or session.path is None else str(session.path))
        self.setWindowModified(self.is_modified())
        if self._demo:
            self.path_label.setText(
                self.tr("Demo project: a practice copy. Save asks where to keep your own copy.")
            )
        elif session.path is None:
            self.path_label.setText(self.tr("New project, not saved to a file yet"))
        else:
            self.path_label.setText(str(session.path))
        saved_at = session.db.project().saved_at if session.path is not None else None
        # Said once: a project with no file has its state in the path label already.
        self.saved_label.setText(
            self.tr("Last saved: %1").replace("%1", dialogs.format_stamp(saved_at))
            if saved_at and not self._never_saved
            else self.tr("Recovered work, not saved yet")
            if session.path is not None and self._never_saved
            else ""
        )

    # -- navigation ------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page of a section, built the first time it is needed (start-up stays fast)."""
        if key in self._pages:
            return self._pages[key]
        page: QWidget
        if key == "dashboard":
            from aims_desktop.gui.dashboard.dashboard_page import DashboardPage

            page = DashboardPage(self.context, self.pages)
        elif key in CLAUSE_KEYS:
            from aims_desktop.gui.assessment.clause_wizard import ClauseWorkspace

            page = ClauseWorkspace(self.context, key, self.pages)
        elif key == "A":
            from aims_desktop.gui.assessment.annex_a_page import AnnexAPage

            page = AnnexAPage(self.context, self.pages)
        elif key == "reports":
            from aims_desktop.gui.reports.reports_page import ReportsPage

            page = ReportsPage(self.context, self.pages)
        elif key == "organisation":
            from aims_desktop.gui.registers.organisation_page import OrganisationPage

            page = OrganisationPage(self.context, self.pages)
        elif key == "registers":
            from aims_desktop.gui.registers.registers_section import RegistersSection

            section = RegistersSection(self.context, self.pages)
            section.historyRequested.connect(self.show_history)
            section.importRequested.connect(self.import_register)
            section.exportRequested.connect(self.export_register)
            section.reportRequested.connect(self.print_one_record)
            page = section
        elif key == "certification":
            from aims_desktop.gui.certification.certification_page import CertificationPage

            certification = CertificationPage(self.context, self.pages)
            certification.auditPackRequested.connect(lambda: self.make_audit_pack())
            certification.evidenceRequested.connect(lambda: self.export_evidence())
            page = certification
        else:
            raise KeyError(key)
        page.setObjectName(page.objectName() or f"page_{key}")
        navigate = getattr(page, "navigateRequested", None)
        if navigate is not None:
            navigate.connect(self.navigate_to)
        self.pages.addWidget(page)
        self._pages[key] = page
        return page

    def current_section(self) -> str:
        return self._section

    def show_section(self, key: str) -> None:
        if self.session is None or key not in SECTION_KEYS:
            return
        page = self.page(key)
        self._section = key
        self.pages.setCurrentWidget(page)
        self.sidebar.select(key)

    def navigate_to(self, target: str) -> bool:
        """Go to a target: "dashboard", "reports", a clause ("6"), an item ("6.1.2"), Annex A
        ("A"), a group ("A.6") or a control ("A.6.2.4"). Returns False for an unknown target."""
        section = section_of(target)
        if self.session is None or section is None:
            if section is None:
                log.warning("navigation to unknown target %r", target)
            return False
        self.show_section(section)
        page = self._pages[section]
        if target != section:
            show_item = getattr(page, "show_item", None)
            if show_item is not None:
                show_item(target)
        return True

    def _step_section(self, step: int) -> None:
        keys = list(SECTION_KEYS)
        index = (keys.index(self._section) + step) % len(keys)
        self.navigate_to(keys[index])

    # -- questions (tests replace these) ---------------------------------------------------

    def ask_unsaved_changes(self) -> UnsavedChoice:
        never_saved = self.session is not None and self.session.path is None
        return dialogs.ask_unsaved_changes(self, self.display_name(), never_saved=never_saved)

    def ask_file_changed(self, error: FileChangedOnDisk) -> FileChangedChoice:
        return dialogs.ask_file_changed(self, str(error))

    def ask_save_as_instead(self, error: ReadOnlyFile) -> bool:
        return dialogs.ask_save_as_instead(self, str(error.title), str(error))

    def ask_open_path(self) -> Path | None:
        folder = ""
        if self.session is not None and self.session.path is not None and not self._demo:
            folder = str(self.session.path.parent)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open Project"),
            folder or self._documents(),
            self.tr("AIMS Desktop projects (%1)").replace("%1", PROJECT_FILTER)
            + ";;"
            + self.tr("All files (*)"),
        )
        return Path(path) if path else None

    def ask_save_path(self, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save Project As"),
            str(suggested),
            self.tr("AIMS Desktop projects (%1)").replace("%1", PROJECT_FILTER),
        )
        return Path(path) if path else None

    def ask_recovery(self, work: Any) -> RecoveryChoice:
        return dialogs.ask_recovery(self, work.organisation, work.original, work.last_change)

    def confirm_discard_recovery(self) -> bool:
        return dialogs.confirm_discard_recovery(self)

    def show_error(self, error: BaseException) -> None:
        title = getattr(error, "title", None) or self.tr("That did not work")
        dialogs.show_problem(self, str(title), str(error))

    def run_new_project_wizard(self) -> dict[str, Any] | None:
        from aims_desktop.gui.shell.new_project_wizard import NewProjectWizard

        wizard = NewProjectWizard(self)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        return dict(wizard.profile())

    # -- file operations -------------------------------------------------------------------

    def _documents(self) -> str:
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())

    def suggested_save_path(self) -> Path:
        session = self.session
        assert session is not None
        name = _safe_file_name(session.organisation().name) + ".aims"
        if session.path is not None and not self._demo:
            return session.path.parent / name
        return Path(self._documents()) / name

    @contextmanager
    def _waiting(self) -> Iterator[None]:
        """A wait cursor for the duration, restored whatever happens (questions come after)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()

    def _replace_session(
        self, session: ProjectSession, *, demo: bool = False, never_saved: bool = False
    ) -> bool:
        """Close the current project (asking about unsaved changes) and show `session`.

        If the user cancels, `session` is closed instead and the current project stays."""
        if self.session is not None and not self.close_project():
            project_service.close_project(session)
            return False
        self._demo = demo
        self._never_saved = never_saved
        self.context.set_session(session)
        return True

    def new_project(self) -> bool:
        profile = self.run_new_project_wizard()
        if profile is None:
            return False
        name = str(profile.pop("org_name", "")).strip()
        known = {"sector", "size", "country", "roles", "ai_systems", "scope"}
        details = {k: v for k, v in profile.items() if k in known and v not in (None, "")}
        try:
            session = project_service.new_project(name, user=user_name(), **details)
        except UserFacingError as error:
            self.show_error(error)
            return False
        return self._replace_session(session, never_saved=True)

    def open_dialog(self) -> bool:
        path = self.ask_open_path()
        return self.open_file(path) if path is not None else False

    def open_file(self, path: Path | str, *, demo: bool = False) -> bool:
        """Open a project file; a bad file is explained and changes nothing else."""
        if self._busy:
            return False
        path = Path(path)
        if self.session is not None and same_file(self.session.path, path):
            self.raise_()
            self.activateWindow()
            return True
        self._busy = True
        try:
            try:
                with self._waiting():
                    session = project_service.open_project(path, user=user_name())
            except UserFacingError as error:
                if isinstance(error, FileMissing):
                    remove_recent(path)
                    self._refresh_recent()
                self.show_error(error)
                return False
            opened = self._replace_session(session, demo=demo)
        finally:
            self._busy = False
        if opened and not demo:
            add_recent(path)
            self._refresh_recent()
        return opened

    def show_opening(self, path: Path) -> None:
        """Say "Opening <file>…" in place of the current page (until `open_with_feedback`)."""
        self.opening_label.setText(self.tr("Opening %1…").replace("%1", path.name))
        self.path_label.setText(str(path))
        if self.central.currentWidget() is not self.opening_label:
            self._before_opening = self.central.currentWidget()
        self.central.setCurrentWidget(self.opening_label)

    def open_with_feedback(self, path: Path | str) -> bool:
        """`open_file`, saying "Opening <file>…" meanwhile; a bad file's message then appears
        over the window, which goes back to what it showed before."""
        path = Path(path)
        self.show_opening(path)
        self.opening_label.repaint()
        try:
            return self.open_file(path)
        finally:
            if self.central.currentWidget() is self.opening_label:
                self.central.setCurrentWidget(self._before_opening)
                self._update_state()

    def bring_forward(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def open_requested(self, path: str | None = None) -> None:
        """A file the platform (macOS) or a second start of the application asks to open: come
        forward and open it here, asking about unsaved work first. With no file, come forward.
        While a dialog is open (or another file opening) the file waits for it to close."""
        self.bring_forward()
        if path:
            self._open_when_free(path)

    def _open_when_free(self, path: str) -> None:
        if self._busy or QApplication.activeModalWidget() is not None:
            QTimer.singleShot(250, self, lambda: self._open_when_free(path))
        else:
            self.open_with_feedback(path)

    def demo_path(self) -> Path:
        return data_folder() / DEMO_FOLDER / DEMO_FILE

    def open_demo(self) -> bool:
        """Write a fresh demo project into the data folder and open it as a practice copy."""
        target = self.demo_path()
        if self.session is not None and same_file(self.session.path, target):
            self.navigate_to("dashboard")
            return True
        from aims_desktop.services.demo import write_demo

        try:
            with self._waiting():
                target.parent.mkdir(parents=True, exist_ok=True)
                write_demo(target)
        except UserFacingError as error:
            self.show_error(error)
            return False
        except OSError as error:
            dialogs.show_problem(self, self.tr("The demo project could not be created"), str(error))
            return False
        return self.open_file(target, demo=True)

    def commit_pending(self) -> None:
        """Let every page record text still being typed, so Save and Close see all of it."""
        for page in list(self._pages.values()):
            commit = getattr(page, "commit_pending", None)
            if commit is not None:
                commit()

    def save(self) -> bool:
        """Save where the project came from; untitled and demo projects ask where."""
        session = self.session
        if session is None:
            return False
        self.commit_pending()
        if session.path is None or self._demo:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        if self.session is None:
            return False
        self.commit_pending()
        target = self.ask_save_path(self.suggested_save_path())
        if target is None:
            return False
        return self._save_to(target)

    def _save_to(self, target: Path | None, *, force: bool = False) -> bool:
        session = self.session
        assert session is not None
        try:
            with self._waiting():
                path = project_service.save_project(session, target, force=force)
        except FileChangedOnDisk as error:
            choice = self.ask_file_changed(error)
            if choice is FileChangedChoice.OVERWRITE:
                return self._save_to(target, force=True)
            if choice is FileChangedChoice.SAVE_AS:
                return self.save_as()
            return False
        except ReadOnlyFile as error:
            return self.ask_save_as_instead(error) and self.save_as()
        except UserFacingError as error:
            self.show_error(error)
            return False
        self._never_saved = False
        self._demo = False
        self.context.mark_saved()
        add_recent(path)
        self._refresh_recent()
        self._update_state()
        self.statusBar().showMessage(self.tr("Saved to %1").replace("%1", str(path)), 5000)
        return True

    def close_project(self) -> bool:
        """Close the open project, asking about unsaved changes. True when none is open after."""
        session = self.session
        if session is None:
            return True
        self.commit_pending()
        if self.is_modified():
            choice = self.ask_unsaved_changes()
            if choice is UnsavedChoice.CANCEL:
                return False
            if choice is UnsavedChoice.SAVE and not self.save():
                return False
        self.context.set_session(None)
        project_service.close_project(session)
        self._demo = False
        self._never_saved = False
        self._update_state()
        return True

    def release_project(self) -> None:
        """At exit: close a project with nothing unsaved; unsaved work stays for recovery."""
        session = self.session
        if session is not None and not self.is_modified():
            self.context.set_session(None)
            project_service.close_project(session)

    def start_up(self) -> None:
        """Once the window is up: ask a first-time user's name, then offer crash recovery."""
        self.ask_name_once()
        self.offer_recovery()

    def ask_user_name(self) -> str | None:
        from aims_desktop.services.session import default_user

        return dialogs.ask_user_name(self, default_user())

    def ask_name_once(self) -> bool:
        """First start: ask politely, once, for the name the change log and reports use.
        Skipping keeps the login name; Preferences can change it later. True if a name was set."""
        if not should_ask_for_name():
            return False
        name = self.ask_user_name()
        mark_asked_for_name()
        if not name:
            return False
        set_user_name(name)
        if self.session is not None:
            self.session.user = user_name()
        return True

    def offer_recovery(self) -> bool:
        """Offer the unsaved work of sessions that ended in a crash. True if one was recovered."""
        works = sorted(
            project_service.recoverable_work(), key=lambda w: w.last_change, reverse=True
        )
        for work in works:
            choice = self.ask_recovery(work)
            if choice is RecoveryChoice.DISCARD:
                if self.confirm_discard_recovery():
                    project_service.discard_work(work)
                continue
            if choice is not RecoveryChoice.RECOVER:
                continue
            if self.session is not None and not self.close_project():
                return False
            try:
                session = project_service.recover_work(work, user=user_name())
            except UserFacingError as error:
                self.show_error(error)
                continue
            demo = session.path is not None and same_file(session.path, self.demo_path())
            self._replace_session(session, demo=demo, never_saved=True)
            self.statusBar().showMessage(
                self.tr("Recovered your unsaved work. Save it to keep it."), 10000
            )
            return True
        return False

    # -- recent files ----------------------------------------------------------------------

    def _refresh_recent(self) -> None:
        self.welcome.set_recent(recent_entries())

    def _remember_recent_details(self) -> None:
        """Whose project the file is, for the recent lists (opened or saved here)."""
        session = self.session
        if session is not None and session.path is not None and not self._demo:
            remember_organisation(session.path, session.organisation().name)

    def _rebuild_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        entries = recent_entries()
        for number, entry in enumerate(entries, start=1):
            name = entry.name.replace("&", "&&")
            if not entry.exists:
                name = self.tr("%1 (not found)").replace("%1", name)
            elif entry.saved is not None:
                details = format_moment(entry.saved)
                if entry.organisation:
                    details = f"{entry.organisation.replace('&', '&&')}, {details}"
                name = self.tr("%1 — %2").replace("%1", name).replace("%2", details)
            text = f"&{number} {name}" if number < 10 else name
            action = menu.addAction(text)
            action.setToolTip(entry.path)
            action.setStatusTip(entry.path)
            action.setData(entry.path)
            action.triggered.connect(lambda _checked=False, p=entry.path: self.open_file(p))
        if not entries:
            empty = menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("&Clear List"))
        clear.setObjectName("clearRecentAction")
        clear.setEnabled(bool(entries))
        clear.triggered.connect(self.clear_recent_files)

    def clear_recent_files(self) -> None:
        clear_recent()
        self._refresh_recent()

    # -- help, preferences -----------------------------------------------------------------

    # -- registers: history, import, export -------------------------------------------------

    def show_history(self, register: str = "", record_id: str = "") -> None:
        """The change history of the project, a register, or one record."""
        from aims_desktop.domain.registers import REGISTERS
        from aims_desktop.gui.registers.history_dialog import HistoryDialog

        session = self.session
        if session is None:
            return
        title = self.tr("History of changes")
        if register in REGISTERS:
            spec = REGISTERS[register]
            if record_id:
                from aims_desktop.services import registers as register_service

                label = register_service.label(session, register, record_id)
                title = self.tr("History of %1 “%2”").replace("%1", spec.title).replace("%2", label)
            else:
                title = self.tr("History of %1").replace("%1", spec.plural)
        dialog = HistoryDialog(
            self.context,
            entity=register or None,
            entity_id=record_id or None,
            title=title,
            parent=self,
        )
        self.run_dialog(dialog)

    def ask_merge_path(self) -> Path | None:
        """The copy to merge into the open project (tests replace this)."""
        folder = ""
        if self.session is not None and self.session.path is not None:
            folder = str(self.session.path.parent)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Merge a Copy"),
            folder or self._documents(),
            self.tr("AIMS Desktop projects (%1)").replace("%1", PROJECT_FILTER),
        )
        return Path(path) if path else None

    def merge_copy(self, path: Path | None = None) -> bool:
        """File > Merge a copy…: another copy of this project merged into it, its conflicts
        chosen in the merge dialog; one undo step."""
        from aims_desktop.gui.shell.merge_dialog import MergeDialog
        from aims_desktop.services.merge import OtherCopy

        session = self.session
        if session is None:
            return False
        path = path or self.ask_merge_path()
        if path is None:
            return False
        self.commit_pending()
        try:
            with self._waiting():
                other = OtherCopy(session, path)
        except UserFacingError as error:
            self.show_error(error)
            return False
        try:
            resolutions: dict[str, str] = {}
            if other.conflicts:
                dialog = MergeDialog(other.conflicts, path.name, self)
                if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
                    return False
                resolutions = dialog.resolutions()
            result: list[Any] = []

            def run(_session: ProjectSession) -> Any:
                merged = other.merge(resolutions)
                result.append(merged)
                return merged.change_set

            try:
                with self._waiting():
                    self.context.apply(run)
            except UserFacingError as error:
                self.show_error(error)
                return False
        finally:
            other.close()
        merged = result[0]
        self.statusBar().showMessage(
            self.tr("Merged “%1”: %2 change(s) taken, %3 conflict(s) resolved")
            .replace("%1", path.name)
            .replace("%2", str(merged.taken))
            .replace("%3", str(merged.conflicts_resolved)),
            8000,
        )
        return True

    def _refresh_after_merge(self) -> None:
        """A merge (or its undo) may touch any page: the pages are built afresh."""
        section = self._section
        for page in list(self._pages.values()):
            self.pages.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        self._refresh_readiness()
        self._update_state()
        self.show_section(section)

    def show_compare(self) -> None:
        """File > Compare with…: another copy, or an earlier revision."""
        from aims_desktop.gui.review.compare_dialog import CompareDialog

        if self.session is None:
            return
        self.commit_pending()
        self.run_dialog(CompareDialog(self.context, self))

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a modal dialog (tests replace this)."""
        return int(dialog.exec())

    def import_register(self, key: str) -> None:
        from aims_desktop.gui.registers.import_dialog import ImportDialog

        if self.session is None:
            return
        dialog = ImportDialog(self.context, key, parent=self)
        path = dialog.ask_file()
        if path is None:
            return
        dialog.load(path)
        self.run_dialog(dialog)

    def print_one_record(self, kind: str, record: str) -> bool:
        """The report of one record, asked for from its register page: an impact assessment
        (by id), an internal audit or a management review (by reference)."""
        from aims_desktop.services.reports import ONE_RECORD_KINDS

        if kind in ONE_RECORD_KINDS:
            return self.print_record(kind, record)
        return self.print_record_report(kind, record)

    def print_record(self, kind: str, record_id: str) -> bool:
        """Print one record (an impact assessment) as a PDF, on the Reports page."""
        self.navigate_to("reports")
        page = self.page("reports")
        return bool(page.generate_record(kind, record_id))  # type: ignore[attr-defined]

    def ask_export_path(self, suggested: str, kind: str) -> Path | None:
        filters = {
            "xlsx": self.tr("Excel workbooks (*.xlsx)"),
            "csv": self.tr("CSV files (*.csv)"),
        }
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), str(Path(self._documents()) / suggested), filters[kind]
        )
        return Path(path) if path else None

    def export_register(self, key: str, kind: str) -> Path | None:
        from aims_desktop.domain.registers import REGISTERS
        from aims_desktop.services import exchange

        session = self.session
        if session is None:
            return None
        spec = REGISTERS[key]
        name = f"{_safe_file_name(session.organisation().name)} - {spec.plural}.{kind}"
        target = self.ask_export_path(name, kind)
        if target is None:
            return None
        if target.suffix.lower() != f".{kind}":
            target = target.with_name(target.name + f".{kind}")
        try:
            with self._waiting():
                path = exchange.export_register(session, key, target, kind)
        except UserFacingError as error:
            self.show_error(error)
            return None
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(path)), 8000)
        return path

    def make_audit_pack(self) -> bool:
        """The Stage 1 audit pack, built on the Reports page with its progress and Cancel."""
        from aims_desktop.services.reports import ReportOptions

        return self._generate_report("audit-pack", ReportOptions())

    def ask_evidence_path(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Evidence"),
            str(Path(self._documents()) / suggested),
            self.tr("ZIP archives (*.zip)"),
        )
        return Path(path) if path else None

    def export_evidence(self) -> Path | None:
        """Every current document version's file in a ZIP with its index and sums, with a
        progress dialog whose Cancel leaves nothing behind."""
        from aims_desktop.services import evidence_export

        session = self.session
        if session is None:
            return None
        name = f"{_safe_file_name(session.organisation().name)} - Evidence.zip"
        target = self.ask_evidence_path(name)
        if target is None:
            return None
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        progress = QProgressDialog(
            self.tr("Packing the evidence…"), self.tr("Cancel"), 0, 1000, self
        )
        progress.setObjectName("evidenceProgress")
        progress.setWindowTitle(self.tr("Export Evidence"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        self.evidence_progress = progress

        def step(fraction: float, message: str) -> None:
            progress.setValue(round(fraction * 1000))
            progress.setLabelText(message)
            QApplication.processEvents()

        try:
            result = evidence_export.export_evidence(
                session, target, progress=step, cancelled=progress.wasCanceled
            )
        except evidence_export.EvidenceExportCancelled:
            self.statusBar().showMessage(self.tr("Export cancelled. Nothing was saved."), 8000)
            return None
        except UserFacingError as error:
            self.show_error(error)
            return None
        finally:
            progress.close()
            progress.deleteLater()
            self.evidence_progress = None
        files = sum(1 for f in result.files if f.member)
        self.statusBar().showMessage(
            self.tr("Exported %1 file(s) with an index and SHA-256 sums to %2")
            .replace("%1", str(files))
            .replace("%2", str(result.path)),
            12000,
        )
        return result.path

    # -- the auditor's visit ---------------------------------------------------------------

    def set_review_mode(self, on: bool) -> None:
        """Review mode: every page shows a comment box and hides its editing; the project
        refuses any change but a review comment. Text still being typed is recorded first."""
        if self.session is None:
            on = False
        if on:
            self.commit_pending()
        self.context.set_review_mode(on)
        self._review_mode_changed(on)

    def _review_mode_changed(self, on: bool) -> None:
        self.review_mode_action.setChecked(on)
        session = self.session
        name = session.user if session is not None else ""
        self.review_label.setText(
            self.tr("Review mode: comments are signed as %1").replace("%1", name)
        )
        self.review_label.setVisible(on)

    def show_changes(self) -> None:
        """What changed since a revision or a date (View menu)."""
        from aims_desktop.gui.review.changes_dialog import ChangesDialog

        if self.session is None:
            return
        self.commit_pending()
        dialog = ChangesDialog(self.context, self)
        dialog.navigateRequested.connect(self.navigate_to)
        dialog.printRequested.connect(self.print_changes)
        self.run_dialog(dialog)

    def print_changes(self, since_revision: object, since: object) -> bool:
        from aims_desktop.services.reports import ReportOptions

        options = ReportOptions(
            since_revision=since_revision if isinstance(since_revision, int) else None,
            since=since if isinstance(since, date) else None,
        )
        return self._generate_report("changes", options)

    def print_record_report(self, kind: str, record: str) -> bool:
        """The report of one internal audit or management review, from its register page."""
        from aims_desktop.services.reports import ReportOptions

        return self._generate_report(kind, ReportOptions(record=record))

    def _generate_report(self, kind: str, options: Any) -> bool:
        self.navigate_to("reports")
        page = self.page("reports")
        generate = getattr(page, "generate", None)
        return bool(generate(kind, options)) if generate is not None else False

    def show_preferences(self) -> bool:
        from aims_desktop.gui.shell.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.apply_preferences(dialog)
        return True

    def apply_preferences(self, dialog: Any) -> None:
        dialog.store()
        if self.session is not None:
            self.session.user = user_name()
        appearance: Appearance = dialog.appearance()
        self.appearanceChosen.emit(appearance)

    def show_history_removal(self) -> None:
        from aims_desktop.gui.shell.history_removal import HistoryRemovalDialog

        if self.session is not None:
            HistoryRemovalDialog(self.context, self).exec()

    def show_about(self) -> None:
        from aims_desktop.gui.shell.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def readiness_help_text(self) -> str:
        return self.tr(
            "Every requirement of clauses 4 to 10 and every Annex A control you have not "
            "excluded counts once.\n\n"
            "• Met counts as 1.\n"
            "• Partially met counts as ½.\n"
            "• Not met and not assessed count as 0.\n"
            "• Annex A controls excluded in the Statement of Applicability do not count at all.\n\n"
            "A clause's readiness is its points divided by its number of requirements. Overall "
            "readiness does the same over everything that counts. The rule is deliberately "
            "simple, so you can check any figure by hand and explain it to an auditor.\n\n"
            "The status your answers suggest: every question Yes suggests Met; more than half "
            "of the Yes, Partly and No answers being No suggests Not met; any other mix with a "
            "No or a Partly suggests Partially met. You always choose the status yourself."
        )

    def show_readiness_help(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("How readiness is calculated"))
        box.setText(self.tr("How readiness is calculated"))
        box.setInformativeText(self.readiness_help_text())
        box.exec()

    # -- window events ---------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = app_settings()
        geometry = settings.value(GEOMETRY_KEY, QByteArray())
        restored = (
            isinstance(geometry, QByteArray | bytes)
            and bool(geometry)
            and self.restoreGeometry(QByteArray(geometry))
        )
        state = settings.value(STATE_KEY, QByteArray())
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        if not restored:
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else None
            width, height = 1280, 800
            if available is not None:
                width = min(width, int(available.width() * 0.9))
                height = min(height, int(available.height() * 0.9))
            self.resize(width, height)

    def _save_geometry(self) -> None:
        settings = app_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to the window: files may have been moved meanwhile; show that at once.
        if event.type() == QEvent.Type.ActivationChange and self.session is None:
            self._refresh_recent()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_project():
            event.ignore()
            return
        self._save_geometry()
        event.accept()

    @staticmethod
    def _project_paths(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".aims")
        ]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._project_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._project_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._project_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns: a question asked inside a drop blocks the source app.
        QTimer.singleShot(0, lambda: self.open_file(paths[0]))

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._first_shown:
            self._first_shown = True
            QTimer.singleShot(0, self.firstShown.emit)
