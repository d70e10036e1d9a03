"""Every released file format still opens, and opening it never changes the original."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from aims_desktop.domain.status import Status
from aims_desktop.services import documents as documents_service
from aims_desktop.services import evidence, registers
from aims_desktop.services.project import close_project, inspect_file, open_project
from aims_desktop.services.session import ProjectSession
from aims_desktop.store.schema import SCHEMA_REVISION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REVISIONS = sorted(int(p.stem.split("-")[1]) for p in FIXTURES.glob("revision-*.aims"))

# Fingerprints printed on report covers must not change when the application is updated,
# or an auditor could not match an old report to its file.
FINGERPRINTS = {
    1: "00794ef719977c49e25e3f221f915a60c86dfe753a5f0eb36a7652eef65f4cfe",
    2: "882dd904466d4cca7a70d6d0212c88faf98ddd9a955541e2899cdd7809b857ad",
}


def test_there_is_a_fixture_for_every_revision() -> None:
    assert list(range(1, SCHEMA_REVISION + 1)) == REVISIONS


@pytest.mark.parametrize("revision", REVISIONS)
def test_an_unchanged_old_file_keeps_its_fingerprint(revision: int, tmp_path: Path) -> None:
    """`check` reports the fingerprint that the release which wrote the file printed on its
    reports, even though opening the file now migrates a working copy."""
    path = tmp_path / f"revision-{revision}.aims"
    shutil.copyfile(FIXTURES / path.name, path)
    summary = inspect_file(path)
    assert summary.file_format == revision
    assert summary.fingerprint == FINGERPRINTS[revision]


@pytest.mark.parametrize("revision", REVISIONS)
def test_old_revision_opens_with_its_content(revision: int, tmp_path: Path) -> None:
    path = tmp_path / f"revision-{revision}.aims"
    shutil.copyfile(FIXTURES / path.name, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    session = open_project(path)
    try:
        assert session.organisation().name == "Kestrel Freight Solutions Ltd"
        CONTENT[revision](session, tmp_path)
    finally:
        close_project(session)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def _revision_1_content(session: ProjectSession, tmp_path: Path) -> None:
    assert session.assessment("5.1").status is Status.MET
    assert session.assessment("A.10.4").status is Status.NOT_APPLICABLE
    # Format 1's five evidence attachments (four files, the AI policy on 5.2 and A.2.2)
    # are now four documents, each holding its file, with every link kept.
    documents = registers.records(session, "document")
    links = {
        (d.title, item)  # type: ignore[attr-defined]
        for d in documents
        for item in d.requirements  # type: ignore[attr-defined]
    }
    assert links == {
        ("AI policy, draft v0.3", "5.2"),
        ("AI policy, draft v0.3", "A.2.2"),
        ("AI system inventory", "A.4.2"),
        ("AI risk register (first entries)", "6.1.2"),
        ("Board minutes, 14 September", "5.1"),
    }
    versions = registers.records(session, "document_version")
    assert sorted(v.file_name for v in versions) == [  # type: ignore[attr-defined]
        "ai-policy-v0.3-draft.md",
        "ai-risk-register.csv",
        "ai-system-inventory.csv",
        "board-minutes-2026-09-14.txt",
    ]
    policy = next(d for d in documents if d.title.startswith("AI policy"))  # type: ignore[attr-defined]
    assert policy.description == "5.2: Awaiting board approval."  # type: ignore[attr-defined]
    for item_id in ("5.2", "A.2.2"):  # one document serving both
        assert [e.label for e in evidence.evidence_for(session, item_id)] == [
            "DOC-001 AI policy, draft v0.3"
        ]
    opened = documents_service.export_version(session, versions[0].id, tmp_path / "policy.md")
    assert hashlib.sha256(opened.read_bytes()).hexdigest() == versions[0].sha256  # type: ignore[attr-defined]
    systems = registers.records(session, "ai_system")
    assert [(s.ref, s.name) for s in systems] == [  # type: ignore[attr-defined]
        ("AI-001", "RoutePilot"),
        ("AI-002", "DocuScan"),
        ("AI-003", "ForecastLab"),
        ("AI-004", "Kestrel Assist"),
    ]


def _revision_2_content(session: ProjectSession, tmp_path: Path) -> None:
    """The demo project as the release of format 2 wrote it: every register's records, their
    links and the files of the document versions."""
    assert session.assessment("5.1").status is Status.PARTIALLY_MET
    assert session.assessment("A.10.4").status is Status.PARTIALLY_MET
    counts = {key: len(registers.records(session, key)) for key in REVISION_2_COUNTS}
    assert counts == REVISION_2_COUNTS
    risk = next(r for r in registers.records(session, "risk") if r.ref == "R-001")  # type: ignore[attr-defined]
    assert risk.ai_systems and risk.controls  # type: ignore[attr-defined]
    for version in registers.records(session, "document_version"):
        if version.sha256:  # type: ignore[attr-defined]
            copy = documents_service.export_version(session, version.id, tmp_path / "copy.bin")
            assert hashlib.sha256(copy.read_bytes()).hexdigest() == version.sha256  # type: ignore[attr-defined]


REVISION_2_COUNTS = {
    "ai_system": 4,
    "risk": 21,
    "document": 26,
    "impact_assessment": 2,
    "objective": 4,
    "internal_audit": 2,
    "management_review": 1,
    "nonconformity": 3,
    "ai_incident": 1,
}
CONTENT = {1: _revision_1_content, 2: _revision_2_content}


def test_revision_1_applicability_becomes_three_way(tmp_path: Path) -> None:
    """Revision 1 knew only "excluded" or not, so its Statement of Applicability said 36 of 38
    controls applied while 28 had never been looked at. On upgrade an excluded control stays
    excluded, a control that was assessed or given a reason is applicable, and every other
    control is not decided yet; the criteria and the statement's details read as defaults."""
    from aims_desktop.domain.assessment import Applicability
    from aims_desktop.domain.risk_criteria import DEFAULT_CRITERIA
    from aims_desktop.services import risks, soa

    path = tmp_path / "revision-1.aims"
    shutil.copyfile(FIXTURES / path.name, path)
    session = open_project(path)
    try:
        found = {c.id: session.assessment(c.id).applicability for c in session.catalog.controls}
        excluded = sorted(i for i, a in found.items() if a is Applicability.EXCLUDED)
        applicable = sorted(i for i, a in found.items() if a is Applicability.APPLICABLE)
        assert excluded == ["A.10.4", "A.7.3"]
        assert applicable == sorted(
            ["A.2.2", "A.2.3", "A.3.2", "A.3.3", "A.4.2", "A.4.3", "A.6.2.6", "A.10.3"]
        )
        assert sum(1 for a in found.values() if a is Applicability.UNDECIDED) == 28
        assert session.assessment("4.1").applicability is Applicability.UNDECIDED
        assert risks.criteria(session) == DEFAULT_CRITERIA
        assert soa.document(session).number == ""
        assert registers.records(session, "risk") == []
    finally:
        close_project(session)
