"""Checks on the context of the organisation (clause 4)."""

from __future__ import annotations

from collections.abc import Iterator

from aims_desktop.domain.eye.finding import Finding
from aims_desktop.domain.organisation import placeholders
from aims_desktop.domain.snapshot import ProjectSnapshot


def scope_placeholder(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    """Text in square brackets left from the first draft of the scope statement."""
    found = placeholders(snapshot.organisation.scope)
    if found:
        yield Finding(
            "scope-placeholder",
            "The scope statement still holds text from the draft for you to replace ("
            + "; ".join(found)
            + "). Reports print the scope as it is, and the scope is the first thing an "
            "auditor reads.",
            "organisation",
            "4.3",
        )


def scope_not_written(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    if not snapshot.organisation.scope.strip():
        yield Finding(
            "scope-missing",
            "The scope statement (clause 4.3) has not been written yet: an auditor cannot "
            "tell what the AI management system covers.",
            "organisation",
            "4.3",
        )


def scope_approval_incomplete(snapshot: ProjectSnapshot) -> Iterator[Finding]:
    org = snapshot.organisation
    if bool(org.scope_approved_by.strip()) != bool(org.scope_approved_on):
        yield Finding(
            "scope-approval-incomplete",
            "The scope statement's approval says who approved it or when, but not both: "
            "record both so the approval can be shown.",
            "organisation",
            "4.3",
        )


RULES = (scope_not_written, scope_placeholder, scope_approval_incomplete)
