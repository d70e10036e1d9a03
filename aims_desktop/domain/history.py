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


# -- the hash chain ------------------------------------------------------------------------

VALUE_CHANGED = "value changed"
CHAIN_BROKEN = "chain broken"
NO_HASH = "no hash"
END_REMOVED = "end removed"

_PROBLEMS = {
    VALUE_CHANGED: "its recorded value was changed",
    CHAIN_BROKEN: (
        "it does not follow from the entry before it: the entry was changed, or entries "
        "before it were removed, inserted or reordered"
    ),
    NO_HASH: "it has no hash: it was put into the history outside AIMS Desktop",
    END_REMOVED: "entries at the end of the history were removed after the last save",
}


class AlteredEntry(BaseModel):
    """A change-log entry that does not match the hash chain."""

    model_config = ConfigDict(frozen=True)

    position: int
    """1 for the oldest entry of the history."""
    seq: int
    revision: int
    at: str
    who: str
    entity: str
    subject: str
    field: str
    problem: str

    def describe(self) -> str:
        """Which entry, which revision, and what is wrong with it, in plain words."""
        reason = _PROBLEMS.get(self.problem, self.problem)
        if self.problem == END_REMOVED:
            return f"After entry {self.position:,} (revision {self.revision}): {reason}."
        what = " ".join(p for p in (self.subject, self.field.replace("_", " ")) if p)
        when = self.at[:16].replace("T", " ") + " UTC" if self.at else "an unknown time"
        by = f" by {self.who}" if self.who else ""
        about = f" ({what})" if what else ""
        return (
            f"Entry {self.position:,}, revision {self.revision}, made {when}{by}{about}: {reason}."
        )


class HistoryCheck(BaseModel):
    """What verifying the hash chain of a history found (store/chain.py)."""

    model_config = ConfigDict(frozen=True)

    entries: int
    sealed: int
    unsaved: int
    head: str
    """The hash of the last saved entry: what reports print to tie them to this history."""
    altered: tuple[AlteredEntry, ...] = ()
    """The first altered entries, oldest first (all are counted in `altered_count`)."""
    altered_count: int = 0
    upgraded_entries: int = 0
    """Entries written before AIMS Desktop kept a chain, sealed when the file was upgraded."""
    upgraded_at: str = ""
    removed_values: int = 0
    """Values replaced by a recorded "Remove from history" (accepted, not altered)."""

    @property
    def intact(self) -> bool:
        return self.altered_count == 0

    def summary(self) -> str:
        """One paragraph for `check`, the warning bar and the properties of a project."""
        if not self.intact:
            first = self.altered[0].describe() if self.altered else ""
            more = (
                f" {self.altered_count:,} entries in all do not match."
                if self.altered_count > 1
                else ""
            )
            return (
                "The history of this project was altered outside AIMS Desktop. "
                f"{first}{more} The project's content is shown as it is, but its history "
                "cannot be trusted from that entry on."
            )
        if not self.sealed:
            if self.unsaved:
                return "The history holds only changes not saved yet; it is sealed when saved."
            return "The history is empty."
        text = f"{self.sealed:,} saved entries; the hash chain is intact."
        if self.upgraded_entries:
            when = self.upgraded_at[:10]
            text += (
                f" The first {self.upgraded_entries:,} were written by a version of AIMS "
                "Desktop that kept no hash chain (file format 1); they were sealed when the "
                f"file was upgraded{' on ' + when if when else ''}, so a change made to them "
                "before then cannot be detected."
            )
        if self.removed_values:
            text += (
                f" {self.removed_values:,} values were removed from the history by “Remove "
                "from history”, which the history records."
            )
        return text
