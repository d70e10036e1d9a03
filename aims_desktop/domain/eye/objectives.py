"""Checks on AI objectives (6.2)."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import OBJECTIVE
from aims_desktop.domain.snapshot import ProjectSnapshot


def objective_without_measure(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """An objective (not dropped) that does not say how it is measured."""
    spec = REGISTERS[OBJECTIVE]
    for objective in snapshot.records(OBJECTIVE):
        status = getattr(getattr(objective, "status", None), "value", None)
        if status == "dropped" or getattr(objective, "measure", "").strip():
            continue
        yield Finding(
            "objective-without-measure",
            f"The objective “{spec.label(objective)}” does not say how it is measured: "
            "6.2 asks for objectives that can be measured, so that progress can be shown.",
            f"register:{OBJECTIVE}:{objective.id}",
            getattr(objective, "ref", "") or spec.label(objective),
        )


RULES = (objective_without_measure,)
