"""Review comments: what an auditor or a colleague writes about a clause, control or record.

A comment is a record of the review comment register, signed with the reviewer's name (the
session's user, from Preferences) and tied to a navigation target ("6.1.2", "A.6.2.4",
"register:ai_system:<id>"). It never touches the assessment or the record it is about: the
manager's answers stay exactly as they were, and the manager replies in the comment's response.
"""

from __future__ import annotations

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.certification import (
    CommentKind,
    CommentStatus,
    ReviewComment,
)
from aims_desktop.domain.registers.keys import REVIEW_COMMENT
from aims_desktop.services import registers
from aims_desktop.services.session import ProjectSession

ORGANISATION = "organisation"


def target_label(session: ProjectSession, target: str) -> str:
    """What a comment on `target` is about, as a person names it."""
    if target == ORGANISATION:
        return "Organisation and scope"
    if target.startswith("register:"):
        parts = target.split(":")
        spec = REGISTERS.get(parts[1]) if len(parts) > 1 else None
        if spec is None:
            raise RuleViolation("A comment can only be made on something in this project.")
        if len(parts) > 2 and parts[2]:
            return f"{spec.title} {registers.label(session, spec.key, parts[2])}"
        return spec.plural
    catalog = session.catalog
    if catalog.has_item(target):
        return f"{target} {catalog.title_in_context(target)}"
    raise RuleViolation("A comment can only be made on a clause, a control or a record.")


def add_comment(
    session: ProjectSession,
    target: str,
    text: str,
    kind: CommentKind = CommentKind.COMMENT,
) -> ChangeSet:
    """A new comment on `target`, signed by the session's user and dated today."""
    if not text.strip():
        raise RuleViolation("Write the comment first.")
    if target.startswith(f"register:{REVIEW_COMMENT}"):
        raise RuleViolation("Answer a review comment in its response, not with another comment.")
    values = {
        "about": target_label(session, target)[:500],
        "target": target,
        "kind": kind,
        "comment": text.strip(),
        "reviewer": session.user,
        "made_on": session.today(),
        "status": CommentStatus.OPEN,
    }
    change = registers.add(session, REVIEW_COMMENT, values)
    return ChangeSet(f"Add a review comment on {values['about']}", change.changes)


def comments(session: ProjectSession, target: str | None = None) -> list[ReviewComment]:
    """Every comment (or those on one target), in the order they were written."""
    found = registers.records(session, REVIEW_COMMENT)
    return [
        c for c in found if isinstance(c, ReviewComment) and (target is None or c.target == target)
    ]


def open_count(session: ProjectSession) -> int:
    return sum(1 for c in comments(session) if c.status is not CommentStatus.CLOSED)
