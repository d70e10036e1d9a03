"""Help > About names the version and the licences of Qt/PySide6 and the bundled fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import qVersion
from pytestqt.qtbot import QtBot

from aims_desktop import __version__
from aims_desktop.gui.shell import about_dialog
from aims_desktop.gui.shell.about_dialog import AboutDialog, font_licence_files
from aims_desktop.gui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_about_lists_version_and_licences(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.ui.versionLabel.text()
    assert qVersion() in dialog.ui.versionLabel.text()
    text = dialog.ui.licencesBrowser.toPlainText()
    assert "Apache License" in text
    assert "LGPLv3" in text and "https://www.gnu.org/licenses/lgpl-3.0.html" in text


def test_bundled_font_licences_are_shown_as_text(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "DejaVuSans.ttf").write_bytes(b"\0")
    (fonts / "DejaVu-LICENSE.txt").write_text(
        "Bitstream Vera Fonts Copyright <b>not markup</b>", encoding="utf-8"
    )
    monkeypatch.setattr(about_dialog, "resource_path", lambda *_parts: fonts)
    assert font_licence_files() == [fonts / "DejaVu-LICENSE.txt"]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.ui.licencesBrowser.toPlainText()
    assert "DejaVu-LICENSE.txt" in text
    assert "Bitstream Vera Fonts Copyright <b>not markup</b>" in text  # shown, not interpreted


def test_readiness_help_explains_the_rule(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    text = window.readiness_help_text()
    assert "Partially met counts as ½" in text
    assert "excluded" in text
