"""Every error a caller of the services should expect and show to the user as it is."""

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.store.errors import (
    AlreadyOpen,
    Damaged,
    EvidenceNotAFile,
    EvidenceTooLarge,
    FileChangedOnDisk,
    FileEmpty,
    FileMissing,
    FileUnreadable,
    ForeignObjects,
    NotAnAimsProject,
    NotSQLite,
    ProjectFileError,
    ReadOnlyFile,
    SaveFailed,
    SaveInProgress,
    TooNew,
    WorkingCopyProblem,
)

UserFacingError = (ProjectFileError, RuleViolation)
"""Catch these to show `str(error)` to the user; anything else is a bug in AIMS Desktop."""

__all__ = [
    "AlreadyOpen",
    "Damaged",
    "EvidenceNotAFile",
    "EvidenceTooLarge",
    "FileChangedOnDisk",
    "FileEmpty",
    "FileMissing",
    "FileUnreadable",
    "ForeignObjects",
    "NotAnAimsProject",
    "NotSQLite",
    "ProjectFileError",
    "ReadOnlyFile",
    "RuleViolation",
    "SaveFailed",
    "SaveInProgress",
    "TooNew",
    "UserFacingError",
    "WorkingCopyProblem",
]
