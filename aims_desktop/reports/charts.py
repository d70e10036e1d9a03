"""Vector charts drawn with reportlab.graphics: sharp at any zoom and on any printer."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from aims_desktop.domain.heat_map import HeatMap
from aims_desktop.domain.readiness import Readiness
from aims_desktop.domain.status import Status
from aims_desktop.reports.fonts import BOLD, REGULAR
from aims_desktop.reports.style import FAINT, INK, MUTED, NAVY, RULE, STATUS_TONES
from aims_desktop.reports.text import fit, one_line

CHARTED = (Status.MET, Status.PARTIALLY_MET, Status.NOT_MET, Status.NOT_ASSESSED)
"""Excluded controls do not count towards readiness, so they are not part of a bar."""

WHITE_LINE = HexColor("#FFFFFF")

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


# -- risk heat maps ----------------------------------------------------------------------------

_LEVEL_PALETTE = {
    3: ("#DCEFE2", "#FBE7C2", "#F4C7C1"),
    4: ("#DCEFE2", "#FBE7C2", "#F4C7C1", "#E39A92"),
    5: ("#DCEFE2", "#EEF3C8", "#FBE7C2", "#F4C7C1", "#E39A92"),
}
"""Cell fills by risk level, lowest first: pale enough for black text, and never the only
carrier of meaning (every cell prints its count and its level's name)."""


def level_fill(level: int, levels: int) -> Color:
    palette = _LEVEL_PALETTE.get(levels, _LEVEL_PALETTE[5])
    return HexColor(palette[max(0, min(level, len(palette)) - 1)])


def heat_map_chart(hm: HeatMap, width: float) -> Drawing:
    """A likelihood x consequence grid (most likely at the top, most severe at the right):
    each cell shows how many risks sit in it, large, and its risk level in words; a bold frame
    marks the cells above the acceptance level."""
    criteria = hm.criteria
    rows, columns = len(criteria.likelihood), len(criteria.consequence)
    label_width = min(30 * mm, width * 0.3)
    title_space = 16.0
    axis_space = 30.0
    cell_w = (width - label_width) / columns
    cell_h = min(cell_w * 0.72, 40.0)
    grid_h = cell_h * rows
    height = title_space + grid_h + axis_space
    drawing = Drawing(width, height)
    top = height - title_space
    drawing.add(String(0, top + 4, hm.title, fontName=BOLD, fontSize=9, fillColor=NAVY))
    for li in range(1, rows + 1):
        y = top - cell_h * (rows - li + 1)
        label = one_line(f"{li} {criteria.likelihood[li - 1].label}")
        drawing.add(
            String(
                label_width - 4,
                y + cell_h / 2 - 2.5,
                fit(label, REGULAR, 7, label_width - 6),
                fontName=REGULAR,
                fontSize=7,
                fillColor=INK,
                textAnchor="end",
            )
        )
        for ci in range(1, columns + 1):
            x = label_width + cell_w * (ci - 1)
            level = hm.level(li, ci)
            above = not hm.acceptable(li, ci)
            drawing.add(
                Rect(
                    x,
                    y,
                    cell_w,
                    cell_h,
                    fillColor=level_fill(level, len(criteria.levels)),
                    strokeColor=WHITE_LINE,
                    strokeWidth=1.2,
                )
            )
            count = hm.count(li, ci)
            drawing.add(
                String(
                    x + cell_w / 2,
                    y + cell_h / 2 - 1,
                    str(count) if count else "\u2013",
                    fontName=BOLD,
                    fontSize=11 if count else 8,
                    fillColor=INK if count else MUTED,
                    textAnchor="middle",
                )
            )
            drawing.add(
                String(
                    x + cell_w / 2,
                    y + 3,
                    fit(one_line(criteria.level_label(level)), REGULAR, 5.6, cell_w - 3),
                    fontName=REGULAR,
                    fontSize=5.6,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
            if above and count:
                drawing.add(
                    Rect(
                        x + 1.5,
                        y + 1.5,
                        cell_w - 3,
                        cell_h - 3,
                        fillColor=None,
                        strokeColor=INK,
                        strokeWidth=0.9,
                    )
                )
    base = top - grid_h
    for ci in range(1, columns + 1):
        x = label_width + cell_w * (ci - 0.5)
        drawing.add(
            String(
                x, base - 9, str(ci), fontName=BOLD, fontSize=7, fillColor=INK, textAnchor="middle"
            )
        )
        drawing.add(
            String(
                x,
                base - 17,
                fit(one_line(criteria.consequence[ci - 1].label), REGULAR, 6.4, cell_w - 2),
                fontName=REGULAR,
                fontSize=6.4,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    drawing.add(
        String(
            label_width + (width - label_width) / 2,
            base - 27,
            "Consequence →",
            fontName=BOLD,
            fontSize=7,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    drawing.add(String(0, base - 27, "↑ Likelihood", fontName=BOLD, fontSize=7, fillColor=MUTED))
    return drawing


def _tick_text(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):d}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def nice_scale(low: float, high: float, intervals: int = 4) -> tuple[float, float, float]:
    """An axis from below `low` to above `high` in round steps (1, 2, 2.5 or 5 times a power
    of ten), about `intervals` of them; an axis of values that are all positive starts at zero
    when zero is near."""
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    if low > 0 and low < (high - low) * 0.6:
        low = 0.0
    raw = (high - low) / intervals
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if end - high < step * 0.15:  # room above the highest point for its value
        end += step
    return start, end, step


def trend_chart(
    points: Sequence[tuple[str, float, str]],
    width: float,
    *,
    target: float | None = None,
    unit: str = "",
    height: float = 118.0,
) -> Drawing:
    """Results over time as a line with every value printed at its point (so the chart reads
    without colour), the target as a dashed line labelled with its value, and each result's
    period under the axis. `points`: (period label, value, value as typed), oldest first."""
    label_size = 6.6
    left, right, bottom, top = 30.0, 12.0, 26.0, 14.0
    drawing = Drawing(width, height)
    plot_w = width - left - right
    plot_h = height - bottom - top
    values = [v for _l, v, _t in points]
    if target is not None:
        values.append(target)
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    low, high, step = nice_scale(low, high)

    def y_of(value: float) -> float:
        return bottom + plot_h * (value - low) / (high - low)

    value = low
    while value <= high + step / 1000:
        y = y_of(value)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(
            String(left - 4, y - 2.2, _tick_text(value), fontName=REGULAR, fontSize=6.2,
                   fillColor=FAINT, textAnchor="end")
        )  # fmt: skip
        value += step
    if target is not None:
        y = y_of(target)
        drawing.add(
            Line(left, y, left + plot_w, y, strokeColor=MUTED, strokeWidth=0.8,
                 strokeDashArray=[3, 2])
        )  # fmt: skip
        drawing.add(
            String(left + plot_w, y + 2.5, f"Target {_tick_text(target)}{unit}", fontName=BOLD,
                   fontSize=6.4, fillColor=MUTED, textAnchor="end")
        )  # fmt: skip
    if not points:
        drawing.add(
            String(left + plot_w / 2, bottom + plot_h / 2, "No results yet", fontName=REGULAR,
                   fontSize=8, fillColor=FAINT, textAnchor="middle")
        )  # fmt: skip
        return drawing
    n = len(points)
    inset = 14.0  # the first and last values clear the axis labels and the edge
    step_x = (plot_w - 2 * inset) / max(n - 1, 1)
    xs = [left + inset + (step_x * i if n > 1 else plot_w / 2 - inset) for i in range(n)]
    ys = [y_of(v) for _l, v, _t in points]
    for i in range(n - 1):
        drawing.add(Line(xs[i], ys[i], xs[i + 1], ys[i + 1], strokeColor=NAVY, strokeWidth=1.3))
    every = max(1, -(-n // max(1, int(plot_w // 46))))  # labels that fit under the axis
    labelled = set(range(n - 1, -1, -every))  # the latest result always has its label
    for i, (label, _value, text) in enumerate(points):
        drawing.add(Rect(xs[i] - 2, ys[i] - 2, 4, 4, fillColor=NAVY, strokeColor=None))
        drawing.add(
            String(xs[i], ys[i] + 4.5, fit(text + unit, BOLD, label_size, 60), fontName=BOLD,
                   fontSize=label_size, fillColor=INK, textAnchor="middle")
        )  # fmt: skip
        if i in labelled:
            drawing.add(
                String(xs[i], bottom - 11, fit(label, REGULAR, 6.2, step_x * every - 4 or 60),
                       fontName=REGULAR, fontSize=6.2, fillColor=MUTED, textAnchor="middle")
            )  # fmt: skip
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=FAINT, strokeWidth=0.6))
    return drawing
