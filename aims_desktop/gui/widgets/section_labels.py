"""Words the shell shows for domain values, through Qt's translation function.

The domain keeps its English labels for reports and the CLI; the GUI says the same things through
QCoreApplication.translate so that a translation file can change them without touching code.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def percent_label(percent: int) -> str:
    """ "75%" in English; a translation can say "75 %" (French) or "%75" (Turkish)."""
    return _tr("%1%").replace("%1", str(percent))


def section_titles() -> dict[str, str]:
    """The navigation entries, in order, by their navigation key."""
    return {
        "dashboard": _tr("Dashboard"),
        "organisation": _tr("Organisation and scope"),
        "4": _tr("Context"),
        "5": _tr("Leadership"),
        "6": _tr("Planning"),
        "7": _tr("Support"),
        "8": _tr("Operation"),
        "9": _tr("Performance evaluation"),
        "10": _tr("Improvement"),
        "A": _tr("Annex A controls"),
        "registers": _tr("Registers"),
        "certification": _tr("Certification"),
        "reports": _tr("Reports"),
    }


CLAUSE_KEYS = ("4", "5", "6", "7", "8", "9", "10")
SECTION_KEYS = (
    "dashboard",
    "organisation",
    *CLAUSE_KEYS,
    "A",
    "registers",
    "certification",
    "reports",
)
ASSESSED_KEYS = (*CLAUSE_KEYS, "A")
"""Sections with a readiness figure."""


def section_of(target: str) -> str | None:
    """The navigation section a target belongs to: "6.1.2" -> "6", "A.6.2.4" -> "A",
    "register:ai_system:ID" -> "registers"."""
    target = target.strip()
    if target in SECTION_KEYS:
        return target
    if target.startswith("register:"):
        return "registers"
    if target.startswith("A.") or target == "A":
        return "A"
    head = target.split(".")[0]
    if head in CLAUSE_KEYS:
        return head
    return None
