"""Registers: a 100,000-record register in the page's table model (load, sort by a text column,
one filter keystroke), and 5,000 records printed as a report section and exported to XLSX, each
beside a bare baseline measured in the same run (reportlab drawing the same rows; openpyxl's
write-only mode writing the same cells).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

NAMES = ("RoutePilot", "DocuScan", "ForecastLab", "Kestrel Assist", "HireMatch", "ShelfBot")
OWNERS = ("Priya Shah", "Daniel Reyes", "Amira Haddad", "Tom Okafor", "Zofia Wiśniewska")


def _timed(repeat: int, work: Any) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _systems(count: int) -> list[Any]:
    """AI system records built without validation (the store validated them on the way in)."""
    from aims_desktop.domain.registers.ai_systems import AISystem, EUAIActCategory, LifecycleStage

    stages = list(LifecycleStage)
    categories = list(EUAIActCategory)
    records = []
    for n in range(count):
        records.append(
            AISystem.model_construct(
                id=f"00000000-0000-4000-8000-{n:012d}",
                created_at="2026-01-01T00:00:00.000000Z",
                updated_at="2026-01-01T00:00:00.000000Z",
                changed_by="bench",
                ref=f"AI-{n + 1:05d}",
                name=f"{NAMES[n % len(NAMES)]} {n * 7919 % 100_000}",
                purpose="Plans routes for the vans of one depot; reviewed by a dispatcher.",
                roles=frozenset(),
                stage=stages[n % len(stages)],
                owner=OWNERS[n % len(OWNERS)],
                in_scope=n % 9 != 0,
                scope_reason="",
                origin=None,
                provider="",
                data="",
                personal_data=False,
                special_category_data=False,
                affected="",
                oversight="",
                deployed_on=None,
                eu_ai_act=categories[n % len(categories)],
                eu_ai_act_note="",
                review_date=None,
            )
        )
    return records


def _table_model(count: int, repeat: int) -> dict[str, float | int | str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from aims_desktop.domain.registers import REGISTERS
    from aims_desktop.gui.registers.table_model import RegisterTableModel

    _app = QApplication.instance() or QApplication([])
    records = _systems(count)
    model = RegisterTableModel(REGISTERS["ai_system"])
    model.set_search_columns(REGISTERS["ai_system"].columns)  # as the page does
    load = _timed(1, lambda: model.set_records(records))
    column = model.column_of("name")
    sort = _timed(repeat, lambda: model.sort(column, Qt.SortOrder.AscendingOrder))
    sort_desc = _timed(repeat, lambda: model.sort(column, Qt.SortOrder.DescendingOrder))

    def type_filter() -> list[float]:
        model.set_filter("")
        times = []
        typed = ""
        for ch in "kestrel 42":
            typed += ch
            start = time.perf_counter()
            model.set_filter(typed)
            times.append(time.perf_counter() - start)
        return times

    keystrokes = [max(type_filter()) for _ in range(repeat)]
    model.set_filter("")
    return {
        "load_100k_seconds": load,
        "sort_100k_seconds": max(sort, sort_desc),
        "filter_100k_seconds": statistics.median(keystrokes),
        "rows": count,
    }


def _bare_table(headers: list[str], rows: list[list[str]], output: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
    from reportlab.platypus.tables import TableStyle

    from aims_desktop.reports.fonts import register_fonts
    from aims_desktop.reports.text import markup

    font = register_fonts()
    style = ParagraphStyle("cell", fontName=font, fontSize=8.2, leading=10.8)
    data = [[Paragraph(markup(h), style) for h in headers]]
    data.extend([Paragraph(markup(c), style) for c in row] for row in rows)
    doc = SimpleDocTemplate(str(output), pagesize=A4)
    width = A4[0] - doc.leftMargin - doc.rightMargin
    table = Table(data, colWidths=[width / len(headers)] * len(headers), repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc.build([table])


def _bare_xlsx(headers: list[str], rows: list[list[Any]], output: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Register")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(output)


def _section_and_xlsx(count: int, repeat: int, folder: Path) -> dict[str, float | int | str]:
    from aims_desktop.domain.registers import REGISTERS
    from aims_desktop.domain.registers.tabular import export_headers, export_row
    from aims_desktop.services import exchange, registers, reports
    from aims_desktop.services.project import close_project, new_project

    spec = REGISTERS["ai_system"]
    session = new_project("Benchmark Ltd", user="bench")
    try:
        prepared = [
            registers.prepare(
                session,
                "ai_system",
                {"name": r.name, "owner": r.owner, "stage": r.stage, "eu_ai_act": r.eu_ai_act},
                taken_refs=(),
            )
            for r in _systems(count)
        ]
        prepared = [p.model_copy(update={"ref": f"AI-{n + 1:05d}"}) for n, p in enumerate(prepared)]
        registers.insert_prepared(session, "ai_system", prepared, "bench")
        snapshot = reports.snapshot(session)
        reports.build_report(snapshot, "issues", folder / "warm.pdf")
        ours = folder / "section.pdf"
        section = _timed(repeat, lambda: reports.build_report(snapshot, "registers", ours))
        fields = [spec.field(n) for n in spec.columns]
        rows = []
        for record in snapshot.records("ai_system"):
            rows.append(
                [
                    ""
                    if getattr(record, f.name) is None
                    else str(getattr(getattr(record, f.name), "label", getattr(record, f.name)))
                    for f in fields
                ]
            )
        bare = _timed(
            repeat, lambda: _bare_table([f.title for f in fields], rows, folder / "bare.pdf")
        )

        xlsx = _timed(
            repeat,
            lambda: exchange.export_register(session, "ai_system", folder / "ours.xlsx", "xlsx"),
        )
        cells = [export_row(spec, r, lambda _f, i: i) for r in snapshot.records("ai_system")]
        bare_xlsx = _timed(
            repeat, lambda: _bare_xlsx(export_headers(spec), cells, folder / "bare.xlsx")
        )
    finally:
        close_project(session)
    return {
        "section_5000_seconds": section,
        "bare_reportlab_5000_rows_seconds": bare,
        "section_5000_ratio": section / bare,
        "xlsx_5000_seconds": xlsx,
        "bare_openpyxl_5000_rows_seconds": bare_xlsx,
        "xlsx_5000_ratio": xlsx / bare_xlsx,
    }


def run(quick: bool) -> dict[str, float | int | str]:
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="aims-bench-registers-") as temp:
        folder = Path(temp)
        os.environ["AIMS_DESKTOP_DATA_DIR"] = str(folder / "data")
        os.environ["AIMS_DESKTOP_SETTINGS_DIR"] = str(folder / "settings")
        figures = _table_model(10_000 if quick else 100_000, repeat)
        figures.update(_section_and_xlsx(500 if quick else 5_000, repeat, folder))
    return figures


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key:<44} {value}")
