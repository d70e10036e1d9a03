"""Vector charts drawn with reportlab.graphics: sharp at any zoom and on any printer."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from aims_desktop.domain.readiness import Readiness
from aims_desktop.domain.status import Status
from aims_desktop.reports.fonts import BOLD, REGULAR
from aims_desktop.reports.style import FAINT, INK, MUTED, NAVY, RULE, STATUS_TONES
from aims_desktop.reports.text import fit

CHARTED = (Status.MET, Status.PARTIALLY_MET, Status.NOT_MET, Status.NOT_ASSESSED)
"""Excluded controls do not count towards readiness, so they are not part of a bar."""

ROW = 17.0
BAR = 9.5
LABEL_SIZE = 7.8


def readiness_chart(rows: Sequence[Readiness], width: float, *, label_width: float) -> Drawing:
    """One stacked bar per part of the standard: the share of its requirements in each status,
    with the readiness score printed at the end of the bar and a legend in words below."""
    value_width = 34.0
    bar_x = label_width + 6
    bar_width = width - bar_x - value_width
    axis_space = 12.0
    legend_space = 22.0
    height = axis_space + ROW * len(rows) + legend_space
    drawing = Drawing(width, height)

    top = height - axis_space
    for tick in (0, 25, 50, 75, 100):
        x = bar_x + bar_width * tick / 100
        drawing.add(Line(x, legend_space - 2, x, top, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(
            String(
                x,
                top + 3,
                f"{tick}%",
                fontName=REGULAR,
                fontSize=6.4,
                fillColor=FAINT,
                textAnchor="middle",
            )
        )

    for index, row in enumerate(rows):
        y = top - ROW * (index + 1) + (ROW - BAR) / 2
        label = row.title if row.key in ("overall", "A") else f"{row.key}  {row.title}"
        bold = row.key in ("overall", "A")
        font = BOLD if bold else REGULAR
        drawing.add(
            String(
                0,
                y + 2.4,
                fit(label, font, LABEL_SIZE, label_width),
                fontName=font,
                fontSize=LABEL_SIZE,
                fillColor=INK,
            )
        )
        counted = sum(row.counts.get(s, 0) for s in CHARTED)
        x = bar_x
        if counted:
            for status in CHARTED:
                share = row.counts.get(status, 0) / counted
                if share <= 0:
                    continue
                segment = bar_width * share
                drawing.add(
                    Rect(
                        x,
                        y,
                        segment,
                        BAR,
                        fillColor=STATUS_TONES[status].strong
                        if status is not Status.NOT_ASSESSED
                        else RULE,
                        strokeColor=None,
                        strokeWidth=0,
                    )
                )
                x += segment
        else:
            drawing.add(Rect(x, y, bar_width, BAR, fillColor=None, strokeColor=RULE))
        drawing.add(
            String(
                width,
                y + 1.8,
                f"{row.percent}%" if counted else "n/a",
                fontName=BOLD,
                fontSize=8.6,
                fillColor=NAVY,
                textAnchor="end",
            )
        )

    x = bar_x
    for status in CHARTED:
        colour = STATUS_TONES[status].strong if status is not Status.NOT_ASSESSED else RULE
        drawing.add(Rect(x, 4, 7, 7, fillColor=colour, strokeColor=None, strokeWidth=0))
        drawing.add(String(x + 10, 5, status.label, fontName=REGULAR, fontSize=7, fillColor=MUTED))
        x += 10 + stringWidth(status.label, REGULAR, 7) + 14
    return drawing
