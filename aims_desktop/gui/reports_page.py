"""The Reports page (placeholder: replaced by the reports work, issue 4).

Contract with the main window: `ReportsPage(context, parent=None)`; it follows
`context.sessionChanged` itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from aims_desktop.gui.project_context import ProjectContext


class ReportsPage(QWidget):
    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Reports")))
