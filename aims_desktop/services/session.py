"""An open project as the rest of the application sees it: data in, domain objects out."""

from __future__ import annotations

import getpass
from datetime import date, datetime
from pathlib import Path

from aims_desktop.catalog import Catalog, load_catalog
from aims_desktop.domain.actions import Action, action_plan
from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.history import HistoryCheck, LogEntry
from aims_desktop.domain.organisation import Organisation
from aims_desktop.domain.readiness import ReadinessReport, compute_readiness
from aims_desktop.store.projectfile import OpenProject
from aims_desktop.store.repository import Clock, ProjectDatabase, utc_now


def default_user() -> str:
    """The operating-system login name: a sensible 'who' until the user sets their name."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # getpass raises various errors where no login name exists
        return "unknown"


class ProjectSession:
    """The open project, the catalogue it is assessed against, and who is making changes."""

    def __init__(
        self,
        project: OpenProject,
        *,
        user: str,
        catalog: Catalog | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.project = project
        self.user = user or default_user()
        self.catalog = catalog or load_catalog()
        self.clock = clock

    @property
    def db(self) -> ProjectDatabase:
        return self.project.db

    @property
    def path(self) -> Path | None:
        return self.project.path

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled.aims"

    def today(self) -> date:
        return self.now().date()

    def now(self) -> datetime:
        return self.clock()

    @property
    def project_id(self) -> str:
        """Stable identity of the project across saves, copies and renames."""
        return self.db.project().id

    @property
    def revision(self) -> int:
        return self.db.project().revision

    def organisation(self) -> Organisation:
        return self.db.organisation()

    def assessments(self) -> dict[str, Assessment]:
        return self.db.assessments()

    def assessment(self, item_id: str) -> Assessment:
        self.catalog.item(item_id)  # unknown ids are a programming error: fail loudly
        return self.db.assessment(item_id)

    def change_log(self, limit: int | None = None) -> list[LogEntry]:
        return self.db.change_log(limit)

    def readiness(self) -> ReadinessReport:
        return compute_readiness(self.catalog, self.assessments())

    def action_plan(self) -> list[Action]:
        return action_plan(self.catalog, self.assessments(), self.today())

    def has_unsaved_changes(self) -> bool:
        return self.db.has_unsaved_changes()

    def history_check(self) -> HistoryCheck:
        """What the history's hash chain says: as found when the file was opened, or checked
        now for a project that was not opened from a file."""
        found = self.project.history
        return found if found is not None else self.db.verify_history()

    def history_head(self) -> str:
        """The head of the history's hash chain (the hash of the last saved entry)."""
        return self.db.history_head()
