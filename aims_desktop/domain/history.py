"""Entries of the change log, as an auditor reads them, and "Remove from history".

The change log keeps old values on purpose: it is the audit trail. A value that should never
have been stored (personal data, a pasted password) can be removed from it; what stays in its
place says who removed it, when and why, with the SHA-256 of the removed text, so whoever still
holds the original can prove what was there without the file carrying it.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict

from aims_desktop.domain.errors import RuleViolation

REMOVED_ENTITY = "change_log"
"""The entity of the log entry that records a removal from the history itself."""


class LogEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: str
    who: str
    entity: str
    entity_id: str
    field: str
    subject: str
    old: str | None
    new: str | None
    revision: int
    id: str = ""
    seq: int = 0


def value_digest(value: str) -> str:
    """The SHA-256 (hex) of a removed value, as written in the note that replaces it."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def removal_note(who: str, day: str, reason: str, value: str) -> str:
    """What takes the place of a removed value in every log entry that held it."""
    return (
        f"[removed from the history by {who} on {day}: {reason}; "
        f"SHA-256 of the removed text {value_digest(value)}]"
    )


def check_removal(value: str, reason: str) -> None:
    """The rules of a removal, in the user's words."""
    if not value.strip():
        raise RuleViolation("Enter the text to remove from the history.")
    if len(value.strip()) < 3:
        raise RuleViolation(
            "Enter at least three characters to remove: a shorter text would match far more "
            "of the history than you mean."
        )
    if not reason.strip():
        raise RuleViolation(
            "Say why the text is removed (for example “personal data” or “a password pasted "
            "by mistake”): the reason stays in the history in its place."
        )
    if value in reason:
        raise RuleViolation("The reason must not contain the text being removed.")
