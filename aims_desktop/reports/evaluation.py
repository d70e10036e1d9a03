"""Reports of clauses 9 and 10 and of the auditor's visit: monitoring with its trend charts, the
internal audit report, the minutes of a management review, and what changed since a revision.

The audit report and the minutes describe one audit or one review: the one named in the
snapshot's `extra["record"]` (its reference or id), or else the latest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from aims_desktop.domain.audit_programme import Coverage, programme_coverage
from aims_desktop.domain.change_list import ADDED, DELETED, ChangeLine
from aims_desktop.domain.monitoring import meets_target, results_of, target_of, trend
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.evaluation import (
    REVIEW_TOPICS,
    AuditFinding,
    AuditStatus,
    FindingGrade,
    InternalAudit,
    ManagementReview,
    MonitoringMeasure,
    ReviewAction,
    ReviewStatus,
    parse_number,
)
from aims_desktop.domain.registers.keys import (
    AUDIT_FINDING,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
    MONITORING_MEASURE,
    REVIEW_ACTION,
)
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.charts import trend_chart
from aims_desktop.reports.flowables import Heading, Para, cell, house_table, key_figures
from aims_desktop.reports.registers import register_section, value_text
from aims_desktop.reports.style import AMBER, GREEN, NAVY, RED, styles
from aims_desktop.reports.text import long_date, markup, short_date

Check = Callable[[], None]

AUDIT_TITLE = "Internal audit report"
REVIEW_TITLE = "Management review minutes"
MONITORING_TITLE = "Monitoring and measurement"
CHANGES_TITLE = "What changed"

LABEL_WIDTH = 46 * mm


def _details(
    rows: Sequence[tuple[str, str]], width: float, label_width: float = LABEL_WIDTH
) -> Flowable:
    """Label and value, one per row; empty values are left out."""
    s = styles()
    data = [[cell(label.upper(), s.label), cell(value)] for label, value in rows if value.strip()]
    if not data:
        return Para("Nothing recorded yet.", s.muted)
    return house_table(None, data, [label_width, width - label_width])


def _date(day: date | None) -> str:
    return long_date(day) if day is not None else ""


def _records(snapshot: ProjectSnapshot, key: str, kind: type[Any]) -> list[Any]:
    return [r for r in snapshot.records(key) if isinstance(r, kind)]


def choose(
    snapshot: ProjectSnapshot, records: Sequence[Any], latest: Callable[[Any], Any]
) -> Any | None:
    """The record named in `extra["record"]` (by reference or id), or the latest one."""
    wanted = snapshot.extra.get("record", "").strip()
    if wanted:
        for record in records:
            if wanted in (record.id, getattr(record, "ref", "")) or (
                wanted.casefold() == str(getattr(record, "ref", "")).casefold()
            ):
                return record
        return None
    return max(records, key=latest, default=None)


def _nothing(title: str, text: str) -> list[Flowable]:
    s = styles()
    return [Heading(title, 0, "nothing"), Para(markup(text), s.lead)]


# -- monitoring --------------------------------------------------------------------------------


def monitoring_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    """The register's overview, then every measure with its trend chart and its results."""
    s = styles()
    spec = REGISTERS[MONITORING_MEASURE]
    story = register_section(snapshot, spec, width, check, details=False)
    for number, measure in enumerate(_records(snapshot, MONITORING_MEASURE, MonitoringMeasure)):
        results = sorted(results_of(snapshot, measure.id), key=lambda r: r.measured_on or date.min)
        points = trend(results)
        unit = measure.unit.strip()
        target = target_of(measure)
        block: list[Flowable] = [
            Heading(spec.label(measure), 1, f"measure-{number}", toc=False),
            _details(
                [
                    ("Why", measure.purpose),
                    ("Method", measure.method),
                    ("How often", measure.frequency.label if measure.frequency else ""),
                    ("Measured by", measure.measured_by),
                    ("Analysed by", measure.analysed_by),
                    ("Evaluation", measure.evaluation),
                    (
                        "Target",
                        f"{measure.target}{unit}"
                        + (f" ({measure.direction.label.lower()})" if measure.direction else "")
                        if measure.target
                        else "",
                    ),
                    ("Still measured", "Yes" if measure.active else "No"),
                ],
                width,
            ),
        ]
        if points:
            block.append(
                trend_chart(
                    [(p.label, p.value, p.text) for p in points],
                    width,
                    target=target,
                    unit="%" if unit == "%" else "",
                )
            )
        story.extend([CondPageBreak(70 * mm), KeepTogether(block)])
        if results:
            rows = []
            for result in results:
                met = (
                    meets_target(measure, v)
                    if (v := parse_number(result.value)) is not None
                    else None
                )
                verdict = "" if met is None else "Met" if met else "Not met"
                rows.append(
                    [
                        cell(short_date(result.measured_on) if result.measured_on else ""),
                        cell(result.period),
                        cell(f"{result.value}{unit if unit == '%' else ''}", s.cell_bold),
                        cell(verdict),
                        cell(result.measured_by),
                        cell(result.note),
                    ]
                )
            widths = [22 * mm, 24 * mm, 18 * mm, 16 * mm, 28 * mm]
            widths.append(width - sum(widths))
            story.append(
                house_table(
                    ["Measured on", "Period", "Result", "Target", "Measured by", "Comment"],
                    rows,
                    widths,
                    zebra=True,
                )
            )
        else:
            story.append(Para("No results recorded yet.", s.muted))
        check()
    return story


