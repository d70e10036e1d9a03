"""What changed in a project since a revision or a date, as an auditor reads it.

An auditor returning for a surveillance visit wants to see at once what moved since they last
looked: not a thousand log entries, but each requirement and each record that changed, with each
field's value then and now. The change log (services.changelog puts its entries into words) is
grouped here by requirement and record, and the edits of one field are merged into one line
from its old value to its new one; edits that cancel out disappear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aims_desktop.domain.dates import day_text

ADDED = "added"
DELETED = "deleted"
CHANGED = "changed"


@dataclass(frozen=True)
class ChangeLine:
    what: str
    """ADDED or DELETED for a whole record, CHANGED for one field."""
    field: str
    """The field's title ("" for a whole record)."""
    old: str
    new: str
    who: str
    """Everyone who made these edits, in the order they first did."""
    at: str
    """UTC stamp of the last edit."""
    revision: int
    """The revision the last edit was saved in (or will be, for unsaved work)."""
    edits: int
    """How many logged edits this line stands for."""


@dataclass(frozen=True)
class ChangeGroup:
    section: str
    """The part of the project: "Clauses and controls", "Organisation", a register's plural."""
    title: str
    """The requirement or record, as a person names it."""
    target: str
    """Where it is shown: a navigation target."""
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class ChangeList:
    since_revision: int | None
    since_date: date | None
    revision: int
    """The project's saved revision now."""
    unsaved: bool
    """Whether changes not yet saved are included."""
    groups: tuple[ChangeGroup, ...]
    entries: int
    """How many log entries were read."""
    compared_with: str = ""
    """For a comparison with another copy (services/compare.py): the other file's name."""

    @property
    def since_text(self) -> str:
        if self.compared_with:
            return f"compared with the copy “{self.compared_with}”"
        if self.since_revision is not None:
            return f"since revision {self.since_revision}"
        if self.since_date is not None:
            return f"since {day_text(self.since_date)}"
        return "since the project was created"

    @property
    def sections(self) -> list[str]:
        return list(dict.fromkeys(g.section for g in self.groups))

    def in_section(self, section: str) -> list[ChangeGroup]:
        return [g for g in self.groups if g.section == section]
