"""AI system impact assessments (6.1.4, 8.4, A.5) as a report: each assessment with its guided
questions and answers, its impacts (severity, likelihood, positive or negative), the measures,
the result and the sign-off. One assessment alone when the snapshot names it
(`extra["record"]`), otherwise every assessment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak

from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import IMPACT, IMPACT_ASSESSMENT
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.flowables import Heading, Para, cell, house_table
from aims_desktop.reports.registers import value_text
from aims_desktop.reports.style import styles
from aims_desktop.reports.text import markup

Check = Callable[[], None]

TITLE = "AI system impact assessments"
ONE_TITLE = "AI system impact assessment"

RECORD = "record"
"""The snapshot's `extra` key naming the one assessment to print."""

_SUMMARY = (
    "ai_systems",
    "version",
    "assessed_on",
    "status",
    "assessor",
    "reviewer",
    "reviewed_on",
    "review_date",
    "previous",
)
_SECTIONS = ("intended_use", "misuse", "affected", "vulnerable", "societal", "measures")


def chosen(snapshot: ProjectSnapshot) -> tuple[Any, ...]:
    """The assessments this report prints, in reference order."""
    found: tuple[Any, ...] = snapshot.records(IMPACT_ASSESSMENT)
    wanted = snapshot.extra.get(RECORD)
    if wanted:
        found = tuple(a for a in found if a.id == wanted)
    return tuple(sorted(found, key=lambda a: (a.ref, a.created_at)))


def _summary(snapshot: ProjectSnapshot, record: Any, width: float) -> Flowable:
    s = styles()
    spec = REGISTERS[IMPACT_ASSESSMENT]
    rows = []
    for name in _SUMMARY:
        field = spec.field(name)
        text = value_text(snapshot, field, getattr(record, name))
        rows.append(
            [
                cell(field.title.upper(), s.label),
                cell(text or "—", s.cell if text else s.cell_muted),
            ]
        )
    return house_table(None, rows, [46 * mm, width - 46 * mm])


def _impacts(snapshot: ProjectSnapshot, record: Any, width: float) -> list[Flowable]:
    s = styles()
    spec = REGISTERS[IMPACT]
    every: tuple[Any, ...] = snapshot.records(IMPACT)
    impacts = [i for i in every if i.parent_id == record.id]
    story: list[Flowable] = [Para("Impacts", s.h3)]
    if not impacts:
        return [*story, Para("No impacts recorded yet.", s.muted)]
    rows = []
    for impact in sorted(
        impacts,
        key=lambda i: (
            getattr(i.direction, "value", "") != "negative",
            -((i.severity or 0) * (i.likelihood or 0)),
        ),
    ):
        described: list[Flowable] = [cell(impact.description, s.cell_bold)]
        if impact.who:
            described.append(cell(f"Who: {impact.who}", s.cell_muted))
        if impact.measures:
            described.append(cell(f"Measures: {impact.measures}", s.cell_muted))
        rows.append(
            [
                described,
                cell(value_text(snapshot, spec.field("area"), impact.area) or "—"),
                cell(value_text(snapshot, spec.field("direction"), impact.direction) or "—"),
                cell(str(impact.severity or "—")),
                cell(str(impact.likelihood or "—")),
            ]
        )
    story.append(
        house_table(
            ["Impact", "Area", "Positive or negative", "Severity (1-5)", "Likelihood (1-5)"],
            rows,
            [width - 118 * mm, 44 * mm, 26 * mm, 24 * mm, 24 * mm],
            zebra=True,
        )
    )
    return story


def assessment_section(
    snapshot: ProjectSnapshot, record: Any, width: float, level: int = 0
) -> list[Flowable]:
    s = styles()
    spec = REGISTERS[IMPACT_ASSESSMENT]
    story: list[Flowable] = [
        Heading(spec.label(record), level, f"ia-{record.id}"),
        _summary(snapshot, record, width),
    ]
    for name in _SECTIONS:
        field = spec.field(name)
        answer = getattr(record, name).strip()
        block: list[Flowable] = [Para(markup(field.title), s.h3)]
        questions = spec.questions_for(name)
        if questions:
            block.append(
                Para(
                    "<br/>".join(f"•&#160;{markup(q)}" for q in questions),
                    s.muted,
                )
            )
        block.append(cell(answer) if answer else Para("Not answered yet.", s.muted))
        story.append(KeepTogether(block))
        if name == "societal":
            story.extend(_impacts(snapshot, record, width))
    result = value_text(snapshot, spec.field("result"), record.result)
    story.append(Para("Result", s.h3))
    story.append(Para(f"<b>{markup(result or 'No result yet')}</b>", s.body))
    if record.conclusion.strip():
        story.append(cell(record.conclusion))
    if record.review_trigger.strip():
        story.append(Para("Changes that call for a new assessment", s.h3))
        story.append(cell(record.review_trigger))
    return story


def impact_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    records = chosen(snapshot)
    spec = REGISTERS[IMPACT_ASSESSMENT]
    story: list[Flowable] = []
    if not snapshot.extra.get(RECORD):
        story += [
            Heading(TITLE, 0, "impact-assessments"),
            Para(markup(spec.description), s.lead),
        ]
        if not records:
            story.append(Para("No impact assessments are recorded yet.", s.body))
            return story
        story.append(
            house_table(
                ["Reference", "Assessment", "AI system", "Date", "Status"],
                [
                    [
                        cell(a.ref, s.cell_bold),
                        cell(a.title),
                        cell(value_text(snapshot, spec.field("ai_systems"), a.ai_systems) or "—"),
                        cell(value_text(snapshot, spec.field("assessed_on"), a.assessed_on) or "—"),
                        cell(value_text(snapshot, spec.field("status"), a.status) or "—"),
                    ]
                    for a in records
                ],
                [22 * mm, width * 0.35, width * 0.3, 28 * mm, width * 0.35 - 50 * mm],
                zebra=True,
            )
        )
    for number, record in enumerate(records):
        check()
        if number or not snapshot.extra.get(RECORD):
            story.append(PageBreak() if number else CondPageBreak(120 * mm))
        story += assessment_section(
            snapshot, record, width, level=0 if snapshot.extra.get(RECORD) else 1
        )
    return story
