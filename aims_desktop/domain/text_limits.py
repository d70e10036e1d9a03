"""How much text one field may hold, and the message when an edit would exceed it.

A limit keeps the project file small enough to email and every screen and report responsive:
a pasted 50 MB log would otherwise freeze the window and the gap report. Long documents belong
in the document register, which is what the message says.
"""

from __future__ import annotations

from aims_desktop.domain.errors import RuleViolation

MAX_TEXT_LENGTH = 1_000_000
"""Characters in one text field (notes, justification, scope, ...): about 1 MB, some 300 pages."""


def check_text_length(label: str, text: str, limit: int = MAX_TEXT_LENGTH) -> None:
    """Raise RuleViolation if `text` is longer than `limit` characters; `label` names the field
    as the user knows it ("the notes of 4.1")."""
    if len(text) > limit:
        raise RuleViolation(
            f"The text for {label} is {len(text):,} characters long; one field can hold at most "
            f"{limit:,} characters (about {limit // 1_000_000 or 1} MB). Shorten it, or keep a "
            "long document as a file in the document register and summarise it here."
        )
