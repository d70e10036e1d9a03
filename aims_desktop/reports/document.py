"""The report framework: cover, contents, running header, "Page n of N", outline, metadata,
progress, cancellation and an atomic write.

Every report is a `ReportInfo` plus a list of flowables; `render()` does the rest. Pages are
laid out twice: the first pass finds the page of every heading and the page count, the second
draws the table of contents and the footers with the right numbers. The table of contents is
seeded with every heading before the first pass, so both passes lay out identically and two
passes are enough (a third runs only if the page count moved). The first pass only measures:
our flowables skip their drawing in it, which is most of the saving on a long report.

Deterministic mode is reportlab's invariant mode (fixed creation date and document id) on top
of a snapshot whose clock was fixed: the same snapshot then gives the same bytes.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import _ktAllow
from reportlab.platypus.tableofcontents import TableOfContents

from aims_desktop.reports.errors import ReportCancelled, ReportNotWritten
from aims_desktop.reports.flowables import BASE_COMMANDS, Heading, Para
from aims_desktop.reports.fonts import BOLD, REGULAR, register_fonts
from aims_desktop.reports.style import (
    FAINT,
    HEADER_GAP,
    INK,
    MUTED,
    NAVY,
    PAGE_MARGIN,
    RED,
    RULE,
    styles,
)
from aims_desktop.reports.text import fit, long_date, markup, one_line

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
_COVER = "cover"

_LAYOUT_SHARE = (0.04, 0.52)
"""Progress fractions: story built by 0.04, first pass done by 0.52, then writing pages."""


@dataclass(frozen=True)
class ReportInfo:
    """What the cover, the running header and the PDF metadata say about a report."""

    title: str
    organisation: str
    report_date: date
    prepared_by: str
    confidentiality: str
    revision: int
    fingerprint: str
    app_name: str
    app_version: str
    subtitle: str = "Self-assessment against ISO/IEC 42001:2023"
    keywords: tuple[str, ...] = ("ISO/IEC 42001", "AI management system")
    cover_note: str = ""
    orientation: str = "portrait"
    """Of every page, cover included: one orientation prints and binds cleanly."""
    revision_label: str = ""
    """How the cover and footers name the project state, when not simply the revision number
    (a project never saved, or with unsaved changes)."""
    cover_warning: str = ""
    """Printed prominently on the cover: what a reader must know before trusting the report."""
    history_head: str = ""
    """The head of the project's history hash chain, printed on the cover when known."""

    @property
    def revision_text(self) -> str:
        return self.revision_label or str(self.revision)


@dataclass
class RenderResult:
    path: Path
    pages: int
    headings: list[tuple[int, str]] = field(default_factory=list)
    """(outline level, title) of every heading, in order: what the outline must show."""


def body_width(orientation: str = PORTRAIT) -> float:
    size = A4 if orientation == PORTRAIT else landscape(A4)
    return float(size[0] - 2 * PAGE_MARGIN)


def start_landscape() -> list[Flowable]:
    return [NextPageTemplate(LANDSCAPE), PageBreak()]


class _Progress:
    """Turns layout events into one 0..1 figure, without flooding a GUI with updates."""

    def __init__(self, callback: ProgressFn | None) -> None:
        self._callback = callback
        self._last = -1.0

    def __call__(self, fraction: float, message: str, *, force: bool = False) -> None:
        if self._callback is None:
            return
        fraction = min(max(fraction, self._last, 0.0), 1.0)  # estimates may wobble; never back
        if force or fraction - self._last >= 0.01:
            self._last = fraction
            self._callback(fraction, message)


def _weight(flowable: Flowable) -> int:
    """Roughly how long a flowable takes to lay out: a table by its rows, a group by its parts."""
    content = getattr(flowable, "_content", None)
    if isinstance(content, list):
        return max(1, sum(_weight(f) for f in content))
    rows = getattr(flowable, "_cellvalues", None)
    return max(1, len(rows)) if rows is not None else 1


