"""One thing an auditor would challenge, and where the user goes to put it right."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    rule: str
    """Stable id of the check ("scope-placeholder"): tests and filters use it, users never."""
    message: str
    """What is wrong and why an auditor minds, in the user's words (plain text)."""
    target: str
    """Where it is fixed, as a navigation target: "organisation", "6.1.2", "A.7.3",
    "register:ai_system", "register:ai_system:<record id>"."""
    subject: str = ""
    """The clause, control or record concerned, as a person names it ("4.3", "AI-002")."""
