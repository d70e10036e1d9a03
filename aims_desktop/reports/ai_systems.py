"""The AI system inventory as a report (`report --kind ai-systems`): what an auditor checks
first (A.4.2, A.6, A.9.4, clause 4.3): every system, what it is for, who owns it, whether the
AI management system covers it (and why not, if not), the data it uses, who it affects, the
oversight, its EU AI Act category, and the risks assessed for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.ai_systems import EUAIActCategory, LifecycleStage
from aims_desktop.domain.registers.keys import AI_SYSTEM, RISK
from aims_desktop.domain.registers.risks import RiskStatus, inherent_level
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.flowables import Heading, Para, cell, house_table, key_figures, short_text
from aims_desktop.reports.registers import record_block
from aims_desktop.reports.risks import by_reference
from aims_desktop.reports.style import RED, styles
from aims_desktop.reports.text import markup

TITLE = "AI system inventory"

Check = Callable[[], None]


def _risks_by_system(snapshot: ProjectSnapshot) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    risks: tuple[Any, ...] = snapshot.records(RISK)
    for risk in risks:
        if risk.status is RiskStatus.CLOSED:
            continue
        for system in risk.ai_systems:
            found.setdefault(system, []).append(risk)
    return {k: sorted(v, key=by_reference) for k, v in found.items()}


def _highest(snapshot: ProjectSnapshot, risks: list[Any]) -> str:
    criteria = snapshot.risk_criteria
    levels = [lv for r in risks if (lv := inherent_level(r, criteria)) is not None]
    if not levels:
        return "not rated"
    return f"highest {criteria.level_label(max(levels))}"


def inventory_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    spec = REGISTERS[AI_SYSTEM]
    systems: list[Any] = sorted(snapshot.records(AI_SYSTEM), key=by_reference)
    risks = _risks_by_system(snapshot)
    story: list[Flowable] = [
        Heading("About this inventory", 0, "about"),
        Para(
            f"Every AI system that <b>{markup(snapshot.organisation.name)}</b> builds, provides "
            "or uses, as recorded in its AI management system: the basis of its scope "
            "(clause 4.3), its risk assessments (6.1.2) and the documentation of its AI "
            "resources (A.4.2).",
            s.lead,
        ),
    ]
    if not systems:
        story.append(Para("No AI systems have been recorded yet.", s.body))
        return story
    in_scope = [x for x in systems if x.in_scope]
    live = [x for x in in_scope if x.stage is not LifecycleStage.RETIRED]
    unassessed = [x for x in live if x.id not in risks]
    personal = sum(1 for x in systems if x.personal_data)
    story.append(
        key_figures(
            [
                (str(len(systems)), "AI systems recorded", None),
                (str(len(in_scope)), "inside the scope of the AIMS", None),
                (str(personal), "use personal data", None),
                (
                    str(len(unassessed)),
                    "in scope with no risk assessed",
                    RED.strong if unassessed else None,
                ),
            ],
            width,
        )
    )
    story.append(Spacer(1, 6))
    story.append(Heading("The inventory", 0, "inventory", keep_with_next=False))
    widths = [18 * mm, 0.0, 34 * mm, 32 * mm, 30 * mm, 20 * mm, 34 * mm, 30 * mm]
    widths[1] = width - sum(widths)
    rows = []
    for system in systems:
        roles = ", ".join(r.label for r in sorted(system.roles, key=lambda r: r.value))
        described = [cell(system.name, s.cell_bold)]
        purpose = system.purpose.strip().split("\n", 1)[0]
        if purpose:
            described.append(cell(purpose[:300], s.cell_muted))
        found = risks.get(system.id, [])
        rows.append(
            [
                short_text(system.ref or "—", s.cell_bold, widths[0] - 10),
                described,
                cell(roles or "—"),
                cell(system.stage.label if system.stage else "—"),
                cell(system.owner or "—"),
                cell(
                    "Yes" if system.in_scope else "No", s.cell if system.in_scope else s.cell_bold
                ),
                cell(system.eu_ai_act.label if system.eu_ai_act else "Not judged"),
                cell(
                    f"{len(found)} ({_highest(snapshot, found)})" if found else "None yet",
                    s.cell if found else s.cell_bold,
                ),
            ]
        )
    story.append(
        house_table(
            [
                "Ref",
                "AI system and purpose",
                "Our role",
                "Stage",
                "Owner",
                "In scope",
                "EU AI Act",
                "Risks",
            ],
            rows,
            widths,
            zebra=True,
        )
    )
    check()
    outside = [x for x in systems if not x.in_scope]
    if outside:
        story.append(CondPageBreak(40 * mm))
        story.append(Heading("Outside the scope", 1, "outside"))
        story.append(
            house_table(
                ["AI system", "Why it is outside the scope"],
                [
                    [cell(x.name, s.cell_bold), cell(x.scope_reason or "No reason recorded")]
                    for x in outside
                ],
                [60 * mm, width - 60 * mm],
            )
        )
    categories = Counter(x.eu_ai_act for x in systems)
    summary = [
        [cell(c.label), short_text(str(categories[c]), s.cell_right, 20 * mm)]
        for c in EUAIActCategory
        if categories[c]
    ]
    if categories[None]:
        summary.append(
            [
                cell("Not judged yet", s.cell_bold),
                short_text(str(categories[None]), s.cell_right, 20 * mm),
            ]
        )
    story.append(
        KeepTogether(
            [
                Heading("EU AI Act categories", 1, "eu-ai-act"),
                Para(
                    "The organisation's own judgement of each system's category under the EU "
                    "AI Act, with its reasoning in the system's details below. Not legal advice.",
                    s.muted,
                ),
                house_table(["Category", "Systems"], summary, [80 * mm, 30 * mm], numeric=(1,)),
            ]
        )
    )
    story.append(PageBreak())
    story.append(Heading("Each AI system", 0, "systems"))
    for number, system in enumerate(systems):
        block = record_block(snapshot, spec, system, width, f"ai-system-{number}")
        if number == 0:
            block = [f for f in block if not isinstance(f, CondPageBreak)]  # with its heading
        found = risks.get(system.id, [])
        names = "; ".join(snapshot.link_labels.get((RISK, r.id), r.title) for r in found)
        assessed = Para(
            f"<b>Risks assessed:</b> {markup(names)}"
            if found
            else "<b>Risks assessed:</b> none yet",
            s.muted,
        )
        kept = block[-1]
        if isinstance(kept, KeepTogether):  # the risks stay on the page of their system
            block[-1] = KeepTogether([*kept._content, assessed])
        else:
            block.append(assessed)
        story.extend(block)
        if number % 100 == 0:
            check()
    return story
