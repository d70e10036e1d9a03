"""PDF reports: the demo project's gap report and Statement of Applicability, and a gap report
whose action plan has 2,000 rows, against reportlab drawing the same rows bare.

The 2,000-action case is a ProjectSnapshot of the demo project whose action plan is replaced by
2,000 synthetic Action rows (the catalogue has only 70 requirements, so a real project cannot have
more open items than that until an action register exists). The baseline is a bare reportlab
SimpleDocTemplate drawing a Table of the same rows (Paragraph cells, header repeated), in the same
run and process: our report additionally has a cover, contents, two passes for "Page n of N", the
executive summary, 70 requirement sections and the appendices.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ACTIONS = 2_000
NOTE = "Follow up with the supplier and record the outcome in the risk register."


def _clock() -> datetime:
    return datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def _timed(repeat: int, build: Any) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        build()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _with_actions(snapshot: Any, count: int) -> Any:
    from aims_desktop.domain.actions import Action
    from aims_desktop.domain.status import Status

    items = snapshot.catalog.items
    owners = ("Priya Shah", "Daniel Reyes", "Amira Haddad (HR)", "Tom Okafor (Managing Director)")
    actions = []
    for n in range(count):
        item = items[n % len(items)]
        due = snapshot.today + timedelta(days=(n * 37) % 260 - 60)
        actions.append(
            Action(
                item_id=item.id,
                title=item.title,
                status=Status.NOT_MET if n % 3 == 0 else Status.PARTIALLY_MET,
                owner=owners[n % len(owners)] if n % 5 else "",
                target_date=due if n % 7 else None,
                notes=" ".join([NOTE] * (n % 3)),
                overdue=due < snapshot.today,
            )
        )
    overdue_first = sorted(actions, key=lambda a: (not a.overdue, a.target_date is None))
    return dataclasses.replace(snapshot, actions=tuple(overdue_first))


def _bare_reportlab(snapshot: Any, output: Path) -> None:
    """The same action rows, drawn by reportlab with nothing of ours around them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
    from reportlab.platypus.tables import TableStyle

    from aims_desktop.reports.fonts import register_fonts
    from aims_desktop.reports.gap import ACTION_HEADER, action_widths
    from aims_desktop.reports.text import markup

    font = register_fonts()
    style = ParagraphStyle("cell", fontName=font, fontSize=8.2, leading=10.8)
    rows: list[list[Any]] = [[Paragraph(h, style) for h in ACTION_HEADER]]
    for n, action in enumerate(snapshot.actions, start=1):
        text = f"<b>{markup(action.item_id)}</b> {markup(action.title)}"
        if action.notes:
            text += f"<br/>{markup(action.notes)}"
        rows.append(
            [
                Paragraph(str(n), style),
                Paragraph(text, style),
                Paragraph(action.status.label, style),
                Paragraph(markup(action.owner or "No owner"), style),
                Paragraph(action.target_date.isoformat() if action.target_date else "", style),
            ]
        )
    doc = SimpleDocTemplate(str(output), pagesize=A4)
    width = A4[0] - doc.leftMargin - doc.rightMargin
    table = Table(rows, colWidths=action_widths(width), repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc.build([table])


def run(quick: bool) -> dict[str, float | int | str]:
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="aims-bench-reports-") as temp:
        folder = Path(temp)
        os.environ["AIMS_DESKTOP_DATA_DIR"] = str(folder / "data")
        os.environ["AIMS_DESKTOP_SETTINGS_DIR"] = str(folder / "settings")
        from aims_desktop.services import reports
        from aims_desktop.services.demo import build_demo

        session = build_demo(clock=_clock)
        snapshot = reports.snapshot(session)
        session.project.close()
        reports.build_report(snapshot, "soa", folder / "warm-up.pdf")  # fonts, styles, imports

        figures: dict[str, float | int | str] = {}
        for kind in ("gap", "soa"):
            path = folder / f"demo-{kind}.pdf"
            seconds = _timed(repeat, lambda k=kind, p=path: reports.build_report(snapshot, k, p))
            figures[f"demo_{kind}_report_seconds"] = seconds
            figures[f"demo_{kind}_report_pages"] = _pages(path)

        big = _with_actions(snapshot, ACTIONS)
        path = folder / "gap-2000.pdf"
        seconds = _timed(repeat, lambda: reports.build_report(big, "gap", path))
        pages = _pages(path)
        figures["gap_report_2000_actions_seconds"] = seconds
        figures["gap_report_2000_actions_pages"] = pages
        figures["gap_report_pages_per_second"] = pages / seconds

        bare = folder / "bare-2000.pdf"
        baseline = _timed(repeat, lambda: _bare_reportlab(big, bare))
        figures["bare_reportlab_2000_rows_seconds"] = baseline
        figures["bare_reportlab_2000_rows_pages"] = _pages(bare)
        figures["bare_reportlab_pages_per_second"] = _pages(bare) / baseline
        figures["gap_report_vs_bare_reportlab_ratio"] = seconds / baseline
        try:
            import _rl_accel  # noqa: F401  (the optional C extension, package rl-accel)

            figures["reportlab_accelerator"] = "rl-accel (C)"
        except ImportError:
            figures["reportlab_accelerator"] = "none (pure Python)"
        return figures


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key:<44} {value}")
