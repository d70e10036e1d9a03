"""Start-up: the application object, the startup probe, translations, errors and appearance."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
)
from pytestqt.qtbot import QtBot

from aims_desktop import __version__
from aims_desktop.gui import app as app_module
from aims_desktop.gui import theme
from aims_desktop.gui.shell.dialogs import UnexpectedErrorDialog
from aims_desktop.gui.shell.errorlog import ExceptionHook, log_file, start_logging
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services.project import recoverable_work

pytestmark = pytest.mark.gui


@pytest.fixture
def restore_app_state(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    palette, style = qapp.palette(), qapp.style().name()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield
    qapp.setPalette(palette)
    qapp.setStyle(style)


def test_the_command_opens_the_file_shows_the_window_and_leaves_nothing_behind(
    demo_file: Path,
) -> None:
    """`aims-desktop FILE` in a process of its own (app.exec() and quit() would end the test
    session's event loops for good)."""
    env = {**os.environ, app_module.STARTUP_PROBE_ENV: "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "aims_desktop.cli", str(demo_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert app_module.STARTUP_MARKER in done.stdout
    assert "Traceback" not in done.stderr
    assert recoverable_work() == []  # the working copy was released at exit
    assert "starting" in log_file().read_text(encoding="utf-8")


def test_the_application_is_named_iconed_and_styled(
    qapp: QApplication, restore_app_state: None
) -> None:
    app = app_module.create_application([])
    assert app is qapp
    assert app.applicationName() == "AIMS Desktop"
    assert app.applicationVersion() == __version__
    assert not app.windowIcon().isNull()
    theme.apply_appearance(app, theme.Appearance.LIGHT)
    style = app.style()
    assert isinstance(style, theme.ClearIndicatorsStyle)
    assert style.baseStyle().name().lower() == "fusion"


@pytest.mark.parametrize("appearance", [theme.Appearance.LIGHT, theme.Appearance.DARK])
def test_a_chosen_answer_stands_out_in_light_and_dark(
    qapp: QApplication, qtbot: QtBot, appearance: theme.Appearance
) -> None:
    """Fusion's grey dot almost vanished on the dark palette: the chosen radio button must be
    drawn in the accent colour, clearly unlike an unchosen one."""
    theme.apply_appearance(qapp, appearance)
    try:
        chosen, other = QRadioButton("Yes"), QRadioButton("No")
        chosen.setChecked(True)
        for button in (chosen, other):
            qtbot.addWidget(button)
            button.resize(80, 30)
        accent = qapp.palette().color(QPalette.ColorRole.Highlight)
        style = qapp.style()

        def centre_of_indicator(button: QRadioButton) -> QColor:
            option = QStyleOptionButton()
            button.initStyleOption(option)
            box = style.subElementRect(QStyle.SubElement.SE_RadioButtonIndicator, option, button)
            return button.grab().toImage().pixelColor(box.center())

        assert centre_of_indicator(chosen) == accent
        assert centre_of_indicator(other) != accent
    finally:
        theme.apply_appearance(qapp, theme.Appearance.LIGHT)


def test_a_translation_dropped_into_the_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, qapp: QApplication
) -> None:
    ts = tmp_path / "aims_desktop_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de">\n'
        "<context><name>MainWindow</name><message><source>&amp;File</source>"
        "<translation>&amp;Datei</translation></message></context></TS>\n",
        encoding="utf-8",
    )
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts)], check=True, capture_output=True)
    assert (tmp_path / "aims_desktop_de.qm").exists()
    monkeypatch.setattr(app_module, "resource_path", lambda *_parts: tmp_path)
    translators = app_module.install_translators(qapp, QLocale(QLocale.Language.German))
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        assert window.menuBar().actions()[0].text() == "&Datei"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_the_exception_hook_logs_and_shows_one_calm_dialog(tmp_path: Path) -> None:
    path = start_logging()
    shown: list[tuple[str, Path | None]] = []

    def show(details: str, log_path: Path | None) -> None:
        shown.append((details, log_path))
        hook(*_error("while the dialog is up"))  # a second error is logged, not stacked

    hook = ExceptionHook(show, path)
    hook(*_error("boom"))
    assert len(shown) == 1
    assert "RuntimeError: boom" in shown[0][0]
    assert shown[0][1] == path
    text = log_file().read_text(encoding="utf-8")
    assert "RuntimeError: boom" in text and "while the dialog is up" in text


def _error(message: str) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return type(error), error, error.__traceback__


def test_the_error_dialog_speaks_plainly_and_copies_the_details(qtbot: QtBot) -> None:
    dialog = UnexpectedErrorDialog("Traceback: details here", Path("/data/logs/aims-desktop.log"))
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Something went wrong inside AIMS Desktop" in words
    assert "/data/logs/aims-desktop.log" in words
    assert "Traceback" not in words  # the traceback is in the details box, not in the message
    assert dialog.details_view.toPlainText() == "Traceback: details here"
    dialog.copy_details()
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == "Traceback: details here"


def test_the_palette_follows_the_system_unless_the_user_chose(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, restore_app_state: None
) -> None:
    system_dark = {"value": False}
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: system_dark["value"])
    follower = theme.ThemeFollower(qapp, theme.Appearance.SYSTEM)
    try:
        assert not theme.is_dark(qapp.palette())
        system_dark["value"] = True
        follower._system_changed(theme.Qt.ColorScheme.Dark)
        assert theme.is_dark(qapp.palette())
        follower.set_appearance(theme.Appearance.LIGHT)
        assert not theme.is_dark(qapp.palette())
        follower._system_changed(theme.Qt.ColorScheme.Dark)  # the user chose light: stays light
        assert not theme.is_dark(qapp.palette())
    finally:
        follower.deleteLater()


def test_no_display_on_linux_gets_a_plain_message(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    problem = app_module.missing_display()
    assert problem is not None and "graphical desktop" in problem
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert app_module.missing_display() is None


def test_without_a_translation_of_ours_qt_stays_in_english_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    """Qt has German for its own buttons; we have none: the whole window stays English rather
    than English with German buttons (and the installers ship no unused Qt translations)."""
    monkeypatch.setattr(app_module, "resource_path", lambda *_parts: tmp_path)
    assert app_module.install_translators(qapp, QLocale(QLocale.Language.German)) == []
