"""Report 1, Gap analysis and readiness: where the organisation stands against every clause,
what is missing, who is fixing it and by when.

Written for two readers: the manager who needs the picture in five minutes (the executive
summary) and the auditor who wants to check each requirement (the clause sections, the action
plan and the appendices).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)

from aims_desktop.catalog import CatalogItem
from aims_desktop.catalog import Heading as HeadingData
from aims_desktop.domain.actions import Action
from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.readiness import Readiness
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status
from aims_desktop.reports.charts import readiness_chart
from aims_desktop.reports.flowables import (
    BASE_COMMANDS,
    AnswerWord,
    Heading,
    HouseTable,
    ItemHeading,
    Para,
    StatusBadge,
    TextLines,
    cell,
    house_table,
    key_figures,
    short_text,
)
from aims_desktop.reports.fonts import BOLD
from aims_desktop.reports.style import (
    HEADER_FILL,
    MUTED,
    NAVY,
    RED,
    STATUS_ORDER,
    STATUS_TONES,
    styles,
)
from aims_desktop.reports.text import days, markup, short_date

Check = Callable[[], None]

TITLE = "Gap analysis and readiness"
BIGGEST_GAPS = 5
OVERDUE_SIZE = 6.9
CELL_PADDING = 10.0


def combined(key: str, title: str, parts: Iterable[Readiness]) -> Readiness:
    """Readiness of several parts taken together, counted item by item like the parts."""
    counts: Counter[Status] = Counter()
    for part in parts:
        counts.update(part.counts)
    return Readiness(key, title, {s: counts.get(s, 0) for s in Status})


def _counts_line(r: Readiness) -> str:
    parts = [f"{r.counts.get(s, 0)} {s.label.lower()}" for s in STATUS_ORDER if r.counts.get(s, 0)]
    return ", ".join(parts)


def _due_text(snapshot: ProjectSnapshot, a: Assessment | Action) -> tuple[str, bool]:
    """A target date in words, and whether it has passed."""
    if a.target_date is None:
        return "No target date", False
    late = (snapshot.today - a.target_date).days
    if late > 0 and a.status.is_gap:
        return f"{short_date(a.target_date)}\nOverdue by {days(late)}", True
    return short_date(a.target_date), False


def _due_cell(snapshot: ProjectSnapshot, a: Assessment | Action, width: float) -> Flowable:
    """The target date, and under it in red capitals how long ago it passed."""
    s = styles()
    if a.target_date is None:
        return short_text("No target date", s.cell_muted, width)
    text, overdue = _due_text(snapshot, a)
    day = text.split("\n")[0]
    if not overdue:
        return short_text(day, s.cell, width)
    late = text.split("\n", 1)[1].upper()
    if stringWidth(late, BOLD, OVERDUE_SIZE) > width:
        return Para(
            f'{markup(day)}<br/><font color="{RED.strong.hexval()}" size="{OVERDUE_SIZE}">'
            f"<b>{markup(late)}</b></font>",
            s.cell,
        )
    return TextLines(
        [
            (day, s.cell.fontName, s.cell.fontSize, s.cell.textColor),
            (late, BOLD, OVERDUE_SIZE, RED.strong),
        ],
        s.cell.leading,
    )


# -- executive summary ------------------------------------------------------------------------


def _gap_rank(snapshot: ProjectSnapshot, item: CatalogItem) -> tuple[Any, ...]:
    a = snapshot.assessment(item.id)
    overdue = a.target_date is not None and a.target_date < snapshot.today
    return (
        a.status is not Status.NOT_MET,
        item.is_control,
        not overdue,
        a.target_date is None,
        a.target_date or snapshot.today,
    )


def biggest_gaps(snapshot: ProjectSnapshot, limit: int = BIGGEST_GAPS) -> list[CatalogItem]:
    """Not met before partially met, mandatory clauses before controls, overdue first."""
    gaps = [i for i in snapshot.catalog.items if snapshot.assessment(i.id).status.is_gap]
    return sorted(gaps, key=lambda i: _gap_rank(snapshot, i))[:limit]


def _gap_block(snapshot: ProjectSnapshot, item: CatalogItem, width: float) -> Flowable:
    """One gap in one paragraph, with a bar in its status colour down the left edge."""
    s = styles()
    a = snapshot.assessment(item.id)
    text = markup(item.summary)
    if a.notes.strip():
        text += f" <b>Where things stand:</b> {markup(a.notes.strip())}"
    who = f"Owner: {markup(a.owner)}" if a.owner.strip() else "<b>No owner assigned</b>"
    due, overdue = _due_text(snapshot, a)
    if overdue:
        day, late = due.split("\n", 1)
        when = (
            f"target date {markup(day)}&#160;&#160;"
            f'<font color="{RED.strong.hexval()}"><b>{markup(late.upper())}</b></font>'
        )
    elif a.target_date is None:
        when = "no target date set"
    else:
        when = f"target date {markup(due)}"
    title = Para(
        f"{markup(item.id)}&#160;&#160;&#160;{markup(snapshot.catalog.title_in_context(item.id))}",
        s.h3.clone("GapTitle", spaceBefore=0, spaceAfter=0),
    )
    rows = [
        [title, StatusBadge(a.status, align="RIGHT")],
        [Para(text, s.body.clone("GapText", spaceAfter=0)), ""],
        [Para(f"{who}&#160;&#160;·&#160;&#160;{when}", s.muted), ""],
    ]
    table = HouseTable(
        rows,
        colWidths=[width - 34 * mm, 34 * mm],
        style=TableStyle(
            [
                *BASE_COMMANDS,
                ("SPAN", (0, 1), (1, 1)),
                ("SPAN", (0, 2), (1, 2)),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LINEBEFORE", (0, 0), (0, -1), 2.4, STATUS_TONES[a.status].strong),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
            ]
        ),
        spaceBefore=6,
        spaceAfter=10,
        hAlign="LEFT",
    )
    return KeepTogether([table])


def _executive_summary(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    r = snapshot.readiness
    org = snapshot.organisation.name
    clauses = combined("clauses", "Clauses 4 to 10", r.clauses)
    overdue = sum(1 for a in snapshot.actions if a.overdue)
    total = len(snapshot.catalog.items)
    story: list[Flowable] = [
        Heading("Executive summary", 0, "summary"),
        Para(
            f"This report sets out how far the AI management system of <b>{markup(org)}</b> "
            "meets the requirements of ISO/IEC 42001:2023, as assessed by the organisation "
            f"itself. It reflects the project as it stood on {markup(short_date(snapshot.today))} "
            f"({snapshot.revision_text}). It is a self-assessment to prepare for "
            "certification, not the finding of an audit.",
            s.lead,
        ),
        Spacer(1, 4),
        key_figures(
            [
                (f"{r.overall.percent}%", "Overall readiness", None),
                (f"{clauses.percent}%", "Clauses 4 to 10 (mandatory)", None),
                (f"{r.annex_a.percent}%", "Annex A controls (not excluded)", None),
                (
                    str(len(snapshot.actions)),
                    f"Open actions, {overdue} overdue",
                    RED.strong if overdue else None,
                ),
                (
                    str(len(snapshot.not_assessed)),
                    f"of {total} requirements not yet assessed",
                    None,
                ),
            ],
            width,
        ),
        Spacer(1, 6),
        Heading("Readiness by clause", 1, "summary-chart"),
        readiness_chart([*r.clauses, r.annex_a, r.overall], width, label_width=62 * mm),
        Para(
            "Each bar shows how the requirements of a clause are assessed; the figure at the "
            "end is its readiness score, in which a requirement that is met counts in full, one "
            "that is partially met counts half, and one that is not met or not yet assessed "
            "counts nothing. Annex A controls excluded in the Statement of Applicability do "
            "not count.",
            s.muted,
        ),
        Heading("The biggest gaps", 1, "summary-gaps"),
    ]
    gaps = biggest_gaps(snapshot)
    if gaps:
        story.append(
            Para(
                "The requirements below stand furthest from certification: mandatory clauses "
                "that are not met come first, then overdue work. The action plan lists every "
                "open item.",
                s.body.clone("Intro", keepWithNext=1),
            )
        )
        story.extend(_gap_block(snapshot, item, width) for item in gaps)
    else:
        story.append(
            Para("No gaps are recorded: no requirement is marked not met or partially met.")
        )
    return story


# -- organisation --------------------------------------------------------------------------


def ai_system_names(snapshot: ProjectSnapshot) -> str:
    """The AI systems of the inventory, one per line, those outside the scope marked so."""
    lines = []
    for system in snapshot.records("ai_system"):
        name = " ".join(p for p in (getattr(system, "ref", ""), getattr(system, "name", "")) if p)
        lines.append(name if getattr(system, "in_scope", True) else f"{name} (outside the scope)")
    return "\n".join(lines)


def organisation_table(snapshot: ProjectSnapshot, width: float) -> Flowable:
    s = styles()
    org = snapshot.organisation
    roles = ", ".join(r.label for r in sorted(org.roles, key=lambda r: r.value)) or "Not stated"
    rows = [
        ("Organisation", org.name),
        ("Sector", org.sector or "Not stated"),
        ("Size", org.size.label),
        ("Country", org.country or "Not stated"),
        ("AI roles", roles),
        ("AI systems", ai_system_names(snapshot) or "None recorded"),
        ("Scope of the AI management system (4.3)", org.scope.strip() or "Not written yet"),
    ]
    return house_table(
        None,
        [[cell(label.upper(), s.label), cell(value)] for label, value in rows],
        [48 * mm, width - 48 * mm],
    )


STATUS_MEANINGS = {
    Status.MET: "In place, and the organisation can show evidence that it works.",
    Status.PARTIALLY_MET: "Some of it is in place; the action plan says what is missing.",
    Status.NOT_MET: "Not in place yet.",
    Status.NOT_ASSESSED: "Nobody has assessed it yet; it counts as not met.",
    Status.NOT_APPLICABLE: (
        "An Annex A control excluded, with a justification, in the Statement of "
        "Applicability. Clauses 4 to 10 can never be excluded."
    ),
}


def how_to_read(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    """The key to the report: what each status means and how the figures are worked out."""
    s = styles()
    rows = [[StatusBadge(status), cell(STATUS_MEANINGS[status])] for status in STATUS_ORDER]
    return [
        Heading("How to read this report", 1, "how-to-read"),
        Para(
            "Every requirement carries one of five statuses, shown in colour and in words:",
            s.body,
        ),
        house_table(["Status", "Meaning"], rows, [34 * mm, width - 34 * mm]),
        Para(
            "<b>Readiness</b> is the share of requirements in place: met counts in full, "
            "partially met counts half, not met and not assessed count nothing, and excluded "
            "controls are left out. <b>Guidance questions</b> are AIMS Desktop's own "
            "plain-language questions (not the text of the standard); the answers show how a "
            "status was reached. "
            "<b>The content fingerprint</b> on the cover is a SHA-256 over everything the project "
            "says; it changes with any edit, so it ties this report to one state of the project "
            f"file ({snapshot.revision_text}).",
            s.body,
        ),
    ]


# -- clauses --------------------------------------------------------------------------------


def item_block(snapshot: ProjectSnapshot, item: CatalogItem, width: float) -> Flowable:
    """A requirement as the auditor reads it: what it asks, what the organisation recorded,
    then the guidance answers behind the status. Kept on one page where it fits."""
    s = styles()
    a = snapshot.assessment(item.id)
    story: list[Flowable] = [
        # "9.3.1 General (Management review)": the title in context, as in the outline
        ItemHeading(
            item.id,
            snapshot.catalog.title_in_context(item.id),
            a.status,
            2,
            f"item-{item.id}",
            width,
        ),
        Para(markup(item.summary), s.muted),
    ]
    record: list[list[Any]] = [
        [
            cell("OWNER", s.label),
            cell(a.owner) if a.owner.strip() else cell("No owner assigned", s.cell_muted),
            cell("TARGET DATE", s.label),
            _due_cell(snapshot, a, width / 2 - 26 * mm - CELL_PADDING),
        ]
    ]
    extra: list[tuple[Any, ...]] = []
    if a.notes.strip():
        record.append([cell("NOTES", s.label), cell(a.notes.strip()), "", ""])
        extra.append(("SPAN", (1, 1), (3, 1)))
    half = width / 2
    story.append(
        house_table(None, record, [24 * mm, half - 24 * mm, 26 * mm, half - 26 * mm], extra=extra)
    )
    answered = [(q, a.answers.get(q.key)) for q in item.questions]
    if any(answer is not None for _, answer in answered):
        rows = [[cell(q.text), AnswerWord(answer)] for q, answer in answered]
        story.append(house_table(["Guidance question", "Answer"], rows, [width - 30 * mm, 30 * mm]))
    else:
        story.append(Para("No guidance questions answered yet.", s.muted))
    return KeepTogether(story)


def sub_heading(heading: HeadingData) -> Flowable:
    """ "9.3 MANAGEMENT REVIEW" above its requirements; never alone at the foot of a page: it
    travels with the requirement below it."""
    s = styles()
    return Para(
        f"{markup(heading.id)}&#160;&#160;{markup(heading.title)}".upper(),
        s.label.clone("SubHeading", spaceBefore=8, textColor=NAVY, keepWithNext=1),
    )


def _clauses(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    catalog = snapshot.catalog
    story: list[Flowable] = [
        Heading("Clauses 4 to 10: the management system", 0, "clauses"),
        Para(
            "Clauses 4 to 10 are mandatory for certification: each can be met, partially met or "
            "not met, but none can be excluded. For every requirement this "
            "section gives a short explanation in plain words, the status the organisation "
            "recorded, the owner and target date, the answers to the guidance questions and "
            "the notes.",
            s.body,
        ),
    ]
    for index, clause in enumerate(catalog.clause_headings):
        check()
        r = snapshot.readiness.for_key(clause.id)
        if index:
            story.append(CondPageBreak(70 * mm))
        story += [
            Heading(f"{clause.id} {clause.title}", 1, f"clause-{clause.id}"),
            Para(
                f"<b>Readiness {r.percent}%</b>&#160;&#160;·&#160;&#160;{markup(_counts_line(r))}",
                s.muted.clone("ClauseFigures", keepWithNext=1),
            ),
        ]
        current_sub: str | None = None
        for item in catalog.children_of(clause.id):
            if item.parent != clause.id and item.parent != current_sub:
                current_sub = item.parent
                story.append(sub_heading(catalog.heading(item.parent)))
            story.append(item_block(snapshot, item, width))
    return story


# -- Annex A -------------------------------------------------------------------------------


def _annex_a(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    r = snapshot.readiness
    story: list[Flowable] = [
        PageBreak(),
        Heading("Annex A controls", 0, "annex-a"),
        Para(
            "Annex A lists 38 reference controls. An organisation applies the ones its risks "
            "call for and may exclude the others with a justification, recorded in the "
            "Statement of Applicability. Excluded controls do not count towards readiness.",
            s.body,
        ),
        Heading("Readiness by control group", 1, "annex-a-chart"),
        readiness_chart([*r.annex_a_groups, r.annex_a], width, label_width=72 * mm),
        CondPageBreak(60 * mm),
        Heading("Controls at a glance", 1, "annex-a-table", keep_with_next=False),
    ]
    story.append(controls_at_a_glance(snapshot, width))
    return story


def controls_at_a_glance(snapshot: ProjectSnapshot, width: float) -> Flowable:
    """Every control with its status, owner and date, under a row per group."""
    s = styles()
    catalog = snapshot.catalog
    r = snapshot.readiness
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    for group in catalog.annex_a_groups:
        gr = r.for_key(group.id)
        at = len(rows) + 1  # the header row comes first
        extra += [
            ("SPAN", (0, at), (-1, at)),
            ("BACKGROUND", (0, at), (-1, at), HEADER_FILL.clone(alpha=0.45)),
            ("NOSPLIT", (0, at), (-1, at + 1)),  # a group row never ends a page on its own
        ]
        rows.append(
            [
                Para(
                    f"<b>{markup(group.id)}&#160;&#160;{markup(group.title)}</b>"
                    f'&#160;&#160;<font color="#5F6B78">readiness {gr.percent}%</font>',
                    s.cell,
                ),
                "",
                "",
                "",
            ]
        )
        for item in catalog.children_of(group.id):
            a = snapshot.assessment(item.id)
            rows.append(
                [
                    Para(f"<b>{markup(item.id)}</b>&#160;&#160;{markup(item.title)}", s.cell),
                    StatusBadge(a.status),
                    cell(a.owner) if a.owner.strip() else cell("—", s.cell_muted),
                    _due_cell(snapshot, a, 36 * mm - CELL_PADDING)
                    if a.status.is_gap
                    else cell("—", s.cell_muted),
                ]
            )
    return house_table(
        ["Control", "Status", "Owner", "Target date"],
        rows,
        [width - 104 * mm, 30 * mm, 38 * mm, 36 * mm],
        extra=extra,
    )


# -- action plan ---------------------------------------------------------------------------


def action_rows(
    snapshot: ProjectSnapshot, actions: Sequence[Action], width: float, check: Check
) -> list[list[Any]]:
    s = styles()
    widths = action_widths(width)
    owner_width = widths[3] - CELL_PADDING
    due_width = widths[4] - CELL_PADDING
    rows: list[list[Any]] = []
    for n, action in enumerate(actions, start=1):
        if n % 200 == 0:
            check()
        text = f"<b>{markup(action.item_id)}</b>&#160;&#160;{markup(action.title)}"
        if action.notes.strip():
            text += f'<br/><font size="7.4" color="#5F6B78">{markup(action.notes.strip())}</font>'
        rows.append(
            [
                str(n),
                Para(text, s.cell),
                StatusBadge(action.status),
                short_text(action.owner.strip(), s.cell, owner_width)
                if action.owner.strip()
                else short_text("No owner", s.cell_muted, owner_width),
                _due_cell(snapshot, action, due_width),
            ]
        )
    return rows


ACTION_HEADER = ["#", "Requirement and notes", "Status", "Owner", "Target date"]


def action_widths(width: float) -> list[float]:
    return [9 * mm, width - 9 * mm - 28 * mm - 32 * mm - 36 * mm, 28 * mm, 32 * mm, 36 * mm]


def _action_plan(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    actions = snapshot.actions
    overdue = sum(1 for a in actions if a.overdue)
    unowned = sum(1 for a in actions if not a.owner.strip())
    story: list[Flowable] = [PageBreak(), Heading("Action plan", 0, "actions")]
    if not actions:
        story.append(
            Para(
                "There are no open actions: no requirement is marked not met or partially met.",
                s.body,
            )
        )
        return story
    summary = (
        f"{len(actions)} requirement{'s are' if len(actions) != 1 else ' is'} not met or only "
        f"partially met. Overdue items come first, then the rest by target date."
    )
    if overdue:
        summary += f" <b>{overdue} {'is' if overdue == 1 else 'are'} overdue.</b>"
    if unowned:
        summary += f" {unowned} {'has' if unowned == 1 else 'have'} no owner yet."
    story.append(Para(summary, s.body))
    story.append(
        house_table(
            ACTION_HEADER,
            action_rows(snapshot, actions, width, check),
            action_widths(width),
            zebra=True,
            extra=[
                ("FONTSIZE", (0, 1), (0, -1), 7.6),
                ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
            ],
        )
    )
    return story


# -- appendices ----------------------------------------------------------------------------


def _not_assessed(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    catalog = snapshot.catalog
    story: list[Flowable] = [
        PageBreak(),
        Heading("Appendix A: Not yet assessed", 0, "not-assessed"),
    ]
    if not snapshot.not_assessed:
        story.append(Para("Every requirement has been assessed.", s.body))
        return story
    story.append(
        Para(
            f"{len(snapshot.not_assessed)} of {len(catalog.items)} requirements have no status "
            "yet. Until they are assessed they count as not met in the readiness scores.",
            s.body,
        )
    )
    rows = []
    for item_id in snapshot.not_assessed:
        item = catalog.item(item_id)
        kind = "Annex A control" if item.is_control else "Clause (mandatory)"
        rows.append(
            [
                Para(f"<b>{markup(item.id)}</b>", s.cell),
                cell(catalog.title_in_context(item.id)),
                cell(kind, s.cell_muted),
            ]
        )
    story.append(
        house_table(
            ["Number", "Requirement", "Kind"],
            rows,
            [22 * mm, width - 22 * mm - 38 * mm, 38 * mm],
        )
    )
    return story


def _evidence(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading("Appendix B: Evidence on file", 0, "evidence"),
    ]
    if not snapshot.evidence:
        story.append(Para("No document of the register serves a requirement yet.", s.body))
        return story
    story.append(
        Para(
            "The documents of the register that serve each requirement, with the version in "
            "force. A file stored inside the project is given with its SHA-256, which lets an "
            "auditor confirm that a copy they received is the same file; a document kept "
            "elsewhere is given with its location.",
            s.body,
        )
    )
    rows = []
    for e in sorted(snapshot.evidence, key=lambda e: (e.item_id or "~", e.title.lower())):
        # A note is printed under the title when there is one; no column of dashes otherwise.
        described: list[Flowable] = [cell(e.title)]
        if e.note.strip():
            described.append(cell(e.note.strip()))
        state = " · ".join(
            part for part in (f"version {e.version}" if e.version else "", e.status) if part
        )
        if e.sha256:
            where = f"{markup(e.file_name)} · {e.size:,} bytes<br/>SHA-256 {e.sha256}"
        elif e.location:
            where = f"Kept at: {markup(e.location)}"
        else:
            where = "No file in the project"
        if state:
            where = f"{markup(state)}<br/>{where}"
        described.append(Para(where, s.cell_muted))
        rows.append([cell(e.item_id or "Project", s.cell_bold), described])
    story.append(house_table(["Linked to", "Evidence"], rows, [22 * mm, width - 22 * mm]))
    return story


def auditors_eye(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    """The consistency findings: where records and answers do not agree yet."""
    from aims_desktop.domain.eye import findings

    s = styles()
    found = findings(snapshot)
    story: list[Flowable] = [Heading("What an auditor would question", 0, "auditors-eye")]
    if not found:
        story.append(
            Para(
                "The consistency checks found nothing: the records and the answers agree as far "
                "as the checks go.",
                s.body,
            )
        )
        return story
    story.append(
        Para(
            f"{len(found)} place{'s' if len(found) != 1 else ''} where the records and the "
            "answers do not agree yet, as an auditor would check them. Each says where it is "
            "put right.",
            s.lead,
        )
    )
    rows = [[cell(f.subject or "—", s.cell_bold), cell(f.message)] for f in found]
    story.append(house_table(["Where", "Finding"], rows, [24 * mm, width - 24 * mm], zebra=True))
    return story


def gap_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    story = _executive_summary(snapshot, width)
    check()
    story.append(PageBreak())
    story.append(Heading("Organisation and scope", 0, "organisation"))
    story.append(organisation_table(snapshot, width))
    story += how_to_read(snapshot, width)
    story += auditors_eye(snapshot, width)
    story.append(PageBreak())
    story += _clauses(snapshot, width, check)
    story += _annex_a(snapshot, width)
    check()
    story += _action_plan(snapshot, width, check)
    story += _not_assessed(snapshot, width)
    story += _evidence(snapshot, width)
    return story
