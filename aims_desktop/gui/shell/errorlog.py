"""The application log and the last line of defence against unexpected errors.

An error that reaches the event loop is a bug in AIMS Desktop, never the user's fault: it is
written to a log file in the data folder and shown as a calm dialog with details to copy, and the
application keeps running (the working copy already holds every edit committed so far).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from aims_desktop.services.workspace import data_folder

LOG_NAME = "aims-desktop.log"

log = logging.getLogger("aims_desktop")


def log_file() -> Path:
    return data_folder() / "logs" / LOG_NAME


def start_logging() -> Path | None:
    """Log to a small rotating file; returns its path, or None where it cannot be written."""
    path = log_file()
    for existing in log.handlers:
        if getattr(existing, "baseFilename", None) == str(path):
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


ErrorDialog = Callable[[str, Path | None], None]


class ExceptionHook:
    """sys.excepthook replacement: log, then tell the user once, without a traceback in front."""

    def __init__(self, show: ErrorDialog, log_path: Path | None) -> None:
        self._show = show
        self._log_path = log_path
        self._showing = False

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("Unexpected error\n%s", details)
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            self._show(details, self._log_path)
        except Exception:
            log.exception("The error dialog itself failed")
        finally:
            self._showing = False


def install_exception_hook(show: ErrorDialog, log_path: Path | None) -> ExceptionHook:
    hook = ExceptionHook(show, log_path)
    sys.excepthook = hook
    return hook
