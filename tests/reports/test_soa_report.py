"""Report 2, the Statement of Applicability, on the demo project."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path

from aims_desktop.domain.assessment import Applicability, Assessment
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.soa import StatementOfApplicability
from aims_desktop.domain.status import Status
from aims_desktop.services.reports import build_report
from tests.reports.conftest import Pdf, normalise, read_pdf


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


def _row(body: str, start: str, end: str) -> str:
    """One control's row: from its number and title to the next control's."""
    found = body[body.index(start) :]
    return found[: found.index(end)] if end in found else found


def test_each_control_shows_applicability_reason_risks_evidence_status_and_owner(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    body = _body(soa_pdf)
    included = demo_snapshot.assessment("A.2.2")
    row = _row(body, "A.2.2 AI policy", "A.2.3 Alignment")
    assert row.startswith(f"A.2.2 AI policy Yes {normalise(included.justification)} ")
    # the risks whose treatment chose it, then its evidence and notes, status and owner
    for risk in ("R-017 Staff paste customer", "R-019 A change in the law"):
        assert risk in row
    documents = [e.title for e in demo_snapshot.evidence if e.item_id == "A.2.2"]
    assert documents  # the AI policy and the rule on generative AI tools
    for title in documents:
        assert normalise(title) in row
    assert normalise(included.notes) in row
    assert f"{included.status.label.upper()} {normalise(included.owner)}" in row
    # a control applied because a risk's treatment chose it says so instead of "not recorded"
    row = _row(body, "A.6.2.8 AI system recording of event logs", "A.7 Data for AI")
    assert "Chosen to treat the risks listed" in row and "R-004" in row


def test_undecided_controls_never_print_as_applicable(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    body = _body(soa_pdf)
    undecided = [
        c.id
        for c in demo_snapshot.catalog.controls
        if demo_snapshot.assessment(c.id).applicability is Applicability.UNDECIDED
    ]
    assert undecided == ["A.5.3", "A.5.5", "A.6.2.5", "A.7.6"]
    for control in undecided:
        title = demo_snapshot.catalog.title_of(control)
        row = body[body.index(normalise(f"{control} {title}")) :]
        after = row[len(normalise(f"{control} {title}")) :].lstrip()
        assert after.startswith("Not decided yet"), control
    assert "34 of 38 controls applicable" in body
    assert "4 not decided yet" in body
    assert "never as applicable: A.5.3, A.5.5, A.6.2.5, A.7.6." in body


def test_an_excluded_control_prints_no_with_its_justification(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    excluded = Assessment(
        item_id="A.8.3", status=Status.NOT_APPLICABLE, justification="Nobody outside uses our AI."
    )
    snapshot = dataclasses.replace(
        demo_snapshot, assessments={**demo_snapshot.assessments, "A.8.3": excluded}
    )
    body = _body(read_pdf(build_report(snapshot, "soa", tmp_path / "soa.pdf")))
    row = _row(body, "A.8.3 External reporting", "A.8.4")
    assert row.startswith("A.8.3 External reporting No Nobody outside uses our AI.")
    assert "EXCLUDED" in row and "NOT APPLICABLE" not in row
    assert "1 excluded, with a justification" in body
    # R-020's treatment relies on it: the eye says so (see tests/domain/test_eye_soa.py)


def test_controls_of_our_own_are_in_the_statement(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    body = _body(soa_pdf)
    section = body[body.index("Controls of our own Controls the organisation uses") :]
    section = section[: section.index("Sign-off")]
    for control in demo_snapshot.records("organisation_control"):
        assert normalise(f"{control.ref} {control.name}") in section  # type: ignore[attr-defined]
        assert normalise(control.reason) in section  # type: ignore[attr-defined]
    row = _row(section, "OC-001", "OC-002")
    assert "Yes" in row and "R-001 Chatbot gives a wrong delivery promise" in row
    assert "PARTIALLY MET" in row
    assert "4 controls of our own" in body


def test_summary_counts_controls_by_status(soa_pdf: Pdf, demo_snapshot: ProjectSnapshot) -> None:
    counts = Counter(demo_snapshot.assessment(c.id).status for c in demo_snapshot.catalog.controls)
    summary = _body(soa_pdf)
    summary = summary[summary.index("Summary by status") : summary.index("Summary by control")]
    for status in Status:
        share = round(100 * counts[status] / 38)
        assert f"{status.label.upper()} {counts[status]} {share}%" in summary
    assert "All controls 38 100%" in summary


def test_document_number_version_and_approval_are_printed(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    body = _body(soa_pdf)
    assert "DOCUMENT NUMBER KFS-AIMS-004 VERSION 0.4 (draft) APPROVAL Not approved yet" in body
    last = soa_pdf.page_text(len(soa_pdf.pages) - 1)
    sign_off = last[last.index("Sign-off") :]
    approval_box = sign_off[sign_off.index("Approved by (top management)") :]
    assert approval_box.startswith("Approved by (top management) NAME ROLE")  # left for a pen

    approved = StatementOfApplicability(
        number="KFS-AIMS-004",
        version="1.0",
        approved_by="Tom Okafor (Managing Director)",
        approved_on=date(2026, 11, 20),
    )
    pdf = read_pdf(
        build_report(
            dataclasses.replace(demo_snapshot, soa_document=approved), "soa", tmp_path / "a.pdf"
        )
    )
    body = _body(pdf)
    assert "APPROVAL Approved by Tom Okafor (Managing Director) on 20 November 2026" in body
    last = pdf.page_text(len(pdf.pages) - 1)
    sign_off = last[last.index("Sign-off") :]
    assert "KFS-AIMS-004, version 1.0, was approved by Tom Okafor (Managing Director)" in sign_off
    approval_box = sign_off[sign_off.index("Approved by (top management)") :]
    assert approval_box.startswith(
        "Approved by (top management) NAME Tom Okafor (Managing Director) ROLE SIGNATURE DATE "
        "20 November 2026"
    )


def test_sign_off_block_names_the_preparer_and_leaves_room_for_approval(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    last = soa_pdf.page_text(len(soa_pdf.pages) - 1)
    sign_off = last[last.index("Sign-off") :]
    assert "Prepared by" in sign_off and "Approved by (top management)" in sign_off
    assert "NAME Priya Shah" in sign_off
    assert sign_off.count("SIGNATURE") == 2 and sign_off.count("DATE") == 2
    assert demo_snapshot.fingerprint in sign_off
