"""How the reports sit on paper: one orientation per document, headings that travel with what
follows them, the Annex A objectives, and covers that say when a project was not saved."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, Spacer

from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status
from aims_desktop.reports import gap
from aims_desktop.reports.document import PAGE_MARGIN, PORTRAIT, ReportInfo, body_width, render
from aims_desktop.reports.flowables import Heading
from aims_desktop.services import reports
from aims_desktop.services.assessments import update_assessment
from aims_desktop.services.project import close_project, new_project, save_project
from tests.reports.conftest import Pdf, fixed_clock, normalise, read_pdf

FRAME_HEIGHT = 841.89 - (PAGE_MARGIN + 6 * 2.834645669) - PAGE_MARGIN
"""Height of the body frame of a portrait page (A4 minus the margins and header gap)."""


def _orientations(pdf: Pdf) -> set[str]:
    return {
        "landscape" if float(page.mediabox.width) > float(page.mediabox.height) else "portrait"
        for page in pdf.reader.pages
    }


def test_the_statement_of_applicability_has_one_orientation(soa_pdf: Pdf, gap_pdf: Pdf) -> None:
    """Landscape for the controls table, so landscape for every page, cover and contents too."""
    assert _orientations(soa_pdf) == {"landscape"}
    assert _orientations(gap_pdf) == {"portrait"}


def test_every_objective_is_printed_with_its_controls_a6_sub_groups_included(
    soa_pdf: Pdf, demo_snapshot: ProjectSnapshot
) -> None:
    text = soa_pdf.text
    catalog = demo_snapshot.catalog
    with_objective = [h for h in catalog.headings if h.id.startswith("A.") and h.objective]
    assert {"A.6.1", "A.6.2"} <= {h.id for h in with_objective}
    for heading in with_objective:
        start = text.index(normalise(f"{heading.id} {heading.title} Objective."))
        objective = normalise(f"Objective. {heading.objective}")
        assert text.index(objective, start) == start + len(f"{heading.id} {heading.title} ")
        first_control = next(catalog.children_of(heading.id))
        assert text.index(first_control.id, start) > start  # the objective heads its controls
    outline = [title for _, title, _ in soa_pdf.outline()]
    assert outline.index("A.6 AI system life cycle") < outline.index(
        "A.6.1 Management guidance for AI system development"
    )


def _page_of(pdf: Pdf, text: str) -> int:
    pages = [i for i in range(len(pdf.pages)) if normalise(text) in pdf.page_text(i)]
    assert pages, text
    return pages[0]


def _render(story: list[Flowable], path: Path) -> Pdf:
    info = ReportInfo(
        title="Layout",
        organisation="Test",
        report_date=fixed_clock().date(),
        prepared_by="",
        confidentiality="",
        revision=1,
        fingerprint="0" * 64,
        app_name="AIMS Desktop",
        app_version="test",
    )
    render(info, story, path, deterministic=True)
    return read_pdf(path)


def test_a_sub_heading_never_ends_a_page_alone(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    """ "9.3 MANAGEMENT REVIEW" once sat alone at the foot of a page, its requirements overleaf.
    Fill the page by every amount that leaves room for the sub-heading but not for 9.3.1."""
    catalog = demo_snapshot.catalog
    width = body_width(PORTRAIT)
    clause = Heading("9 Performance evaluation", 1, "clause-9")  # the outline needs a parent
    used = clause.wrap(width, FRAME_HEIGHT)[1] + clause.getSpaceAfter()
    for room in range(12, 90, 6):
        story = [
            clause,
            Spacer(1, FRAME_HEIGHT - used - room),
            gap.sub_heading(catalog.heading("9.3")),
            gap.item_block(demo_snapshot, catalog.item("9.3.1"), width),
        ]
        pdf = _render(story, tmp_path / f"room-{room}.pdf")
        heading = _page_of(pdf, "9.3 MANAGEMENT REVIEW")
        assert heading == _page_of(pdf, "9.3.1 General (Management review)"), room


def test_a_group_row_never_ends_a_page_of_the_controls_table(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    """Shift the table down a little at a time: wherever the page breaks, a group row ("A.6 AI
    system life cycle readiness 6%") is followed on its page by a control of its own."""
    table_width = body_width(PORTRAIT)
    for shift in range(0, 400, 20):  # a page of shifts, finer than any row is tall
        story = [Spacer(1, shift), gap.controls_at_a_glance(demo_snapshot, table_width)]
        assert isinstance(story[1], Flowable)
        pdf = _render(story, tmp_path / f"shift-{shift}.pdf")
        for index in range(2, len(pdf.pages)):
            body = [line for line in pdf.lines(index) if "Page " not in line]
            assert "readiness" not in body[-1], (shift, index, body[-1])


def _cover(snapshot: ProjectSnapshot, tmp_path: Path) -> str:
    path = reports.build_report(snapshot, "soa", tmp_path / "soa.pdf", deterministic=True)
    return read_pdf(path).page_text(0)


def test_the_cover_says_when_the_project_was_not_saved(tmp_path: Path) -> None:
    session = new_project("Acme Ltd", user="Priya Shah", clock=fixed_clock)
    try:
        cover = _cover(reports.snapshot(session), tmp_path)
        assert "PROJECT REVISION Not saved yet" in cover
        assert "Not saved: the project had not been saved to a file" in cover

        save_project(session, tmp_path / "acme.aims")
        cover = _cover(reports.snapshot(session), tmp_path)
        assert "PROJECT REVISION 1 " in cover
        assert "Not saved" not in cover and "Unsaved" not in cover

        update_assessment(session, "4.1", status=Status.MET)
        snapshot = reports.snapshot(session)
        assert snapshot.unsaved
        cover = _cover(snapshot, tmp_path)
        assert "PROJECT REVISION 1, with unsaved changes" in cover
        assert "Unsaved changes: this report includes changes made after revision 1" in cover
    finally:
        close_project(session)


def test_a_saved_snapshot_reads_as_its_revision(demo_snapshot: ProjectSnapshot) -> None:
    saved = dataclasses.replace(demo_snapshot, revision=4, unsaved=False)
    assert saved.revision_text == "revision 4"
    assert dataclasses.replace(saved, unsaved=True).revision_text == (
        "revision 4, with changes not yet saved"
    )
    assert demo_snapshot.revision_text == "a project not yet saved to a file"


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_excluded_is_the_one_word_for_an_excluded_control(
    kind: str, gap_pdf: Pdf, soa_pdf: Pdf
) -> None:
    text = (gap_pdf if kind == "gap" else soa_pdf).text
    assert "EXCLUDED" in text
    assert "NOT APPLICABLE" not in text.upper()


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_no_page_of_the_demo_reports_ends_with_a_heading(
    kind: str, gap_pdf: Pdf, soa_pdf: Pdf
) -> None:
    pdf = gap_pdf if kind == "gap" else soa_pdf
    headings = {normalise(title) for _, title, _ in pdf.outline()}
    for index in range(2, len(pdf.pages)):
        body = [line for line in pdf.lines(index) if "Page " not in line]
        last = body[-1]
        assert not any(last.startswith(h) for h in headings), (index + 1, last)
        assert not (last.isupper() and re.match(r"\d+\.\d+ ", last)), (index + 1, last)
