"""The inputs of a management review (9.3.2), drafted from the project.

A manager should come to the review to discuss, not to compile: every topic the standard asks
the review to consider is drafted here from the records already kept, since the previous review
(or from the start, for the first one). A topic is drafted only when the register it comes from
exists in this version of the application; the manager edits the draft freely afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from aims_desktop.domain.dates import day_text
from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.monitoring import meets_target, results_of, trend
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.certification import CertificationAudit
from aims_desktop.domain.registers.evaluation import (
    REVIEW_TOPICS,
    ActionStatus,
    AuditFinding,
    AuditStatus,
    FindingGrade,
    InternalAudit,
    ManagementReview,
    MonitoringMeasure,
    ReviewAction,
    ReviewStatus,
)
from aims_desktop.domain.registers.improvement import (
    AIIncident,
    Improvement,
    ImprovementStatus,
    Nonconformity,
    NonconformityStatus,
)
from aims_desktop.domain.registers.keys import (
    AI_INCIDENT,
    AUDIT_FINDING,
    CERTIFICATION_AUDIT,
    CONTEXT_ISSUE,
    IMPROVEMENT,
    INTERESTED_PARTY,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
    MONITORING_MEASURE,
    NONCONFORMITY,
    REVIEW_ACTION,
    RISK,
)
from aims_desktop.domain.registers.spec import display
from aims_desktop.domain.snapshot import ProjectSnapshot

OBJECTIVE = "objective"
"""The objectives register (coming with the document registers); its topic is drafted once it
exists."""

_R = TypeVar("_R", bound=RegisterRecord)

LIST_LIMIT = 12
"""Records listed by name under one topic; more are counted."""


@dataclass(frozen=True)
class ReviewInput:
    field: str
    """The management review's field the text goes into."""
    title: str
    text: str


@dataclass(frozen=True)
class _Context:
    snapshot: ProjectSnapshot
    review: ManagementReview
    since: date | None
    """The date of the previous review held, or None for the first review."""
    until: date


def previous_review(snapshot: ProjectSnapshot, review: ManagementReview) -> ManagementReview | None:
    """The last review held before this one."""
    until = review.held_on or snapshot.today
    earlier = [
        r
        for r in snapshot.records(MANAGEMENT_REVIEW)
        if isinstance(r, ManagementReview)
        and r.id != review.id
        and r.status is ReviewStatus.HELD
        and r.held_on is not None
        and r.held_on <= until
    ]
    return max(earlier, key=lambda r: (r.held_on or date.min, r.ref), default=None)


def _records(snapshot: ProjectSnapshot, key: str, kind: type[_R]) -> list[_R]:
    return [r for r in snapshot.records(key) if isinstance(r, kind)]


def _bullets(lines: Sequence[str], more: str = "more") -> list[str]:
    shown = [f"• {line}" for line in lines[:LIST_LIMIT]]
    if len(lines) > LIST_LIMIT:
        shown.append(f"• … and {len(lines) - LIST_LIMIT} {more}.")
    return shown


def _stamp_day(stamp: str) -> date | None:
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


def _since(ctx: _Context, day: date | None) -> bool:
    return day is not None and (ctx.since is None or day > ctx.since) and day <= ctx.until


def _period(ctx: _Context) -> str:
    if ctx.since is None:
        return "so far (this is the first management review)"
    return f"since the last review on {day_text(ctx.since)}"


def _summary(snapshot: ProjectSnapshot, key: str, record: RegisterRecord) -> str:
    """A record in one line: its label, then its list columns that say something."""
    spec = REGISTERS[key]
    context = snapshot.record_context
    parts = []
    for name in spec.columns:
        column = spec.computed_column(name)
        if column is not None:  # a computed column (a risk's level)
            shown = column.text(record, context)
            if shown:
                parts.append(f"{column.title}: {shown}")
            continue
        field = spec.field(name)
        if name in spec.label_fields or name == "ref" or field.is_link:
            continue
        value = getattr(record, name)
        if isinstance(value, date):
            shown = day_text(value)
        elif field.kind.value == "scale":
            shown = context.scale_text(field, value)
        else:
            shown = display(field, value)
        if shown and field.kind.value != "long_text":
            parts.append(f"{field.title}: {shown}")
    label = spec.label(record)
    return f"{label} ({'; '.join(parts)})" if parts else label


