"""The AI risk register and the AI system inventory as PDFs, read back as an auditor's tools
would: heat maps with numbers and words in every cell, the criteria, the register, the
treatment plan with who accepted the residual risk, and the inventory."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from aims_desktop.domain.risk_criteria import DEFAULT_CRITERIA, resized
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.services import reports
from tests.reports.conftest import Pdf, normalise, read_pdf

N = "\u2013"
"""What an empty heat-map cell prints (an en dash)."""
X = "\u00d7"
"""The multiplication sign of "High (4 x 3)"."""


@pytest.fixture(scope="module")
def risks_pdf(demo_snapshot: ProjectSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    folder = tmp_path_factory.mktemp("risks")
    return read_pdf(reports.build_report(demo_snapshot, "risks", folder / "r.pdf"))


def _section(pdf: Pdf, start: str, end: str | None = None) -> str:
    text = normalise(" ".join(pdf.pages[2:]))
    first = text.index(start)
    return text[first : text.index(end, first) if end else len(text)]


def test_the_report_is_landscape_with_its_sections_in_the_outline(risks_pdf: Pdf) -> None:
    box = risks_pdf.reader.pages[2].mediabox
    assert box.width > box.height
    top = [title for level, title, _page in risks_pdf.outline() if level == 0]
    assert top == [
        "Contents",
        "About this register",
        "Heat maps",
        "Risk criteria",
        "The register",
        "Consequences",
        "Treatment plan",
    ]
    assert risks_pdf.reader.metadata.title == "AI risk register — Kestrel Freight Solutions Ltd"


def test_both_heat_maps_print_a_count_and_a_level_word_in_every_cell(risks_pdf: Pdf) -> None:
    maps = _section(risks_pdf, "Heat maps", "Risk criteria")
    inherent = maps[maps.index("Inherent risk (before treatment)") :]
    inherent = inherent[: inherent.index("Residual risk")]
    # each row: its likelihood, then every cell's count (a dash for none) and level in words
    assert f"2 Unlikely {N} Low 1 Low 4 Medium 5 Medium 1 High" in inherent
    assert f"5 Almost certain {N} Medium {N} High 1 High 1 Very high {N} Very high" in inherent
    assert "1 Negligible 2 Minor 3 Moderate 4 Major 5 Severe" in inherent
    residual = maps[maps.index("Residual risk (after treatment)") :]
    assert f"1 Rare {N} Low {N} Low 3 Low 2 Low {N} Medium" in residual
    assert f"2 Unlikely {N} Low 3 Low {N} Medium" in residual
    assert "Not shown: 12 risks not rated for the residual map." in maps
    figures = _section(risks_pdf, "About this register", "Heat maps")
    assert "20 risks that apply (not closed)" in figures
    assert "1 of those with no treatment yet" in figures
    assert "7 with residual risk accepted by a named person" in figures


def test_the_criteria_are_printed_with_the_acceptance_level(risks_pdf: Pdf) -> None:
    criteria = _section(risks_pdf, "Risk criteria", "The register")
    assert "risks at or below Low are accepted without treatment" in criteria
    assert "5 Almost certain Happens often; several times a year." in criteria
    assert "1 Low Accepted; looked at again at the next review. Accepted without treatment" in (
        criteria
    )
    assert "4 Very high Not accepted" in criteria


def test_the_register_and_the_treatment_plan_read_row_by_row(risks_pdf: Pdf) -> None:
    register = _section(risks_pdf, "The register", "Consequences")
    assert "21 risks, by reference." in register
    assert "R-017 Staff paste customer or driver data into public AI assistants" in register
    assert f"Very high (5 {X} 4) Amira Haddad (HR) Open" in register
    consequences = _section(risks_pdf, "Consequences", "Treatment plan")
    assert "R-007 Fatigue incidents, grievances, drivers leaving. Drivers overworked" in (
        consequences
    )
    plan = _section(risks_pdf, "Treatment plan")
    row = plan[plan.index("R-007 Modify") :]
    assert row.startswith(
        "R-007 Modify (reduce it with controls) A.5.4, A.6.2.6, OC-002 Monthly check of "
        "drivers' hours against planned routes Hours cap per driver"
    )
    assert re.search(
        rf"drivers can flag a route\. Daniel Reyes \d+ \w+ 2026 Low \(2 {X} 2\) "
        r"Not accepted yet R-008",
        row,
    )
    assert re.search(rf"Low \(1 {X} 3\) Tom Okafor \(Managing Director\), \d+ \w+ 2026 R-009", plan)
    assert "R-005 Not chosen — — — no date Not rated —" in plan


def test_the_report_follows_the_projects_own_criteria(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    three = resized(DEFAULT_CRITERIA, 3, 3, 3)
    snapshot = dataclasses.replace(demo_snapshot, risk_criteria=three, registers={})
    pdf = read_pdf(reports.build_report(snapshot, "risks", tmp_path / "r.pdf"))
    text = normalise(" ".join(pdf.pages[2:]))
    assert "No risks have been recorded yet." in text
    assert "3 Possible Might well happen" in text and "4 Likely" not in text
    assert "Heat maps" not in text


def test_the_ai_system_inventory(demo_snapshot: ProjectSnapshot, tmp_path: Path) -> None:
    pdf = read_pdf(reports.build_report(demo_snapshot, "ai-systems", tmp_path / "i.pdf"))
    text = normalise(" ".join(pdf.pages[2:]))
    assert "4 AI systems recorded 4 inside the scope of the AIMS 3 use personal data" in text
    assert "0 in scope with no risk assessed" in text
    inventory = text[text.index("The inventory") : text.index("EU AI Act categories")]
    assert "AI-004 Kestrel Assist" in inventory and "Producer, Provider" in inventory
    assert "8 (highest High)" in inventory
    assert "Limited (transparency obligations) 1 Minimal risk 3" in text
    details = text[text.index("Each AI system") :]
    for ref, name in (
        ("AI-001", "RoutePilot"),
        ("AI-002", "DocuScan"),
        ("AI-003", "ForecastLab"),
        ("AI-004", "Kestrel Assist"),
    ):
        assert f"{ref} {name} NAME {name}" in details
    assert "Risks assessed: R-001 Chatbot gives a wrong delivery promise" in details
    assert "Risks assessed: R-013 ForecastLab's forecasts drift" in details
    assert "HUMAN OVERSIGHT" in details
