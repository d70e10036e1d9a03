"""The three-year certification cycle, read from the certification audits the user records.

A Stage 1 and a Stage 2 audit lead to the certificate. Surveillance audits follow at least once
a year (the first within twelve months of certification, the second within twenty-four), and a
recertification audit must be held before the certificate expires (three years on), which starts
the next cycle. These are the usual rules of certification bodies (ISO/IEC 17021-1); a body's own
dates, once entered, always win over the computed ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from aims_desktop.domain.audit_programme import add_years
from aims_desktop.domain.dates import day_text
from aims_desktop.domain.registers.certification import AuditStage, CertificationAudit
from aims_desktop.domain.registers.keys import CERTIFICATION_AUDIT
from aims_desktop.domain.snapshot import ProjectSnapshot

SOON_DAYS = 60
"""A planned audit this close is worth a reminder."""
DUE_DAYS = 180
"""An audit due this soon and not yet planned is worth a reminder: bodies book months ahead."""

REGISTER_TARGET = f"register:{CERTIFICATION_AUDIT}"

AFTER_CERTIFICATION = (
    AuditStage.SURVEILLANCE_1,
    AuditStage.SURVEILLANCE_2,
    AuditStage.RECERTIFICATION,
)


class MilestoneState(StrEnum):
    DONE = "done"
    PLANNED = "planned"
    TO_RECORD = "to_record"
    DUE = "due"
    OVERDUE = "overdue"
    LATER = "later"

    @property
    def label(self) -> str:
        return {
            "done": "Held",
            "planned": "Planned",
            "to_record": "Planned date passed: record when it was held",
            "due": "Due soon, not planned yet",
            "overdue": "Overdue",
            "later": "Later in the cycle",
        }[self.value]


@dataclass(frozen=True)
class Milestone:
    stage: AuditStage
    due_by: date | None
    """The latest date the audit should be held by (None: no deadline, before certification)."""
    record: CertificationAudit | None
    state: MilestoneState

    @property
    def title(self) -> str:
        return self.stage.label

    @property
    def day(self) -> date | None:
        """The date to show: held, else planned, else the deadline."""
        if self.record is not None and (self.record.held_on or self.record.planned_on):
            return self.record.held_on or self.record.planned_on
        return self.due_by

    @property
    def target(self) -> str:
        if self.record is not None:
            return f"{REGISTER_TARGET}:{self.record.id}"
        return REGISTER_TARGET


@dataclass(frozen=True)
class CertificationCycle:
    certified_on: date | None
    """When the current cycle began (Stage 2 or recertification held), or None."""
    expires_on: date | None
    milestones: tuple[Milestone, ...]

    @property
    def certified(self) -> bool:
        return self.certified_on is not None


@dataclass(frozen=True)
class Reminder:
    message: str
    target: str
    day: date
    urgent: bool


def _day(record: CertificationAudit) -> date | None:
    return record.held_on or record.planned_on


def _held(record: CertificationAudit, today: date) -> bool:
    return record.held_on is not None and record.held_on <= today


def _latest(records: Sequence[CertificationAudit]) -> CertificationAudit | None:
    dated = [r for r in records if _day(r) is not None]
    return max(dated, key=lambda r: (_day(r) or date.min, r.ref), default=None)


def _state(record: CertificationAudit | None, due_by: date | None, today: date) -> MilestoneState:
    if record is not None:
        if _held(record, today):
            return MilestoneState.DONE
        planned = record.planned_on or record.held_on
        if planned is not None and planned < today:
            return MilestoneState.TO_RECORD
        if planned is not None:
            return MilestoneState.PLANNED
    if due_by is None:
        return MilestoneState.LATER
    if due_by < today:
        return MilestoneState.OVERDUE
    if (due_by - today).days <= DUE_DAYS:
        return MilestoneState.DUE
    return MilestoneState.LATER


def certification_cycle(records: Iterable[CertificationAudit], today: date) -> CertificationCycle:
    audits = [r for r in records if r.stage is not None]
    starting = [
        r
        for r in audits
        if r.stage in (AuditStage.STAGE_2, AuditStage.RECERTIFICATION) and _held(r, today)
    ]
    base = _latest(starting)
    if base is None or base.held_on is None:
        stage_1 = _latest([r for r in audits if r.stage is AuditStage.STAGE_1])
        stage_2 = _latest([r for r in audits if r.stage is AuditStage.STAGE_2])
        milestones = (
            Milestone(AuditStage.STAGE_1, None, stage_1, _state(stage_1, None, today)),
            Milestone(AuditStage.STAGE_2, None, stage_2, _state(stage_2, None, today)),
            *(Milestone(stage, None, None, MilestoneState.LATER) for stage in AFTER_CERTIFICATION),
        )
        return CertificationCycle(None, None, milestones)
    start = base.held_on
    expires = base.certificate_expires or add_years(start, 3)
    after = [r for r in audits if (d := _day(r)) is not None and d > start]

    def found(stage: AuditStage) -> CertificationAudit | None:
        return _latest([r for r in after if r.stage is stage])

    deadlines = (
        (AuditStage.SURVEILLANCE_1, add_years(start, 1)),
        (AuditStage.SURVEILLANCE_2, add_years(start, 2)),
        (AuditStage.RECERTIFICATION, expires),
    )
    current = [Milestone(base.stage or AuditStage.STAGE_2, None, base, MilestoneState.DONE)]
    for stage, due in deadlines:
        record = found(stage)
        current.append(Milestone(stage, due, record, _state(record, due, today)))
    return CertificationCycle(start, expires, tuple(current))


def cycle_of(snapshot: ProjectSnapshot) -> CertificationCycle:
    records = [
        r for r in snapshot.records(CERTIFICATION_AUDIT) if isinstance(r, CertificationAudit)
    ]
    return certification_cycle(records, snapshot.today)


def _in_days(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    if days == -1:
        return "yesterday"
    return f"{-days} days ago"


def reminders(cycle: CertificationCycle, today: date) -> list[Reminder]:
    """What the user should act on now, most urgent first."""
    found: list[Reminder] = []
    for milestone in cycle.milestones:
        record, state, name = milestone.record, milestone.state, milestone.title
        if state is MilestoneState.PLANNED and record is not None:
            day = _day(record)
            if day is not None and (day - today).days <= SOON_DAYS:
                found.append(
                    Reminder(
                        f"{name} on {day_text(day)} ({_in_days(day, today)}).",
                        milestone.target,
                        day,
                        urgent=(day - today).days <= 14,
                    )
                )
        elif state is MilestoneState.TO_RECORD and record is not None:
            day = record.planned_on or record.held_on or today
            found.append(
                Reminder(
                    f"{name} was planned for {day_text(day)}: record when it was held and its "
                    "outcome.",
                    milestone.target,
                    day,
                    urgent=False,
                )
            )
        elif state is MilestoneState.DUE and milestone.due_by is not None:
            due = milestone.due_by
            found.append(
                Reminder(
                    f"{name} is due by {day_text(due)} ({_in_days(due, today)}) and not planned "
                    "yet: agree a date with your certification body.",
                    milestone.target,
                    due,
                    urgent=(due - today).days <= SOON_DAYS,
                )
            )
        elif state is MilestoneState.OVERDUE and milestone.due_by is not None:
            due = milestone.due_by
            what = (
                "the certificate may be suspended or lapse"
                if milestone.stage is AuditStage.RECERTIFICATION
                else "the certificate may be suspended"
            )
            found.append(
                Reminder(
                    f"{name} was due by {day_text(due)} ({_in_days(due, today)}) and is not "
                    f"recorded as held: {what}. Record it, or agree a date at once.",
                    milestone.target,
                    due,
                    urgent=True,
                )
            )
    return sorted(found, key=lambda r: (not r.urgent, r.day))