# -- the internal audit report -----------------------------------------------------------------


def _audit_day(audit: InternalAudit) -> tuple[bool, date, str]:
    return (
        audit.status is AuditStatus.COMPLETED,
        audit.held_on or audit.planned_on or date.min,
        audit.ref,
    )


GRADE_TONES = {
    FindingGrade.MAJOR: RED,
    FindingGrade.MINOR: AMBER,
    FindingGrade.OBSERVATION: None,
    FindingGrade.OPPORTUNITY: GREEN,
}


def internal_audit_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    audits = _records(snapshot, INTERNAL_AUDIT, InternalAudit)
    audit = choose(snapshot, audits, _audit_day)
    if audit is None:
        return _nothing(
            "No internal audit",
            "This project holds no internal audit"
            + (f" called “{snapshot.extra['record']}”" if snapshot.extra.get("record") else "")
            + ". Record the audit in the Internal audits register first.",
        )
    findings = sorted(
        (f for f in _records(snapshot, AUDIT_FINDING, AuditFinding) if f.parent_id == audit.id),
        key=lambda f: (list(FindingGrade).index(f.grade) if f.grade else 9, f.ref),
    )
    story: list[Flowable] = [Heading(f"{audit.ref} {audit.title}", 0, "audit")]
    status = audit.status.label if audit.status else "Status not recorded"
    story.append(Para(markup(f"{status}. {_audit_dates(audit)}"), s.lead))
    counts = [
        (str(sum(1 for f in findings if f.grade is g)), g.label, GRADE_TONES[g])
        for g in FindingGrade
    ]
    story.append(
        key_figures([(v, label, tone.strong if tone else NAVY) for v, label, tone in counts], width)
    )
    story.append(Spacer(1, 4))
    story.append(Heading("The audit", 1, "audit-details"))
    story.append(
        _details(
            [
                ("Scope", audit.scope),
                ("Criteria", audit.criteria),
                ("Lead auditor", audit.auditor),
                ("Other auditors", audit.team),
                ("Independence", audit.independence),
                ("People interviewed", audit.auditees),
                (
                    "AI systems",
                    value_text(snapshot, _field(INTERNAL_AUDIT, "ai_systems"), audit.ai_systems),
                ),
                ("Results reported to", audit.reported_to),
            ],
            width,
        )
    )
    if audit.scope_items:
        story.append(Heading("Clauses and controls audited", 2, "audit-items", toc=False))
        names = [
            f"{i} {snapshot.catalog.title_in_context(i)}"
            for i in _catalog_order(snapshot, audit.scope_items)
        ]
        story.append(Para(markup("; ".join(names)), s.body))
    story.append(Heading("Findings", 1, "audit-findings"))
    if not findings:
        story.append(Para("The audit recorded no findings.", s.body))
    else:
        rows = []
        for finding in findings:
            rows.append(
                [
                    cell(finding.ref, s.cell_bold),
                    cell(finding.grade.label if finding.grade else "Not graded"),
                    cell(finding.title),
                    cell(", ".join(finding.requirements)),
                    cell(
                        value_text(
                            snapshot, _field(AUDIT_FINDING, "nonconformity"), finding.nonconformity
                        )
                        or "—"
                    ),
                ]
            )
        widths = [16 * mm, 30 * mm, 0.0, 24 * mm, 32 * mm]
        widths[2] = width - sum(widths)
        story.append(
            house_table(
                ["Ref.", "Grade", "Finding", "Clauses", "Nonconformity"],
                rows,
                widths,
                zebra=True,
            )
        )
        for number, finding in enumerate(findings):
            block = [
                Heading(f"{finding.ref} {finding.title}", 2, f"finding-{number}", toc=False),
                _details(
                    [
                        ("Grade", finding.grade.label if finding.grade else ""),
                        (
                            "Requirements",
                            value_text(
                                snapshot,
                                _field(AUDIT_FINDING, "requirements"),
                                finding.requirements,
                            ),
                        ),
                        ("What was found", finding.statement),
                        ("Evidence seen", finding.evidence),
                        (
                            "Nonconformity raised",
                            value_text(
                                snapshot,
                                _field(AUDIT_FINDING, "nonconformity"),
                                finding.nonconformity,
                            ),
                        ),
                    ],
                    width,
                ),
            ]
            story.extend([CondPageBreak(35 * mm), KeepTogether(block)])
            check()
    story.append(Heading("Conclusion", 1, "audit-conclusion"))
    story.append(Para(markup(audit.conclusion or "No conclusion recorded yet."), s.body))
    story.extend(_programme_section(snapshot, width))
    story.extend(
        _sign_off(width, [("Lead auditor", audit.auditor), ("Received by", audit.reported_to)])
    )
    return story


