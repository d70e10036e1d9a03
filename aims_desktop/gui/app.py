"""Start the desktop application: `run(argv)` is what `aims-desktop [FILE]` calls.

Start-up does the least it can before the window appears (heavy modules are imported where they
are used), then opens FILE if one was given and offers to recover work left by a crash.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from aims_desktop import APP_NAME, __version__
from aims_desktop.gui.shell.errorlog import install_exception_hook, log, start_logging
from aims_desktop.gui.shell.preferences import appearance
from aims_desktop.gui.theme import ThemeFollower
from aims_desktop.gui.widgets.icons import app_icon
from aims_desktop.resources import resource_path

STARTUP_PROBE_ENV = "AIMS_DESKTOP_STARTUP_PROBE"
"""Benchmarks set this: the app prints STARTUP_MARKER once its window has painted, then quits."""
STARTUP_MARKER = "AIMS-DESKTOP-WINDOW-SHOWN"
DESKTOP_FILE = "org.aimsdesktop.AIMSDesktop"


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(app_icon())
    return app


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Our translation for the user's language if one is bundled, and Qt's own for its dialogs.

    Returns the installed translators (they must stay referenced while the app runs)."""
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    qt_own = QTranslator(app)
    if qt_own.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    ours = QTranslator(app)
    folder = resource_path("translations")
    if folder.is_dir() and ours.load(locale, "aims_desktop", "_", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
    return installed


def _project_argument(argv: Sequence[str]) -> Path | None:
    files = [a for a in argv if not a.startswith("-")]
    return Path(files[0]) if files else None


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
    log_path = start_logging()
    log.info("AIMS Desktop %s starting", __version__)
    translators = install_translators(app)
    theme = ThemeFollower(app, appearance())

    from aims_desktop.gui.shell import dialogs

    install_exception_hook(dialogs.show_unexpected_error, log_path)

    from aims_desktop.gui.shell.main_window import MainWindow

    window = MainWindow()
    window.appearanceChosen.connect(theme.set_appearance)
    probe = bool(os.environ.get(STARTUP_PROBE_ENV))
    path = _project_argument(argv)
    if path is not None:
        window.open_file(path)
    if probe:
        window.firstShown.connect(lambda: _report_shown(app))
    window.show()
    if not probe:
        QTimer.singleShot(0, window.start_up)  # first-start name, then crash recovery
    code = app.exec()
    window.release_project()
    for translator in translators:
        app.removeTranslator(translator)
    return int(code)


def _report_shown(app: QApplication) -> None:
    print(STARTUP_MARKER, flush=True)
    app.quit()
