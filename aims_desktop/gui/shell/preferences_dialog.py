"""Preferences: who the user is (for the change log) and light or dark colours.

The layout lives in ui/preferences.ui (Qt Designer); this module only moves values between the
form and the stored preferences.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from aims_desktop.gui.forms.ui_preferences import Ui_PreferencesDialog
from aims_desktop.gui.shell.preferences import (
    appearance,
    set_appearance,
    set_user_name,
    stored_user_name,
)
from aims_desktop.gui.theme import Appearance
from aims_desktop.services.session import default_user

APPEARANCE_ORDER = (Appearance.SYSTEM, Appearance.LIGHT, Appearance.DARK)


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.ui = Ui_PreferencesDialog()
        self.ui.setupUi(self)
        self.ui.userNameEdit.setText(stored_user_name())
        self.ui.userNameEdit.setPlaceholderText(default_user())
        self.ui.appearanceCombo.setCurrentIndex(APPEARANCE_ORDER.index(appearance()))

    def user_name(self) -> str:
        return self.ui.userNameEdit.text().strip()

    def appearance(self) -> Appearance:
        return APPEARANCE_ORDER[max(self.ui.appearanceCombo.currentIndex(), 0)]

    def store(self) -> None:
        """Write the form's values to the settings (the caller applies them to the app)."""
        set_user_name(self.user_name())
        set_appearance(self.appearance())
