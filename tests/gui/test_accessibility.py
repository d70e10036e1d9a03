"""Keyboard and screen-reader basics: every stop of the Tab chain says what it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.gui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def _tab_chain(window: MainWindow, start: QWidget, qtbot: QtBot) -> list[QWidget]:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    chain: list[QWidget] = []
    for _ in range(60):
        widget = QApplication.focusWidget()
        if widget is None or widget in chain:
            break
        chain.append(widget)
        window.focusNextChild()
    return chain


def _described(widget: QWidget) -> str:
    text = widget.property("text")
    return widget.accessibleName() or (str(text) if text else "")


def test_every_tab_stop_on_the_welcome_screen_has_a_name(window: MainWindow, qtbot: QtBot) -> None:
    chain = _tab_chain(window, window.welcome.new_button, qtbot)
    names = [_described(w) for w in chain]
    assert names == ["&New project…", "&Open…", "Open the &demo project", "Recent projects"]


def test_every_tab_stop_of_the_dashboard_has_a_name(
    window: MainWindow, demo_file: Path, qtbot: QtBot
) -> None:
    window.open_file(demo_file)
    chain = _tab_chain(window, window.sidebar, qtbot)
    dashboard = window.page("dashboard")
    assert dashboard.overall_card in chain and dashboard.assess_list in chain  # type: ignore[attr-defined]
    unnamed = [type(w).__name__ for w in chain if not _described(w)]
    assert unnamed == []
    order = [w.objectName() for w in chain if w.objectName()]
    assert order.index("overallCard") < order.index("readinessChart") < order.index("actionsTable")


def test_the_window_remembers_its_size(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(700, 500)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)
