"""The AI risk register at scale: its PDF with 5,000 risks beside bare reportlab drawing the same
rows in the same run, and every auditor's-eye check on a project of 5,000 risks and 1,000 AI
systems (the dashboard runs them after every edit).

Figures:
    pdf_5000_seconds / bare_reportlab_5000_rows_seconds / pdf_5000_ratio: our report (cover,
        contents, two passes for "Page n of N", heat maps, criteria, the register, the
        consequences and the treatment plan) against a bare SimpleDocTemplate drawing the rows
        of the same three tables (Paragraph cells, header repeated, landscape).
    rules_seconds: every consistency check (domain.eye.RULES) on the snapshot, median of runs.
    dashboard_findings_seconds: what the dashboard does after an edit: read the snapshot from
        the project and run every check.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RISKS = 5_000
SYSTEMS = 1_000
CONTROLS = ("A.6.2.4", "A.6.2.6", "A.9.4", "A.8.2", "A.10.3", "A.7.4", "A.5.4", "A.4.6")
OWNERS = ("Priya Shah", "Daniel Reyes", "Amira Haddad (HR)", "Tom Okafor (Managing Director)")


def _clock() -> datetime:
    return datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def _timed(repeat: int, work: Any) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _risk_values(n: int, systems: list[str]) -> dict[str, Any]:
    from aims_desktop.domain.registers.risks import (
        AIObjective,
        RiskSource,
        RiskStatus,
        TreatmentOption,
    )

    sources = list(RiskSource)
    objectives = list(AIObjective)
    statuses = [RiskStatus.OPEN, RiskStatus.IN_TREATMENT, RiskStatus.TREATED, RiskStatus.ACCEPTED]
    status = statuses[n % 4]
    values: dict[str, Any] = {
        "ref": f"R-{n + 1:05d}",
        "title": f"Risk {n + 1}: the model gives a wrong answer a customer relies on",
        "description": "Language models state things the data does not support.",
        "ai_systems": tuple(
            dict.fromkeys((systems[n % len(systems)], systems[(n * 7 + 1) % len(systems)]))
        )
        if n % 3
        else (systems[n % len(systems)],),
        "sources": frozenset({sources[n % 7], sources[(n + 3) % 7]}),
        "objectives": frozenset({objectives[n % 11]}),
        "consequence_organisation": "Complaints and goodwill payments." if n % 2 else "",
        "consequence_individuals": "Customers plan around a delivery that does not come.",
        "likelihood": 1 + n % 5,
        "consequence": 1 + (n // 5) % 5,
        "owner": OWNERS[n % 4],
        "status": status,
        "option": TreatmentOption.MODIFY if n % 9 else TreatmentOption.RETAIN,
        "controls": tuple(CONTROLS[(n + k) % len(CONTROLS)] for k in range(1 + n % 3)),
        "treatment_plan": "Limit answers to verified data; test before each change; "
        "review a weekly sample of conversations.",
        "treatment_owner": OWNERS[(n + 1) % 4],
        "treatment_due": date(2026, 11, 27) + timedelta(days=(n * 13) % 200 - 60),
    }
    if status in (RiskStatus.TREATED, RiskStatus.ACCEPTED) or n % 9 == 0:
        values["residual_likelihood"] = 1
        values["residual_consequence"] = 1 + n % 3
    if status is RiskStatus.ACCEPTED:
        values["accepted_by"] = OWNERS[3]
        values["accepted_on"] = date(2026, 10, 1)
    return values


def _project(risks: int, systems_count: int) -> Any:
    from aims_desktop.services import registers
    from aims_desktop.services.project import new_project

    session = new_project("Benchmark Ltd", user="bench", clock=_clock)
    systems = [
        registers.prepare(
            session, "ai_system", {"ref": f"AI-{n + 1:04d}", "name": f"System {n + 1}"}
        )
        for n in range(systems_count)
    ]
    registers.insert_prepared(session, "ai_system", systems, "bench")
    ids = [s.id for s in systems]
    context = registers.record_context(session)
    prepared = [
        registers.prepare(session, "risk", _risk_values(n, ids), context=context)
        for n in range(risks)
    ]
    registers.insert_prepared(session, "risk", prepared, "bench")
    return session


def _bare_reportlab(snapshot: Any, output: Path) -> None:
    """The rows of the register, the consequences and the treatment plan, in three bare
    reportlab tables: Paragraph cells, header repeated, nothing of ours around them."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
    from reportlab.platypus.tables import TableStyle

    from aims_desktop.reports.fonts import register_fonts
    from aims_desktop.reports.text import markup

    font = register_fonts()
    style = ParagraphStyle("cell", fontName=font, fontSize=8.2, leading=10.8)
    criteria = snapshot.risk_criteria
    labels = snapshot.link_labels
    risks = list(snapshot.records("risk"))

    def table(headers: list[str], rows: list[list[str]], width: float) -> Table:
        data = [[Paragraph(markup(h), style) for h in headers]]
        data.extend([Paragraph(markup(c), style) for c in row] for row in rows)
        result = Table(data, colWidths=[width / len(headers)] * len(headers), repeatRows=1)
        result.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return result

    register = [
        [
            r.ref,
            r.title,
            "; ".join(labels.get(("ai_system", i), i) for i in r.ai_systems),
            criteria.rating_text(r.likelihood, r.consequence),
            r.owner,
            r.status.label if r.status else "",
        ]
        for r in risks
    ]
    consequences = [
        [r.ref, r.consequence_organisation, r.consequence_individuals, r.consequence_society]
        for r in risks
    ]
    plan = [
        [
            r.ref,
            r.option.label if r.option else "",
            ", ".join(r.controls),
            r.treatment_plan,
            f"{r.treatment_owner} {r.treatment_due}",
            criteria.rating_text(r.residual_likelihood, r.residual_consequence),
            f"{r.accepted_by} {r.accepted_on or ''}",
        ]
        for r in risks
    ]
    doc = SimpleDocTemplate(str(output), pagesize=landscape(A4))
    width = landscape(A4)[0] - doc.leftMargin - doc.rightMargin
    doc.build(
        [
            table(["Ref", "Risk", "AI systems", "Inherent", "Owner", "Status"], register, width),
            table(["Ref", "Organisation", "Individuals", "Society"], consequences, width),
            table(
                ["Ref", "Option", "Controls", "Plan", "Owner", "Residual", "Accepted"], plan, width
            ),
        ]
    )


