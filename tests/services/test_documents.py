"""The document register's own operations: a new version keeps the old file and approval,
approval supersedes, withdrawn versions stay readable; drafting the core documents, saved as a
version and exported to DOCX (read back with python-docx) and PDF, also from the command line."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from aims_desktop.cli import main
from aims_desktop.domain.drafting import RiskCriteriaFacts, ScaleLevel, from_text, to_text
from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.registers.documents import DocumentStatus, VersionStatus
from aims_desktop.services import documents, drafting, history, registers
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.services.session import ProjectSession


@pytest.fixture
def session() -> Iterator[ProjectSession]:
    s = new_project("Kestrel Freight Solutions Ltd", user="Priya Shah")
    yield s
    close_project(s)


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _version_id(change: object) -> str:
    return next(c.entity_id for c in change.changes if c.entity == "document_version")  # type: ignore[attr-defined]


# -- versions --------------------------------------------------------------------------------


def test_a_new_version_keeps_the_old_file_and_its_approval(
    session: ProjectSession, tmp_path: Path
) -> None:
    first = documents.add_document_from_file(
        session, _file(tmp_path, "policy-v1.txt", "Version one"), title="AI policy"
    )
    doc_id = first.changes[0].entity_id
    v1 = _version_id(first)
    documents.approve_version(session, v1, "Tom Okafor", date(2026, 1, 10))
    doc = documents.document(session, doc_id)
    assert (doc.version, doc.status, doc.approver) == ("1.0", DocumentStatus.APPROVED, "Tom Okafor")

    second = documents.add_version_from_file(
        session, doc_id, _file(tmp_path, "policy-v2.txt", "Version two"), changes="New section"
    )
    v2 = _version_id(second)
    # until the new draft is approved, the approved version stays in force
    doc = documents.document(session, doc_id)
    assert (doc.version, doc.status) == ("1.0", DocumentStatus.APPROVED)
    assert documents.version(session, v2).version == "1.1"
    assert documents.version(session, v2).status is VersionStatus.DRAFT

    approval = documents.approve_version(session, v2, "Helen Clarke", date(2026, 6, 1))
    old, new = documents.versions(session, doc_id)
    assert (old.status, old.approver, old.approved_on) == (
        VersionStatus.SUPERSEDED,
        "Tom Okafor",
        date(2026, 1, 10),
    )
    assert (new.status, new.approver) == (VersionStatus.APPROVED, "Helen Clarke")
    doc = documents.document(session, doc_id)
    assert (doc.version, doc.approver, doc.approved_on) == ("1.1", "Helen Clarke", date(2026, 6, 1))
    # both files are there, each by its own fingerprint, after save and reopen
    path = save_project(session, tmp_path / "p.aims")
    save_project(session, tmp_path / "working.aims")  # the session moves on; p.aims is free
    reopened = open_project(path)
    try:
        for version, text in ((v1, "Version one"), (v2, "Version two")):
            out = documents.export_version(reopened, version, tmp_path / f"{version}.txt")
            assert out.read_text() == text
            assert (
                documents.version(reopened, version).sha256
                == hashlib.sha256(text.encode()).hexdigest()
            )
    finally:
        close_project(reopened)
    # approving is one undo step: the old approval comes back in force
    history.revert(session, approval)
    assert documents.version(session, v1).status is VersionStatus.APPROVED
    assert documents.document(session, doc_id).version == "1.0"


def test_withdrawn_versions_stay_readable(session: ProjectSession, tmp_path: Path) -> None:
    change = documents.add_document_from_file(
        session, _file(tmp_path, "notice.txt", "Chat notice"), title="Chat notice"
    )
    doc_id, version = change.changes[0].entity_id, _version_id(change)
    documents.approve_version(session, version, "Tom", date(2026, 1, 1))
    documents.withdraw_version(session, version)
    assert documents.version(session, version).status is VersionStatus.WITHDRAWN
    assert documents.document(session, doc_id).status is DocumentStatus.WITHDRAWN
    assert documents.file_bytes(session, version) == b"Chat notice"
    assert documents.can_open(session, version).allowed


def test_a_version_number_is_not_used_twice(session: ProjectSession, tmp_path: Path) -> None:
    change = documents.add_document_from_file(session, _file(tmp_path, "a.txt", "a"), title="A")
    doc_id = change.changes[0].entity_id
    with pytest.raises(RuleViolation, match=r"already has a version 1\.0"):
        documents.add_version_from_file(
            session, doc_id, _file(tmp_path, "b.txt", "b"), number="1.0"
        )
    assert [v.version for v in documents.versions(session, doc_id)] == ["1.0"]


@pytest.mark.parametrize(
    ("numbers", "following"),
    [([], "1.0"), (["1"], "2"), (["0.3"], "0.4"), (["1.0", "1.2"], "1.3"), (["A"], "A (next)")],
)
def test_the_next_version_number(numbers: list[str], following: str) -> None:
    from aims_desktop.domain.registers.documents import DocumentVersion

    found = [DocumentVersion(parent_id="p", version=n) for n in numbers]
    assert documents.next_version_number(found) == following


def test_deleting_a_document_deletes_its_versions_and_undo_brings_them_back(
    session: ProjectSession, tmp_path: Path
) -> None:
    change = documents.add_document_from_file(session, _file(tmp_path, "a.txt", "a"), title="A")
    doc_id = change.changes[0].entity_id
    documents.add_version_from_file(session, doc_id, _file(tmp_path, "b.txt", "b"))
    deleted = registers.delete(session, "document", doc_id)
    assert registers.count(session, "document_version") == 0
    history.revert(session, deleted)
    assert len(documents.versions(session, doc_id)) == 2


# -- drafting ----------------------------------------------------------------------------------


def test_the_draft_text_round_trips_through_the_editor_convention() -> None:
    text = "# AI policy\n\n# Why\n\nOne paragraph\non two lines.\n\n- first\n- second\n\n## Sub\n"
    draft = from_text(text, organisation="Acme", fallback_title="x")
    assert draft.title == "AI policy"
    assert [b.kind.value for b in draft.blocks] == ["heading", "paragraph", "bullets", "subheading"]
    assert draft.blocks[1].text == "One paragraph on two lines."
    assert from_text(to_text(draft), organisation="Acme", fallback_title="x") == draft


@pytest.mark.parametrize("kind", list(drafting.DraftKind))
def test_every_draft_reads_back_from_docx_with_real_headings(
    demo_file: Path, tmp_path: Path, kind: drafting.DraftKind
) -> None:
    session = open_project(demo_file)
    try:
        parsed = drafting.parse(session, kind, drafting.draft_text(session, kind))
        out = drafting.export(parsed, tmp_path / f"{kind.value}.docx", author="Priya Shah")
    finally:
        close_project(session)
    word = WordDocument(str(out))
    styles = [(p.style.name, p.text) for p in word.paragraphs if p.text.strip()]
    assert styles[0] == ("Title", kind.document_title)
    assert ("Subtitle", "Kestrel Freight Solutions Ltd") in styles
    headings = [text for style, text in styles if style == "Heading 1"]
    assert len(headings) >= 4 and "Approval" in headings
    assert any(style == "List Bullet" for style, _ in styles)
    assert word.sections[0].header.paragraphs[0].text == "Kestrel Freight Solutions Ltd"
    assert word.core_properties.title == kind.document_title
    assert word.core_properties.author == "Priya Shah"
    body = " ".join(text for _style, text in styles)
    assert "[" in body  # what the project cannot say is left for the user, never invented


def test_the_policy_draft_uses_the_projects_answers(demo_file: Path) -> None:
    session = open_project(demo_file)
    try:
        text = drafting.draft_text(session, "ai-policy")
        scope = drafting.draft_text(session, "scope")
        objectives = drafting.draft_text(session, "objectives")
    finally:
        close_project(session)
    for system in ("RoutePilot", "DocuScan", "ForecastLab", "Kestrel Assist"):
        assert system in text
    assert "AIMS lead (Priya Shah)" in text  # the holder of the role in the People register
    assert "told when they are dealing with an AI system" in text  # the chatbot is "limited"
    assert "personal data" in text.lower()
    assert "Version 1.0, approved by Tom Okafor (Managing Director)" in scope
    assert "leasing company" in scope  # the organisation's own scope statement
    assert "OB-003 Hand chats to a person within two minutes" in objectives
    assert "How it is measured: [measure]" in objectives  # OB-004 has none yet


def test_risk_criteria_from_the_criteria_or_from_guidance(session: ProjectSession) -> None:
    guidance = drafting.draft_text(session, "risk-criteria")
    assert "[1: rare" in guidance and "Complexity of environment" in guidance
    facts = RiskCriteriaFacts(
        likelihood=(ScaleLevel(1, "Rare"), ScaleLevel(2, "Possible", "once a year")),
        consequence=(ScaleLevel(1, "Minor"), ScaleLevel(2, "Severe")),
        acceptance="A risk scoring 2 or less may be accepted by the system owner.",
        accepted_by="Above that, only the managing director may accept it.",
    )
    original = drafting.RISK_CRITERIA_SOURCE
    drafting.RISK_CRITERIA_SOURCE = lambda _db: facts
    try:
        text = drafting.draft_text(session, "risk-criteria")
    finally:
        drafting.RISK_CRITERIA_SOURCE = original
    assert "- 2: Possible (once a year)" in text and "[1: rare" not in text
    assert "A risk scoring 2 or less may be accepted by the system owner." in text


def test_a_draft_is_saved_as_a_new_version_of_its_document(demo_file: Path) -> None:
    session = open_project(demo_file)
    try:
        policy = drafting.document_for(session, "ai-policy")
        assert policy is not None and policy.ref == "DOC-001"  # names the 5.2 record
        before = documents.versions(session, policy.id)
        text = drafting.draft_text(session, "ai-policy").replace("[date]", "1 December 2026")
        change = drafting.save_as_version(session, "ai-policy", text)
        after = documents.versions(session, policy.id)
        assert [v.version for v in after] == [*(v.version for v in before), "0.4"]
        new = after[-1]
        assert new.file_name == "AI policy v0.4.docx" and new.status is VersionStatus.DRAFT
        word = WordDocument(io.BytesIO(documents.file_bytes(session, new.id)))
        assert "1 December 2026" in " ".join(p.text for p in word.paragraphs)
        assert drafting.saved_text(session, "ai-policy").startswith("# AI policy")  # type: ignore[union-attr]
        history.revert(session, change)
        assert len(documents.versions(session, policy.id)) == len(before)
        # the first draft of a kind with no document yet creates the document
        assert drafting.document_for(session, "risk-criteria") is None
        drafting.save_as_version(
            session, "risk-criteria", drafting.draft_text(session, "risk-criteria")
        )
        created = drafting.document_for(session, "risk-criteria")
        assert created is not None and created.requirements == ("6.1.1", "6.1.2")
        assert [v.version for v in documents.versions(session, created.id)] == ["0.1"]
    finally:
        close_project(session)


def test_an_empty_draft_is_refused(session: ProjectSession) -> None:
    with pytest.raises(RuleViolation, match="empty"):
        drafting.save_as_version(session, "scope", "# Scope\n\n")


def test_draft_from_the_command_line(demo_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    out = tmp_path / "policy.docx"
    assert main(["draft", str(demo_file), "--kind", "ai-policy", "-o", str(out)]) == 0
    assert "Wrote a draft of “AI policy”" in capsys.readouterr().out
    assert WordDocument(str(out)).paragraphs[0].text == "AI policy"
    assert main(["draft", str(demo_file), "--kind", "scope", "-o", str(out)]) == 1  # exists
    pdf = tmp_path / "scope.pdf"
    assert main(["draft", str(demo_file), "--kind", "scope", "-o", str(pdf)]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Scope of the AI management system" in text and "Page 1 of" in text
    assert (
        main(
            ["draft", str(demo_file), "--kind", "objectives", "-o", str(tmp_path / "no" / "x.docx")]
        )
        == 5
    )
    assert "could not be written" in capsys.readouterr().err
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before
