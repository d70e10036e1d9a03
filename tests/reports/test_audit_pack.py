"""The Stage 1 audit pack, read back from the PDF: the cover sheet, the index of documents by
requirement against the document register (number, version, approval date; gaps marked), and
every part in one contents and one outline."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from aims_desktop.cli import main
from aims_desktop.domain.audit_pack import cover_facts, document_index, site_sentences
from aims_desktop.domain.registers.documents import Document, DocumentStatus
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports.audit_pack import PARTS, POLICY_TEXT
from aims_desktop.reports.text import short_date
from aims_desktop.services import drafting, reports
from aims_desktop.services.demo import build_demo
from aims_desktop.services.session import ProjectSession
from tests.reports.conftest import Pdf, normalise, read_pdf


@pytest.fixture(scope="module")
def pack_snapshot(demo_session: ProjectSession) -> ProjectSnapshot:
    return reports.snapshot(demo_session, prepared_by="Priya Shah", kind="audit-pack")


@pytest.fixture(scope="module")
def pack_pdf(pack_snapshot: ProjectSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    folder = tmp_path_factory.mktemp("pack")
    return read_pdf(reports.build_report(pack_snapshot, "audit-pack", folder / "pack.pdf"))


def _part_pages(pdf: Pdf, title: str) -> str:
    """The text of the pages of one part, from its bookmark to the next part's."""
    parts = [(t, page) for level, t, page in pdf.outline() if level == 0 and t[:1].isdigit()]
    names = [t for t, _ in parts]
    at = next(n for n, t in enumerate(names) if t.endswith(title))
    first = parts[at][1]
    last = parts[at + 1][1] if at + 1 < len(parts) else len(pdf.pages)
    return normalise(" ".join(pdf.pages[first : max(last, first + 1)]))


def test_every_part_is_there_once_with_one_contents_and_outline(pack_pdf: Pdf) -> None:
    outline = pack_pdf.outline()
    parts = [title for level, title, _ in outline if level == 0]
    assert parts == ["Contents", *(f"{n}. {t}" for n, (_k, t, _o, _s) in enumerate(PARTS, 1))]
    # the reports' own sections sit one level down, under their part
    assert (1, "About this statement") in [(lvl, t) for lvl, t, _ in outline]
    assert (1, "Treatment plan") in [(lvl, t) for lvl, t, _ in outline]
    contents = pack_pdf.page_text(1)
    for _key, title, _o, _s in PARTS:
        assert title in contents
    # the SoA and the risk register keep their landscape pages, the rest is portrait
    soa_page = next(p for lvl, t, p in outline if t == "5. Statement of Applicability")
    box = pack_pdf.reader.pages[soa_page].mediabox
    assert box.width > box.height
    index_page = next(p for lvl, t, p in outline if t.startswith("2. Index"))
    box = pack_pdf.reader.pages[index_page].mediabox
    assert box.width < box.height


def test_each_part_prints_what_it_reuses(pack_pdf: Pdf, pack_snapshot: ProjectSnapshot) -> None:
    org = pack_snapshot.organisation
    scope = _part_pages(pack_pdf, "Scope of the AI management system")
    assert normalise(org.scope)[:80] in scope
    policy = _part_pages(pack_pdf, "AI policy")
    assert "DOC-001" in policy and "Our commitments" in policy
    soa = _part_pages(pack_pdf, "Statement of Applicability")
    assert "Annex A controls" in soa and "A.10.3" in soa and "Sign-off" in soa
    risks = _part_pages(pack_pdf, "AI risk register and treatment plan")
    assert "Heat maps" in risks and "Treatment plan" in risks
    for risk in pack_snapshot.records("risk"):
        assert risk.ref in risks  # type: ignore[attr-defined]
    impacts = _part_pages(pack_pdf, "AI system impact assessments in brief")
    for assessment in pack_snapshot.records("impact_assessment"):
        assert assessment.ref in impacts  # type: ignore[attr-defined]
    assert "Result:" in impacts
    objectives = _part_pages(pack_pdf, "AI objectives")
    for objective in pack_snapshot.records("objective"):
        assert objective.ref in objectives  # type: ignore[attr-defined]
    audit = _part_pages(pack_pdf, "The latest internal audit")
    assert "IA-001" in audit and "Findings" in audit
    review = _part_pages(pack_pdf, "The latest management review")
    assert "MR-001" in review and "Actions agreed" in review