def run(quick: bool) -> dict[str, float | int | str]:
    """Figures keep their names in quick mode (a tenth of the size; see "risks")."""
    repeat = 1 if quick else 3
    risks, systems = (RISKS // 10, SYSTEMS // 10) if quick else (RISKS, SYSTEMS)
    with tempfile.TemporaryDirectory(prefix="aims-bench-risks-") as temp:
        folder = Path(temp)
        os.environ["AIMS_DESKTOP_DATA_DIR"] = str(folder / "data")
        os.environ["AIMS_DESKTOP_SETTINGS_DIR"] = str(folder / "settings")
        from pypdf import PdfReader

        from aims_desktop.domain.eye import findings
        from aims_desktop.services import reports
        from aims_desktop.services.eye import project_findings
        from aims_desktop.services.project import close_project

        started = time.perf_counter()
        session = _project(risks, systems)
        figures: dict[str, float | int | str] = {
            "risks": risks,
            "ai_systems": systems,
            "build_project_seconds": time.perf_counter() - started,
        }
        try:
            snapshot = reports.snapshot(session)
            found = findings(snapshot)
            rules = _timed(max(repeat, 5), lambda: findings(snapshot))
            dashboard = _timed(repeat, lambda: project_findings(session))
        finally:
            close_project(session)
        figures["rules_seconds"] = rules
        figures["findings"] = len(found)
        figures["dashboard_findings_seconds"] = dashboard

        reports.build_report(snapshot, "soa", folder / "warm-up.pdf")  # fonts, styles, imports
        ours = folder / "risks.pdf"
        seconds = _timed(repeat, lambda: reports.build_report(snapshot, "risks", ours))
        bare = folder / "bare.pdf"
        baseline = _timed(repeat, lambda: _bare_reportlab(snapshot, bare))
        figures["risk_register_5000_pdf_seconds"] = seconds
        figures["pdf_5000_pages"] = len(PdfReader(ours).pages)
        figures["bare_reportlab_5000_rows_seconds"] = baseline
        figures["bare_reportlab_5000_rows_pages"] = len(PdfReader(bare).pages)
        figures["pdf_5000_ratio"] = seconds / baseline
        return figures


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key:<44} {value}")
