"""Report 2, the Statement of Applicability: every Annex A control, whether it applies, why,
and how far it is implemented, signed off by management.

The auditor reads it control by control, so the controls are set out in tables wide enough for
a justification to be read without hunting through narrow columns: the whole statement is
landscape, cover included, so it prints and binds as one document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from aims_desktop.catalog import CatalogItem
from aims_desktop.catalog import Heading as HeadingData
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status
from aims_desktop.reports.flowables import (
    BASE_COMMANDS,
    Heading,
    HouseTable,
    Para,
    StatusBadge,
    cell,
    house_table,
    key_figures,
)
from aims_desktop.reports.style import INK, NAVY, RED, SLATE, STATUS_ORDER, styles
from aims_desktop.reports.text import long_date, markup

TITLE = "Statement of Applicability"

Check = Callable[[], None]


def status_counts(snapshot: ProjectSnapshot) -> Counter[Status]:
    return Counter(snapshot.assessment(c.id).status for c in snapshot.catalog.controls)


def _about(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    org = snapshot.organisation
    controls = snapshot.catalog.controls
    counts = status_counts(snapshot)
    excluded = counts[Status.NOT_APPLICABLE]
    applicable = len(controls) - excluded
    missing = [
        c
        for c in controls
        if snapshot.assessment(c.id).applicable
        and not snapshot.assessment(c.id).justification.strip()
    ]
    story: list[Flowable] = [
        Heading("About this statement", 0, "about"),
        Para(
            f"This Statement of Applicability records, for each of the {len(controls)} reference "
            f"controls in Annex A of ISO/IEC 42001:2023, whether <b>{markup(org.name)}</b> "
            "applies it, why it is included or excluded, and how far it is implemented. It is the "
            "record that clause 6.1.3 (AI risk treatment) asks for, and the document an auditor "
            "uses to check that every control chosen to treat a risk is in place.",
            s.lead,
        ),
        Spacer(1, 4),
        key_figures(
            [
                (str(applicable), f"of {len(controls)} controls applicable", None),
                (str(excluded), "excluded, with a justification", None),
                (str(counts[Status.MET]), "implemented (met)", None),
                (str(counts[Status.PARTIALLY_MET]), "partially implemented", None),
                (
                    str(counts[Status.NOT_MET] + counts[Status.NOT_ASSESSED]),
                    "not implemented or not yet assessed",
                    RED.strong if counts[Status.NOT_MET] else None,
                ),
            ],
            width,
        ),
        Spacer(1, 6),
        Heading("Summary by status", 1, "summary-status"),
    ]
    rows = []
    for status in STATUS_ORDER:
        n = counts[status]
        share = f"{round(100 * n / len(controls))}%" if controls else "—"
        rows.append([StatusBadge(status), cell(str(n), s.cell_right), cell(share, s.cell_right)])
    rows.append(
        [
            cell("All controls", s.cell_bold),
            cell(str(len(controls)), s.cell_right.clone("Total", fontName=s.cell_bold.fontName)),
            cell("100%", s.cell_right),
        ]
    )
    story.append(
        house_table(
            ["Implementation status", "Controls", "Share"],
            rows,
            [60 * mm, 25 * mm, 25 * mm],
            numeric=(1, 2),
        )
    )
    story.append(Heading("Summary by control group", 1, "summary-groups"))
    group_rows = []
    for group in snapshot.catalog.annex_a_groups:
        members = list(snapshot.catalog.children_of(group.id))
        c = Counter(snapshot.assessment(i.id).status for i in members)
        group_rows.append(
            [
                Para(f"<b>{markup(group.id)}</b>&#160;&#160;{markup(group.title)}", s.cell),
                *(
                    cell(str(c[st]) if c[st] else "\u2013", s.cell_right)
                    for st in (
                        Status.MET,
                        Status.PARTIALLY_MET,
                        Status.NOT_MET,
                        Status.NOT_ASSESSED,
                        Status.NOT_APPLICABLE,
                    )
                ),
            ]
        )
    number = 22 * mm
    story.append(
        house_table(
            ["Control group", "Met", "Partially", "Not met", "Not assessed", "Excluded"],
            group_rows,
            [width - 5 * number, number, number, number, number, number],
            numeric=(1, 2, 3, 4, 5),
        )
    )
    story.append(Heading("Scope of the AI management system", 1, "scope"))
    story.append(
        Para(
            markup(org.scope.strip())
            if org.scope.strip()
            else "The scope statement (clause 4.3) has not been written yet.",
            s.body,
        )
    )
    if missing:
        story.append(Heading("To complete before the audit", 1, "to-complete"))
        story.append(
            Para(
                f"{len(missing)} applicable control{'s have' if len(missing) != 1 else ' has'} "
                "no justification for inclusion yet. An auditor expects a reason for every "
                "control, for example the risk it treats or the obligation it meets: "
                + ", ".join(markup(c.id) for c in missing)
                + ".",
                s.body,
            )
        )
    return story


def _applicable_cell(applicable: bool) -> Para:
    s = styles()
    if applicable:
        return Para(f'<font color="{INK.hexval()}"><b>Yes</b></font>', s.cell)
    return Para(f'<font color="{SLATE.strong.hexval()}"><b>No</b></font>', s.cell)


def _control_row(snapshot: ProjectSnapshot, item: CatalogItem) -> list[Any]:
    s = styles()
    a = snapshot.assessment(item.id)
    if a.justification.strip():
        justification = cell(a.justification.strip())
    elif a.status is Status.NOT_ASSESSED:
        justification = cell("Not recorded yet", s.cell_muted)
    else:
        justification = Para(
            f'<font color="{RED.strong.hexval()}">Justification not recorded</font>',
            s.cell_muted,
        )
    return [
        Para(f"<b>{markup(item.id)}</b><br/>{markup(item.title)}", s.cell),
        _applicable_cell(a.applicable),
        justification,
        StatusBadge(a.status),
        cell(a.owner) if a.owner.strip() else cell("—", s.cell_muted),
        cell(a.notes.strip()) if a.notes.strip() else cell("—", s.cell_muted),
    ]


SOA_HEADER = [
    "Control",
    "Applicable",
    "Justification for inclusion or exclusion",
    "Implementation status",
    "Owner",
    "Notes",
]


def soa_widths(width: float) -> list[float]:
    fixed = [54 * mm, 20 * mm, 0.0, 32 * mm, 32 * mm, 0.0]
    rest = width - sum(fixed)
    fixed[2] = rest * 0.55
    fixed[5] = rest * 0.45
    return fixed


def _objective(heading: HeadingData) -> list[Flowable]:
    if not heading.objective:
        return []
    style = styles().muted.clone("Objective", keepWithNext=1)  # with the controls it heads
    return [Para(f"<b>Objective.</b> {markup(heading.objective)}", style)]


def _controls(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    catalog = snapshot.catalog
    story: list[Flowable] = [
        PageBreak(),
        Heading("Annex A controls", 0, "controls"),
        Para(
            "Controls in the order of Annex A. An excluded control is left out of the AI "
            "management system with the justification given; every other control is applied, "
            "and its status shows how far it is implemented.",
            s.body,
        ),
    ]
    for group in catalog.annex_a_groups:
        check()
        heading = Heading(f"{group.id} {group.title}", 1, f"group-{group.id}")
        subgroups = catalog.sub_headings_of(group.id)
        if not subgroups:
            rows = [_control_row(snapshot, item) for item in catalog.children_of(group.id)]
            block: list[Flowable] = [heading, *_objective(group)]
            block.append(house_table(SOA_HEADER, rows, soa_widths(width)))
            # a group fits on a page: never strand a control or two on the next one
            story.append(KeepTogether(block))
            continue
        # A.6: each sub-group has its own objective (A.6.1, A.6.2), printed with its controls
        story.append(heading)
        story.extend(_objective(group))
        for sub in subgroups:
            rows = [_control_row(snapshot, item) for item in catalog.children_of(sub.id)]
            story.append(
                KeepTogether(
                    [
                        Heading(f"{sub.id} {sub.title}", 2, f"group-{sub.id}"),
                        *_objective(sub),
                        house_table(SOA_HEADER, rows, soa_widths(width)),
                    ]
                )
            )
    return story


def _described(snapshot: ProjectSnapshot) -> str:
    if snapshot.never_saved:
        return "the project as it stood before it was first saved to a file"
    text = f"revision {snapshot.revision} of the project"
    if snapshot.unsaved:
        text += ", with changes not yet saved"
    return text


def _sign_off(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    """Two signature boxes: the preparer (filled in) and top management (left for a pen)."""
    s = styles()
    gap = 12 * mm
    half = (width - gap) / 2

    def box(title: str, name: str, when: str) -> list[Any]:
        rows = [
            [cell("NAME", s.label), cell(name)],
            [cell("ROLE", s.label), cell("")],
            [cell("SIGNATURE", s.label), cell("")],
            [cell("DATE", s.label), cell(when)],
        ]
        table = house_table(None, rows, [28 * mm, half - 28 * mm])
        table.setStyle(
            [
                ("TOPPADDING", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 2), (-1, 2), 22),  # room for a signature
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, NAVY),
            ]
        )
        return [Para(markup(title), s.h3.clone("SignTitle", spaceBefore=0)), table]

    sign = HouseTable(
        [
            [
                box("Prepared by", snapshot.prepared_by, long_date(snapshot.today)),
                "",
                box("Approved by (top management)", "", ""),
            ]
        ],
        colWidths=[half, gap, half],
        style=TableStyle(
            [
                *BASE_COMMANDS,
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    return [
        CondPageBreak(90 * mm),
        KeepTogether(
            [
                Spacer(1, 12),
                Heading("Sign-off", 0, "sign-off"),
                Para(
                    "By signing, top management confirms that the controls above were selected "
                    "to treat the organisation's AI risks, that the exclusions are justified, "
                    f"and that this statement describes {_described(snapshot)} "
                    f"(content fingerprint {snapshot.fingerprint}).",
                    s.body,
                ),
                Spacer(1, 6),
                sign,
            ]
        ),
    ]


def soa_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    story = _about(snapshot, width)
    check()
    story += _controls(snapshot, width, check)
    story += _sign_off(snapshot, width)
    return story
