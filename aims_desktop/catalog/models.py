"""The ISO/IEC 42001:2023 catalogue as typed, validated data.

Numbers and short titles are facts of the standard; every other sentence is our own wording. The
models are frozen so that no caller can edit the shared catalogue by accident.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

_CLAUSE_ID = re.compile(r"^(4|5|6|7|8|9|10)(\.\d+){0,2}$")
_CONTROL_ID = re.compile(r"^A\.(\d+)(\.\d+){0,2}$")


def _unwrap(value: object) -> object:
    """Prose is hard-wrapped in the TOML for review; readers get it as flowing text."""
    return " ".join(value.split()) if isinstance(value, str) else value


Prose = Annotated[str, BeforeValidator(_unwrap)]


class ItemKind(StrEnum):
    """Whether an assessable item is a management-system clause or an Annex A control."""

    CLAUSE = "clause"
    CONTROL = "control"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class GuidanceQuestion(_Frozen):
    """A question a manager can answer yes / partly / no / not sure.

    `key` is derived from the position in the catalogue ("q1", "q2", ...). Answers are stored
    against it, so questions are only ever appended, never reordered or removed.
    """

    key: str
    text: str = Field(min_length=10)


class Heading(_Frozen):
    """A grouping that is not itself assessed (clause 4, 6.1, 9.2, Annex A group A.6, ...)."""

    id: str
    title: str
    parent: str | None = None
    objective: Prose | None = None  # Annex A groups and sub-groups state an objective


class RecordBasis(StrEnum):
    """Why a record is kept: the standard's clauses ask for it, or it is good practice."""

    REQUIRED = "required"
    GOOD_PRACTICE = "good_practice"

    @property
    def label(self) -> str:
        return {"required": "Required", "good_practice": "Good practice"}[self.value]


class RecordToKeep(_Frozen):
    """A record (documented information) worth keeping for an item, in our own words.

    `required_by` names the clause whose text asks for this documented information; without it
    the record is good practice. `same_as` points at the one entry that stands for a record
    listed under several items (the approved AI policy under 5.2 and A.2.2). `kept_in` names
    the register of the application that keeps such records, where one does.

    `id` is "<item>:r<position>" ("5.2:r1"): documents link to it, so records are only ever
    appended to an item, never reordered or removed.
    """

    id: str
    item_id: str
    text: Prose = Field(min_length=10)
    required_by: str | None = None
    same_as: str | None = None
    kept_in: str | None = None

    @property
    def basis(self) -> RecordBasis:
        return RecordBasis.REQUIRED if self.required_by else RecordBasis.GOOD_PRACTICE

    @property
    def required(self) -> bool:
        return self.required_by is not None

    @property
    def canonical_id(self) -> str:
        """The entry that stands for this record wherever it is listed."""
        return self.same_as or self.id

    @property
    def basis_text(self) -> str:
        """ "Required by 5.2" or "Good practice": how the GUI and the reports mark it."""
        return f"Required by {self.required_by}" if self.required_by else "Good practice"


class CatalogItem(_Frozen):
    """One assessable requirement: a clause such as 6.1.2 or a control such as A.6.2.4."""

    id: str
    title: str
    kind: ItemKind
    parent: str
    summary: Prose = Field(min_length=40)
    questions: tuple[GuidanceQuestion, ...]
    evidence: tuple[str, ...] = Field(min_length=1)
    records: tuple[RecordToKeep, ...] = ()
    related: tuple[str, ...] = ()

    @field_validator("questions")
    @classmethod
    def _three_to_six(cls, value: tuple[GuidanceQuestion, ...]) -> tuple[GuidanceQuestion, ...]:
        if not 3 <= len(value) <= 6:
            raise ValueError(f"an item needs 3 to 6 guidance questions, not {len(value)}")
        return value

    @model_validator(mode="after")
    def _id_matches_kind(self) -> CatalogItem:
        pattern = _CLAUSE_ID if self.kind is ItemKind.CLAUSE else _CONTROL_ID
        if not pattern.match(self.id):
            raise ValueError(f"{self.id!r} is not a valid {self.kind.value} number")
        return self

    @property
    def is_control(self) -> bool:
        return self.kind is ItemKind.CONTROL

    @property
    def top_level(self) -> str:
        """The clause ("4".."10") or Annex A group ("A.2".."A.10") this item belongs to."""
        parts = self.id.split(".")
        return ".".join(parts[:2]) if self.is_control else parts[0]


class AnnexCEntry(_Frozen):
    """An Annex C potential AI-related objective or risk source, with our own explanation."""

    id: str
    title: str
    description: Prose = Field(min_length=40)


def sort_key(item_id: str) -> tuple[int, ...]:
    """Order ids the way the standard prints them: 4.1 < 4.2 < 10.1, A.2.2 < A.10.2."""
    control = item_id.startswith("A.")
    numbers = item_id.removeprefix("A.").split(".")
    return (1 if control else 0, *(int(n) for n in numbers))
