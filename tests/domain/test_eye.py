"""The auditor's eye: every check fires when records and answers disagree, and stays quiet
when they agree (one test of each)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from aims_desktop.catalog import load_catalog
from aims_desktop.domain.eye import context, findings
from aims_desktop.domain.eye.context import (
    scope_approval_incomplete,
    scope_not_written,
    scope_placeholder,
)
from aims_desktop.domain.organisation import Organisation
from aims_desktop.domain.readiness import compute_readiness
from aims_desktop.domain.snapshot import ProjectSnapshot

CATALOG = load_catalog()


def snapshot(**organisation: object) -> ProjectSnapshot:
    values = {"name": "Acme", "scope": "All AI systems of Acme at its Leeds office."}
    values.update(organisation)
    return ProjectSnapshot(
        catalog=CATALOG,
        organisation=Organisation(**values),  # type: ignore[arg-type]
        assessments={},
        evidence=(),
        readiness=compute_readiness(CATALOG, {}),
        actions=(),
        not_assessed=(),
        revision=1,
        fingerprint="",
        generated_at=datetime(2026, 11, 29, tzinfo=UTC),
        prepared_by="",
    )


def test_a_consistent_project_has_no_context_findings() -> None:
    good = snapshot(scope_approved_by="Helen Clarke", scope_approved_on=date(2026, 9, 1))
    assert findings(good, context.RULES) == []


def test_placeholder_text_in_the_scope_is_found() -> None:
    found = list(scope_placeholder(snapshot(scope="All of it. [describe any exclusions]")))
    assert [f.rule for f in found] == ["scope-placeholder"]
    assert "[describe any exclusions]" in found[0].message
    assert found[0].target == "organisation" and found[0].subject == "4.3"
    assert not list(scope_placeholder(snapshot(scope="All of it (see the site list).")))


def test_a_missing_scope_is_found() -> None:
    assert [f.rule for f in scope_not_written(snapshot(scope="  "))] == ["scope-missing"]
    assert not list(scope_not_written(snapshot()))


@pytest.mark.parametrize(
    ("who", "when", "fires"),
    [("Helen", None, True), ("", date(2026, 1, 1), True), ("Helen", date(2026, 1, 1), False)],
)
def test_an_approval_needs_who_and_when(who: str, when: date | None, fires: bool) -> None:
    found = list(scope_approval_incomplete(snapshot(scope_approved_by=who, scope_approved_on=when)))
    assert bool(found) is fires


def test_every_finding_names_where_it_is_fixed() -> None:
    messy = snapshot(scope="[describe]  [describe the sites]", scope_approved_by="X")
    for finding in findings(messy):
        assert finding.message and finding.target
    assert dataclasses.is_dataclass(findings(messy)[0])
