"""A page that rebuilds itself from the project only while it is shown."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from aims_desktop.domain.changes import ChangeSet
from aims_desktop.domain.registers import REGISTERS


class RefreshWhenShown(QWidget):
    """A view across registers (the mandatory records, the competence matrix): a change to any
    register marks it stale, and it reloads at once if it is visible, or when it is next shown.
    Subclasses implement `reload` and connect `register_changed` to the project's signals."""

    _stale = False

    def reload(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def register_changed(self, change_set: object = None) -> None:
        if isinstance(change_set, ChangeSet) and not any(
            c.entity in REGISTERS for c in change_set.changes
        ):
            return
        self._stale = True
        if self.isVisible():
            self.reload()
