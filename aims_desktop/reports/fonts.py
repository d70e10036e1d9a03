"""The embedded Unicode font every report is set in.

PDF viewers only have Latin-1 glyphs for the standard fonts, so names such as Łódź, Ελλάδα or
Москва would print as boxes. DejaVu Sans covers Latin, Greek and Cyrillic and is shipped in
resources/fonts with its licence; reportlab embeds the subset of glyphs a report uses.
Not covered: CJK, Indic, Thai and other scripts without glyphs in DejaVu Sans print as U+FFFD;
Hebrew and Arabic letters exist in the font but would need right-to-left layout and (Arabic)
joining, which reportlab does not do.
"""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from aims_desktop.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> str:
    """Register the report fonts once per process; returns the family name for styles."""
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    # No oblique face is shipped: <i> in our own markup falls back to the upright faces.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    # reportlab falls back to Helvetica, which is never embedded, wherever a font is not given
    # (the initial graphics state of charts, a table cell without a style). Only reports use
    # reportlab in this process, so the base fonts are switched for good.
    rl_config.canvas_basefontname = REGULAR
    rl_config.defaultGraphicsFontName = REGULAR
    return REGULAR


@cache
def covered_characters() -> frozenset[int]:
    """Code points both report faces can draw; anything else would print as an empty box and
    come back from the PDF as NUL, so text.py replaces it with a visible U+FFFD."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in (REGULAR, BOLD)]
    return frozenset(set(faces[0]).intersection(*faces[1:]))
