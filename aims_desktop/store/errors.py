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
        limit_text = _megabytes(limit)
        super().__init__(
            path,
            f"“{_name(path)}” is {_megabytes(size, differ_from=limit_text)}; an evidence file can "
            f"be at most {limit_text} so that the project stays small enough to email. Attach a "
            "shorter extract, a compressed copy, or a note saying where the full file is kept.",
        )


class EvidenceNotAFile(ProjectFileError):
    """Something other than an ordinary file was chosen as evidence: a folder, a device such as
    /dev/zero, a pipe or a socket, which could never be read to the end."""

    exit_code = 3
    title = "The evidence could not be attached"

    def __init__(self, path: Path | str, *, folder: bool) -> None:
        if folder:
            message = (
                f"“{_name(path)}” is a folder. Attach the files inside it one by one, or put "
                "them in a ZIP archive and attach that."
            )
        else:
            message = (
                f"“{_name(path)}” is not an ordinary file (it is a device, a pipe or a socket), "
                "so it cannot be attached as evidence. Choose a document or a picture."
            )
        super().__init__(path, message)


def _megabytes(size: int, differ_from: str = "") -> str:
    """A size in words: "2.5 MB", "100 MB", "340 kB". With `differ_from`, as many decimals as it
    takes not to read the same as that text ("100.000001 MB" against "100 MB")."""
    if size < 100_000:
        return f"{size / 1000:.0f} kB" if size >= 1000 else f"{size} bytes"
    for decimals in range(1, 7):
        shown = f"{size / 1_000_000:,.{decimals}f}".rstrip("0").rstrip(".") + " MB"
        if shown != differ_from:
            return shown
    return f"{size:,} bytes"


class ReadOnlyFile(ProjectFileError):
    exit_code = 14
    title = "The file is read-only"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"“{_name(path)}” is read-only, so AIMS Desktop does not replace it. Use Save As to "
            "save your work under another name or in another folder; your project stays open "
            "and nothing was lost.",
        )


class SaveInProgress(ProjectFileError):
    """Another AIMS Desktop (perhaps on another computer, through a shared folder) is saving
    the same file at this moment."""

    exit_code = 15
    title = "Someone else is saving this file"

    def __init__(self, path: Path | str, holder: str = "") -> None:
        who = f" by {holder}" if holder else " by another AIMS Desktop"
        super().__init__(
            path,
            f"“{_name(path)}” is being saved{who} right now. Nothing was overwritten and your "
            "project stays open: save again in a moment (AIMS Desktop will then tell you if "
            "their save changed the file), or use Save As to keep your version in another file.",
        )
        self.holder = holder


class WorkingCopyProblem(ProjectFileError):
    """The working copy (in the per-user data folder) cannot take the change: a full disk, a
    failing disk, or a folder that became read-only. The session stays usable."""

    exit_code = 16
    title = "Your change could not be recorded"

    def __init__(self, folder: Path | str, *, full: bool, detail: str = "") -> None:
        if full:
            problem = "the disk that holds AIMS Desktop's working copies is full"
            advice = "Free some space on it, then make the change again."
        else:
            problem = f"AIMS Desktop could not write to its working copy ({detail})"
            advice = "Check that the disk is connected and writable, then make the change again."
        super().__init__(
            folder,
            f"Your last change was not recorded: {problem} ({folder}). {advice} Everything you "
            "did before this change is kept, and the project stays open.",
        )
        self.full = full
