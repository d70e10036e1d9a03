"""What some registers add to the generic page: their own child-record panel (a document's
versions), buttons for the record shown (an impact assessment's PDF and new version) and
shortcuts in the toolbar (from the documents to the mandatory documented information and the
drafts). Everything else about them comes from their declaration, as for every register.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION, IMPACT_ASSESSMENT
from aims_desktop.gui.registers.child_records import ChildRecordsPanel
from aims_desktop.gui.registers.document_versions import DocumentVersionsPanel
from aims_desktop.services import impact

if TYPE_CHECKING:
    from aims_desktop.gui.registers.register_page import RegisterPage

CHILD_PANELS: dict[str, type[ChildRecordsPanel]] = {DOCUMENT_VERSION: DocumentVersionsPanel}
"""Child registers whose panel does more than the generic one."""


def _button(page: QWidget, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text, page)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def record_buttons(page: RegisterPage) -> list[QPushButton]:
    """Buttons for the record the page shows."""
    if page.spec.key == IMPACT_ASSESSMENT:
        return [
            _button(
                page,
                page.tr("Print this assessment (PDF)…"),
                "printAssessment",
                lambda: page.request_report("impact-assessment"),
            ),
            _button(
                page, page.tr("Start a new version"), "newAssessmentVersion", lambda: _revise(page)
            ),
        ]
    return []


def toolbar_buttons(page: RegisterPage) -> list[QPushButton]:
    """Shortcuts in the register's toolbar."""
    if page.spec.key == DOCUMENT:
        return [
            _button(
                page,
                page.tr("Mandatory records"),
                "showMandatory",
                lambda: page.navigateRequested.emit("register:mandatory-records"),
            ),
            _button(
                page,
                page.tr("Draft a core document"),
                "showDrafting",
                lambda: page.navigateRequested.emit("register:drafting"),
            ),
        ]
    return []


def _revise(page: RegisterPage) -> None:
    record_id = page.current_id
    if record_id is None:
        return
    change = page.apply_change(lambda s: impact.new_version(s, record_id))
    if change is not None:
        page.reload()
        page.show_record(change.changes[0].entity_id)
