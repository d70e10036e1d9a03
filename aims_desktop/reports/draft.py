"""A drafted core document (AI policy, scope, risk criteria, objectives) as a PDF: a plain,
printable document rather than a report: title, organisation, the draft's note, headings,
paragraphs and bullets, the organisation in the running header and "Page n of N" at the foot.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, SimpleDocTemplate, Spacer

from aims_desktop.domain.drafting import BlockKind, Draft
from aims_desktop.reports.document import write_atomically
from aims_desktop.reports.errors import ReportNotWritten
from aims_desktop.reports.flowables import Para
from aims_desktop.reports.fonts import BOLD, REGULAR
from aims_desktop.reports.style import MUTED, NAVY, PAGE_MARGIN, styles
from aims_desktop.reports.text import markup


def _draw_page(draft: Draft, total: list[int]) -> Any:
    def draw(canvas: Any, document: Any) -> None:
        canvas.saveState()
        width, height = A4
        canvas.setFont(REGULAR, 7.6)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - PAGE_MARGIN, height - 12 * mm, draft.organisation[:120])
        canvas.drawString(PAGE_MARGIN, 10 * mm, draft.title[:120])
        pages = f" of {total[0]}" if total[0] else ""
        canvas.drawRightString(width - PAGE_MARGIN, 10 * mm, f"Page {document.page}{pages}")
        canvas.restoreState()

    return draw


def _story(draft: Draft) -> list[Any]:
    s = styles()
    title = s.h1.clone("DraftTitle", fontSize=20, leading=25, spaceAfter=4)
    h1 = s.h2.clone("DraftHeading", textColor=NAVY)
    h2 = s.h3.clone("DraftSubheading")
    body = s.body.clone("DraftBody", fontSize=10, leading=14.5)
    story: list[Any] = [
        Para(markup(draft.title), title),
        Para(f"<b>{markup(draft.organisation)}</b>", body),
    ]
    if draft.subtitle:
        story.append(Para(f"<i>{markup(draft.subtitle)}</i>", s.muted))
    story.append(Spacer(1, 4 * mm))
    for block in draft.blocks:
        if block.kind is BlockKind.HEADING:
            story.append(Para(markup(block.text), h1))
        elif block.kind is BlockKind.SUBHEADING:
            story.append(Para(markup(block.text), h2))
        elif block.kind is BlockKind.BULLETS:
            story.append(
                ListFlowable(
                    [ListItem(Para(markup(item), body), leftIndent=12) for item in block.items],
                    bulletType="bullet",
                    bulletFontName=BOLD,
                    bulletFontSize=7,
                    leftIndent=12,
                    spaceAfter=6,
                )
            )
        else:
            story.append(Para(markup(block.text), body))
    return story


def draft_pdf_bytes(draft: Draft) -> bytes:
    """The PDF, laid out twice so the footer can say "Page n of N"."""
    total = [0]
    for _ in range(2):
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=PAGE_MARGIN,
            rightMargin=PAGE_MARGIN,
            topMargin=22 * mm,
            bottomMargin=20 * mm,
            title=draft.title,
            author=draft.organisation,
            subject=f"{draft.organisation}: {draft.title}",
            creator="AIMS Desktop",
        )
        page = _draw_page(draft, total)
        document.build(_story(draft), onFirstPage=page, onLaterPages=page)
        total[0] = document.page
    return buffer.getvalue()


def write_draft_pdf(draft: Draft, output: Path) -> Path:
    data = draft_pdf_bytes(draft)
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise ReportNotWritten(output, exc.strerror or str(exc)) from None
    return output
