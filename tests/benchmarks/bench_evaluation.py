"""The certification path: the Stage 1 audit pack against building its parts as separate
reports, and the evidence ZIP against Python's zipfile writing the same files, each measured in
the same run.

The audit pack is measured for the demo project and for the demo with its document register
replaced by 2,000 synthetic documents and its risk register by 5,000 synthetic risks. Its parts,
built one by one from the same snapshot, are the reports it reuses: the Statement of
Applicability, the risk register, the impact assessments, the objectives, the internal audit
report, the management review minutes, and the master list of documents (the nearest separate
report to the pack's index). The pack additionally has its cover sheet, scope and policy; the
parts each have a cover and contents of their own.

The evidence ZIP holds 200 MB of stored files (forty files of 5 MB of random bytes, so nothing
compresses): ours streams each file out of the project's SQLite file into the ZIP, hashes it on
the way, writes the index and the sums and syncs the ZIP before swapping it in; the baseline is
`zipfile.ZipFile.write` of the same files from disk with the same compression.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

PARTS = (
    "soa",
    "risks",
    "impact-assessments",
    "objectives",
    "internal-audit",
    "management-review",
    "documents",
)


def _timed(repeat: int, work: Any) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _clock() -> datetime:
    return datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def _big(snapshot: Any, documents: int, risks: int) -> Any:
    from bench_documents import _documents
    from bench_risks import _risk_values

    from aims_desktop.domain.registers.risks import Risk

    systems = [s.id for s in snapshot.records("ai_system")]
    registers = {
        k: v for k, v in snapshot.registers.items() if k not in ("document", "document_version")
    }
    registers["document"] = tuple(_documents(documents, snapshot.today))
    registers["risk"] = tuple(Risk.model_validate(_risk_values(n, systems)) for n in range(risks))
    return dataclasses.replace(snapshot, registers=registers)


def _pack_against_parts(snapshot: Any, repeat: int, folder: Path, name: str) -> dict[str, Any]:
    from pypdf import PdfReader

    from aims_desktop.services import reports

    pack = folder / f"{name}-pack.pdf"

    def parts() -> None:
        for kind in PARTS:
            reports.build_report(snapshot, kind, folder / f"{name}-{kind}.pdf")

    # alternated, so both sides see the same moments of the machine's load
    packs, separates = [], []
    for _ in range(repeat):
        packs.append(_timed(1, lambda: reports.build_report(snapshot, "audit-pack", pack)))
        separates.append(_timed(1, parts))
    seconds, separate = statistics.median(packs), statistics.median(separates)
    return {
        f"audit_pack_{name}_seconds": seconds,
        f"audit_pack_{name}_pages": len(PdfReader(pack).pages),
        f"parts_as_separate_reports_{name}_seconds": separate,
        f"parts_as_separate_reports_{name}_pages": sum(
            len(PdfReader(folder / f"{name}-{kind}.pdf").pages) for kind in PARTS
        ),
        f"audit_pack_{name}_ratio": seconds / separate,
    }


def _audit_pack(quick: bool, repeat: int, folder: Path) -> dict[str, Any]:
    from aims_desktop.services import reports
    from aims_desktop.services.demo import build_demo

    session = build_demo(clock=_clock)
    try:
        snapshot = reports.snapshot(session, kind="audit-pack")
    finally:
        session.project.close()
    reports.build_report(snapshot, "soa", folder / "warm.pdf")  # fonts, styles, imports
    figures = _pack_against_parts(snapshot, repeat, folder, "demo")
    documents, risks = (200, 500) if quick else (2_000, 5_000)
    figures["big_documents"] = documents
    figures["big_risks"] = risks
    figures.update(_pack_against_parts(_big(snapshot, documents, risks), repeat, folder, "big"))
    figures["audit_pack_ratio"] = figures["audit_pack_big_ratio"]
    return figures


def _evidence_zip(total: int, repeat: int, folder: Path) -> dict[str, Any]:
    from aims_desktop.services import documents
    from aims_desktop.services.evidence_export import write_zip
    from aims_desktop.services.project import close_project, new_project

    size = 5_000_000
    count = max(1, total // size)
    files = []
    for n in range(count):
        path = folder / f"evidence-{n:03d}.bin"
        path.write_bytes(os.urandom(size))  # random: nothing compresses or dedupes
        files.append(path)
    session = new_project("Benchmark Ltd", user="bench", clock=_clock)
    try:
        for n, path in enumerate(files):
            copy = documents.store_path(session, path)
            documents.add_document_with_file(session, copy, title=f"Recording {n}")
        ours_path = folder / "ours.zip"
        ours = _timed(repeat, lambda: write_zip(session.db, ours_path))
    finally:
        close_project(session)

    def baseline_zip() -> None:
        with zipfile.ZipFile(folder / "baseline.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, f"DOC/{path.name}")

    baseline = _timed(repeat, baseline_zip)
    return {
        "evidence_zip_files": count,
        "evidence_zip_mb": round(count * size / 1e6),
        "evidence_zip_seconds": ours,
        "zipfile_same_files_seconds": baseline,
        "evidence_zip_ratio": ours / baseline,
    }


def run(quick: bool) -> dict[str, float | int | str]:
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="aims-bench-evaluation-") as temp:
        folder = Path(temp)
        os.environ["AIMS_DESKTOP_DATA_DIR"] = str(folder / "data")
        os.environ["AIMS_DESKTOP_SETTINGS_DIR"] = str(folder / "settings")
        figures = _audit_pack(quick, repeat, folder)
        figures.update(_evidence_zip(20_000_000 if quick else 200_000_000, repeat, folder))
    return figures


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key:<44} {value}")
