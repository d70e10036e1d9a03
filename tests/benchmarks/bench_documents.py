"""Documents: the master list of 5,000 documents as a PDF against bare reportlab drawing the same
rows, and attaching a 100 MB file as a new document version against copying the same file with
shutil, each measured in the same run.

The master list is the demo project's snapshot with its document register replaced by 5,000
synthetic documents (a sixth of them overdue for review); the baseline is a bare reportlab
SimpleDocTemplate drawing a Table of the same eight columns (Paragraph cells, header repeated),
landscape like ours. Ours additionally has a cover, contents, two passes for "Page n of N", key
figures, the mandatory documented information and the "OVERDUE" marks.

Attaching reads the file once, hashing while it streams into the project's SQLite file, commits
with SQLite's full fsync, then records the version (a second small transaction). shutil copies
without hashing or syncing; a second baseline adds an fsync to the copy, which is what makes
either one durable.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TITLES = (
    "AI risk management procedure",
    "Supplier due-diligence checklist",
    "Model validation report for the forecasting service",
    "Training record",
    "Customer notice about automated decisions",
)
OWNERS = ("Priya Shah", "Daniel Reyes", "Amira Haddad", "Tom Okafor", "Zofia Wiśniewska")


def _timed(repeat: int, work: Any) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _clock() -> datetime:
    return datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def _documents(count: int, today: date) -> list[Any]:
    from aims_desktop.domain.registers.documents import (
        Classification,
        Document,
        DocumentKind,
        DocumentStatus,
        Storage,
    )

    kinds = list(DocumentKind)
    statuses = list(DocumentStatus)
    items = ("5.2", "6.1.2", "7.5.3", "A.6.2.4", "A.10.3", "8.4")
    records = []
    for n in range(count):
        status = statuses[n % 3]
        approved = status is DocumentStatus.APPROVED
        records.append(
            Document.model_construct(
                id=f"00000000-0000-4000-8000-{n:012d}",
                created_at="2026-01-01T00:00:00.000000Z",
                updated_at="2026-01-01T00:00:00.000000Z",
                changed_by="bench",
                ref=f"DOC-{n + 1:05d}",
                title=f"{TITLES[n % len(TITLES)]} {n * 7919 % 10_000}",
                kind=kinds[n % len(kinds)],
                version=f"{n % 4}.{n % 7}",
                status=status,
                owner=OWNERS[n % len(OWNERS)],
                approver=OWNERS[(n + 1) % len(OWNERS)] if approved else "",
                approved_on=today - timedelta(days=n % 400) if approved else None,
                review_date=today + timedelta(days=(n * 37) % 500 - 80),
                classification=Classification.INTERNAL,
                retention="Six years",
                kept=Storage.ELSEWHERE,
                location="SharePoint",
                requirements=tuple(items[(n + k) % len(items)] for k in range(n % 3 + 1)),
                records=(),
                description="",
            )
        )
    return records


def _bare_master_list(snapshot: Any, output: Path) -> None:
    """The same rows, drawn by reportlab with nothing of ours around them."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
    from reportlab.platypus.tables import TableStyle

    from aims_desktop.reports.documents import HEADER, _widths
    from aims_desktop.reports.fonts import register_fonts
    from aims_desktop.reports.text import markup, short_date

    font = register_fonts()
    style = ParagraphStyle("cell", fontName=font, fontSize=8.2, leading=10.8)
    rows: list[list[Any]] = [[Paragraph(h, style) for h in HEADER]]
    for doc in snapshot.records("document"):
        approved = " ".join(
            p for p in (doc.approver, short_date(doc.approved_on) if doc.approved_on else "") if p
        )
        rows.append(
            [
                Paragraph(markup(doc.ref), style),
                Paragraph(markup(doc.title), style),
                Paragraph(doc.kind.label, style),
                Paragraph(markup(doc.version), style),
                Paragraph(doc.status.label, style),
                Paragraph(markup(approved), style),
                Paragraph(short_date(doc.review_date), style),
                Paragraph(markup(", ".join(doc.requirements)), style),
            ]
        )
    doc_template = SimpleDocTemplate(str(output), pagesize=landscape(A4))
    width = landscape(A4)[0] - doc_template.leftMargin - doc_template.rightMargin
    table = Table(rows, colWidths=_widths(width), repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc_template.build([table])


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _master_list(count: int, repeat: int, folder: Path) -> dict[str, float | int | str]:
    from aims_desktop.services import reports
    from aims_desktop.services.demo import build_demo

    session = build_demo(clock=_clock)
    snapshot = reports.snapshot(session)
    session.project.close()
    registers = {
        k: v for k, v in snapshot.registers.items() if k not in ("document", "document_version")
    }
    registers["document"] = tuple(_documents(count, snapshot.today))
    big = dataclasses.replace(snapshot, registers=registers)
    reports.build_report(snapshot, "documents", folder / "warm.pdf")  # fonts, styles, imports
    ours = folder / "master.pdf"
    seconds = _timed(repeat, lambda: reports.build_report(big, "documents", ours))
    bare = folder / "bare.pdf"
    baseline = _timed(repeat, lambda: _bare_master_list(big, bare))
    return {
        "master_list_5000_seconds": seconds,
        "master_list_5000_pages": _pages(ours),
        "bare_reportlab_5000_rows_seconds": baseline,
        "bare_reportlab_5000_rows_pages": _pages(bare),
        "master_list_5000_ratio": seconds / baseline,
    }


def _copy_synced(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _attach(size: int, repeat: int, folder: Path) -> dict[str, float | int | str]:
    from aims_desktop.services import documents, registers
    from aims_desktop.services.project import close_project, new_project

    source = folder / "recording.bin"
    with source.open("wb") as handle:  # random-looking data: nothing compresses or dedupes
        block = os.urandom(1 << 20)
        for n in range((size + len(block) - 1) // len(block)):
            handle.write(bytes([n % 256]) + block[1:])
    source.read_bytes()  # in the page cache for both sides, as a file just saved would be
    session = new_project("Benchmark Ltd", user="bench")
    try:
        doc = registers.add(session, "document", {"title": "Screen recording"}).changes[0]
        ours = []
        for n in range(repeat):
            # a different file each time (one byte changed), so nothing is stored already
            with source.open("r+b") as handle:
                handle.seek(size // 2)
                handle.write(bytes([n]))
            start = time.perf_counter()
            documents.add_version_from_file(session, doc.entity_id, source, limit=size * 2)
            ours.append(time.perf_counter() - start)
        attach = statistics.median(ours)
    finally:
        close_project(session)
    copy = _timed(repeat, lambda: shutil.copyfile(source, folder / "copy.bin"))
    synced = _timed(repeat, lambda: _copy_synced(source, folder / "copy-synced.bin"))
    return {
        "attach_100mb_seconds": attach,
        "shutil_copy_100mb_seconds": copy,
        "shutil_copy_fsync_100mb_seconds": synced,
        "attach_100mb_ratio": attach / copy,
        "attach_100mb_vs_synced_copy_ratio": attach / synced,
    }


def run(quick: bool) -> dict[str, float | int | str]:
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="aims-bench-documents-") as temp:
        folder = Path(temp)
        os.environ["AIMS_DESKTOP_DATA_DIR"] = str(folder / "data")
        os.environ["AIMS_DESKTOP_SETTINGS_DIR"] = str(folder / "settings")
        figures = _master_list(500 if quick else 5_000, repeat, folder)
        figures.update(_attach(10_000_000 if quick else 100_000_000, repeat, folder))
    return figures


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key:<44} {value}")
