"""Checks on AI risk management (6.1.2, 6.1.3, 8.2, 8.3): the answers and the risk register must
tell the same story. Each check reads the register once (linear in the number of risks)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.registers.keys import AI_SYSTEM, RISK
from aims_desktop.domain.registers.risks import (
    RiskStatus,
    TreatmentOption,
    has_treatment,
    inherent_level,
    is_accepted,
)
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status

LISTED = 5
"""Records named in one finding at most; the rest are counted."""


def _named(snapshot: ProjectSnapshot, records: list[Any], key: str = RISK) -> str:
    names = [snapshot.link_labels.get((key, r.id)) or r.id for r in records[:LISTED]]
    more = len(records) - LISTED
    return "; ".join(names) + (f" and {more} more" if more > 0 else "")


def _live(snapshot: ProjectSnapshot) -> list[Any]:
    return [r for r in snapshot.records(RISK) if r.status is not RiskStatus.CLOSED]  # type: ignore[attr-defined]


def _target(records: list[Any]) -> str:
    """The register, or the one record when there is only one to fix."""
    return f"register:{RISK}:{records[0].id}" if len(records) == 1 else f"register:{RISK}"


def _subject(snapshot: ProjectSnapshot, records: list[Any]) -> str:
    if len(records) == 1:
        return getattr(records[0], "ref", "") or "Risk"
    return f"{len(records)} risks"


def met_without_risks(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """6.1.2 (risk assessment) met, with not one risk in the register."""
    if snapshot.assessment("6.1.2").status is Status.MET and not _live(snapshot):
        yield Finding(
            "risk-assessment-without-risks",
            "6.1.2 (AI risk assessment) is marked as met, but the risk register holds no risk. "
            "An auditor will ask to see the assessed risks: record them in the AI risk "
            "register, or change the status.",
            f"register:{RISK}",
            "6.1.2",
        )


def untreated_above_acceptance(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """Risks rated above the acceptance level with no treatment chosen."""
    criteria = snapshot.risk_criteria
    found = []
    for risk in _live(snapshot):
        level = inherent_level(risk, criteria)
        if level is not None and level > criteria.acceptance and not has_treatment(risk):
            found.append(risk)
    if found:
        yield Finding(
            "risk-untreated",
            f"{len(found)} risk{'s are' if len(found) != 1 else ' is'} above your acceptance "
            f"level ({criteria.acceptance_label}) with no treatment: choose the option and "
            f"the controls or plan ({_named(snapshot, found)}).",
            _target(found),
            _subject(snapshot, found),
        )


def needs_acceptance(risk: Any) -> bool:
    """A treated risk, a risk whose residual level is recorded, or a risk retained as it is:
    someone must accept what remains."""
    return (
        risk.status is RiskStatus.TREATED
        or risk.residual_likelihood is not None
        or risk.residual_consequence is not None
        or risk.option is TreatmentOption.RETAIN
    )


def residual_not_accepted(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """Treated or retained risks whose remaining risk nobody accepted."""
    found = [r for r in _live(snapshot) if needs_acceptance(r) and not is_accepted(r)]
    if found:
        yield Finding(
            "risk-residual-not-accepted",
            f"What remains of {len(found)} treated or retained "
            f"risk{'s has' if len(found) != 1 else ' has'} "
            "not been accepted by a named person with a date: record who accepted what remains "
            f"({_named(snapshot, found)}).",
            _target(found),
            _subject(snapshot, found),
        )


def acceptance_incomplete(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    found = [
        r for r in _live(snapshot) if bool(r.accepted_by.strip()) != (r.accepted_on is not None)
    ]
    if found:
        yield Finding(
            "risk-acceptance-incomplete",
            "An acceptance of residual risk says who or when, but not both "
            f"({_named(snapshot, found)}): record both, or the acceptance cannot be shown.",
            _target(found),
            _subject(snapshot, found),
        )


def unrated(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    criteria = snapshot.risk_criteria
    found = [r for r in _live(snapshot) if inherent_level(r, criteria) is None]
    if found:
        yield Finding(
            "risk-unrated",
            f"{len(found)} risk{'s have' if len(found) != 1 else ' has'} no likelihood or "
            "consequence on your scales, so its level is unknown and it is missing from the "
            f"heat map ({_named(snapshot, found)}).",
            _target(found),
            _subject(snapshot, found),
        )


def overdue_treatment(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    today = snapshot.today
    found = [
        r
        for r in _live(snapshot)
        if r.treatment_due is not None
        and r.treatment_due < today
        and r.status in (None, RiskStatus.OPEN, RiskStatus.IN_TREATMENT)
    ]
    if found:
        yield Finding(
            "risk-treatment-overdue",
            f"The treatment of {len(found)} risk{'s is' if len(found) != 1 else ' is'} past its "
            f"due date and not done ({_named(snapshot, found)}): finish it or set a new date "
            "with the reason.",
            _target(found),
            _subject(snapshot, found),
        )


def systems_without_risks(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """AI systems inside the scope that no risk names."""
    from aims_desktop.domain.registers.ai_systems import LifecycleStage

    assessed: set[str] = set()
    for risk in snapshot.records(RISK):
        assessed.update(risk.ai_systems)  # type: ignore[attr-defined]
    for system in snapshot.records(AI_SYSTEM):
        if not system.in_scope or system.stage is LifecycleStage.RETIRED:  # type: ignore[attr-defined]
            continue
        if system.id in assessed:
            continue
        label = snapshot.link_labels.get((AI_SYSTEM, system.id)) or system.name  # type: ignore[attr-defined]
        yield Finding(
            "ai-system-without-risks",
            f"“{label}” is inside the scope, but no risk in the register concerns it: assess "
            "its risks (the suggested risks are a quick start) and link them to it.",
            f"register:{AI_SYSTEM}:{system.id}",
            getattr(system, "ref", "") or "AI system",
        )


RULES = (
    met_without_risks,
    untreated_above_acceptance,
    residual_not_accepted,
    acceptance_incomplete,
    unrated,
    overdue_treatment,
    systems_without_risks,
)
