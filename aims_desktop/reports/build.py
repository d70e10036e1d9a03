"""From a ProjectSnapshot to a finished PDF: the one entry point the services call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable

from aims_desktop import APP_NAME
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.snapshot import ProjectSnapshot
from aims_desktop.reports import (
    ai_systems,
    audit_pack,
    competence,
    documents,
    evaluation,
    gap,
    impact,
    risks,
    soa,
)
from aims_desktop.reports.document import (
    LANDSCAPE,
    PORTRAIT,
    CancelFn,
    ProgressFn,
    RenderResult,
    ReportInfo,
    body_width,
    render,
)
from aims_desktop.reports.errors import ReportCancelled
from aims_desktop.reports.registers import all_registers_story, register_story

Check = Callable[[], None]


@dataclass(frozen=True)
class ReportDefinition:
    title: str
    subtitle: str
    story: Callable[[ProjectSnapshot, float, Check], list[Flowable]]
    orientation: str = PORTRAIT


DEFINITIONS = {
    "gap": ReportDefinition(gap.TITLE, "Self-assessment against ISO/IEC 42001:2023", gap.gap_story),
    "soa": ReportDefinition(
        soa.TITLE,
        "Annex A controls of ISO/IEC 42001:2023: applicability and implementation",
        soa.soa_story,
        # the controls table needs the width; the whole statement follows it
        orientation=LANDSCAPE,
    ),
    "registers": ReportDefinition(
        "Registers of the AI management system",
        "The records kept for ISO/IEC 42001:2023, register by register",
        all_registers_story,
    ),
    **{
        spec.slug: ReportDefinition(
            spec.plural,
            "A register of the AI management system (ISO/IEC 42001:2023)",
            register_story(spec.key),
        )
        for spec in REGISTERS.values()
        if spec.parent is None
    },
    # registers with a report of their own (same command-line names as the generic ones)
    "risks": ReportDefinition(
        risks.TITLE,
        "AI risk assessment and treatment (ISO/IEC 42001:2023, 6.1.2, 6.1.3, 8.2, 8.3)",
        risks.risks_story,
        orientation=LANDSCAPE,
    ),
    "ai-systems": ReportDefinition(
        ai_systems.TITLE,
        "The AI systems within and around the AI management system (ISO/IEC 42001:2023)",
        ai_systems.inventory_story,
        orientation=LANDSCAPE,
    ),
    # clauses 9 and 10 and the auditor's visit (the monitoring register prints its trends)
    "monitoring": ReportDefinition(
        evaluation.MONITORING_TITLE,
        "What is measured, and every result over time (ISO/IEC 42001:2023, 9.1)",
        evaluation.monitoring_story,
    ),
    "internal-audit": ReportDefinition(
        evaluation.AUDIT_TITLE,
        "An internal audit of the AI management system (ISO/IEC 42001:2023, 9.2)",
        evaluation.internal_audit_story,
    ),
    "management-review": ReportDefinition(
        evaluation.REVIEW_TITLE,
        "A management review of the AI management system (ISO/IEC 42001:2023, 9.3)",
        evaluation.management_review_story,
    ),
    "changes": ReportDefinition(
        evaluation.CHANGES_TITLE,
        "The project's changes, by requirement and record, for a returning auditor",
        evaluation.changes_story,
        orientation=LANDSCAPE,
    ),
    # registers whose report needs more than the generic section
    "documents": ReportDefinition(
        documents.TITLE,
        "Documented information of the AI management system (ISO/IEC 42001:2023, 7.5)",
        documents.documents_story,
        orientation=LANDSCAPE,
    ),
    "impact-assessments": ReportDefinition(
        impact.TITLE,
        "ISO/IEC 42001:2023, 6.1.4 and 8.4, Annex A.5",
        impact.impact_story,
        orientation=LANDSCAPE,
    ),
    "impact-assessment": ReportDefinition(
        impact.ONE_TITLE,
        "ISO/IEC 42001:2023, 6.1.4 and 8.4, Annex A.5",
        impact.impact_story,
        orientation=LANDSCAPE,
    ),
    "audit-pack": ReportDefinition(
        audit_pack.TITLE,
        "What a certification body needs for the Stage 1 audit (ISO/IEC 42001:2023)",
        audit_pack.audit_pack_story,
    ),
    "people": ReportDefinition(
        "People, training and competence",
        "Competence of the people doing AI-related work (ISO/IEC 42001:2023, 7.2)",
        competence.people_story,
        orientation=LANDSCAPE,
    ),
}


def _saved_state(snapshot: ProjectSnapshot) -> tuple[str, str]:
    """The revision as the cover names it, and a warning when the report describes no file."""
    if snapshot.never_saved:
        return (
            "Not saved yet",
            "Not saved: the project had not been saved to a file when this report was made, "
            "so no project file matches its fingerprint. Save the project and make the report "
            "again to tie it to a file.",
        )
    if snapshot.unsaved:
        return (
            f"{snapshot.revision}, with unsaved changes",
            f"Unsaved changes: this report includes changes made after revision "
            f"{snapshot.revision} was saved, so the saved file does not match its fingerprint. "
            "Save the project and make the report again to tie it to the file.",
        )
    return "", ""


def report_info(snapshot: ProjectSnapshot, definition: ReportDefinition) -> ReportInfo:
    revision_label, warning = _saved_state(snapshot)
    title = definition.title
    if snapshot.extra.get("record_label"):
        title = f"{title}: {snapshot.extra['record_label']}"
    return ReportInfo(
        title=title,
        organisation=snapshot.organisation.name,
        report_date=snapshot.today,
        prepared_by=snapshot.prepared_by,
        confidentiality=snapshot.confidentiality,
        revision=snapshot.revision,
        fingerprint=snapshot.fingerprint,
        app_name=APP_NAME,
        app_version=snapshot.app_version,
        subtitle=definition.subtitle,
        cover_note=(
            "The content fingerprint identifies what the project said when this report was "
            "made. Run “aims-desktop check” on a project file, or look at the project's "
            "properties in AIMS Desktop: if the fingerprints match, this report describes that "
            "file. This is a self-assessment by the organisation, not a certification decision."
        ),
        orientation=definition.orientation,
        revision_label=revision_label,
        cover_warning=warning,
        history_head=snapshot.history_head,
    )


def build_pdf(
    snapshot: ProjectSnapshot,
    kind: str,
    output: Path,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    deterministic: bool = False,
) -> RenderResult:
    definition = DEFINITIONS[kind]
    is_cancelled = cancelled or (lambda: False)

    def check() -> None:
        if is_cancelled():
            raise ReportCancelled()

    if progress is not None:
        progress(0.0, "Preparing the report")
    story = definition.story(snapshot, body_width(definition.orientation), check)
    check()
    return render(
        report_info(snapshot, definition),
        story,
        output,
        progress=progress,
        cancelled=is_cancelled,
        deterministic=deterministic,
    )
