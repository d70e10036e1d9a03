"""The reports of issue 10, read back as an auditor's tools would: the master list of
documents (overdue reviews marked), the mandatory documented information, impact assessments
(all of them, and one alone), the competence matrix, and child records in register sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from aims_desktop.cli import main
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.services import reports
from tests.reports.conftest import Pdf, read_pdf


@pytest.fixture(scope="module")
def master_pdf(demo_snapshot: ProjectSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    folder = tmp_path_factory.mktemp("documents")
    return read_pdf(reports.build_report(demo_snapshot, "documents", folder / "d.pdf"))


def test_the_master_list_gives_every_document_with_its_version_and_status(
    master_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    documents = demo_snapshot.records("document")
    assert len(documents) == 26
    text = master_pdf.text
    assert "Master list of documents" in text
    for doc in documents:
        assert doc.ref in text  # type: ignore[attr-defined]
    # the overdue reviews are marked OVERDUE on their own row
    overdue = {
        d.ref  # type: ignore[attr-defined]
        for d in documents
        if d.review_date is not None and d.review_date < demo_snapshot.today  # type: ignore[attr-defined]
    }
    assert len(overdue) == 6
    # marked under its date (a word, not only a colour): once per overdue document
    assert text.count("OVERDUE") == len(overdue) + 1  # and once in the introduction
    assert "6 reviews overdue" in text


def test_the_master_list_says_what_covers_each_mandatory_record(master_pdf: Pdf) -> None:
    text = master_pdf.text
    assert "Mandatory documented information" in text
    assert "7 of 19 required records are covered." in text
    assert "Gap: no document" in text and "Only a draft so far" in text
    assert "Impact assessments register (2 records)" in text
    # every version with its file and fingerprint, the withdrawn one too
    assert "chatbot-notice-v1.1.txt" in text and "Withdrawn" in text
    assert "SHA-256" in text


def test_one_impact_assessment_alone_and_all_of_them(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    one = reports.for_record(demo_snapshot, "impact-assessment", "IA-001")
    pdf = read_pdf(reports.build_report(one, "impact-assessment", tmp_path / "one.pdf"))
    assert "AI system impact assessment: IA-001 Kestrel Assist: customer chatbot" in pdf.text
    assert "IA-002" not in pdf.text
    assert "Personal data in chats is kept or reused by the model provider" in pdf.text
    assert "Could children, older people or people with disabilities meet the system?" in pdf.text
    assert reports.default_report_name(one, "impact-assessment").startswith(
        "Kestrel Freight Solutions Ltd - Impact assessment IA-001"
    )
    every = read_pdf(reports.build_report(demo_snapshot, "impact-assessments", tmp_path / "a.pdf"))
    assert "IA-001" in every.text and "IA-002 RoutePilot: daily route planning" in every.text
    with pytest.raises(Exception, match="no impact assessment “IA-404”"):
        reports.for_record(demo_snapshot, "impact-assessment", "IA-404")


def test_the_people_report_prints_the_competence_matrix(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    pdf = read_pdf(reports.build_report(demo_snapshot, "people", tmp_path / "p.pdf"))
    assert "Competence matrix" in pdf.text
    assert "2 gaps; 3 training items due." in pdf.text
    assert "GAP planned for" in pdf.text
    assert "Training due" in pdf.text and "Grace Mensah" in pdf.text


def test_a_register_section_prints_each_records_children(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    pdf = read_pdf(reports.build_report(demo_snapshot, "objectives", tmp_path / "o.pdf"))
    assert "Progress of objectives" in pdf.text
    assert "1 min 50 s (96% under 2 minutes)" in pdf.text


def test_report_of_one_assessment_from_the_command_line(
    demo_file: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ia.pdf"
    args = ["report", str(demo_file), "--kind", "impact-assessments", "--ref", "IA-002", "-o"]
    assert main([*args, str(out)]) == 0
    text = read_pdf(out).text
    assert "IA-002 RoutePilot" in text and "IA-001 Kestrel" not in text
    assert (
        main(["report", str(demo_file), "--kind", "suppliers", "--ref", "SU-001", "-o", str(out)])
        == 2
    )
    assert "not available" in capsys.readouterr().err
    assert "documents" in {s.slug for s in REGISTERS.values()}
