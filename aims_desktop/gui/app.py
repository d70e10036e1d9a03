"""Start the desktop application: `run(argv)` is what `aims-desktop [FILE]` calls.

Start-up does the least it can before the window appears (heavy modules are imported where they
are used). The window shows at once, saying "Opening FILE…" if a file was given; the file is
opened after the first paint, then work left by a crash is offered for recovery. If AIMS Desktop
is already running for this user, FILE goes to that instance instead and this one exits.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from aims_desktop import APP_NAME, __version__
from aims_desktop.gui.shell.errorlog import install_exception_hook, log, start_logging
from aims_desktop.gui.shell.preferences import appearance
from aims_desktop.gui.theme import ThemeFollower
from aims_desktop.gui.widgets.icons import app_icon
from aims_desktop.resources import resource_path

if TYPE_CHECKING:
    from aims_desktop.gui.shell.main_window import MainWindow
    from aims_desktop.gui.shell.single_instance import InstanceServer

STARTUP_PROBE_ENV = "AIMS_DESKTOP_STARTUP_PROBE"
"""Benchmarks and smoke tests set this: the app reports STARTUP_MARKER once its window has
painted and, when started with a file, USABLE_MARKER once that project is open and its dashboard
drawn; then it quits. "1" prints the markers; any other value names a file to append them to (a
windowed executable on Windows has no standard output)."""
STARTUP_MARKER = "AIMS-DESKTOP-WINDOW-SHOWN"
USABLE_MARKER = "AIMS-DESKTOP-PROJECT-USABLE"
DESKTOP_FILE = "org.aimsdesktop.AIMSDesktop"


class Application(QApplication):
    """The application object, which receives the platform's requests to open a file (macOS
    sends a QFileOpenEvent when a .aims file is double-clicked or dropped on the Dock icon, at
    launch and while running).

    Requests that arrive before anyone takes them (before the window exists) are queued;
    `deliver_files_to` hands the queue over and passes later ones straight on.
    """

    def __init__(self, argv: Sequence[str]) -> None:
        super().__init__(list(argv))
        self._queued: list[str] = []
        self._receiver: Callable[[str], object] | None = None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                self.request_file(path)
            return True
        return super().event(event)

    def request_file(self, path: str) -> None:
        receiver = self._receiver
        if receiver is None:
            self._queued.append(path)
        else:
            # From the event loop, not from inside this event: opening may ask questions.
            QTimer.singleShot(0, self, lambda: receiver(path))

    def deliver_files_to(self, receiver: Callable[[str], object] | None) -> None:
        """From now on, `receiver` gets every file the platform asks to open, queued ones first
        (None: queue them again, as before the window existed)."""
        self._receiver = receiver
        queued, self._queued = self._queued, []
        for path in queued:
            self.request_file(path)


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else Application([sys.argv[0], *argv])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(app_icon())
    return app


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Our translation for the user's language if one is bundled, with Qt's own for its dialogs.

    Without ours, Qt's is not loaded either: the application is then in English throughout, not
    English with dialog buttons in another language (and the installers ship only the Qt
    translations of the languages we have). Returns the installed translators (they must stay
    referenced while the app runs)."""
    locale = locale or QLocale.system()
    ours = QTranslator(app)
    folder = resource_path("translations")
    if not (folder.is_dir() and ours.load(locale, "aims_desktop", "_", str(folder))):
        return []
    installed: list[QTranslator] = []
    qt_own = QTranslator(app)
    if qt_own.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    app.installTranslator(ours)  # installed last, so it is asked first
    installed.append(ours)
    return installed


def _project_argument(argv: Sequence[str]) -> Path | None:
    """The file to open (absolute: another instance may be in another folder), if any.

    Options are ignored, including the `-psn_…` one older macOS versions add."""
    files = [a for a in argv if not a.startswith("-")]
    return Path(files[0]).absolute() if files else None


def missing_display() -> str | None:
    """Why no window can be shown, in the user's words, or None if a display is available.

    On Linux without a display server Qt aborts with a message about platform plugins that sends
    people reinstalling things; say what is really wrong instead.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "AIMS Desktop needs a graphical desktop, and none was found (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set, as on a server or over plain SSH). The command-line tools work "
        "without one: run `aims-desktop --help` to see them."
    )


def run(argv: Sequence[str]) -> int:
    """Run the application until the last window closes; returns the exit code."""
    argv = list(argv)
    problem = missing_display()
    if problem is not None:
        print(f"aims-desktop: {problem}", file=sys.stderr)
        return 1
    app = create_application(argv)
    path = _project_argument(argv)
    probe = os.environ.get(STARTUP_PROBE_ENV, "")

    from aims_desktop.gui.shell.single_instance import claim_or_hand_over

    instance = claim_or_hand_over([str(path)] if path is not None else [])
    if instance is None:  # the running instance took the file
        where = f"{path} opens there" if path is not None else "its window comes to the front"
        print(f"{APP_NAME} is already running: {where}.")
        return 0
    log_path = start_logging()
    log.info("AIMS Desktop %s starting", __version__)
    translators = install_translators(app)
    theme = ThemeFollower(app, appearance())

    from aims_desktop.gui.shell import dialogs

    install_exception_hook(dialogs.show_unexpected_error, log_path)

    from aims_desktop.gui.shell.main_window import MainWindow

    window = MainWindow()
    window.appearanceChosen.connect(theme.set_appearance)
    launch(app, window, path, instance=instance, probe=probe)
    code = app.exec()
    instance.close()
    window.release_project()
    for translator in translators:
        app.removeTranslator(translator)
    return int(code)


def launch(
    app: QApplication,
    window: MainWindow,
    path: Path | None,
    *,
    instance: InstanceServer | None = None,
    probe: str = "",
) -> None:
    """Show the window at once ("Opening <file>…" if a file was given) and, after its first
    paint, open the file, ask a first-time user's name and offer work left by a crash, and take
    the files the platform asks to open; files handed over by later starts (`instance`) open in
    this window."""
    if instance is not None:
        # One project at a time: of several files handed over, the first is opened.
        instance.openRequested.connect(lambda paths: window.open_requested(next(iter(paths), None)))
    if probe:
        _install_probe(app, window, probe, quit_when_shown=path is None)
    if path is not None:
        window.show_opening(path)

    def after_first_paint() -> None:
        if path is not None:
            window.open_with_feedback(path)
        if not probe:
            window.start_up()  # first-start name, then crash recovery
        if isinstance(app, Application):
            app.deliver_files_to(window.open_requested)

    window.firstShown.connect(lambda: QTimer.singleShot(0, after_first_paint))
    window.show()


def _install_probe(
    app: QApplication, window: MainWindow, probe: str, *, quit_when_shown: bool
) -> None:
    """Report the first paint and, with a project, its dashboard's first paint; then quit."""

    def report(marker: str) -> None:
        if probe == "1":
            print(marker, flush=True)
        else:
            with open(probe, "a", encoding="utf-8") as out:
                out.write(marker + "\n")

    def shown() -> None:
        report(STARTUP_MARKER)
        if quit_when_shown:
            app.quit()

    def usable() -> None:
        report(USABLE_MARKER)
        app.quit()

    def project_shown() -> None:
        if window.session is not None:
            _after_paint(window.pages.currentWidget(), usable)

    window.firstShown.connect(shown)
    window.context.sessionChanged.connect(project_shown)


class _PaintWatcher(QObject):
    """Calls back once, just after a widget's next paint has finished."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        widget.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)
        return False


def _after_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    _PaintWatcher(widget, callback)
