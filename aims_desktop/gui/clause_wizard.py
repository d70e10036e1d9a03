"""Clause-by-clause wizard (placeholder: replaced by the wizard work, issue 3).

Contract with the main window:
    ClauseWorkspace(context, clause_id, parent=None)  # clause_id "4".."10"
    navigateRequested = Signal(str)                     # a target: "6.1.2", "A.5", "dashboard"
    show_item(item_id)                                  # jump to a sub-clause's page
It follows context.sessionChanged / context.changed itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from aims_desktop.gui.project_context import ProjectContext


class ClauseWorkspace(QWidget):
    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, clause_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.clause_id = clause_id
        QVBoxLayout(self).addWidget(QLabel(self.tr("Clause %1").replace("%1", clause_id)))

    def show_item(self, item_id: str) -> None:
        pass
