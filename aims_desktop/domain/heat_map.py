"""The heat map of a risk register: how many risks sit in each likelihood and consequence cell,
before treatment (inherent) or after it (residual), and the risk level of each cell.

The GUI draws it with QPainter and filters the register to a cell; reports draw it as vector
graphics. Both read this one computation, so the numbers always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aims_desktop.domain.registers.risks import RiskStatus, residual_scores
from aims_desktop.domain.risk_criteria import RiskCriteria

Cell = tuple[int, int]
"""(likelihood, consequence), both from 1."""


@dataclass(frozen=True)
class HeatMap:
    criteria: RiskCriteria
    residual: bool
    cells: dict[Cell, tuple[str, ...]] = field(default_factory=dict)
    """Record ids of the risks in each cell (only cells with risks)."""
    unrated: tuple[str, ...] = ()
    """Live risks not (yet) rated on both scales, or rated outside the current scales."""

    @property
    def title(self) -> str:
        return (
            "Residual risk (after treatment)"
            if self.residual
            else "Inherent risk (before treatment)"
        )

    def count(self, likelihood: int, consequence: int) -> int:
        return len(self.cells.get((likelihood, consequence), ()))

    def ids(self, likelihood: int, consequence: int) -> tuple[str, ...]:
        return self.cells.get((likelihood, consequence), ())

    def level(self, likelihood: int, consequence: int) -> int:
        return self.criteria.matrix[likelihood - 1][consequence - 1]

    def acceptable(self, likelihood: int, consequence: int) -> bool:
        return self.level(likelihood, consequence) <= self.criteria.acceptance

    @property
    def rated(self) -> int:
        return sum(len(v) for v in self.cells.values())

    def by_level(self) -> dict[int, int]:
        """Risk level -> number of rated risks at it."""
        counts = {n: 0 for n in range(1, len(self.criteria.levels) + 1)}
        for (li, ci), ids in self.cells.items():
            counts[self.level(li, ci)] += len(ids)
        return counts


def heat_map(risks: Iterable[Any], criteria: RiskCriteria, *, residual: bool = False) -> HeatMap:
    """Live (not closed) risks placed in their cells. Residual places a risk by its residual
    scores (a retained risk not rated again stays where it was)."""
    cells: dict[Cell, list[str]] = {}
    unrated: list[str] = []
    rows, columns = len(criteria.likelihood), len(criteria.consequence)
    for risk in risks:
        if risk.status is RiskStatus.CLOSED:
            continue
        likelihood, consequence = (
            residual_scores(risk) if residual else (risk.likelihood, risk.consequence)
        )
        if (
            likelihood is None
            or consequence is None
            or not 1 <= likelihood <= rows
            or not 1 <= consequence <= columns
        ):
            unrated.append(risk.id)
            continue
        cells.setdefault((likelihood, consequence), []).append(risk.id)
    return HeatMap(
        criteria=criteria,
        residual=residual,
        cells={k: tuple(v) for k, v in cells.items()},
        unrated=tuple(unrated),
    )


def in_cell(risk: Any, cell: Cell, *, residual: bool) -> bool:
    """Whether a risk sits in a cell of the inherent or residual map (the register's filter)."""
    scores = residual_scores(risk) if residual else (risk.likelihood, risk.consequence)
    return scores == cell and risk.status is not RiskStatus.CLOSED
