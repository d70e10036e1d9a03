"""How ready the organisation is for certification, overall, per clause and for Annex A.

Each assessable item counts once: met = 1, partially met = 1/2, not met or not assessed = 0.
Excluded Annex A controls do not count. Simple enough for a manager to reproduce by hand, which
matters more than a clever weighting when the figure is shown to an auditor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from aims_desktop.catalog import Catalog, CatalogItem
from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.status import Status

ANNEX_A = "A"


@dataclass(frozen=True)
class Readiness:
    """Readiness of one part of the standard."""

    key: str  # "overall", "4".."10", "A", or an Annex A group such as "A.6"
    title: str
    counts: Mapping[Status, int]

    @property
    def counted(self) -> int:
        """Items that count towards readiness (everything except excluded controls)."""
        return sum(n for s, n in self.counts.items() if s.score is not None)

    @property
    def score(self) -> float:
        if not self.counted:
            return 0.0
        points = sum(n * (s.score or 0.0) for s, n in self.counts.items() if s.score is not None)
        return points / self.counted

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def gaps(self) -> int:
        return self.counts.get(Status.NOT_MET, 0) + self.counts.get(Status.PARTIALLY_MET, 0)

    @property
    def not_assessed(self) -> int:
        return self.counts.get(Status.NOT_ASSESSED, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ReadinessReport:
    overall: Readiness
    clauses: tuple[Readiness, ...]
    annex_a: Readiness
    annex_a_groups: tuple[Readiness, ...]

    def for_key(self, key: str) -> Readiness:
        for r in (self.overall, *self.clauses, self.annex_a, *self.annex_a_groups):
            if r.key == key:
                return r
        raise KeyError(key)


def _status(assessments: Mapping[str, Assessment], item: CatalogItem) -> Status:
    found = assessments.get(item.id)
    return found.status if found else Status.NOT_ASSESSED


def _readiness(
    key: str, title: str, items: Iterable[CatalogItem], assessments: Mapping[str, Assessment]
) -> Readiness:
    counts = Counter(_status(assessments, item) for item in items)
    return Readiness(key, title, {s: counts.get(s, 0) for s in Status})


def compute_readiness(catalog: Catalog, assessments: Mapping[str, Assessment]) -> ReadinessReport:
    clauses = tuple(
        _readiness(h.id, h.title, catalog.children_of(h.id), assessments)
        for h in catalog.clause_headings
    )
    groups = tuple(
        _readiness(g.id, g.title, catalog.children_of(g.id), assessments)
        for g in catalog.annex_a_groups
    )
    return ReadinessReport(
        overall=_readiness("overall", "Overall", catalog.items, assessments),
        clauses=clauses,
        annex_a=_readiness(ANNEX_A, "Annex A controls", catalog.controls, assessments),
        annex_a_groups=groups,
    )
