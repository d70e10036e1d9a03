"""The master list of documents (7.5): every document with its number, version in force,
status, approval and next review, and the requirements it serves; overdue reviews stand out.
Then the mandatory documented information (what the standard requires, and what covers it) and
the versions whose files the project holds, each with its SHA-256.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from aims_desktop.domain.documented_information import Coverage, mandatory_records
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.flowables import (
    Heading,
    Para,
    TextLines,
    cell,
    house_table,
    key_figures,
    short_text,
)
from aims_desktop.reports.fonts import BOLD
from aims_desktop.reports.style import RED, styles
from aims_desktop.reports.text import markup, short_date

Check = Callable[[], None]

TITLE = "Master list of documents"

_OVERDUE_SIZE = 6.9


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text))


def _value(record: Any, name: str) -> Any:
    value = getattr(record, name, None)
    return getattr(value, "label", value)


def _review_cell(snapshot: ProjectSnapshot, record: Any, width: float) -> Flowable:
    """The next review date; an overdue one in red capitals under it, so it stands out on
    paper in black and white too."""
    s = styles()
    review = record.review_date
    withdrawn = getattr(record.status, "value", None) == "withdrawn"
    if review is None:
        return short_text("—", s.cell_muted, width)
    day = short_date(review)
    if review >= snapshot.today or withdrawn:
        return short_text(day, s.cell, width)
    return TextLines(
        [
            (day, s.cell.fontName, s.cell.fontSize, s.cell.textColor),
            ("OVERDUE", BOLD, _OVERDUE_SIZE, RED.strong),
        ],
        s.cell.leading,
    )


def _widths(width: float) -> list[float]:
    fixed = [20 * mm, 0.0, 26 * mm, 16 * mm, 20 * mm, 34 * mm, 22 * mm, 0.0]
    rest = width - sum(fixed)
    fixed[1] = rest * 0.55
    fixed[7] = rest * 0.45
    return fixed


HEADER = ["Number", "Title", "Kind", "Version", "Status", "Approved", "Next review", "Serves"]


def master_table(snapshot: ProjectSnapshot, width: float, check: Check) -> Flowable:
    s = styles()
    widths = _widths(width)
    rows = []
    records: tuple[Any, ...] = snapshot.records(DOCUMENT)
    documents = sorted(records, key=lambda d: _natural(d.ref or d.title))
    for number, doc in enumerate(documents):
        if number % 500 == 0:
            check()
        approved = " ".join(
            part
            for part in (doc.approver, short_date(doc.approved_on) if doc.approved_on else "")
            if part
        )
        status = _value(doc, "status") or "—"
        rows.append(
            [
                short_text(doc.ref or "—", s.cell_bold, widths[0]),
                cell(doc.title),
                short_text(_value(doc, "kind") or "—", s.cell, widths[2]),
                short_text(doc.version or "—", s.cell, widths[3]),
                short_text(status, s.cell, widths[4]),
                cell(approved or "—", s.cell if approved else s.cell_muted),
                _review_cell(snapshot, doc, widths[6]),
                cell(", ".join(doc.requirements) or "—"),
            ]
        )
    return house_table(HEADER, rows, widths, zebra=True)


def _figures(snapshot: ProjectSnapshot) -> list[tuple[str, str, Any]]:
    documents: tuple[Any, ...] = snapshot.records(DOCUMENT)
    status = [getattr(d.status, "value", None) for d in documents]
    overdue = sum(
        1
        for d in documents
        if d.review_date is not None
        and d.review_date < snapshot.today
        and getattr(d.status, "value", None) != "withdrawn"
    )
    return [
        (f"{len(documents):,}", "documents", None),
        (f"{status.count('approved'):,}", "approved", None),
        (f"{status.count('draft'):,}", "drafts", None),
        (f"{overdue:,}", "reviews overdue", RED.strong if overdue else None),
    ]


def mandatory_section(snapshot: ProjectSnapshot, width: float) -> list[Flowable]:
    """Every record the standard requires, with the document or register that covers it."""
    s = styles()
    spec = REGISTERS[DOCUMENT]
    counts = {key: len(records) for key, records in snapshot.registers.items()}
    entries = mandatory_records(snapshot.catalog, snapshot.records(DOCUMENT), spec.label, counts)
    story: list[Flowable] = [
        CondPageBreak(50 * mm),
        Heading("Mandatory documented information", 0, "mandatory"),
        Para(
            "The records that the clauses of ISO/IEC 42001 require an organisation to keep, "
            "in our own words, each once (a record restated under an Annex A control is listed "
            "under the clause). A record is covered by an approved document that names it, or "
            "by a register of AIMS Desktop that holds such records.",
            s.body,
        ),
    ]
    covered = sum(1 for e in entries if e.coverage.covered)
    story.append(Para(f"{covered} of {len(entries)} required records are covered.", s.muted))
    rows = []
    for entry in entries:
        names = [
            d.label + ("" if d.approved else f" ({d.status or 'not approved'})")
            for d in entry.documents
        ]
        if entry.register:
            names.append(
                f"{REGISTERS[entry.register].plural} register ({entry.register_records} records)"
            )
        state = entry.coverage.label
        style = s.cell if entry.coverage.covered else s.cell_bold
        if entry.coverage is Coverage.GAP:
            state_cell: Flowable = Para(
                f'<font color="{RED.strong.hexval()}"><b>{markup(state)}</b></font>', s.cell
            )
        else:
            state_cell = cell(state, style)
        also = (
            f" (also under {', '.join(entry.also_listed_under)})" if entry.also_listed_under else ""
        )
        rows.append(
            [
                cell(entry.record.required_by or "", s.cell_bold),
                cell(entry.record.text + also),
                cell("; ".join(names) or "—", s.cell if names else s.cell_muted),
                state_cell,
            ]
        )
    story.append(
        house_table(
            ["Clause", "Required record", "Covered by", "State"],
            rows,
            [16 * mm, width * 0.42 - 16 * mm, width * 0.36, width * 0.22],
            zebra=True,
        )
    )
    return story


def versions_section(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    """Every version held in the project, with its file and SHA-256: what an auditor compares
    a copy they were sent with."""
    s = styles()
    versions: tuple[Any, ...] = snapshot.records(DOCUMENT_VERSION)
    if not versions:
        return []
    labels = {d.id: REGISTERS[DOCUMENT].label(d) for d in snapshot.records(DOCUMENT)}
    story: list[Flowable] = [
        CondPageBreak(50 * mm),
        Heading("Versions and files", 0, "versions"),
        Para(
            "Every version of every document, including superseded and withdrawn ones, which "
            "stay readable in the project. The SHA-256 identifies a file's exact content.",
            s.body,
        ),
    ]
    rows = []
    ordered = sorted(versions, key=lambda v: (_natural(labels.get(v.parent_id, "")), v.created_at))
    for number, version in enumerate(ordered):
        if number % 500 == 0:
            check()
        approved = " ".join(
            p
            for p in (
                version.approver,
                short_date(version.approved_on) if version.approved_on else "",
            )
            if p
        )
        file_text = (
            f"{markup(version.file_name)} · {version.size or 0:,} bytes<br/>"
            f'<font size="6.5">SHA-256 {version.sha256}</font>'
            if version.sha256
            else "No file in the project"
        )
        rows.append(
            [
                cell(labels.get(version.parent_id, "(deleted document)"), s.cell_bold),
                cell(version.version),
                cell(_value(version, "status") or "—"),
                cell(approved or "—", s.cell if approved else s.cell_muted),
                Para(file_text, s.cell_muted),
            ]
        )
    story.append(
        house_table(
            ["Document", "Version", "Status", "Approved", "File"],
            rows,
            [width * 0.25, 16 * mm, 28 * mm, 36 * mm, width * 0.75 - 80 * mm],
            zebra=True,
        )
    )
    return story


def documents_story(snapshot: ProjectSnapshot, width: float, check: Check) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        Heading(TITLE, 0, "master-list", keep_with_next=False),
        Para(
            "Every document of the AI management system: its number, the version in force, "
            "its status and approval, when it is reviewed next, and the clauses and controls "
            "it serves. Reviews that are overdue are marked OVERDUE.",
            s.lead,
        ),
        key_figures(_figures(snapshot), width),
    ]
    if not snapshot.records(DOCUMENT):
        story.append(Para("No documents are recorded yet.", s.body))
    else:
        story.append(master_table(snapshot, width, check))
    check()
    story += mandatory_section(snapshot, width)
    story += versions_section(snapshot, width, check)
    return story
