"""Opening files the way the platform does, and a window that appears at once.

- The platform's file-open event (macOS Finder, the Dock) reaches the application object, before
  the window exists (queued) and while it runs (opened at once, unsaved work asked about first).
- A second start hands its file to the running instance over a local socket and exits; a socket
  left by a crashed instance is cleaned up; a malformed request is ignored.
- Started with a file, the window paints first ("Opening <file>…") and opens the file after; a
  bad file's message then appears over the painted window.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aims_desktop.domain.status import Status
from aims_desktop.gui import app as app_module
from aims_desktop.gui.shell import single_instance
from aims_desktop.gui.shell.dialogs import UnsavedChoice
from aims_desktop.gui.shell.main_window import MainWindow
from aims_desktop.services import errors
from tests.gui.shell_helpers import edit

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def application(qapp: QApplication) -> Iterator[app_module.Application]:
    """The test session's application object, queuing file-open requests as at launch."""
    assert isinstance(qapp, app_module.Application)
    qapp.deliver_files_to(None)
    yield qapp
    qapp.deliver_files_to(None)
    qapp._queued.clear()


def _send_file_open(app: QApplication, path: Path) -> None:
    QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(path))))


# -- the platform's file-open event ----------------------------------------------------------


def test_a_file_open_event_before_the_window_exists_is_opened_once_it_does(
    application: app_module.Application, qtbot: QtBot, no_modals: object, demo_file: Path
) -> None:
    _send_file_open(application, demo_file)  # Finder launched us with a file: no window yet
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.session is None  # nothing was lost, nothing opened too early
    application.deliver_files_to(window.open_requested)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    assert window.session is not None and window.session.path == demo_file
    assert window.central.currentWidget() is window.workspace


