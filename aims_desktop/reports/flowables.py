"""The building blocks reports are made of: headings that feed the outline, status badges,
key-figure tiles and the house table.

Status is always shown as a word on a tinted badge, never as colour alone, so a report printed
in black and white or read by someone with colour-blindness loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from aims_desktop.domain.status import Answer, Status
from aims_desktop.reports.fonts import BOLD, REGULAR
from aims_desktop.reports.style import (
    ANSWER_TONES,
    HEADER_FILL,
    NAVY,
    RULE,
    STATUS_TONES,
    TINT,
    WHITE,
    Tone,
    styles,
)
from aims_desktop.reports.text import markup, one_line

BASE_COMMANDS: tuple[tuple[Any, ...], ...] = (
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
)
"""Every table starts from these, so no cell ever falls back to a non-embedded font."""


def layout_only(canv: Any) -> bool:
    """True during the first pass, which only measures: nothing it draws is ever saved."""
    return bool(getattr(canv, "layout_only", False))


class HouseTable(Table):  # type: ignore[misc]
    """reportlab's Table, minus the drawing in the measuring pass, with the parts of a split
    remembered between passes.

    Built with reportlab's `longTableOptimize`: the row heights measured for one page are handed
    to the part left over, so a long table is not measured again on every page. Together with
    the remembered parts this makes a 5,000-row register print in about the time reportlab
    alone needs to draw the same rows once.
    """

    def draw(self) -> None:
        if not layout_only(self.canv):
            super().draw()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Rows move to the next page whole; only a row taller than a whole page (a very long
        note) is split inside itself, which reportlab would otherwise refuse to lay out.

        The parts are remembered: the second pass lays the document out exactly as the first
        did, so the same table is split at the same place again, and building the parts of a
        long table once is half the work of printing it."""
        remembered = self.__dict__.get("_split_parts")
        if remembered is not None and remembered[0] == (availWidth, availHeight):
            return list(remembered[1])
        parts = self._split(availWidth, availHeight)
        self._split_parts = ((availWidth, availHeight), tuple(parts))
        return parts

    def _split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if not parts and frame is not None and frame._atTop:
            self.splitInRow = 1
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitInRow = 0
        for part in parts:
            part.splitInRow = 0
        return parts


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that remembers its line breaks for the width it was last wrapped to.

    Tables wrap every cell again each time they are split across a page and again to draw it;
    the lines only depend on the width, so breaking them once per width is enough. This
    halves the time of a long action plan.
    """

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_for:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth if size[0] == availWidth else None
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._wrapped_for = None
        return super().split(availWidth, availHeight)  # type: ignore[no-any-return]

    def draw(self) -> None:
        if not layout_only(self.canv):
            super().draw()


class Heading(Para):
    """A heading the document turns into a bookmark, an outline entry and (levels 0 and 1) a
    table-of-contents line. `key` must be unique in the report."""

    def __init__(
        self, title: str, level: int, key: str, *, toc: bool = True, keep_with_next: bool = True
    ) -> None:
        style = {0: styles().h1, 1: styles().h2}.get(level, styles().h3)
        super().__init__(markup(title), style)
        if not keep_with_next:
            # Before a table longer than a page: keeping them together would push the heading
            # and the whole table to a new page. Put a CondPageBreak before the heading instead.
            self.keepWithNext = 0
        self.outline_title = one_line(title)
        self.outline_level = level
        self.outline_key = key
        self.in_toc = toc and level <= 1


class ItemHeading(HouseTable):
    """A requirement's number and title with its status badge at the right margin; an outline
    entry like Heading, but never in the table of contents (there are seventy of them)."""

    def __init__(
        self,
        number: str,
        title: str,
        status: Status,
        level: int,
        key: str,
        width: float,
    ) -> None:
        badge = StatusBadge(status)
        text = Para(f"{markup(number)}&#160;&#160;&#160;{markup(title)}", styles().h3)
        super().__init__(
            [[text, badge]],
            colWidths=[width - 32 * mm, 32 * mm],
            style=TableStyle(
                [
                    *BASE_COMMANDS,
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (1, 0), (1, 0), 1),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                ]
            ),
            spaceBefore=12,
            spaceAfter=5,
        )
        self.keepWithNext = 1
        self.outline_title = one_line(f"{number} {title}")
        self.outline_level = level
        self.outline_key = key
        self.in_toc = False


class Badge(Flowable):  # type: ignore[misc]
    """A word on a rounded, tinted background: the status in colour and in words."""

    FONT_SIZE = 6.9
    PAD_X = 4.2
    HEIGHT = 11.0

    def __init__(self, text: str, tone: Tone, *, align: str = "LEFT") -> None:
        super().__init__()
        self.text = text.upper()
        self.tone = tone
        self.hAlign = align
        self.width = stringWidth(self.text, BOLD, self.FONT_SIZE) + 2 * self.PAD_X
        self.height = self.HEIGHT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if layout_only(canv):
            return
        canv.saveState()
        canv.setFillColor(self.tone.pale)
        canv.setStrokeColor(self.tone.pale)
        canv.roundRect(0, 0, self.width, self.height, 2.4, stroke=0, fill=1)
        canv.setFillColor(self.tone.strong)
        canv.rect(0, 0, 1.6, self.height, stroke=0, fill=1)
        canv.setFont(BOLD, self.FONT_SIZE)
        canv.drawString(self.PAD_X + 0.6, 3.3, self.text)
        canv.restoreState()


class TextLines(Flowable):  # type: ignore[misc]
    """A few short lines of plain text (a date, "OVERDUE BY 12 DAYS") drawn without markup.

    A Paragraph parses markup and breaks lines every time a table is split or drawn; in a
    2,000-row action plan that is most of the build time. Text that cannot wrap needs none of it.
    """

    def __init__(self, lines: Sequence[tuple[str, str, float, Color]], leading: float) -> None:
        super().__init__()
        self.lines = [(one_line(text), font, size, colour) for text, font, size, colour in lines]
        self.leading = leading
        self.width = max((stringWidth(t, f, z) for t, f, z, _ in self.lines), default=0.0)
        self.height = leading * len(self.lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        # first baseline one font size below the top, where a Paragraph with inline markup and
        # a plain table cell put theirs, so the cells of a row line up
        canv = self.canv
        if layout_only(canv):
            return
        first = self.height - self.lines[0][2] if self.lines else 0.0
        for index, (text, font, size, colour) in enumerate(self.lines):
            y = first - index * self.leading
            canv.setFont(font, size)
            canv.setFillColor(colour)
            canv.drawString(0, y, text)


def short_text(text: str, style: Any, width: float) -> Flowable:
    """Text that usually fits on one line (a name, a date): drawn directly when it does,
    wrapped as a Paragraph when it does not."""
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width:
        return TextLines([(text, style.fontName, style.fontSize, style.textColor)], style.leading)
    return Para(markup(text), style)


def StatusBadge(status: Status, *, align: str = "LEFT") -> Badge:
    return Badge(status.label, STATUS_TONES[status], align=align)


def AnswerWord(answer: Answer | None) -> Paragraph:
    """An answer in its colour and in words; an unanswered question says so."""
    if answer is None:
        return Para("Not answered", styles().cell_muted)
    tone = ANSWER_TONES[answer]
    return Para(f'<font color="{tone.strong.hexval()}"><b>{answer.label}</b></font>', styles().cell)


def cell(text: str, style: Any = None) -> Paragraph:
    """User or catalogue text in a table cell, printed literally."""
    return Para(markup(text), style or styles().cell)


def house_table(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    extra: Sequence[tuple[Any, ...]] = (),
    zebra: bool = False,
    numeric: Sequence[int] = (),
) -> Table:
    """The one table style of every report: a tinted header row repeated on each page,
    hairlines between rows, no vertical rules, generous padding. Headers of `numeric` columns
    are right-aligned, like their figures."""
    data: list[Sequence[Any]] = []
    commands: list[tuple[Any, ...]] = [
        *BASE_COMMANDS,
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header is not None:
        head = styles().cell_head
        head_right = head.clone("CellHeadRight", alignment=TA_RIGHT)
        data.append(
            [Para(markup(h), head_right if n in numeric else head) for n, h in enumerate(header)]
        )
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
            ("TOPPADDING", (0, 0), (-1, 0), 4.5),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4.5),
        ]
    data.extend(rows)
    if zebra and len(data) > 1:
        first = 1 if header is not None else 0
        commands.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [WHITE, TINT]))
    commands.extend(extra)
    return HouseTable(
        data,
        colWidths=list(widths),
        repeatRows=1 if header is not None else 0,
        style=TableStyle(commands),
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=10,
        longTableOptimize=1,
    )


def key_figures(figures: Sequence[tuple[str, str, Color | None]], width: float) -> Table:
    """A row of tiles with one big number each: what a reader takes away in five seconds."""
    s = styles()
    gap = 6.0
    n = len(figures)
    tile = (width - gap * (n - 1)) / n
    row: list[Any] = []
    widths: list[float] = []
    commands: list[tuple[Any, ...]] = [
        *BASE_COMMANDS,
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]
    for index, (value, label, accent) in enumerate(figures):
        column = index * 2
        value_style = s.kpi_value
        if accent is not None:
            value_style = s.kpi_value.clone("KpiAccent", textColor=accent)
        row.append([Para(markup(value), value_style), Para(markup(label), s.kpi_label)])
        widths.append(tile)
        commands += [
            ("BACKGROUND", (column, 0), (column, 0), TINT),
            ("LINEABOVE", (column, 0), (column, 0), 2, accent or NAVY),
        ]
        if index < n - 1:
            row.append("")
            widths.append(gap)
            commands.append(("LEFTPADDING", (column + 1, 0), (column + 1, 0), 0))
    return HouseTable([row], colWidths=widths, style=TableStyle(commands), hAlign="LEFT")