# -- the topics ----------------------------------------------------------------------------


def _actions(ctx: _Context) -> str:
    actions = [
        a
        for a in _records(ctx.snapshot, REVIEW_ACTION, ReviewAction)
        if a.parent_id != ctx.review.id
    ]
    if not actions:
        return "No actions were agreed at earlier management reviews."
    open_ = [a for a in actions if a.status not in (ActionStatus.DONE, ActionStatus.CANCELLED)]
    done = [a for a in actions if a.status is ActionStatus.DONE and _since(ctx, a.done_on)]
    lines = [f"{len(open_)} open, {len(done)} done {_period(ctx)}."]
    if open_:
        lines.append("Still open:")
        lines += _bullets([_action_line(a, ctx.until) for a in open_])
    if done:
        lines.append("Done:")
        lines += _bullets([f"{a.ref} {a.action}" for a in done])
    return "\n".join(lines)


def _action_line(action: ReviewAction, today: date) -> str:
    line = f"{action.ref} {action.action}"
    if action.owner:
        line += f" ({action.owner})"
    if action.due is not None:
        late = action.due < today
        line += f", {'was due' if late else 'due'} {day_text(action.due)}"
    return line


def _changes_in(ctx: _Context, key: str, noun: str) -> str:
    records = list(ctx.snapshot.records(key))
    if not records:
        return f"No {noun} are recorded yet."
    if ctx.since is None:  # the first review: everything on record is new to it
        lines = [f"{len(records)} {noun} on record (this is the first management review):"]
        lines += _bullets([_summary(ctx.snapshot, key, r) for r in records])
        return "\n".join(lines)
    added = [r for r in records if _since(ctx, _stamp_day(r.created_at))]
    added_ids = {r.id for r in added}
    changed = [
        r for r in records if r.id not in added_ids and _since(ctx, _stamp_day(r.updated_at))
    ]
    lines = [
        f"{len(records)} {noun} on record; {len(added)} new and {len(changed)} changed "
        f"{_period(ctx)}."
    ]
    if added:
        lines.append("New:")
        lines += _bullets([_summary(ctx.snapshot, key, r) for r in added])
    if changed:
        lines.append("Changed:")
        lines += _bullets([_summary(ctx.snapshot, key, r) for r in changed])
    return "\n".join(lines)


def _issues(ctx: _Context) -> str:
    return _changes_in(ctx, CONTEXT_ISSUE, "issues")


def _parties(ctx: _Context) -> str:
    return _changes_in(ctx, INTERESTED_PARTY, "interested parties")


def _nonconformities(ctx: _Context) -> str:
    snapshot = ctx.snapshot
    ncs = _records(snapshot, NONCONFORMITY, Nonconformity)
    incidents = _records(snapshot, AI_INCIDENT, AIIncident)
    raised = [n for n in ncs if _since(ctx, n.raised_on)]
    open_ = [n for n in ncs if n.status is not NonconformityStatus.CLOSED]
    closed = [
        n for n in ncs if n.status is NonconformityStatus.CLOSED and _since(ctx, n.checked_on)
    ]
    late = [n for n in open_ if n.action_due is not None and n.action_due < ctx.until]
    reported = [i for i in incidents if _since(ctx, i.reported_on)]
    lines = [
        f"Nonconformities: {len(raised)} raised and {len(closed)} closed after an "
        f"effectiveness check {_period(ctx)}; {len(open_)} open, {len(late)} of them with "
        "a corrective action past its due date."
    ]
    if open_:
        lines.append("Open:")
        lines += _bullets([_nc_line(n, ctx.until) for n in open_])
    if closed:
        lines.append("Closed:")
        lines += _bullets([f"{n.ref} {n.title}" for n in closed])
    lines.append(f"AI incidents and concerns reported {_period(ctx)}: {len(reported)}.")
    lines += _bullets([_summary(snapshot, AI_INCIDENT, i) for i in reported])
    return "\n".join(lines)


