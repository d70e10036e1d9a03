"""The reports of clauses 9 and 10 and of the auditor's visit, read back from the PDF: the
internal audit report, the management review minutes, monitoring with its trend charts and
what changed since a revision, from the services and from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from aims_desktop.cli import main
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.services import reports
from aims_desktop.services.session import ProjectSession
from tests.reports.conftest import Pdf, read_pdf


def _build(
    session: ProjectSession, kind: str, folder: Path, **options: object
) -> tuple[Pdf, ProjectSnapshot]:
    snapshot = reports.snapshot(
        session,
        prepared_by="Priya Shah",
        kind=kind,
        options=reports.ReportOptions(**options),  # type: ignore[arg-type]
    )
    path = reports.build_report(snapshot, kind, folder / f"{kind}.pdf", deterministic=True)
    return read_pdf(path), snapshot


def test_the_internal_audit_report_is_the_latest_audit_by_default(
    demo_session: ProjectSession, tmp_path: Path
) -> None:
    pdf, _snapshot = _build(demo_session, "internal-audit", tmp_path)
    text = pdf.text
    assert "Internal audit report" in pdf.page_text(0)
    assert "IA-001 Whole AI management system (first audit)" in text
    assert "Marta Nowak (Finance Manager)" in text and "nobody audited their own work" in text
    for ref, grade in (
        ("AF-001", "Minor nonconformity"),
        ("AF-003", "Observation"),
        ("AF-004", "Opportunity for improvement"),
    ):
        assert ref in text and grade in text
    assert "NC-001 Risks of DocuScan and ForecastLab not assessed" in text  # raised from AF-001
    assert "Hosting settings screen" in text  # the evidence behind a finding
    # the programme: IA-001 done, IA-002 planned, two controls in neither
    assert "Not covered yet A.10.2" in text and "A.10.3" in text
    assert "IA-002 Annex A controls A.6 to A.10 Planned" in text
    outline = [title for _level, title, _page in pdf.outline()]
    assert "Findings" in outline and "Sign-off" in outline


def test_an_audit_report_of_a_chosen_audit(demo_session: ProjectSession, tmp_path: Path) -> None:
    pdf, snapshot = _build(demo_session, "internal-audit", tmp_path, record="ia-002")
    assert snapshot.extra["record"] == "ia-002"
    assert "IA-002 Annex A controls A.6 to A.10" in pdf.text
    assert "The audit recorded no findings." in pdf.text
    with pytest.raises(RuleViolation, match=r"no internal audit “IA-009”.*IA-001, IA-002"):
        reports.snapshot(
            demo_session, kind="internal-audit", options=reports.ReportOptions(record="IA-009")
        )


def test_the_management_review_minutes(demo_session: ProjectSession, tmp_path: Path) -> None:
    pdf, _snapshot = _build(demo_session, "management-review", tmp_path)
    text = pdf.text
    assert "MR-001 Management review 2026" in text
    assert "Helen Clarke (Managing Director)" in text
    # the inputs as drafted from the project when the demo was made
    assert "IS-001 Customers ask how we use AI" in text
    assert "IA-001 Whole AI management system (first audit)" in text
    assert "MM-001 Chatbot conversations handed to a person" in text
    # topics whose registers come later say so rather than print nothing
    assert "How far the AI objectives are met Not discussed." in text
    for ref in ("MA-001", "MA-002", "MA-003"):
        assert ref in text
    assert "Approve and publish the AI policy v1.0" in text


def test_monitoring_prints_every_measure_with_its_trend(
    demo_session: ProjectSession, tmp_path: Path
) -> None:
    pdf, _snapshot = _build(demo_session, "monitoring", tmp_path)
    text = pdf.text
    for ref in ("MM-001", "MM-002", "MM-003"):
        assert ref in text
    assert "Target 15%" in text  # the target line of the chart is labelled, not only dashed
    assert "21%" in text and "12%" in text  # every point carries its value
    assert "Month 6" in text and "Below target for the second month." in text
    assert "Not met" in text and "Met" in text


def test_what_changed_since_a_revision(demo_session: ProjectSession, tmp_path: Path) -> None:
    pdf, snapshot = _build(demo_session, "changes", tmp_path, since_revision=0)
    assert snapshot.change_list is not None and snapshot.change_list.groups
    text = pdf.text
    assert "What changed since revision 0" in text
    assert "AI system AI-001 RoutePilot" in text and "Added" in text
    assert "Status Not assessed Met" in text  # a requirement's status, then and now


def test_the_command_line_prints_audits_minutes_and_changes(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit.pdf"
    assert main(["report", str(demo_file), "--kind", "internal-audit", "-o", str(out)]) == 0
    assert "IA-001" in read_pdf(out).text
    minutes = tmp_path / "minutes.pdf"
    args = ["report", str(demo_file), "--kind", "management-review", "--record", "MR-001"]
    assert main([*args, "-o", str(minutes)]) == 0
    assert "MR-001" in read_pdf(minutes).text
    missing = ["report", str(demo_file), "--kind", "internal-audit", "--record", "IA-7"]
    assert main([*missing, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no internal audit “IA-7”" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    wrong = ["report", str(demo_file), "--kind", "gap", "--record", "IA-001", "-o", str(out)]
    assert main(wrong) == 2
    assert main(["changes", str(demo_file), "--since-revision", "0"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("What changed since revision 0 (now revision 1)")
    assert "Nonconformity NC-003 Chatbot answered a refund question it should hand over" in printed
    assert main(["changes", str(demo_file), "--since-revision", "5"]) == 2
    assert "There is no revision 5" in capsys.readouterr().err
    assert main(["changes", str(demo_file)]) == 0  # since the revision before the last save
    pdf = tmp_path / "changes.pdf"
    assert main(["changes", str(demo_file), "--since", "2020-01-01", "-o", str(pdf)]) == 0
    assert "What changed since 1 Jan 2020" in read_pdf(pdf).text