def test_a_file_open_event_while_running_opens_it_asking_about_unsaved_work_first(
    application: app_module.Application,
    window: MainWindow,
    demo_file: Path,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    other = tmp_path / "Other.aims"
    shutil.copyfile(demo_file, other)
    application.deliver_files_to(window.open_requested)
    _send_file_open(application, demo_file)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    assert window.session is not None and window.session.path == demo_file
    edit(window, "8.1", status=Status.MET)

    window.answers.unsaved.append(UnsavedChoice.CANCEL)  # type: ignore[attr-defined]
    _send_file_open(application, other)
    qtbot.waitUntil(lambda: bool(window.answers.asked), timeout=10_000)  # type: ignore[attr-defined]
    assert window.answers.asked == ["unsaved"]  # type: ignore[attr-defined]
    assert window.session.path == demo_file  # cancelled: the edited project stays, as it was
    assert window.session.assessment("8.1").status is Status.MET
    assert window.central.currentWidget() is window.workspace

    window.answers.unsaved.append(UnsavedChoice.DISCARD)  # type: ignore[attr-defined]
    _send_file_open(application, other)
    qtbot.waitUntil(lambda: window.session is not None and window.session.path == other)


def test_a_file_requested_while_a_dialog_is_open_waits_for_it(
    application: app_module.Application, window: MainWindow, demo_file: Path, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.show()  # modal, as a wizard or a question would be
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    window.open_requested(str(demo_file))
    assert window.session is None  # not under the open dialog
    dialog.close()
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    assert window.session is not None and window.session.path == demo_file


# -- one running instance --------------------------------------------------------------------


def _child_env() -> dict[str, str]:
    """The test's environment (same user, same data folder: the same instance socket)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    return env


def _second_start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "aims_desktop.cli", *args],
        env=_child_env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_exit(qtbot: QtBot, child: subprocess.Popen[str]) -> tuple[str, str]:
    """Let this (first) instance's event loop serve the child until the child exits."""
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=60_000)
    return child.communicate(timeout=10)


@pytest.fixture
def running(window: MainWindow, application: app_module.Application) -> Iterator[MainWindow]:
    """`window` as the running instance: listening for later starts as `run` wires it."""
    server = single_instance.claim_or_hand_over([])
    assert server is not None and server.is_listening()
    window.ask_user_name = lambda: None  # type: ignore[method-assign]  (first start: skipped)
    app_module.launch(application, window, None, instance=server)
    yield window
    server.close()


def test_a_second_start_hands_its_file_to_the_running_instance_and_exits(
    running: MainWindow, qtbot: QtBot, demo_file: Path
) -> None:
    running.showMinimized()
    child = _second_start(str(demo_file))
    out, err = _wait_for_exit(qtbot, child)
    assert child.returncode == 0, err
    assert "already running" in out and "Traceback" not in err
    qtbot.waitUntil(lambda: running.session is not None, timeout=10_000)
    assert running.session is not None and running.session.path == demo_file
    assert not running.isMinimized()  # brought forward


def test_a_second_start_from_another_folder_sends_the_full_path(
    running: MainWindow, qtbot: QtBot, demo_file: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "aims_desktop.cli", demo_file.name],
        env=_child_env(),
        cwd=demo_file.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _out, err = _wait_for_exit(qtbot, child)
    assert child.returncode == 0, err
    qtbot.waitUntil(lambda: running.session is not None, timeout=10_000)
    assert running.session is not None and running.session.path == demo_file


def test_the_running_instance_asks_about_unsaved_work_before_opening_a_handed_file(
    running: MainWindow, qtbot: QtBot, demo_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "Handed over.aims"
    shutil.copyfile(demo_file, other)
    assert running.open_file(demo_file)
    edit(running, "8.1", status=Status.MET)
    running.answers.unsaved.append(UnsavedChoice.CANCEL)  # type: ignore[attr-defined]
    child = _second_start(str(other))
    _out, err = _wait_for_exit(qtbot, child)
    assert child.returncode == 0, err
    qtbot.waitUntil(lambda: "unsaved" in running.answers.asked, timeout=10_000)  # type: ignore[attr-defined]
    assert running.session is not None and running.session.path == demo_file
    assert running.session.assessment("8.1").status is Status.MET


def test_a_second_start_without_a_file_only_brings_the_window_forward(
    running: MainWindow, qtbot: QtBot
) -> None:
    running.showMinimized()
    child = _second_start()
    _out, err = _wait_for_exit(qtbot, child)
    assert child.returncode == 0, err
    qtbot.waitUntil(lambda: not running.isMinimized(), timeout=10_000)
    assert running.session is None


CRASHING_INSTANCE = """
import sys
from PySide6.QtCore import QCoreApplication
from aims_desktop.gui.shell.single_instance import claim_or_hand_over
app = QCoreApplication(sys.argv)
server = claim_or_hand_over([])
assert server is not None and server.is_listening()
print("listening", flush=True)
app.exec()
"""


@pytest.mark.skipif(os.name == "nt", reason="named pipes leave nothing behind on Windows")
def test_a_socket_left_by_a_crashed_instance_is_cleaned_up(
    window: MainWindow, application: app_module.Application, qtbot: QtBot, demo_file: Path
) -> None:
    crashing = subprocess.Popen(
        [sys.executable, "-c", CRASHING_INSTANCE],
        env=_child_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert crashing.stdout is not None and crashing.stdout.readline().strip() == "listening"
    crashing.send_signal(signal.SIGKILL)  # no chance to remove its socket
    crashing.wait(timeout=30)
    stale = Path(tempfile.gettempdir()) / single_instance.server_name()
    assert stale.exists()  # the crash left its socket behind
    assert not single_instance.hand_over([str(demo_file)])  # nobody answers on it

    server = single_instance.claim_or_hand_over([])  # this start takes over
    assert server is not None and server.is_listening()
    try:
        window.ask_user_name = lambda: None  # type: ignore[method-assign]
        app_module.launch(application, window, None, instance=server)
        child = _second_start(str(demo_file))  # and the next start reaches it
        _out, err = _wait_for_exit(qtbot, child)
        assert child.returncode == 0, err
        qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    finally:
        server.close()


@pytest.mark.skipif(os.name == "nt", reason="writes to the Unix socket directly")
def test_a_malformed_request_is_ignored_and_the_server_keeps_serving(
    qtbot: QtBot, qapp: QApplication
) -> None:
    server = single_instance.InstanceServer()
    assert server.listen()
    requests: list[list[str]] = []
    server.openRequested.connect(requests.append)
    try:
        path = Path(tempfile.gettempdir()) / server.name
        for garbage in (b"\xff\xfe not json\n", b'{"open": "not a list"}\n', b"[1, 2]\n"):
            raw = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            raw.connect(str(path))
            raw.sendall(garbage)
            raw.settimeout(10)
            qtbot.waitUntil(lambda r=raw: _closed_by_peer(r), timeout=10_000)
            raw.close()
        assert requests == []
        raw = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        raw.connect(str(path))
        raw.sendall(b'{"open": ["/tmp/x.aims"]}\n')
        qtbot.waitUntil(lambda: requests == [["/tmp/x.aims"]], timeout=10_000)
        assert raw.recv(16) == b"ok\n"
        raw.close()
    finally:
        server.close()


def _closed_by_peer(raw: socket.socket) -> bool:
    QApplication.processEvents()
    raw.setblocking(False)
    try:
        return raw.recv(16) == b""
    except BlockingIOError:
        return False
    finally:
        raw.setblocking(True)


def test_with_no_instance_running_the_hand_over_fails_at_once() -> None:
    assert not single_instance.hand_over(["/tmp/x.aims"])


def test_the_socket_name_differs_per_user_and_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = single_instance.server_name()
    monkeypatch.setenv("AIMS_DESKTOP_DATA_DIR", str(tmp_path / "elsewhere"))
    assert single_instance.server_name() != first
    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "someone-else")
    other_user = single_instance.server_name()
    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "a-third")
    assert single_instance.server_name() != other_user


# -- a window at once ------------------------------------------------------------------------


def test_started_with_a_file_the_window_paints_opening_then_opens_it(
    application: app_module.Application, qtbot: QtBot, no_modals: object, demo_file: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_user_name = lambda: None  # type: ignore[method-assign]  (first start: skipped)
    at_first_paint: list[tuple[bool, str, str, bool]] = []
    window.firstShown.connect(
        lambda: at_first_paint.append(
            (
                window.central.currentWidget() is window.opening_label,
                window.opening_label.text(),
                window.path_label.text(),
                window.session is None,
            )
        )
    )
    app_module.launch(application, window, demo_file)
    qtbot.waitUntil(lambda: window.session is not None, timeout=30_000)
    assert at_first_paint == [(True, f"Opening {demo_file.name}…", str(demo_file), True)]
    assert window.central.currentWidget() is window.workspace
    assert window.current_section() == "dashboard"


def test_a_bad_file_given_at_start_shows_its_message_over_the_painted_window(
    application: app_module.Application, qtbot: QtBot, no_modals: object, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.aims"
    bad.write_text("just some notes", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_user_name = lambda: None  # type: ignore[method-assign]  (first start: skipped)
    shown: list[tuple[BaseException, bool, bool]] = []
    window.show_error = lambda error: shown.append(  # type: ignore[method-assign]
        (error, window.isVisible(), window._first_shown)
    )
    app_module.launch(application, window, bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    ((error, visible, painted),) = shown
    assert isinstance(error, errors.NotSQLite)
    assert visible and painted  # the message comes over a window that is already there
    assert window.central.currentWidget() is window.welcome  # and "Opening…" is gone after it
    assert window.path_label.text() == "No project open"


def test_the_startup_probe_reports_first_paint_then_the_usable_project(
    demo_file: Path, tmp_path: Path
) -> None:
    """`aims-desktop FILE` in a process of its own, as the benchmark and smoke test run it."""
    probe = tmp_path / "probe.txt"
    env = {**_child_env(), app_module.STARTUP_PROBE_ENV: str(probe)}
    done = subprocess.run(
        [sys.executable, "-m", "aims_desktop.cli", str(demo_file)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert probe.read_text(encoding="utf-8").split() == [
        app_module.STARTUP_MARKER,
        app_module.USABLE_MARKER,
    ]