def _nc_line(nc: Nonconformity, today: date) -> str:
    line = f"{nc.ref} {nc.title}"
    if nc.status is not None:
        line += f": {nc.status.label.lower()}"
    if nc.action_due is not None and nc.action_due < today:
        line += f", action was due {day_text(nc.action_due)}"
    return line


def _monitoring(ctx: _Context) -> str:
    snapshot = ctx.snapshot
    measures = [m for m in _records(snapshot, MONITORING_MEASURE, MonitoringMeasure) if m.active]
    if not measures:
        return "No monitoring measures are recorded yet."
    lines = []
    for measure in measures:
        points = [p for p in trend(results_of(snapshot, measure.id)) if p.day <= ctx.until]
        unit = f" {measure.unit}" if measure.unit and measure.unit != "%" else measure.unit
        if not points:
            lines.append(f"{measure.ref} {measure.name}: no result recorded yet.")
            continue
        last = points[-1]
        line = f"{measure.ref} {measure.name}: {last.text}{unit} ({last.label})"
        if len(points) > 1:
            before = points[-2]
            direction = (
                "up from"
                if last.value > before.value
                else "down from"
                if last.value < before.value
                else "the same as"
            )
            line += f", {direction} {before.text}{unit} ({before.label})"
        met = meets_target(measure, last.value)
        if met is not None:
            line += f"; target {measure.target}{unit} {'met' if met else 'NOT met'}"
        lines.append(line + ".")
    return "\n".join(_bullets(lines, "measures"))


def _audits(ctx: _Context) -> str:
    snapshot = ctx.snapshot
    audits = [
        a
        for a in _records(snapshot, INTERNAL_AUDIT, InternalAudit)
        if a.status is AuditStatus.COMPLETED and _since(ctx, a.reported_on or a.held_on)
    ]
    findings = _records(snapshot, AUDIT_FINDING, AuditFinding)
    lines = []
    if audits:
        lines.append(f"Internal audits completed {_period(ctx)}:")
        for audit in audits:
            own = [f for f in findings if f.parent_id == audit.id]
            counts = [
                f"{n} {grade.label.lower()}{'s' if n != 1 else ''}"
                for grade in FindingGrade
                if (n := sum(1 for f in own if f.grade is grade))
            ]
            held = f", held {day_text(audit.held_on)}" if audit.held_on else ""
            summary = ", ".join(counts) if counts else "no findings"
            lines += _bullets([f"{audit.ref} {audit.title}{held}: {summary}."])
    else:
        lines.append(f"No internal audit was completed {_period(ctx)}.")
    external = [
        c
        for c in _records(snapshot, CERTIFICATION_AUDIT, CertificationAudit)
        if _since(ctx, c.held_on)
    ]
    if external:
        lines.append("Certification audits:")
        lines += _bullets(
            [
                f"{c.ref} {c.title}"
                + (f": {c.outcome.label.lower()}" if c.outcome is not None else "")
                for c in external
            ]
        )
    return "\n".join(lines)


def _listing(key: str, noun: str) -> Callable[[_Context], str]:
    """A topic from a register of another part of the application: each record in one line."""

    def topic(ctx: _Context) -> str:
        records = list(ctx.snapshot.records(key))
        if not records:
            return f"No {noun} are recorded yet."
        lines = [f"{len(records)} {noun} on record:"]
        lines += _bullets([_summary(ctx.snapshot, key, r) for r in records])
        return "\n".join(lines)

    return topic


