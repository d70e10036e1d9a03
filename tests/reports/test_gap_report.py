"""Report 1, Gap analysis and readiness, on the demo project."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status
from aims_desktop.reports.gap import biggest_gaps
from aims_desktop.services.reports import build_report
from tests.reports.conftest import Pdf, normalise, read_pdf


def _section(pdf: Pdf, start: str, end: str | None) -> str:
    """The text from one heading to the next, after the cover and the contents page."""
    text = normalise(" ".join(pdf.pages[2:]))
    first = text.index(start)
    last = text.index(end, first) if end else len(text)
    return text[first:last]


def test_every_clause_from_4_1_to_10_2_is_reported_with_its_title(
    gap_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    clauses = demo_snapshot.catalog.clauses
    assert clauses[0].id == "4.1" and clauses[-1].id == "10.2"
    for item in clauses:
        assert normalise(f"{item.id} {item.title}") in gap_pdf.text, item.id


def test_each_requirement_shows_status_owner_target_date_answers_and_notes(
    gap_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    section = _section(gap_pdf, "4.2 Understanding the needs", "4.3 Determining")
    a = demo_snapshot.assessment("4.2")
    assert a.status is Status.PARTIALLY_MET
    assert "PARTIALLY MET" in section
    assert "OWNER Priya Shah" in section
    assert "TARGET DATE 27 Dec 2026" in section  # 30 days after the report date
    assert normalise(a.notes) in section
    item = demo_snapshot.catalog.item("4.2")
    for question in item.questions:
        assert normalise(question.text) in section
    # answers in words: y y p ? from the demo story
    assert re.search(r"Yes .* Yes .* Partly .* Not sure", section)


def test_overdue_target_dates_are_marked_in_words(gap_pdf: Pdf) -> None:
    section = _section(gap_pdf, "5.2 AI policy", "5.3 Roles")
    assert "15 Nov 2026 OVERDUE BY 12 DAYS" in section


def test_executive_summary_gives_readiness_chart_and_biggest_gaps(
    gap_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    summary = _section(gap_pdf, "Executive summary", "Organisation and scope")
    r = demo_snapshot.readiness
    assert f"{r.overall.percent}% Overall readiness" in summary
    assert f"{r.annex_a.percent}% Annex A controls" in summary
    for clause in r.clauses:
        assert f"{clause.percent}%" in summary
        assert normalise(f"{clause.key} {clause.title}") in summary
    for word in ("Met", "Partially met", "Not met", "Not assessed"):  # the chart's legend
        assert word in summary
    gaps = biggest_gaps(demo_snapshot)
    assert len(gaps) == 5
    assert all(demo_snapshot.assessment(i.id).status.is_gap for i in gaps)
    # not met mandatory clauses come before anything only partially met
    statuses = [demo_snapshot.assessment(i.id).status for i in gaps]
    assert statuses == sorted(statuses, key=lambda s: s is not Status.NOT_MET)
    for item in gaps:
        assert normalise(f"{item.id} {item.title}") in summary


def test_annex_a_summary_lists_every_control_with_its_status(
    gap_pdf: Pdf, demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    section = _section(gap_pdf, "Controls at a glance", "Action plan")
    for control in demo_snapshot.catalog.controls:
        assert normalise(f"{control.id} {control.title}") in section, control.id
    # the demo excludes nothing (every control applies to a provider of a chatbot): exclude one
    excluded = Assessment(
        item_id="A.5.5", status=Status.NOT_APPLICABLE, justification="No societal reach."
    )
    snapshot = dataclasses.replace(
        demo_snapshot, assessments={**demo_snapshot.assessments, "A.5.5": excluded}
    )
    pdf = read_pdf(build_report(snapshot, "gap", tmp_path / "gap.pdf"))
    section = _section(pdf, "Controls at a glance", "Action plan")
    assert "EXCLUDED" in section  # the word the application uses, never "not applicable"
    assert "NOT APPLICABLE" not in section


def test_action_plan_lists_every_open_item_overdue_first(
    gap_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    section = _section(gap_pdf, "Action plan", "Appendix A")
    actions = demo_snapshot.actions
    assert actions and any(a.overdue for a in actions)
    positions = [section.index(normalise(f"{a.item_id} {a.title}")) for a in actions]
    assert positions == sorted(positions)
    overdue = sum(1 for a in actions if a.overdue)
    assert f"{overdue} are overdue." in section
    assert section.count("OVERDUE BY") == overdue


def test_appendix_lists_what_is_not_assessed(gap_pdf: Pdf, demo_snapshot: ProjectSnapshot) -> None:
    section = _section(gap_pdf, "Appendix A: Not yet assessed", "Appendix B")
    assert f"{len(demo_snapshot.not_assessed)} of 70 requirements have no status yet" in section

    def listed(item_id: str) -> bool:
        return re.search(rf"(?<![\w.]){re.escape(item_id)} ", section) is not None

    for item in demo_snapshot.catalog.items:
        assert listed(item.id) == (item.id in demo_snapshot.not_assessed), item.id


def test_evidence_appendix_gives_file_names_and_hashes(
    gap_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    section = _section(gap_pdf, "Appendix B: Evidence on file", None)
    assert demo_snapshot.evidence
    assert len(demo_snapshot.evidence) > 30  # 26 documents, several serving more than one item
    for record in demo_snapshot.evidence:
        assert normalise(record.title) in section
        if record.sha256:  # a file in the project, by its fingerprint
            assert record.sha256 in section.replace(" ", "")
        else:  # a document kept elsewhere, by where it is
            assert normalise(f"Kept at: {record.location}") in section
        if record.note:  # printed with the evidence it describes
            assert normalise(f"{record.title} {record.note}") in section
    # no column of dashes for notes nobody could enter
    assert "Linked to Evidence Note" not in section and "Linked to Evidence" in section
    assert "—" not in section
