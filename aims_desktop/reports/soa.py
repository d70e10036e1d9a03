"""Report 2, the Statement of Applicability: every Annex A control, whether it applies (or is
not decided yet), why, the risks whose treatment chose it, its evidence, and how far it is
implemented; then the organisation's own controls; signed off by management.

The auditor reads it control by control, so the controls are set out in tables wide enough for
a justification to be read without hunting through narrow columns: the whole statement is
landscape, cover included, so it prints and binds as one document. It is a controlled document:
its number, version and approval are kept in the project and printed here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from aims_desktop.catalog import Heading as HeadingData
from aims_desktop.domain.assessment import Applicability
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.soa import (
    TracedControl,
    annex_a_entry,
    applicability_counts,
    evidence_by_item,
    own_controls,
    risks_by_control,
)
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
from aims_desktop.reports.style import AMBER, INK, NAVY, RED, SLATE, STATUS_ORDER, styles
from aims_desktop.reports.text import long_date, markup

TITLE = "Statement of Applicability"

Check = Callable[[], None]


def status_counts(snapshot: ProjectSnapshot) -> Counter[Status]:
    return Counter(snapshot.assessment(c.id).status for c in snapshot.catalog.controls)


def _document_control(snapshot: ProjectSnapshot, width: float) -> Flowable:
    """Number, version, approval: what makes the statement a controlled document."""
    s = styles()
    doc = snapshot.soa_document
    if doc.approved and doc.approved_on is not None:
        approval = f"Approved by {doc.approved_by} on {long_date(doc.approved_on)}"
        approval_style = s.cell
    elif doc.approved_by.strip():
        approval = f"To be approved by {doc.approved_by} (no approval date recorded)"
        approval_style = s.cell_bold
    else:
        approval = "Not approved yet"
        approval_style = s.cell_bold
    rows = [
        [cell("DOCUMENT NUMBER", s.label), cell(doc.number or "Not numbered yet")],
        [cell("VERSION", s.label), cell(doc.version or "—")],
        [cell("APPROVAL", s.label), cell(approval, approval_style)],
        [
            cell("DESCRIBES", s.label),
            cell(f"{_described(snapshot)}, printed {long_date(snapshot.today)}"),
        ],
    ]
    return house_table(None, rows, [46 * mm, width - 46 * mm])


def _about(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    org = snapshot.organisation
    controls = snapshot.catalog.controls
    counts = status_counts(snapshot)
    decided = applicability_counts(snapshot)
    chosen = risks_by_control(snapshot)
    missing = [
        c.id
        for c in controls
        if snapshot.assessment(c.id).decided_applicable
        and not snapshot.assessment(c.id).justification.strip()
        and not chosen.get(c.id)
    ]
    undecided = [
        c.id
        for c in controls
        if snapshot.assessment(c.id).applicability is Applicability.UNDECIDED
        and not snapshot.assessment(c.id).excluded
    ]
    story: list[Flowable] = [
        Heading("About this statement", 0, "about"),
        Para(
            f"This Statement of Applicability records, for each of the {len(controls)} reference "
            f"controls in Annex A of ISO/IEC 42001:2023, whether <b>{markup(org.name)}</b> "
            "applies it, why it is included or excluded, which AI risks its treatment answers, "
            "the evidence that it is in place and how far it is implemented; then the controls "
            "the organisation uses beyond Annex A. It is the record that clause 6.1.3 (AI risk "
            "treatment) asks for, and the document an auditor uses to check that every control "
            "chosen to treat a risk is in place.",
            s.lead,
        ),
        _document_control(snapshot, width),
        Spacer(1, 4),
        key_figures(
            [
                (str(decided.applicable), f"of {len(controls)} controls applicable", None),
                (str(decided.excluded), "excluded, with a justification", None),
                (
                    str(decided.undecided),
                    "not decided yet",
                    AMBER.strong if decided.undecided else None,
                ),
                (str(decided.own), "controls of our own", None),
                (str(counts[Status.MET]), "implemented (met)", None),
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
        open_ = sum(
            1
            for i in members
            if snapshot.assessment(i.id).applicability is Applicability.UNDECIDED
            and not snapshot.assessment(i.id).excluded
        )
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
                cell(str(open_) if open_ else "\u2013", s.cell_right),
            ]
        )
    number = 22 * mm
    story.append(
        house_table(
            [
                "Control group",
                "Met",
                "Partially",
                "Not met",
                "Not assessed",
                "Excluded",
                "Not decided",
            ],
            group_rows,
            [width - 6 * number, number, number, number, number, number, number],
            numeric=(1, 2, 3, 4, 5, 6),
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
    if missing or undecided:
        story.append(Heading("To complete before the audit", 1, "to-complete"))
    if undecided:
        story.append(
            Para(
                f"{len(undecided)} control{'s have' if len(undecided) != 1 else ' has'} not "
                "been decided yet: each must be applied or excluded with a reason before the "
                "statement can be approved. They are printed below as “Not decided yet”, never "
                "as applicable: " + ", ".join(markup(i) for i in undecided) + ".",
                s.body,
            )
        )
    if missing:
        story.append(
            Para(
                f"{len(missing)} applicable control{'s have' if len(missing) != 1 else ' has'} "
                "no justification for inclusion and treats no recorded risk. An auditor expects "
                "a reason for every control, for example the risk it treats or the obligation "
                "it meets: " + ", ".join(markup(i) for i in missing) + ".",
                s.body,
            )
        )
    return story


def _applicable_cell(applicability: Applicability) -> Para:
    s = styles()
    if applicability is Applicability.APPLICABLE:
        return Para(f'<font color="{INK.hexval()}"><b>Yes</b></font>', s.cell)
    if applicability is Applicability.EXCLUDED:
        return Para(f'<font color="{SLATE.strong.hexval()}"><b>No</b></font>', s.cell)
    return Para(f'<font color="{AMBER.strong.hexval()}"><b>Not decided yet</b></font>', s.cell)


def _reason_cell(entry: TracedControl) -> Flowable:
    s = styles()
    if entry.reason:
        return cell(entry.reason)
    if entry.applicability is Applicability.UNDECIDED:
        return cell("Not recorded yet", s.cell_muted)
    if entry.risks:
        return cell("Chosen to treat the risks listed", s.cell_muted)
    return Para(
        f'<font color="{RED.strong.hexval()}">Justification not recorded</font>', s.cell_muted
    )


def _risks_cell(entry: TracedControl) -> Flowable:
    s = styles()
    if not entry.risks:
        return cell("—", s.cell_muted)
    shown = [f"• {label}" for _id, label in entry.risks[:8]]
    more = len(entry.risks) - len(shown)
    text = "\n".join(shown) + (f"\nand {more} more" if more > 0 else "")
    return cell(text)


def _evidence_cell(entry: TracedControl) -> Flowable | list[Flowable]:
    """The evidence files attached to the control, then the notes on what is in place."""
    s = styles()
    parts: list[Flowable] = []
    if entry.evidence:
        parts.append(cell("\n".join(f"• {e.title}" for e in entry.evidence)))
    if entry.notes.strip():
        parts.append(cell(entry.notes.strip(), s.cell if entry.own else s.cell_muted))
    return parts or cell("—", s.cell_muted)


def _control_row(entry: TracedControl) -> list[Any]:
    s = styles()
    title = f"<b>{markup(entry.id)}</b><br/>{markup(entry.title)}"
    if entry.own and entry.related:
        title += f'<br/><font size="7">Related: {markup(", ".join(entry.related))}</font>'
    return [
        Para(title, s.cell),
        _applicable_cell(entry.applicability),
        _reason_cell(entry),
        _risks_cell(entry),
        _evidence_cell(entry),
        StatusBadge(entry.status),
        cell(entry.owner) if entry.owner.strip() else cell("—", s.cell_muted),
    ]


SOA_HEADER = [
    "Control",
    "Applicable",
    "Justification for inclusion or exclusion",
    "Risks treated",
    "Evidence and notes",
    "Implementation status",
    "Owner",
]


def soa_widths(width: float) -> list[float]:
    fixed = [46 * mm, 21 * mm, 0.0, 0.0, 0.0, 31 * mm, 27 * mm]
    rest = width - sum(fixed)
    fixed[2] = rest * 0.39
    fixed[3] = rest * 0.35
    fixed[4] = rest * 0.26
    return fixed


def _objective(heading: HeadingData) -> list[Flowable]:
    if not heading.objective:
        return []
    style = styles().muted.clone("Objective", keepWithNext=1)  # with the controls it heads
    return [Para(f"<b>Objective.</b> {markup(heading.objective)}", style)]


def _controls(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    catalog = snapshot.catalog
    risks = risks_by_control(snapshot)
    evidence = evidence_by_item(snapshot.evidence)

    def rows_of(parent: str) -> list[list[Any]]:
        return [
            _control_row(annex_a_entry(snapshot, item, risks, evidence))
            for item in catalog.children_of(parent)
        ]

    story: list[Flowable] = [
        PageBreak(),
        Heading("Annex A controls", 0, "controls"),
        Para(
            "Controls in the order of Annex A. An applicable control is part of the AI "
            "management system, with the reason for it and the risks whose treatment chose it; "
            "an excluded control is left out with the justification given; a control not "
            "decided yet is neither, and is listed to be decided. The status shows how far each "
            "is implemented.",
            s.body,
        ),
    ]
    for group in catalog.annex_a_groups:
        check()
        heading = Heading(f"{group.id} {group.title}", 1, f"group-{group.id}")
        subgroups = catalog.sub_headings_of(group.id)
        if not subgroups:
            block: list[Flowable] = [heading, *_objective(group)]
            block.append(house_table(SOA_HEADER, rows_of(group.id), soa_widths(width)))
            # a group fits on a page: never strand a control or two on the next one
            story.append(KeepTogether(block))
            continue
        # A.6: each sub-group has its own objective (A.6.1, A.6.2), printed with its controls
        story.append(heading)
        story.extend(_objective(group))
        for sub in subgroups:
            story.append(
                KeepTogether(
                    [
                        Heading(f"{sub.id} {sub.title}", 2, f"group-{sub.id}"),
                        *_objective(sub),
                        house_table(SOA_HEADER, rows_of(sub.id), soa_widths(width)),
                    ]
                )
            )
    return story


def _own_controls(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    entries = own_controls(snapshot)
    story: list[Flowable] = [
        CondPageBreak(50 * mm),
        Heading("Controls of our own", 0, "own-controls"),
    ]
    if not entries:
        story.append(
            Para(
                "The organisation uses no controls beyond Annex A: every control its risk "
                "treatment needs is one of the Annex A controls above.",
                s.body,
            )
        )
        return story
    story.append(
        Para(
            "Controls the organisation uses beyond Annex A to treat its AI risks (clause 6.1.3 "
            "asks for every control that is needed). Each is applied; its evidence is "
            "described in the Evidence column.",
            s.body,
        )
    )
    story.append(house_table(SOA_HEADER, [_control_row(e) for e in entries], soa_widths(width)))
    return story


def _described(snapshot: ProjectSnapshot) -> str:
    if snapshot.never_saved:
        return "the project as it stood before it was first saved to a file"
    text = f"revision {snapshot.revision} of the project"
    if snapshot.unsaved:
        text += ", with changes not yet saved"
    return text


def _sign_off(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    """Two signature boxes: the preparer (filled in) and top management (who approved it and
    when, once the approval is recorded; otherwise left for a pen)."""
    s = styles()
    gap = 12 * mm
    half = (width - gap) / 2
    doc = snapshot.soa_document

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

    approver, approved_on = "", ""
    if doc.approved and doc.approved_on is not None:
        approver, approved_on = doc.approved_by, long_date(doc.approved_on)
    sign = HouseTable(
        [
            [
                box("Prepared by", snapshot.prepared_by, long_date(snapshot.today)),
                "",
                box("Approved by (top management)", approver, approved_on),
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
    number = f" {doc.number}" if doc.number else ""
    version = f", version {doc.version}," if doc.version else ""
    if doc.approved and doc.approved_on is not None:
        approved = (
            f"This statement{markup(number)}{markup(version)} was approved by "
            f"{markup(doc.approved_by)} on {long_date(doc.approved_on)}. "
        )
    else:
        approved = ""
    return [
        CondPageBreak(90 * mm),
        KeepTogether(
            [
                Spacer(1, 12),
                Heading("Sign-off", 0, "sign-off"),
                Para(
                    approved
                    + "By signing, top management confirms that the controls above were selected "
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
    story += _own_controls(snapshot, width)
    story += _sign_off(snapshot, width)
    return story
