"""Annex A review (placeholder: replaced by the wizard work, issue 3).

Contract with the main window:
    AnnexAPage(context, parent=None)
    navigateRequested = Signal(str)
    show_item(item_id)                   # select a control such as "A.6.2.4"
It follows context.sessionChanged / context.changed itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from aims_desktop.gui.project_context import ProjectContext


class AnnexAPage(QWidget):
    navigateRequested = Signal(str)

    def __init__(self, context: ProjectContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        QVBoxLayout(self).addWidget(QLabel(self.tr("Annex A controls")))

    def show_item(self, item_id: str) -> None:
        pass