class _ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    def __init__(
        self,
        target: Any,
        info: ReportInfo,
        *,
        progress: _Progress,
        cancelled: CancelFn,
        deterministic: bool,
    ) -> None:
        self.info = info
        self.progress = progress
        self.cancelled = cancelled
        self.passes = 0
        self.total_pages: int | None = None
        """Pages of the previous pass: the N of "Page n of N"; None during the first pass."""
        self.headings: list[tuple[int, str]] = []
        self._remaining_after: list[int] = [0]
        page = A4 if info.orientation == PORTRAIT else landscape(A4)
        super().__init__(
            target,
            pagesize=page,
            leftMargin=PAGE_MARGIN,
            rightMargin=PAGE_MARGIN,
            topMargin=PAGE_MARGIN + 6 * mm,
            bottomMargin=PAGE_MARGIN,
            title=one_line(f"{info.title} — {info.organisation}"),
            author=one_line(info.prepared_by),
            subject=one_line(f"{info.subtitle}. Content fingerprint (SHA-256) {info.fingerprint}"),
            creator=f"{info.app_name} {info.app_version}",
            keywords=list(info.keywords),
            invariant=1 if deterministic else 0,
            pageCompression=1,
            displayDocTitle=1,
            lang="en-GB",
            initialFontName=REGULAR,
            initialFontSize=9,
        )
        self.addPageTemplates(
            [
                self._template(_COVER, page, self._draw_cover, margin_top=PAGE_MARGIN),
                self._template(PORTRAIT, A4, self._draw_running),
                self._template(LANDSCAPE, landscape(A4), self._draw_running),
            ]
        )

    def _template(
        self,
        name: str,
        size: tuple[float, float],
        on_page: Callable[[Any, Any], None],
        margin_top: float | None = None,
    ) -> PageTemplate:
        top = self.topMargin if margin_top is None else margin_top
        frame = Frame(
            PAGE_MARGIN,
            self.bottomMargin,
            size[0] - 2 * PAGE_MARGIN,
            size[1] - top - self.bottomMargin,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{name}-body",
        )
        return PageTemplate(id=name, frames=[frame], onPage=on_page, pagesize=size)

    # -- passes, progress and cancellation ---------------------------------------------------

    def measure(self, story: Sequence[Flowable]) -> None:
        """Weights for first-pass progress: `_remaining_after[k]` is the work in the last k
        flowables of the story (Platypus consumes the story from the front)."""
        remaining = [0]
        for flowable in reversed(story):
            remaining.append(remaining[-1] + _weight(flowable))
        self._remaining_after = remaining

    def handle_documentBegin(self) -> None:
        self.passes += 1
        self.headings = []
        super().handle_documentBegin()
        self.canv.layout_only = self.total_pages is None

    def handle_pageBegin(self) -> None:
        if self.cancelled():
            raise ReportCancelled()
        super().handle_pageBegin()
        if self.total_pages is not None:
            start, end = _LAYOUT_SHARE[1], 0.98
            self.progress(
                start + (end - start) * self.page / self.total_pages,
                f"Writing page {self.page} of {self.total_pages}",
            )

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        # (Platypus also passes its own short list of pending page actions: not the story)
        if self.total_pages is None and flowables and flowables is not self._hanging:
            total = self._remaining_after[-1]
            behind = self._remaining_after[min(len(flowables) - 1, len(self._remaining_after) - 1)]
            done = total - behind - _weight(flowables[0])
            start, end = _LAYOUT_SHARE
            self.progress(
                start + (end - start) * done / max(total, 1), f"Laying out page {self.page}"
            )
        super().handle_flowable(flowables)

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        """Keep headings with what follows, also when that is a block kept together.

        reportlab groups a heading with the next flowable in a KeepTogether, but never with a
        KeepTogether (it will not nest them), so a heading followed by a requirement or a group
        of controls kept together could end a page alone. Merge the heading into the block.
        """
        count = 0
        while (
            count < len(flowables)
            and flowables[count].getKeepWithNext()
            and _ktAllow(flowables[count])
        ):
            count += 1
        block: Any = flowables[count] if 0 < count < len(flowables) else None
        if block is None or type(block) is not KeepTogether:
            super().handle_keepWithNext(flowables)
            return
        heads = flowables[:count]
        edits = getattr(self, "_multiBuildEdits", None)
        for head in heads:  # as reportlab does: the next pass sees the original value again
            if edits is not None:
                if "keepWithNext" in head.__dict__:
                    edits((setattr, head, "keepWithNext", head.keepWithNext))
                else:
                    edits((delattr, head, "keepWithNext"))
            head.__dict__["keepWithNext"] = 0
        merged = KeepTogether([*heads, *block._content], maxHeight=block._maxHeight)
        del flowables[: count + 1]
        flowables.insert(0, merged)

    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "outline_level", None)
        if level is not None:
            key = flowable.outline_key
            title = flowable.outline_title
            height = getattr(flowable, "height", None) or getattr(flowable, "_height", 0)
            top = self.frame._y + height + 4
            self.canv.bookmarkHorizontalAbsolute(key, top)
            self.canv.addOutlineEntry(title, key, level=level, closed=level >= 1)
            self.headings.append((level, title))
            if getattr(flowable, "in_toc", False):
                self.notify("TOCEntry", (level, markup(title), self.page, key))
        if self.cancelled():
            raise ReportCancelled()

    def _allSatisfied(self) -> bool:
        stable = self.total_pages == self.page
        self.total_pages = self.page
        return bool(super()._allSatisfied()) and stable

    # -- page furniture ---------------------------------------------------------------------

    def _draw_running(self, canv: Any, doc: Any) -> None:
        width, height = canv._pagesize
        info = self.info
        left, right = PAGE_MARGIN, width - PAGE_MARGIN
        canv.saveState()
        y = height - HEADER_GAP
        canv.setFont(BOLD, 7.4)
        canv.setFillColor(NAVY)
        title = one_line(info.title)
        canv.drawString(left, y, title)
        canv.setFont(REGULAR, 7.4)
        canv.setFillColor(MUTED)
        room = right - left - stringWidth(title, BOLD, 7.4) - 24
        canv.drawRightString(right, y, fit(one_line(info.organisation), REGULAR, 7.4, room))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, y - 4.5, right, y - 4.5)

        y = HEADER_GAP
        canv.line(left, y + 9, right, y + 9)
        state = f"Revision {info.revision_text}"
        if info.revision == 0 and info.revision_label:
            state = info.revision_label  # "Not saved yet"
        centre = f"{state} · Fingerprint {info.fingerprint[:12]} · {long_date(info.report_date)}"
        centre_width = stringWidth(centre, REGULAR, 7.2)
        canv.setFont(REGULAR, 7.2)
        canv.setFillColor(MUTED)
        canv.drawCentredString(width / 2, y, centre)
        canv.setFont(BOLD, 7.2)
        canv.setFillColor(NAVY)
        room = (width - centre_width) / 2 - left - 12
        canv.drawString(left, y, fit(one_line(info.confidentiality), BOLD, 7.2, room))
        total = self.total_pages if self.total_pages is not None else "?"
        canv.setFont(BOLD, 7.2)
        canv.setFillColor(INK)
        canv.drawRightString(right, y, f"Page {doc.page} of {total}")
        canv.restoreState()

    def _draw_cover(self, canv: Any, doc: Any) -> None:
        draw_cover(canv, self.info)


