"""Why a report was not written: the user stopped it, or the file could not be saved."""

from __future__ import annotations

from pathlib import Path


class ReportCancelled(Exception):
    """The user pressed Cancel; nothing was written and nothing needs to be shown."""


class ReportNotWritten(Exception):
    """The PDF could not be saved where the user asked; the message says what to do instead."""

    title = "The report could not be saved"
    exit_code = 17

    def __init__(self, path: Path, reason: str, advice: str = "") -> None:
        self.path = path
        self.message = (
            f"“{path.name}” could not be written ({reason}). "
            + (
                advice
                or "If the file is open in a PDF viewer, close it and try again, or choose "
                "another folder."
            )
            + f" Folder: {path.parent}"
        )
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message
