"""Report 2, the Statement of Applicability, on the demo project."""

from __future__ import annotations

from collections import Counter

from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status
from tests.reports.conftest import Pdf, normalise


def _body(pdf: Pdf) -> str:
    return normalise(" ".join(pdf.pages[2:]))


def test_all_38_controls_in_annex_a_order(soa_pdf: Pdf, demo_snapshot: ProjectSnapshot) -> None:
    controls = demo_snapshot.catalog.controls
    assert len(controls) == 38
    assert controls[0].id == "A.2.2" and controls[-1].id == "A.10.4"
    body = _body(soa_pdf)
    table = body[body.index("Annex A controls Controls in the order") :]
    positions = [table.index(normalise(f"{c.id} {c.title}")) for c in controls]
    assert positions == sorted(positions)


def test_each_control_shows_applicability_justification_status_owner_and_notes(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    body = _body(soa_pdf)
    excluded = demo_snapshot.assessment("A.10.4")
    assert excluded.status is Status.NOT_APPLICABLE
    row = body[body.index("A.10.4 Customers") :]
    assert row.startswith(f"A.10.4 Customers No {normalise(excluded.justification)}")
    assert "EXCLUDED" in row and "NOT APPLICABLE" not in row

    included = demo_snapshot.assessment("A.2.2")
    row = body[body.index("A.2.2 AI policy") :]
    expected = (
        f"A.2.2 AI policy Yes {normalise(included.justification)} "
        f"{included.status.label.upper()} {normalise(included.owner)} {normalise(included.notes)}"
    )
    assert row.startswith(expected)


def test_summary_counts_controls_by_status(soa_pdf: Pdf, demo_snapshot: ProjectSnapshot) -> None:
    counts = Counter(demo_snapshot.assessment(c.id).status for c in demo_snapshot.catalog.controls)
    summary = _body(soa_pdf)
    summary = summary[summary.index("Summary by status") : summary.index("Summary by control")]
    for status in Status:
        share = round(100 * counts[status] / 38)
        assert f"{status.label.upper()} {counts[status]} {share}%" in summary
    assert "All controls 38 100%" in summary
    applicable = 38 - counts[Status.NOT_APPLICABLE]
    assert f"{applicable} of 38 controls applicable" in _body(soa_pdf)


def test_sign_off_block_names_the_preparer_and_leaves_room_for_approval(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    last = soa_pdf.page_text(len(soa_pdf.pages) - 1)
    sign_off = last[last.index("Sign-off") :]
    assert "Prepared by" in sign_off and "Approved by (top management)" in sign_off
    assert "NAME Priya Shah" in sign_off
    assert sign_off.count("SIGNATURE") == 2 and sign_off.count("DATE") == 2
    assert demo_snapshot.fingerprint in sign_off