def draw_cover(canv: Any, info: ReportInfo) -> None:
    """The cover: what the document is, whose it is, and how to tell it matches a file."""
    s = styles()
    width, height = canv._pagesize
    left = PAGE_MARGIN + 6 * mm
    text_width = width - left - PAGE_MARGIN
    canv.saveState()

    # a navy spine down the left edge and a thin band at the foot: the only ornament
    canv.setFillColor(NAVY)
    canv.rect(0, 0, 9 * mm, height, stroke=0, fill=1)

    kicker = "ISO/IEC 42001:2023 · AI MANAGEMENT SYSTEM"
    canv.setFont(BOLD, 8)
    canv.setFillColor(MUTED)
    canv.drawString(left, height - 26 * mm, kicker)

    room = text_width - stringWidth(kicker, BOLD, 8) - 14 - 24
    marking = fit(one_line(info.confidentiality).upper(), BOLD, 8, room)
    if marking:
        mark_width = stringWidth(marking, BOLD, 8) + 14
        x = width - PAGE_MARGIN - mark_width
        canv.setStrokeColor(NAVY)
        canv.setLineWidth(0.9)
        canv.rect(x, height - 28.2 * mm, mark_width, 16, stroke=1, fill=0)
        canv.setFillColor(NAVY)
        canv.drawString(x + 7, height - 28.2 * mm + 5, marking)

    y = height - (92 if height > width else 56) * mm
    title = Para(
        markup(info.title),
        s.h1.clone("CoverTitle", fontSize=30, leading=35, textColor=NAVY, spaceAfter=0),
    )
    _, h = title.wrapOn(canv, text_width, 200)
    title.drawOn(canv, left, y - h)
    y -= h + 12
    org = Para(
        markup(info.organisation),
        s.body.clone("CoverOrg", fontName=BOLD, fontSize=16, leading=21, textColor=INK),
    )
    _, h = org.wrapOn(canv, text_width, 200)
    org.drawOn(canv, left, y - h)
    y -= h + 14
    canv.setStrokeColor(NAVY)
    canv.setLineWidth(2)
    canv.line(left, y, left + 28 * mm, y)
    y -= 16
    subtitle = Para(markup(info.subtitle), s.lead.clone("CoverSub", textColor=MUTED))
    _, h = subtitle.wrapOn(canv, text_width, 200)
    subtitle.drawOn(canv, left, y - h)
    if info.cover_warning:
        y -= h + 12
        warning = Para(
            f"<b>{markup(info.cover_warning)}</b>",
            s.body.clone("CoverWarning", textColor=RED.strong, fontSize=10, leading=14),
        )
        _, h = warning.wrapOn(canv, text_width, 200)
        warning.drawOn(canv, left, y - h)

    rows = [
        ("Report date", long_date(info.report_date)),
        ("Prepared by", info.prepared_by or "—"),
        ("Confidentiality", info.confidentiality or "Not marked"),
        ("Project revision", info.revision_text),
        ("Content fingerprint (SHA-256)", info.fingerprint),
        *([("History chain head (SHA-256)", info.history_head)] if info.history_head else []),
        ("Prepared with", f"{info.app_name} {info.app_version}"),
    ]
    label_style = s.label
    value_style = s.cell.clone("CoverValue", fontSize=8.6, leading=11.5)
    fingerprint_style = value_style.clone("CoverFingerprint", fontSize=7.7)
    data = [
        [
            Para(markup(label.upper()), label_style),
            Para(
                markup(value),
                fingerprint_style if label.endswith("(SHA-256)") else value_style,
            ),
        ]
        for label, value in rows
    ]
    table = Table(
        data,
        colWidths=[50 * mm, text_width - 50 * mm],
        style=TableStyle(
            [
                *BASE_COMMANDS,
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, NAVY),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        ),
    )
    table.wrapOn(canv, text_width, height)
    note = Para(
        markup(info.cover_note),
        s.muted.clone("CoverNote", fontSize=7.6, leading=10.4, textColor=FAINT),
    )
    _, note_height = note.wrapOn(canv, text_width, 200)
    bottom = 24 * mm
    note.drawOn(canv, left, bottom)
    table.drawOn(canv, left, bottom + note_height + 10)
    canv.restoreState()


