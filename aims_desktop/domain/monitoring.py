"""Monitoring results as a trend: the points a chart draws, and whether they meet the target."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from aims_desktop.domain.registers.evaluation import (
    Direction,
    MeasurementResult,
    MonitoringMeasure,
    parse_number,
)
from aims_desktop.domain.registers.keys import MEASUREMENT_RESULT
from aims_desktop.domain.snapshot import ProjectSnapshot


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    label: str  # the period, or the date when no period was given
    text: str  # the value as typed


def results_of(snapshot: ProjectSnapshot, measure_id: str) -> list[MeasurementResult]:
    return [
        r
        for r in snapshot.records(MEASUREMENT_RESULT)
        if isinstance(r, MeasurementResult) and r.parent_id == measure_id
    ]


def trend(results: Iterable[MeasurementResult]) -> list[Point]:
    """The results that hold a number, oldest first (results on one day keep their order)."""
    points = []
    for result in results:
        value = parse_number(result.value)
        if value is None or result.measured_on is None:
            continue
        label = result.period.strip() or result.measured_on.isoformat()
        points.append(Point(result.measured_on, value, label, result.value.strip()))
    return sorted(points, key=lambda p: p.day)


def target_of(measure: MonitoringMeasure) -> float | None:
    return parse_number(measure.target)


def meets_target(measure: MonitoringMeasure, value: float) -> bool | None:
    """Whether a value meets the measure's target (None: no target or no direction)."""
    target = target_of(measure)
    if target is None or measure.direction is None:
        return None
    if measure.direction is Direction.HIGHER:
        return value >= target
    return value <= target


def overdue_since(measure: MonitoringMeasure, points: list[Point], today: date) -> date | None:
    """The day a new result was due, when it is more than half an interval late; None when
    the measure is up to date, has no fixed rhythm, is no longer measured or was never
    measured (a new measure is not late)."""
    days = measure.frequency.days if measure.frequency is not None else None
    if not measure.active or days is None or not points:
        return None
    due = date.fromordinal(points[-1].day.toordinal() + days)
    grace = max(1, days // 2)
    return due if (today - due).days > grace else None
