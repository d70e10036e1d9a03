"""The risk criteria of clause 6.1.1: how likely, how bad, how high a risk is, and where the
organisation draws the line between risks it accepts and risks it treats.

Each organisation sets its own scales (three to five levels, with its own words for them), a
matrix that gives the risk level of every likelihood and consequence pair, and the acceptance
level: risks at or below it are accepted without treatment. A risk's levels are computed from
these criteria, never stored, so changing the matrix re-rates every risk at once.

Changing a scale's number of levels would leave stored scores meaning something else (a 4 on a
five-level scale does not exist on a three-level one). `remap` proposes where each old level
goes, the user can change the proposal, and the service re-scores every risk with it in the same
transaction as the new criteria: scores are never silently corrupted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

MIN_LEVELS = 3
MAX_LEVELS = 5
LABEL_LIMIT = 60
DESCRIPTION_LIMIT = 500

LIKELIHOOD = "likelihood"
CONSEQUENCE = "consequence"
RISK_LEVEL = "level"
SCALES = (LIKELIHOOD, CONSEQUENCE, RISK_LEVEL)
"""The three scales of the criteria, as stored (`risk_scale_level.scale`)."""

SCALE_TITLES = {
    LIKELIHOOD: "Likelihood",
    CONSEQUENCE: "Consequence",
    RISK_LEVEL: "Risk level",
}


class ScaleLevel(BaseModel):
    """One level of a scale: the organisation's word for it and what it means."""

    model_config = ConfigDict(frozen=True)

    label: str
    description: str = ""


class RiskCriteria(BaseModel):
    """The scales, the matrix and the acceptance level of one project."""

    model_config = ConfigDict(frozen=True)

    likelihood: tuple[ScaleLevel, ...]
    consequence: tuple[ScaleLevel, ...]
    levels: tuple[ScaleLevel, ...]
    """Risk levels, lowest first ("Low", "Medium", "High", "Very high")."""
    matrix: tuple[tuple[int, ...], ...]
    """`matrix[likelihood - 1][consequence - 1]` is the risk level (1 = the lowest)."""
    acceptance: int
    """The highest risk level accepted without treatment."""

    def scale(self, name: str) -> tuple[ScaleLevel, ...]:
        return {LIKELIHOOD: self.likelihood, CONSEQUENCE: self.consequence}.get(name, self.levels)

    def level(self, likelihood: int | None, consequence: int | None) -> int | None:
        """The risk level of a likelihood and consequence, or None while either is missing
        (or outside the scales: a risk scored before the scales shrank, never re-mapped)."""
        if likelihood is None or consequence is None:
            return None
        if not (1 <= likelihood <= len(self.likelihood)):
            return None
        if not (1 <= consequence <= len(self.consequence)):
            return None
        return self.matrix[likelihood - 1][consequence - 1]

    def level_label(self, level: int | None) -> str:
        if level is None or not 1 <= level <= len(self.levels):
            return ""
        return self.levels[level - 1].label

    def acceptable(self, level: int | None) -> bool | None:
        """Whether a risk of this level may be accepted without treatment (None: not rated)."""
        return None if level is None else level <= self.acceptance

    def label_of(self, scale: str, value: int | None) -> str:
        """ "3 Possible": a score with the organisation's word for it."""
        levels = self.scale(scale)
        if value is None:
            return ""
        if 1 <= value <= len(levels):
            return f"{value} {levels[value - 1].label}"
        return str(value)

    def rating_text(self, likelihood: int | None, consequence: int | None) -> str:
        """ "High (4 × 3)": how a risk's level reads in a list and a report."""  # noqa: RUF002
        level = self.level(likelihood, consequence)
        if level is None:
            return ""
        return f"{self.level_label(level)} ({likelihood} × {consequence})"  # noqa: RUF001

    def matrix_text(self) -> str:
        """The matrix as stored: one digit per cell, rows by likelihood, columns by consequence."""
        return "".join(str(v) for row in self.matrix for v in row)

    @property
    def acceptance_label(self) -> str:
        return self.level_label(self.acceptance)


def _levels(pairs: Sequence[tuple[str, str]]) -> tuple[ScaleLevel, ...]:
    return tuple(ScaleLevel(label=label, description=text) for label, text in pairs)


DEFAULT_CRITERIA = RiskCriteria(
    likelihood=_levels(
        [
            ("Rare", "Could happen only in exceptional circumstances; not seen in ten years."),
            ("Unlikely", "Could happen, but not expected; about once in five years."),
            ("Possible", "Might well happen; about once in two years."),
            ("Likely", "Expected to happen; about once a year."),
            ("Almost certain", "Happens often; several times a year."),
        ]
    ),
    consequence=_levels(
        [
            ("Negligible", "Barely noticed; fixed in the normal course of work."),
            ("Minor", "A few people inconvenienced; a small cost; no lasting harm."),
            (
                "Moderate",
                "People harmed or treated unfairly in a way that can be put right; "
                "a complaint to a regulator; a noticeable cost.",
            ),
            (
                "Major",
                "Lasting harm to people or their rights; a regulator's action; "
                "a lost customer or contract.",
            ),
            ("Severe", "Serious or irreversible harm to people or society; the business at risk."),
        ]
    ),
    levels=_levels(
        [
            ("Low", "Accepted; looked at again at the next review."),
            ("Medium", "Treated where reasonable; the owner decides and records why."),
            ("High", "Treated; top management is told."),
            ("Very high", "Not accepted: treated before the AI system is used, or not used."),
        ]
    ),
    # products 1-4 Low, 5-9 Medium, 10-16 High, 20-25 Very high
    matrix=(
        (1, 1, 1, 1, 2),
        (1, 1, 2, 2, 3),
        (1, 2, 2, 3, 3),
        (1, 2, 3, 3, 4),
        (2, 3, 3, 4, 4),
    ),
    acceptance=1,
)


