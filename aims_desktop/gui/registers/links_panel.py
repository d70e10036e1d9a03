"""What a record links to and what links to it: traceability an auditor follows both ways.

Each link field of the record is a small list with "Link…" and "Unlink"; below them, the records
of other registers that point at this one. Activating any entry (double-click or Enter) goes
there. The panel edits through callbacks the page gives it, so every change is one service call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.fields import FieldSpec
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.gui.registers.table_model import plain_tooltip
from aims_desktop.gui.widgets.fields import plain_label, set_muted, set_point_size
from aims_desktop.gui.widgets.link_picker import TARGET_ROLE, LinkPicker

__all__ = ["TARGET_ROLE", "LinkPicker", "LinksPanel", "navigation_target"]


def navigation_target(register: str, record_id: str) -> str:
    """The navigation target of a linked thing: a catalogue item's id (a record to keep, such
    as "5.2:r1", goes to its item), or a record."""
    if register == "catalog":
        return record_id.split(":", 1)[0]
    return f"register:{register}:{record_id}"


class _LinkList(QListWidget):
    """A list whose entries open with Enter as well as a double-click.

    Signals:
        opened(str): the user activated the entry with this navigation target.
    """

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setUniformItemSizes(True)
        # never sideways in a narrow panel: a long label is cut, and whole in its tooltip
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(lambda item: self.opened.emit(item.data(TARGET_ROLE)))

    def fit(self) -> None:
        rows = max(1, min(self.count(), 6))
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.opened.emit(self.currentItem().data(TARGET_ROLE))
            return
        super().keyPressEvent(event)


class LinksPanel(QWidget):
    """The links of one record.

    Signals:
        navigateRequested(str): go to a linked record or clause.
    """

    navigateRequested = Signal(str)

    def __init__(
        self,
        fields: Sequence[FieldSpec],
        *,
        link: Callable[[str, list[str]], None],
        unlink: Callable[[str, list[str]], None],
        choices: Callable[[FieldSpec], list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.fields = [f for f in fields if f.is_link]
        self._link = link
        self._unlink = unlink
        self._choices = choices
        self._linked: dict[str, set[str]] = {}
        self.lists: dict[str, _LinkList] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for field in self.fields:
            title = plain_label(field.title)
            set_point_size(title, 1.0, bold=True)
            layout.addWidget(title)
            if field.help:
                help_label = plain_label(field.help)
                set_muted(help_label)
                layout.addWidget(help_label)
            links = _LinkList(self)
            links.setObjectName(f"links_{field.name}")
            links.setAccessibleName(field.title)
            links.opened.connect(self.navigateRequested)
            title.setBuddy(links)
            layout.addWidget(links)
            row = QHBoxLayout()
            add = QPushButton(self.tr("Link…"), self)
            add.setObjectName(f"link_{field.name}")
            add.setAccessibleName(self.tr("Link to %1").replace("%1", field.title))
            add.clicked.connect(lambda _c=False, f=field: self._pick(f))
            remove = QPushButton(self.tr("Unlink"), self)
            remove.setObjectName(f"unlink_{field.name}")
            remove.setAccessibleName(self.tr("Unlink from %1").replace("%1", field.title))
            remove.clicked.connect(lambda _c=False, f=field: self._remove(f))
            links.itemSelectionChanged.connect(
                lambda lst=links, b=remove: b.setEnabled(bool(lst.selectedItems()))
            )
            remove.setEnabled(False)
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch(1)
            layout.addLayout(row)
            self.lists[field.name] = links
        self.incoming_title = plain_label(self.tr("Linked from"))
        set_point_size(self.incoming_title, 1.0, bold=True)
        layout.addWidget(self.incoming_title)
        self.incoming = _LinkList(self)
        self.incoming.setObjectName("linkedFrom")
        self.incoming.setAccessibleName(self.tr("Linked from"))
        self.incoming.opened.connect(self.navigateRequested)
        self.incoming_title.setBuddy(self.incoming)
        layout.addWidget(self.incoming)
        self.no_incoming = plain_label(self.tr("No other record links here yet."))
        set_muted(self.no_incoming)
        layout.addWidget(self.no_incoming)

    def show_links(
        self,
        outgoing: Sequence[tuple[str, Sequence[tuple[str, str, str]]]],
        incoming: Sequence[tuple[str, str, str]],
    ) -> None:
        """outgoing: (field name, [(register, id, label)]); incoming: [(register, id, label)]."""
        for name, targets in outgoing:
            links = self.lists[name]
            links.clear()
            self._linked[name] = {t[1] for t in targets}
            for register, target_id, label in targets:
                item = QListWidgetItem(label)
                item.setToolTip(plain_tooltip(label))
                item.setData(TARGET_ROLE, navigation_target(register, target_id))
                item.setData(TARGET_ROLE + 1, target_id)
                links.addItem(item)
            if not targets:
                placeholder = QListWidgetItem(self.tr("Nothing linked yet"))
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                placeholder.setData(TARGET_ROLE, "")
                links.addItem(placeholder)
            links.fit()
        self.incoming.clear()
        for register, record_id, label in incoming:
            spec = REGISTERS.get(register)
            kind = spec.title if spec else register
            item = QListWidgetItem(f"{kind}: {label}")
            item.setToolTip(plain_tooltip(f"{kind}: {label}"))
            item.setData(TARGET_ROLE, navigation_target(register, record_id))
            self.incoming.addItem(item)
        self.incoming.setVisible(bool(incoming))
        self.no_incoming.setVisible(not incoming)
        if incoming:
            self.incoming.fit()

    def _pick(self, field: FieldSpec) -> None:
        picker = LinkPicker(
            self.tr("Link to %1").replace("%1", field.title),
            self._choices(field),
            self._linked.get(field.name, set()),
            self,
        )
        if self.ask(picker):
            chosen = picker.chosen()
            if chosen:
                self._link(field.name, chosen)

    def ask(self, picker: LinkPicker) -> bool:
        """Show the picker (tests replace this)."""
        return picker.exec() == QDialog.DialogCode.Accepted

    def _remove(self, field: FieldSpec) -> None:
        links = self.lists[field.name]
        ids = [str(i.data(TARGET_ROLE + 1)) for i in links.selectedItems() if i.data(TARGET_ROLE)]
        if ids:
            self._unlink(field.name, ids)
