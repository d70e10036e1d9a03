"""The competence matrix (7.2): who needs what, who has it, who lacks it, and which training is
due.

A person needs every competence that their roles need. They hold one when a completed training,
qualification or piece of experience gives it and has not lapsed ("Renew by" passed). A gap is
a competence needed and not held; planned training for it is shown with its date. Training due
is planned training, and renewals that fall within the next `horizon` days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

RENEWAL_HORIZON_DAYS = 60
"""How far ahead a renewal counts as due."""


class CellState(StrEnum):
    HELD = "held"
    RENEW = "renew"
    GAP = "gap"
    EXTRA = "extra"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "held": "Has it",
            "renew": "Has it, renewal due",
            "gap": "Needed, not shown",
            "extra": "Has it (not needed by their roles)",
            "none": "",
        }[self.value]


@dataclass(frozen=True)
class Cell:
    state: CellState
    note: str = ""
    """The date that matters: "renew by 2027-01-31", "planned for 2026-12-24 (overdue)"."""


@dataclass(frozen=True)
class TrainingDue:
    person_id: str
    person: str
    training: str
    due: date
    overdue: bool
    renewal: bool
    """True for a renewal of something held; False for planned training."""


@dataclass(frozen=True)
class MatrixRow:
    person_id: str
    person: str
    roles: tuple[str, ...]
    cells: dict[str, Cell]

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(c for c, cell in self.cells.items() if cell.state is CellState.GAP)


@dataclass(frozen=True)
class CompetenceMatrix:
    competences: tuple[tuple[str, str], ...]
    """(id, name) of every competence a role needs or a person holds, in register order."""
    rows: tuple[MatrixRow, ...]
    due: tuple[TrainingDue, ...] = field(default_factory=tuple)

    def name_of(self, competence_id: str) -> str:
        return next((n for i, n in self.competences if i == competence_id), competence_id)

    @property
    def gap_count(self) -> int:
        return sum(len(r.gaps) for r in self.rows)


def _value(record: Any, name: str) -> Any:
    value = getattr(record, name, None)
    return getattr(value, "value", value)


def competence_matrix(
    people: Sequence[Any],
    roles: Sequence[Any],
    competences: Sequence[Any],
    trainings: Sequence[Any],
    today: date,
    horizon: int = RENEWAL_HORIZON_DAYS,
) -> CompetenceMatrix:
    """The matrix of the People, Roles, Competences and Training registers' records."""
    role_by_id = {r.id: r for r in roles}
    names = {c.id: c.name for c in competences}
    soon = today + timedelta(days=horizon)
    by_person: dict[str, list[Any]] = {}
    for training in trainings:
        by_person.setdefault(training.parent_id, []).append(training)
    rows = []
    due: list[TrainingDue] = []
    used: set[str] = set()
    for person in people:
        needed: set[str] = set()
        for role_id in person.roles:
            role = role_by_id.get(role_id)
            if role is not None:
                needed.update(role.competences)
        held: dict[str, date | None] = {}  # competence -> latest "renew by" (None: never)
        planned: dict[str, date] = {}
        for training in by_person.get(person.id, []):
            status = _value(training, "status")
            if status == "completed":
                lapses = training.valid_until
                if lapses is not None and lapses < today:
                    continue
                for c in training.competences:
                    if c in held and held[c] is None:
                        continue
                    current = held.get(c, date.min)
                    held[c] = None if lapses is None else max(lapses, current or date.min)
                if lapses is not None and lapses <= soon:
                    due.append(
                        TrainingDue(
                            person.id, person.name, training.title, lapses, lapses < today, True
                        )
                    )
            elif status == "planned" and training.due_on is not None:
                for c in training.competences:
                    planned[c] = min(training.due_on, planned.get(c, training.due_on))
                due.append(
                    TrainingDue(
                        person.id,
                        person.name,
                        training.title,
                        training.due_on,
                        training.due_on < today,
                        False,
                    )
                )
        cells: dict[str, Cell] = {}
        for c in sorted(needed | set(held), key=lambda i: (i not in names, names.get(i, i))):
            if c in held:
                lapses = held[c]
                if lapses is not None and lapses <= soon and c in needed:
                    cells[c] = Cell(CellState.RENEW, f"renew by {lapses.isoformat()}")
                else:
                    cells[c] = Cell(CellState.HELD if c in needed else CellState.EXTRA)
            else:
                when = planned.get(c)
                note = ""
                if when is not None:
                    note = f"planned for {when.isoformat()}" + (
                        " (overdue)" if when < today else ""
                    )
                cells[c] = Cell(CellState.GAP, note)
            used.add(c)
        role_names = tuple(role_by_id[r].name for r in person.roles if r in role_by_id)
        rows.append(MatrixRow(person.id, person.name, role_names, cells))
    ordered = tuple((c.id, c.name) for c in competences if c.id in used)
    return CompetenceMatrix(
        competences=ordered,
        rows=tuple(rows),
        due=tuple(sorted(due, key=lambda d: (d.due, d.person))),
    )
