"""The AI risk register as a report (`report --kind risks`): the risk criteria it is rated
against, the inherent and residual heat maps, the register, the consequences of each risk and
the treatment plan with its acceptance of residual risk.

Landscape: the register and the plan are wide tables an auditor reads row by row. Long tables
repeat their header on every page; short cells are drawn as plain lines (no markup parsing),
which keeps a register of thousands of risks quick to print.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from aims_desktop.catalog import sort_key
from aims_desktop.domain.heat_map import HeatMap, heat_map
from aims_desktop.domain.registers.keys import AI_SYSTEM, ORGANISATION_CONTROL, RISK
from aims_desktop.domain.registers.risks import (
    RISKS,
    RiskStatus,
    has_treatment,
    inherent_level,
    is_accepted,
    residual_level,
    residual_scores,
)
from aims_desktop.domain.risk_criteria import RiskCriteria, ScaleLevel
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.charts import heat_map_chart, level_fill
from aims_desktop.reports.flowables import (
    BASE_COMMANDS,
    Heading,
    HouseTable,
    Para,
    cell,
    house_table,
    key_figures,
    short_text,
)
from aims_desktop.reports.style import RED, styles
from aims_desktop.reports.text import markup, short_date

TITLE = "AI risk register"

Check = Callable[[], None]


_NUMBERS = re.compile(r"(\d+)")


def by_reference(record: Any) -> tuple[Any, ...]:
    """ "R-2" before "R-10"; records without a reference last, in the order they were added."""
    ref = str(getattr(record, "ref", "") or "")
    parts = tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in _NUMBERS.split(ref)
    )
    return (not ref, parts)


def _links(snapshot: ProjectSnapshot, key: str, ids: Sequence[str]) -> str:
    return "; ".join(snapshot.link_labels.get((key, i), i) for i in ids)


def _figures(snapshot: ProjectSnapshot, risks: list[Any], width: float) -> Flowable:
    criteria = snapshot.risk_criteria
    live = [r for r in risks if r.status is not RiskStatus.CLOSED]
    above = [
        r
        for r in live
        if (level := inherent_level(r, criteria)) is not None and level > criteria.acceptance
    ]
    untreated = [r for r in above if not has_treatment(r)]
    accepted = [r for r in live if is_accepted(r)]
    return key_figures(
        [
            (str(len(live)), "risks that apply (not closed)", None),
            (str(len(above)), f"above the acceptance level ({criteria.acceptance_label})", None),
            (
                str(len(untreated)),
                "of those with no treatment yet",
                RED.strong if untreated else None,
            ),
            (str(len(accepted)), "with residual risk accepted by a named person", None),
        ],
        width,
    )


def _scale_table(title: str, levels: Sequence[ScaleLevel], width: float) -> Flowable:
    s = styles()
    rows = [
        [
            short_text(str(n), s.cell_bold, 12 * mm),
            cell(level.label, s.cell_bold),
            cell(level.description or "—", s.cell if level.description else s.cell_muted),
        ]
        for n, level in enumerate(levels, start=1)
    ]
    return house_table(["Level", title, "What it means"], rows, [14 * mm, 38 * mm, width - 52 * mm])


def criteria_section(criteria: RiskCriteria, width: float) -> list[Flowable]:
    s = styles()
    half = (width - 8 * mm) / 2
    acceptance = criteria.acceptance_label
    story: list[Flowable] = [
        Heading("Risk criteria", 0, "criteria"),
        Para(
            "The organisation rates every risk on its own scales (clause 6.1.1). The risk level "
            "of a likelihood and consequence pair comes from the matrix shown in the heat maps; "
            f"risks at or below <b>{markup(acceptance)}</b> are accepted without treatment, "
            "higher ones are treated, and what remains after treatment is accepted by a named "
            "person.",
            s.body,
        ),
    ]
    pair = HouseTable(
        [
            [
                _scale_table("Likelihood", criteria.likelihood, half),
                "",
                _scale_table("Consequence", criteria.consequence, half),
            ]
        ],
        colWidths=[half, 8 * mm, half],
        style=TableStyle([*BASE_COMMANDS, *_no_padding()]),
        hAlign="LEFT",
    )
    story.append(pair)
    rows = []
    for n, level in enumerate(criteria.levels, start=1):
        accepted = "Accepted without treatment" if n <= criteria.acceptance else "Treated"
        rows.append(
            [
                short_text(str(n), s.cell_bold, 12 * mm),
                cell(level.label, s.cell_bold),
                cell(level.description or "—"),
                cell(accepted, s.cell_bold if n > criteria.acceptance else s.cell),
            ]
        )
    table = house_table(
        ["Level", "Risk level", "What it means", "Acceptance"],
        rows,
        [14 * mm, 38 * mm, width - 102 * mm, 50 * mm],
        extra=[
            ("BACKGROUND", (1, n), (1, n), level_fill(n, len(criteria.levels)))
            for n in range(1, len(criteria.levels) + 1)
        ],
    )
    story.append(KeepTogether([Heading("Risk levels", 1, "criteria-levels"), table]))
    return story


def _no_padding() -> list[tuple[Any, ...]]:
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]


def heat_maps_section(inherent: HeatMap, residual: HeatMap, width: float) -> list[Flowable]:
    s = styles()
    gap = 10 * mm
    half = (width - gap) / 2
    maps = HouseTable(
        [[heat_map_chart(inherent, half), "", heat_map_chart(residual, half)]],
        colWidths=[half, gap, half],
        style=TableStyle([*BASE_COMMANDS, *_no_padding()]),
        hAlign="LEFT",
    )
    notes = [
        Para(
            "Each cell gives the number of risks at that likelihood and consequence, and its "
            "risk level in words. A cell with a dark frame holds risks above the acceptance "
            "level. Closed risks are left out; the residual map places a risk retained as it is "
            "where it was before treatment.",
            s.muted,
        )
    ]
    missing = [(m, len(m.unrated)) for m in (inherent, residual) if m.unrated]
    if missing:
        words = "; ".join(
            f"{n} risk{'s' if n != 1 else ''} not rated for the "
            f"{'residual' if m.residual else 'inherent'} map"
            for m, n in missing
        )
        notes.append(Para(markup(f"Not shown: {words}."), s.muted))
    return [
        CondPageBreak(110 * mm),
        KeepTogether([Heading("Heat maps", 0, "heat-maps"), maps, Spacer(1, 4), *notes]),
    ]


def _level_text(criteria: RiskCriteria, likelihood: int | None, consequence: int | None) -> str:
    return criteria.rating_text(likelihood, consequence) or "Not rated"


def register_table(snapshot: ProjectSnapshot, risks: list[Any], width: float) -> Flowable:
    s = styles()
    criteria = snapshot.risk_criteria
    widths = [18 * mm, 0.0, 40 * mm, 34 * mm, 32 * mm, 30 * mm]
    widths[1] = width - sum(widths)
    rows = []
    for risk in risks:
        sources = ", ".join(sorted(v.value for v in risk.sources))
        described: list[Flowable] = [cell(risk.title, s.cell_bold)]
        if sources:
            described.append(cell(f"Sources: {sources}", s.cell_muted))
        level = inherent_level(risk, criteria)
        level_style = s.cell_bold if level is not None and level > criteria.acceptance else s.cell
        rows.append(
            [
                short_text(risk.ref or "—", s.cell_bold, widths[0] - 10),
                described,
                cell(_links(snapshot, AI_SYSTEM, risk.ai_systems) or "—"),
                short_text(
                    _level_text(criteria, risk.likelihood, risk.consequence),
                    level_style,
                    widths[3] - 10,
                ),
                short_text(risk.owner or "—", s.cell, widths[4] - 10),
                short_text(risk.status.label if risk.status else "—", s.cell, widths[5] - 10),
            ]
        )
    return house_table(
        ["Ref", "Risk", "AI systems", "Inherent level", "Owner", "Status"],
        rows,
        widths,
        zebra=True,
    )


def consequences_table(risks: list[Any], width: float) -> Flowable | None:
    s = styles()
    shown = [
        r
        for r in risks
        if r.consequence_organisation.strip()
        or r.consequence_individuals.strip()
        or r.consequence_society.strip()
    ]
    if not shown:
        return None
    third = (width - 18 * mm) / 3
    rows = [
        [
            short_text(r.ref or "—", s.cell_bold, 8 * mm),
            cell(r.consequence_organisation.strip() or "—"),
            cell(r.consequence_individuals.strip() or "—"),
            cell(r.consequence_society.strip() or "—"),
        ]
        for r in shown
    ]
    return house_table(
        ["Ref", "For the organisation", "For individuals", "For society"],
        rows,
        [18 * mm, third, third, third],
        zebra=True,
    )


def treatment_table(snapshot: ProjectSnapshot, risks: list[Any], width: float) -> Flowable:
    s = styles()
    criteria = snapshot.risk_criteria
    widths = [18 * mm, 38 * mm, 46 * mm, 0.0, 34 * mm, 34 * mm, 40 * mm]
    widths[3] = width - sum(widths)
    rows = []
    for risk in risks:
        controls = [
            *sorted(risk.controls, key=sort_key),
            *(_links(snapshot, ORGANISATION_CONTROL, [c]) for c in risk.organisation_controls),
        ]
        who = risk.treatment_owner or "—"
        due = short_date(risk.treatment_due) if risk.treatment_due else "no date"
        likelihood, consequence = residual_scores(risk)
        residual = residual_level(risk, criteria)
        if is_accepted(risk):
            accepted = f"{risk.accepted_by}, {short_date(risk.accepted_on)}"
            accepted_style = s.cell
        elif residual is not None or risk.status is RiskStatus.TREATED:
            accepted = "Not accepted yet"
            accepted_style = s.cell_bold
        else:
            accepted = "—"
            accepted_style = s.cell_muted
        rows.append(
            [
                short_text(risk.ref or "—", s.cell_bold, widths[0] - 10),
                cell(
                    risk.option.label if risk.option else "Not chosen",
                    s.cell if risk.option else s.cell_bold,
                ),
                cell(", ".join(controls) or "—"),
                cell(
                    risk.treatment_plan.strip() or "—",
                    s.cell if risk.treatment_plan.strip() else s.cell_muted,
                ),
                [
                    short_text(who, s.cell, widths[4] - 10),
                    short_text(due, s.cell_muted, widths[4] - 10),
                ],
                short_text(
                    criteria.rating_text(likelihood, consequence) or "Not rated",
                    s.cell,
                    widths[5] - 10,
                ),
                cell(accepted, accepted_style),
            ]
        )
    return house_table(
        [
            "Ref",
            "Option",
            "Controls chosen",
            "Treatment plan",
            "Owner and due date",
            "Residual level",
            "Residual risk accepted by",
        ],
        rows,
        widths,
        zebra=True,
    )


def risks_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    risks = sorted(snapshot.records(RISK), key=by_reference)
    criteria = snapshot.risk_criteria
    story: list[Flowable] = [
        Heading("About this register", 0, "about"),
        Para(
            f"The AI risks of <b>{markup(snapshot.organisation.name)}</b>: what could go wrong "
            "with its AI systems, how likely and how bad it is on the organisation's own "
            "scales, and how each risk is treated (clauses 6.1.2, 6.1.3, 8.2 and 8.3 of "
            "ISO/IEC 42001:2023). Levels are computed from the risk criteria below.",
            s.lead,
        ),
    ]
    if not risks:
        story.append(Para("No risks have been recorded yet.", s.body))
        story += criteria_section(criteria, width)
        return story
    story.append(_figures(snapshot, risks, width))
    story.append(Spacer(1, 6))
    story += heat_maps_section(
        heat_map(risks, criteria), heat_map(risks, criteria, residual=True), width
    )
    check()
    story += criteria_section(criteria, width)
    story.append(PageBreak())
    story.append(Heading("The register", 0, "register", keep_with_next=False))
    story.append(
        Para(f"{len(risks):,} risk{'s' if len(risks) != 1 else ''}, by reference.", s.muted)
    )
    story.append(register_table(snapshot, risks, width))
    check()
    consequences = consequences_table(risks, width)
    if consequences is not None:
        story.append(CondPageBreak(40 * mm))
        story.append(Heading("Consequences", 0, "consequences", keep_with_next=False))
        story.append(
            Para(
                "What each risk would mean for the organisation, for the people its AI "
                "systems affect, and for society.",
                s.muted,
            )
        )
        story.append(consequences)
        check()
    story.append(CondPageBreak(40 * mm))
    story.append(Heading("Treatment plan", 0, "treatment", keep_with_next=False))
    story.append(
        Para(
            "The option chosen for each risk, the controls that treat it (Annex A controls by "
            "number, the organisation's own by name), the plan with its owner and due date, the "
            "level that remains, and who accepted it.",
            s.muted,
        )
    )
    story.append(treatment_table(snapshot, risks, width))
    check()
    return story


__all__ = ["RISKS", "TITLE", "risks_story"]