# -- rules -------------------------------------------------------------------------------------


def problems(criteria: RiskCriteria) -> list[str]:
    """What is wrong with a set of criteria, in the user's words (nothing: they can be used)."""
    found: list[str] = []
    for name in SCALES:
        levels = criteria.scale(name)
        title = SCALE_TITLES[name]
        if not MIN_LEVELS <= len(levels) <= MAX_LEVELS:
            found.append(
                f"The {title.lower()} scale needs {MIN_LEVELS} to {MAX_LEVELS} levels, "
                f"not {len(levels)}."
            )
            continue
        seen: set[str] = set()
        for number, level in enumerate(levels, start=1):
            label = level.label.strip()
            if not label:
                found.append(f"Level {number} of the {title.lower()} scale needs a name.")
            elif len(label) > LABEL_LIMIT:
                found.append(
                    f"The name of level {number} of the {title.lower()} scale is longer than "
                    f"{LABEL_LIMIT} characters."
                )
            elif label.casefold() in seen:
                found.append(f"Two levels of the {title.lower()} scale are called “{label}”.")
            seen.add(label.casefold())
            if len(level.description) > DESCRIPTION_LIMIT:
                found.append(
                    f"The description of level {number} of the {title.lower()} scale is longer "
                    f"than {DESCRIPTION_LIMIT} characters."
                )
    if found:
        return found
    rows, columns, top = len(criteria.likelihood), len(criteria.consequence), len(criteria.levels)
    if len(criteria.matrix) != rows or any(len(r) != columns for r in criteria.matrix):
        return [f"The matrix needs {rows} rows of {columns} risk levels."]
    for row in criteria.matrix:
        for value in row:
            if not 1 <= value <= top:
                return [f"Every cell of the matrix needs a risk level from 1 to {top}."]
    for li in range(rows):
        for ci in range(columns):
            here = criteria.matrix[li][ci]
            if (li and criteria.matrix[li - 1][ci] > here) or (
                ci and criteria.matrix[li][ci - 1] > here
            ):
                return [
                    f"A risk that is {criteria.likelihood[li].label.lower()} with a "
                    f"{criteria.consequence[ci].label.lower()} consequence cannot have a lower "
                    "level than one that is less likely or less severe. Raise that cell or "
                    "lower its neighbours."
                ]
    if not 1 <= criteria.acceptance <= top:
        found.append(f"The acceptance level must be one of the {top} risk levels.")
    return found


def check(criteria: RiskCriteria) -> None:
    """Raise RuleViolation with the first problem, if any."""
    from aims_desktop.domain.errors import RuleViolation

    found = problems(criteria)
    if found:
        raise RuleViolation(found[0])


# -- changing the scales -------------------------------------------------------------------------


def remap(value: int, old_count: int, new_count: int) -> int:
    """Where a level of an `old_count` scale goes on a `new_count` scale: the same relative
    place, the lowest staying lowest and the highest highest (5 of 5 -> 3 of 3, 2 of 3 -> 3
    of 5)."""
    if old_count == new_count or old_count <= 1:
        return max(1, min(value, new_count))
    exact = 1 + (value - 1) * (new_count - 1) / (old_count - 1)
    return max(1, min(new_count, int(exact + 0.5)))


def proposed_mapping(old_count: int, new_count: int) -> dict[int, int]:
    """Old level -> new level for every level of the old scale (`remap` of each)."""
    return {v: remap(v, old_count, new_count) for v in range(1, old_count + 1)}


def resized(criteria: RiskCriteria, likelihood: int, consequence: int, levels: int) -> RiskCriteria:
    """The criteria with scales of new lengths: kept labels where the level still exists, new
    ones named "Level N" for the user to rename; the matrix and acceptance level proposed from
    the old ones (each new cell takes the level of the cell in the same relative place)."""

    def sized(old: tuple[ScaleLevel, ...], count: int) -> tuple[ScaleLevel, ...]:
        kept = list(old[:count])
        kept += [ScaleLevel(label=f"Level {n}") for n in range(len(kept) + 1, count + 1)]
        return tuple(kept)

    old_rows, old_columns = len(criteria.likelihood), len(criteria.consequence)
    old_levels = len(criteria.levels)
    matrix = tuple(
        tuple(
            remap(
                criteria.matrix[remap(li, likelihood, old_rows) - 1][
                    remap(ci, consequence, old_columns) - 1
                ],
                old_levels,
                levels,
            )
            for ci in range(1, consequence + 1)
        )
        for li in range(1, likelihood + 1)
    )
    return criteria.model_copy(
        update={
            "likelihood": sized(criteria.likelihood, likelihood),
            "consequence": sized(criteria.consequence, consequence),
            "levels": sized(criteria.levels, levels),
            "matrix": _monotonic(matrix),
            "acceptance": remap(criteria.acceptance, old_levels, levels),
        }
    )


