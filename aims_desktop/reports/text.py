"""User text into Paragraph markup, safely, and dates the way a reader expects them.

reportlab's Paragraph parses an XML-like markup. Everything a user typed (names, notes,
justifications) and every catalogue sentence goes through `markup()`, so `<b>`, `&lt;` or
`<font color="white">` in a note is printed as typed instead of formatting or hiding text.
"""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from aims_desktop.domain.dates import MONTHS
from aims_desktop.domain.file_names import safe_file_name as domain_safe_file_name
from aims_desktop.reports.fonts import covered_characters

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
MISSING = "\ufffd"


def _clean(text: str) -> str:
    """Drop control characters; replace what the report font cannot draw with U+FFFD.

    Without this, CJK text would print as empty boxes and come back from the PDF as NUL
    characters. Characters beyond U+FFFF (emoji) are replaced even where the font has them:
    reportlab writes a malformed text map for them, so PDF readers could not copy or search them.
    """
    text = _CONTROL_CHARS.sub("", text)
    if text.isascii():
        return text
    covered = covered_characters()
    return "".join(
        c if (ord(c) in covered and ord(c) <= 0xFFFF) or c in "\n\r" else MISSING for c in text
    )


def markup(text: str) -> str:
    """Paragraph markup that prints `text` literally, line breaks included."""
    cleaned = _clean(text.replace("\t", "    "))
    lines = _LINE_BREAKS.split(escape(cleaned, {'"': "&quot;"}))
    return "<br/>".join(lines)


def one_line(text: str) -> str:
    """Plain text for places that take no markup and one line only (outline, metadata)."""
    return " ".join(_clean(text).split())


_MONTHS = MONTHS


def long_date(day: date) -> str:
    """27 November 2026: unambiguous on both sides of the Atlantic.

    Month names come from our own table, not strftime, which follows the process locale (Qt sets
    it from the desktop) and would mix languages into an English report.
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def safe_file_name(text: str) -> str:
    """A file name Windows, macOS and Linux all accept, keeping accented letters (the one rule
    for names that reach the file system lives in the domain)."""
    return domain_safe_file_name(text, fallback="Report")


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis to fit `width` points on one line (headers, charts)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
