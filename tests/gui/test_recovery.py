"""After a crash, the next start offers the unsaved work: Recover, Discard or Later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.domain.status import Status
from aims_desktop.gui.shell.dialogs import RecoveryChoice, UnsavedChoice
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services.assessments import update_assessment
from aims_desktop.services.project import open_project, recoverable_work
from tests.gui.shell_helpers import answer_modal, simulate_crash

pytestmark = pytest.mark.gui


def _crash_with_unsaved_work(path: Path) -> None:
    session = open_project(path, user="Before Crash")
    update_assessment(session, "8.1", status=Status.MET)
    simulate_crash(session)


def _answer(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, *choices: RecoveryChoice
) -> list[Any]:
    asked: list[Any] = []
    queue = list(choices)

    def ask(work: Any) -> RecoveryChoice:
        asked.append(work)
        return queue.pop(0)

    monkeypatch.setattr(window, "ask_recovery", ask)
    return asked


def test_recover_brings_back_the_unsaved_work(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_file.read_bytes()
    _crash_with_unsaved_work(demo_file)
    asked = _answer(window, monkeypatch, RecoveryChoice.RECOVER)
    assert window.offer_recovery()
    assert asked[0].organisation == "Kestrel Freight Solutions Ltd"
    session = window.session
    assert session is not None and session.path == demo_file
    assert session.assessment("8.1").status is Status.MET
    assert window.isWindowModified()  # recovered work is not saved yet
    assert demo_file.read_bytes() == before
    assert window.save()
    assert not window.isWindowModified()


def test_later_keeps_the_work_for_next_time(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_with_unsaved_work(demo_file)
    _answer(window, monkeypatch, RecoveryChoice.LATER)
    assert not window.offer_recovery()
    assert window.session is None
    assert len(recoverable_work()) == 1


def test_discard_after_confirmation_removes_the_work(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_with_unsaved_work(demo_file)
    _answer(window, monkeypatch, RecoveryChoice.DISCARD, RecoveryChoice.DISCARD)
    monkeypatch.setattr(window, "confirm_discard_recovery", lambda: False)
    window.offer_recovery()
    assert len(recoverable_work()) == 1  # not confirmed: kept
    monkeypatch.setattr(window, "confirm_discard_recovery", lambda: True)
    window.offer_recovery()
    assert recoverable_work() == []
    assert window.session is None


def test_nothing_to_recover_asks_nothing(window: MainWindow) -> None:
    assert not window.offer_recovery()
    assert window.answers.asked == []  # type: ignore[attr-defined]


def test_recovering_while_a_project_with_changes_is_open_asks_about_it_first(
    window: MainWindow, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashed = tmp_path / "crashed.aims"
    crashed.write_bytes(demo_file.read_bytes())
    _crash_with_unsaved_work(crashed)
    window.open_file(demo_file)
    window.context.apply(lambda s: update_assessment(s, "8.2", status=Status.MET))
    _answer(window, monkeypatch, RecoveryChoice.RECOVER)
    window.answers.unsaved.append(UnsavedChoice.CANCEL)  # type: ignore[attr-defined]
    assert not window.offer_recovery()
    assert window.session is not None and window.session.path == demo_file
    assert len(recoverable_work()) == 1


def test_the_real_recovery_box_offers_recover_discard_and_later(
    window: MainWindow,
    demo_file: Path,
    qtbot: QtBot,
    real_dialogs: pytest.MonkeyPatch,
) -> None:
    _crash_with_unsaved_work(demo_file)
    seen: list[QWidget] = []
    labels: list[str] = []

    def click_recover(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        buttons = box.findChildren(QPushButton)
        labels.extend(b.text().replace("&", "") for b in buttons)
        (recover,) = [b for b in buttons if b.text().replace("&", "") == "Recover"]
        recover.click()

    answer_modal(qtbot, click_recover, seen)
    assert window.offer_recovery()
    assert sorted(labels) == ["Discard", "Later", "Recover"]
    assert "Kestrel Freight Solutions Ltd" in seen[0].informativeText()  # type: ignore[attr-defined]
    assert window.session is not None