def _monotonic(matrix: tuple[tuple[int, ...], ...]) -> tuple[tuple[int, ...], ...]:
    """Raise cells that came out lower than a less likely or less severe neighbour."""
    rows = [list(r) for r in matrix]
    for li, row in enumerate(rows):
        for ci in range(len(row)):
            floor = max(rows[li - 1][ci] if li else 0, row[ci - 1] if ci else 0)
            row[ci] = max(row[ci], floor)
    return tuple(tuple(r) for r in rows)


@dataclass(frozen=True)
class Rescoring:
    """How stored scores move when the scales change: old level -> new level, per scale."""

    likelihood: Mapping[int, int] = field(default_factory=dict)
    consequence: Mapping[int, int] = field(default_factory=dict)

    def apply(self, scale: str, value: int | None) -> int | None:
        if value is None:
            return None
        table = self.likelihood if scale == LIKELIHOOD else self.consequence
        return table.get(value, value)

    @property
    def moves_anything(self) -> bool:
        return any(
            k != v for table in (self.likelihood, self.consequence) for k, v in table.items()
        )


def needs_rescoring(old: RiskCriteria, new: RiskCriteria) -> bool:
    """Whether stored scores must be re-mapped: a likelihood or consequence scale changed
    its number of levels."""
    return len(old.likelihood) != len(new.likelihood) or len(old.consequence) != len(
        new.consequence
    )


def default_rescoring(old: RiskCriteria, new: RiskCriteria) -> Rescoring:
    return Rescoring(
        likelihood=proposed_mapping(len(old.likelihood), len(new.likelihood)),
        consequence=proposed_mapping(len(old.consequence), len(new.consequence)),
    )


def rescoring_problems(old: RiskCriteria, new: RiskCriteria, rescoring: Rescoring) -> list[str]:
    """A re-scoring must say where every old level goes, and only to levels that exist."""
    found: list[str] = []
    for scale, old_levels, new_levels, table in (
        (LIKELIHOOD, old.likelihood, new.likelihood, rescoring.likelihood),
        (CONSEQUENCE, old.consequence, new.consequence, rescoring.consequence),
    ):
        if len(old_levels) == len(new_levels) and not table:
            continue
        for value in range(1, len(old_levels) + 1):
            target = table.get(value)
            if target is None:
                found.append(
                    f"Say where the {SCALE_TITLES[scale].lower()} “{old_levels[value - 1].label}” "
                    "of the old scale goes on the new one."
                )
            elif not 1 <= target <= len(new_levels):
                found.append(
                    f"The {SCALE_TITLES[scale].lower()} “{old_levels[value - 1].label}” cannot "
                    f"go to level {target}: the new scale has {len(new_levels)} levels."
                )
    return found


# -- storage ---------------------------------------------------------------------------------------


def from_stored(
    scale_rows: Iterable[tuple[str, int, str, str]], matrix: str | None, acceptance: int | None
) -> RiskCriteria:
    """Criteria from what a file stores (scale, level, label, description rows; the matrix
    digits; the acceptance level), tolerant of a file that holds only part of them: a missing
    scale is the default one, a missing or mis-sized matrix is proposed from the default, an
    acceptance level out of range is the lowest. A file that opens can always be edited."""
    rows: dict[str, dict[int, ScaleLevel]] = {name: {} for name in SCALES}
    for scale, level, label, description in scale_rows:
        if scale in rows and 1 <= level <= MAX_LEVELS:
            rows[scale][level] = ScaleLevel(label=label, description=description)

    def scale_of(name: str) -> tuple[ScaleLevel, ...]:
        found = rows[name]
        count = max(found, default=0)
        if count < MIN_LEVELS:
            return DEFAULT_CRITERIA.scale(name)
        return tuple(found.get(n) or ScaleLevel(label=f"Level {n}") for n in range(1, count + 1))

    likelihood, consequence, levels = (scale_of(n) for n in SCALES)
    proposal = resized(DEFAULT_CRITERIA, len(likelihood), len(consequence), len(levels))
    grid = proposal.matrix
    digits = matrix or ""
    if len(digits) == len(likelihood) * len(consequence) and digits.isdigit():
        values = [int(d) for d in digits]
        if all(1 <= v <= len(levels) for v in values):
            width = len(consequence)
            grid = tuple(tuple(values[r * width : (r + 1) * width]) for r in range(len(likelihood)))
    accept = acceptance if acceptance is not None and 1 <= acceptance <= len(levels) else None
    return RiskCriteria(
        likelihood=likelihood,
        consequence=consequence,
        levels=levels,
        matrix=grid,
        acceptance=accept if accept is not None else proposal.acceptance,
    )