def _risks(ctx: _Context) -> str:
    """The risks that need top management's attention: above the acceptance level and not
    treated, treatments late, residual risk nobody accepted; and what is new."""
    from aims_desktop.domain.registers.risks import (
        RiskStatus,
        has_treatment,
        inherent_level,
        is_accepted,
        live,
    )

    snapshot = ctx.snapshot
    criteria = snapshot.risk_criteria
    risks = live(snapshot.records(RISK))
    if not risks:
        return "No risks are recorded yet."
    label = REGISTERS[RISK].label
    above = [r for r in risks if criteria.acceptable(inherent_level(r, criteria)) is False]
    untreated = [r for r in above if not has_treatment(r)]
    late = [
        r
        for r in risks
        if r.treatment_due is not None
        and r.treatment_due < ctx.until
        and r.status not in (RiskStatus.TREATED, RiskStatus.ACCEPTED)
    ]
    unaccepted = [r for r in risks if has_treatment(r) and not is_accepted(r)]
    lines = [
        f"Risks that apply: {len(risks)}. Above the acceptance level "
        f"({criteria.acceptance_label}) before treatment: {len(above)}, of which "
        f"{len(untreated)} with no treatment decided. Treatments past their due date: "
        f"{len(late)}. Treated risks whose remaining risk nobody has accepted yet: "
        f"{len(unaccepted)}."
    ]
    if untreated:
        lines.append("Above the acceptance level, not treated:")
        lines += _bullets([_summary(snapshot, RISK, r) for r in untreated])
    if late:
        lines.append("Treatment late:")
        lines += _bullets(
            [f"{label(r)} (due {day_text(r.treatment_due)})" for r in late if r.treatment_due]
        )
    if ctx.since is not None:
        new = [r for r in risks if _since(ctx, _stamp_day(r.created_at))]
        if new:
            lines.append(f"New {_period(ctx)}:")
            lines += _bullets([_summary(snapshot, RISK, r) for r in new])
    return "\n".join(lines)


def _improvement(ctx: _Context) -> str:
    items = _records(ctx.snapshot, IMPROVEMENT, Improvement)
    new = [i for i in items if _since(ctx, i.raised_on)]
    pending = [
        i
        for i in items
        if i.status in (None, ImprovementStatus.IDEA, ImprovementStatus.PLANNED) and i not in new
    ]
    if not new and not pending:
        return f"No improvement ideas were recorded {_period(ctx)}."
    lines = []
    if new:
        lines.append(f"Raised {_period(ctx)}:")
        lines += _bullets([_summary(ctx.snapshot, IMPROVEMENT, i) for i in new])
    if pending:
        lines.append("Waiting for a decision from earlier:")
        lines += _bullets([_summary(ctx.snapshot, IMPROVEMENT, i) for i in pending])
    return "\n".join(lines)


Topic = Callable[[_Context], str]

TOPICS: dict[str, tuple[str, Topic]] = {
    "input_actions": (REVIEW_ACTION, _actions),
    "input_issues": (CONTEXT_ISSUE, _issues),
    "input_parties": (INTERESTED_PARTY, _parties),
    "input_nonconformities": (NONCONFORMITY, _nonconformities),
    "input_monitoring": (MONITORING_MEASURE, _monitoring),
    "input_audits": (INTERNAL_AUDIT, _audits),
    "input_objectives": (OBJECTIVE, _listing(OBJECTIVE, "objectives")),
    "input_risks": (RISK, _risks),
    "input_improvement": (IMPROVEMENT, _improvement),
}
"""Each input field of a review -> the register it is drafted from, and how."""


def review_inputs(
    snapshot: ProjectSnapshot, review: ManagementReview, registers: Iterable[str] = REGISTERS
) -> list[ReviewInput]:
    """The drafted inputs of `review`, topic by topic, for the registers that exist."""
    present = set(registers)
    previous = previous_review(snapshot, review)
    ctx = _Context(
        snapshot,
        review,
        previous.held_on if previous is not None else None,
        review.held_on or snapshot.today,
    )
    titles = dict(REVIEW_TOPICS)
    return [
        ReviewInput(name, titles[name], draft(ctx))
        for name, (key, draft) in TOPICS.items()
        if key in present
    ]