def _contents(story: Sequence[Flowable]) -> tuple[list[Flowable], TableOfContents]:
    s = styles()
    toc = TableOfContents(dotsMinLevel=1)
    toc.levelStyles = [s.toc0, s.toc1]
    toc.tableStyle = TableStyle(
        [
            *BASE_COMMANDS,
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    # Seed the contents with every heading (page numbers unknown yet) so the first pass lays
    # out exactly like the last one.
    toc._entries = [
        (f.outline_level, markup(f.outline_title), 0, f.outline_key)
        for f in story
        if getattr(f, "in_toc", False)
    ]
    return [Heading("Contents", 0, "contents", toc=False), toc], toc


def render(
    info: ReportInfo,
    body: Sequence[Flowable],
    output: Path,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    deterministic: bool = False,
) -> RenderResult:
    """Lay out `body` behind a cover and contents and write the PDF to `output` atomically.

    Raises ReportCancelled when `cancelled()` turns true, ReportNotWritten when the file cannot
    be written; in both cases `output` is left as it was.
    """
    register_fonts()
    report_progress = _Progress(progress)
    is_cancelled = cancelled or (lambda: False)
    contents, _toc = _contents(body)
    story: list[Flowable] = [
        Spacer(1, 1),
        NextPageTemplate(info.orientation),
        PageBreak(),
        *contents,
        PageBreak(),
        *body,
    ]
    buffer = io.BytesIO()
    doc = _ReportDocument(
        buffer,
        info,
        progress=report_progress,
        cancelled=is_cancelled,
        deterministic=deterministic,
    )
    doc.measure(story)
    report_progress(_LAYOUT_SHARE[0], "Laying out pages", force=True)
    doc.multiBuild(story, maxPasses=4)
    if is_cancelled():
        raise ReportCancelled()
    report_progress(0.99, "Saving the PDF", force=True)
    write_atomically(output, buffer.getvalue())
    report_progress(1.0, "Done", force=True)
    return RenderResult(path=output, pages=doc.page, headings=doc.headings)


def write_atomically(output: Path, data: bytes) -> None:
    """Write next to the target, flush to disk, then replace: never a half-written PDF."""
    folder = output.parent
    if not folder.is_dir():
        raise ReportNotWritten(
            output, "the folder does not exist", "Choose an existing folder and try again."
        )
    temporary = folder / f".{output.name}.{uuid.uuid4().hex[:8]}.part"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, output)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ReportNotWritten(output, (exc.strerror or str(exc)).lower()) from exc