def test_the_cover_sheet_sizes_the_audit(pack_pdf: Pdf, pack_snapshot: ProjectSnapshot) -> None:
    cover = _part_pages(pack_pdf, "Cover sheet for the certification body")
    assert "Kestrel Freight Solutions Ltd" in cover
    assert "Small (10 to 49 people)" in cover
    assert "Leeds head office and Wakefield depot" in cover  # the sites, from the scope
    assert "Provider, Producer, Customer" in cover
    for system in pack_snapshot.records("ai_system"):
        assert system.name in cover  # type: ignore[attr-defined]
    for supplier in pack_snapshot.records("supplier"):
        assert supplier.name in cover  # type: ignore[attr-defined]
    assert "Not recorded" not in cover.split("“Not recorded”", 1)[1]


def test_a_missing_fact_is_marked_not_recorded(pack_snapshot: ProjectSnapshot) -> None:
    org = pack_snapshot.organisation.model_copy(update={"scope": "", "sector": ""})
    bare = dataclasses.replace(pack_snapshot, organisation=org, registers={})
    facts = {f.label: f for f in cover_facts(bare)}
    assert facts["Sites"].missing and facts["Sector"].missing
    assert facts["AI systems in scope (0)"].missing
    assert site_sentences("We work from our Leeds office. We sell online.") == [
        "We work from our Leeds office."
    ]


def test_the_index_matches_the_document_register(
    pack_pdf: Pdf, pack_snapshot: ProjectSnapshot
) -> None:
    text = _part_pages(pack_pdf, "Index of documents by requirement")
    index = document_index(pack_snapshot)
    assert len(index) == len(pack_snapshot.catalog.items) == 70
    # cut the index into one stretch of text per requirement, in the standard's order
    starts = []
    at = 0
    for entry in index:
        found = text.find(f"{entry.item_id} {entry.title.split()[0]}", at)
        assert found >= 0, entry.item_id
        starts.append(found)
        at = found + 1
    stretches = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    documents: list[Any] = list(pack_snapshot.records("document"))
    serving = {
        item: [d for d in documents if item in d.requirements and d.status != "withdrawn"]
        for item in (e.item_id for e in index)
    }
    gaps = 0
    for entry, stretch in zip(index, stretches, strict=True):
        expected = serving[entry.item_id]
        assert {d.number for d in entry.documents} == {d.ref for d in expected}
        for doc in expected:
            assert doc.ref in stretch, (entry.item_id, doc.ref)
            assert doc.version in stretch
            if doc.approved_on:
                assert short_date(doc.approved_on) in stretch
        if not expected and not entry.excluded:
            gaps += 1
            assert "Gap: no document" in stretch, entry.item_id
        else:
            assert "Gap: no document" not in stretch, entry.item_id
    assert gaps == sum(1 for e in index if e.gap) > 0
    assert f"{gaps} gaps (no document)" in _part_pages(
        pack_pdf, "Cover sheet for the certification body"
    )


def test_a_withdrawn_document_serves_nothing(pack_snapshot: ProjectSnapshot) -> None:
    def doc(ref: str, status: DocumentStatus, item: str) -> Document:
        return Document(title=f"Document {ref}", ref=ref, status=status, requirements=(item,))

    documents = (
        doc("DOC-10", DocumentStatus.DRAFT, "4.1"),
        doc("DOC-2", DocumentStatus.WITHDRAWN, "4.2"),
        doc("DOC-9", DocumentStatus.DRAFT, "4.1"),
    )
    changed = dataclasses.replace(
        pack_snapshot, registers={**pack_snapshot.registers, "document": documents}
    )
    index = {e.item_id: e for e in document_index(changed)}
    assert [d.number for d in index["4.1"].documents] == ["DOC-9", "DOC-10"]
    assert index["4.2"].gap and not index["4.2"].documents


def test_the_policy_is_the_saved_draft_when_there_is_one(tmp_path: Path) -> None:
    session = build_demo()  # a clock that moves: the new version is the newest one
    try:
        text = drafting.draft_text(session, "ai-policy").replace(
            "Why we have this policy", "Why Kestrel keeps a policy on AI"
        )
        drafting.save_as_version(session, "ai-policy", text, number="0.9")
        taken = reports.snapshot(session, kind="audit-pack")
    finally:
        session.project.close()
    assert "Why Kestrel keeps a policy on AI" in taken.extra[POLICY_TEXT]
    pdf = read_pdf(reports.build_report(taken, "audit-pack", tmp_path / "pack.pdf"))
    policy = _part_pages(pdf, "AI policy")
    assert "Why Kestrel keeps a policy on AI" in policy
    assert re.search(r"DOC-001 AI policy, version 0\.9 \(draft\)", policy)


def test_cli_writes_the_audit_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path / "d.aims")]) == 0
    out = tmp_path / "pack.pdf"
    assert main(["report", str(tmp_path / "d.aims"), "--kind", "audit-pack", "-o", str(out)]) == 0
    assert "Stage 1 audit pack" in capsys.readouterr().out
    pdf = read_pdf(out)
    assert "2. Index of documents by requirement" in pdf.text
