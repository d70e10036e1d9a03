"""Risk management beyond the generic register: the risk criteria (with re-scoring when the
scales change), the heat maps, and the suggested-risk library."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.heat_map import HeatMap, heat_map
from aims_desktop.domain.registers import register
from aims_desktop.domain.registers.keys import AI_SYSTEM, RISK
from aims_desktop.domain.registers.risks import RiskStatus
from aims_desktop.domain.risk_criteria import (
    CONSEQUENCE,
    LIKELIHOOD,
    Rescoring,
    RiskCriteria,
    check,
    default_rescoring,
    needs_rescoring,
    rescoring_problems,
)
from aims_desktop.domain.risk_library import SUGGESTIONS, USES, SuggestedRisk, UseCase, suggestion
from aims_desktop.services import registers
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.planning_repository import PlanningStore
from aims_desktop.store.register_repository import Operation, Update

__all__ = [
    "SUGGESTIONS",
    "USES",
    "Rescoring",
    "SuggestedRisk",
    "UseCase",
    "add_suggested",
    "change_criteria",
    "criteria",
    "heat_maps",
    "rescoring_for",
]

_SCORED = (
    ("likelihood", LIKELIHOOD),
    ("consequence", CONSEQUENCE),
    ("residual_likelihood", LIKELIHOOD),
    ("residual_consequence", CONSEQUENCE),
)


def criteria(session: ProjectSession) -> RiskCriteria:
    return PlanningStore(session.db).criteria()


def rescoring_for(session: ProjectSession, new: RiskCriteria) -> Rescoring | None:
    """The proposed re-scoring when `new` changes a scale's number of levels (for the user to
    confirm or change), or None when stored scores keep their meaning."""
    old = criteria(session)
    return default_rescoring(old, new) if needs_rescoring(old, new) else None


def scored_risks(session: ProjectSession) -> int:
    """How many risks hold a score that a change of the scales would move."""
    return sum(
        1
        for r in registers.records(session, RISK)
        if any(getattr(r, name) is not None for name, _scale in _SCORED)
    )


def change_criteria(
    session: ProjectSession, new: RiskCriteria, rescoring: Rescoring | None = None
) -> ChangeSet:
    """Set new risk criteria. When a scale changes its number of levels, every stored score is
    moved by `rescoring` (by default the proposal of `risk_criteria.remap`), in the same
    transaction and undo step as the criteria: a score never silently means something else."""
    check(new)
    old = criteria(session)
    if new == old:
        return ChangeSet("Change the risk criteria")
    if needs_rescoring(old, new):
        rescoring = rescoring or default_rescoring(old, new)
        problems = rescoring_problems(old, new, rescoring)
        if problems:
            raise RuleViolation(problems[0])
    else:
        rescoring = Rescoring()
    spec = register(RISK)
    store = PlanningStore(session.db)
    operations: list[Operation] = [store.criteria_operation(new)]
    moved = 0
    for risk in registers.records(session, RISK):
        values: dict[str, Any] = {}
        for name, scale in _SCORED:
            value = getattr(risk, name)
            target = rescoring.apply(scale, value)
            if target != value:
                values[name] = target
        if values:
            moved += 1
            operations.append(Update(spec, risk.id, values, f"Risk “{spec.label(risk)}”"))
    changes = tuple(session.db.registers.write(operations, session.user))
    description = "Change the risk criteria"
    if moved:
        description += f" and re-score {moved} risk{'s' if moved != 1 else ''}"
    return ChangeSet(description, changes)


def heat_maps(session: ProjectSession) -> tuple[HeatMap, HeatMap]:
    """The inherent and residual heat maps of the register."""
    found = registers.records(session, RISK)
    current = criteria(session)
    return heat_map(found, current), heat_map(found, current, residual=True)


def add_suggested(
    session: ProjectSession,
    keys: Sequence[str],
    ai_systems: Sequence[str] = (),
    *,
    owner: str = "",
) -> ChangeSet:
    """Add suggested risks to the register (one undo step), linked to the AI systems given, as
    open risks for the user to rate and adapt."""
    chosen = [suggestion(k) for k in keys]
    if not chosen:
        raise RuleViolation("Choose at least one suggested risk to add.")
    for system_id in ai_systems:
        registers.record(session, AI_SYSTEM, system_id)  # must exist
    prepared = []
    taken: list[str] = []
    context = registers.record_context(session)
    for found in chosen:
        values = found.values()
        values.update(status=RiskStatus.OPEN, ai_systems=tuple(ai_systems), owner=owner)
        record = registers.prepare(session, RISK, values, taken_refs=taken, context=context)
        taken.append(str(getattr(record, "ref", "")))
        prepared.append(record)
    if len(prepared) == 1:
        description = f"Add the suggested risk “{chosen[0].title}”"
    else:
        description = f"Add {len(prepared)} suggested risks"
    return registers.insert_prepared(session, RISK, prepared, description)
