"""File > Compare with…: what differs between the open project and another copy of it, or an
earlier revision kept in its history, grouped by requirement and register as "What changed"
lists them (services/changes.py), and printable as a PDF (the "changes" report).

A copy is compared from the history both copies share (store/merge.py): what this copy did
since they parted, and what the other copy did, each added, changed or removed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import cast

from aims_desktop.domain.change_list import ChangeGroup, ChangeList
from aims_desktop.services.changes import _groups, _Reader, session_change_list
from aims_desktop.services.merge import OtherCopy
from aims_desktop.services.session import ProjectSession

THIS_COPY = "only in this copy"
OTHER_COPY = "only in the other copy"


def _tagged(groups: list[ChangeGroup], tag: str) -> list[ChangeGroup]:
    return [replace(g, section=f"{g.section} ({tag})") for g in groups]


def compare_with_copy(session: ProjectSession, other: Path | str) -> ChangeList:
    """What each copy changed since they parted: this copy's changes, then the other's (each
    group's section says which). Another project is refused (NotACopy)."""
    reader = cast(ProjectSession, _Reader(session.db, session.catalog))
    with OtherCopy(session, other) as copy:
        ours = copy.plan.ours_entries
        theirs = copy.plan.theirs_entries
        base = copy.plan.base
    groups = _tagged(_groups(ours, reader, session.catalog), THIS_COPY)
    groups += _tagged(_groups(theirs, reader, session.catalog), OTHER_COPY)
    return ChangeList(
        since_revision=base.number if base is not None else None,
        since_date=None,
        revision=session.revision,
        unsaved=session.has_unsaved_changes(),
        groups=tuple(groups),
        entries=len(ours) + len(theirs),
        compared_with=Path(other).name,
    )


def compare_with_revision(session: ProjectSession, revision: int) -> ChangeList:
    """What changed since the earlier revision `revision` was saved (and is not saved yet)."""
    return session_change_list(session, since_revision=revision)


def write_comparison(session: ProjectSession, listed: ChangeList, output: Path | str) -> Path:
    """The comparison as a PDF (the "What changed" report of this list)."""
    from aims_desktop.services import reports

    taken = reports.snapshot(session, kind="changes")
    return reports.build_report(replace(taken, change_list=listed), "changes", Path(output))
