"""Choose things to link (records, clauses and controls, documents) from a list, with a filter
as you type: shared by the links panel of every register, the evidence box of every clause and
control, and the mandatory documented information."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.gui.widgets.fields import plain_label, set_muted

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


class LinkPicker(QDialog):
    """Choose records (or clauses and controls) to link, with a filter as you type."""

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, str]],
        already: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Type to filter"))
        self.filter_edit.setAccessibleName(self.tr("Filter"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        layout.addWidget(self.filter_edit)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for target_id, label in choices:
            if target_id in already:
                continue
            item = QListWidgetItem(label)
            item.setData(TARGET_ROLE, target_id)
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        if self.list.count() == 0:
            empty = plain_label(self.tr("There is nothing more to link."))
            set_muted(empty)
            layout.addWidget(empty)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Link"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter_edit.setFocus()
        self.resize(520, 460)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        if first_visible is not None and not self.list.selectedItems():
            self.list.setCurrentItem(first_visible)

    def chosen(self) -> list[str]:
        items = [i for i in self.list.selectedItems() if not i.isHidden()]
        return [str(i.data(TARGET_ROLE)) for i in items]
