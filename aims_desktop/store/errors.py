"""Typed failures of the project file, each with a message written for the person using the app.

The GUI shows `message` in a dialog with `title` as its heading; the CLI prints it and exits with
`exit_code`. Nothing here carries a traceback to the user.
"""

from __future__ import annotations

from pathlib import Path


class ProjectFileError(Exception):
    """Base of every problem with a project file that the user can understand and act on."""

    title = "The project could not be opened"
    exit_code = 2

    def __init__(self, path: Path | str | None, message: str) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.message = message

    def __str__(self) -> str:
        return self.message


def _name(path: Path | str) -> str:
    return Path(path).name or str(path)


class FileMissing(ProjectFileError):
    exit_code = 3

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” could not be found. It may have been moved, renamed or deleted. "
            f"Looked in: {Path(path).parent}",
        )


FOLDER = "it is a folder, not a file"


class FileUnreadable(ProjectFileError):
    exit_code = 3

    def __init__(self, path: Path | str, reason: str) -> None:
        advice = (
            "Choose the project file inside it."
            if reason == FOLDER
            else "Check that you have permission to open it."
        )
        super().__init__(path, f"“{_name(path)}” could not be read ({reason}). {advice}")


class FileEmpty(ProjectFileError):
    exit_code = 4

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is empty (0 bytes). This often happens when a download or an email "
            "attachment did not finish. Ask the sender for the file again.",
        )


class NotSQLite(ProjectFileError):
    exit_code = 5

    def __init__(self, path: Path | str, looks_like: str | None = None) -> None:
        kind = f" It looks like {looks_like}." if looks_like else ""
        super().__init__(
            path,
            f"“{_name(path)}” is not an AIMS Desktop project file.{kind} Project files are "
            "created by AIMS Desktop and end in .aims; renaming another file to .aims does not "
            "make it one.",
        )


class NotAnAimsProject(ProjectFileError):
    exit_code = 6

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is a database, but not one made by AIMS Desktop, so it cannot be "
            "opened as a project.",
        )


class TooNew(ProjectFileError):
    exit_code = 7
    title = "This project needs a newer AIMS Desktop"

    def __init__(self, path: Path | str, file_revision: int, supported: int) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” was saved by a newer version of AIMS Desktop (file format "
            f"{file_revision}; this version understands up to {supported}). Update AIMS Desktop "
            "to open it. The file has not been changed.",
        )
        self.file_revision = file_revision
        self.supported = supported


class Damaged(ProjectFileError):
    exit_code = 8
    title = "The project file is damaged"

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is damaged and cannot be opened safely ({detail}). If you received "
            "it by email, ask the sender to send it again; if it is your own file, open a backup "
            "copy.",
        )
        self.detail = detail


class ForeignObjects(ProjectFileError):
    exit_code = 9
    title = "The project file contains unexpected content"

    def __init__(self, path: Path | str, objects: list[str]) -> None:
        listed = ", ".join(objects[:5]) + (" …" if len(objects) > 5 else "")
        super().__init__(
            path,
            f"“{_name(path)}” contains things AIMS Desktop never writes ({listed}). It may have "
            "been altered by another program or made to look like a project. For your safety it "
            "has not been opened.",
        )
        self.objects = objects


class AlreadyOpen(ProjectFileError):
    exit_code = 10
    title = "The project is already open"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is already open in another AIMS Desktop window. Switch to that "
            "window, or close the project there first, so that two copies of your work do not "
            "overwrite each other.",
        )


class FileChangedOnDisk(ProjectFileError):
    exit_code = 11
    title = "The file was changed by someone else"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” has been changed on disk since you opened it (perhaps by a "
            "colleague or a sync folder). Saving now would overwrite those changes. Use Save As "
            "to keep both versions, or choose to overwrite.",
        )


class SaveFailed(ProjectFileError):
    exit_code = 12
    title = "The project could not be saved"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” could not be saved ({reason}). Nothing was overwritten: the "
            "previous version of the file, if there is one, is untouched, and the project stays "
            "open. Choose another folder or free some space, then save again.",
        )


class EvidenceTooLarge(ProjectFileError):
    exit_code = 13
    title = "The evidence file is too large"

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is {_megabytes(size)}; an evidence file can be at most "
            f"{_megabytes(limit)} so that the project stays small enough to email. Attach a "
            "shorter extract, a compressed copy, or a note saying where the full file is kept.",
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"
