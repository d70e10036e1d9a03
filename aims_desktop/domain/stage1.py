"""Is the organisation ready for its Stage 1 audit? A checklist computed from the project.

At Stage 1 the certification body checks that the management system exists on paper and in
records before it spends days on site in Stage 2: the documented information the standard makes
mandatory, every Annex A control decided, risks assessed and treated, an internal audit and a
management review done. Each check is a pure function over a ProjectSnapshot that yields
ReadinessItems: what is checked, whether it is done, what is missing in the user's words, and
where it is put right. `CHECKS` lists them in the order the checklist shows them; another part
of the application adds its own checks by adding functions there (the checks on mandatory
documented information come with the document register).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.audit_programme import programme_coverage
from aims_desktop.domain.dates import day_text
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.evaluation import (
    AuditFinding,
    AuditStatus,
    InternalAudit,
    ManagementReview,
    ReviewStatus,
)
from aims_desktop.domain.registers.keys import (
    AUDIT_FINDING,
    INTERNAL_AUDIT,
    MANAGEMENT_REVIEW,
    RISK,
)
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status

YEAR = timedelta(days=366)
"""An internal audit or management review older than this no longer counts as recent."""
NAMED = 6
"""Items named in a message before the rest are counted."""


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    """Stable id of the check ("controls-decided"): tests use it, users never see it."""
    title: str
    """What is checked, as a line of a checklist: "Every Annex A control decided"."""
    done: bool
    detail: str
    """What is missing and what to do, or (when done) what shows it is done."""
    target: str
    """Where it is put right: a navigation target ("A", "6.1.2", "register:internal_audit")."""
    area: str = ""
    """The part of the standard it belongs to, to group the checklist."""


Check = Callable[[ProjectSnapshot], Iterable[ReadinessItem]]


def _names(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:NAMED])
    return shown + (f" and {len(ids) - NAMED} more" if len(ids) > NAMED else "")


def control_decided(assessment: Assessment) -> bool:
    """Whether the organisation has said if the control applies. With three-way applicability
    (the Statement of Applicability's own field) that field says so; before it, any status
    other than "not assessed" does."""
    applicability: Any = getattr(assessment, "applicability", None)
    if applicability is not None:
        return str(getattr(applicability, "value", applicability)) != "undecided"
    return assessment.status is not Status.NOT_ASSESSED


# -- Annex A and the clauses -------------------------------------------------------------------


def controls_decided(snapshot: ProjectSnapshot) -> Iterator[ReadinessItem]:
    controls = snapshot.catalog.controls
    open_ = [c.id for c in controls if not control_decided(snapshot.assessment(c.id))]
    title = "Every Annex A control decided"
    if open_:
        detail = (
            f"{len(open_)} of {len(controls)} Annex A controls are not decided yet "
            f"({_names(open_)}). For each, decide whether it applies and say why: the "
            "Statement of Applicability is the first document the auditor reads."
        )
        yield ReadinessItem("controls-decided", title, False, detail, open_[0], "Annex A")
    else:
        detail = f"All {len(controls)} controls are decided in the Statement of Applicability."
        yield ReadinessItem("controls-decided", title, True, detail, "A", "Annex A")


def clauses_assessed(snapshot: ProjectSnapshot) -> Iterator[ReadinessItem]:
    items = [i for i in snapshot.catalog.items if not i.is_control]
    open_ = [i.id for i in items if snapshot.assessment(i.id).status is Status.NOT_ASSESSED]
    title = "Every requirement of clauses 4 to 10 assessed"
    if open_:
        detail = (
            f"{len(open_)} of {len(items)} requirements are not assessed yet ({_names(open_)}). "
            "Go through them so you know, before the auditor does, where you stand."
        )
        yield ReadinessItem("clauses-assessed", title, False, detail, open_[0], "Clauses 4 to 10")
    else:
        detail = f"All {len(items)} requirements have a status."
        yield ReadinessItem("clauses-assessed", title, True, detail, "4", "Clauses 4 to 10")


# -- risks -------------------------------------------------------------------------------------


def _value(record: Any, name: str) -> str | None:
    value = getattr(record, name, None)
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _risk_register_problems(snapshot: ProjectSnapshot) -> tuple[list[str], list[str]]:
    """(problems of the assessment, problems of the treatment) found in the risk register,
    when this version has one. A risk needs a likelihood and a consequence to count as
    assessed, and a treatment option to count as treated; closed risks do not count."""
    if RISK not in REGISTERS:
        return [], []
    spec = REGISTERS[RISK]
    risks = [r for r in snapshot.records(RISK) if _value(r, "status") != "closed"]
    if not risks:
        return ["no risk is recorded in the risk register"], []
    unscored = [
        spec.label(r)
        for r in risks
        if _value(r, "likelihood") is None or _value(r, "consequence") is None
    ]
    untreated = [spec.label(r) for r in risks if _value(r, "option") is None]
    assessed = (
        [f"{len(unscored)} risk(s) have no likelihood or consequence ({_names(unscored)})"]
        if unscored
        else []
    )
    treated = (
        [f"{len(untreated)} risk(s) have no treatment decided ({_names(untreated)})"]
        if untreated
        else []
    )
    return assessed, treated


def _clause_problem(snapshot: ProjectSnapshot, item_id: str) -> str | None:
    status = snapshot.assessment(item_id).status
    if status is Status.MET:
        return None
    return f"{item_id} is marked “{status.label.lower()}”"


def risks_assessed_and_treated(snapshot: ProjectSnapshot) -> Iterator[ReadinessItem]:
    register_assessment, register_treatment = _risk_register_problems(snapshot)
    for key, item_id, title, register_problems, advice in (
        (
            "risks-assessed",
            "6.1.2",
            "Risks assessed (6.1.2)",
            register_assessment,
            "Assess the risks of every AI system in scope against your risk criteria.",
        ),
        (
            "risks-treated",
            "6.1.3",
            "Risks treated (6.1.3)",
            register_treatment,
            "Decide a treatment for every risk and record who accepted what remains.",
        ),
    ):
        problems = [p for p in (_clause_problem(snapshot, item_id), *register_problems) if p]
        target = f"register:{RISK}" if register_problems and RISK in REGISTERS else item_id
        if problems:
            detail = "; ".join(problems)
            detail = detail[:1].upper() + detail[1:] + ". " + advice
            yield ReadinessItem(key, title, False, detail, target, "Planning")
        else:
            yield ReadinessItem(key, title, True, f"{item_id} is met.", item_id, "Planning")


# -- internal audit and management review ------------------------------------------------------


def _completed_audits(snapshot: ProjectSnapshot) -> list[InternalAudit]:
    return [
        a
        for a in snapshot.records(INTERNAL_AUDIT)
        if isinstance(a, InternalAudit)
        and a.status is AuditStatus.COMPLETED
        and a.held_on is not None
        and a.held_on <= snapshot.today
    ]


def _held_reviews(snapshot: ProjectSnapshot) -> list[ManagementReview]:
    return [
        r
        for r in snapshot.records(MANAGEMENT_REVIEW)
        if isinstance(r, ManagementReview)
        and r.status is ReviewStatus.HELD
        and r.held_on is not None
        and r.held_on <= snapshot.today
    ]


def internal_audit_done(snapshot: ProjectSnapshot) -> Iterator[ReadinessItem]:
    title = "An internal audit done in the last twelve months"
    target = f"register:{INTERNAL_AUDIT}"
    done = _completed_audits(snapshot)
    recent = [a for a in done if snapshot.today - (a.held_on or date.min) <= YEAR]
    if recent:
        last = max(recent, key=lambda a: a.held_on or date.min)
        held = day_text(last.held_on) if last.held_on else ""
        detail = f"{last.ref} {last.title}, held {held}."
        yield ReadinessItem(
            "internal-audit", title, True, detail, f"{target}:{last.id}", "Evaluation"
        )
        return
    if done:
        last = max(done, key=lambda a: a.held_on or date.min)
        held = day_text(last.held_on) if last.held_on else ""
        detail = (
            f"The last internal audit ({last.ref}) was held on {held}, more than a year ago. "
            "Audit the AI management system again before Stage 2."
        )
    else:
        detail = (
            "No internal audit is recorded as completed. Audit the whole AI management "
            "system at least once before certification, and record its findings."
        )
    yield ReadinessItem("internal-audit", title, False, detail, target, "Evaluation")


def audit_programme_covers(snapshot: ProjectSnapshot) -> Iterator[ReadinessItem]:
    coverage = programme_coverage(snapshot)
    title = "The audit programme covers every clause and applicable control"
    target = f"register:{INTERNAL_AUDIT}"
    period = f"{day_text(coverage.period.start)} to {day_text(coverage.period.end)}"
    if coverage.complete:
        detail = f"All {len(coverage.items)} requirements are audited or planned in {period}."
        yield ReadinessItem("audit-programme", title, True, detail, target, "Evaluation")
        return
    missing = coverage.uncovered
    detail = (
        f"{len(missing)} of {len(coverage.items)} requirements are in no internal audit done "
        f"or planned for {period} ({_names(missing)}). Plan audits that cover them within the "
        "three-year cycle."
    )
    yield ReadinessItem("audit-programme", title, False, detail, target, "Evaluation")


def audit_findings_raised(snapshot: ProjectSnapshot) -> Iterator[ReadinessItem]:
    findings = [
        f
        for f in snapshot.records(AUDIT_FINDING)
        if isinstance(f, AuditFinding) and f.grade is not None and f.grade.is_nonconformity
    ]
    if not findings:
        return
    title = "Nonconformities found by internal audits are being corrected"
    open_ = [f for f in findings if not f.nonconformity]
    if open_:
        detail = (
            f"{len(open_)} nonconformity finding(s) have no nonconformity record "
            f"({_names([f.ref or f.title for f in open_])}). Raise one for each, so its "
            "correction and corrective action are tracked."
        )
        target = f"register:{INTERNAL_AUDIT}:{open_[0].parent_id}"
        yield ReadinessItem("findings-raised", title, False, detail, target, "Evaluation")
    else:
        detail = f"All {len(findings)} nonconformity findings have a nonconformity record."
        yield ReadinessItem(
            "findings-raised", title, True, detail, "register:nonconformity", "Evaluation"
        )


def management_review_done(snapshot: ProjectSnapshot) -> Iterator[ReadinessItem]:
    title = "A management review held in the last twelve months"
    target = f"register:{MANAGEMENT_REVIEW}"
    held = _held_reviews(snapshot)
    recent = [r for r in held if snapshot.today - (r.held_on or date.min) <= YEAR]
    if recent:
        last = max(recent, key=lambda r: r.held_on or date.min)
        when = day_text(last.held_on) if last.held_on else ""
        detail = f"{last.ref} {last.title}, held {when}."
        yield ReadinessItem(
            "management-review", title, True, detail, f"{target}:{last.id}", "Evaluation"
        )
        return
    if held:
        last = max(held, key=lambda r: r.held_on or date.min)
        when = day_text(last.held_on) if last.held_on else ""
        detail = (
            f"The last management review ({last.ref}) was held on {when}, more than a year "
            "ago. Hold one before Stage 2, after the internal audit, so it can consider the "
            "audit's results."
        )
    else:
        detail = (
            "No management review is recorded as held. Top management must review the AI "
            "management system before certification, with the internal audit's results."
        )
    yield ReadinessItem("management-review", title, False, detail, target, "Evaluation")


CHECKS: tuple[Check, ...] = (
    controls_decided,
    clauses_assessed,
    risks_assessed_and_treated,
    internal_audit_done,
    audit_programme_covers,
    audit_findings_raised,
    management_review_done,
)
"""The checklist, in order. The checks on mandatory documented information (present and
approved) join here with the document register."""


def stage1_readiness(
    snapshot: ProjectSnapshot, checks: Iterable[Check] = CHECKS
) -> list[ReadinessItem]:
    items: list[ReadinessItem] = []
    for check in checks:
        items.extend(check(snapshot))
    return items
