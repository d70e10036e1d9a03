"""Suggested risks: common risks of the ways small companies use AI, to tick, link to the AI
systems they concern, and add to the register as open risks to rate and adapt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.keys import RISK
from aims_desktop.gui.project_context import ProjectContext
from aims_desktop.gui.widgets.fields import LineEdit, plain_label, set_muted, set_point_size
from aims_desktop.services import registers, risks
from aims_desktop.services.errors import UserFacingError


class SuggestionsDialog(QDialog):
    """Pick suggested risks to add. After Accept, `added` holds the new records' ids."""

    def __init__(self, context: ProjectContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        session = context.session
        if session is None:
            raise RuntimeError("suggested risks need an open project")
        self.context = context
        self.added: list[str] = []
        self.setObjectName("suggestionsDialog")
        self.setWindowTitle(self.tr("Suggested risks"))
        outer = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Risks that small companies commonly face with these uses of AI, each tied to "
                "its Annex C risk sources and with the Annex A controls that usually treat it. "
                "Tick the ones that apply to you: they are added as open risks for you to rate "
                "and adapt to your situation."
            )
        )
        set_muted(intro)
        outer.addWidget(intro)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for use in risks.USES:
            title = plain_label(use.title)
            set_point_size(title, 1.1, bold=True)
            title.setContentsMargins(0, 8, 0, 0)
            column.addWidget(title)
            about = plain_label(use.description)
            set_muted(about)
            column.addWidget(about)
            for found in (s for s in risks.SUGGESTIONS if s.use == use.key):
                box = QCheckBox(self)
                box.setObjectName(f"suggestion_{found.key}")
                box.setAccessibleName(found.title)
                text = plain_label(found.title)
                text.setBuddy(box)
                sources = ", ".join(sorted(v.value for v in found.sources))
                detail = plain_label(
                    self.tr("%1 Sources: %2. Usually treated with %3.")
                    .replace("%1", found.description)
                    .replace("%2", sources)
                    .replace("%3", ", ".join(found.controls))
                )
                set_muted(detail)
                row = QWidget(inner)
                grid = QVBoxLayout(row)
                grid.setContentsMargins(0, 4, 0, 0)
                grid.setSpacing(0)
                head = QWidget(row)
                head_row = QHBoxLayout(head)
                head_row.setContentsMargins(0, 0, 0, 0)
                head_row.setSpacing(6)
                head_row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
                head_row.addWidget(text, 1)
                grid.addWidget(head)
                detail.setContentsMargins(24, 0, 0, 0)
                grid.addWidget(detail)
                column.addWidget(row)
                text.mousePressEvent = lambda _e, b=box: b.toggle()  # type: ignore[method-assign]
                self.boxes[found.key] = box
        column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        systems_label = QLabel(self.tr("&Link them to the AI system:"), self)
        self.system_combo = QComboBox(self)
        self.system_combo.setObjectName("suggestionSystem")
        self.system_combo.addItem(self.tr("None (link later)"), "")
        for target in registers.link_targets(session, REGISTERS[RISK].field("ai_systems")):
            self.system_combo.addItem(target.label, target.id)
        systems_label.setBuddy(self.system_combo)
        outer.addWidget(systems_label)
        outer.addWidget(self.system_combo)
        owner_label = QLabel(self.tr("Risk &owner:"), self)
        self.owner_edit = LineEdit(self)
        self.owner_edit.setPlaceholderText(self.tr("Who is accountable for these risks"))
        self.owner_edit.setAccessibleName(self.tr("Risk owner"))
        owner_label.setBuddy(self.owner_edit)
        outer.addWidget(owner_label)
        outer.addWidget(self.owner_edit)
        self.error_label = plain_label()
        self.error_label.hide()
        outer.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.add_button = buttons.addButton(
            self.tr("Add to the register"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        unit = self.fontMetrics().horizontalAdvance("M")
        self.resize(min(unit * 58, 760), 460)

    def chosen(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def add(self) -> None:
        keys = self.chosen()
        system = str(self.system_combo.currentData() or "")
        owner = " ".join(self.owner_edit.text().split())
        try:
            change = self.context.apply(
                lambda s: risks.add_suggested(s, keys, [system] if system else [], owner=owner)
            )
        except UserFacingError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.added = [c.entity_id for c in change.changes if c.field == ""]
        self.accept()
