"""New-project wizard (placeholder: replaced by the wizard work, issue 3).

Contract with the main window:
    wizard = NewProjectWizard(parent)
    if wizard.exec() == QDialog.Accepted:
        profile = wizard.profile()   # {"org_name": str, "sector": str, "size": OrgSize,
                                     #  "country": str, "roles": frozenset[AIRole],
                                     #  "ai_systems": str, "scope": str}
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget, QWizard, QWizardPage


class NewProjectWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        page = QWizardPage()
        self.name = QLineEdit(page)
        self.addPage(page)

    def profile(self) -> dict[str, Any]:
        return {"org_name": self.name.text()}
