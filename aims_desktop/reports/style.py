"""The house look of every report: one typeface, a restrained palette, a few named styles.

Kept in one place so that the gap analysis, the Statement of Applicability and later reports
read as one set of documents from one consultancy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from aims_desktop.domain.status import Answer, Status
from aims_desktop.reports.fonts import BOLD, REGULAR, register_fonts

INK = HexColor("#1E2A36")
MUTED = HexColor("#5F6B78")
FAINT = HexColor("#8A96A3")
NAVY = HexColor("#1F3A5F")
RULE = HexColor("#D3D9E0")
TINT = HexColor("#F3F5F8")
HEADER_FILL = HexColor("#E8EDF3")
WHITE = HexColor("#FFFFFF")


@dataclass(frozen=True)
class Tone:
    """A status colour: strong for the word and the bar, pale for the badge behind the word."""

    strong: Color
    pale: Color


GREEN = Tone(HexColor("#2E7D4F"), HexColor("#E2F1E7"))
AMBER = Tone(HexColor("#A86A12"), HexColor("#FBEFD9"))
RED = Tone(HexColor("#B23A30"), HexColor("#F8E2DF"))
GREY = Tone(HexColor("#6E7A87"), HexColor("#ECEFF2"))
SLATE = Tone(HexColor("#46596E"), HexColor("#E3E8EE"))

STATUS_TONES = {
    Status.MET: GREEN,
    Status.PARTIALLY_MET: AMBER,
    Status.NOT_MET: RED,
    Status.NOT_ASSESSED: GREY,
    Status.NOT_APPLICABLE: SLATE,
}

ANSWER_TONES = {
    Answer.YES: GREEN,
    Answer.PARTLY: AMBER,
    Answer.NO: RED,
    Answer.NOT_SURE: GREY,
}

STATUS_ORDER = (
    Status.MET,
    Status.PARTIALLY_MET,
    Status.NOT_MET,
    Status.NOT_ASSESSED,
    Status.NOT_APPLICABLE,
)
"""The order statuses are counted and charted in: best first, then what is left to do."""

PAGE_MARGIN = 20 * mm
HEADER_GAP = 11 * mm
"""Distance of the running header and footer from the page edge."""


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    label: ParagraphStyle
    toc0: ParagraphStyle
    toc1: ParagraphStyle
    kpi_value: ParagraphStyle
    kpi_label: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": REGULAR,
            "fontSize": 9.2,
            "leading": 13.4,
            "textColor": INK,
            "alignment": TA_LEFT,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        body=style("Body", spaceAfter=6),
        lead=style("Lead", fontSize=10.2, leading=15, spaceAfter=8),
        small=style("Small", fontSize=8, leading=11, spaceAfter=4),
        muted=style("Muted", fontSize=8.4, leading=11.8, textColor=MUTED, spaceAfter=4),
        h1=style(
            "Heading1",
            fontName=BOLD,
            fontSize=17,
            leading=21,
            textColor=NAVY,
            spaceBefore=0,
            spaceAfter=10,
            keepWithNext=1,
        ),
        h2=style(
            "Heading2",
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            textColor=NAVY,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h3=style(
            "Heading3",
            fontName=BOLD,
            fontSize=10,
            leading=13,
            textColor=INK,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        cell=style("Cell", fontSize=8.2, leading=10.8),
        cell_bold=style("CellBold", fontName=BOLD, fontSize=8.2, leading=10.8),
        cell_muted=style("CellMuted", fontSize=7.6, leading=10, textColor=MUTED),
        cell_head=style("CellHead", fontName=BOLD, fontSize=7.6, leading=10, textColor=NAVY),
        cell_right=style("CellRight", fontSize=8.2, leading=10.8, alignment=TA_RIGHT),
        label=style("Label", fontName=BOLD, fontSize=7.6, leading=10.8, textColor=MUTED),
        toc0=style("TOC0", fontName=BOLD, fontSize=10, leading=14, textColor=NAVY, spaceBefore=7),
        toc1=style("TOC1", fontSize=9, leading=12.5, leftIndent=14, spaceBefore=1.5),
        kpi_value=style("KpiValue", fontName=BOLD, fontSize=20, leading=23, textColor=NAVY),
        kpi_label=style("KpiLabel", fontSize=7.8, leading=10, textColor=MUTED),
    )
