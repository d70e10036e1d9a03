"""What one user operation changed: the unit of the change log, of undo and of GUI refresh."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    """One field of one entity went from `old` to `new` (typed domain values, not column text).

    `field` is "" for a whole entity created (old is None) or deleted (new is None).
    """

    entity: str
    entity_id: str
    field: str
    old: Any
    new: Any
    subject: str = ""  # what a person would call the thing: "4.1", "A.2.2 question 3"


@dataclass(frozen=True)
class ChangeSet:
    """Everything one operation changed, with a description fit for an Undo menu entry."""

    description: str
    changes: tuple[FieldChange, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def entities(self) -> set[tuple[str, str]]:
        return {(c.entity, c.entity_id) for c in self.changes}

    def subjects(self) -> set[str]:
        return {c.subject for c in self.changes if c.subject}