def _audit_dates(audit: InternalAudit) -> str:
    parts = []
    if audit.planned_on:
        parts.append(f"Planned for {long_date(audit.planned_on)}")
    if audit.held_on:
        parts.append(f"held on {long_date(audit.held_on)}")
    if audit.reported_on:
        parts.append(f"reported on {long_date(audit.reported_on)}")
    text = ", ".join(parts)
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _catalog_order(snapshot: ProjectSnapshot, ids: Sequence[str]) -> list[str]:
    order = {item.id: n for n, item in enumerate(snapshot.catalog.items)}
    return sorted(ids, key=lambda i: order.get(i, len(order)))


def _field(key: str, name: str) -> Any:
    return REGISTERS[key].field(name)


def _programme_section(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    coverage = programme_coverage(snapshot)
    period = coverage.period
    story: list[Flowable] = [
        Heading("The audit programme", 1, "programme"),
        Para(
            markup(
                f"The programme runs from {long_date(period.start)} to {long_date(period.end)} "
                f"({period.source}). Every clause and every applicable Annex A control must "
                "be audited within it."
            ),
            s.body,
        ),
    ]
    figures = [
        (str(len(coverage.ids(Coverage.AUDITED))), "audited", GREEN.strong),
        (str(len(coverage.ids(Coverage.PLANNED))), "audit planned", AMBER.strong),
        (str(len(coverage.ids(Coverage.NOT_COVERED))), "not covered yet", RED.strong),
    ]
    story.append(key_figures(figures, width))
    if coverage.uncovered:
        names = [f"{i} {snapshot.catalog.title_in_context(i)}" for i in coverage.uncovered]
        story.append(Heading("Not covered yet", 2, "programme-gaps", toc=False))
        story.append(Para(markup("; ".join(names)), s.body))
    if coverage.audits:
        rows = [
            [
                cell(a.ref, s.cell_bold),
                cell(a.title),
                cell(a.status.label if a.status else ""),
                cell(short_date(d) if (d := a.held_on or a.planned_on) else ""),
                cell(str(len(a.scope_items))),
            ]
            for a in coverage.audits
        ]
        widths = [18 * mm, 0.0, 24 * mm, 24 * mm, 20 * mm]
        widths[1] = width - sum(widths)
        story.append(
            house_table(["Ref.", "Audit", "Status", "Date", "Items"], rows, widths, zebra=True)
        )
    return story


def _sign_off(width: float, roles: Sequence[tuple[str, str]]) -> list[Flowable]:
    s = styles()
    rows = [
        [cell(role.upper(), s.label), cell(name or " "), cell("Signature"), cell("Date")]
        for role, name in roles
    ]
    widths = [36 * mm, 0.0, 40 * mm, 28 * mm]
    widths[1] = width - sum(widths)
    return [
        CondPageBreak(40 * mm),
        Heading("Sign-off", 1, "sign-off"),
        house_table(None, rows, widths, extra=[("TOPPADDING", (0, 0), (-1, -1), 12)]),
    ]


# -- management review minutes -----------------------------------------------------------------


def _review_day(review: ManagementReview) -> tuple[bool, date, str]:
    return (review.status is ReviewStatus.HELD, review.held_on or date.min, review.ref)


def management_review_story(
    snapshot: ProjectSnapshot, width: float, check: Check
) -> list[Flowable]:
    s = styles()
    reviews = _records(snapshot, MANAGEMENT_REVIEW, ManagementReview)
    review = choose(snapshot, reviews, _review_day)
    if review is None:
        return _nothing(
            "No management review",
            "This project holds no management review"
            + (f" called “{snapshot.extra['record']}”" if snapshot.extra.get("record") else "")
            + ". Record the review in the Management reviews register first.",
        )
    story: list[Flowable] = [Heading(f"{review.ref} {review.title}", 0, "review")]
    status = review.status.label if review.status else "Status not recorded"
    when = f" on {long_date(review.held_on)}" if review.held_on else ""
    story.append(Para(markup(f"{status}{when}."), s.lead))
    story.append(
        _details(
            [("Chaired by", review.chair), ("Attendees", review.attendees)],
            width,
        )
    )
    story.append(Heading("Inputs considered", 1, "review-inputs"))
    story.append(
        Para(
            "The topics a management review considers (ISO/IEC 42001:2023, 9.3.2), as prepared "
            "from the project's records and completed by the participants.",
            s.muted,
        )
    )
    for name, title in REVIEW_TOPICS:
        text = str(getattr(review, name))
        story.append(Heading(title, 2, f"input-{name}", toc=False))
        story.append(Para(markup(text or "Not discussed."), s.body if text else s.muted))
    check()
    story.append(Heading("Discussion and conclusions", 1, "review-discussion"))
    story.append(Para(markup(review.discussion or "Nothing recorded."), s.body))
    story.append(Heading("Decisions", 1, "review-decisions"))
    story.append(Para(markup(review.decisions or "Nothing recorded."), s.body))
    actions = sorted(
        (a for a in _records(snapshot, REVIEW_ACTION, ReviewAction) if a.parent_id == review.id),
        key=lambda a: a.ref,
    )
    story.append(Heading("Actions agreed", 1, "review-actions"))
    if actions:
        rows = [
            [
                cell(a.ref, s.cell_bold),
                cell(a.action),
                cell(a.owner),
                cell(short_date(a.due) if a.due else ""),
                cell(a.status.label if a.status else ""),
            ]
            for a in actions
        ]
        widths = [18 * mm, 0.0, 32 * mm, 24 * mm, 22 * mm]
        widths[1] = width - sum(widths)
        story.append(
            house_table(["Ref.", "Action", "Owner", "Due", "Status"], rows, widths, zebra=True)
        )
    else:
        story.append(Para("No actions were agreed.", s.muted))
    story.extend(_sign_off(width, [("Chair", review.chair)]))
    return story


# -- what changed ------------------------------------------------------------------------------


def changes_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    changes = snapshot.change_list
    if changes is None:
        return _nothing(CHANGES_TITLE, "No list of changes was prepared for this report.")
    unsaved = ", including changes not yet saved" if changes.unsaved else ""
    story: list[Flowable] = [
        Heading(f"What changed {changes.since_text}", 0, "changes"),
        Para(
            markup(
                f"Every requirement and record that changed {changes.since_text}, up to "
                f"revision {changes.revision}{unsaved}. Several edits of one field are shown "
                "as one change from the value then to the value now; edits that cancelled "
                "out are left out."
            ),
            s.lead,
        ),
    ]
    if not changes.groups:
        story.append(Para("Nothing changed.", s.body))
        return story
    for n, section in enumerate(changes.sections):
        groups = changes.in_section(section)
        story.append(Heading(f"{section} ({len(groups)})", 1, f"changes-{n}"))
        for m, group in enumerate(groups):
            rows = [_change_row(line) for line in group.lines]
            widths = [34 * mm, 0.0, 0.0, 30 * mm]
            rest = (width - sum(widths)) / 2
            widths[1] = widths[2] = rest
            story.append(CondPageBreak(25 * mm))
            story.append(Heading(group.title, 2, f"changes-{n}-{m}", toc=False))
            story.append(house_table(["What", "Before", "Now", "By"], rows, widths))
            if m % 100 == 0:
                check()
    return story


def _change_row(line: ChangeLine) -> list[Flowable]:
    s = styles()
    if line.what == ADDED:
        what, before, now = "Added", "", line.new
    elif line.what == DELETED:
        what, before, now = "Deleted", line.old, ""
    else:
        what, before, now = line.field or "Changed", line.old, line.new
    by = f"{line.who}, revision {line.revision}"
    return [
        cell(what, s.cell_bold),
        cell(_cut(before) or "—", s.cell_muted if not before else s.cell),
        cell(_cut(now) or "—"),
        cell(by, s.cell_muted),
    ]


def _cut(text: str, limit: int = 1500) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + " …"
