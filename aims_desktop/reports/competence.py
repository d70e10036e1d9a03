"""The competence matrix (7.2) in a report: people down the side, the competences their roles
need across the top, gaps in red with any planned training, and the training that is due."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from aims_desktop.domain.competence import CellState, competence_matrix
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import COMPETENCE, PERSON, ROLE, TRAINING
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.flowables import Heading, Para, cell, house_table
from aims_desktop.reports.registers import register_section
from aims_desktop.reports.style import RED, styles
from aims_desktop.reports.text import markup, short_date

Check = Callable[[], None]


def matrix_section(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    matrix = competence_matrix(
        snapshot.records(PERSON),
        snapshot.records(ROLE),
        snapshot.records(COMPETENCE),
        snapshot.records(TRAINING),
        snapshot.today,
    )
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading("Competence matrix", 0, "competence-matrix"),
        Para(
            "Each person against the competences their roles need. “Has it” means a completed "
            "training, qualification or experience gives it and has not lapsed; a gap is a "
            "competence needed and not shown, with any training planned for it.",
            s.body,
        ),
    ]
    if not matrix.rows or not matrix.competences:
        story.append(Para("No people with roles are recorded yet.", s.body))
        return story
    story.append(
        Para(
            f"{matrix.gap_count} gap{'s' if matrix.gap_count != 1 else ''}; "
            f"{len(matrix.due)} training item{'s' if len(matrix.due) != 1 else ''} due.",
            s.muted,
        )
    )
    red = RED.strong.hexval()
    rows = []
    for row in matrix.rows:
        cells: list[Flowable] = [
            Para(
                f"<b>{markup(row.person)}</b><br/>"
                f'<font size="7">{markup(", ".join(row.roles) or "no role")}</font>',
                s.cell,
            )
        ]
        for competence_id, _name in matrix.competences:
            entry = row.cells.get(competence_id)
            if entry is None or entry.state is CellState.NONE:
                cells.append(cell(""))
            elif entry.state is CellState.GAP:
                note = f"<br/>{markup(entry.note)}" if entry.note else ""
                cells.append(Para(f'<font color="{red}"><b>GAP</b></font>{note}', s.cell))
            elif entry.state is CellState.RENEW:
                cells.append(cell(f"Has it; {entry.note}"))
            elif entry.state is CellState.EXTRA:
                cells.append(cell("Has it (extra)", s.cell_muted))
            else:
                cells.append(cell("Has it"))
        rows.append(cells)
    first = 38 * mm
    each = (width - first) / len(matrix.competences)
    story.append(
        house_table(
            ["Person", *(name for _id, name in matrix.competences)],
            rows,
            [first, *([each] * len(matrix.competences))],
            zebra=True,
        )
    )
    if matrix.due:
        story.append(Para("Training due", s.h3))
        story.append(
            house_table(
                ["Person", "Training", "Due", "Kind"],
                [
                    [
                        cell(d.person, s.cell_bold),
                        cell(d.training),
                        cell(short_date(d.due) + (" (overdue)" if d.overdue else "")),
                        cell("Renewal" if d.renewal else "Planned training"),
                    ]
                    for d in matrix.due
                ],
                [40 * mm, width - 110 * mm, 36 * mm, 34 * mm],
            )
        )
    return story


def people_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    story = register_section(snapshot, REGISTERS[PERSON], width, check)
    return story + matrix_section(snapshot, width)
