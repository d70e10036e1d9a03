"""The Stage 1 audit pack: one PDF a certification body can size and plan the audit from.

A cover sheet with the facts an audit is sized by, an index from every clause and Annex A
control to its documents (number, version, approval date, or a gap), then the parts an auditor
reads at Stage 1: the scope, the AI policy, the Statement of Applicability, the risk register
and treatment plan, the impact assessments in brief, the objectives, and the latest internal
audit and management review.

The parts are the stories of their own reports, composed rather than copied: each part's
headings move one level down under the part's heading and get the part's prefix in their
bookmark keys, so the pack has one table of contents and one outline, and the SoA and the risk
register keep the landscape pages they are laid out for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from aims_desktop.domain.audit_pack import IndexEntry, cover_facts, document_index
from aims_desktop.domain.drafting import from_text
from aims_desktop.domain.organisation import placeholders
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import DOCUMENT, OBJECTIVE
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports import evaluation, impact, risks, soa
from aims_desktop.reports.document import LANDSCAPE, PORTRAIT, body_width
from aims_desktop.reports.draft import draft_body
from aims_desktop.reports.flowables import Heading, Para, cell, house_table, key_figures, short_text
from aims_desktop.reports.registers import register_section
from aims_desktop.reports.style import AMBER, RED, styles
from aims_desktop.reports.text import long_date, markup, short_date

Check = Callable[[], None]
Story = Callable[[ProjectSnapshot, float, Check], list[Flowable]]

TITLE = "Stage 1 audit pack"

POLICY_TEXT = "ai_policy_text"
"""The snapshot's `extra` keys for the AI policy: its text in the drafting editor's plain form
("# " headings, "- " bullets), and where it comes from (a document's version, or a draft)."""
POLICY_SOURCE = "ai_policy_source"


def rekeyed(flowables: Iterable[Flowable], prefix: str, shift: int = 1) -> list[Flowable]:
    """The flowables with every heading `shift` levels deeper and its bookmark key prefixed:
    a report's story as one part of a longer document. Headings inside a group kept together
    are found too. Only levels 0 and 1 stay in the table of contents."""

    def visit(flowable: Any) -> None:
        if getattr(flowable, "outline_level", None) is not None:
            flowable.outline_level += shift
            flowable.outline_key = f"{prefix}-{flowable.outline_key}"
            if hasattr(flowable, "in_toc"):
                flowable.in_toc = flowable.in_toc and flowable.outline_level <= 1
        content = getattr(flowable, "_content", None)
        if isinstance(content, list):
            for inner in content:
                visit(inner)

    result = list(flowables)
    for flowable in result:
        visit(flowable)
    return result


# -- the cover sheet and the index -------------------------------------------------------------


def cover_sheet(snapshot: ProjectSnapshot, width: float, index: list[IndexEntry]) -> list[Flowable]:
    s = styles()
    gaps = sum(1 for e in index if e.gap)
    served = sum(1 for e in index if e.documents)
    documents: tuple[Any, ...] = snapshot.records(DOCUMENT)
    approved = sum(1 for d in documents if getattr(d.status, "value", "") == "approved")
    story: list[Flowable] = [
        Para(
            f"What a certification body needs to size and plan the Stage 1 audit of "
            f"<b>{markup(snapshot.organisation.name)}</b>, as recorded in the project "
            f"({markup(snapshot.revision_text)}) on {long_date(snapshot.today)}. A line marked "
            "“Not recorded” is a fact to add before the pack is sent.",
            s.lead,
        ),
        key_figures(
            [
                (f"{len(documents):,}", "documents in the register", None),
                (f"{approved:,}", "approved", None),
                (f"{served:,}", f"of {len(index)} requirements with a document", None),
                (f"{gaps:,}", "gaps (no document)", RED.strong if gaps else None),
            ],
            width,
        ),
        Spacer(1, 6),
    ]
    rows = []
    for fact in cover_facts(snapshot):
        if fact.missing and not fact.value:
            value = Para(
                f'<font color="{AMBER.strong.hexval()}"><b>Not recorded.</b></font> '
                "Add it in the project (the organisation profile, the scope or the registers).",
                s.cell,
            )
        else:
            value = cell(fact.value)
        rows.append([cell(fact.label.upper(), s.label), value])
    story.append(house_table(None, rows, [52 * mm, width - 52 * mm]))
    return story


INDEX_HEADER = ["Requirement", "Document", "Title", "Version", "Status", "Approved on"]


def _index_widths(width: float) -> list[float]:
    fixed = [45 * mm, 21 * mm, 0.0, 17 * mm, 17 * mm, 25 * mm]
    fixed[2] = width - sum(fixed)
    return fixed


def index_table(entries: list[IndexEntry], width: float, check: Check) -> Flowable:
    """One row per requirement and document serving it; a requirement without one shows the
    gap in words (and in red), an excluded control says so."""
    s = styles()
    widths = _index_widths(width)
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    for number, entry in enumerate(entries):
        if number % 50 == 0:
            check()
        requirement = cell(f"{entry.item_id} {entry.title}", s.cell_bold)
        if not entry.documents:
            if entry.excluded:
                note = cell("Excluded in the Statement of Applicability", s.cell_muted)
            else:
                note = Para(
                    f'<font color="{RED.strong.hexval()}"><b>Gap: no document</b></font>', s.cell
                )
            extra.append(("SPAN", (1, len(rows) + 1), (-1, len(rows) + 1)))
            rows.append([requirement, note, "", "", "", ""])
            continue
        for n, doc in enumerate(entry.documents):
            approved = short_date(doc.approved_on) if doc.approved_on else "—"
            rows.append(
                [
                    requirement if n == 0 else "",
                    short_text(doc.number or "—", s.cell_bold, widths[1]),
                    cell(doc.title),
                    short_text(doc.version or "—", s.cell, widths[3]),
                    short_text(doc.status or "—", s.cell, widths[4]),
                    short_text(approved, s.cell if doc.approved_on else s.cell_muted, widths[5]),
                ]
            )
    return house_table(INDEX_HEADER, rows, widths, extra=extra)


def index_section(entries: list[IndexEntry], width: float, check: Check) -> list[Flowable]:
    s = styles()
    clauses = [e for e in entries if not e.is_control]
    controls = [e for e in entries if e.is_control]
    return [
        Para(
            "Every requirement of clauses 4 to 10 and every Annex A control, with the documents "
            "of the register that serve it: number, version in force, status and the date it "
            "was approved. A requirement no document serves is marked as a gap; a withdrawn "
            "document serves nothing.",
            s.lead,
        ),
        Heading("Clauses 4 to 10", 1, "index-clauses", keep_with_next=False),
        index_table(clauses, width, check),
        Heading("Annex A controls", 1, "index-controls", keep_with_next=False),
        index_table(controls, width, check),
    ]


# -- scope and policy --------------------------------------------------------------------------


def scope_section(
    snapshot: ProjectSnapshot, width: float, index: list[IndexEntry]
) -> list[Flowable]:
    s = styles()
    org = snapshot.organisation
    approval = (
        f"{org.scope_approved_by}, {long_date(org.scope_approved_on)}"
        if org.scope_approved_on
        else org.scope_approved_by or "Not approved yet"
    )
    story: list[Flowable] = [
        house_table(
            None,
            [
                [cell("VERSION", s.label), cell(org.scope_version or "—")],
                [cell("APPROVED", s.label), cell(approval)],
            ],
            [46 * mm, width - 46 * mm],
        ),
        Spacer(1, 6),
    ]
    if org.scope.strip():
        story.append(Para(markup(org.scope), s.body))
    else:
        story.append(Para("No scope statement is written yet (the Organisation page).", s.body))
    left = placeholders(org.scope)
    if left:
        story.append(
            Para(
                f'<font color="{RED.strong.hexval()}"><b>Still to complete:</b></font> '
                + markup("; ".join(left)),
                s.body,
            )
        )
    serving = next((e.documents for e in index if e.item_id == "4.3"), ())
    if serving:
        names = "; ".join(
            " ".join(
                p for p in (d.number, d.title, f"version {d.version}" if d.version else "") if p
            )
            for d in serving
        )
        story.append(Para(f"Documented in: {markup(names)}.", s.muted))
    return story


def policy_section(snapshot: ProjectSnapshot) -> list[Flowable]:
    s = styles()
    text = snapshot.extra.get(POLICY_TEXT, "")
    source = snapshot.extra.get(POLICY_SOURCE, "")
    story: list[Flowable] = []
    if source:
        story.append(Para(markup(source), s.muted))
    if not text.strip():
        story.append(Para("No AI policy is recorded or drafted in this project yet.", s.body))
        return story
    draft = from_text(text, organisation=snapshot.organisation.name, fallback_title="AI policy")
    story.append(Para(markup(draft.title), s.h3))
    story.extend(draft_body(draft))
    return story


# -- the pack ----------------------------------------------------------------------------------


def _objectives(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    return register_section(snapshot, REGISTERS[OBJECTIVE], width, check)


PARTS: tuple[tuple[str, str, str, Story | None], ...] = (
    ("cover", "Cover sheet for the certification body", PORTRAIT, None),
    ("index", "Index of documents by requirement", PORTRAIT, None),
    ("scope", "Scope of the AI management system", PORTRAIT, None),
    ("policy", "AI policy", PORTRAIT, None),
    ("soa", "Statement of Applicability", LANDSCAPE, soa.soa_story),
    ("risks", "AI risk register and treatment plan", LANDSCAPE, risks.risks_story),
    ("impact", "AI system impact assessments in brief", PORTRAIT, impact.summaries_story),
    ("objectives", "AI objectives", PORTRAIT, _objectives),
    ("audit", "The latest internal audit", PORTRAIT, evaluation.internal_audit_story),
    ("review", "The latest management review", PORTRAIT, evaluation.management_review_story),
)
"""(key, title, orientation, the story of the report it reuses) of each part, in order."""


def audit_pack_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    # The record chosen for a report of one audit or review does not apply: the latest ones.
    snapshot = _latest(snapshot)
    index = document_index(snapshot)
    story: list[Flowable] = []
    for number, (key, title, orientation, part_story) in enumerate(PARTS, start=1):
        check()
        part_width = body_width(orientation)
        if number > 1 or orientation != PORTRAIT:
            story += [NextPageTemplate(orientation), PageBreak()]
        story.append(Heading(f"{number}. {title}", 0, f"part-{key}"))
        if key == "cover":
            story += cover_sheet(snapshot, part_width, index)
        elif key == "index":
            story += rekeyed(index_section(index, part_width, check), key, shift=0)
        elif key == "scope":
            story += scope_section(snapshot, part_width, index)
        elif key == "policy":
            story += policy_section(snapshot)
        elif part_story is not None:
            story += rekeyed(part_story(snapshot, part_width, check), key)
    return story


def _latest(snapshot: ProjectSnapshot) -> ProjectSnapshot:
    if "record" not in snapshot.extra:
        return snapshot
    extra = {k: v for k, v in snapshot.extra.items() if k not in ("record", "record_label")}
    return replace(snapshot, extra=extra)
