"""Everything a report needs, gathered once: reports never touch the database.

Built on the GUI thread by services.reports.snapshot(), then handed to a worker thread that
renders the PDF, so the user can keep editing while a report is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from aims_desktop.catalog import Catalog
from aims_desktop.domain.actions import Action
from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.change_list import ChangeList
from aims_desktop.domain.evidence import EvidenceRecord
from aims_desktop.domain.fields import RegisterRecord
from aims_desktop.domain.organisation import Organisation
from aims_desktop.domain.readiness import ReadinessReport
from aims_desktop.domain.registers.spec import RecordContext
from aims_desktop.domain.risk_criteria import DEFAULT_CRITERIA, RiskCriteria
from aims_desktop.domain.soa import StatementOfApplicability


@dataclass(frozen=True)
class ProjectSnapshot:
    catalog: Catalog
    organisation: Organisation
    assessments: dict[str, Assessment]
    evidence: tuple[EvidenceRecord, ...]
    readiness: ReadinessReport
    actions: tuple[Action, ...]
    not_assessed: tuple[str, ...]
    revision: int
    fingerprint: str
    generated_at: datetime
    prepared_by: str
    confidentiality: str = "Confidential"
    app_version: str = ""
    file_name: str = ""
    unsaved: bool = False
    """The project held changes not saved to its file (or was never saved): the revision and
    fingerprint then describe no file on disk, and the report says so."""
    extra: dict[str, str] = field(default_factory=dict)
    """Choices of the report asked for: "record", the reference or id of the internal audit
    or management review a report describes (the latest one when absent)."""
    registers: dict[str, tuple[RegisterRecord, ...]] = field(default_factory=dict)
    """Every register's records, by register key (only registers that have records)."""
    link_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    """(register key or "catalog", id) -> the label a link to it prints as."""
    risk_criteria: RiskCriteria = DEFAULT_CRITERIA
    """The project's risk criteria (6.1.1): scales, matrix, acceptance level."""
    soa_document: StatementOfApplicability = field(default_factory=StatementOfApplicability)
    """The Statement of Applicability's document number, version and approval."""
    history_head: str = ""
    """The head of the history's hash chain (store/chain.py): the cover prints it."""

    @property
    def record_context(self) -> RecordContext:
        """What register fields and computed columns need to know about the project."""
        return RecordContext(criteria=self.risk_criteria)

    change_list: ChangeList | None = None
    """What changed since a revision or a date, for the report that prints it (read from the
    change log only when that report is asked for)."""

    @property
    def today(self) -> date:
        return self.generated_at.date()

    @property
    def never_saved(self) -> bool:
        return self.revision == 0

    @property
    def revision_text(self) -> str:
        """The project state a report describes, in words: "revision 3", "revision 3, with
        changes not yet saved", "a project not yet saved to a file"."""
        if self.never_saved:
            return "a project not yet saved to a file"
        if self.unsaved:
            return f"revision {self.revision}, with changes not yet saved"
        return f"revision {self.revision}"

    def assessment(self, item_id: str) -> Assessment:
        return self.assessments.get(item_id) or Assessment(item_id=item_id)

    def records(self, key: str) -> tuple[RegisterRecord, ...]:
        return self.registers.get(key, ())
