"""A file whose history was altered outside AIMS Desktop opens, with a warning bar that says
which entry."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from aims_desktop.gui.shell.main_window import MainWindow


def test_an_altered_history_shows_a_warning_bar_and_the_file_opens(
    window: MainWindow, demo_file: Path
) -> None:
    assert window.open_file(demo_file)
    assert window.history_bar.isHidden()
    window.close_project()
    with sqlite3.connect(demo_file) as conn:
        conn.execute(
            "UPDATE change_log SET new = 'Tampered' WHERE seq = (SELECT max(seq) FROM change_log)"
        )
    conn.close()
    assert window.open_file(demo_file)
    assert not window.history_bar.isHidden()
    text = window.history_warning.text()
    assert "altered outside AIMS Desktop" in text and "Entry " in text
    if os.environ.get("AIMS_SHOTS"):
        window.resize(1100, 700)
        window.grab().save(os.path.join(os.environ["AIMS_SHOTS"], "history-warning.png"))
    dismiss = window.history_bar.findChild(QPushButton, "historyWarningDismiss")
    assert dismiss is not None
    dismiss.click()
    assert window.history_bar.isHidden()
    assert window.session is not None  # dismissing the warning keeps the project open
