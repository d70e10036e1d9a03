"""One running AIMS Desktop per user: a second start hands its file to the first and exits.

The first instance listens on a local socket (a named pipe on Windows) whose name is derived from
the user and the data folder, so two users of one computer, or tests with data folders of their
own, never meet. A later `aims-desktop FILE` (a double-click, the command line) connects, sends
the absolute paths as one JSON line, waits for "ok" and exits 0; the first instance brings its
window forward and opens the file there. A socket left by a crashed instance answers nobody: it
is removed and the new instance listens in its place.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from aims_desktop.gui.shell.errorlog import log
from aims_desktop.services.workspace import data_folder

HAND_OVER_TIMEOUT_MS = 5000
MAX_MESSAGE_BYTES = 64 * 1024
REPLY = b"ok\n"


def server_name() -> str:
    """The socket's name: per user and per data folder, and short enough for any platform."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without /etc/passwd entry)
        user = "user"
    key = f"{user}\n{data_folder()}".encode()
    return f"aims-desktop-{hashlib.sha256(key).hexdigest()[:16]}"


def _message(paths: Sequence[str]) -> bytes:
    return json.dumps({"open": list(paths)}).encode("utf-8") + b"\n"


def hand_over(paths: Sequence[str], name: str | None = None) -> bool:
    """Give `paths` (absolute; none just brings the window forward) to a running instance.

    True if one took them; False if none is running (or only a stale socket is left)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(HAND_OVER_TIMEOUT_MS):
        return False
    socket.write(_message(paths))
    socket.flush()
    if not socket.waitForBytesWritten(HAND_OVER_TIMEOUT_MS) and socket.bytesToWrite():
        log.warning("could not hand %s over to the running instance", list(paths))
        return False
    # Written: the running instance reads it as soon as its event loop turns. Wait a moment for
    # its answer, so that this process exits only once the request is in safe hands.
    reply = b""
    while REPLY not in reply and socket.waitForReadyRead(HAND_OVER_TIMEOUT_MS):
        reply += bytes(socket.readAll().data())
    if REPLY not in reply:
        log.warning("the running instance did not confirm %s", list(paths))
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later instances of the same user.

    Signals:
    openRequested(list): another instance was started with these files (absolute paths; an
        empty list means "bring the window forward").
    """

    openRequested = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. False if the name is taken (see `address_in_use`) or unusable."""
        if self._server.listen(self.name):
            return True
        log.info("single instance: cannot listen on %s: %s", self.name, self._server.errorString())
        return False

    def address_in_use(self) -> bool:
        return self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError

    def remove_stale_socket(self) -> None:
        """Remove the socket of a crashed instance (call only when nobody answers on it)."""
        log.info("single instance: removing the stale socket %s", self.name)
        QLocalServer.removeServer(self.name)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE_BYTES:
                socket.abort()
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        paths = _paths(line)
        if paths is None:
            log.warning("single instance: ignored a malformed request")
            socket.abort()
            return
        socket.write(REPLY)
        socket.flush()
        socket.disconnectFromServer()
        # From the event loop, not from inside the socket's signal: opening may ask questions.
        QTimer.singleShot(0, self, lambda: self.openRequested.emit(paths))


def _paths(line: bytes) -> list[str] | None:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    paths = message.get("open") if isinstance(message, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) and p for p in paths):
        return None
    return paths


def claim_or_hand_over(paths: Sequence[str]) -> InstanceServer | None:
    """Become the running instance, or hand `paths` to the one already running.

    Returns the listening server, or None when another instance took the paths (exit then).
    If neither works (no socket can be made), returns a server that does not listen: the
    application still runs, only without the hand-over."""
    name = server_name()
    if hand_over(paths, name):
        return None
    server = InstanceServer(name)
    if server.listen():
        return server
    if server.address_in_use():
        if hand_over(paths, name):  # another instance started meanwhile and answers
            server.close()
            return None
        server.remove_stale_socket()  # nobody answers: left by a crash
        if server.listen():
            return server
    log.warning("single instance: running without the hand-over (%s)", name)
    return server
