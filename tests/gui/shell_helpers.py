"""Helpers for the main-window tests (the fixtures are in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from aims_desktop.domain.status import Status
from aims_desktop.gui.shell.dialogs import UnsavedChoice
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services.assessments import update_assessment
from aims_desktop.services.session import ProjectSession


class UnexpectedDialog(AssertionError):
    pass


def refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise UnexpectedDialog("a modal dialog opened that the test did not expect")


class Answers:
    """Records what the window asked and answers from queues the test fills."""

    def __init__(self) -> None:
        self.unsaved: list[UnsavedChoice] = []
        self.save_paths: list[Path | None] = []
        self.errors: list[BaseException] = []
        self.asked: list[str] = []


def edit(win: MainWindow, item_id: str = "8.1", **values: Any) -> None:
    """One user edit through the context, as a page would make it."""
    values = values or {"status": Status.PARTIALLY_MET, "owner": "Test Owner"}
    win.context.apply(lambda s: update_assessment(s, item_id, **values))


def status_in_file(path: Path, item_id: str) -> Status:
    """Read the file as saved on disk (a private snapshot: works while the file is open)."""
    from aims_desktop.store.projectfile import ReadOnlySnapshot

    with ReadOnlySnapshot(path) as db:
        return db.assessment(item_id).status


def simulate_crash(session: ProjectSession) -> None:
    """Leave the working copy behind as a crashed process would: locks gone, folder kept."""
    project = session.project
    project.db.close()
    project.session.lock.release()
    if project.path_lock is not None:
        project.path_lock.release()
        project.path_lock = None


def answer_modal(qtbot: QtBot, act: Callable[[QWidget], None], seen: list[QWidget]) -> None:
    """When the next modal widget appears, record it and let `act` answer it."""

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, check)
            return
        seen.append(modal)
        act(modal)

    QTimer.singleShot(0, check)
