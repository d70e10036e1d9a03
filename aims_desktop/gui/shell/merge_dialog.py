"""File > Merge a copy…: the conflicts between the open project and the other copy, side by
side (this copy, the other copy, each with who changed it and when), and the user's choice for
each one or for all. Nothing is decided silently: Merge stays disabled until every conflict has
a side."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.gui.widgets.dates import format_stamp
from aims_desktop.gui.widgets.fields import plain_label, set_muted
from aims_desktop.services.merge import OURS, THEIRS, Conflict

VALUE_LIMIT = 400


def _value(conflict: Conflict, side: str) -> str:
    edit = conflict.ours if side == OURS else conflict.theirs
    deleted = (conflict.kind == "deleted here" and side == OURS) or (
        conflict.kind == "deleted there" and side == THEIRS
    )
    if deleted:
        text = "(deleted)"
    elif conflict.kind != "field":
        text = "(edited)" if edit is None or edit.text is None else edit.text
    else:
        text = (edit.text if edit is not None else None) or "(empty)"
    text = " ".join(text.split())
    if len(text) > VALUE_LIMIT:
        text = text[: VALUE_LIMIT - 1] + "…"
    if edit is not None:
        text += f"\n— {edit.who}, {format_stamp(edit.at)}"
    return text


def _what(conflict: Conflict) -> str:
    table, _, field = conflict.key
    subject = conflict.subject or table.replace("_", " ")
    if conflict.kind == "field":
        return f"{subject}\n{field.replace('_', ' ').capitalize()}"
    return subject


class MergeDialog(QDialog):
    """Choose a side for every conflict; `resolutions()` then says which (conflict id to
    OURS or THEIRS)."""

    COLUMNS = ("What", "This copy", "Other copy", "Keep")

    def __init__(
        self, conflicts: list[Conflict], other_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge a copy: conflicts"))
        self.conflicts = conflicts
        self._groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "%n change(s) conflict: this copy and “%1” changed the same thing differently, "
                "or one deleted what the other edited. Choose which to keep for each one, or "
                "for all. Everything else in the other copy is merged as it is.",
                "",
                len(conflicts),
            ).replace("%1", other_name)
        )
        layout.addWidget(intro)
        self.table = QTableWidget(len(conflicts), len(self.COLUMNS), self)
        self.table.setObjectName("conflictsTable")
        self.table.setAccessibleName(self.tr("Conflicts"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for row, conflict in enumerate(conflicts):
            for column, text in enumerate(
                (_what(conflict), _value(conflict, OURS), _value(conflict, THEIRS))
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            choice = QWidget(self.table)
            line = QVBoxLayout(choice)
            line.setContentsMargins(6, 2, 6, 2)
            group = QButtonGroup(choice)
            for side, label in ((OURS, self.tr("This copy")), (THEIRS, self.tr("Other copy"))):
                button = QRadioButton(label, choice)
                button.setObjectName(f"{side}_{row}")
                button.setProperty("side", side)
                group.addButton(button)
                line.addWidget(button)
            group.buttonToggled.connect(lambda *_a: self._update())
            self._groups[conflict.id] = group
            self.table.setCellWidget(row, 3, choice)
        self.table.resizeRowsToContents()
        line_height = self.fontMetrics().height()
        self.table.setColumnWidth(0, line_height * 12)
        layout.addWidget(self.table, 1)
        all_row = QHBoxLayout()
        self.all_ours = QPushButton(self.tr("Keep &this copy for all"), self)
        self.all_ours.setObjectName("allOurs")
        self.all_ours.clicked.connect(lambda: self.choose_all(OURS))
        self.all_theirs = QPushButton(self.tr("Take the &other copy for all"), self)
        self.all_theirs.setObjectName("allTheirs")
        self.all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        all_row.addWidget(self.all_ours)
        all_row.addWidget(self.all_theirs)
        all_row.addStretch(1)
        layout.addLayout(all_row)
        self.status = plain_label()
        self.status.setObjectName("mergeStatus")
        set_muted(self.status)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = QPushButton(self.tr("&Merge"), self)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setDefault(True)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(line_height * 60, line_height * 30)
        self._update()

    def choose(self, conflict_id: str, side: str) -> None:
        for button in self._groups[conflict_id].buttons():
            if button.property("side") == side:
                button.setChecked(True)

    def choose_all(self, side: str) -> None:
        for conflict in self.conflicts:
            self.choose(conflict.id, side)

    def resolutions(self) -> dict[str, str]:
        chosen = {}
        for conflict_id, group in self._groups.items():
            button = group.checkedButton()
            if button is not None:
                chosen[conflict_id] = str(button.property("side"))
        return chosen

    def _update(self) -> None:
        left = len(self.conflicts) - len(self.resolutions())
        self.merge_button.setEnabled(left == 0)
        self.status.setText(
            self.tr("%n conflict(s) still need a choice.", "", left)
            if left
            else self.tr("Every conflict has a choice: the merge is one step Undo takes back.")
        )
