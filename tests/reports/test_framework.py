"""The report framework, checked by reading the PDFs back: text, fonts, footers, outline,
metadata, determinism, cancellation and the atomic write."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf.generic import DictionaryObject

from aims_desktop import __version__
from aims_desktop.domain.actions import Action
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.domain.status import Status
from aims_desktop.services import assessments, organisation, reports
from aims_desktop.services.project import close_project, new_project
from tests.reports.conftest import PAGE_FOOTER, Pdf, fixed_clock, normalise, read_pdf

MARKUP_LIKE = [
    "Risk <b score",
    "&lt;",
    '<img src="x"/>',
    '<font color="white">hidden</font>',
]

SCRIPTS = {
    "Polish": "Zażółć gęślą jaźń, Łódź",
    "Czech": "Příliš žluťoučký kůň úpěl ďábelské ódy",
    "Greek": "Ελένη Παπαδοπούλου, Θεσσαλονίκη",
    "Cyrillic": "Съешь же ещё этих мягких французских булок",
    "Turkish": "İstanbul, Ağrı, Şişli, Çağlayan, Ödemiş, Üsküdar, ılık",  # noqa: RUF001
}

STANDARD_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}


@pytest.fixture
def tricky_snapshot() -> ProjectSnapshot:
    """A project whose every user-typed field holds markup-like text or non-Latin scripts."""
    session = new_project(
        'Łódź <b>Bold</b> & "Quoted" Sp. z o.o.', user=SCRIPTS["Greek"], clock=fixed_clock
    )
    organisation.update_organisation(
        session,
        sector=SCRIPTS["Turkish"],
        scope="First line of the scope\nSecond line <i>not italic</i>",
    )
    assessments.update_assessment(
        session,
        "4.1",
        status=Status.PARTIALLY_MET,
        owner=MARKUP_LIKE[3],
        notes="\n".join(MARKUP_LIKE),
        target_date=fixed_clock().date() + timedelta(days=10),
    )
    assessments.update_assessment(
        session,
        "4.2",
        status=Status.NOT_MET,
        owner=SCRIPTS["Cyrillic"],
        notes="\n".join(SCRIPTS.values()),
    )
    assessments.exclude_control(
        session, "A.10.4", 'No customers use our AI <a href="http://x">link</a> & never will'
    )
    assessments.update_assessment(
        session,
        "A.2.2",
        status=Status.PARTIALLY_MET,
        owner=SCRIPTS["Cyrillic"],
        justification=SCRIPTS["Polish"],
        notes="\n".join([SCRIPTS["Czech"], SCRIPTS["Greek"], SCRIPTS["Turkish"]]),
    )
    try:
        return reports.snapshot(session, prepared_by="Jan <u>Nováček</u>", confidentiality="<b>")
    finally:
        close_project(session)


def _fonts(pdf: Pdf) -> dict[str, DictionaryObject]:
    fonts: dict[str, DictionaryObject] = {}
    for page in pdf.reader.pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        font_dict = resources.get_object().get("/Font", {})
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def _descriptor(font: DictionaryObject) -> DictionaryObject:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_markup_in_user_text_prints_literally(
    kind: str, tricky_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    pdf = read_pdf(reports.build_report(tricky_snapshot, kind, tmp_path / "r.pdf"))
    text = pdf.text
    assert normalise('Łódź <b>Bold</b> & "Quoted" Sp. z o.o.') in text
    assert "Jan <u>Nováček</u>" in text
    assert "<B>" in pdf.page_text(0)  # the marking, in capitals on the cover
    assert "<b>" in pdf.page_text(2)  # and as typed at the foot of every page
    if kind == "gap":
        for literal in MARKUP_LIKE:
            assert literal in text
        assert "Second line <i>not italic</i>" in text
    else:
        assert 'No customers use our AI <a href="http://x">link</a> & never will' in text


def test_line_breaks_in_user_text_are_kept(
    tricky_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    pdf = read_pdf(reports.build_report(tricky_snapshot, "gap", tmp_path / "r.pdf"))
    raw = "\n".join(pdf.pages)
    lines = [line.strip() for line in raw.splitlines()]
    # each typed line starts a printed line of its own, wherever the notes are shown
    for literal in MARKUP_LIKE[1:]:
        assert literal in lines or any(line.startswith(literal) for line in lines)
    assert "Second line <i>not italic</i>" in lines


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_polish_czech_greek_cyrillic_and_turkish_come_back_identically(
    kind: str, tricky_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    pdf = read_pdf(reports.build_report(tricky_snapshot, kind, tmp_path / "r.pdf"))
    for script, sample in SCRIPTS.items():
        assert sample in pdf.text, script


def test_text_outside_the_font_does_not_break_the_report(tmp_path: Path) -> None:
    session = new_project("東京 AI 株式会社 😀", user="x", clock=fixed_clock)
    assessments.update_assessment(session, "4.1", status=Status.MET, notes="שלום عربى नमस्ते 😀")
    snapshot = reports.snapshot(session)
    close_project(session)
    pdf = read_pdf(reports.build_report(snapshot, "gap", tmp_path / "r.pdf"))
    # what the font cannot draw prints as a visible stand-in, never as an invisible box
    assert "\ufffd\ufffd AI \ufffd\ufffd\ufffd\ufffd \ufffd" in pdf.page_text(0)
    assert "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd \ufffd" in pdf.text  # Devanagari, emoji
    assert "\x00" not in pdf.text


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_every_font_is_embedded(
    kind: str, gap_pdf: Pdf, soa_pdf: Pdf, tricky_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    for pdf in (
        gap_pdf if kind == "gap" else soa_pdf,
        read_pdf(reports.build_report(tricky_snapshot, kind, tmp_path / "t.pdf")),
    ):
        fonts = _fonts(pdf)
        assert fonts, "no fonts found"
        for name, font in fonts.items():
            bare = name.lstrip("/").split("+")[-1]
            assert bare not in STANDARD_14, f"{name} is a standard font, not embedded"
            descriptor = _descriptor(font)
            assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert {n.split("+")[-1] for n in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_page_n_of_n_on_every_page_but_the_cover(kind: str, gap_pdf: Pdf, soa_pdf: Pdf) -> None:
    pdf = gap_pdf if kind == "gap" else soa_pdf
    total = len(pdf.pages)
    assert total > 5
    assert PAGE_FOOTER.search(pdf.page_text(0)) is None
    for index in range(1, total):
        found = PAGE_FOOTER.findall(pdf.page_text(index))
        assert found == [(str(index + 1), str(total))], f"page {index + 1}"


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_outline_matches_the_headings(kind: str, gap_pdf: Pdf, soa_pdf: Pdf) -> None:
    pdf = gap_pdf if kind == "gap" else soa_pdf
    outline = pdf.outline()
    assert len(outline) > 10
    for level, title, page in outline:
        # every bookmark lands on the page that shows its heading
        assert normalise(title) in pdf.page_text(page), (level, title, page)
    top = [title for level, title, _ in outline if level == 0]
    if kind == "gap":
        assert top == [
            "Contents",
            "Executive summary",
            "Organisation and scope",
            "What an auditor would question",
            "Clauses 4 to 10: the management system",
            "Annex A controls",
            "Action plan",
            "Appendix A: Not yet assessed",
            "Appendix B: Evidence on file",
        ]
    else:
        assert top == [
            "Contents",
            "About this statement",
            "Annex A controls",
            "Controls of our own",
            "Sign-off",
        ]


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_contents_page_lists_the_sections_with_their_page_numbers(
    kind: str, gap_pdf: Pdf, soa_pdf: Pdf
) -> None:
    pdf = gap_pdf if kind == "gap" else soa_pdf
    lines = pdf.lines(1)
    assert "Contents" in lines
    listed = [(title, page) for level, title, page in pdf.outline() if level <= 1][1:]
    entries = [line for line in lines if re.search(r"\d$", line) and "Page 2 of" not in line]
    assert len(entries) == len(listed)
    for line, (title, page) in zip(entries, listed, strict=True):
        assert re.fullmatch(re.escape(normalise(title)) + r"[ .]*" + str(page + 1), line), line


def test_metadata_names_the_report_the_author_and_the_application(gap_pdf: Pdf) -> None:
    meta = gap_pdf.reader.metadata
    assert meta is not None
    assert meta.title == "Gap analysis and readiness — Kestrel Freight Solutions Ltd"
    assert meta.author == "Priya Shah"
    assert meta.subject is not None and "ISO/IEC 42001:2023" in meta.subject
    assert meta.creator == f"AIMS Desktop {__version__}"


def test_cover_identifies_the_project(gap_pdf: Pdf, demo_snapshot: ProjectSnapshot) -> None:
    cover = gap_pdf.page_text(0)
    for expected in (
        "Gap analysis and readiness",
        "Kestrel Freight Solutions Ltd",
        "27 November 2026",
        "Priya Shah",
        demo_snapshot.fingerprint,
        "PROJECT REVISION Not saved yet",  # the demo snapshot was never saved to a file
        "Not saved: the project had not been saved to a file",
        "CONFIDENTIAL",
        f"AIMS Desktop {__version__}",
    ):
        assert expected in cover
    running = gap_pdf.page_text(3)
    assert "Gap analysis and readiness" in running and "Kestrel Freight Solutions Ltd" in running
    assert "Confidential" in running


def test_deterministic_mode_gives_identical_bytes(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    for kind in ("gap", "soa"):
        first = reports.build_report(demo_snapshot, kind, tmp_path / "1.pdf", deterministic=True)
        again = dataclasses.replace(demo_snapshot)  # another object, same content
        second = reports.build_report(again, kind, tmp_path / "2.pdf", deterministic=True)
        assert first.read_bytes() == second.read_bytes()


def _cancel_after(calls: int) -> tuple[list[int], object]:
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] > calls

    return asked, cancelled


@pytest.mark.parametrize("calls", [0, 5, 60])
def test_cancel_raises_and_leaves_no_file(
    calls: int, demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    asked, cancelled = _cancel_after(calls)
    output = tmp_path / "report.pdf"
    with pytest.raises(reports.ReportCancelled):
        reports.build_report(demo_snapshot, "gap", output, cancelled=cancelled)  # type: ignore[arg-type]
    assert asked[0] == calls + 1
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_build_leaves_the_previous_report_untouched(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    output = tmp_path / "report.pdf"
    output.write_bytes(b"the report sent last week")
    _, cancelled = _cancel_after(30)
    with pytest.raises(reports.ReportCancelled):
        reports.build_report(demo_snapshot, "soa", output, cancelled=cancelled)  # type: ignore[arg-type]
    assert output.read_bytes() == b"the report sent last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_progress_runs_from_zero_to_one_with_messages(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    seen: list[tuple[float, str]] = []
    reports.build_report(
        demo_snapshot, "gap", tmp_path / "r.pdf", progress=lambda f, m: seen.append((f, m))
    )
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert len(seen) >= 10
    assert all(message for _, message in seen)
    assert any(m.startswith("Writing page") for _, m in seen)


def test_a_folder_that_does_not_exist_is_a_clear_message(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    with pytest.raises(reports.ReportNotWritten) as raised:
        reports.build_report(demo_snapshot, "gap", tmp_path / "missing" / "r.pdf")
    assert "“r.pdf” could not be written (the folder does not exist)" in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_a_read_only_target_is_a_clear_message(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    target = tmp_path / "r.pdf"
    target.mkdir()  # a folder where the file should go: os.replace refuses on every platform
    with pytest.raises(reports.ReportNotWritten) as raised:
        reports.build_report(demo_snapshot, "soa", target)
    assert "close it and try again, or choose another folder" in str(raised.value)
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def _with_actions(snapshot: ProjectSnapshot, count: int, notes: str = "") -> ProjectSnapshot:
    items = snapshot.catalog.items
    today = snapshot.today
    actions = tuple(
        Action(
            item_id=items[n % len(items)].id,
            title=items[n % len(items)].title,
            status=Status.NOT_MET if n % 3 else Status.PARTIALLY_MET,
            owner=f"Owner {n}",
            target_date=today + timedelta(days=n - count // 2),
            notes=notes,
            overdue=n < count // 2,
        )
        for n in range(count)
    )
    return dataclasses.replace(snapshot, actions=actions)


def test_long_tables_split_across_pages_and_repeat_their_header(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    snapshot = _with_actions(demo_snapshot, 300)
    pdf = read_pdf(reports.build_report(snapshot, "gap", tmp_path / "r.pdf"))
    pages = [i for i in range(len(pdf.pages)) if re.search(r"\bOwner \d+\b", pdf.page_text(i))]
    assert len(pages) >= 5
    assert pages == list(range(pages[0], pages[-1] + 1))
    for index in pages:
        assert "# Requirement and notes Status Owner Target date" in pdf.page_text(index)
    assert "Owner 299" in pdf.page_text(pages[-1])
    assert "OVERDUE BY" in pdf.page_text(pages[0])


def test_a_note_longer_than_a_page_is_split_not_refused(
    demo_snapshot: ProjectSnapshot, tmp_path: Path
) -> None:
    long_note = "\n".join(f"Paragraph {n}: " + "word " * 60 for n in range(120))
    snapshot = _with_actions(demo_snapshot, 3, notes=long_note)
    pdf = read_pdf(reports.build_report(snapshot, "gap", tmp_path / "r.pdf"))
    assert "Paragraph 0:" in pdf.text and "Paragraph 119:" in pdf.text


@pytest.mark.parametrize("kind", ["gap", "soa"])
def test_an_empty_project_gives_a_complete_report(kind: str, tmp_path: Path) -> None:
    session = new_project("Empty Ltd", user="Ann", clock=fixed_clock)
    snapshot = reports.snapshot(session)
    close_project(session)
    pdf = read_pdf(reports.build_report(snapshot, kind, tmp_path / "r.pdf"))
    assert "Empty Ltd" in pdf.page_text(0)
    if kind == "gap":
        assert "There are no open actions" in pdf.text
        assert "70 of 70 requirements have no status yet" in pdf.text
