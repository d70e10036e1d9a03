"""Checks on the Statement of Applicability (6.1.3, Annex A): every control decided, every
included control with a reason, no excluded control that a risk treatment relies on, and the
organisation's role as a provider reflected where it matters (A.10.4)."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.assessment import Applicability
from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.organisation import AIRole
from aims_desktop.domain.registers.keys import AI_SYSTEM
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.soa import risks_by_control

LISTED = 6


def _ids(ids: list[str]) -> str:
    more = len(ids) - LISTED
    return ", ".join(ids[:LISTED]) + (f" and {more} more" if more > 0 else "")


def included_without_reason(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """An applicable control that no risk treatment chose and that has no justification."""
    chosen = risks_by_control(snapshot)
    found = []
    for control in snapshot.catalog.controls:
        a = snapshot.assessment(control.id)
        if a.decided_applicable and not a.justification.strip() and not chosen.get(control.id):
            found.append(control.id)
    if found:
        yield Finding(
            "soa-control-without-reason",
            f"{len(found)} included control{'s treat' if len(found) != 1 else ' treats'} no "
            "risk and {} no reason for inclusion ({}). Give each a justification, or choose it "
            "in the treatment of the risks it addresses.".format(
                "have" if len(found) != 1 else "has", _ids(found)
            ),
            found[0],
            found[0] if len(found) == 1 else f"{len(found)} controls",
        )


def undecided_controls(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    found = [
        c.id
        for c in snapshot.catalog.controls
        if snapshot.assessment(c.id).applicability is Applicability.UNDECIDED
        and not snapshot.assessment(c.id).excluded
    ]
    if found:
        yield Finding(
            "soa-undecided",
            f"{len(found)} Annex A control{'s have' if len(found) != 1 else ' has'} not been "
            f"decided yet ({_ids(found)}). The Statement of Applicability needs every control "
            "either applied or excluded with a reason.",
            found[0],
            "Annex A",
        )


def excluded_but_chosen(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """A control excluded from the statement while a risk's treatment relies on it."""
    chosen = risks_by_control(snapshot)
    for control in snapshot.catalog.controls:
        risks = chosen.get(control.id)
        if risks and snapshot.assessment(control.id).excluded:
            names = "; ".join(
                snapshot.link_labels.get(("risk", r.id)) or r.title for r in risks[:3]
            )
            yield Finding(
                "soa-excluded-but-chosen",
                f"{control.id} is excluded from the Statement of Applicability, but the "
                f"treatment of {len(risks)} risk{'s' if len(risks) != 1 else ''} relies on it "
                f"({names}). Include it, or change those treatments.",
                control.id,
                control.id,
            )


def provider_role(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """AI systems the organisation provides to others, while its roles or A.10.4 say otherwise."""
    provided = [
        s
        for s in snapshot.records(AI_SYSTEM)
        if AIRole.PROVIDER in s.roles and s.in_scope  # type: ignore[attr-defined]
    ]
    if not provided:
        return
    names = ", ".join(s.name for s in provided[:3])  # type: ignore[attr-defined]
    if AIRole.PROVIDER not in snapshot.organisation.roles:
        yield Finding(
            "provider-role-missing",
            f"You provide {names} to others, but the organisation's roles towards AI do not "
            "include provider. Add it on the Organisation page: the scope and the controls "
            "for customers (A.10.4) depend on it.",
            "organisation",
            "4.1",
        )
    if snapshot.assessment("A.10.4").excluded:
        yield Finding(
            "customers-control-excluded",
            f"A.10.4 (Customers) is excluded, but you provide {names} to others: customers "
            "of an AI system you provide are what A.10.4 is about. Include it, or explain in "
            "its justification why it still does not apply.",
            "A.10.4",
            "A.10.4",
        )


RULES = (
    undecided_controls,
    included_without_reason,
    excluded_but_chosen,
    provider_role,
)
