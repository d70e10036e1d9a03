"""The internal audit programme (9.2.2): which clauses and controls the audits cover.

Over a three-year certification cycle, internal audits must look at every clause of the standard
and every Annex A control that applies. The programme is the set of internal audits (done and
planned) that fall inside the cycle; its coverage says, for each requirement, whether a completed
audit looked at it, whether one is only planned, or whether nothing covers it yet.

The cycle is the one the certification audits give (from the Stage 2 or latest recertification
audit held, three years on); before certification, it is the three years from the start of the
year of the first internal audit (or of this year, when there is none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from aims_desktop.domain.registers.certification import AuditStage, CertificationAudit
from aims_desktop.domain.registers.evaluation import AuditStatus, InternalAudit
from aims_desktop.domain.registers.keys import CERTIFICATION_AUDIT, INTERNAL_AUDIT
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status

CYCLE_YEARS = 3


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Coverage(StrEnum):
    AUDITED = "audited"
    PLANNED = "planned"
    NOT_COVERED = "not_covered"

    @property
    def label(self) -> str:
        return {
            "audited": "Audited",
            "planned": "Audit planned",
            "not_covered": "Not covered yet",
        }[self.value]


@dataclass(frozen=True)
class ProgrammePeriod:
    start: date
    end: date  # inclusive
    source: str
    """Where the period comes from, in words: "the certification cycle", "the first audit"."""

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class ProgrammeCoverage:
    period: ProgrammePeriod
    items: dict[str, Coverage]
    """Every clause requirement and applicable control -> how the programme covers it, in
    catalogue order."""
    audits: tuple[InternalAudit, ...]
    """The internal audits inside the period (not cancelled), in date order."""

    def ids(self, coverage: Coverage) -> list[str]:
        return [i for i, c in self.items.items() if c is coverage]

    @property
    def uncovered(self) -> list[str]:
        return self.ids(Coverage.NOT_COVERED)

    @property
    def complete(self) -> bool:
        return not self.uncovered


def audit_day(audit: InternalAudit) -> date | None:
    """The day an audit counts on: when it was held, or when it is planned."""
    return audit.held_on or audit.planned_on


def _live(audits: Iterable[InternalAudit]) -> list[InternalAudit]:
    return [a for a in audits if a.status is not AuditStatus.CANCELLED]


def cycle_start(records: Iterable[CertificationAudit], today: date) -> date | None:
    """The first day of the current certification cycle: the latest Stage 2 or recertification
    audit held. Before certification there is none: the audits that prepare for it count."""
    starting = [r for r in records if r.stage in (AuditStage.STAGE_2, AuditStage.RECERTIFICATION)]
    held = sorted(r.held_on for r in starting if r.held_on is not None and r.held_on <= today)
    return held[-1] if held else None


def programme_period(snapshot: ProjectSnapshot) -> ProgrammePeriod:
    today = snapshot.today
    certification = [
        r for r in snapshot.records(CERTIFICATION_AUDIT) if isinstance(r, CertificationAudit)
    ]
    start = cycle_start(certification, today)
    source = "the certification cycle"
    if start is None:
        audits = [a for a in _internal_audits(snapshot) if audit_day(a) is not None]
        days = sorted(d for a in _live(audits) if (d := audit_day(a)) is not None)
        if days:
            start, source = date(days[0].year, 1, 1), "the year of the first internal audit"
        else:
            start, source = date(today.year, 1, 1), "this year"
    end = date.fromordinal(add_years(start, CYCLE_YEARS).toordinal() - 1)
    return ProgrammePeriod(start, end, source)


def _internal_audits(snapshot: ProjectSnapshot) -> list[InternalAudit]:
    return [a for a in snapshot.records(INTERNAL_AUDIT) if isinstance(a, InternalAudit)]


def required_items(snapshot: ProjectSnapshot) -> list[str]:
    """Every requirement of clauses 4 to 10 and every Annex A control not excluded."""
    return [
        item.id
        for item in snapshot.catalog.items
        if not (item.is_control and snapshot.assessment(item.id).status is Status.NOT_APPLICABLE)
    ]


def programme_coverage(snapshot: ProjectSnapshot) -> ProgrammeCoverage:
    period = programme_period(snapshot)
    inside = sorted(
        (a for a in _live(_internal_audits(snapshot)) if period.holds(audit_day(a))),
        key=lambda a: (audit_day(a) or date.max, a.ref),
    )
    audited: set[str] = set()
    planned: set[str] = set()
    for audit in inside:
        (audited if audit.status is AuditStatus.COMPLETED else planned).update(audit.scope_items)
    items: dict[str, Coverage] = {}
    for item_id in required_items(snapshot):
        if item_id in audited:
            items[item_id] = Coverage.AUDITED
        elif item_id in planned:
            items[item_id] = Coverage.PLANNED
        else:
            items[item_id] = Coverage.NOT_COVERED
    return ProgrammeCoverage(period, items, tuple(inside))
